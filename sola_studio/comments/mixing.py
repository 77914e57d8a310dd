"""Sheet text in another language than the reply's ("mixed-language reply").

A reply in Portuguese that quotes the sheet's English ``recycled polyester bouclé`` is mixed:
the viewer reads half a sentence they may not understand. :func:`foreign_sheet_texts` finds
every per-language text of the sheet that appears in a reply written in another language,
unless the sheet says the same words in the reply's language too.

What counts as a sheet text: product names (when the sheet names the product in more than one
language; a single name is a brand), type nouns, spec labels and values written per language
(a plain ``210 cm`` is the same in every language), FAQ questions and answers, return
conditions, warranty covers, discount notes, v1 materials and specs. A text must hold two words
of three letters or more to count ("Bluetooth 5.3" is the same in any language). A product's name
counts only where the sheet names it in the reply's language too: otherwise it is quoted as a
name ("Royal Oud Eau de Parfum kostet 96,00 €" where the sheet names it in Arabic and English
only), which a viewer reads better than a whole reply in English (the ninth blind set: 22
German, Polish, Dutch, Turkish and Portuguese price questions answered in English for want of
a name in their language).

Used by the evaluation (``mixed_language_rate``) and by the drafter as a last check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sola_studio.catalog.sheet import LocalText, ProductSheet

_WORD = re.compile(r"[^\W\d_]{3,}")


def _counts(text: str) -> bool:
    if any(ord(ch) > 0x2E80 for ch in text):  # CJK: no spaces; four characters are a phrase
        return sum(1 for ch in text if ch.isalpha()) >= 4
    return len(_WORD.findall(text)) >= 2


def sheet_local_texts(sheet: ProductSheet) -> Iterator[LocalText]:
    """Every per-language text of ``sheet`` a reply may quote."""
    for p in sheet.products:
        if len(p.names) >= 2:
            yield p.names
        if p.type_names:
            yield p.type_names
        for f in p.spec_fields:
            yield f.label
            if not f.neutral:
                yield f.value
        if not p.spec_fields:  # v1: material and specs (schema 2 says them as fields)
            if p.material:
                yield p.material
            yield from p.specs.values()
        for q in p.faq:
            yield q.answer
            if q.questions:
                yield q.questions
        if p.returns is not None:
            yield p.returns.conditions
        if p.warranty is not None:
            yield p.warranty.covers
        for d in p.discounts:
            yield d.note


_Index = tuple[tuple[str, str, frozenset[str]], ...]
_cache: dict[int, tuple[ProductSheet, _Index]] = {}


def _index(sheet: ProductSheet) -> _Index:
    """(language, folded text, folded texts of the same field in every language)."""
    hit = _cache.get(id(sheet))
    if hit is not None and hit[0] is sheet:
        return hit[1]
    index = _build(sheet)
    if len(_cache) > 32:
        _cache.clear()
    _cache[id(sheet)] = (sheet, index)
    return index


def _build(sheet: ProductSheet) -> _Index:
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str, frozenset[str]]] = []
    for local in sheet_local_texts(sheet):
        same = frozenset(t.casefold().strip() for t in local.values())
        for lang, text in local.items():
            folded = text.casefold().strip()
            if (lang, folded) in seen or not _counts(folded):
                continue
            seen.add((lang, folded))
            out.append((lang, folded, same))
    return tuple(out)


def foreign_sheet_texts(text: str, language: str, sheet: ProductSheet) -> list[str]:
    """The sheet texts in another language than ``language`` that ``text`` contains."""
    low = text.casefold()
    for p in sheet.products:  # a quoted name is a name, its type noun too ("Eau de Parfum")
        if language in p.names:
            continue  # the sheet has the name in the reply's language: another one is mixing
        for name in p.names.values() or (p.name,):
            folded = name.casefold().strip()
            if len(folded) >= 3:
                low = low.replace(folded, " ")
    index = _index(sheet)
    own = {folded for lang, folded, _ in index if lang == language}
    found: list[str] = []
    for lang, folded, _same in index:
        if lang == language or folded in own or folded not in low:
            continue  # in the reply's language, or the sheet says the same words in it too
        if any(folded in o and o in low for o in own):
            continue  # part of a reply-language text the reply holds
        found.append(folded)
    return found
