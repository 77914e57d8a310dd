"""The contract every translation engine meets.

A ``Translator`` turns a batch of sentences from one language into several target languages in
one call (the captions engine calls it once per committed sentence, never once per language).
Engines: Bergamot (``fxtranslate``), CTranslate2 (Opus-MT, NLLB, M2M-100), Whisper's own
speech-to-English, and a pivot that chains two engines through English.

Language codes are ISO 639-1 (``en``, ``pt``, ``zh``...) everywhere in Sola Studio.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class TranslationRequest:
    """One text to translate into one target language.

    The glossary and phrasebook prepare a different source text per target language (a
    preferred rendering is written into the text for that target only), so engines that can
    batch mixed targets (NLLB, M2M-100) take a list of these in one call.
    """

    text: str
    source: str
    target: str


@runtime_checkable
class RequestTranslator(Translator, Protocol):
    """A :class:`Translator` that also translates mixed (text, target) requests in one batch."""

    def translate_requests(self, requests: Sequence[TranslationRequest]) -> list[str]:
        """One translation per request, in order."""
        ...


def translate_via_requests(
    translator: RequestTranslator, texts: Sequence[str], source: str, targets: Sequence[str]
) -> Mapping[str, list[str]]:
    """:meth:`Translator.translate` for an engine that batches mixed requests: every (text,
    target) as one request in a single :meth:`RequestTranslator.translate_requests` call."""
    requests = [TranslationRequest(t, source, tgt) for tgt in targets for t in texts]
    flat = translator.translate_requests(requests)
    n = len(texts)
    return {tgt: flat[i * n : (i + 1) * n] for i, tgt in enumerate(targets)}


def translate_requests(translator: Translator, requests: Sequence[TranslationRequest]) -> list[str]:
    """Translate mixed requests with any engine: one engine call when it batches mixed targets,
    else one :meth:`Translator.translate` call per (source, target) group."""
    if isinstance(translator, RequestTranslator):
        return translator.translate_requests(requests)
    out: list[str] = [""] * len(requests)
    groups: dict[tuple[str, str], list[int]] = {}
    for i, req in enumerate(requests):
        groups.setdefault((req.source, req.target), []).append(i)
    for (source, target), idxs in groups.items():
        result = translator.translate([requests[i].text for i in idxs], source, [target])
        for i, text in zip(idxs, result[target], strict=True):
            out[i] = text
    return out
