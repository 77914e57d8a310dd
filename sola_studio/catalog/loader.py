"""Load a product sheet from the YAML or CSV file a seller writes by hand.

Both formats become the same plain structure and go through one validator, so a mistake in
either is reported the same way: a :class:`~sola_studio.core.errors.ConfigError` naming the file,
the place and how to fix it. Sheet-wide ``defaults`` (shipping, payment, returns, warranty,
discounts, faq) apply to every product that does not set its own.

This module never guesses a missing price or stock: a product without a price is an error, a
variant without stock is an error (0 means sold out and must be written).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from sola_studio.catalog.limits import (
    MAX_AMOUNT,
    MAX_PRODUCTS,
    MAX_SHEET_BYTES,
    MAX_VARIANTS,
    MAX_WHOLE,
    currency_problem,
    typo_of,
)
from sola_studio.catalog.schema_v2 import Lines, is_v2, sheet_from_v2
from sola_studio.catalog.sheet import (
    Discount,
    FaqEntry,
    InstalmentPlan,
    LocalText,
    Money,
    PaymentOptions,
    Product,
    ProductSheet,
    ReturnPolicy,
    ShippingRule,
    Variant,
    Warranty,
)
from sola_studio.core import yamlio
from sola_studio.core.errors import ConfigError

log = logging.getLogger(__name__)

_FIX = "edit the sheet (see assets/sample_sheet.yaml for every field)"


def load_sheet(path: str | Path) -> ProductSheet:
    """Read ``path`` (``.yaml``/``.yml`` or ``.csv``) into a :class:`ProductSheet`."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"product sheet {p} does not exist", fix="pass the path of your sheet")
    size = p.stat().st_size
    if size > MAX_SHEET_BYTES:
        raise ConfigError(
            f"product sheet {p} is {size / 1e6:.1f} MB; a sheet may hold at most "
            f"{MAX_SHEET_BYTES // (1024 * 1024)} MB",
            fix="keep the products you sell in this live in the sheet (one sheet per show)",
        )
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read product sheet {p}: {exc}", fix="save it as UTF-8") from exc
    if p.suffix.lower() == ".csv":
        raw = _csv_to_raw(text, p)
    else:
        try:
            raw = yamlio.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{p} is not valid YAML: {exc}", fix=_FIX) from exc
    if is_v2(raw):  # schema 2: its own reader, which names the line of a mistake
        sheet = sheet_from_v2(raw, source=str(p), text=text)
    else:
        sheet = sheet_from_raw(
            raw, source=str(p), text=None if p.suffix.lower() == ".csv" else text
        )
    for warning in sheet.warnings:
        log.warning("%s", warning)
    log.info("loaded %d products from %s (pinned %s)", len(sheet.products), p, sheet.pinned_id)
    return sheet


def sheet_from_raw(raw: Any, source: str = "sheet", text: str | None = None) -> ProductSheet:
    """Validate a plain structure (as parsed from YAML) into a :class:`ProductSheet`; ``text``
    (the YAML) lets a warning or error name its line."""
    if is_v2(raw):
        return sheet_from_v2(raw, source=source, text=text)
    v = _Validator(source)
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{source}: the top level must be a mapping", fix=_FIX)
    warnings = _unknown_keys(raw, source, Lines(text))
    seller_language = v.text(raw, "seller_language", "sheet")
    currency = v.currency(raw.get("currency"), "sheet")
    defaults = raw.get("defaults") or {}
    if not isinstance(defaults, Mapping):
        raise ConfigError(f"{source}: defaults must be a mapping", fix=_FIX)
    items = raw.get("products")
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{source}: no products listed", fix="add a products: list")
    if len(items) > MAX_PRODUCTS:
        raise ConfigError(
            f"{source}: {len(items)} products; a sheet may hold at most {MAX_PRODUCTS}",
            fix="keep the products you sell in this live in the sheet (one sheet per show)",
        )
    products = tuple(
        v.product(item, defaults, currency, seller_language, i) for i, item in enumerate(items)
    )
    ids = [p.id for p in products]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"{source}: product ids repeat: {ids}", fix="give each product its id")
    pinned = str(raw.get("pinned") or products[0].id)
    if pinned not in ids:
        raise ConfigError(f"{source}: pinned product {pinned!r} is not listed", fix=_FIX)
    audience = raw.get("audience_languages") or []
    return ProductSheet(
        seller_language=seller_language,
        currency=currency,
        products=products,
        pinned_id=pinned,
        low_stock_threshold=v.int_(raw, "low_stock_threshold", "sheet", default=5),
        seller_name=str(raw.get("seller_name") or ""),
        audience_languages=tuple(str(x) for x in audience),
        warnings=tuple(warnings),
    )


class _Validator:
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

    def decimal(self, value: Any, where: str, key: str) -> Decimal:
        """A number as written (``49.90``, ``49,90``); never NaN, infinite, negative or above
        :data:`MAX_AMOUNT` (YAML reads ``.nan``/``.inf`` as such floats, and ``1e309`` as a
        string Decimal takes: each passed, then failed every price question mid-show)."""
        if isinstance(value, bool):
            raise self.fail(where, f"{key} must be a number, not {value!r}")
        try:
            d = Decimal(str(value).strip().replace(",", "."))
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
        return Money(self.decimal(value, where, key), code)

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
            )
            if plan.max_months is not None and plan.interest_free_months > plan.max_months:
                raise self.fail(w, "interest_free_months is above max_months")
        return PaymentOptions(methods=tuple(str(m) for m in methods), instalments=plan)

    def returns(self, d: Any, where: str, lang: str) -> ReturnPolicy | None:
        if not d:
            return None
        return ReturnPolicy(
            days=self.int_(d, "days", f"{where} returns"),
            free=_truthy(d.get("free", False)),
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


# The CSV form: one row per thing, the first column ``kind`` says what the row is; the other
# columns are the YAML field names (empty cells are ignored). Kinds: sheet, product, variant,
# spec, shipping, payment, returns, warranty, discount, faq. Rows with an empty ``product`` cell
# for shipping/payment/returns/warranty/discount/faq set the sheet-wide defaults. Localised
# texts use columns ``field:lang`` (``answer:en``). ``methods`` and ``keywords`` are ``|``-lists.
def _csv_to_raw(text: str, path: Path) -> dict[str, Any]:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "kind" not in reader.fieldnames:
        raise ConfigError(f"{path}: the first row must be a header with a kind column", fix=_FIX)
    raw: dict[str, Any] = {"products": [], "defaults": {}}
    products: dict[str, dict[str, Any]] = {}
    for line, row in enumerate(reader, start=2):
        kind = (row.pop("kind") or "").strip().lower()
        cells = _cells(row)
        pid = str(cells.pop("product", "") or "")
        if kind == "sheet":
            raw.update(cells)
            continue
        if kind == "product":
            pid = str(cells.get("id", ""))
            if cells.pop("pinned", "").lower() in ("1", "yes", "true"):
                raw["pinned"] = pid
            products[pid] = {**cells, **products.get(pid, {})}
            raw["products"].append(products[pid])
            continue
        target = products.get(pid) if pid else raw["defaults"]
        if target is None:
            raise ConfigError(f"{path}:{line}: product {pid!r} is used before its row", fix=_FIX)
        if kind == "variant":
            target.setdefault("variants", []).append(cells)
        elif kind == "spec":
            target.setdefault("specs", {})[cells.pop("name", "")] = cells.get("value") or cells
        elif kind in ("shipping", "discount", "faq"):
            key = {"shipping": "shipping", "discount": "discounts", "faq": "faq"}[kind]
            target.setdefault(key, []).append(cells)
        elif kind == "payment":
            inst = {k: cells.pop(k) for k in list(cells) if k in _INSTALMENT_FIELDS}
            target["payment"] = {**cells, "instalments": inst or None}
        elif kind in ("returns", "warranty"):
            target[kind] = cells
        else:
            raise ConfigError(f"{path}:{line}: unknown kind {kind!r}", fix=_FIX)
    return raw


_INSTALMENT_FIELDS = ("max_months", "interest_free_months", "annual_rate_percent", "min_instalment")


def _cells(row: Mapping[str, str | None]) -> dict[str, Any]:
    """Non-empty cells; ``field:lang`` columns become ``{field: {lang: text}}``."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key is None or value is None or value.strip() == "":
            continue
        if ":" in key:
            name, lang = key.split(":", 1)
            out.setdefault(name, {})[lang] = value.strip()
        else:
            out[key] = value.strip()
    return out


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "yes", "true", "sim", "y")


# Schema 1's fields, where they may appear. A key not listed is a warning naming its line (the
# sheet loads; a newer field an older Sola does not read is no reason to refuse the show); a
# key that is clearly a misspelling of a listed one is an error, since the field the seller
# meant (a price, a stock) would otherwise silently be missing.
_MONEY_OWNER = {"currency"}
_V1_KEYS: dict[str, set[str]] = {
    "": {
        "schema",
        "seller_name",
        "seller_language",
        "currency",
        "audience_languages",
        "defaults",
        "products",
        "pinned",
        "low_stock_threshold",
    },
    "defaults": {"shipping", "payment", "returns", "warranty", "discounts", "faq"},
    "product": {
        "id",
        "name",
        "price",
        "variants",
        "aliases",
        "material",
        "specs",
        "shipping",
        "payment",
        "returns",
        "warranty",
        "discounts",
        "faq",
    }
    | _MONEY_OWNER,
    "variants": {"sku", "size", "colour", "stock", "price"} | _MONEY_OWNER,
    "shipping": {"country", "cost", "days_min", "days_max", "free_over", "carrier"} | _MONEY_OWNER,
    "payment": {"methods", "instalments"},
    "instalments": {*_INSTALMENT_FIELDS} | _MONEY_OWNER,
    "returns": {"days", "free", "conditions"},
    "warranty": {"months", "covers"},
    "discounts": {"id", "percent", "code", "min_quantity", "note"},
    "faq": {"id", "question", "answer", "keywords"},
}
_V1_LISTS = {"variants", "shipping", "discounts", "faq"}
_V1_MAPS = {"payment", "returns", "warranty", "instalments"}


def _unknown_keys(raw: Mapping, source: str, lines: Lines) -> list[str]:
    """Warnings for keys schema 1 does not read; raises for a misspelt known key."""
    warnings: list[str] = []
    for path, key, known in _v1_mappings(raw):
        if key in known:
            continue
        at = (*path, key)
        line = lines.line(at)
        where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in at)
        where = f"line {line}, {where.replace('.[', '[')}" if line else where.replace(".[", "[")
        meant = typo_of(key, known)
        if meant is not None:
            raise ConfigError(
                f"{source}: {where}: unknown field {key!r} (did you mean {meant!r}?)",
                fix=f"rename it to {meant}",
            )
        warnings.append(
            f"{source}: {where}: unknown field {key!r} is ignored "
            f"(known here: {', '.join(sorted(known))})"
        )
    return warnings


def _v1_mappings(raw: Mapping) -> Iterator[tuple[tuple[str | int, ...], str, set[str]]]:
    """``(path, key, known keys)`` for every key of every mapping schema 1 defines."""

    def walk(d: Any, path: tuple[str | int, ...], kind: str) -> Iterator[Any]:
        if not isinstance(d, Mapping):
            return
        known = _V1_KEYS[kind]
        for key, value in d.items():
            k = str(key)
            yield path, k, known
            if k not in known:
                continue
            at = (*path, k)
            if k in _V1_LISTS and isinstance(value, list):
                for i, item in enumerate(value):
                    yield from walk(item, (*at, i), k)
            elif k in _V1_MAPS:
                yield from walk(value, at, k)
            elif kind == "" and k == "defaults":
                yield from walk(value, at, "defaults")
            elif kind == "" and k == "products" and isinstance(value, list):
                for i, item in enumerate(value):
                    yield from walk(item, (*at, i), "product")

    yield from walk(raw, (), "")
