"""Reply templates per language, written by hand, and the formatting of the values they hold.

A template only ever receives values taken from the product sheet (money, days, months, rates,
sizes, texts); the viewer's words never reach a template, so a comment cannot put words into
a reply. Money and country names are localised with babel; colours and payment methods with the
language files' tables. Digits stay Western in every language so the seller can check them at a
glance (and so the invented-fact check reads them the same way).

The templates live in the language data files (``sola_studio/lang/data/<code>.yaml``); adding a
language is adding its file, which must hold every template English has, with the same fields
(the loader names the file and the template otherwise).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import Money

LANGUAGES: tuple[str, ...] = lang_data.languages()

# template key -> language -> text, from every language file (each has every key of English's).
T: Mapping[str, Mapping[str, str]] = {
    key: {data.code: data.templates[key] for data in lang_data.tables().each()}
    for key in lang_data.tables()[lang_data.REFERENCE].templates
}


def has_template(key: str, language: str) -> bool:
    return language in T.get(key, {})


def render(key: str, language: str, **values: str) -> str:
    """Fill template ``key`` in ``language`` (English when that language has none)."""
    table = T[key]
    return table.get(language, table["en"]).format(**values)


def money(m: Money, language: str) -> str:
    from babel.numbers import format_currency

    # no thousands separator: "R$ 4490,00" reads as the sheet's 4490 (and "4.490" is 4.49
    # to half the world)
    return format_currency(
        m.amount, m.currency, locale=lang_data.babel_locale(language), group_separator=False
    )


def number(value: Decimal | int, language: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=lang_data.babel_locale(language))


def warm_up(languages: tuple[str, ...] | list[str]) -> None:
    """Load babel's locale data for ``languages`` now: each locale's first use unpickles it
    (~50 ms holding Python's lock), which froze the studio window at the first comment."""
    from babel import Locale

    for language in languages:
        money(Money(Decimal(1), "USD"), language)
        number(1, language)
        country("BR", language)
        with contextlib.suppress(Exception):  # the desk's country names (EntityFinder)
            _ = Locale.parse(language).territories


@lru_cache(maxsize=512)
def country(code: str, language: str) -> str:
    from babel import Locale

    try:
        return Locale.parse(lang_data.babel_locale(language)).territories.get(code, code)
    except Exception:  # an unknown locale shows the ISO code rather than failing a draft
        return code


def colour(key: str, language: str) -> str:
    return lang_data.colour_name(key, language)


def method(name: str, language: str) -> str:
    """A payment method as the seller wrote it, in ``language`` (as written when unknown)."""
    from sola_studio.comments.lexicon import fold

    data = lang_data.language(language)
    return data.payment_methods.get(fold(name), name) if data is not None else name


def join(items: list[str], language: str) -> str:
    return lang_data.join(items, language)
