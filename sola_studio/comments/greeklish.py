"""Greek written in Latin letters ("poso kanei to megalo?", "exete kwdiko ekptwshs?"): how much
of Greek chat is typed, on phones and keyboards set to Latin. lingua has no model for it and
reads it as Romanian, Italian or Polish (round 28: 34 of the Greek seller's 130 lines), so the
desk answered Greek viewers in a third language and found no cue in their words.

Both scripts are reduced to one skeleton, which keeps what Greeklish writers agree on and drops
what they spell several ways: ω and ο are "o"; η, ι, υ, ει, οι "i"; αι "e"; ου "u"; αυ "av" or
"au"; θ "th" or "8"; ξ "ks" or "3"; χ "x", "ch" or "kh"; μπ "b" or "mp"; ντ "d" or "nt". A
Latin word is Greek when its skeleton is that of a word of the Greek language file (its cues,
markers and chat words) or of the seller's Greek sheet texts, or starts with one of its cue
stems ("ekptwshs" and εκπτωσ). Short words are left out of the count ("to", "na", "se", "me"
are English, Slavic and Spanish words too), and so are words other languages' files write
("den", "eine", "tem").

:func:`likely` tells a comment that is Greeklish; :func:`reading` puts its Greek words back in
Greek letters (numbers, codes and unknown names as written), so that the Greek cues, the sheet's
Greek names and the Greek templates serve it as they serve Greek typed in Greek.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.lexicon import fold

_GREEK_PAIRS = (
    ("ου", "U"), ("ει", "i"), ("οι", "i"), ("υι", "i"), ("αι", "e"), ("αυ", "aV"),
    ("ευ", "eV"), ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "ng"),
)  # fmt: skip
_GREEK_LETTERS = str.maketrans(
    {
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "8",
        "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "3", "ο": "o", "π": "p",
        "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "i", "φ": "f", "χ": "x", "ψ": "ps",
        "ω": "o",
    }
)  # fmt: skip
_LATIN_PAIRS = (
    ("th", "8"), ("ch", "x"), ("kh", "x"), ("ph", "f"), ("ks", "3"), ("ou", "U"), ("ei", "i"),
    ("oi", "i"), ("ai", "e"), ("au", "aV"), ("ay", "aV"), ("eu", "eV"), ("ey", "eV"),
    ("mp", "b"), ("nt", "d"), ("gk", "g"), ("gg", "ng"),
)  # fmt: skip
_LATIN_LETTERS = str.maketrans({"h": "i", "w": "o", "y": "i", "u": "i", "c": "k"})
_GREEK_WORD = re.compile(r"[\u0370-\u03ff]+")
_LATIN_WORD = re.compile(r"[a-z]+")
# spellings whose skeleton is another word's: "geia" (hello) and "gia" (for) are both "gia"
_SPELLED = {"geia": "γεια"}
_COUNTED = 3  # letters a word needs to count as evidence
_STEM = 5  # a cue stem this long (skeleton letters) matches a word it starts


def greek_skeleton(word: str) -> str:
    """A folded Greek word's skeleton ("μεταφορικα" -> "metaforika", "ευχαριστω" ->
    "euxaristo")."""
    for pair, out in _GREEK_PAIRS:
        word = word.replace(pair, out)
    return word.translate(_GREEK_LETTERS).replace("U", "u").replace("V", "v")


def latin_skeleton(word: str) -> str:
    """A folded Latin word's skeleton as Greeklish writes it ("euxaristw" -> "euxaristo",
    "taksidiou" -> "ta3idiu")."""
    for pair, out in _LATIN_PAIRS:
        word = word.replace(pair, out)
    return word.translate(_LATIN_LETTERS).replace("U", "u").replace("V", "v")


def _greek_words(texts: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for text in texts:
        for word in _GREEK_WORD.findall(fold(text)):
            out.setdefault(greek_skeleton(word), word)
    for word in list(out.values()):
        if word.endswith("ς") and len(word) > 4:
            # the accusative drops the final ς ("gia Kypro", "stin Kypro"): read as the name
            out.setdefault(greek_skeleton(word[:-1]), word)
    return out


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """The Greek language file's words by skeleton, and its cue stems (skeleton, stem)."""
    data = lang_data.language("el")
    if data is None:
        return {}, ()
    cues = [c for by in (data.intent_cues, data.spec_cues) for cs in by.values() for c in cs]
    cues += [*data.warranty_cues, *data.damage_cues, *data.interest_cues, *data.wholesale_cues]
    # everyday words first: a skeleton two words share is read as the first ("gia": για)
    texts = [*data.language_markers, *data.chat_words, *cues, *data.total_cues]
    texts += [*data.hello_cues, *data.goodbye_cues, *data.colour_names.values()]
    texts += _country_names()
    stems = {
        (greek_skeleton(w), w)
        for c in cues
        for w in _GREEK_WORD.findall(fold(c))
        if len(greek_skeleton(w)) >= _STEM
    }
    return _greek_words(texts), tuple(sorted(stems))


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    """Skeletons of the words other languages' files write in Latin letters, and of the
    countries' names: such a word ("den", "eine", "tem", "mas", "euro", "Italia") is read in
    Greek letters in a Greek comment but is no evidence that a comment is Greek."""
    out: set[str] = set()
    for data in lang_data.tables().each():
        if data.code == "el":
            continue
        texts = [c for by in (data.intent_cues, data.spec_cues) for cs in by.values() for c in cs]
        texts += [*data.language_markers, *data.chat_words, *data.templates.values()]
        texts += [*data.hello_cues, *data.goodbye_cues, *data.total_cues]
        out.update(latin_skeleton(w) for t in texts for w in _LATIN_WORD.findall(fold(t)))
    # a country's name is much the same in every language ("Italia", "Kanada")
    out.update(_greek_words(_country_names()))
    return frozenset(out)


def _country_names() -> list[str]:
    """The countries' names in Greek (CLDR): "metaforika gia Kypro?"."""
    from babel import Locale

    return [name for code, name in Locale("el").territories.items() if code.isalpha()]


def sheet_words(sheet: ProductSheet) -> dict[str, str]:
    """The Greek words of a sheet's products by skeleton (names, aliases, variants, fields), so
    "taksidiou" reads as the travel set's "ταξιδιού"."""
    texts: list[str] = []
    for p in sheet.products:
        texts += [p.name, *p.aliases, *p.names.values(), *p.type_names.values()]
        texts += [a for names in p.alias_names.values() for a in names]
        texts += [v.label for v in p.variants]
        texts += [t for f in p.spec_fields for t in (*f.label.values(), *f.value.values())]
    return _greek_words(texts)


def _as_greek(word: str, extra: Mapping[str, str]) -> str | None:
    if word in _SPELLED:
        return _SPELLED[word]
    skeleton = latin_skeleton(word)
    words, stems = _lexicon()
    found = words.get(skeleton) or extra.get(skeleton)
    if found is not None:
        return found
    return next((stem for s, stem in stems if skeleton.startswith(s)), None)


def likely(
    text: str, at_home: bool, extra: Mapping[str, str] | None = None, *, wrote_greek: bool = False
) -> bool:
    """``text`` (Latin letters) is Greek written in Latin letters. ``at_home``: the show is for
    Greek viewers; then one Greek word of every three is enough ("exete 60 cm?", "doseis?"),
    elsewhere three and most of them. A word other languages write too ("den", "kai" as
    Vietnamese "cái") counts only for a viewer who ``wrote_greek`` before ("kai ta 32?")."""
    # a word written with a capital mid-comment is a name or a German noun ("40x40 Stein in
    # Franken?"), no evidence
    written = re.findall(r"[A-Za-z]+", text)
    capitals = {fold(w) for w in written[1:] if w[:1].isupper()}
    words = [w for w in _LATIN_WORD.findall(fold(text)) if len(w) >= _COUNTED and w not in capitals]
    if not words:
        return False
    ambiguous = frozenset() if wrote_greek else _ambiguous()
    hits = sum(
        _as_greek(w, extra or {}) is not None and latin_skeleton(w) not in ambiguous for w in words
    )
    if at_home or wrote_greek:
        return hits >= 2 or (hits >= 1 and 3 * hits >= len(words))
    return hits >= 3 and 5 * hits >= 3 * len(words)


def reading(text: str, extra: Mapping[str, str] | None = None) -> str:
    """``text`` with each of its Greek words in Greek letters (folded), every other word as
    written: "to mavro yparxei akoma?" -> "το μαυρο υπαρχει ακομα?"."""

    def one(m: re.Match[str]) -> str:
        word = m.group()
        if len(word) < 2 or (word.isupper() and word != text):
            return word  # "IRIS", "DHL": a name or a code, as written
        return _as_greek(fold(word), extra or {}) or word

    # whole words of letters: "TAVLI10" is a code and "60ari" a size, left as they are
    return _WHOLE_WORD.sub(one, text)


_WHOLE_WORD = re.compile(r"(?<![\w])[A-Za-z]+(?![\w])")
