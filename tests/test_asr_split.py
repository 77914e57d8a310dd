"""Long speech is cut where the speaker draws breath, decided from the audio alone (real Silero
VAD on a real recording of French talk): the cuts do not depend on how the audio arrives, and
the committed captions do not depend on how fast the machine decodes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers import SPEECH
from test_asr_streaming import write_wav

from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
from sola_studio.asr.streaming import StreamingOptions
from sola_studio.asr.vad import WINDOW, GateOptions, SpeechGate, StreamingVad, Utterance
from sola_studio.bench.captions import _Recording
from sola_studio.bench.streaming import ModelledCost, replay
from sola_studio.sources.audio import SAMPLE_RATE, decode_file


@pytest.fixture(scope="module")
def talk() -> np.ndarray:
    """The first 60 s of three minutes of fast, spontaneous French (few pauses of 0.35 s)."""
    return decode_file(SPEECH / "fr" / "wt_smartphone.mp3")[: 60 * SAMPLE_RATE]


def _utterances(audio: np.ndarray, blocks: list[int], options: GateOptions) -> list[Utterance]:
    gate = SpeechGate(options)
    out: list[Utterance] = []
    i = k = 0
    while i < len(audio):
        n = blocks[k % len(blocks)]
        gate.push(audio[i : i + n])
        out += gate.pop_finished()
        i += n
        k += 1
    gate.flush()
    return out + gate.pop_finished()


def test_long_speech_is_cut_at_breaths_however_the_audio_arrives(talk: np.ndarray) -> None:
    options = GateOptions()
    said = _utterances(talk, [1600], options)
    assert said == _utterances(talk, [512 * 3 + 17, 4000, 333], options)

    unsplit = _utterances(talk, [1600], GateOptions(split_after_s=None))
    longest = max(u.end - u.start for u in unsplit if u.end is not None)
    assert longest > options.max_utterance_s, "premise: this talk has long unbroken speech"

    pieces = [u for u in said if u.cut_at is not None]
    assert len(pieces) >= 3
    probs = StreamingVad().push(talk)
    for u in said:
        assert u.end is not None and u.end - u.start <= options.max_utterance_s + 0.05
    for u in pieces:
        assert u.end is not None and u.cut_at is not None
        # Cut inside a dip of the speech probability, not through a word.
        window = int(u.cut_at * SAMPLE_RATE) // WINDOW
        assert probs[window] < options.neg_threshold
        assert u.end - u.start >= options.min_piece_s
    # Together the pieces still hold all the speech the unsplit gate heard.
    covered = sum(u.speech_s for u in said)
    assert covered == pytest.approx(sum(u.speech_s for u in unsplit), rel=0.05)


@pytest.mark.slow
def test_committed_captions_do_not_depend_on_the_machine_speed(
    talk: np.ndarray, tmp_path: Path
) -> None:
    """Before, long speech was committed where two passes agreed, so where commits fell (and
    what was committed) depended on when passes ended: the French WER of one policy read 17 % in
    one real-time run and 21 % in the next. Now a slower machine makes fewer partial passes but
    commits the very same captions."""
    base = WhisperEngine(resolve_asr_model("base"), device="cpu", compute_type="int8")
    clip = write_wav(tmp_path / "talk.wav", talk[: 40 * SAMPLE_RATE])
    recs = [_Recording(clip, "")]
    options = StreamingOptions(languages=("fr",))
    fast, fast_policy = replay(ModelledCost(base, speed=0.8), recs, options)
    slow, slow_policy = replay(ModelledCost(base, speed=2.5), recs, options)
    assert fast_policy._gate.splits >= 1
    assert slow_policy.passes < fast_policy.passes
    assert fast == slow
    words = fast[0].lower()
    assert "smartphone" in words and "navigation" in words
