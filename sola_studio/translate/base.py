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


_PUNCT = ".,;:!?¡¿\"'«»()…"
_MAX_LOOP_WORDS = 4  # the longest repeated group checked (words)
_LOOP_TIMES = 3  # a group said this many times in a row is a loop


def _loops(words: Sequence[str]) -> list[tuple[int, int, int]]:
    """``(start, group length, times)`` of every run of one group of 1-4 words repeated at
    least :data:`_LOOP_TIMES` times back to back (compared without case or punctuation)."""
    keys = [w.strip(_PUNCT).casefold() for w in words]
    found: list[tuple[int, int, int]] = []
    i = 0
    while i < len(keys):
        best = (0, 1)
        for n in range(1, _MAX_LOOP_WORDS + 1):
            times = 1
            while keys[i + times * n : i + (times + 1) * n] == keys[i : i + n] and all(
                keys[i : i + n]
            ):
                times += 1
            if times >= _LOOP_TIMES and times * n > best[0] * best[1]:
                best = (n, times)
        if best[0]:
            found.append((i, best[0], best[1]))
            i += best[0] * best[1]
        else:
            i += 1
    return found


def collapse_loops(source: str, translation: str) -> str:
    """``translation`` with a decoding loop said once: a group of words an engine repeated three
    or more times in a row ("uma erva da erva da erva da pequena") when the source repeats
    nothing that way. A speaker's own repetition ("soft, soft, soft" -> "macio, macio,
    macio") is kept: the source has a loop of its own, and the translation is left as it is."""
    words = translation.split()
    if len(words) < _LOOP_TIMES or _loops(source.split()):
        return translation
    loops = _loops(words)
    if not loops:
        return translation
    out: list[str] = []
    i = 0
    for start, n, times in loops:
        out.extend(words[i:start])
        # said once, ending as the last saying ends ("Obrigado obrigado obrigado." -> "Obrigado.")
        group = words[start : start + n]
        end = words[start + n * times - 1]
        tail = end[len(end.rstrip(_PUNCT)) :]
        out.extend([*group[:-1], group[-1].rstrip(_PUNCT) + tail])
        i = start + n * times
    out.extend(words[i:])
    return " ".join(out)


def translate_via_requests(
    translator: RequestTranslator, texts: Sequence[str], source: str, targets: Sequence[str]
) -> Mapping[str, list[str]]:
    """:meth:`Translator.translate` for an engine that batches mixed requests: every (text,
    target) as one request in a single :meth:`RequestTranslator.translate_requests` call."""
    requests = [TranslationRequest(t, source, tgt) for tgt in targets for t in texts]
    flat = [
        collapse_loops(r.text, out)
        for r, out in zip(requests, translator.translate_requests(requests), strict=True)
    ]
    n = len(texts)
    return {tgt: flat[i * n : (i + 1) * n] for i, tgt in enumerate(targets)}


def translate_requests(translator: Translator, requests: Sequence[TranslationRequest]) -> list[str]:
    """Translate mixed requests with any engine: one engine call when it batches mixed targets,
    else one :meth:`Translator.translate` call per (source, target) group."""
    if isinstance(translator, RequestTranslator):
        done = translator.translate_requests(requests)
        return [collapse_loops(r.text, t) for r, t in zip(requests, done, strict=True)]
    out: list[str] = [""] * len(requests)
    groups: dict[tuple[str, str], list[int]] = {}
    for i, req in enumerate(requests):
        groups.setdefault((req.source, req.target), []).append(i)
    for (source, target), idxs in groups.items():
        result = translator.translate([requests[i].text for i in idxs], source, [target])
        for i, text in zip(idxs, result[target], strict=True):
            out[i] = collapse_loops(requests[i].text, text)
    return out
