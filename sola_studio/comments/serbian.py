"""Serbian in its two scripts: a Serbian seller writes a name "Опанак" or "Opanak", and viewers
write both; each letter of one has its one letter (or two: "љ" is "lj") in the other, so a
sheet's Serbian names are matched in either script (:mod:`sola_studio.comments.products`).

Only Serbian's own alphabet is converted: a Cyrillic name with a letter Serbian does not write
(Russian "ы", Bulgarian "ъ", Ukrainian "і") or a Latin one with "q", "w", "x" or "y" is no
Serbian name, and gets no second form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CYRILLIC_TO_LATIN = dict(
    zip(
        "абвгдђежзијклљмнњопрстћуфхцчџш",
        ("a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj",
         "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"),
        strict=True,
    )
)  # fmt: skip
_LATIN_TO_CYRILLIC = {v: k for k, v in _CYRILLIC_TO_LATIN.items()}
_LATIN_LETTERS = re.compile("lj|nj|dž|dj|" + "|".join(sorted(_LATIN_TO_CYRILLIC, key=len)[::-1]))
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NOT_SERBIAN_LATIN = re.compile(r"[qwxy]")


def _case(src: str, out: str) -> str:
    """``out`` in the case of ``src``: a capital letter is a capital first letter ("Љ" is
    "Lj"), a capital digraph one capital letter ("LJ" and "Lj" are "Љ")."""
    if src.isupper() and len(src) > 1:
        return out.upper()
    return out.capitalize() if src[:1].isupper() else out


def to_latin(text: str) -> str | None:
    """``text`` in Serbian Latin letters; None where it holds no Cyrillic, or a Cyrillic letter
    Serbian does not write."""
    if not _CYRILLIC.search(text):
        return None
    out = []
    for ch in text:
        low = ch.lower()
        if low in _CYRILLIC_TO_LATIN:
            out.append(_case(ch, _CYRILLIC_TO_LATIN[low]))
        elif _CYRILLIC.match(ch):
            return None
        else:
            out.append(ch)
    return "".join(out)


def to_cyrillic(text: str) -> str | None:
    """``text`` in Serbian Cyrillic letters; None where it holds no Latin letter, or one
    Serbian does not write (a word of another language: "Wool socks")."""
    low = text.lower()
    if not re.search(r"[a-zčćžšđ]", low) or _NOT_SERBIAN_LATIN.search(low):
        return None
    out: list[str] = []
    at = 0
    for m in _LATIN_LETTERS.finditer(low):
        out.append(text[at : m.start()])
        key = "đ" if m.group() == "dj" else m.group()
        out.append(_case(text[m.start() : m.end()], _LATIN_TO_CYRILLIC[key]))
        at = m.end()
    out.append(text[at:])
    return "".join(out)


def both_scripts(texts: list[str]) -> list[str]:
    """``texts`` and the other script's form of each Serbian one."""
    more = [x for t in texts for x in (to_latin(t), to_cyrillic(t)) if x]
    return [*texts, *more]


# a word kept as written in a reply converted to the other script: codes and currencies in
# capitals ("OPANCI10", "RSD", "EU"), anything with a digit, an address or a link
_KEEP = re.compile(r"^(?:[A-Z0-9]{2,}|\S*\d\S*|\S*[@/]\S*)$")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\S*[\d@/]\S*")


def in_script(text: str, cyrillic: bool, keep: Iterable[str] = ()) -> str:
    """A Serbian reply in one script: Latin for a viewer who writes Latin, every Serbian
    Cyrillic word converted, the sheet's too ("Само током овог лајва" in a Latin reply had mixed
    both scripts, round 30's judge); Cyrillic for one who writes Cyrillic, the template's words
    converted and the sheet's ``keep`` texts left as the seller wrote them (a Latin word may be
    English: "Classic"). Codes and currencies in capitals, numbers, links stay."""
    spans: list[tuple[int, int]] = []
    for k in sorted({k for k in keep if len(k) > 1}, key=len, reverse=True):
        for m in re.finditer(re.escape(k), text):
            if not any(m.start() < e and b < m.end() for b, e in spans):
                spans.append((m.start(), m.end()))

    def one(m: re.Match[str]) -> str:
        word = m.group()
        if _KEEP.match(word) or any(b <= m.start() < e for b, e in spans):
            return word
        other = to_cyrillic(word) if cyrillic else to_latin(word)
        return other or word

    return _WORD.sub(one, text)
