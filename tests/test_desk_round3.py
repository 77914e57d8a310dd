"""Issue 15, third round: mechanisms found on the round-3 set, each tested on a sheet of a
trade no set has (``tests/desk_calibration/tea.yaml``: loose-leaf tea, a Spanish-speaking seller
pricing in MXN with USD, EUR and JPY lists) with lines written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_support import ask, desk_on

from sola_studio.catalog import load_sheet
from sola_studio.comments.currencies import currency_cues_of
from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import Intent
from sola_studio.comments.lexicon import find_cues, fold

TEA = Path(__file__).resolve().parent / "desk_calibration" / "tea.yaml"


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return desk_on(TEA)


@pytest.mark.parametrize(
    "text",
    ["qué rico se ve ese té 😍", "saludos desde Puebla 👋 me encanta el canal", "ich liebe Tee 🍵"],
)
def test_chat_with_an_emoji_and_no_question_is_not_answered_from_a_field(
    desk: CommentDesk, text: str
) -> None:
    draft, u = ask(desk, text)
    assert u.intent is not Intent.MATERIAL, draft.text
    assert "90 °C" not in draft.text and "Taiw" not in draft.text, draft.text


def test_a_spec_question_without_a_question_mark_is_still_answered(desk: CommentDesk) -> None:
    draft, u = ask(desk, "a que temperatura se hace la infusión")
    assert u.intent is Intent.MATERIAL and "90" in draft.text, draft.text


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("сколько стоит улун в долларах?", "24"),  # Cyrillic, inflected
        ("كم سعره باليورو؟", "22"),  # Arabic, the word inside a prefixed one
        ("얼마예요? 엔화로요", "3600"),  # Korean
        ("was kostet der Oolong in Dollar?", "24"),
    ],
)
def test_a_currency_named_in_any_language_picks_that_price(
    desk: CommentDesk, text: str, amount: str
) -> None:
    draft, u = ask(desk, text)
    assert u.intent is Intent.PRICE, draft.text
    assert amount in draft.text.replace(",", "").replace(".", ""), draft.text
    assert "420" not in draft.text, draft.text


def test_currency_cues_come_from_cldr_not_from_the_sets() -> None:
    cues = currency_cues_of(load_sheet(TEA), "ru")
    assert set(cues) == {"MXN", "USD", "EUR", "JPY"}
    assert find_cues(fold("в долларах"), cues["USD"])
    assert not find_cues(fold("is it really good?"), cues.get("BRL", ()))
    assert not find_cues(fold("el peso del paquete"), cues["USD"] + cues["EUR"])


def test_a_price_question_naming_a_currency_stays_a_price_beside_a_field_word(
    desk: CommentDesk,
) -> None:
    # "steeping" names a field of the oolong; the price cue with a currency still asks a price
    draft, u = ask(desk, "how much is the steeping oolong in euros?")
    assert u.intent is Intent.PRICE and "22" in draft.text, draft.text


def test_a_product_without_sizes_or_colours_says_its_stock_not_an_empty_list(
    desk: CommentDesk,
) -> None:
    desk.pin("teapot")
    try:
        draft, u = ask(desk, "is the teapot still in stock?")
    finally:
        desk.pin("oolong")
    assert u.intent is Intent.SIZE_STOCK, draft.text
    assert ": ." not in draft.text and "3" in draft.text and "teapot" in draft.text, draft.text


@pytest.mark.parametrize(
    ("pinned", "text", "want"),
    [
        ("oolong", "cuánto pesa?", "100 g"),  # "cuánto" is a price word; "pesa" asks a mass
        ("oolong", "how much does it weigh?", "100 g"),
        ("teapot", "tetera qué altura tiene cuánto", "14"),  # a length: the field in cm
    ],
)
def test_a_quantity_asked_by_name_finds_the_field_of_its_unit(
    desk: CommentDesk, pinned: str, text: str, want: str
) -> None:
    desk.pin(pinned)
    try:
        draft, u = ask(desk, text)
    finally:
        desk.pin("oolong")
    assert u.intent is Intent.MATERIAL, draft.text
    assert want in draft.text and "420" not in draft.text and "650" not in draft.text, draft.text


@pytest.mark.parametrize("text", ["how much is the gaiwan", "precio del gaiwan"])
def test_a_product_name_inside_a_field_label_does_not_name_that_field(
    desk: CommentDesk, text: str
) -> None:
    # the field "Gaiwan lid" holds the product's name; asking the gaiwan's price is no lid
    desk.pin("gaiwan")
    try:
        draft, u = ask(desk, text)
    finally:
        desk.pin("oolong")
    assert u.intent is Intent.PRICE and "380" in draft.text, draft.text
    assert "gold" not in draft.text and "dorado" not in draft.text, draft.text
