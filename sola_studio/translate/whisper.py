"""Whisper's own speech-to-English translation, as an option of the captions engine.

Whisper translates *audio* into English (``task="translate"``), so it is no text
:class:`~sola_studio.translate.base.Translator`. The captions engine asks
:func:`english_from_speech` whether to run a second, translating decode for English (when the
seller speaks another language, English is a target, and no text engine reaches English), and
uses :class:`WhisperSpeechTranslator` on the committed segment's audio.

Measured trade-off: a second decode of the same audio costs about as much as the transcription
itself (base int8, 2 threads), while a text engine costs ~15 ms a sentence; so this path is the
fallback, never the default when a text model exists. This module never loads a model itself:
the faster-whisper model comes in through the constructor.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sola_studio.core.errors import TranslationUnavailable
from sola_studio.translate.base import Translator

log = logging.getLogger(__name__)


def english_from_speech(
    spoken: str, targets: Sequence[str], text_engine: Translator | None, multilingual: bool = True
) -> bool:
    """True when English captions should come from Whisper's ``task="translate"``."""
    if spoken == "en" or "en" not in targets or not multilingual:
        return False
    return text_engine is None or not text_engine.supports(spoken, "en")


class WhisperSpeechTranslator:
    """Runs a faster-whisper model with ``task="translate"`` on a segment's audio."""

    name = "whisper-translate"

    def __init__(self, model: Any, beam_size: int = 1) -> None:
        self.model = model
        self.beam_size = beam_size
        if not getattr(model, "model", None) or not model.model.is_multilingual:
            raise TranslationUnavailable(
                "this Whisper model is English-only and cannot translate speech",
                fix="use a multilingual model: sola-studio models install base",
            )

    def translate_audio(self, audio: Any, spoken: str) -> str:
        """English text for ``audio`` (16 kHz mono float32) spoken in ``spoken``."""
        segments, _info = self.model.transcribe(
            audio,
            language=spoken,
            task="translate",
            beam_size=self.beam_size,
            condition_on_previous_text=False,
        )
        return " ".join(s.text.strip() for s in segments).strip()
