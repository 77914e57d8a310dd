"""Whisper's own speech-to-English translation with the real multilingual base model."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.whisper import WhisperSpeechTranslator, english_from_speech


def test_when_to_use_it(bergamot: BergamotTranslator) -> None:
    assert english_from_speech("fr", ["en", "pt"], bergamot)  # no fr->en text model here
    assert not english_from_speech("pt", ["en"], bergamot)  # Bergamot pt->en is better
    assert not english_from_speech("en", ["pt"], bergamot)
    assert not english_from_speech("fr", ["pt"], bergamot)
    assert not english_from_speech("fr", ["en"], None, multilingual=False)


@pytest.mark.slow
def test_french_speech_to_english(speech_dir: Path) -> None:
    from faster_whisper import decode_audio

    from sola_studio.models import load_whisper, resolve_model

    model = load_whisper(resolve_model("base"), device="cpu", compute_type="int8", cpu_threads=2)
    translator = WhisperSpeechTranslator(model)
    audio = decode_audio(str(speech_dir / "fr" / "wt_smartphone.mp3"), sampling_rate=16000)
    english = translator.translate_audio(audio[: 16000 * 12], "fr").lower()
    # The speaker talks about what makes the smartphone strong; English words, not French.
    assert "smartphone" in english
    assert any(w in english for w in ("the ", " is ", " what ", " it ")), english
    assert "c'est" not in english
