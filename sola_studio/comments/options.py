"""What a comment names of a variant's options: a size letter alone, a word of an option
value no other variant has, a number with its unit ("the 20 g one", "12그램"), the number an
option value starts with. Moved out of ``entities`` (which finds the entities) unchanged."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sola_studio.catalog.sheet import Variant
from sola_studio.comments.lexicon import fold


def letter_option(value: str) -> bool:
    """An option value of one capital consonant ("X", "R": a golf shaft's flex), which a
    comment may name by that letter alone; never a vowel, which is a word ("A de 50 tem?")."""
    return len(value) == 1 and value.isupper() and value not in "AEIOUY"


def one_letter(raw: str, variants: Sequence[Variant]) -> str | None:
    """The variant whose option is a ``letter_option`` written as such and standing alone
    ("X강도 재고 있나여?" asks the X flex's stock), never between numbers ("2 X 3")."""
    for v in variants:
        for value in (x for _key, x in v.options if letter_option(x)):
            for m in re.finditer(r"(?<!\w)" + value + r"(?![A-Za-z0-9])", raw):
                before, after = raw[: m.start()].rstrip(), raw[m.end() :].lstrip()
                if not (before[-1:].isdigit() and after[:1].isdigit()):
                    return v.sku
    return None


_OPTION_WORD = re.compile(r"\d+(?:[.,]\d+)?\s?[^\W\d_]{1,3}(?![^\W_])|[^\W\d_]{4,}")


# two letters or more of a script written without spaces between words (Han, kana, Thai)
_UNSPACED_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]{2,}")


def by_unspaced_word(folded: str, variants: Sequence[Variant]) -> str | None:
    """The one variant a word of its label in a script written without spaces names, found
    inside the comment's run of letters ("中判用はいくら？" of frames "大判用 oban" and "中判用
    chuban"; "桐箱入りは？" of a set in "紙帙 paper folder" or "桐箱 paulownia box"), where no
    other variant's label holds that word."""
    labels = [(v, _UNSPACED_WORD.findall(v.label)) for v in variants]
    named: set[str] = set()
    for v, own in labels:
        others = [w for x, words in labels if x is not v for w in words]
        if any(w in folded and not any(w in o for o in others) for w in own):
            named.add(v.sku)
    return next(iter(named)) if len(named) == 1 else None


_LEADING_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)\D.*$")  # "12g" -> "12"
# a number and the unit after it in any script ("12그램", "12 грамм"), and the number alone
_NUMBER_UNIT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s?[^\W\d_]")


def _option_words(text: str) -> set[str]:
    """The words of a variant's option value that can name it: words of four letters or more
    (by their first five), and numbers with their unit ("20 g", "1.5m": written together)."""
    return {
        w.replace(" ", "").replace(",", ".") if w[0].isdigit() else w[:5]
        for w in _OPTION_WORD.findall(text)
    }


def _numbers_with_unit(folded: str) -> set[str]:
    """The numbers a comment gives with a unit after them in any script ("12그램": "12")."""
    return {m.group(1).replace(",", ".") for m in _NUMBER_UNIT.finditer(folded)}


def variants_by_number(folded: str, variants: Sequence[Variant]) -> list[Variant]:
    """The variants whose option value starts with a number the comment gives with a unit in
    any script ("นวม 10 ออนซ์" of gloves by "10 oz" in two colours): every one of them."""
    numbers = _numbers_with_unit(folded)
    if not numbers:
        return []

    def number(value: str) -> str:
        return _LEADING_NUMBER.sub(r"\1", fold(value).strip())

    return [v for v in variants if any(number(value) in numbers for _k, value in v.options)]


def measures(folded: str) -> set[str]:
    """The numbers with their unit a (folded) text gives, written together ("55cm", "1.5m")."""
    return {w for w in _option_words(folded) if w[0].isdigit()}


def by_option(folded: str, variants: Sequence[Variant]) -> str | None:
    """The one variant of ``variants`` the comment names by a word of the seller's own option
    that no other of them has: "wie viele mit Erweiterung?" of "Grundspiel" and "Grundspiel +
    Erweiterung Leuchtturm", "the 20 g one" of lures by weight. None when no such word, or
    words of two variants."""
    held = [(v, _option_words(" ".join(fold(value) for _k, value in v.options))) for v in variants]
    if sum(1 for _v, words in held if words) < 2:
        return None
    asked = _option_words(folded)
    named = {
        v.sku
        for v, words in held
        if any(w in asked and all(w not in other for x, other in held if x is not v) for w in words)
    }
    if not named:
        # "12그램은 얼마에요?" of lures by "12 g": the number before a unit in the viewer's
        # own script, when it is the number of one variant's option alone; "kit de 50 tem?"
        # of kits of "10 pedras" and "50 pedras": a number the option value starts with
        numbers = _numbers_with_unit(folded) | set(NUMBER.findall(folded))
        number_of = {
            v.sku: {_LEADING_NUMBER.sub(r"\1", w) for w in words}
            | {n for _k, value in v.options if (n := leading_number(value))}
            for v, words in held
        }
        named = {
            sku
            for sku, own in number_of.items()
            if own & numbers
            and not any(own & numbers & other for s, other in number_of.items() if s != sku)
        }
    return next(iter(named)) if len(named) == 1 else None


NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d%])")  # a whole number ("50", not "50%")


def leading_number(value: str) -> str | None:
    """The number an option value starts with ("50 pedras" -> "50"), or None."""
    m = re.match(r"\d+(?:[.,]\d+)?", fold(value).strip())
    return m.group(0).replace(",", ".") if m else None
