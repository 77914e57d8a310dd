"""Spec cards from committed captions in several spoken languages, facts only from the sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SAMPLE_SHEET

from sola_studio.captions.speccards import (
    LABELS,
    SpecCardDetector,
    SpecCardSettings,
    cards_at,
    product_facts,
)
from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.core.events import Caption

GADGET = """
seller_language: zh
currency: CNY
pinned: phone
products:
  - id: phone
    name: Sola P7
    price: 1999.00
    specs:
      battery:
        zh: 5000 mAh，续航两天
        en: 5000 mAh, two days of use
        pt: 5000 mAh, dois dias de uso
      camera: {zh: 5000万像素主摄, en: 50 MP main camera, pt: câmera principal de 50 MP}
    variants:
      - {size: 256GB, colour: 黑色, stock: 8}
    shipping:
      - {country: CN, cost: 0, days_min: 1, days_max: 3}
  - id: tee
    name: Sola Tee
    price: 59.00
    material: {zh: 纯棉, en: cotton, pt: algodão}
"""


@pytest.fixture
def gadget(tmp_path: Path) -> ProductSheet:
    path = tmp_path / "sheet.yaml"
    path.write_text(GADGET, encoding="utf-8")
    return load_sheet(path)


def caption(i: int, language: str, text: str, start: float, committed: bool = True) -> Caption:
    return Caption(i, language, text, start, start + 3, committed, t_capture=0.0, t_emit=0.0)


def test_chinese_talk_shows_battery_and_camera_cards(gadget: ProductSheet) -> None:
    detector = SpecCardDetector(gadget.pinned, "zh", ["en", "pt"])
    cards = detector.detect(caption(1, "zh", "这个相机绝了，电池也很耐用", 10.0))
    assert [c.attribute for c in cards] == ["camera", "battery"]
    camera, battery = cards
    assert camera.text_in("en") == "Camera: 50 MP main camera"
    assert camera.text_in("pt") == "Câmera: câmera principal de 50 MP"
    assert battery.fact["en"] == "5000 mAh, two days of use"
    assert camera.caption_id == 1 and camera.start == 10.0


def test_no_card_for_what_the_sheet_does_not_hold(gadget: ProductSheet) -> None:
    detector = SpecCardDetector(gadget.pinned, "zh", ["en"])
    assert "material" not in detector.attributes
    assert "warranty" not in detector.attributes
    assert detector.detect(caption(1, "zh", "面料很舒服，还有保修", 0.0)) == []
    tee = SpecCardDetector(gadget.with_pinned("tee").pinned, "zh", ["en"])
    assert tee.detect(caption(2, "en", "The battery lasts forever.", 0.0)) == []


def test_other_spoken_languages(gadget: ProductSheet) -> None:
    detector = SpecCardDetector(gadget.pinned, "zh", ["en"])
    assert [c.attribute for c in detector.detect(caption(1, "en", "Look at this camera!", 0))] == [
        "camera"
    ]
    detector = SpecCardDetector(gadget.pinned, "zh", ["en"])
    pt = detector.detect(caption(2, "pt", "A bateria dura muito e o frete é grátis", 0))
    assert [c.attribute for c in pt] == ["battery", "shipping"]
    assert pt[1].fact["en"] == "0.00 CNY, 1–3 days"
    es = detector.detect(caption(3, "es", "¿Cuánto cuesta? El precio es increíble", 50))
    assert [c.attribute for c in es] == ["price"]
    assert es[0].fact["en"] == "1999.00 CNY"


def test_every_fact_comes_from_the_sheet() -> None:
    sheet = load_sheet(SAMPLE_SHEET)
    product = sheet.pinned
    facts = product_facts(product, ["en", "zh", "de"], sheet.seller_language)
    assert facts["material"]["de"] == product.material["de"]
    assert facts["fit"]["zh"] == product.specs["fit"]["zh"]
    assert "battery" not in facts and "camera" not in facts
    assert str(product.warranty.months) in facts["warranty"]["en"]  # type: ignore[union-attr]


def test_cooldown_toggle_and_timing(gadget: ProductSheet) -> None:
    settings = SpecCardSettings(duration_s=5.0, cooldown_s=30.0)
    detector = SpecCardDetector(gadget.pinned, "zh", ["en"], settings)
    first = detector.detect(caption(1, "en", "The camera is great.", 10.0))
    assert len(first) == 1
    assert detector.detect(caption(2, "en", "Really, this camera!", 20.0)) == []  # cooldown
    assert len(detector.detect(caption(3, "en", "Camera again.", 45.0))) == 1
    assert detector.detect(caption(4, "en", "The battery lasts.", 60.0, committed=False)) == []
    assert cards_at(first, 12.0) == first and cards_at(first, 15.5) == []

    detector.set_settings(settings.with_product("phone", enabled=False))
    assert detector.detect(caption(5, "en", "The battery lasts.", 100.0)) == []
    detector.set_settings(detector.settings.with_product("phone", enabled=True))
    assert len(detector.detect(caption(6, "en", "The battery lasts.", 200.0))) == 1


def test_switching_product_switches_cards(gadget: ProductSheet) -> None:
    detector = SpecCardDetector(gadget.pinned, "zh", ["en", "pt"])
    detector.set_product(gadget.with_pinned("tee").pinned)
    cards = detector.detect(caption(1, "zh", "这件是纯棉的", 0.0))
    assert [c.attribute for c in cards] == ["material"]
    assert cards[0].fact == {"en": "cotton", "pt": "algodão", "zh": "纯棉"}
    assert cards[0].product_id == "tee"


def test_sample_talk_origin_and_fit_cards_have_titles_in_every_viewer_language() -> None:
    """The sample seller says "it is made in Brazil": the Origin card reads "Origem" in
    Portuguese (it used to fall back to the English "Origin")."""
    sheet = load_sheet(SAMPLE_SHEET)
    viewers = list(sheet.audience_languages)
    detector = SpecCardDetector(sheet.pinned, sheet.seller_language, viewers)
    cards = detector.detect(
        caption(1, "en", "It is made of organic cotton, and it is made in Brazil.", 20.0)
    )
    assert [c.attribute for c in cards] == ["material", "origin"]
    origin = cards[1]
    assert origin.text_in("pt") == "Origem: feita no Brasil"
    assert origin.text_in("en") == "Origin: made in Brazil"
    assert origin.text_in("zh") == "产地: 巴西制造"
    fit = detector.detect(caption(2, "en", "The fit is regular, so take your usual size.", 70.0))
    assert [c.attribute for c in fit] == ["fit", "size"]
    assert fit[0].text_in("pt") == "Caimento: caimento regular"
    for card in (*cards, *fit):
        for lang in viewers:
            assert card.label[lang] == LABELS[card.attribute][lang]


def test_every_label_exists_in_every_audience_language() -> None:
    from sola_studio.lang import languages

    for attribute, labels in LABELS.items():
        assert set(labels) >= set(languages()), attribute


def test_colours_are_named_in_the_viewer_language() -> None:
    sheet = load_sheet(SAMPLE_SHEET)
    facts = product_facts(sheet.pinned, ["en", "pt", "de"], sheet.seller_language)
    assert facts["colour"]["en"] == "black, white, blue"
    assert facts["colour"]["pt"] == "preto, branco, azul"
    assert facts["colour"]["de"] == "schwarz, weiß, blau"
