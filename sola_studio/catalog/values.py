"""The checks every value of a product sheet goes through, for both schemas: text, whole
numbers, amounts, money, currencies and each v1 section (products, variants, shipping...).

A mistake is a :class:`~sola_studio.core.errors.ConfigError` naming the file, the place and the
fix. Schema 2 (:mod:`sola_studio.catalog.schema_v2`) runs the same checks and puts the line of
the mistake in front, so a rule added here (no ``nan`` price) holds for both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sola_studio.catalog.limits import (
    MAX_AMOUNT,
    MAX_VARIANTS,
    MAX_WHOLE,
    currency_codes,
    currency_problem,
)
from sola_studio.catalog.sheet import (
    Discount,
    FaqEntry,
    InstalmentPlan,
    LocalText,
    Money,
    PaymentOptions,
    Product,
    ReturnPolicy,
    ShippingRule,
    Variant,
    Warranty,
)
from sola_studio.core.errors import ConfigError

_FIX = "edit the sheet (see assets/sample_sheet.yaml for every field)"


# --- money as a seller types it ---------------------------------------------------------------

#: symbols written beside an amount, longest first, and the currencies each may mean
_SYMBOLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("US$", ("USD",)),
    ("MX$", ("MXN",)),
    ("HK$", ("HKD",)),
    ("NZ$", ("NZD",)),
    ("R$", ("BRL",)),
    ("C$", ("CAD",)),
    ("A$", ("AUD",)),
    ("S$", ("SGD",)),
    ("zł", ("PLN",)),
    ("Kč", ("CZK",)),
    ("kr", ("SEK", "NOK", "DKK", "ISK")),
    ("$", ("USD", "CAD", "AUD", "MXN", "ARS", "CLP", "COP", "NZD", "SGD", "HKD", "TWD", "UYU")),
    ("€", ("EUR",)),
    ("£", ("GBP",)),
    ("¥", ("JPY", "CNY")),
    ("￥", ("JPY", "CNY")),
    ("円", ("JPY",)),
    ("元", ("CNY",)),
    ("₹", ("INR",)),
    ("₩", ("KRW",)),
    ("₺", ("TRY",)),
    ("₽", ("RUB",)),
    ("₫", ("VND",)),
    ("₱", ("PHP",)),
    ("฿", ("THB",)),
    ("₪", ("ILS",)),
)
#: currencies whose amounts have three decimals: "1,234" there is one and a bit
_THREE_DECIMALS = frozenset({"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"})
_EXPONENT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+|[+-]?(nan|inf|infinity)", re.I)
_DIGITS = re.compile(r"\d[\d.,]*|[.,]\d+")
_GROUPING = re.compile(r"(?<=\d)[ '\u2019](?=\d)")


class AmountProblem(ConfigError):
    """An amount that is not one: not a number, in another currency than the field's, or
    ambiguous. ``choices`` holds what an ambiguous one may mean (``1,234``: 1234 or 1.234),
    so a form can ask which instead of guessing."""

    def __init__(self, what: str, *, fix: str, choices: tuple[Decimal, ...] = ()) -> None:
        super().__init__(what, fix=fix)
        self.choices = choices


@dataclass(frozen=True)
class Amount:
    """An amount as typed: the number and the currency written with it (None when bare)."""

    amount: Decimal
    currency: str | None


def parse_amount(text: str, currency: str | None = None) -> Amount:
    """The number in money as sellers type it: ``R$ 59,90``, ``59,90 €``, ``1.234,50``,
    ``$1,299.00``, ``¥3000``, ``CHF 1'250.50``, ``49.90``.

    Both separators: the last one is the decimal point. One separator repeated: thousands.
    One separator once: decimals, unless exactly three digits follow it; then a currency written
    with the amount decides (thousands, or decimals for the three-decimal currencies), and
    without one the amount is ambiguous and :class:`AmountProblem` says both readings, never
    guessing. ``currency`` is the field's: a different currency written with the amount is an
    :class:`AmountProblem` (a EUR price in a BRL field is not a BRL price). Signs and exponents
    pass through for the caller's checks (negative, too large)."""
    s = str(text).strip().replace("\u00a0", " ").replace("\u202f", " ")
    written: tuple[str, ...] = ()
    shown = ""
    for symbol, codes in _SYMBOLS:
        if s.startswith(symbol) or s.endswith(symbol):
            s = (s[len(symbol) :] if s.startswith(symbol) else s[: -len(symbol)]).strip()
            written, shown = codes, (codes[0] if len(codes) == 1 else symbol)
            break
    if not written:
        m = re.fullmatch(r"([A-Za-z]{3})\s*([-+\d.,].*)|(.*[\d.,])\s*([A-Za-z]{3})", s)
        if m is not None:
            code = (m.group(1) or m.group(4) or "").upper()
            if code in currency_codes():
                written, shown = (code,), code
                s = (m.group(2) or m.group(3) or "").strip()
    if written and currency and currency.upper() not in written:
        raise AmountProblem(
            f"{text!r} is in {shown}, but this amount is in {currency.upper()}",
            fix=f"write the amount in {currency.upper()}, or give the price in {shown} under "
            "prices (one line per currency)",
        )
    hint = (currency.upper() if currency and written else None) or (
        written[0] if len(written) == 1 else None
    )
    sign = ""
    if s[:1] in "+-":
        sign, s = s[:1], s[1:].strip()
    if _EXPONENT.fullmatch(s):
        return Amount(Decimal(sign + s), hint)
    s = _GROUPING.sub("", s)
    if not _DIGITS.fullmatch(s):
        raise AmountProblem(
            f"must be a number, not {text!r}", fix="write the amount: 59.90, 59,90 or R$ 59,90"
        )
    number = _number(s, text, written)
    return Amount(-number if sign == "-" else number, hint)


def _number(s: str, text: str, written: tuple[str, ...]) -> Decimal:
    bad = AmountProblem(
        f"must be a number, not {text!r}", fix="write the amount: 1234.50, 1.234,50 or 1,234.50"
    )
    seps = [c for c in s if c in ".,"]
    if not seps:
        return Decimal(s)
    if len(set(seps)) == 2:  # 1.234,50 / 1,234.50: the last one is the decimal point
        point = seps[-1]
        group = "," if point == "." else "."
        whole, _, decimals = s.rpartition(point)
        if point in whole or not decimals:
            raise bad
        _check_groups(whole.split(group), bad)
        return Decimal(whole.replace(group, "") + "." + decimals)
    sep = seps[0]
    parts = s.split(sep)
    if len(parts) > 2:  # 1.234.567: thousands
        _check_groups(parts, bad)
        return Decimal("".join(parts))
    whole, decimals = parts
    if len(decimals) != 3 or whole in ("", "0"):
        if not decimals:
            raise bad
        return Decimal((whole or "0") + "." + decimals)
    if written:  # R$ 1.234, $1,299, ¥3,000: thousands (unless 3-decimal money)
        if all(code in _THREE_DECIMALS for code in written):
            return Decimal(whole + "." + decimals)
        _check_groups(parts, bad)
        return Decimal(whole + decimals)
    grouped, fraction = Decimal(whole + decimals), Decimal(whole + "." + decimals)
    raise AmountProblem(
        f"{text!r} is ambiguous: {grouped} or {fraction}?",
        fix=f"write {grouped}.00 or {fraction}0, or add the currency "
        f"({'R$ ' if sep == '.' else '$'}{text} is {grouped})",
        choices=(grouped, fraction),
    )


def _check_groups(parts: list[str], bad: AmountProblem) -> None:
    if not parts[0] or len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:]):
        raise bad


class Validator:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, what: str) -> ConfigError:
        return ConfigError(f"{self.source}: {where}: {what}", fix=_FIX)

    def text(self, d: Mapping, key: str, where: str, default: str | None = None) -> str:
        value = d.get(key, default)
        if value is None or str(value).strip() == "":
            raise self.fail(where, f"{key} is missing")
        return str(value).strip()

    def int_(self, d: Mapping, key: str, where: str, default: int | None = None) -> int:
        value = d.get(key, default)
        if value is None or value == "":
            raise self.fail(where, f"{key} is missing")
        try:
            n = int(str(value).strip())
        except ValueError as exc:
            raise self.fail(where, f"{key} must be a whole number, not {value!r}") from exc
        if n < 0:
            raise self.fail(where, f"{key} cannot be negative")
        if n > MAX_WHOLE:
            raise self.fail(where, f"{key} is {n}; at most {MAX_WHOLE:,} is allowed")
        return n

    def decimal(self, value: Any, where: str, key: str, currency: str | None = None) -> Decimal:
        """A number as written (``49.90``, ``49,90``, ``R$ 1.234,50``: :func:`parse_amount`;
        a currency written with it must be ``currency`` when given); never NaN, infinite,
        negative or above :data:`MAX_AMOUNT` (YAML reads ``.nan``/``.inf`` as such floats,
        and ``1e309`` as a string Decimal takes: each passed, then failed every price question
        mid-show)."""
        if isinstance(value, bool):
            raise self.fail(where, f"{key} must be a number, not {value!r}")
        if isinstance(value, str):  # as a seller types it: "R$ 59,90", "1.234,50", "$1,299.00"
            try:
                d = parse_amount(value, currency).amount
            except AmountProblem as exc:
                what = f"{key} {exc.message}"
                raise ConfigError(f"{self.source}: {where}: {what}", fix=exc.fix) from exc
        else:
            try:
                d = Decimal(str(value).strip())
            except InvalidOperation as exc:
                raise self.fail(where, f"{key} must be a number, not {value!r}") from exc
        if not d.is_finite():
            raise self.fail(where, f"{key} must be a number, not {value!r}")
        if d < 0:
            raise self.fail(where, f"{key} must be a positive number")
        if d > MAX_AMOUNT:
            raise self.fail(where, f"{key} {value!r} is too large (at most {MAX_AMOUNT:,f})")
        return d

    def currency(self, value: Any, where: str) -> str:
        code = "" if value is None else str(value).strip().upper()
        if not code:
            raise self.fail(where, "currency is missing")
        problem = currency_problem(code)
        if problem is not None:
            raise ConfigError(f"{self.source}: {where}: {problem[0]}", fix=problem[1])
        return code

    def money(self, d: Mapping, key: str, where: str, currency: str) -> Money | None:
        value = d.get(key)
        if value is None or value == "":
            return None
        own = d.get("currency")
        code = self.currency(own, where) if own not in (None, "") else currency
        return Money(self.decimal(value, where, key, code), code)

    def local(self, value: Any, seller_language: str) -> LocalText:
        if value is None or value == "":
            return {}
        if isinstance(value, Mapping):
            return {str(k): str(v).strip() for k, v in value.items() if v}
        return {seller_language: str(value).strip()}

    def product(self, d: Any, defaults: Mapping, currency: str, lang: str, index: int) -> Product:
        if not isinstance(d, Mapping):
            raise self.fail(f"products[{index}]", "must be a mapping")
        pid = self.text(d, "id", f"products[{index}]")
        where = f"product {pid}"
        price = self.money(d, "price", where, currency)
        if price is None:
            raise self.fail(where, "price is missing")

        def pick(key: str) -> Any:
            return d[key] if key in d else defaults.get(key)

        raw_variants = d.get("variants") or []
        if not isinstance(raw_variants, list):
            raise self.fail(where, "variants must be a list (- size: M ...)")
        if len(raw_variants) > MAX_VARIANTS:
            raise self.fail(
                where, f"{len(raw_variants)} variants; a product may have at most {MAX_VARIANTS}"
            )
        variants = tuple(self.variant(x, where, currency, pid) for x in raw_variants)
        skus = [x.sku for x in variants]
        if len(set(skus)) != len(skus):
            raise self.fail(where, f"variant skus repeat: {skus}")
        specs = {str(k): self.local(val, lang) for k, val in (d.get("specs") or {}).items()}
        return Product(
            id=pid,
            name=self.text(d, "name", where),
            price=price,
            variants=variants,
            aliases=tuple(str(a) for a in d.get("aliases") or []),
            material=self.local(d.get("material"), lang),
            specs=specs,
            shipping=tuple(self.shipping(x, where, currency) for x in pick("shipping") or []),
            payment=self.payment(pick("payment"), where, currency),
            returns=self.returns(pick("returns"), where, lang),
            warranty=self.warranty(pick("warranty"), where, lang),
            discounts=tuple(
                self.discount(x, where, lang, i) for i, x in enumerate(pick("discounts") or [])
            ),
            faq=tuple(self.faq(x, where, lang, i) for i, x in enumerate(pick("faq") or [])),
        )

    def variant(self, d: Any, where: str, currency: str, pid: str) -> Variant:
        if not isinstance(d, Mapping):
            raise self.fail(where, "each variant must be a mapping")
        size = str(d["size"]).strip() if d.get("size") not in (None, "") else None
        colour = str(d["colour"]).strip().lower() if d.get("colour") not in (None, "") else None
        sku = str(d.get("sku") or f"{pid}/" + "-".join(p for p in (size, colour) if p))
        return Variant(
            sku=sku,
            size=size,
            colour=colour,
            stock=self.int_(d, "stock", f"{where} variant {sku}"),
            price=self.money(d, "price", f"{where} variant {sku}", currency),
        )

    def shipping(self, d: Any, where: str, currency: str) -> ShippingRule:
        if not isinstance(d, Mapping):
            raise self.fail(where, "each shipping rule must be a mapping")
        country = self.text(d, "country", f"{where} shipping").upper()
        w = f"{where} shipping {country}"
        cost = self.money(d, "cost", w, currency)
        if cost is None:
            raise self.fail(w, "cost is missing (write 0 for free shipping)")
        days_min = self.int_(d, "days_min", w)
        days_max = self.int_(d, "days_max", w, default=days_min)
        if days_max < days_min:
            raise self.fail(w, "days_max is below days_min")
        return ShippingRule(
            country=country,
            cost=cost,
            days_min=days_min,
            days_max=days_max,
            free_over=self.money(d, "free_over", w, currency),
            carrier=str(d.get("carrier") or ""),
        )

    def payment(self, d: Any, where: str, currency: str) -> PaymentOptions | None:
        if not d:
            return None
        if not isinstance(d, Mapping):
            raise self.fail(where, "payment must be a mapping")
        methods = d.get("methods") or []
        if isinstance(methods, str):
            methods = [m.strip() for m in methods.split("|") if m.strip()]
        plan = None
        inst = d.get("instalments")
        if inst:
            w = f"{where} instalments"
            rate = inst.get("annual_rate_percent")
            plan = InstalmentPlan(
                max_months=self.int_(inst, "max_months", w),
                interest_free_months=self.int_(inst, "interest_free_months", w, default=0),
                annual_rate_percent=None if rate in (None, "") else self.decimal(rate, w, "rate"),
                min_instalment=self.money(inst, "min_instalment", w, currency),
                provider=str(inst["provider"]).strip() or None if inst.get("provider") else None,
            )
            if plan.max_months is not None and plan.interest_free_months > plan.max_months:
                raise self.fail(w, "interest_free_months is above max_months")
        return PaymentOptions(methods=tuple(str(m) for m in methods), instalments=plan)

    def returns(self, d: Any, where: str, lang: str) -> ReturnPolicy | None:
        if not d:
            return None
        return ReturnPolicy(
            days=self.int_(d, "days", f"{where} returns"),
            free=truthy(d.get("free", False)),
            conditions=self.local(d.get("conditions"), lang),
        )

    def warranty(self, d: Any, where: str, lang: str) -> Warranty | None:
        if not d:
            return None
        return Warranty(
            months=self.int_(d, "months", f"{where} warranty"),
            covers=self.local(d.get("covers"), lang),
        )

    def discount(self, d: Any, where: str, lang: str, i: int) -> Discount:
        w = f"{where} discounts[{i}]"
        pct = d.get("percent")
        return Discount(
            id=str(d.get("id") or f"discount{i}"),
            percent=None if pct in (None, "") else self.decimal(pct, w, "percent"),
            code=str(d["code"]) if d.get("code") else None,
            min_quantity=self.int_(d, "min_quantity", w) if d.get("min_quantity") else None,
            note=self.local(d.get("note"), lang),
        )

    def faq(self, d: Any, where: str, lang: str, i: int) -> FaqEntry:
        w = f"{where} faq[{i}]"
        answer = self.local(d.get("answer"), lang)
        if not answer:
            raise self.fail(w, "answer is missing")
        kws = d.get("keywords") or []
        if isinstance(kws, str):
            kws = [k.strip() for k in kws.split("|") if k.strip()]
        return FaqEntry(
            id=str(d.get("id") or f"faq{i}"),
            question=self.text(d, "question", w),
            answer=answer,
            keywords=tuple(str(k).lower() for k in kws),
        )


def truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "yes", "true", "sim", "y")
