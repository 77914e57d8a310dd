"""Whisper on a language it was not asked for (tiny.en, English-only, on French speech) falls
back on video outros, confidently; on such a mismatch those are dropped, never captioned."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
from sola_studio.asr.guards import drop_mismatch_text, is_mismatch_hallucination, normalise
from sola_studio.asr.streaming import AsrUpdate, AsrWorker, StreamingOptions, UtteranceStreamer
from sola_studio.sources.audio import FileSource

# What tiny.en made of a French clip (wt_smartphone.mp3), four of its first five captions
SEEN = (
    "Please don't forget to subscribe, and if you don't like this video, "
    "I will see you in my next video,",
    "I will see you in my next video,",
    "and I will see you in my next video,",
    "Thank you very much.",
    "If you want to see this video, please click the bell to subscribe to the bell.",  # a partial
)


@pytest.mark.parametrize("text", SEEN)
def test_outros_are_dropped_on_a_language_mismatch_only(text: str) -> None:
    assert is_mismatch_hallucination(text, "en", ("fr",))
    assert not is_mismatch_hallucination(text, "en", ("en", "fr"))  # a seller may say it
    assert not is_mismatch_hallucination(text, "en", ())  # nothing to compare with


def test_ordinary_text_survives_a_mismatch() -> None:
    assert not is_mismatch_hallucination("If you say the first smartphone", "en", ("fr",))
    assert not is_mismatch_hallucination("subscribers get 10% off", "en", ("fr",))


@pytest.mark.slow
def test_tiny_en_on_french_speech_captions_no_outro(speech_dir: Path) -> None:
    engine = WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")
    policy = UtteranceStreamer(engine, StreamingOptions(languages=("fr",)))
    source = FileSource(speech_dir / "fr" / "wt_smartphone.mp3", realtime=False)
    updates: list[AsrUpdate] = []
    errors: list[BaseException] = []
    worker = AsrWorker(source, policy, updates.append, errors.append)
    source.start()
    worker.start()
    assert worker.join(timeout=600) and not errors
    texts = " ".join(u.text for u in updates).lower()
    assert texts, "the guard must not drop everything"
    for outro in ("subscribe", "next video"):
        assert outro not in texts
    assert not [u.text for u in updates if normalise(u.text) == "thank you very much"]


def test_a_phrase_sentence_inside_a_longer_decode_is_dropped_alone() -> None:
    text = "we have to be very happy today. Thank you very much. Swab, all this."
    assert (
        drop_mismatch_text(text, "en", ("fr",)) == "we have to be very happy today. Swab, all this."
    )
    assert drop_mismatch_text(text, "fr", ("fr",)) == text
