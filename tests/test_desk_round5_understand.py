"""Issue 15, fifth round, understanding: what a comment asks and about which product, by
mechanisms meant to hold on a sheet nobody has seen. Tested on a sheet of a trade no set has
(``tests/desk_calibration/aquarium.yaml``: aquariums, a Portuguese seller, a tank sold in
sizes whose fields are each size's own, a kit whose field "filter" shares its word with the
filter sold alone, a decoration in colours) with lines written for these tests."""

from __future__ import annotations

from pathlib import Path

import desk_support
import pytest
from desk_support import desk_on

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import Draft, Intent, UnderstoodComment
from sola_studio.comments.language import LanguageIdentifier

AQUARIUM = Path(__file__).resolve().parent / "desk_calibration" / "aquarium.yaml"


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return desk_on(AQUARIUM)


def ask(desk: CommentDesk, text: str, pin: str) -> tuple[Draft, UnderstoodComment]:
    return desk_support.ask(desk, text, pin)


# -- a quantity of the size named: that size's own field, not its stock ------------------------


@pytest.mark.parametrize(
    ("text", "field", "held"),
    [
        ("how tall is the 60 one?", "spec:size_60", "36 cm"),
        ("quantos litros cabem no de 40?", "spec:size_40", "30 litros"),
        ("wie viel Liter passen in den 60er?", "spec:size_60", "54"),
        ("o de 60 mede quanto de altura?", "spec:size_60", "36 cm"),
    ],
)
def test_a_quantity_of_the_size_named_is_read_from_its_field(
    desk: CommentDesk, text: str, field: str, held: str
) -> None:
    draft, u = ask(desk, text, "tank")
    assert u.intent is Intent.MATERIAL, u.intents
    assert u.fields[:1] == (field,), u.fields
    assert held in draft.text, draft.text
    assert "199" not in draft.text and "329" not in draft.text, draft.text  # no price


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("do you have the 60 one?", Intent.SIZE_STOCK),  # a stock cue asks the stock
        ("how much is the 60 cm one?", Intent.PRICE),  # "cm" is the size's own word
        ("e o de 40?", Intent.SIZE_STOCK),
    ],
)
def test_the_size_alone_still_asks_stock_or_price(
    desk: CommentDesk, text: str, intent: Intent
) -> None:
    _, u = ask(desk, text, "tank")
    assert u.intent is intent, u.intents
    assert u.fields == (), u.fields


# -- "what remains" and colours in every language -------------------------------------------


@pytest.mark.parametrize(
    ("text", "colour"),
    [
        ("le gialle ci sono?", "yellow"),  # it: "giallo" said, "gialle" asked
        ("ci sono ancora le verdi?", "green"),
        ("is the yellow one still there", "yellow"),
        ("quanti ne sono rimasti?", None),
    ],
)
def test_what_remains_asks_the_stock(desk: CommentDesk, text: str, colour: str | None) -> None:
    draft, u = ask(desk, text, "rock")
    assert u.intent is Intent.SIZE_STOCK, u.intents
    assert u.entities.colour == colour
    assert "resina" not in draft.text and "resin" not in draft.text, draft.text


def test_a_colour_asked_by_the_word_colour_is_no_spec_question(desk: CommentDesk) -> None:
    # "sand" has no word in the language files; 色 says a colour is asked: the stock answers
    draft, u = ask(desk, "サンド色まだある？", "rock")
    assert u.intent is Intent.SIZE_STOCK, u.intents
    assert "sand" in draft.text.casefold(), draft.text


# -- another product's word that names a field of the pinned one -------------------------------


def test_a_field_of_the_pinned_product_is_not_the_product_of_that_name(
    desk: CommentDesk,
) -> None:
    draft, u = ask(desk, "what filter does it come with?", "kit")
    assert u.entities.product_id == "kit"
    assert "400 L/h" in draft.text, draft.text


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("how much is the filter?", "289"),  # a price question asks for the product
        ("does the Hidro 800 canister filter fit?", "800 L/h"),  # its full name names it
    ],
)
def test_the_product_of_that_name_is_still_found(desk: CommentDesk, text: str, held: str) -> None:
    draft, u = ask(desk, text, "kit")
    assert u.entities.product_id == "filter"
    assert held in draft.text, draft.text


# -- the sheet's own words before the word lists ---------------------------------------------


def test_the_sheet_code_itself_asks_about_the_discount(desk: CommentDesk) -> None:
    # a code of three letters and a digit: its letters alone are too short to be a stem
    draft, u = ask(desk, "AQA7 funciona no kit também?", "kit")
    assert u.intent is Intent.DISCOUNT, u.intents
    assert "AQA7" in draft.text, draft.text


def test_the_sheet_payment_method_beside_an_amount_asks_about_paying(desk: CommentDesk) -> None:
    _, u = ask(desk, "pix serve pra compra acima de 100 reais?", "tank")
    assert u.intent is Intent.PAYMENT, u.intents


@pytest.mark.parametrize(
    "text", ["quantos peixes cabem no de 60?", "combien de poissons dans le 60 ?"]
)
def test_how_many_is_no_price(desk: CommentDesk, text: str) -> None:
    # "quantos", "combien de": a count, not "how much"; the sheet does not say
    draft, u = ask(desk, text, "tank")
    assert u.intent is not Intent.PRICE, u.intents
    assert "329" not in draft.text, draft.text


# -- the seller's language where lingua is torn -------------------------------------------------


def test_a_first_short_comment_leans_to_the_seller_language() -> None:
    languages = ("es", "pt", "en", "it", "fr")
    # "até que horas?" written in chat: lingua leans to Spanish on three words
    assert LanguageIdentifier(languages).guess("ate q horas?", None, seller="pt").language == "pt"
    # a Spanish viewer in a Portuguese show, written clearly, stays Spanish
    clear = LanguageIdentifier(languages).guess("a q hora empieza el sorteo?", None, seller="pt")
    assert clear.language == "es"
    # the viewer's own earlier language still weighs more than the seller's
    again = LanguageIdentifier(languages).guess("ate q horas?", "es", seller="pt")
    assert again.language == "es"
