"""Product sheet schema 2: open-ended specs, names per language, prices per market, shipping
rules that say free and never, warranty in months or years or none, instalments without a
stated maximum.

A file with ``schema: 2`` at the top is read here; any other file is schema 1 and goes through
:mod:`sola_studio.catalog.loader` as before, then :func:`spec_fields` / :func:`names_of`
give its products the same view (v1 ``material`` and ``specs`` become spec fields, ``name`` the
name in the seller's language), so the comment desk reads both schemas the same way.

Every mistake is a :class:`~sola_studio.core.errors.ConfigError` naming the file, the line and
the field (``sheet.yaml: line 14, product sofa, specs[2].value: missing``) and how to fix it.
Values go through the same checks as schema 1 (:class:`~sola_studio.catalog.values.Validator`:
numbers, money, whole numbers, currencies), so a rule added there (no ``nan`` price, say) holds
for both schemas. A field schema 2 does not know is an error when it is clearly a misspelling
of one it knows (``did you mean``), else a warning naming its line (``ProductSheet.warnings``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

import yaml

from sola_studio.catalog.limits import MAX_PRODUCTS, MAX_VARIANTS, currency_problem, typo_of
from sola_studio.catalog.sheet import (
    Discount,
    FaqEntry,
    InstalmentPlan,
    LocalText,
    Market,
    Money,
    PaymentOptions,
    Product,
    ProductSheet,
    ReturnPolicy,
    ShippingRule,
    SpecField,
    Variant,
    Warranty,
)
from sola_studio.catalog.values import Validator
from sola_studio.core.errors import ConfigError

_FIX = "edit the sheet (schema 2: see docs/comments.md, 'Product sheet schema 2')"

Path_ = tuple[str | int, ...]

_TOP = {
    "schema",
    "seller_name",
    "seller_language",
    "currency",
    "audience_languages",
    "markets",
    "defaults",
    "products",
    "pinned",
    "low_stock_threshold",
    "faq",  # the sheet-wide FAQ may also sit at the top, where sellers look for it
}
_DEFAULTS = {"shipping", "payment", "returns", "warranty", "discounts", "faq"}
_PRODUCT = {
    "id",
    "name",
    "aliases",
    "type",
    "price",
    "prices",
    "specs",
    "material",
    "variants",
    *_DEFAULTS,
}
_SHIPPING = {"country", "cost", "days_min", "days_max", "free_over", "carrier", "never", "currency"}
_SPEC = {"key", "label", "value"}
_VARIANT = {"sku", "size", "colour", "color", "stock", "price"}
_WARRANTY = {"months", "years", "none", "covers"}
_RETURNS = {"days", "free", "conditions"}
_PAYMENT = {"methods", "instalments"}
_INSTALMENTS = {
    "max_months",
    "interest_free_months",
    "annual_rate_percent",
    "min_instalment",
    "provider",
}
_DISCOUNT = {"id", "percent", "code", "min_quantity", "min_order", "note"}
_FAQ = {"id", "question", "answer", "keywords", "q", "a"}  # q / a: short names
_MARKET = {"id", "currency", "countries"}
_HERE = "\u2063"  # the "where" given to the shared value checks: the line and path replace it
_MATERIAL_KEYS = ("material", "materials", "fabric", "composition", "upholstery")
_LANG = re.compile(r"^[a-z]{2,3}$")


def is_v2(raw: Any) -> bool:
    return isinstance(raw, Mapping) and str(raw.get("schema", "1")).strip() == "2"


class Lines:
    """The line of every mapping key and list item of the YAML text, by path. Composed only
    when a line is first asked for (a mistake or a warning): composing doubled the load time
    of a large sheet (1.7 of 3.5 s for 2,000 products)."""

    def __init__(self, text: str | None) -> None:
        self._text = text
        self._lines: dict[Path_, int] | None = None

    def _compose(self) -> dict[Path_, int]:
        self._lines = {}
        if not self._text:
            return self._lines
        try:
            loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            node = yaml.compose(self._text, Loader=loader)
        except yaml.YAMLError:
            return self._lines
        if node is not None:
            self._walk(node, ())
        return self._lines

    def _walk(self, node: Any, path: Path_) -> None:
        assert self._lines is not None
        self._lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = (*path, str(key.value))
                self._lines[sub] = key.start_mark.line + 1
                self._walk(value, sub)
                self._lines[sub] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, (*path, i))

    def line(self, path: Path_) -> int | None:
        lines = self._lines if self._lines is not None else self._compose()
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return None


class _V2:
    def __init__(self, source: str, text: str | None) -> None:
        self.source = source
        self.lines = Lines(text)
        self.v = Validator(source)
        self.lang = "en"
        self.currency = "USD"
        self.warnings: list[str] = []
        self.faq_path: Path_ = ("defaults", "faq")

    # --- errors -----------------------------------------------------------------------------

    def fail(self, path: Path_, what: str, fix: str = _FIX) -> ConfigError:
        line = self.lines.line(path)
        where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path)
        where = where.replace(".[", "[")
        at = f"line {line}, " if line else ""
        return ConfigError(f"{self.source}: {at}{where or 'top level'}: {what}", fix=fix)

    def guard(self, path: Path_, fn: Any, *args: Any) -> Any:
        """Run one of the shared value checks; its error gets the line and field of ``path``."""
        try:
            return fn(*args)
        except ConfigError as exc:
            detail = exc.message.removeprefix(f"{self.source}: ").removeprefix(f"{_HERE}: ")
            raise self.fail(path, detail, exc.fix or _FIX) from exc

    def mapping(self, d: Any, path: Path_, known: set[str]) -> Mapping[str, Any]:
        if not isinstance(d, Mapping):
            raise self.fail(path, f"must be a mapping (key: value), not {type(d).__name__}")
        for key in sorted(str(k) for k in d if str(k) not in known):
            meant = typo_of(key, known)
            if meant is not None:  # the field the seller meant would silently be missing
                raise self.fail(
                    (*path, key),
                    f"unknown field {key!r} (did you mean {meant!r}?)",
                    f"rename it to {meant}",
                )
            self.warnings.append(
                str(self.fail((*path, key), f"unknown field {key!r} is ignored")).split("\n")[0]
                + f" (known here: {', '.join(sorted(known))})"
            )
        return d

    def listed(self, d: Any, path: Path_) -> list[Any]:
        if d is None:
            return []
        if not isinstance(d, list):
            raise self.fail(path, "must be a list (- item)")
        return d

    # --- values -----------------------------------------------------------------------------

    def local(self, value: Any, path: Path_) -> LocalText:
        """A text: a plain string (the seller's language) or ``{lang: text}``."""
        if value is None or value == "":
            return {}
        if isinstance(value, Mapping):
            out: dict[str, str] = {}
            last: str | None = None
            for k, text in value.items():
                code = str(k).strip().lower()
                if text is None and last is not None and not _LANG.match(code):
                    # YAML reads {en: legs screw on, no tools needed} as a second key "no tools
                    # needed" without a value: it is the rest of the text after a comma
                    out[last] = f"{out[last]}, {str(k).strip()}"
                    continue
                if not _LANG.match(code):
                    raise self.fail((*path, str(k)), f"{k!r} is not a language code (en, pt...)")
                if isinstance(text, Mapping | list):
                    raise self.fail((*path, str(k)), "must be a text")
                if isinstance(text, bool):  # YAML reads {en: Yes, it is} as True
                    text = "Yes" if text else "No"
                if text not in (None, ""):
                    out[code] = str(text).strip()
                    last = code
            return out
        if isinstance(value, list):
            raise self.fail(path, "must be a text or {language: text}")
        return {self.lang: str(value).strip()}

    def number(self, value: Any, path: Path_, key: str, currency: str | None = None) -> Decimal:
        return self.guard(path, self.v.decimal, value, _HERE, key, currency)

    def whole(self, d: Mapping[str, Any], key: str, path: Path_, default: int | None = None) -> int:
        return self.guard((*path, key), self.v.int_, d, key, _HERE, default)

    def money(self, value: Any, path: Path_, key: str, currency: str | None = None) -> Money:
        cur = (currency or self.currency).upper()
        return Money(self.number(value, path, key, cur), cur)

    def currency_code(self, value: Any, path: Path_) -> str:
        code = str(value or "").strip().upper()
        problem = currency_problem(code)
        if problem is not None:
            raise self.fail(path, *problem)
        return code

    # --- the sheet --------------------------------------------------------------------------

    def sheet(self, raw: Any) -> ProductSheet:
        top = self.mapping(raw, (), _TOP)
        self.lang = self.guard(("seller_language",), self.v.text, top, "seller_language", "sheet")
        self.lang = self.lang.lower()
        self.currency = self.currency_code(top.get("currency"), ("currency",))
        defaults = self.mapping(top.get("defaults") or {}, ("defaults",), _DEFAULTS)
        if "faq" in top:
            if "faq" in defaults:
                raise self.fail(
                    ("faq",),
                    "the sheet-wide FAQ is given twice (at the top and under defaults)",
                    "keep one faq: list",
                )
            defaults = {**defaults, "faq": top["faq"]}
            self.faq_path = ("faq",)
        markets = tuple(
            self.market(m, ("markets", i))
            for i, m in enumerate(self.listed(top.get("markets"), ("markets",)))
        )
        items = self.listed(top.get("products"), ("products",))
        if not items:
            raise self.fail(("products",), "no products listed", "add a products: list")
        if len(items) > MAX_PRODUCTS:
            raise self.fail(
                ("products",),
                f"{len(items)} products; a sheet may hold at most {MAX_PRODUCTS}",
                "keep the products you sell in this live in the sheet (one sheet per show)",
            )
        products = _own_faq(
            tuple(self.product(item, defaults, i) for i, item in enumerate(items)),
            shared={str(item.get("id") or "") for item in items if "faq" not in item},
        )
        ids = [p.id for p in products]
        for i, pid in enumerate(ids):
            if pid in ids[:i]:
                raise self.fail(("products", i, "id"), f"product id {pid!r} repeats")
        pinned = str(top.get("pinned") or ids[0])
        if pinned not in ids:
            raise self.fail(("pinned",), f"pinned product {pinned!r} is not listed")
        audience = top.get("audience_languages") or []
        if not isinstance(audience, list):
            raise self.fail(("audience_languages",), "must be a list of language codes")
        return ProductSheet(
            seller_language=self.lang,
            currency=self.currency,
            products=products,
            pinned_id=pinned,
            low_stock_threshold=self.whole(top, "low_stock_threshold", (), default=5),
            seller_name=str(top.get("seller_name") or ""),
            audience_languages=tuple(str(x).lower() for x in audience),
            markets=markets,
            schema=2,
            warnings=tuple(dict.fromkeys(self.warnings)),  # defaults are read once per product
        )

    def market(self, d: Any, path: Path_) -> Market:
        m = self.mapping(d, path, _MARKET)
        countries = m.get("countries") or []
        if not isinstance(countries, list) or not countries:
            raise self.fail((*path, "countries"), "list the countries (ISO codes: BR, PT)")
        return Market(
            id=str(m.get("id") or m.get("currency") or "").lower(),
            currency=self.currency_code(m.get("currency"), (*path, "currency")),
            countries=tuple(str(c).strip().upper() for c in countries),
        )

    def product(self, d: Any, defaults: Mapping[str, Any], i: int) -> Product:
        path: Path_ = ("products", i)
        p = self.mapping(d, path, _PRODUCT)
        pid = str(p.get("id") or "").strip()
        if not pid:
            raise self.fail((*path, "id"), "id is missing", "give each product a short id")
        names = self.local(p.get("name"), (*path, "name"))
        if not names:
            raise self.fail((*path, "name"), "name is missing")
        name = names.get(self.lang) or next(iter(names.values()))
        if "price" not in p or p.get("price") in (None, ""):
            raise self.fail((*path, "price"), "price is missing")
        price = self.money(p["price"], (*path, "price"), "price")
        prices: dict[str, Money] = {}
        raw_prices = p.get("prices") or {}
        if not isinstance(raw_prices, Mapping):
            raise self.fail((*path, "prices"), "must be {CURRENCY: amount}")
        for cur, amount in raw_prices.items():
            code = self.currency_code(cur, (*path, "prices", str(cur)))
            prices[code] = self.money(amount, (*path, "prices", str(cur)), "price", code)
        prices.setdefault(price.currency, price)

        def pick(key: str) -> tuple[Any, Path_]:
            if key in p:
                return p[key], (*path, key)
            return defaults.get(key), self.faq_path if key == "faq" else ("defaults", key)

        alias_names = self.aliases(p.get("aliases"), (*path, "aliases"))
        raw_variants = self.listed(p.get("variants"), (*path, "variants"))
        if len(raw_variants) > MAX_VARIANTS:
            raise self.fail(
                (*path, "variants"),
                f"{len(raw_variants)} variants; a product may have at most {MAX_VARIANTS}",
            )
        variants = tuple(
            self.variant(x, (*path, "variants", j), pid) for j, x in enumerate(raw_variants)
        )
        skus = [x.sku for x in variants]
        if len(set(skus)) != len(skus):
            raise self.fail((*path, "variants"), f"variants repeat: {skus}")
        fields = self.specs(p.get("specs"), (*path, "specs"))
        material = self.local(p.get("material"), (*path, "material"))
        if material and not any(f.key == "material" for f in fields):
            fields = (SpecField("material", {"en": "Material"}, material), *fields)
        if not material:  # what v1 called material: the spec that says what it is made of
            made_of = next((f for f in fields if f.key.lower() in _MATERIAL_KEYS), None)
            material = dict(made_of.value) if made_of is not None else {}
        shipping_raw, ship_path = pick("shipping")
        payment_raw, pay_path = pick("payment")
        returns_raw, ret_path = pick("returns")
        warranty_raw, war_path = pick("warranty")
        discounts_raw, dis_path = pick("discounts")
        faq_raw, faq_path = pick("faq")
        warranty, no_warranty = self.warranty(warranty_raw, war_path)
        return Product(
            id=pid,
            name=name,
            price=price,
            variants=variants,
            aliases=tuple(dict.fromkeys(a for names_ in alias_names.values() for a in names_)),
            material=material,
            specs={f.key: f.value for f in fields},
            shipping=self.product_shipping(shipping_raw, ship_path, defaults.get("shipping")),
            payment=self.payment(payment_raw, pay_path),
            returns=self.returns(returns_raw, ret_path),
            warranty=warranty,
            discounts=tuple(
                self.discount(x, (*dis_path, j), j)
                for j, x in enumerate(self.listed(discounts_raw, dis_path))
            ),
            faq=tuple(
                self.faq(x, (*faq_path, j), j) for j, x in enumerate(self.listed(faq_raw, faq_path))
            ),
            names=names,
            type_names=self.local(p.get("type"), (*path, "type")),
            alias_names=alias_names,
            prices=prices,
            spec_fields=fields,
            no_warranty=no_warranty,
        )

    def aliases(self, value: Any, path: Path_) -> dict[str, tuple[str, ...]]:
        if value is None:
            return {}
        if isinstance(value, list):
            return {self.lang: tuple(str(a).strip() for a in value if str(a).strip())}
        if not isinstance(value, Mapping):
            raise self.fail(path, "must be {language: [names]} or a list of names")
        out: dict[str, tuple[str, ...]] = {}
        for k, names in value.items():
            code = str(k).lower()
            if not _LANG.match(code):
                raise self.fail((*path, str(k)), f"{k!r} is not a language code")
            if isinstance(names, str):
                names = [names]
            if not isinstance(names, list):
                raise self.fail((*path, str(k)), "must be a list of names")
            out[code] = tuple(str(a).strip() for a in names if str(a).strip())
        return out

    def specs(self, value: Any, path: Path_) -> tuple[SpecField, ...]:
        if value is None:
            return ()
        if isinstance(value, Mapping):  # the v1 form {key: value} is accepted too
            value = [{"key": k, "value": v} for k, v in value.items()]
        out: list[SpecField] = []
        for j, item in enumerate(self.listed(value, path)):
            at = (*path, j)
            s = self.mapping(item, at, _SPEC)
            key = str(s.get("key") or "").strip()
            if not key:
                raise self.fail((*at, "key"), "key is missing", "name the spec: key: width")
            if any(f.key == key for f in out):
                raise self.fail((*at, "key"), f"spec {key!r} repeats")
            raw_value = s.get("value")
            val = self.local(raw_value, (*at, "value"))
            if not val:
                raise self.fail((*at, "value"), f"spec {key!r} has no value")
            label = self.local(s.get("label"), (*at, "label")) or {self.lang: key.replace("_", " ")}
            out.append(SpecField(key, label, val, neutral=not isinstance(raw_value, Mapping)))
        return tuple(out)

    def variant(self, d: Any, path: Path_, pid: str) -> Variant:
        # a field of the seller's own naming (type: calming cica, scent: lavender) is the
        # variant's other choice; a near miss of a known field stays an error (see mapping)
        own = (
            {
                str(k)
                for k, x in d.items()
                if str(k) not in _VARIANT
                and typo_of(str(k), _VARIANT) is None
                and isinstance(x, (str, int, float))
                and not isinstance(x, bool)
                and str(x).strip()
            }
            if isinstance(d, Mapping)
            else set()
        )
        v = self.mapping(d, path, _VARIANT | own)
        size_raw = v.get("size")
        colour_raw = v.get("colour", v.get("color"))
        size = str(size_raw).strip() if size_raw not in (None, "") else None
        colour = str(colour_raw).strip().lower() if colour_raw not in (None, "") else None
        options = tuple((str(k), str(x).strip()) for k, x in v.items() if str(k) in own)
        if "stock" not in v:
            raise self.fail(path, "stock is missing (write 0 for sold out)")
        parts = (size, colour, *(x for _k, x in options))
        sku = str(v.get("sku") or f"{pid}/" + "-".join(x for x in parts if x))
        price = v.get("price")
        return Variant(
            sku=sku,
            size=size,
            colour=colour,
            stock=self.whole(v, "stock", path),
            price=None if price in (None, "") else self.money(price, (*path, "price"), "price"),
            options=options,
        )

    def product_shipping(self, raw: Any, path: Path_, default_raw: Any) -> tuple[ShippingRule, ...]:
        """A product's shipping rules. A list of its own with a rate in it is the product's
        whole list ("piñatas: MX 199, US 650, never CA"). A list of exceptions only ("knives:
        never to GB") lies over the sheet's defaults: every country it does not name keeps the
        default row (blind sellers wrote both, meaning these two things). A product row for "*"
        always ends the defaults."""
        own = tuple(self.shipping(x, (*path, j)) for j, x in enumerate(self.listed(raw, path)))
        if path[:1] == ("defaults",) or default_raw is None:
            return own  # the defaults themselves, or none to lay the rows over
        if any(r.country == "*" or not r.never for r in own):
            return own
        named = {r.country for r in own}
        base = ("defaults", "shipping")
        rest = (self.shipping(x, (*base, j)) for j, x in enumerate(self.listed(default_raw, base)))
        return (*own, *(r for r in rest if r.country not in named))

    def shipping(self, d: Any, path: Path_) -> ShippingRule:
        r = self.mapping(d, path, _SHIPPING)
        country = str(r.get("country") or "").strip().upper()
        if not country:
            raise self.fail((*path, "country"), "country is missing", "write BR, US... or *")
        currency = r.get("currency")
        cur = self.currency_code(currency, (*path, "currency")) if currency else self.currency
        if r.get("never") is True or str(r.get("never")).lower() in ("true", "yes"):
            return ShippingRule(country, Money(Decimal(0), cur), 0, 0, never=True)
        if r.get("cost") in (None, ""):
            raise self.fail((*path, "cost"), "cost is missing", "write 0 for free, or never: true")
        days_min = self.whole(r, "days_min", path)
        days_max = self.whole(r, "days_max", path, default=days_min)
        if days_max < days_min:
            raise self.fail((*path, "days_max"), "days_max is below days_min")
        over = r.get("free_over")
        return ShippingRule(
            country=country,
            cost=self.money(r["cost"], (*path, "cost"), "cost", cur),
            days_min=days_min,
            days_max=days_max,
            free_over=None
            if over in (None, "")
            else self.money(over, (*path, "free_over"), "free_over", cur),
            carrier=str(r.get("carrier") or ""),
        )

    def payment(self, d: Any, path: Path_) -> PaymentOptions | None:
        if not d:
            return None
        pay = self.mapping(d, path, _PAYMENT)
        methods = pay.get("methods") or []
        if isinstance(methods, str):
            methods = [m.strip() for m in methods.split("|") if m.strip()]
        methods = _rejoin_brackets(methods)
        plan = None
        inst = pay.get("instalments")
        if inst:
            at = (*path, "instalments")
            i = self.mapping(inst, at, _INSTALMENTS)
            rate = i.get("annual_rate_percent")
            max_months = (
                None if i.get("max_months") in (None, "") else self.whole(i, "max_months", at)
            )
            free = self.whole(i, "interest_free_months", at, default=0)
            if max_months is not None and free > max_months:
                raise self.fail((*at, "interest_free_months"), "is above max_months")
            minimum = i.get("min_instalment")
            provider = i.get("provider")
            plan = InstalmentPlan(
                max_months=max_months,
                interest_free_months=free,
                annual_rate_percent=None if rate in (None, "") else self.number(rate, at, "rate"),
                min_instalment=None
                if minimum in (None, "")
                else self.money(minimum, (*at, "min_instalment"), "min_instalment"),
                provider=str(provider).strip() or None if provider not in (None, "") else None,
            )
        return PaymentOptions(methods=tuple(str(m) for m in methods), instalments=plan)

    def returns(self, d: Any, path: Path_) -> ReturnPolicy | None:
        if not d:
            return None
        r = self.mapping(d, path, _RETURNS)
        free = r.get("free", False)
        return ReturnPolicy(
            days=self.whole(r, "days", path),
            free=free is True or str(free).lower() in ("true", "yes", "1"),
            conditions=self.local(r.get("conditions"), (*path, "conditions")),
        )

    def warranty(self, d: Any, path: Path_) -> tuple[Warranty | None, bool]:
        if not d:
            return None, False
        w = self.mapping(d, path, _WARRANTY)
        if w.get("none") is True:
            return None, True
        covers = self.local(w.get("covers"), (*path, "covers"))
        if w.get("years") not in (None, ""):
            years = self.whole(w, "years", path)
            return Warranty(months=years * 12, covers=covers, years=years), False
        if w.get("months") in (None, ""):
            raise self.fail(path, "say months: N, years: N or none: true")
        return Warranty(months=self.whole(w, "months", path), covers=covers), False

    def discount(self, d: Any, path: Path_, j: int) -> Discount:
        x = self.mapping(d, path, _DISCOUNT)
        pct = x.get("percent")
        return Discount(
            id=str(x.get("id") or f"discount{j}"),
            percent=None if pct in (None, "") else self.number(pct, (*path, "percent"), "percent"),
            code=str(x["code"]) if x.get("code") else None,
            min_quantity=self.whole(x, "min_quantity", path) if x.get("min_quantity") else None,
            min_order=(
                self.money(x["min_order"], (*path, "min_order"), "min_order")
                if x.get("min_order") not in (None, "")
                else None
            ),
            note=self.local(x.get("note"), (*path, "note")),
        )

    def faq(self, d: Any, path: Path_, j: int) -> FaqEntry:
        f = self.mapping(d, path, _FAQ)
        qkey = "question" if "question" in f else "q"
        akey = "answer" if "answer" in f else "a"
        questions = self.local(f.get(qkey), (*path, qkey))
        answer = self.local(f.get(akey), (*path, akey))
        if not questions:
            raise self.fail((*path, "question"), "question is missing")
        if not answer:
            raise self.fail((*path, "answer"), "answer is missing")
        kws = f.get("keywords") or []
        if isinstance(kws, str):
            kws = [k.strip() for k in kws.split("|") if k.strip()]
        return FaqEntry(
            id=str(f.get("id") or f"faq{j}"),
            question=questions.get(self.lang) or next(iter(questions.values())),
            answer=answer,
            keywords=tuple(str(k).lower() for k in kws),
            questions=questions,
        )


def _own_faq(products: tuple[Product, ...], shared: set[str]) -> tuple[Product, ...]:
    """The sheet-wide FAQ, given to the products in ``shared``, less the entries that name other
    products only: "Does the moka pot work on induction?" answers for the moka pot, not for
    the coffee beans (the ninth blind set's sheets: that answer was appended to questions about
    beans, grinders and shipping)."""
    if len(products) < 2:
        return products
    words = {
        p.id: [
            re.compile(rf"(?<!\w){re.escape(w.casefold())}(?!\w)")
            for w in {p.name, *p.names.values(), *p.aliases}
            if len(w) >= 3
        ]
        for p in products
    }

    def named(entry: FaqEntry) -> set[str]:
        text = " ".join([*entry.questions.values(), *entry.answer.values()]).casefold()
        return {pid for pid, res in words.items() if any(r.search(text) for r in res)}

    out = []
    for p in products:
        if p.id in shared and p.faq:
            kept = tuple(f for f in p.faq if not (n := named(f)) or p.id in n)
            p = replace(p, faq=kept)
        out.append(p)
    return tuple(out)


def sheet_from_v2(raw: Any, source: str = "sheet", text: str | None = None) -> ProductSheet:
    """Validate a schema-2 structure; ``text`` (the YAML) lets errors name their line."""
    return _V2(source, text).sheet(raw)


# --- one view of both schemas ------------------------------------------------------------------


def spec_fields(product: Product, seller_language: str) -> tuple[SpecField, ...]:
    """A product's open-ended fields: schema 2's own, or v1's ``material`` and ``specs``."""
    if product.spec_fields:
        return product.spec_fields
    out: list[SpecField] = []
    if product.material:
        out.append(SpecField("material", {"en": "Material"}, product.material))
    for key, value in product.specs.items():
        out.append(SpecField(key, {"en": key.replace("_", " ")}, value))
    return tuple(out)


def names_of(product: Product, seller_language: str) -> LocalText:
    """The product's name per language (v1: its one name, in the seller's language)."""
    return product.names or {seller_language: product.name}


def _rejoin_brackets(items: list[Any]) -> list[Any]:
    """A YAML flow list splits at every comma, a bracket's too: ``[transfer bank (BCA, Mandiri),
    QRIS]`` is read as "transfer bank (BCA", "Mandiri)", "QRIS". The seller meant one method
    with a note; the pieces of an open bracket are joined again up to the piece that closes it
    (an item whose bracket never closes is left as written)."""
    out: list[Any] = []
    pending: list[str] = []  # the pieces of a bracket still open
    for item in items:
        if pending:
            pending.append(str(item))
            joined = ", ".join(pending)
            if joined.count("(") <= joined.count(")"):
                out.append(joined)
                pending = []
        elif isinstance(item, str) and item.count("(") > item.count(")"):
            pending = [item]
        else:
            out.append(item)
    return out + pending
