"""Issue 15, eighteenth round: the difference between two look-alike products. Every blind set
asked it ("what's the diff between the 2 round ones??", "was ist der Unterschied zwischen der
M23 und der C120?", "bambulu olan ne fark ediyor klasikten") and the desk answered one field of
one product or "the seller will check". The draft now says each product's price and the fields
the two hold different values in. Sheets and lines written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_support import ask, desk_on_text, says

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import FlagReason, Intent

PACKS = """\
schema: 2
seller_name: Mochilas Serra
seller_language: pt
currency: BRL
audience_languages: [pt, en, ja, de]
defaults:
  shipping:
    - {country: BR, cost: 19.90, days_min: 3, days_max: 7}
    - {country: PT, cost: 89.00, days_min: 10, days_max: 20}
    - {country: DE, cost: 99.00, days_min: 10, days_max: 20}
products:
  - id: trilha
    name: {pt: Mochila Trilha 30L, en: Trilha 30L backpack, ja: トリリャ 30L リュック}
    aliases: {pt: [trilha], en: [trilha], ja: [トリリャ]}
    type: {pt: mochila, en: backpack, ja: リュック}
    price: 389.00
    specs:
      - key: fabric
        label: {pt: Tecido, en: Fabric, ja: 生地}
        value:
          pt: nylon ripstop impermeável
          en: waterproof ripstop nylon
          ja: 防水リップストップナイロン
      - {key: capacity, label: {pt: Capacidade, en: Capacity, ja: 容量}, value: "30 L"}
      - key: warranty_note
        label: {pt: Garantia, en: Warranty, ja: 保証}
        value: {pt: "1 ano", en: "1 year", ja: "1年"}
      - {key: weight, label: {pt: Peso, en: Weight, ja: 重さ}, value: "980 g"}
  - id: urbana
    name: {pt: Mochila Urbana 30L, en: Urbana 30L backpack, ja: ウルバナ 30L リュック}
    aliases: {pt: [urbana], en: [urbana], ja: [ウルバナ]}
    type: {pt: mochila, en: backpack, ja: リュック}
    price: 249.00
    specs:
      - key: fabric
        label: {pt: Tecido, en: Fabric, ja: 生地}
        value:
          pt: poliéster 600D, não impermeável
          en: 600D polyester, not waterproof
          ja: 600Dポリエステル（防水ではない）
      - {key: capacity, label: {pt: Capacidade, en: Capacity, ja: 容量}, value: "30 L"}
      - key: warranty_note
        label: {pt: Garantia, en: Warranty, ja: 保証}
        value: {pt: "1 ano", en: "1 year", ja: "1年"}
      - {key: weight, label: {pt: Peso, en: Weight, ja: 重さ}, value: "720 g"}
  - id: bottle
    name: {pt: Garrafa térmica 750 ml, en: 750 ml insulated bottle, ja: 750ml 保温ボトル}
    aliases: {pt: [garrafa], en: [bottle], ja: [ボトル]}
    type: {pt: garrafa, en: bottle, ja: ボトル}
    price: 119.00
"""


@pytest.fixture
def packs(tmp_path: Path) -> CommentDesk:
    return desk_on_text(PACKS, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "pin"),
    [
        ("qual a diferença entre a trilha e a urbana?", "bottle"),  # both named
        ("what's the difference with the other one? they look the same", "trilha"),  # its twin
        ("diff between the 2 backpacks??", "bottle"),  # a type noun the two share
        ("トリリャとウルバナの違いは何ですか？", "bottle"),
        ("was ist der Unterschied zur Urbana?", "trilha"),
    ],
)
def test_a_difference_question_gets_both_prices_and_what_differs(
    packs: CommentDesk, text: str, pin: str
) -> None:
    draft, u = ask(packs, text, pin=pin)
    assert says(draft.text, "389") and says(draft.text, "249"), draft.text
    assert "980" in draft.text and "720" in draft.text  # the weights differ
    assert "30 L" not in draft.text  # the same capacity is no difference
    assert FlagReason.SHEET_SILENT not in draft.flags
    assert FlagReason.WHICH_PRODUCT not in draft.flags
    assert u.intent is Intent.MATERIAL


@pytest.mark.slow
def test_the_fabrics_are_said_in_the_viewers_language(packs: CommentDesk) -> None:
    draft, _ = ask(packs, "diff between the trilha and the urbana?", pin="bottle")
    assert "waterproof ripstop nylon" in draft.text and "not waterproof" in draft.text
    assert draft.language == "en"


@pytest.mark.slow
def test_a_difference_between_places_is_no_comparison_of_products(packs: CommentDesk) -> None:
    draft, u = ask(packs, "shipping to Portugal vs Germany, any difference?", pin="trilha")
    assert u.intent is Intent.SHIPPING
    assert not says(draft.text, "249")  # no product compared


@pytest.mark.slow
def test_no_pair_no_comparison(packs: CommentDesk) -> None:
    # the bottle has no look-alike: its own answer, not a comparison with a backpack
    draft, _ = ask(packs, "what's the difference between this and a normal bottle?", pin="bottle")
    assert not says(draft.text, "389") and not says(draft.text, "249")
