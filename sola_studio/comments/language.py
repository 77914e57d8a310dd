"""Which of the audience languages a comment is written in.

Script decides first (kana -> ja, Han -> zh, Arabic -> ar, Devanagari -> hi). Latin-script text
goes to lingua, restricted to the audience languages, and the lexicon's language markers add
their vote, because chat is short ("tem M?") and lingua alone is unsure on two or three words.
Romanised Hindi ("kitne ka hai bhai") has no lingua model; its markers carry it.
A comment with no words of any language in it ("XXL?", "42??", "😍😍") gets the viewer's previous
language, else the seller's (the live is hosted in it, so every viewer follows it), else the
language most of this session's comments were confidently written in, else the fallback (the
first audience language): never a guess from the letters of a size.

It never translates and never raises on odd input: a comment of emoji alone is "unknown" (the
fallback language with confidence 0).
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sola_studio import lang as lang_data
from sola_studio.comments.lexicon import (
    INTENT_CUES,
    LANGUAGE_MARKERS,
    SIZE_LETTER_RE,
    find_cues,
    fold,
)
from sola_studio.core import helper

log = logging.getLogger(__name__)

# Every language with a data file (sola_studio/lang/data). Telling a new one apart needs more than
# its file: its script below, or a lingua model (_LATIN), or markers in Latin letters (_ROMANISED).
SUPPORTED: tuple[str, ...] = lang_data.languages()
_LATIN = ("en", "pt", "es", "de", "fr", "it", "id", "vi", "tr")
_ROMANISED = ("hi", "ar")  # written in Latin letters in chat, without a lingua model
_MARKER_WEIGHT = 0.22  # one marker word ~ a fifth of lingua's whole vote (tuned on the dev set)
_SELLER_PRIOR = 0.1  # the seller's language, for a viewer with no previous language
_SHORT_PREVIOUS_WEIGHT = 0.4  # the viewer's previous language on a comment of <= 3 words
# A guess this sure counts towards the session's usual language (the fallback for comments with
# no words). On the dev set's Latin-script comments, with no previous language, 155 of 173 right
# guesses reach 0.5 and 1 of 3 wrong ones; a majority vote needs no more.
_TALLY_CONFIDENCE = 0.5
# Words that belong to no language: sizes by letter ("XXL", "gg"), and anything with a digit
# ("42", "38/39", "NDT-180", "2x"). lingua reads "XXL?" as German.
_NEUTRAL_TOKEN = re.compile(r"(?:" + SIZE_LETTER_RE.pattern + r"|\S*\d\S*)")


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confidence: float


def script_of(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for ch in text:
        if not ch.isalpha():
            continue
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            counts["han"] += 1
        elif 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F:
            counts["arabic"] += 1
        elif 0x0900 <= o <= 0x097F:
            counts["devanagari"] += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            counts["hangul"] += 1
        elif 0x0E00 <= o <= 0x0E7F:
            counts["thai"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["cyrillic"] += 1
        elif o < 0x250 or unicodedata.name(ch, "").startswith("LATIN"):
            counts["latin"] += 1
        else:
            counts["other"] += 1
    return counts


def language_words(text: str) -> str:
    """``text`` folded, without its words that belong to no language (sizes by letter, anything
    with a digit) and without punctuation: what is left to tell the language by."""
    words = re.findall(r"[^\W_]+(?:[-'.][^\W_]+)*", fold(text))
    return " ".join(w for w in words if not _NEUTRAL_TOKEN.fullmatch(w))


class LanguageIdentifier:
    """Guess the language of a comment among ``languages`` (ISO 639-1 codes).

    A comment with no words gets, in this order: the viewer's ``previous`` language, the
    ``seller``'s language (given to :meth:`guess`; used when it is one of ``languages``), the
    session's usual language (the one most of its comments were confidently written in, counted
    by :meth:`guess`), and ``fallback`` (default: the first of ``languages``, a sheet's main
    audience).
    """

    def __init__(self, languages: Sequence[str] = SUPPORTED, fallback: str | None = None) -> None:
        self.languages = tuple(lang for lang in languages if lang in SUPPORTED) or SUPPORTED
        self.fallback = fallback or self.languages[0]
        # confident guesses per language this session; at most len(SUPPORTED) keys
        self._tally: Counter[str] = Counter()
        self._lock = threading.Lock()
        # romanised Hindi and Arabizi ("kam el se3r?") have no lingua model: markers only
        self._latin = tuple(lang for lang in _LATIN if lang in self.languages) + tuple(
            lang for lang in _ROMANISED if lang in self.languages
        )

    def _lingua_scores(self, text: str) -> list[tuple[str, float]]:
        """lingua's confidence per language, computed in the helper process: lingua holds
        Python's global lock while it loads its models (~0.9 s), which would freeze the window."""
        codes = tuple(c for c in self._latin if c not in _ROMANISED)
        return helper.call(_lingua_confidences, codes, text)

    def warm_up(self) -> None:
        """Load lingua's models now (about 2 s) rather than on the first comment."""
        for text in (
            "how much is it",
            "quanto custa",
            "cuánto cuesta",
            "was kostet das",
            "c'est combien",
            "quanto costa",
        ):
            self._guess(
                text, None, None
            )  # not counted: the session's own comments decide its usual

    @property
    def usual(self) -> str:
        """The session's usual language (see the class docstring), else the fallback."""
        with self._lock:
            if not self._tally:
                return self.fallback
            top = max(self._tally.values())
            # a tie goes to the language listed first (a sheet lists its main audience first)
            return next(lang for lang in self.languages if self._tally[lang] == top)

    def guess(
        self, text: str, previous: str | None = None, *, seller: str | None = None
    ) -> LanguageGuess:
        """The language of ``text``; ``previous`` is the viewer's last one, ``seller`` the
        language the live is hosted in."""
        if previous is None and seller in self.languages:
            default: str | None = seller
        else:
            default = previous
        result = self._guess(text, previous, default, seller if seller in self.languages else None)
        if result.confidence >= _TALLY_CONFIDENCE:
            with self._lock:
                self._tally[result.language] += 1
        return result

    def _guess(
        self, text: str, previous: str | None, default: str | None, seller: str | None = None
    ) -> LanguageGuess:
        scripts = script_of(text)
        # a script only one language writes names it, audience or not (a Korean viewer in a
        # Portuguese seller's show writes Korean): every language with a data file counts
        known = set(self.languages) | set(SUPPORTED)
        if scripts["kana"] and "ja" in known:
            return LanguageGuess("ja", 0.99)
        if scripts["han"] and "zh" in self.languages:
            return LanguageGuess("zh", 0.95)
        if scripts["han"] and "ja" in self.languages:
            return LanguageGuess("ja", 0.7)
        if scripts["han"] and "zh" in known:
            return LanguageGuess("zh", 0.9)
        for script, code in (
            ("arabic", "ar"),
            ("devanagari", "hi"),
            ("hangul", "ko"),
            ("thai", "th"),
            ("cyrillic", "ru"),
        ):
            if scripts[script] and code in known:
                return LanguageGuess(code, 0.99)
        if scripts["latin"] < 2 or len(language_words(text).replace(" ", "")) < 2:
            # nothing to tell the language by: the viewer's own or the seller's, else the usual
            return LanguageGuess(default or self.usual, 0.0)
        return self._guess_latin(text, previous, seller)

    def _guess_latin(
        self, text: str, previous: str | None, seller: str | None = None
    ) -> LanguageGuess:
        folded = fold(text)
        scores: dict[str, float] = dict.fromkeys(self._latin, 0.0)
        lingua = self._lingua_scores(text)
        for code, value in lingua:
            if code in scores:
                scores[code] += value
        torn = [code for code, _ in sorted(lingua, key=lambda cv: cv[1], reverse=True)[:2]]
        for lang in self._latin:
            cues = LANGUAGE_MARKERS.get(lang, ())
            hits = len(find_cues(folded, cues))
            for by_lang in INTENT_CUES.values():
                hits += len(find_cues(folded, by_lang.get(lang, ())))
            # lingua has no romanised Hindi/Arabizi: markers carry the whole vote, so count double
            scores[lang] += _MARKER_WEIGHT * hits * (2 if lang in _ROMANISED else 1)
        prior = dict.fromkeys(scores, 0.0)
        if previous is None and seller in scores and seller in torn:
            # a viewer's first words in the seller's show: where the seller's language is one
            # of the two lingua ranks first ("a q hora termina el live?": pt 0.27, es 0.25),
            # the show's language weighs a little more (never one lingua ranks lower: "un code
            # promo ?" in an English show stays French). It picks, but adds no confidence: a
            # guess this unsure may still be overruled by the question words' own language
            prior[seller] = _SELLER_PRIOR
        if previous in scores:
            # a viewer usually keeps writing in one language; on two or three words ("e G?",
            # "and in white?") lingua is guessing, so the viewer's language weighs more
            words = len(folded.split())
            scores[previous] += 0.05 if words > 3 else _SHORT_PREVIOUS_WEIGHT
        best = max(scores, key=lambda k: scores[k] + prior[k])
        total = sum(scores.values()) or 1.0
        return LanguageGuess(best, round(scores[best] / total, 3))


# -- in the helper process ---------------------------------------------------------------------

_detectors: dict[tuple[str, ...], Any] = {}


def _lingua_confidences(codes: tuple[str, ...], text: str) -> list[tuple[str, float]]:
    """Runs in :mod:`sola_studio.core.helper`: one lingua detector per language set, kept."""
    detector = _detectors.get(codes)
    if detector is None:
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        isos = [getattr(IsoCode639_1, c.upper()) for c in codes]
        detector = _detectors[codes] = LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build()
    return [
        (value.language.iso_code_639_1.name.lower(), float(value.value))
        for value in detector.compute_language_confidence_values(text)
    ]
