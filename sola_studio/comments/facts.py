"""The facts of a product sheet, each with a stable id and the numbers it allows a reply to say,
and the check that a reply states nothing else ("invented fact").

Definition used everywhere (tests, bench, drafter): a draft **invents a fact** when
  1. it cites a fact id the sheet does not hold, or
  2. it contains a number (price, cost, percentage, day or month count, stock count, size; any
     digits in any script, with ``,`` or ``.`` decimals) whose value is not among the numbers
     of the facts it cites, or
  3. it says something is free ("free", "grátis", "gratis", "kostenlos", "gratuit", "免费",
     "無料", "مجاني", "मुफ्त"/"फ्री", ...) while no cited fact has a zero cost, a free-over rule,
     free returns or an interest-free plan.
Numbers are compared as decimals, so ``R$ 89,90``, ``R$89.90`` and ``89.9`` are the same.

One fact is not on the sheet but worked out from it: a **total** ("the gyuto and the petty in
AUD?"), whose id lists its parts (``total:AUD:1x199@price:gyuto+2x105@variant:petty/120``). The
check accepts it only where every part's fact is the sheet's, holds that amount, and the parts
add up to the total it states; it then allows the total, the parts' amounts and the quantities.

This module never formats a reply; it lists facts and judges text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sola_studio.catalog.sheet import LocalText, Product, ProductSheet
from sola_studio.comments.events import FactKind, FactRef


@dataclass(frozen=True)
class SheetFact:
    """A fact as the sheet holds it: what a reply may say about it (``numbers``) and whether
    it makes anything free."""

    ref: FactRef
    allows_free: bool = False


def _n(value: object) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def _numbers_in_local(text: LocalText) -> tuple[str, ...]:
    found: list[str] = []
    for value in text.values():
        found.extend(str(n) for n in numbers_in(value))
    return tuple(dict.fromkeys(found))


def product_facts(sheet: ProductSheet, p: Product) -> list[SheetFact]:
    """Every fact about product ``p``; ``text`` is a short seller-language summary."""
    # a product name may hold digits ("Runner 2", "Sun Cream SPF50+"); templates repeat the
    # name in the viewer's language, so the digits of every language's name are allowed
    name_numbers = tuple(
        dict.fromkeys(str(n) for name in (p.name, *p.names.values()) for n in numbers_in(name))
    )
    facts: list[SheetFact] = [
        SheetFact(
            FactRef(
                f"price:{p.id}",
                FactKind.PRICE,
                f"{p.name}: {p.price.canonical()} {p.price.currency}"
                + "".join(
                    f" / {m.canonical()} {m.currency}"
                    for m in p.prices.values()
                    if m.currency != p.price.currency
                ),
                (_n(p.price.amount), *(_n(m.amount) for m in p.prices.values()), *name_numbers),
            )
        )
    ]
    # sizes may hold numbers ("46 mm", "50ml", "03 Brick Red"): the templates name them
    options = tuple(o for v in p.variants for _k, o in v.options)  # "50 ml", chosen by volume
    sizes = tuple(str(n) for label in (*p.sizes, *p.colours, *options) for n in numbers_in(label))
    if p.variants:
        facts.append(
            SheetFact(
                FactRef(
                    f"variants:{p.id}",
                    FactKind.VARIANTS,
                    f"{p.name}: "
                    + ", ".join(f"{v.label} ({v.stock})" for v in p.variants if v.stock > 0),
                    (*sizes, *name_numbers, *(_n(v.stock) for v in p.variants if v.stock > 0)),
                )
            )
        )
    for v in p.variants:
        nums = [_n(v.stock), *name_numbers]
        for label in (v.size or "", v.colour or "", *(o for _k, o in v.options)):
            nums.extend(str(n) for n in numbers_in(label))
        if v.price is not None:
            nums.append(_n(v.price.amount))
        level = sheet.stock_level(v).value
        facts.append(
            SheetFact(
                FactRef(
                    f"variant:{v.sku}",
                    FactKind.VARIANT,
                    f"{v.label}: {v.stock} ({level})",
                    tuple(nums),
                )
            )
        )
    if p.material:
        facts.append(
            SheetFact(
                FactRef(
                    f"material:{p.id}",
                    FactKind.MATERIAL,
                    next(iter(p.material.values())),
                    (*_numbers_in_local(p.material), *name_numbers),
                ),
                allows_free=_says_free(p.material),
            )
        )
    labels = {f.key: f.label for f in p.spec_fields}
    for name, value in p.specs.items():
        facts.append(
            SheetFact(
                FactRef(
                    f"spec:{p.id}:{name}",
                    FactKind.SPEC,
                    f"{name}: {next(iter(value.values()), '')}",
                    (
                        *_numbers_in_local(value),
                        *_numbers_in_local(labels.get(name, {})),
                        *name_numbers,
                    ),
                ),
                allows_free=_says_free(value, labels.get(name, {})),
            )
        )
    for r in p.shipping:
        nums = [_n(r.cost.amount), _n(r.days_min), _n(r.days_max)]
        if r.free_over is not None:
            nums.append(_n(r.free_over.amount))
        facts.append(
            SheetFact(
                FactRef(
                    f"shipping:{p.id}:{r.country}",
                    FactKind.SHIPPING,
                    f"{r.country}: {r.cost.canonical()} {r.cost.currency}, "
                    f"{r.days_min}-{r.days_max}",
                    tuple(nums),
                ),
                allows_free=not r.never and (r.cost.is_zero or r.free_over is not None),
            )
        )
    if p.payment is not None:
        methods = ", ".join(p.payment.methods)
        # a method's own digits ("Przelewy24", "P24") are the sheet's, not an invented number
        named = tuple(dict.fromkeys(str(n) for n in numbers_in(methods)))
        facts.append(SheetFact(FactRef(f"payment:{p.id}", FactKind.PAYMENT, methods, named)))
        plan = p.payment.instalments
        if plan is not None:
            nums = [_n(plan.interest_free_months)]
            if plan.max_months is not None:
                nums.append(_n(plan.max_months))
            if plan.annual_rate_percent is not None:
                nums.append(_n(plan.annual_rate_percent))
            if plan.min_instalment is not None:
                nums.append(_n(plan.min_instalment.amount))
            facts.append(
                SheetFact(
                    FactRef(
                        f"instalments:{p.id}",
                        FactKind.INSTALMENTS,
                        f"{plan.max_months}x, {plan.interest_free_months}x 0%, "
                        f"{plan.annual_rate_percent}%/a",
                        tuple(nums),
                    ),
                    allows_free=plan.interest_free_months > 0,
                )
            )
    if p.returns is not None:
        facts.append(
            SheetFact(
                FactRef(
                    f"returns:{p.id}",
                    FactKind.RETURNS,
                    f"{p.returns.days} d",
                    (_n(p.returns.days), *_numbers_in_local(p.returns.conditions)),
                ),
                allows_free=p.returns.free,
            )
        )
    if p.warranty is not None:
        facts.append(
            SheetFact(
                FactRef(
                    f"warranty:{p.id}",
                    FactKind.WARRANTY,
                    f"{p.warranty.years} y" if p.warranty.years else f"{p.warranty.months} m",
                    (
                        _n(p.warranty.months),
                        *((_n(p.warranty.years),) if p.warranty.years else ()),
                        *_numbers_in_local(p.warranty.covers),
                    ),
                )
            )
        )
    if p.warranty is None and p.no_warranty:
        facts.append(SheetFact(FactRef(f"warranty:{p.id}", FactKind.WARRANTY, "none")))
    for d in p.discounts:
        nums = [_n(d.percent)] if d.percent is not None else []
        if d.min_quantity is not None:
            nums.append(_n(d.min_quantity))
        if d.min_order is not None:
            nums.append(_n(d.min_order.amount))
        facts.append(
            SheetFact(
                FactRef(
                    f"discount:{p.id}:{d.id}",
                    FactKind.DISCOUNT,
                    f"{d.percent}% {d.code or ''}".strip(),
                    (*nums, *_numbers_in_local(d.note)),
                )
            )
        )
    for f in p.faq:
        facts.append(
            SheetFact(
                FactRef(
                    f"faq:{p.id}:{f.id}",
                    FactKind.FAQ,
                    f.question,
                    (*_numbers_in_local(f.answer), *name_numbers),
                ),
                allows_free=_says_free(f.answer),
            )
        )
    return facts


def _says_free(*texts: LocalText) -> bool:
    """The sheet's own words say "free" ("fragrance-free", "BPA free"): a reply quoting them
    says nothing the sheet does not."""
    return any(w in v.lower() for t in texts for v in t.values() for w in FREE_WORDS)


def sheet_facts(sheet: ProductSheet) -> dict[str, SheetFact]:
    """Every fact of the sheet by id."""
    out: dict[str, SheetFact] = {}
    for p in sheet.products:
        for fact in product_facts(sheet, p):
            out[fact.ref.id] = fact
    return out


# a number, grouped by threes in any locale's way, or by lakhs ("24,90,000", hi-IN)
_NUMBER = re.compile(
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?!\d)|\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?|\d+"
)


def numbers_in(text: str) -> list[Decimal]:
    """Every number in ``text`` (any script's digits), as decimals."""
    # Only decimal digits (٣, ३, ３) count; superscripts such as the ² of g/m² are units.
    digits = "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in text
    )
    out: list[Decimal] = []
    for m in _NUMBER.finditer(digits):
        out.append(_parse(m.group(0)))
    return out


def _parse(token: str) -> Decimal:
    t = token.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in t and "." in t:
        dec = "," if t.rfind(",") > t.rfind(".") else "."
        t = t.replace("." if dec == "," else ",", "").replace(",", ".")
    elif "," in t or "." in t:
        sep = "," if "," in t else "."
        head, _, tail = t.rpartition(sep)
        t = head.replace(sep, "") + ("." + tail if len(tail) != 3 else tail)
    try:
        return Decimal(t)
    except InvalidOperation:
        return Decimal(-1)


FREE_WORDS = (
    "free",
    "gratis",
    "grátis",
    "gratuit",
    "gratuita",
    "gratuito",
    "kostenlos",
    "免费",
    "包邮",
    "無料",
    "مجاني",
    "مجانا",
    "मुफ्त",
    "फ्री",
    "sem juros",
    "sin intereses",
    "ohne zinsen",
    "sans intérêts",
    "senza interessi",
    "免息",
    "金利なし",
    "手数料無料",
    "بدون فوائد",
    "बिना ब्याज",
    "interest-free",
)


@dataclass(frozen=True)
class InventedFact:
    what: str  # "unknown fact id", "number", "free"
    detail: str


TOTAL = "total:"


def total_fact(
    currency: str,
    parts: Sequence[tuple[str, Decimal, int]],
    less: tuple[str, Decimal] | None = None,
) -> FactRef:
    """The sum of ``parts`` (fact id, unit amount, quantity) as a fact the check can verify;
    ``less``: a discount's fact id and percentage taken off the sum (a bundle rule the order
    reaches), the figure then the sum after it."""
    total = sum((amount * n for _fid, amount, n in parts), Decimal(0))
    said = "+".join(f"{n}x{_n(amount)}@{fid}" for fid, amount, n in parts)
    counts = tuple(dict.fromkeys(_n(n) for _fid, _a, n in parts))
    if less is None:
        numbers = (_n(total), *counts)
        return FactRef(
            f"{TOTAL}{currency}:{said}", FactKind.PRICE, f"= {_n(total)} {currency}", numbers
        )
    fid, pct = less
    after = discounted(total, pct, currency)
    numbers = (_n(after), _n(total), _n(pct), *counts)
    return FactRef(
        f"{TOTAL}{currency}:{said}{_LESS}{_n(pct)}@{fid}",
        FactKind.PRICE,
        f"= {_n(total)} - {_n(pct)}% = {_n(after)} {currency}",
        numbers,
    )


_LESS = "|less:"


def discounted(total: Decimal, pct: Decimal, currency: str) -> Decimal:
    """``total`` less ``pct`` per cent, rounded half up to the currency's minor unit."""
    from babel.numbers import get_currency_precision

    unit = Decimal(1).scaleb(-get_currency_precision(currency))
    return (total * (100 - pct) / 100).quantize(unit, rounding=ROUND_HALF_UP)


def _checked_total(ref: FactRef, facts: Mapping[str, SheetFact]) -> SheetFact | None:
    """``ref`` as a fact when it is a total of the sheet's own amounts that adds up (less a
    discount of the sheet's, where it takes one), else None."""
    currency, _, said = ref.id[len(TOTAL) :].partition(":")
    said, _, less = said.partition(_LESS)
    total = Decimal(0)
    quantities: list[str] = []
    amounts: list[str] = []
    for part in said.split("+"):
        m = re.fullmatch(r"(\d+)x([\d.]+)@(.+)", part)
        fact = facts.get(m.group(3)) if m else None
        if m is None or fact is None or m.group(2) not in fact.ref.numbers:
            return None
        total += int(m.group(1)) * Decimal(m.group(2))
        quantities.append(_n(m.group(1)))
        amounts.append(m.group(2))
    allowed = set(quantities)
    if less:
        pct, _, fid = less.partition("@")
        rule = facts.get(fid)
        if rule is None or pct not in rule.ref.numbers:
            return None
        allowed |= {_n(total), pct}
        total = discounted(total, Decimal(pct), currency)
    if not ref.numbers or ref.numbers[0] != _n(total) or set(ref.numbers[1:]) - allowed:
        return None
    return SheetFact(replace(ref, numbers=(*ref.numbers, *amounts)))  # the parts' amounts too


def invented_facts(
    text: str, cited: Iterable[FactRef], facts: Mapping[str, SheetFact]
) -> list[InventedFact]:
    """What ``text`` states that the cited sheet facts do not hold (see module docstring)."""
    problems: list[InventedFact] = []
    allowed: set[Decimal] = set()
    allows_free = False
    for ref in cited:
        fact = facts.get(ref.id)
        if fact is None and ref.id.startswith(TOTAL):
            fact = _checked_total(ref, facts)
        if fact is None:
            problems.append(InventedFact("unknown fact id", ref.id))
            continue
        allowed.update(Decimal(n) for n in fact.ref.numbers)
        allows_free = allows_free or fact.allows_free
    for value in numbers_in(text):
        if value not in allowed:
            problems.append(InventedFact("number", str(value)))
    if not allows_free:
        low = text.lower()
        for word in FREE_WORDS:
            if word in low:
                problems.append(InventedFact("free", word))
    return problems
