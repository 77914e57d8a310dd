"""Traditional Chinese replies for viewers who write Traditional characters.

The reply templates of ``zh`` are written in Simplified characters. A viewer from Taiwan or Hong
Kong who writes "這把多少錢" read a reply that mixed both scripts ("...的价格是NT$3,290", "12个月
保修（僅鍵盤...）": the sixteenth blind set's judge, three of seven Chinese drafts). Such a
viewer is answered in Traditional characters: the template words are converted with OpenCC
(``s2tw``: Simplified to Traditional, Taiwan standard characters), and the seller's own text
quoted in the reply (product names, spec values, FAQ answers) is left exactly as the sheet
writes it.

Which script a comment is in: the characters that OpenCC changes when converting it to
Simplified (Traditional-only characters: 這, 錢, 說) against those it changes when converting it
to Traditional (Simplified-only: 这, 钱, 说). A comment with neither (你好, 多少) keeps the
default, Simplified.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

import opencc

from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.language import script_of

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _changed(text: str, config: str) -> int:
    out = _converter(config).convert(text)
    if len(out) != len(text):
        return 1 if out != text else 0
    return sum(1 for a, b in zip(text, out, strict=True) if a != b)


def writes_traditional(text: str) -> bool:
    """Whether ``text`` is written in Traditional Chinese characters (more Traditional-only
    characters than Simplified-only ones)."""
    han = "".join(_HAN.findall(text))
    if not han:
        return False
    return _changed(han, "t2s") > _changed(han, "s2t")


def traditional(text: str, keep: Iterable[str] = ()) -> str:
    """``text`` in Traditional characters, every occurrence of a ``keep`` string as it is."""
    spans: list[tuple[int, int]] = []
    for k in sorted({k for k in keep if k and _HAN.search(k)}, key=len, reverse=True):
        for m in re.finditer(re.escape(k), text):
            if not any(m.start() < e and s < m.end() for s, e in spans):
                spans.append((m.start(), m.end()))
    out, at = [], 0
    for s, e in sorted(spans):
        out.append(_converter("s2tw").convert(text[at:s]) if s > at else "")
        out.append(text[s:e])
        at = e
    out.append(_converter("s2tw").convert(text[at:]) if at < len(text) else "")
    return "".join(out)


_cache: dict[int, tuple[ProductSheet, frozenset[str], frozenset[str]]] = {}


def _texts(sheet: ProductSheet) -> tuple[frozenset[str], frozenset[str]]:
    """Every text of ``sheet``, and those with Chinese characters in them; read once a sheet."""
    hit = _cache.get(id(sheet))
    if hit is not None and hit[0] is sheet:
        return hit[1], hit[2]
    texts = frozenset(_strings(sheet))
    if len(_cache) > 32:
        _cache.clear()
    _cache[id(sheet)] = (sheet, texts, frozenset(t for t in texts if _HAN.search(t)))
    return _cache[id(sheet)][1], _cache[id(sheet)][2]


def sheet_han_texts(sheet: ProductSheet) -> frozenset[str]:
    """Every text of ``sheet`` with Chinese characters in it (the seller's words, kept as
    written)."""
    return _texts(sheet)[1]


def sheet_strings(sheet: ProductSheet) -> frozenset[str]:
    """Every text of ``sheet`` (a Serbian reply in Cyrillic keeps them as the seller wrote them:
    :func:`sola_studio.comments.serbian.in_script`)."""
    return _texts(sheet)[0]


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    if depth > 12:
        return
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name), depth + 1)
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v, depth + 1)
    elif isinstance(value, (list, tuple, frozenset, set)):
        for v in value:
            yield from _strings(v, depth + 1)


# the languages a script is read in, by the names of ``language.script_of``
_READ_IN = {
    "han": ("zh", "ja"),
    "kana": ("ja",),
    "hangul": ("ko",),
    "cyrillic": ("ru", "uk", "bg", "sr", "kk", "be", "mk"),
    "arabic": ("ar", "ur", "fa"),
    "thai": ("th",),
    "devanagari": ("hi", "mr", "ne"),
    "tamil": ("ta",),
    "malayalam": ("ml",),
    "greek": ("el",),
    "hebrew": ("he",),
}
_TWO_SCRIPTS = re.compile(
    r"^\s*(?:(?P<other>[^\x00-\x7f][^A-Za-z]*?)\s+(?P<latin>[A-Za-z][\x00-\x7f]*)"
    r"|(?P<latin2>[A-Za-z][\x00-\x7f]*?)\s+(?P<other2>[^\x00-\x7f][^A-Za-z]*))\s*$"
)


def for_reader(text: str, language: str) -> str:
    """A sheet text written in two scripts ("中華郵政 Chunghwa Post", "墨黑 Ink Black") as a
    reader of ``language`` reads it: whole where they read its other script, its Latin part
    otherwise (an Arabic reply had quoted "شركة الشحن: 中華郵政 Chunghwa Post")."""
    m = _TWO_SCRIPTS.match(text)
    if m is None:
        return text
    script = script_of_text(m.group("other") or m.group("other2"))
    if script is None or language in _READ_IN.get(script, ()):
        return text
    return (m.group("latin") or m.group("latin2")).strip()


def reading_script(language: str) -> str:
    """The script ``language`` is read in (a name of ``language.script_of``; ``"latin"``)."""
    return next((s for s, langs in _READ_IN.items() if language in langs), "latin")


def script_of_text(text: str) -> str | None:
    """The script most of the letters of ``text`` are written in (``"latin"``, ``"cyrillic"``,
    ``"han"``...); None without letters."""
    counts = script_of(text)
    return counts.most_common(1)[0][0] if counts else None
