"""The whole sheet protected in caption translation (issue 19.4), with the real Bergamot
en->pt engine: discount codes come out as the sheet spells them, every product's name as the
sheet writes it (its Portuguese name where the sheet gives one), whichever product is pinned,
and a code the seller adds while live is protected at once through the live wiring
(``live.voice.ProductGlossary`` on a real bus, a ``SheetChanged`` published)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sola_studio.catalog.events import SheetChanged
from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.core.bus import Bus
from sola_studio.live.options import ShowLanguages
from sola_studio.live.voice import ProductGlossary
from sola_studio.translate.factory import StudioTranslator, build_translator
from sola_studio.translate.glossary import TermKind
from sola_studio.translate.product_terms import glossary_from_sheet

SHEET = """
schema: 2
seller_name: Loja Sola
seller_language: en
currency: BRL
audience_languages: [en, pt]
defaults:
  payment: {{methods: [Pix, PayPal, card]}}
  discounts:
{codes}
products:
  - id: tee
    name: Sola Classic Tee
    price: 89.90
    specs:
      - {{key: fabric, label: {{en: Fabric}}, value: {{en: Cotton}}}}
  - id: lamp
    name: {{en: Night Owl Lamp, pt: Luminária Night Owl}}
    aliases: {{en: [NOL-200]}}
    price: 149.90
pinned: tee
"""
LIVE10 = "    - {id: live10, percent: 10, code: LIVE10}"
NIGHT25 = "    - {id: night25, percent: 25, code: NIGHT25}"


def _sheet(tmp_path: Path, *codes: str) -> ProductSheet:
    path = tmp_path / "sheet.yaml"
    path.write_text(SHEET.format(codes="\n".join(codes)), encoding="utf-8")
    return load_sheet(path)


@pytest.fixture
def translator(bergamot: object) -> StudioTranslator:
    return build_translator("en", ["pt"], engines=[bergamot])  # type: ignore[list-item]


def _pt(translator: StudioTranslator, text: str) -> str:
    return translator.translate([text], "en", ["pt"])["pt"][0]


def test_the_glossary_holds_the_whole_sheet(tmp_path: Path) -> None:
    glossary = glossary_from_sheet(_sheet(tmp_path, LIVE10), ["pt"])
    code = glossary.find("LIVE10")
    assert code is not None and code.kind is TermKind.CODE
    lamp = glossary.find("Night Owl Lamp")  # not the pinned product
    assert lamp is not None and lamp.rendering("pt") == "Luminária Night Owl"
    assert lamp.rendering("de") == "Night Owl Lamp"  # no German name: kept as written
    for term in ("Loja Sola", "Sola Classic Tee", "NOL-200", "PayPal", "Pix"):
        assert glossary.find(term) is not None, term
    for word in ("card", "Cotton"):  # common words: left to the engine
        assert glossary.find(word) is None, word


def test_codes_and_names_come_out_as_the_sheet_writes_them(
    tmp_path: Path, translator: StudioTranslator
) -> None:
    # what the engine does alone: the name translated word by word, a spoken code translated
    raw = _pt(translator, "Use the code LIVE10 for the Night Owl Lamp.")
    assert "Night Owl" not in raw, raw
    assert "ao vivo" in _pt(translator, "Use the code live 10 for the Night Owl Lamp.")

    sheet = _sheet(tmp_path, LIVE10)
    translator.set_glossary(glossary_from_sheet(sheet, ["pt"]))
    for said in ("LIVE10", "live 10"):  # as the primed recogniser writes it, or as heard
        out = _pt(translator, f"Use the code {said} for the Night Owl Lamp.")
        assert "LIVE10" in out and "Luminária Night Owl" in out, out
        assert "ao vivo" not in out and "coruja" not in out.lower(), out
    out = _pt(translator, "The Sola Classic Tee from Loja Sola, pay with PayPal.")
    for term in ("Sola Classic Tee", "Loja Sola", "PayPal"):
        assert term in out, out


def test_a_code_added_while_live_is_protected_without_a_restart(
    tmp_path: Path, translator: StudioTranslator
) -> None:
    bus = Bus()
    languages = ShowLanguages(spoken=("en",), source="en", targets=("pt",))
    wiring = ProductGlossary(translator, languages, None)
    translator.set_glossary(wiring.glossary_for(_sheet(tmp_path, LIVE10)))
    wiring.subscribe(bus)
    said = "Use the code night 25 today."
    assert "NIGHT25" not in _pt(translator, said)  # not in the sheet yet: "noite 25"

    bus.publish(SheetChanged(_sheet(tmp_path, LIVE10, NIGHT25), time.monotonic()))
    out = _pt(translator, said)
    assert "NIGHT25" in out and "noite" not in out, out
    assert "LIVE10" in _pt(translator, "Use the code live 10 today.")
