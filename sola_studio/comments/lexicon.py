"""The comment desk's multilingual lexicons (intent cues, sizes, colours, countries, steering
attempts) and how they are matched.

The words are written by hand, because no library knows how live-shopping viewers ask "tem M?"
or "kitne ka hai bhai", and live in the language data files (:mod:`sola_studio.lang`: one file
per language, plus ``common.yaml`` for the multilingual entity words); this module turns them
into the tables the desk reads. Latin-script cues are matched on folded text (lower case, accents
removed) at a word start, so ``envi`` matches ``envio``/``envían``; a cue ending in ``$`` must
end a word. Other scripts are matched as substrings. Every intent cue carries the language it
belongs to, which also helps language identification of short comments.

Tables, plus the folding and matching helpers; it never decides an intent on its own
(that is :mod:`sola_studio.comments.understand`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from sola_studio import lang as lang_data
from sola_studio.comments.events import Intent

fold = lang_data.fold


def is_latin_cue(cue: str) -> bool:
    return all(ord(ch) < 0x250 for ch in cue.rstrip("$"))


# the vowels an inflected Latin or Cyrillic word may end in ("tatry", "türkiye", "коралова")
_FINAL_VOWELS = "aeiouyаеёиоуыэюяій"


def case_stem(word: str, shortest: int, most_cut: int) -> str | None:
    """``word`` without its final vowels, where that leaves ``shortest`` letters or more and
    takes off at most ``most_cut``: the stem its case forms are matched by ("tatr" of
    "tatry", for "na tatrach"); None otherwise."""
    stem = word.rstrip(_FINAL_VOWELS)
    return stem if len(stem) >= shortest and len(word) - len(stem) <= most_cut else None


_NOTE = re.compile(r"\s*(?:\([^)]*\)|\[[^\]]*\])")


def without_notes(text: str) -> str:
    """``text`` without the notes a seller writes in brackets: "PayPay (Japan only)" is named
    "PayPay", "mel (27)" is said "mel", "Curly wig (human hair)" ends in "wig"."""
    return _NOTE.sub("", text).strip()


# A thing that broke or arrived damaged may be a return or a warranty case: both are said.
DAMAGE_CUES = lang_data.all_words("damage_cues")
# A shop buying to sell on ("wholesale?", "cena hurtowa", "por mayoreo") asks the sheet's
# quantity discount.
_WHOLESALE_CUES = lang_data.all_words("wholesale_cues")


# a discount from this many pieces is a wholesale rate; "15% from 3" is a bundle, which a shop
# asking for wholesale is not answered with (the read sets: such a sheet's FAQ says "from 20
# pieces, message us", or the seller is to say)
WHOLESALE_MIN = 10


def asks_wholesale(folded: str) -> bool:
    return bool(find_cues(folded, _WHOLESALE_CUES))


# intent -> language -> cues. A cue may be a short regex (``\d+x``).
INTENT_CUES: Mapping[Intent, Mapping[str, tuple[str, ...]]] = {
    Intent(name): by_lang for name, by_lang in lang_data.per_language("intent_cues").items()
}

# More specific intents win ties: "quanto custa o frete" is about shipping, not price;
# "hi! how much" is a price question, not a greeting.
INTENT_PRIORITY: tuple[Intent, ...] = (
    Intent.RETURNS,
    Intent.PAYMENT,
    Intent.SHIPPING,
    Intent.DISCOUNT,
    Intent.MATERIAL,
    Intent.SIZE_STOCK,
    Intent.PRICE,
    Intent.GREETING,
    Intent.OTHER,
)

# Words that mark a language without marking an intent (for short-comment language id).
LANGUAGE_MARKERS: Mapping[str, tuple[str, ...]] = {
    data.code: data.language_markers for data in lang_data.tables().each() if data.language_markers
}

_COMMON = lang_data.common()
# Sizes: canonical label -> cues (folded). Brazilian P/G/GG are S/L/XL.
SIZE_WORDS: Mapping[str, tuple[str, ...]] = lang_data.all_languages("size_words")
_SIZE_LETTERS = _COMMON.size_letters
# longest first, so "xxl" is not read as "xl"
SIZE_LETTER_RE = re.compile(
    r"(?<![a-z0-9'\u00c0-\u024f])("
    + "|".join(re.escape(k) for k in sorted(_SIZE_LETTERS, key=len, reverse=True))
    + r")(?![a-z0-9'\u00c0-\u024f])"  # any Latin letter: the "m" of Turkish "mı" is no M
)
# Portuguese "P/G/GG" only count as sizes next to a size word or alone ("tem G?"), because
# "p" and "g" are common abbreviations elsewhere.
_WEAK_SIZE_LETTERS = _COMMON.weak_size_letters
COLOUR_WORDS: Mapping[str, tuple[str, ...]] = lang_data.all_languages("colour_words")
# Countries viewers name; localised names come from babel at load time, these are the
# nicknames, abbreviations and cities babel does not know. ISO alpha-2 -> cues.
COUNTRY_EXTRA: Mapping[str, tuple[str, ...]] = _COMMON.country_cues
# Countries whose babel names (in every audience language) are matched too.
MORE_COUNTRIES: tuple[str, ...] = _COMMON.more_countries
# Regional-indicator flags (🇧🇷) name a country too: decoded in understand.py.

# Comments that try to steer the reply. Any hit flags the comment; the draft is still built
# from the sheet alone, so a hit never changes a fact. ("is shipping free?" is a fair question,
# answered from the sheet; only orders to *say* something are steering.)
STEERING_CUES: tuple[str, ...] = lang_data.all_words("steering_cues")


@dataclass(frozen=True)
class CueHit:
    intent: Intent
    language: str
    cue: str


# a Latin letter folding keeps (đ, ł, ß, ø, ı): a cue starting after one starts mid-word ("oi$",
# a Portuguese greeting, had matched the Vietnamese "đôi", pair); other scripts still border a
# Latin cue ("ส่งUSAไหม")
_LATIN_WORD = r"a-z0-9\u00c0-\u024f"


@cache  # a few thousand cues, compiled once
def cue_regex(cue: str) -> re.Pattern[str]:
    whole = cue.endswith("$")
    body = cue[:-1] if whole else cue
    if is_latin_cue(body):
        end = rf"(?![{_LATIN_WORD}])" if whole else ""
        return re.compile(rf"(?<![{_LATIN_WORD}])" + body + end)
    if whole and all("\u0370" <= ch <= "\u03ff" or ch == " " for ch in body):
        # a Greek cue ending a word: "ποσο$" is no "ποσοτητα" (quantity)
        return re.compile(rf"(?<!\w){re.escape(body)}(?!\w)")
    if whole and len(body) > 1 and all("\u0400" <= ch <= "\u04ff" or ch == " " for ch in body):
        # a Cyrillic word: Bulgarian "ще$" (will) is not inside Russian "еще"; the one-letter
        # connectors ("а$", "и$") still match anywhere, as they always have
        return re.compile(rf"(?<!\w){re.escape(body)}(?!\w)")
    return re.compile(re.escape(body))


def find_cues(folded: str, cues: Iterable[str]) -> list[str]:
    """The cues of ``cues`` present in ``folded`` text."""
    return [cue for cue in cues if cue_regex(cue).search(folded)]


def cue_position(folded: str, cue: str) -> int:
    """Where ``cue`` first matches in ``folded`` (-1: nowhere)."""
    m = cue_regex(cue).search(folded)
    return m.start() if m else -1


def strip_cues(folded: str, cues: Iterable[str]) -> str:
    """``folded`` with every match of ``cues`` blanked out (what the rest of a comment says)."""
    for cue in cues:
        folded = cue_regex(cue).sub(" ", folded)
    return folded


# A bare "how much" ("combo ile?", "pashmina brp kak 😍"): the price only where no other cue
# is hit ("ile dni?" is shipping, "tebal berapa mm?" a spec).
PRICE_ALONE: Mapping[str, tuple[str, ...]] = {
    data.code: data.price_alone_cues for data in lang_data.tables().each() if data.price_alone_cues
}


def intent_hits(folded: str) -> list[CueHit]:
    hits: list[CueHit] = []
    for intent, by_lang in INTENT_CUES.items():
        for lang, cues in by_lang.items():
            for cue in find_cues(folded, cues):
                hits.append(CueHit(intent, lang, cue))
    if all(hit.intent is Intent.GREETING for hit in hits):
        for lang, cues in PRICE_ALONE.items():
            hits.extend(CueHit(Intent.PRICE, lang, cue) for cue in find_cues(folded, cues))
    return hits


_SIZE_LEAD_INS = _COMMON.size_lead_ins  # "ainda tem GG branca?" (held-out): "tem" leads in


def size_letters(folded: str) -> list[str]:
    """Canonical sizes named by letter (``M``, ``XL``); weak Brazilian letters only alone,
    after a lead-in ("tem G", "tamanho P") or before a colour ("GG branca")."""
    found = []
    short = len(folded.split()) <= 4
    for m in SIZE_LETTER_RE.finditer(folded):
        token = m.group(1)
        before = folded[: m.start()].split()[-1:] or [""]
        after = folded[m.end() :].split()[:1] or [""]
        if (
            token in _WEAK_SIZE_LETTERS
            and not short
            and before[0] not in _SIZE_LEAD_INS
            and not _is_colour_word(after[0])
        ):
            continue
        found.append(_SIZE_LETTERS[token])
    return found


# A number right after one of these words is a size, whatever sizes the product comes in: "tem
# tamanho 37?" asks for a size the T-shirt (S-XL) does not have, and must be told so, not be
# shown the whole stock list. Before 码/号 (zh "37码") and after サイズ (ja) it is a size too.
_SIZE_NUMBER_WORDS = _COMMON.size_number_words
_SIZE_NUMBER_RE = re.compile(
    r"(?:(?<![a-z0-9])(?:"
    + "|".join(_SIZE_NUMBER_WORDS)
    + r")(?![a-z])\s*[:.]?\s*(\d{1,2}(?:[.,]5)?)|(\d{1,2}(?:[.,]5)?)\s*(?:码|号|號))(?![\d%])"
)


def size_numbers(folded: str) -> list[str]:
    """Sizes given by number after a size word ("tamanho 37", "size 9.5", "37码"), as written
    (a decimal comma as a point)."""
    return [(m.group(1) or m.group(2)).replace(",", ".") for m in _SIZE_NUMBER_RE.finditer(folded)]


def _is_colour_word(word: str) -> bool:
    return bool(word) and any(find_cues(word, cues) for cues in COLOUR_WORDS.values())


# "Free" in a shipping question, the desk's languages (folded): "is shipping free?", "frete
# grátis?", "darmowa wysyłka?", "kargo bedava mı", "包邮吗".
# (facts.FREE_WORDS reads drafts, interest-free included; these read comments, as cues)
FREE_CUES = (
    "free$",
    "gratis",
    "gratuit",
    "kostenlos",
    "versandkostenfrei",
    "darmow",
    "bezplatn",
    "bezpłatn",
    "ucretsiz",
    "ücretsiz",
    "bedava",
    "бесплатн",
    "مجان",
    "無料",
    "무료",
    "免费",
    "包邮",
    "मुफ्त",
    "muft",
    "mien phi",
    "ฟรี",
)
