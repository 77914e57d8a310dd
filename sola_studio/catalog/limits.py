"""What a product sheet may hold, and the checks both schemas share on names and codes.

A sheet is written by hand, so a value that parses can still be wrong in ways that only show
mid-show: a price of ``.nan`` or ``1e309``, a currency ``ZZZ`` no money format knows, a field
``pricee`` that is silently ignored. These checks turn each into a message at load time.

The size limits keep a sheet a sheet: a 10 MB file (tens of thousands of products) took 68 s
and 1.4 GB to load and index before the show, so a sheet above them is refused with the limit
named, instead of stalling Go live. They are far above a solo seller's catalogue for one show
(the sample has 3 products and 55 field texts). What Go live costs grows with the field texts
(every spec, material and FAQ question, in every language, is embedded for the comment desk
before the show, ~45 a second on this 2-core machine under load): 2,000 products with a
material in two languages (1.2 MB) loaded in 1.5 s, then took 97 s to index.

What this module must never do: guess a value. It names the problem and the fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

MAX_SHEET_BYTES = 4 * 1024 * 1024  # the sample is 9 KB; 500 products in 10 languages ~1.5 MB
MAX_PRODUCTS = 500
MAX_VARIANTS = 500  # per product (sizes x colours)
MAX_FIELD_TEXTS = 2_000  # distinct spec/material/FAQ-question texts, all languages
MAX_AMOUNT = Decimal("1e12")  # above any price in any currency (1 trillion)
MAX_WHOLE = 1_000_000_000  # stock, days, months, quantities

#: ISO 4217 codes that name no money a viewer could pay with
_NOT_MONEY = {"XXX", "XTS"}


@cache
def currency_codes() -> frozenset[str]:
    """The ISO 4217 codes Babel (which formats the money in drafted replies) knows."""
    from babel.numbers import list_currencies

    return frozenset(c for c in list_currencies() if c not in _NOT_MONEY)


def currency_problem(code: str) -> tuple[str, str] | None:
    """``(what, fix)`` when ``code`` is not a currency, else None."""
    code = code.strip().upper()
    if code in currency_codes():
        return None
    # no "did you mean" here: three-letter codes are all close to each other (ZZZ ~ ZRZ)
    return (
        f"{code!r} is not an ISO 4217 currency code",
        "write the code of your money: BRL, EUR, USD",
    )


def typo_of(key: str, known: Iterable[str]) -> str | None:
    """The known key ``key`` is clearly a misspelling of (``pricee``, ``Price``, ``colour``
    for ``color``), else None: such a key is an error, another unknown key only a warning."""
    options = sorted(known)
    lowered = {k.lower(): k for k in options}
    if key.lower() in lowered:
        return lowered[key.lower()]
    close = difflib.get_close_matches(key.lower(), options, n=1, cutoff=0.8)
    if close and key.lower().startswith(close[0]) and len(key) - len(close[0]) >= 3:
        # a word of its own built on the known one ("colourway" of a keycap set, "sizeguide"):
        # the seller's own field, not a misspelt "colour" (it had stopped the sheet loading)
        return None
    return close[0] if close else None
