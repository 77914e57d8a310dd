"""Seller sentences in four spoken languages through the product glossary and the phrasebook
(issue 9, "How it is checked"): the terms of a furniture sheet, its numbers and prices and the
selling expressions arrive exactly as configured.

en and pt speech is translated by the real Bergamot models (en->pt, pt->en). zh and es have no
model offline, so for them the test checks what the engine would be given: the phrasebook and
glossary stage's output (``StudioTranslator.prepared``), with the missing pairs named.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import SAMPLE_SHEET

from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.core.errors import TranslationUnavailable
from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.factory import StudioTranslator, build_translator
from sola_studio.translate.glossary import restore
from sola_studio.translate.product_terms import glossary_from_product

# One furniture sheet, written by a seller who speaks {lang}; texts in four languages.
FURNITURE = """
seller_language: {lang}
currency: BRL
products:
  - id: table
    name: Mesa Nuvem
    aliases: [NDT-180]
    price: 1299.90
    material: {{en: solid oak, pt: carvalho maciço, es: roble macizo, zh: 实木橡木}}
    specs:
      kind: {{en: table, pt: mesa, es: mesa, zh: 餐桌}}
      load: {{en: holds 80 kg, pt: aguenta 80 kg, es: aguanta 80 kg, zh: 承重80公斤}}
      colours: {{en: walnut, pt: nogueira, es: nogal, zh: 胡桃色}}
    variants:
      - {{size: 180 x 90 cm, colour: walnut, stock: 4}}
"""


def furniture(tmp_path: Path, lang: str) -> ProductSheet:
    path = tmp_path / f"furniture-{lang}.yaml"
    path.write_text(FURNITURE.format(lang=lang), encoding="utf-8")
    return load_sheet(path)


def translator(
    sheet: ProductSheet, targets: list[str], engines: list[BergamotTranslator] | None = None
) -> StudioTranslator:
    source = sheet.seller_language
    return build_translator(
        source,
        targets,
        glossary=glossary_from_product(sheet.pinned, targets, source),
        engines=engines,
        strict=False,
    )


def test_english_seller_to_portuguese_captions(
    tmp_path: Path, bergamot: BergamotTranslator
) -> None:
    t = translator(furniture(tmp_path, "en"), ["pt"], [bergamot])
    out = t.translate(
        [
            "This table is made of solid oak, it holds 80 kg and it costs R$ 1.299,90. "
            "An absolute steal!",
            "The Mesa Nuvem NDT-180 comes in walnut, 180 x 90 cm.",
            "Look at this table: 6 people fit around it. Drop the link!",
        ],
        "en",
        ["pt"],
    )["pt"]
    first, second, third = out
    assert "mesa" in first.lower() and "tabela" not in first.lower()  # furniture, not data
    for exact in ("carvalho maciço", "aguenta 80 kg", "R$ 1.299,90", "Uma pechincha!"):
        assert exact in first, (exact, first)
    for exact in ("Mesa Nuvem", "NDT-180", "nogueira", "180 x 90 cm"):
        assert exact in second, (exact, second)
    assert "mesa" in third and "tabela" not in third and "6 pessoas" in third
    assert "O link de compra está no ar!" in third  # the phrasebook's rendering, as configured
    # without the sheet, the same engine says "tabela": the glossary made the difference
    plain = build_translator("en", ["pt"], engines=[bergamot])
    assert "tabela" in plain.translate(["Look at this table."], "en", ["pt"])["pt"][0].lower()


def test_portuguese_seller_to_english_captions(
    tmp_path: Path, bergamot: BergamotTranslator
) -> None:
    t = translator(furniture(tmp_path, "pt"), ["en"], [bergamot])
    first, second = t.translate(
        [
            "Gente, essa mesa de carvalho maciço aguenta 80 kg e custa R$ 1.299,90, tá baratinho!",
            "A Mesa Nuvem NDT-180 vem em nogueira, 180 x 90 cm. Link na tela!",
        ],
        "pt",
        ["en"],
    )["en"]
    assert first.startswith("Everyone")  # "gente", as the phrasebook says
    for exact in ("table", "solid oak", "holds 80 kg", "R$ 1.299,90", "the price is really low"):
        assert exact in first, (exact, first)
    for exact in ("Mesa Nuvem", "NDT-180", "walnut", "180 x 90 cm", "The buy link is live now!"):
        assert exact in second, (exact, second)


def test_sample_seller_talk_reaches_portuguese_with_the_sheet(bergamot: BergamotTranslator) -> None:
    """The sample seller (English) about the pinned T-shirt, as whisper writes numbers."""
    sheet = load_sheet(SAMPLE_SHEET)
    assert sheet.seller_language == "en" and "pt" in sheet.audience_languages
    t = translator(sheet, ["pt"], [bergamot])
    out = t.translate(
        [
            "We have sizes S, M, L and XL.",
            "You can pay in 12 instalments without interest.",
            "Returns are free for 30 days, if the t-shirt is unworn.",
        ],
        "en",
        ["pt"],
    )["pt"]
    assert all(size in out[0] for size in ("S", "M", "L", "XL")), out[0]
    assert re.search(r"12 (prestações|parcelas)", out[1]), out[1]
    assert "30 dias" in out[2], out[2]


def test_chinese_seller_stage_output_for_the_engine(tmp_path: Path) -> None:
    """No zh model offline: the missing pairs are named, and what a zh->pt/en engine would get
    already carries the sheet's terms, the prices and the phrasebook's renderings."""
    t = translator(furniture(tmp_path, "zh"), ["pt", "en"])
    assert set(t.unavailable) == {"pt", "en"} and t.targets == ()
    assert "sola-studio models install bergamot:zh-pt" in str(t.unavailable["pt"].fix)
    with pytest.raises(TranslationUnavailable):
        t.translate(["你好"], "zh", ["pt"])

    said = "家人们，这张餐桌真的绝了，实木橡木，承重80公斤，只要R$ 1.299,90，上链接！"
    prepared = t.prepared([said], "zh", ["pt", "en"])
    pt, en = prepared["pt"][0], prepared["en"][0]
    for rendering in ("Pessoal", "mesa", "isto é incrível", "carvalho maciço", "aguenta 80 kg",
                      "o link de compra está no ar"):  # fmt: skip
        assert rendering in pt.text, (rendering, pt.text)
    for rendering in ("Everyone", "table", "this is amazing", "solid oak", "holds 80 kg",
                      "the buy link is live now"):  # fmt: skip
        assert rendering in en.text, (rendering, en.text)
    for p in (pt, en):
        assert "绝了" not in p.text and "上链接" not in p.text and "餐桌" not in p.text
        # the price is a placeholder the engine cannot touch, restored exactly
        assert list(p.placeholders.values()) == ["1.299,90"]
        engine_out = p.text  # an engine that changed nothing else
        assert "R$ 1.299,90" in restore(engine_out, p)[0]


def test_spanish_seller_stage_output_for_the_engine(tmp_path: Path) -> None:
    t = translator(furniture(tmp_path, "es"), ["pt", "en"])
    assert set(t.unavailable) == {"pt", "en"}
    said = "¡Amigos, esta mesa de roble macizo es una ganga: aguanta 80 kg y cuesta R$ 1.299,90!"
    prepared = t.prepared([said, "Corre, que vuela: quedan 4 en nogal."], "es", ["pt", "en"])
    pt, pt2 = prepared["pt"]
    en, en2 = prepared["en"]
    for rendering in ("mesa", "carvalho maciço", "uma pechincha", "aguenta 80 kg"):
        assert rendering in pt.text, (rendering, pt.text)
    for rendering in ("table", "solid oak", "an absolute steal", "holds 80 kg"):
        assert rendering in en.text, (rendering, en.text)
    assert list(pt.placeholders.values()) == list(en.placeholders.values()) == ["R$ 1.299,90"]
    assert "Corra, compre agora" in pt2.text and "está vendendo muito rápido" in pt2.text
    assert "nogueira" in pt2.text and "4" in pt2.text
    assert "Hurry, buy it now" in en2.text and "it is selling fast" in en2.text
    assert "walnut" in en2.text
