"""Product sheet schema 2: what a seller writes loads into facts, v1 sheets still load, and a
mistake names its line and field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import REPO_ROOT as REPO
from helpers import SAMPLE_SHEET

from sola_studio.catalog import load_sheet
from sola_studio.catalog.schema_v2 import names_of, spec_fields
from sola_studio.core.errors import ConfigError

HOME = REPO / "tests" / "desk_v2" / "sheets" / "home.yaml"
SAMPLE = SAMPLE_SHEET


def test_v2_sheet_holds_every_kind_of_fact() -> None:
    sheet = load_sheet(HOME)
    assert sheet.schema == 2 and sheet.currency == "USD"
    sofa = sheet.product("sofa")
    assert sofa is not None
    assert sofa.names["pt"] == "Sofá Nube de 3 lugares" and sofa.name == "Nube 3-seat sofa"
    assert sofa.type_names["es"] == "sofá" and "sillón" in sofa.alias_names["es"]
    assert sofa.price_in("BRL").amount == Decimal("4490") and sofa.price_in("JPY").currency == "USD"
    market = sheet.market_for("pt")
    assert market is not None and market.currency == "EUR"
    width = next(f for f in sofa.spec_fields if f.key == "width")
    assert width.value == {"en": "210 cm"} and width.neutral and width.label["pt"] == "Largura"
    # "legs screw on, no tools needed" in a YAML flow mapping is one text, not two keys
    assembly = next(f for f in sofa.spec_fields if f.key == "assembly")
    assert assembly.value["en"] == "legs screw on, no tools needed" and not assembly.neutral
    assert sofa.warranty is not None and sofa.warranty.years == 5 and sofa.warranty.months == 60
    free = sofa.shipping_to("US")
    assert free is not None and free.cost.is_zero and free.carrier == "UPS"
    never = sofa.shipping_to("RU")
    assert never is not None and never.never
    catch_all = sofa.shipping_to("JP")
    assert catch_all is not None and catch_all.country == "*" and catch_all.days_max == 25
    assert sofa.payment is not None and sofa.payment.instalments is not None
    assert sofa.payment.instalments.max_months is None
    lamp = sheet.product("lamp")
    assert lamp is not None and lamp.warranty is None and lamp.no_warranty
    default = sheet.product("sofa")
    assert default is not None and default.faq[0].questions["en"] == "Is the cover removable?"


def test_v1_sheet_reads_through_the_same_view() -> None:
    sheet = load_sheet(SAMPLE)
    tee = sheet.pinned
    assert sheet.schema == 1
    fields = {f.key: f for f in spec_fields(tee, sheet.seller_language)}
    assert (
        "material" in fields and "origin" in fields and "algodão" in fields["material"].value["pt"]
    )
    assert names_of(tee, "en") == {"en": "Camiseta Sola Classic"}
    assert tee.price_in("EUR") == tee.price  # v1: one price


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("value: 45 cm}", "valu: 45 cm}", "line 33, products[0].specs[1].valu: unknown field"),
        ("price: 149.00", "price: cheap", "line 46, products[1].price: price must be a number"),
        ("{BRL: 4490.00, EUR: 829.00}", "{BRL: 4490.00, euro: 1}", "products[0].prices.euro"),
        (
            "{years: 5, covers: {en: frame}}",
            "{covers: {en: frame}}",
            "line 39, products[0].warranty",
        ),
        ("{country: RU, never: true}", "{country: RU}", "line 15, defaults.shipping[2].cost"),
        ("- {colour: sand, stock: 4}", "- {colour: sand}", "line 37, products[0].variants[0]"),
    ],
)
def test_a_bad_v2_sheet_names_line_and_field(tmp_path: Path, old: str, new: str, says: str) -> None:
    text = HOME.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_sheet(bad)
    assert says in err.value.message, err.value.message
    assert err.value.fix


def test_norway_and_norwegian_stay_words_not_false(tmp_path: Path) -> None:
    """YAML 1.1 reads NO, no, yes and on as booleans; a seller who never ships to Norway or
    writes a Norwegian name must get what they wrote, not "country is missing"."""
    text = HOME.read_text(encoding="utf-8")
    sheet_text = text.replace(
        "    - {country: RU, never: true}",
        "    - {country: RU, never: true}\n    - {country: NO, never: true}",
        1,
    )
    assert sheet_text != text, "the fixture's shipping rules changed: update this test"
    path = tmp_path / "home.yaml"
    path.write_text(sheet_text, encoding="utf-8")
    sofa = load_sheet(path).product("sofa")
    assert sofa is not None
    norway = sofa.shipping_to("NO")
    assert norway is not None and norway.country == "NO" and norway.never
    assert sofa.shipping_to("RU") is not None


def test_a_variant_chosen_by_the_sellers_own_word_loads(tmp_path: Path) -> None:
    """Sheet masks come in a type, candles in a scent: a variant named by a field the seller
    picks loads as that choice (before, both masks read as the same variant and the whole sheet
    was refused with "variants repeat"); a near miss of a known field is still an error."""
    text = HOME.read_text(encoding="utf-8")
    old = "      - {colour: sand, stock: 4}\n      - {colour: grey, stock: 0}"
    assert old in text
    path = tmp_path / "home.yaml"
    path.write_text(
        text.replace(old, "      - {fabric: boucle, stock: 4}\n      - {fabric: linen, stock: 0}"),
        encoding="utf-8",
    )
    sofa = load_sheet(path).product("sofa")
    assert sofa is not None
    assert [(v.label, v.stock) for v in sofa.variants] == [("boucle", 4), ("linen", 0)]
    assert len({v.sku for v in sofa.variants}) == 2
    path.write_text(text.replace("{colour: sand, stock: 4}", "{colour: sand, stok: 4}"), "utf-8")
    with pytest.raises(ConfigError) as err:
        load_sheet(path)
    assert "did you mean 'stock'" in err.value.message


def test_an_unknown_field_in_the_defaults_is_named_once(tmp_path: Path) -> None:
    """The defaults are read for every product; the seller is told once about a field that is
    ignored, not once per product."""
    text = HOME.read_text(encoding="utf-8")
    old = "  payment:\n    methods: [card, PayPal, Pix]"
    assert old in text
    path = tmp_path / "home.yaml"
    path.write_text(text.replace(old, old + "\n    note: no cash"), encoding="utf-8")
    warnings = load_sheet(path).warnings
    assert len(warnings) == 1, warnings
    assert "line 19, defaults.payment.note: unknown field 'note' is ignored" in warnings[0]


def test_a_sheet_wide_faq_at_the_top_with_short_names_loads(tmp_path: Path) -> None:
    """Sellers put their FAQ at the top of the sheet and write q / a (the ninth blind set's three
    writers did); it used to be ignored with a warning, so every FAQ answer was lost. It is the
    sheet-wide FAQ (a product's own faq still wins); given both at the top and under defaults,
    the loader says which to keep instead of picking one."""
    text = HOME.read_text(encoding="utf-8")
    top = (
        "faq:\n"
        "  - {id: care, q: {en: How do I clean the lamp?}, a: {en: Wipe it with a dry cloth.}}\n"
        "products:\n"
    )
    assert text.count("\nproducts:\n") == 1
    path = tmp_path / "home.yaml"
    path.write_text(text.replace("\nproducts:\n", "\n" + top, 1), encoding="utf-8")
    sheet = load_sheet(path)
    assert not [w for w in sheet.warnings if "faq" in w], sheet.warnings
    lamp, sofa = sheet.product("lamp"), sheet.product("sofa")
    assert lamp is not None and sofa is not None
    assert [(f.id, f.questions["en"], f.answer["en"]) for f in lamp.faq] == [
        ("care", "How do I clean the lamp?", "Wipe it with a dry cloth.")
    ]
    assert sofa.faq[0].questions["en"] == "Is the cover removable?"  # its own
    both = text.replace("  payment:\n", "  faq: []\n  payment:\n", 1)
    assert both != text
    path.write_text(both.replace("\nproducts:\n", "\n" + top, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_sheet(path)
    assert "faq: the sheet-wide FAQ is given twice" in err.value.message
    assert err.value.fix == "keep one faq: list"
