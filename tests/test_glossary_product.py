"""The pinned product's sheet becomes glossary terms for caption translation (real Bergamot)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.translate.factory import build_translator
from sola_studio.translate.glossary import Glossary, GlossaryEntry, TermKind
from sola_studio.translate.product_terms import glossary_from_product

SHEET = """
seller_language: en
currency: USD
pinned: nuvem
products:
  - id: nuvem
    name: Nuvem Dining Table
    aliases: [NDT-180]
    price: 349.00
    material: {en: solid oak, pt: carvalho maciço, es: roble macizo}
    specs:
      kind: {en: table, pt: mesa, es: mesa}
      load: {en: holds 80 kg, pt: suporta 80 kg}
    variants:
      - {size: 180 x 90 cm, colour: natural, stock: 4}
  - id: aero
    name: AeroLite X2
    price: 49.99
    specs:
      colours: {en: navy, pt: azul-marinho}
      battery: {en: 12 hours, pt: 12 horas}
    variants:
      - {size: M, colour: navy, stock: 10}
      - {size: L, colour: navy, stock: 2}
"""


@pytest.fixture
def sheet(tmp_path: Path) -> ProductSheet:
    path = tmp_path / "sheet.yaml"
    path.write_text(SHEET, encoding="utf-8")
    return load_sheet(path)


def test_entries_from_the_sheet(sheet: ProductSheet) -> None:
    glossary = glossary_from_product(sheet.pinned, ["pt", "es"], "en")
    assert glossary.find("Nuvem Dining Table").kind is TermKind.PRODUCT  # type: ignore[union-attr]
    assert glossary.find("NDT-180").kind is TermKind.MODEL_NUMBER  # type: ignore[union-attr]
    assert glossary.find("table").rendering("pt") == "mesa"  # type: ignore[union-attr]
    assert glossary.find("solid oak").rendering("es") == "roble macizo"  # type: ignore[union-attr]
    assert glossary.find("table").rendering("de") is None  # type: ignore[union-attr]


def test_a_furniture_table_is_a_mesa_not_a_tabela(sheet: ProductSheet) -> None:
    translator = build_translator("en", ["pt"])
    sentences = [
        "This table is made of solid oak and holds 80 kg.",
        "Look at this table!",
        "The Nuvem Dining Table NDT-180 is only $349 today.",
    ]
    before = translator.translate(sentences[:1], "en", ["pt"])["pt"][0]
    assert "tabela" in before.lower()  # what a literal engine does with "table"

    translator.set_glossary(glossary_from_product(sheet.pinned, ["pt"], "en"))
    out = translator.translate(sentences, "en", ["pt"])["pt"]
    assert "mesa" in out[0].lower() and "tabela" not in out[0].lower()
    assert "carvalho maciço" in out[0] and "suporta 80 kg" in out[0]
    assert "mesa" in out[1].lower()
    assert "Nuvem Dining Table" in out[2] and "NDT-180" in out[2] and "$349" in out[2]


def test_switching_the_pinned_product_switches_the_glossary(sheet: ProductSheet) -> None:
    seller = Glossary((GlossaryEntry("Sola", TermKind.BRAND),))
    translator = build_translator("en", ["pt"])
    translator.set_glossary(glossary_from_product(sheet.pinned, ["pt"], "en", base=seller))
    assert "mesa" in translator.translate(["This table is great."], "en", ["pt"])["pt"][0]

    aero = sheet.with_pinned("aero").pinned
    translator.set_glossary(glossary_from_product(aero, ["pt"], "en", base=seller))
    assert translator.glossary.find("table") is None
    assert translator.glossary.find("Sola") is not None  # the seller's own terms stay
    out = translator.translate(
        ["The AeroLite X2 comes in navy, size M, and costs $49.99 at Sola."], "en", ["pt"]
    )["pt"][0]
    for term in ("AeroLite X2", "azul-marinho", "M", "$49.99", "Sola"):
        assert term in out, out
