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
from pathlib import Path
from typing import Any

import yaml

from sola_studio.catalog.limits import (
    MAX_FIELD_TEXTS,
    MAX_PRODUCTS,
    MAX_SHEET_BYTES,
    typo_of,
)
from sola_studio.catalog.schema_v2 import Lines, is_v2, sheet_from_v2, spec_fields
from sola_studio.catalog.sheet import (
    ProductSheet,
)
from sola_studio.catalog.values import Validator
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
    sheet = sheet_from_raw(raw, source=str(p), text=None if p.suffix.lower() == ".csv" else text)
    for warning in sheet.warnings:
        log.warning("%s", warning)
    log.info("loaded %d products from %s (pinned %s)", len(sheet.products), p, sheet.pinned_id)
    return sheet


def sheet_from_raw(raw: Any, source: str = "sheet", text: str | None = None) -> ProductSheet:
    """Validate a plain structure (as parsed from YAML) into a :class:`ProductSheet`; ``text``
    (the YAML) lets a warning or error name its line."""
    if is_v2(raw):  # schema 2: its own reader, which names the line of a mistake
        return _bounded(sheet_from_v2(raw, source=source, text=text), source)
    v = Validator(source)
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
    sheet = ProductSheet(
        seller_language=seller_language,
        currency=currency,
        products=products,
        pinned_id=pinned,
        low_stock_threshold=v.int_(raw, "low_stock_threshold", "sheet", default=5),
        seller_name=str(raw.get("seller_name") or ""),
        audience_languages=tuple(str(x) for x in audience),
        warnings=tuple(warnings),
    )
    return _bounded(sheet, source)


def field_texts(sheet: ProductSheet) -> int:
    """The distinct texts the comment desk indexes before the show: each spec (material
    included) per language plus its key, each FAQ question per language."""
    texts: set[str] = set()
    for p in sheet.products:
        for f in spec_fields(p, sheet.seller_language):
            texts.update(f"{f.key}:{lang}:{value}" for lang, value in f.value.items())
            texts.add(f.key)
        for q in p.faq:
            texts.update([q.question, *q.questions.values()])
    return len(texts)


def _bounded(sheet: ProductSheet, source: str) -> ProductSheet:
    n = field_texts(sheet)
    if n > MAX_FIELD_TEXTS:
        raise ConfigError(
            f"{source}: {n} spec, material and FAQ texts (all languages); a sheet may hold at "
            f"most {MAX_FIELD_TEXTS} (each is indexed before the show, about 45 a second)",
            fix="keep the products you sell in this live in the sheet, and the languages "
            "your viewers read",
        )
    return sheet


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


_INSTALMENT_FIELDS = (
    "max_months",
    "interest_free_months",
    "annual_rate_percent",
    "min_instalment",
    "provider",
)


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
