"""The contract every translation engine meets.

A ``Translator`` turns a batch of sentences from one language into several target languages in
one call (the captions engine calls it once per committed sentence, never once per language).
Engines: Bergamot (``fxtranslate``), CTranslate2 (Opus-MT, NLLB, M2M-100), Whisper's own
speech-to-English, and a pivot that chains two engines through English.

Language codes are ISO 639-1 (``en``, ``pt``, ``zh``...) everywhere in Sola Studio.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class Translator(Protocol):
    """Translates text between the language pairs it reports in :meth:`supports`."""

    name: str

    def supports(self, source: str, target: str) -> bool:
        """True when this engine can translate ``source`` -> ``target`` right now."""
        ...

    def translate(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[str]]:
        """Translate every text into every target; returns ``{target: [translation per text]}``.

        Raises :class:`sola_studio.core.errors.TranslationUnavailable` for an unsupported pair.
        """
        ...
