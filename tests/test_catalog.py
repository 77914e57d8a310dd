"""The product sheet: the sample loads, YAML and CSV give the same facts, mistakes name the fix."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import REPO_ROOT as REPO
from helpers import SAMPLE_SHEET

from sola_studio.catalog import StockLevel, load_sheet
from sola_studio.core.errors import ConfigError

SAMPLE = SAMPLE_SHEET


def test_sample_sheet_has_everything_a_viewer_asks() -> None:
    sheet = load_sheet(SAMPLE)
    tee = sheet.pinned
    assert tee.id == "tee" and tee.price.amount == Decimal("89.90") and tee.price.currency == "BRL"
    assert set(tee.sizes) == {"S", "M", "L", "XL"} and "blue" in tee.colours
    m_black = tee.variants_matching("M", "black")[0]
    assert sheet.stock_level(m_black) is StockLevel.LOW
    assert sheet.stock_level(tee.variants_matching("XL", "black")[0]) is StockLevel.OUT
    br = tee.shipping_to("br")
    assert br is not None and br.days_max == 7 and br.free_over is not None
    assert tee.shipping_to("CN") is None  # not listed: the seller will check
    assert tee.payment is not None and tee.payment.instalments is not None
    assert tee.payment.instalments.annual_rate_percent == Decimal("3.6")
    assert tee.returns is not None and tee.returns.days == 30 and tee.returns.free
    assert tee.warranty is not None and tee.warranty.months == 3
    assert [d.code for d in tee.discounts if d.code] == ["LIVE10"]
    assert {f.id for f in tee.faq} == {"wash", "shrink"}
    assert sheet.with_pinned("runner").pinned.name == "Tênis Sola Runner"


def test_csv_sheet_loads_like_yaml(tmp_path: Path) -> None:
    csv = tmp_path / "sheet.csv"
    csv.write_text(
        "kind,id,product,name,price,currency,seller_language,size,colour,stock,country,cost,"
        "days_min,days_max,methods,max_months,interest_free_months,annual_rate_percent,days,"
        "free,question,answer:pt,answer:en,keywords,pinned\n"
        "sheet,,,,,BRL,pt,,,,,,,,,,,,,,,,,,\n"
        "product,cap,,Boné Sola,59.90,,,,,,,,,,,,,,,,,,,,yes\n"
        "variant,,cap,,,,,U,black,4,,,,,,,,,,,,,,,\n"
        "shipping,,,,,,,,,,BR,12.50,2,5,,,,,,,,,,,\n"
        "payment,,,,,,,,,,,,,,Pix|cartão,6,3,2.5,,,,,,,\n"
        "returns,,,,,,,,,,,,,,,,,,7,no,,,,,\n"
        "faq,,cap,,,,,,,,,,,,,,,,,,Ajusta?,Sim tem regulagem,Yes it is adjustable,ajust|adjust,\n"
    )
    sheet = load_sheet(csv)
    cap = sheet.pinned
    assert cap.id == "cap" and cap.price.amount == Decimal("59.90")
    assert cap.variants[0].stock == 4 and cap.variants[0].colour == "black"
    rule = cap.shipping_to("BR")
    assert rule is not None and rule.cost.amount == Decimal("12.50")
    assert cap.payment is not None and cap.payment.methods == ("Pix", "cartão")
    assert cap.returns is not None and cap.returns.days == 7 and not cap.returns.free
    assert cap.faq[0].answer["en"] == "Yes it is adjustable"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("seller_language: pt\ncurrency: BRL\nproducts: []\n", "no products"),
        ("seller_language: pt\ncurrency: BRL\nproducts:\n  - {id: a, name: A}\n", "price"),
        (
            "seller_language: pt\ncurrency: BRL\nproducts:\n  - id: a\n    name: A\n"
            "    price: 1\n    variants: [{size: M}]\n",
            "stock",
        ),
        (
            "seller_language: pt\ncurrency: BRL\npinned: zz\nproducts:\n"
            "  - {id: a, name: A, price: 1}\n",
            "pinned",
        ),
        ("products: [\n", "YAML"),
    ],
)
def test_broken_sheets_are_config_errors_naming_the_fix(
    tmp_path: Path, text: str, needle: str
) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_sheet(p)
    assert needle in str(err.value) and err.value.fix


def test_missing_sheet_file() -> None:
    with pytest.raises(ConfigError):
        load_sheet("/nonexistent/sheet.yaml")


def test_sample_csv_sheet_matches_the_yaml_on_shared_facts() -> None:
    csv_sheet = load_sheet(REPO / "assets" / "sample_sheet.csv")
    yaml_sheet = load_sheet(SAMPLE)
    a, b = csv_sheet.pinned, yaml_sheet.pinned
    assert a.price == b.price and a.material["en"] == b.material["en"]
    assert a.shipping_to("PT") == b.shipping_to("PT")
    assert a.payment is not None and b.payment is not None
    assert a.payment.instalments == b.payment.instalments
    assert a.returns is not None and a.returns.days == 30 and a.returns.free
    assert a.warranty is not None and a.warranty.months == 3
    assert a.discounts[0].code == "LIVE10" and a.faq[0].answer["es"].startswith("Lavar")
