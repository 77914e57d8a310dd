"""Values that parse but cannot be right: each is refused at load time naming file, line and
field (or, for a field Sola does not read, warned about), instead of failing mid-show."""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

import pytest

from sola_studio.catalog import load_sheet
from sola_studio.catalog.limits import MAX_FIELD_TEXTS, MAX_PRODUCTS, MAX_SHEET_BYTES, MAX_VARIANTS
from sola_studio.core.errors import ConfigError

V1 = (
    "seller_language: en\ncurrency: {currency}\n{extra}products:\n"
    "  - {{id: a, name: A, price: {price}}}\n"
)
V2 = (
    "schema: 2\nseller_language: en\ncurrency: {currency}\n{extra}products:\n"
    "  - {{id: a, name: A, price: {price}}}\n"
)


def sheet(
    tmp_path: Path, template: str, price: str = "10", currency: str = "BRL", extra: str = ""
) -> Path:
    path = tmp_path / "sheet.yaml"
    path.write_text(template.format(price=price, currency=currency, extra=extra))
    return path


@pytest.mark.parametrize("template", [V1, V2], ids=["schema1", "schema2"])
@pytest.mark.parametrize(
    "price", [".nan", ".NaN", ".inf", "-.inf", "1e309", "1.0e+309", "1e13", "-5", "true"]
)
def test_a_price_that_is_not_a_price_is_refused(tmp_path: Path, template: str, price: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_sheet(sheet(tmp_path, template, price=price))
    assert "price" in err.value.message and err.value.fix


@pytest.mark.parametrize("template", [V1, V2], ids=["schema1", "schema2"])
def test_an_ordinary_price_still_loads(tmp_path: Path, template: str) -> None:
    loaded = load_sheet(sheet(tmp_path, template, price="149.90"))
    assert loaded.products[0].price.amount == Decimal("149.90")
    assert loaded.warnings == ()


@pytest.mark.parametrize("template", [V1, V2], ids=["schema1", "schema2"])
@pytest.mark.parametrize("currency", ["ZZZ", "XXX", "R$"])
def test_a_currency_no_one_pays_in_is_refused(tmp_path: Path, template: str, currency: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_sheet(sheet(tmp_path, template, currency=currency))
    assert "currency" in err.value.message and "BRL" in str(err.value.fix)


def test_a_lower_case_currency_is_read_as_its_code(tmp_path: Path) -> None:
    assert load_sheet(sheet(tmp_path, V1, currency="eur")).currency == "EUR"


@pytest.mark.parametrize("template", [V1, V2], ids=["schema1", "schema2"])
def test_an_unknown_key_is_a_warning_naming_key_and_line(
    tmp_path: Path, template: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        loaded = load_sheet(sheet(tmp_path, template, extra="instagram: '@loja'\n"))
    assert len(loaded.warnings) == 1
    warning = loaded.warnings[0]
    assert "'instagram'" in warning and "line " in warning and "sheet.yaml" in warning
    assert warning in caplog.text  # the seller sees it, not only the object


@pytest.mark.parametrize("template", [V1, V2], ids=["schema1", "schema2"])
@pytest.mark.parametrize(
    ("typo", "meant"), [("pinnned: a\n", "pinned"), ("Seller_Name: x\n", "seller_name")]
)
def test_a_misspelt_known_key_is_an_error_saying_what_was_meant(
    tmp_path: Path, template: str, typo: str, meant: str
) -> None:
    with pytest.raises(ConfigError) as err:
        load_sheet(sheet(tmp_path, template, extra=typo))
    line = template.split("{extra}")[0].count("\n") + 1
    assert f"did you mean {meant!r}" in err.value.message and f"line {line}," in err.value.message
    assert meant in str(err.value.fix)


def test_a_misspelt_product_field_names_its_product_and_line(tmp_path: Path) -> None:
    path = tmp_path / "sheet.yaml"
    path.write_text(
        "seller_language: en\ncurrency: BRL\nproducts:\n  - id: a\n    name: A\n    price: 1\n"
        "    variants:\n      - {size: M, stok: 3}\n"
    )
    with pytest.raises(ConfigError) as err:
        load_sheet(path)
    assert "line 8" in err.value.message and "'stock'" in err.value.message


def test_csv_unknown_column_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(
        "kind,id,name,price,currency,seller_language,tiktok\n"
        "sheet,,,,BRL,pt,\nproduct,cap,Boné,59.90,,,@loja\n"
    )
    loaded = load_sheet(path)
    assert any("'tiktok'" in w for w in loaded.warnings)


def test_a_sheet_too_large_to_be_a_sheet_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "sheet.yaml"
    with path.open("w") as f:
        f.write("seller_language: en\ncurrency: BRL\nproducts:\n")
        line = "  - {id: p%07d, name: Product, price: 10}\n"
        n = MAX_SHEET_BYTES // len(line % 0) + 10
        f.writelines(line % i for i in range(n))
    with pytest.raises(ConfigError) as err:
        load_sheet(path)
    assert "MB" in err.value.message and err.value.fix


@pytest.mark.parametrize("schema", ["", "schema: 2\n"])
def test_too_many_products_or_variants_is_a_clear_error(tmp_path: Path, schema: str) -> None:
    head = f"{schema}seller_language: en\ncurrency: BRL\nproducts:\n"
    many = tmp_path / "many.yaml"
    many.write_text(
        head + "".join(f"  - {{id: p{i}, name: P, price: 1}}\n" for i in range(MAX_PRODUCTS + 1))
    )
    with pytest.raises(ConfigError, match=f"at most {MAX_PRODUCTS}"):
        load_sheet(many)
    wide = tmp_path / "wide.yaml"
    variants = ", ".join(f"{{size: S{i}, stock: 1}}" for i in range(MAX_VARIANTS + 1))
    wide.write_text(head + f"  - {{id: a, name: A, price: 1, variants: [{variants}]}}\n")
    with pytest.raises(ConfigError, match=f"at most {MAX_VARIANTS}"):
        load_sheet(wide)


@pytest.mark.parametrize("schema", ["", "schema: 2\n"])
def test_too_many_texts_to_index_before_the_show_is_a_clear_error(
    tmp_path: Path, schema: str
) -> None:
    def material(i: int) -> str:
        return "{" + ", ".join(f"{lang}: cotton {i} {lang}" for lang in LANGS) + "}"

    rows = "".join(
        f"  - {{id: p{i}, name: P, price: 1, material: {material(i)}}}\n"
        for i in range(MAX_FIELD_TEXTS // len(LANGS) + 1)
    )
    path = tmp_path / "sheet.yaml"
    path.write_text(f"{schema}seller_language: en\ncurrency: BRL\nproducts:\n{rows}")
    with pytest.raises(ConfigError, match=f"at most {MAX_FIELD_TEXTS}") as err:
        load_sheet(path)
    assert "languages" in str(err.value.fix)


LANGS = ("en", "pt", "es", "de", "fr", "it")
