"""Issue 17: letters the speaker spelled come out one letter each, whatever the piece's window
(real AN4 clips of ``tests/speech_eval2/dev``, real Silero VAD, real Whisper base): the stream
wrote "NLNS 175" where the offline pass of the same clip writes "N-L-N-S 175"."""

from __future__ import annotations

import re

import numpy as np
import pytest
from test_asr_unseen import _feed, _silence

from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
from sola_studio.asr.guards import GuardOptions
from sola_studio.asr.spelling import spell_out
from sola_studio.asr.streaming import StreamingOptions, UtteranceStreamer
from sola_studio.bench.captions import SPEECH_EVAL2
from sola_studio.core.events import Word
from sola_studio.sources.audio import decode_file

DEV2 = SPEECH_EVAL2 / "dev"


def _text(words: tuple[Word, ...]) -> str:
    return "".join(w.text for w in words)


def test_a_slowly_spelled_code_is_written_one_letter_each() -> None:
    # Word timings as Whisper base gave them on AN4 clips decoded in the stream.
    code = (Word(" NLNS", 0.0, 1.52, 0.8), Word(" 175", 1.52, 2.4, 0.9))
    spelled = spell_out(code, 0.3)
    assert _text(spelled) == " N-L-N-S 175"
    assert [w.start for w in spelled[:4]] == pytest.approx([0.0, 0.38, 0.76, 1.14])
    assert spelled[3].end == pytest.approx(1.52)
    assert _text(spell_out((Word(" UMNYH6.", 0.0, 2.3),), 0.3)) == " U-M-N-Y-H-6."
    # Whisper splits a hyphenated code into words: each part is spelled, a number stays whole.
    parts = (Word(" Erase", 0.0, 0.8), Word(" CK", 0.84, 1.56), Word("-CW", 1.56, 2.38))
    assert _text(spell_out((*parts, Word("-1485", 2.38, 3.48)), 0.3)) == " Erase C-K-C-W-1485"
    cindy = (Word(" C", 0, 0.5), Word("-I", 0.5, 0.72), Word("-N", 0.72, 1.02))
    assert _text(spell_out((*cindy, Word("-DY", 1.02, 1.58)), 0.3)) == " C-I-N-D-Y"
    assert _text(spell_out((Word(" OJTKS35", 0.0, 3.0),), 0.3)) == " O-J-T-K-S-35"


def test_words_said_as_words_stay_as_written() -> None:
    said = (
        Word(" NASA", 0.0, 0.45),  # an acronym said as a word: 0.11 s a letter
        Word(" OK", 0.5, 1.5),  # two letters alone: a word as likely as a spelling
        Word(" I", 1.5, 2.0),
        Word(" Montreal", 2.0, 3.5),  # not capitalised
        Word(" N-L-N-S", 3.5, 5.0),  # already spelled
        Word(" 1985", 5.0, 7.0),  # a number
        Word(" ASK", 7.0, 8.0),  # a word said slowly (JFK's "ASK NOT"), not a spelling
    )
    assert spell_out(said, 0.3) == said
    assert spell_out((Word(" NLNS", 0.0, 1.52),), 0.0) == (Word(" NLNS", 0.0, 1.52),)


@pytest.fixture(scope="module")
def base() -> WhisperEngine:
    return WhisperEngine(resolve_asr_model("base"), device="cpu", compute_type="int8")


@pytest.mark.slow
def test_a_spelled_code_streams_one_letter_each(base: WhisperEngine) -> None:
    # "n l n s one seventy five", 3.4 s, one speaker of AN4: offline base writes "N-L-N-S 175".
    audio = np.concatenate([decode_file(DEV2 / "en_an4_an146-fclc-b.flac"), _silence(1.0)])

    def stream(options: GuardOptions) -> str:
        policy = UtteranceStreamer(base, StreamingOptions(languages=("en",), guards=options))
        return " ".join(u.text for u in _feed(policy, audio))

    merged = stream(GuardOptions(spelled_letter_s=0.0))
    assert "NLNS" in merged  # premise: the stream's window merges the letters
    tokens = re.split(r"[\s\-.,]+", stream(GuardOptions()))
    assert tokens[tokens.index("N") : tokens.index("N") + 4] == ["N", "L", "N", "S"]
    assert "175" in tokens
