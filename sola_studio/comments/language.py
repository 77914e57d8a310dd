"""Which language a comment is written in: any the product supports, or one it does not.

Script decides first (kana -> ja, Han -> zh, Arabic -> ar, Devanagari -> hi, Greek -> el;
Cyrillic -> ru or uk, by the letters only one of them writes, else by their words).
Latin-script text goes to lingua, ranking every Latin-script language the product has a data
file for (not only the sheet's audience: a German viewer in a Vietnamese show writes German),
and the lexicon's language markers add their vote, because chat is short ("tem M?") and lingua
alone is unsure on two or three words. The sheet's audience and the viewer's earlier comments
are a prior that weighs only where lingua is unsure (a short comment, two languages close).
Romanised Hindi ("kitne ka hai bhai") has no lingua model; its markers carry it.
A comment of three words or more in a language the product has no templates for ("hur mycket
kostar ljuset?", "колко струва?") gets that language's code (``sv``, ``bg``): the drafter then
answers in English or the seller's language and flags it, never in a third language.
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
from functools import lru_cache
from typing import Any

from sola_studio import lang as lang_data
from sola_studio.comments import greeklish
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
_LATIN = (
    "en", "pt", "es", "de", "fr", "it", "id", "vi", "tr", "nl", "pl", "cs", "sk",
    "sv", "da", "nb", "fi", "tl", "hu", "ro", "hr", "bs", "sl",
)  # fmt: skip
# The weights below (markers, priors) were set against lingua's shares among these thirteen.
# Shares among more languages are smaller ("red ones in stock?": English 0.24 of thirteen, 0.14 of
# eighteen, Swedish taking 0.18), and one romanised Hindi marker outweighed English; so every
# share is put back on that scale, divided by what these thirteen hold together.
_CALIBRATED = _LATIN[:13]
# the languages lingua's "sure" share (_ALONE_SURE) was set among; later ones take a share too
_SURE_AMONG = _LATIN[:18]
# lingua reads short chat in other languages as these ("shipping to hong kong?", "moka pot kaç
# lira" and "da dầu dùng đc ko shop" as Tagalog, "grinder India bhejte ho?" as Swedish): one is
# picked only for a comment holding one of its own words (a marker or a cue), or one lingua is
# sure of ("Funkar stjärnan med USB?": Swedish 0.94); never Tagalog by lingua alone, which reads
# romanised Hindi and Tamil, Turkish, Indonesian and Vietnamese chat as Tagalog at 0.5-0.8
_OWN_WORDS_FIRST = (*_LATIN[13:], "sr")
_ALONE_SURE = 0.9
# letters of a language's alphabet that count as one of its own words ("følger der brændsel med
# smokeren?" has no Danish word a list holds); ä and ö are German and Finnish too
_OWN_LATIN_LETTERS = {
    "sv": frozenset("å"),
    "da": frozenset("æøå"),
    "nb": frozenset("æøå"),
    "hu": frozenset("őű"),
    "ro": frozenset("șțţ"),  # with a comma; the cedilla ţ of old keyboards (not ş: Turkish)
}
_ROMANISED = ("hi", "ar", "ta", "he")  # written in Latin letters in chat, no lingua model for that
# Serbian, Croatian and Bosnian are one language in chat ("koliko košta broj 42?"), which lingua
# splits between its Croatian and Bosnian models (its Serbian is the Cyrillic one): each of the
# three takes the share of the likelier, and which one it is goes by their own words (Serbian's
# ekavian "cena", "lepo"; Croatian's "tko", "tjedan"), else the viewer's earlier one, the
# seller's, the show's audience (_one_of_three)
_SERBO_CROATIAN = ("sr", "hr", "bs")
_NO_LATIN_MODEL = (*_ROMANISED, "sr")
# A language lingua cannot tell from a close one in chat -> that one: Malay from Indonesian
# ("berapa harga", "ada", "warna" are both). lingua ranks the close one alone; its twin takes
# the pick only on its own words (Malay "tak", "nak", "percuma", "saiz" against Indonesian
# "gak", "dong", "kak"), the viewer's earlier language, or a show for its twin's viewers only.
TWINS = {"id": "ms"}
# the twin -> the close language lingua reads it as: a Malay seller's show, or a viewer who wrote
# Malay before, leans lingua's pick the way the seller's or the viewer's own language does
PROXY = {twin: close for close, twin in TWINS.items()}
# the close language's markers its twin writes too, which tell nothing between them
_SHARED_MARKERS = {
    "ms": frozenset(("ada$", "apa$", "ini$", "itu$", "yang$", "sudah", "berapa$", "brp$"))
}
# Languages lingua knows and the product does not (no data file): a comment in one of them is
# told apart rather than answered in the nearest supported language. Latin-script languages
# rarely typed in chat are left out.
_UNSUPPORTED_LATIN = (
    "ca", "sw", "et", "lv", "lt", "sq", "az",
)  # fmt: skip
_CYRILLIC = ("ru", "uk", "bg", "sr", "mk")  # with a data file; the letters below tell them apart
_UNSUPPORTED_CYRILLIC = ("be", "kk")
# letters only one of them writes (lower case): Ukrainian і ї є ґ, Russian ы э ё, Serbian ђ ћ,
# Macedonian ѓ ќ ѕ (Belarusian writes і and ы both, and ў, which none does; Bulgarian's ъ is
# Russian's hard sign too)
_OWN_LETTERS = {
    "uk": frozenset("іїєґ"),
    "ru": frozenset("ыэё"),
    "sr": frozenset("ђћ"),
    "mk": frozenset("ѓќѕ"),
}
# ... and letters Serbian and Macedonian share ("љ", "њ", "џ", "ј"): one of those two
_SERBIAN_OR_MACEDONIAN = frozenset("јљњџ")
_NOT_OURS = frozenset("ўқғүұһәө")
# lingua's share among them below which the seller's language, half as likely or more to it,
# is the better guess ("има ли размер 40?": Russian 0.33, Bulgarian 0.29, Serbian 0.2)
_CYRILLIC_SURE = 0.5
# Urdu in the Arabic script: letters Arabic does not write (retroflex ٹ ڈ ڑ, nun ghunna ں, bari
# ye ے, do-chashmi he ھ, gol he ہ), else its short words with the Persian-style kaf and ye (an
# Arabic keyboard writes ك and ي); Persian writes neither those letters nor these words
_URDU_LETTERS = frozenset("ٹڈڑںےھہ")
_URDU_WORDS = re.compile(
    r"(?<![\u0600-\u06FF])(?:کیا|کیسے|کتنے|کتنا|کتنی|میں|نہیں|آپ|کی|کا|کے|ہے|ہیں|اور)(?![\u0600-\u06FF])"
)
_PERSIAN_LETTERS = frozenset("یکپچژگ")
_ARABIC_LETTERS = frozenset("ةيكى")
# lingua's share (among supported and unsupported languages together) that an unsupported one
# needs, on a comment of _UNSUPPORTED_WORDS language words or more, to be answered as such
_UNSUPPORTED_CONFIDENCE = 0.6
_UNSUPPORTED_WORDS = 3
# ... and lingua's full models of it and of the best supported guesses must give it this much:
# a chat line in a supported language reaches 0.83 at most on the dev sets (Indonesian with
# English words read as Tagalog), a line of a language lingua knows 0.87 or more
_UNSUPPORTED_SURE = 0.85
_LINGUA_SURE = 0.5  # lingua's top share, and its lead over the second, below which it is unsure
_LINGUA_LEAD = 0.2
_AUDIENCE_PRIOR = 0.08  # a sheet's audience language, where lingua is unsure (see _guess_latin)
_MARKER_WEIGHT = 0.22  # one marker word ~ a fifth of lingua's whole vote (tuned on the dev set)
_SELLER_PRIOR = 0.1  # the seller's language, for a viewer with no previous language
_SHORT_PREVIOUS_WEIGHT = 0.4  # the viewer's previous language on a comment of <= 3 words
_BARE_WORDS = 2  # a comment this short is read in a language outside the show only by its words
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
        elif 0x0B80 <= o <= 0x0BFF:
            counts["tamil"] += 1
        elif 0x0D00 <= o <= 0x0D7F:
            counts["malayalam"] += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            counts["hangul"] += 1
        elif 0x0E00 <= o <= 0x0E7F:
            counts["thai"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0x0370 <= o <= 0x03FF:
            counts["greek"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["hebrew"] += 1
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
    """Guess the language of a comment: any the product supports, the sheet's audience
    ``languages`` (ISO 639-1 codes) a prior where lingua is unsure, or one it does not support.

    A comment with no words gets, in this order: the viewer's ``previous`` language, the
    ``seller``'s language (given to :meth:`guess`; used when it is one of ``languages``), the
    session's usual language (the one most of its comments were confidently written in, counted
    by :meth:`guess`), and ``fallback`` (default: the first of ``languages``, a sheet's main
    audience).
    """

    def __init__(self, languages: Sequence[str] = SUPPORTED, fallback: str | None = None) -> None:
        self.audience = tuple(lang for lang in languages if lang in SUPPORTED) or SUPPORTED
        # the audience first (a tie of the session's usual language goes to it), then the rest
        self.languages = self.audience + tuple(x for x in SUPPORTED if x not in self.audience)
        self.fallback = fallback or self.audience[0]
        # confident guesses per language this session; at most len(SUPPORTED) keys
        self._tally: Counter[str] = Counter()
        self._lock = threading.Lock()
        # romanised Hindi and Arabizi ("kam el se3r?") have no lingua model: markers only
        self._latin = tuple(x for x in _LATIN if x in SUPPORTED) + tuple(
            x for x in _NO_LATIN_MODEL if x in SUPPORTED
        )

    def _lingua_scores(self, text: str) -> list[tuple[str, float]]:
        """lingua's confidence per language, computed in the helper process: lingua holds
        Python's global lock while it loads its models (~0.9 s), which would freeze the window."""
        codes = tuple(c for c in self._latin if c not in _NO_LATIN_MODEL)
        return helper.call(_lingua_confidences, codes, text)

    def _unsupported(
        self,
        text: str,
        codes: tuple[str, ...],
        rivals: tuple[str, ...],
        sure_at: float = _UNSUPPORTED_SURE,
    ) -> LanguageGuess | None:
        """The language the product does not support that ``text`` is written in, if any.

        lingua's low-accuracy mode (trigram models only: ~50 MB for every language rather than
        ~550 MB, but wrong on short text: "que tamaño es la croqueta?" is Swahili to it) names a
        candidate among ``codes``; the full models of that one language and of ``rivals`` (the
        best supported guesses) must agree. A show's first unsupported comment loads that one
        language's model (~30 MB) in the helper process."""
        if len(language_words(text).split()) < _UNSUPPORTED_WORDS:
            return None
        values = helper.call(_lingua_confidences, codes, text, True)
        if not values:
            return None
        code, value = max(values, key=lambda cv: cv[1])
        if code in SUPPORTED or value < _UNSUPPORTED_CONFIDENCE:
            return None
        pair = tuple(sorted({code, *rivals}))
        sure = dict(helper.call(_lingua_confidences, pair, text)).get(code, 0.0)
        if sure < sure_at:
            return None
        return LanguageGuess(code, round(sure, 3))

    def warm_up(self) -> None:
        """Load lingua's models now (about 2 s) rather than on the first comment."""
        for text in (
            "how much is it",
            "quanto custa",
            "cuánto cuesta",
            "was kostet das",
            "c'est combien",
            "quanto costa",
            "hoeveel kost het",
            "сколько стоит это",
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
        if previous is None and seller in self.audience:
            default: str | None = seller
        else:
            default = previous
        result = self._guess(text, previous, default, seller if seller in self.audience else None)
        if result.confidence >= _TALLY_CONFIDENCE and result.language in SUPPORTED:
            with self._lock:
                self._tally[result.language] += 1
        return result

    def _guess(
        self, text: str, previous: str | None, default: str | None, seller: str | None = None
    ) -> LanguageGuess:
        scripts = script_of(text)
        # a script only one language writes names it, audience or not (a Korean viewer in a
        # Portuguese seller's show writes Korean), supported or not (Greek: the drafter answers
        # a language with no data file in English or the seller's, flagged)
        if scripts["kana"] and "ja" in SUPPORTED:
            return LanguageGuess("ja", 0.99)
        if scripts["han"] and "zh" in self.audience:
            return LanguageGuess("zh", 0.95)
        if scripts["han"] and "ja" in self.audience:
            return LanguageGuess("ja", 0.7)
        if scripts["han"] and "zh" in SUPPORTED:
            return LanguageGuess("zh", 0.9)
        if scripts["cyrillic"] and any(c in SUPPORTED for c in _CYRILLIC):
            return self._guess_cyrillic(text, previous, seller)
        if scripts["arabic"] and "ur" in SUPPORTED and _is_urdu(text):
            return LanguageGuess("ur", 0.95)
        if scripts["arabic"] and "fa" in SUPPORTED and _is_persian(text):
            return LanguageGuess("fa", 0.9)
        for script, code in (
            ("arabic", "ar"),
            ("devanagari", "hi"),
            ("tamil", "ta"),
            ("malayalam", "ml"),
            ("hangul", "ko"),
            ("thai", "th"),
            ("greek", "el"),
            ("hebrew", "he"),
        ):
            if scripts[script]:
                return LanguageGuess(code, 0.99)
        if scripts["latin"] < 2 or len(language_words(text).replace(" ", "")) < 2:
            # nothing to tell the language by: the viewer's own or the seller's, else the usual
            return LanguageGuess(default or self.usual, 0.0)
        return self._guess_latin(text, previous, seller)

    def _guess_cyrillic(
        self, text: str, previous: str | None, seller: str | None = None
    ) -> LanguageGuess:
        """Russian or Ukrainian by the letters only one writes ("скільки", "сколько"), else by
        their words (markers, intent cues), else the viewer's previous one of them, else
        lingua between the two; then lingua's check that it is not Bulgarian, Serbian,
        Belarusian... (answered as languages without a data file), against that pick alone."""
        ours = tuple(c for c in _CYRILLIC if c in SUPPORTED)
        guess = self._ours_cyrillic(text, previous, ours, seller)
        # a pick on lingua's word alone is no evidence against a third language: Bulgarian
        # "колко струва този чайник?" is Ukrainian before Russian to it, and Bulgarian at 0.79
        # against Ukrainian
        sure = _UNSUPPORTED_SURE if guess.confidence >= 0.9 else _UNSUPPORTED_CONFIDENCE
        other = self._unsupported(text, (*ours, *_UNSUPPORTED_CYRILLIC), (guess.language,), sure)
        return other or guess

    def _ours_cyrillic(
        self, text: str, previous: str | None, ours: tuple[str, ...], seller: str | None = None
    ) -> LanguageGuess:
        low = text.lower()
        own = [c for c in ours if _OWN_LETTERS.get(c, frozenset()) & set(low)]
        if len(ours) == 1 or (len(own) == 1 and not any(ch in _NOT_OURS for ch in low)):
            return LanguageGuess((own or ours)[0], 0.99)
        if not own and _SERBIAN_OR_MACEDONIAN & set(low):
            # "љ", "њ", "џ", "ј": Serbian or Macedonian, by their words or lingua between them
            ours = tuple(c for c in ours if c in ("sr", "mk")) or ours
            if len(ours) == 1:
                return LanguageGuess(ours[0], 0.99)
        folded = fold(text)
        words = {c: _own_words(folded, c) for c in ours}
        ranked = sorted(ours, key=lambda c: words[c], reverse=True)
        if words[ranked[0]] > words[ranked[1]]:
            return LanguageGuess(ranked[0], 0.9)
        if previous in ours:
            return LanguageGuess(previous, 0.8)
        # lingua between close languages, with no letter or word of either: never sure
        values = dict(helper.call(_lingua_confidences, ours, text))
        best = max(ours, key=lambda c: values.get(c, 0.0))
        if (
            seller in ours
            and values.get(best, 0.0) < _CYRILLIC_SURE
            and values.get(seller, 0.0) >= values.get(best, 0.0) / 2
        ):
            # "има ли 40?" in a Serbian seller's show: Russian, Bulgarian or Serbian alike
            return LanguageGuess(seller, 0.7)
        return LanguageGuess(best, round(min(0.85, values.get(best, 0.0)), 3))

    def _guess_latin(
        self, text: str, previous: str | None, seller: str | None = None
    ) -> LanguageGuess:
        folded = fold(text)
        scores: dict[str, float] = dict.fromkeys(self._latin, 0.0)
        lingua = self._lingua_scores(text)
        # sure as among the eighteen languages the threshold was set with: Hungarian and
        # Romanian take a share too ("Blir strumporna mjuka efter tvätt?": Swedish 0.896)
        among = sum(v for c, v in lingua if c in _SURE_AMONG)
        # a later language's share among those eighteen and itself ("kolik stoji kvasek?" is
        # Bosnian 0.28 and Czech 0.13 to lingua: Bosnian is no surer than that)
        sure = {
            c
            for c, v in lingua
            if v / ((among + (0.0 if c in _SURE_AMONG else v)) or 1.0) >= _ALONE_SURE and c != "tl"
        }
        home = "el" in self.audience or seller == "el"
        if (
            not sure
            and "el" in SUPPORTED
            and greeklish.likely(text, home, wrote_greek=previous == "el")
        ):
            return LanguageGuess("el", 0.8)  # "poso kanei to megalo?": Greek in Latin letters
        base = sum(v for c, v in lingua if c in _CALIBRATED)
        if base > 0:
            lingua = [(c, v / base) for c, v in lingua]
        for code, value in lingua:
            if code in scores:
                scores[code] += value
        group = max((v for c, v in lingua if c in _SERBO_CROATIAN), default=0.0)
        for code in _SERBO_CROATIAN:
            if code in scores:
                scores[code] = group
        torn = [code for code, _ in sorted(lingua, key=lambda cv: cv[1], reverse=True)[:2]]
        if set(torn) & set(_SERBO_CROATIAN):
            torn += _SERBO_CROATIAN
        markers: dict[str, int] = {}
        for lang in self._latin:
            hits = _own_words(folded, lang)
            hits += bool(_OWN_LATIN_LETTERS.get(lang, frozenset()) & set(text.lower()))
            # lingua has no romanised Hindi/Arabizi: markers carry the whole vote, so count double
            scores[lang] += _MARKER_WEIGHT * hits * (2 if lang in _ROMANISED else 1)
            markers[lang] = hits
        for lang, close in TWINS.items():
            # a twin with no lingua model votes through the one lingua ranks: "boleh hantar ke
            # KL tak? nak driver carbon ni" is Indonesian to lingua (0.33 among 18 languages),
            # and Malay's four words must count, or one romanised Hindi word ("tak") outweighs it
            if lang in scores and close in SUPPORTED:
                twin_hits = _own_words(folded, close)
                scores[lang] += _MARKER_WEIGHT * max(0, twin_hits - markers[lang])
        prior = dict.fromkeys(scores, 0.0)
        shown = PROXY.get(seller or "", seller)
        if previous is None and shown in scores and shown in torn:
            # a viewer's first words in the seller's show: where the seller's language is one
            # of the two lingua ranks first ("a q hora termina el live?": pt 0.27, es 0.25),
            # the show's language weighs a little more (never one lingua ranks lower: "un code
            # promo ?" in an English show stays French). It picks, but adds no confidence: a
            # guess this unsure may still be overruled by the question words' own language
            prior[shown] = _SELLER_PRIOR
        words = len(folded.split())
        before = PROXY.get(previous or "", previous)
        if before in scores:
            # a viewer usually keeps writing in one language; on two or three words ("e G?",
            # "and in white?") lingua is guessing, so the viewer's language weighs more
            scores[before] += 0.05 if words > 3 else _SHORT_PREVIOUS_WEIGHT
        ranked = [*sorted((v for _, v in lingua), reverse=True), 0.0, 0.0]
        if words <= 3 or ranked[0] < _LINGUA_SURE or ranked[0] - ranked[1] < _LINGUA_LEAD:
            # lingua ranks every supported language, and two or three words (or chat spelling:
            # "cảm ơn shop nha" is Portuguese to it, 0.37) are often good in several: the
            # sheet's audience (who the show is for) leans the pick, adding no confidence; a
            # comment lingua is sure of is read as written, whoever the show is for
            for lang in {PROXY.get(a, a) for a in self.audience}:
                if lang in prior:
                    prior[lang] += _AUDIENCE_PRIOR
        # the seller's language and the viewer's are never left out: "var ska man sätta den?"
        # in a Swedish seller's show is Swedish to lingua (0.53), not sure of it (the sheet's
        # other audience languages are: "klarna pay in 3?" is no Swedish in a Dutch show)
        own = {shown, before}
        contenders = [
            k
            for k in scores
            if k not in _OWN_WORDS_FIRST or markers.get(k) or k in sure or k in own
        ]
        best = max(contenders or scores, key=lambda k: scores[k] + prior[k])
        if words <= _BARE_WORDS and best not in self.audience and not markers.get(best):
            # one or two words with none of that language's own ("ok", "wow", "omg", "top"):
            # lingua's pick among eleven languages is noise there (Polish for "wow"); the
            # viewer's own or the show's languages are the better guess
            near = [k for k in scores if k in self.audience or k == previous]
            if near and max(scores[k] for k in near) > 0:
                best = max(near, key=lambda k: scores[k] + prior[k])
        # the confidence is the pick's share among the audience's languages and itself: the
        # languages ranked beside them for a viewer from elsewhere do not make a guess among the
        # audience look less sure than it did (the drafter lowers a draft's confidence < 0.3)
        # (Serbian, Croatian and Bosnian count once: a show for all three is no less sure of one)
        twins = set(_SERBO_CROATIAN) - {best} if best in _SERBO_CROATIAN else set()
        total = (
            sum(
                v for k, v in scores.items() if (k in self.audience or k == best) and k not in twins
            )
            or 1.0
        )
        guess = LanguageGuess(best, round(min(1.0, scores[best] / total), 3))
        if best in _SERBO_CROATIAN:
            best = self._one_of_three(folded, best, previous, seller)
            guess = LanguageGuess(best, guess.confidence)
        twin = TWINS.get(best)
        if twin in SUPPORTED and self._twin_wins(folded, best, twin, previous, seller):
            return LanguageGuess(twin, guess.confidence)
        if markers.get(best, 0) < 2:
            # at most one word of the chosen language's own lists: maybe one the product does
            # not have ("hur mycket kostar den?" has German's "den")
            latin = tuple(c for c in self._latin if c not in _NO_LATIN_MODEL) + _UNSUPPORTED_LATIN
            rivals = tuple(sorted(scores, key=lambda k: scores[k], reverse=True)[:2])
            rivals = tuple(r for r in rivals if r not in _NO_LATIN_MODEL)
            return self._unsupported(text, latin, rivals) or guess
        return guess

    def _one_of_three(
        self, folded: str, best: str, previous: str | None, seller: str | None
    ) -> str:
        """Serbian, Croatian or Bosnian (see _SERBO_CROATIAN): of those with the most words in the
        comment, the viewer's earlier one, else the seller's, the show's audience, ``best``."""
        own = {c: _own_words(folded, c) for c in _SERBO_CROATIAN if c in SUPPORTED}
        top = max(own.values(), default=0)
        # "lijepo, koliko košta?" holds more Croatian and Bosnian words than Serbian ones
        ahead = [c for c, n in own.items() if n == top] if top else list(own)
        for c in (previous, seller, *self.audience):
            if c in ahead:
                return c
        return best if best in ahead else ahead[0]

    def _twin_wins(
        self, folded: str, lang: str, twin: str, previous: str | None, seller: str | None
    ) -> bool:
        """``twin`` rather than ``lang``, which lingua picked (see TWINS): more of the twin's
        own words than of ``lang``'s, else on a tie the viewer's earlier language, the seller's
        language, or a show for the twin's viewers and not ``lang``'s."""
        shared = _SHARED_MARKERS.get(twin, frozenset())
        markers = [m for m in LANGUAGE_MARKERS.get(lang, ()) if m not in shared]
        # its markers, and its intent cues the other does not write ("ansuran", "cicilan")
        # (a marker, a word only one of them writes, weighs twice a cue)
        own = 2 * len(find_cues(folded, LANGUAGE_MARKERS.get(twin, ())))
        own += len(find_cues(folded, _cues_apart(twin, lang)))
        theirs = 2 * len(find_cues(folded, markers))
        theirs += len(find_cues(folded, _cues_apart(lang, twin)))
        if own != theirs:
            return own > theirs
        if previous in (lang, twin):
            return previous == twin
        if seller in (lang, twin):
            # "bingkai ni brp?" in a Malaysian seller's show, whose viewers write both
            return seller == twin
        return twin in self.audience and lang not in self.audience


@lru_cache(maxsize=8)
def _cues_apart(lang: str, other: str) -> tuple[str, ...]:
    """``lang``'s intent cues that ``other`` does not write, of every intent."""
    theirs = {cue for by in INTENT_CUES.values() for cue in by.get(other, ())}
    return tuple(sorted({cue for by in INTENT_CUES.values() for cue in by.get(lang, ())} - theirs))


def _is_urdu(text: str) -> bool:
    return bool(_URDU_LETTERS & set(text)) or len(_URDU_WORDS.findall(text)) >= 2


def _is_persian(text: str) -> bool:
    """Persian (not Urdu, told first): its letters (the Persian keyboard's ی and ک, and پ چ ژ
    گ) and none only Arabic writes (ة, and the Arabic keyboard's ي, ك, ى): a Gulf or Iraqi
    "چ" or "گ" beside them is Arabic."""
    letters = set(text)
    return bool(_PERSIAN_LETTERS & letters) and not _ARABIC_LETTERS & letters


def _own_words(folded: str, lang: str) -> int:
    """How many of ``lang``'s own words the comment holds: its markers and its intent cues."""
    hits = len(find_cues(folded, LANGUAGE_MARKERS.get(lang, ())))
    return hits + sum(len(find_cues(folded, cues.get(lang, ()))) for cues in INTENT_CUES.values())


# -- in the helper process ---------------------------------------------------------------------

_detectors: dict[tuple[tuple[str, ...], bool], Any] = {}


def _lingua_confidences(
    codes: tuple[str, ...], text: str, low_accuracy: bool = False
) -> list[tuple[str, float]]:
    """Runs in :mod:`sola_studio.core.helper`: one lingua detector per language set, kept."""
    detector = _detectors.get((codes, low_accuracy))
    if detector is None:
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        isos = [getattr(IsoCode639_1, c.upper()) for c in codes]
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*isos)
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        detector = _detectors[(codes, low_accuracy)] = builder.build()
    return [
        (value.language.iso_code_639_1.name.lower(), float(value.value))
        for value in detector.compute_language_confidence_values(text)
    ]
