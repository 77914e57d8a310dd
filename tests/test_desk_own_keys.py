"""Issue 15, from reading the fourteenth set after its after-run: a payment method with digits
in its name ("Przelewy24") had made every payment draft look invented (the guard replaced it
with "will check"); a method named with a case ending ("blikiem") is that method; a colour the
seller files under a key of their own ("dial: czarna") is the pinned product's, in any gender
of the colour's word; "how much does it weigh" with no weight on the sheet is no price
question. A sheet and lines written for these tests."""

from __future__ import annotations

import pytest
from desk_support import ask, desk_on_text, says

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import FlagReason, Intent

SHEET = """\
schema: 2
seller_name: Zegarki
seller_language: pl
currency: PLN
audience_languages: [pl, en, es, de]
defaults:
  shipping:
    - {country: PL, cost: 0, days_min: 1, days_max: 2}
  payment:
    methods: [BLIK, card, Przelewy24, PayPal]
    instalments: {interest_free_months: 10}
products:
  - id: b38
    name: {pl: Bałtyk 38 Automatic, en: Baltyk 38 Automatic}
    type: {pl: zegarek, en: watch}
    price: 1290
    specs:
      - {key: case, label: {pl: Średnica koperty, en: Case diameter}, value: 38 mm}
    variants:
      - {dial: granatowa, stock: 5}
      - {dial: czarna, stock: 0}
  - id: strap
    name: {pl: Pasek skórzany, en: Leather strap}
    type: {pl: pasek, en: strap}
    price: 129
    variants:
      - {width: 20 mm, colour: czarny, stock: 4}
      - {width: 22 mm, colour: brązowy, stock: 2}
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    return desk_on_text(SHEET, tmp_path_factory.mktemp("watches"), "watches.yaml")


@pytest.mark.parametrize(
    "text", ["do you take apple pay?", "kaç ay taksit yapıyorsunuz?", "jak mogę zapłacić?"]
)
def test_a_method_with_digits_in_its_name_is_no_invented_number(
    desk: CommentDesk, text: str
) -> None:
    draft, u = ask(desk, text, pin="b38")
    assert u.intent is Intent.PAYMENT, u.intents
    assert "Przelewy24" in draft.text, draft.text
    assert FlagReason.SHEET_SILENT not in draft.flags


def test_a_method_named_with_a_case_ending_is_that_method(desk: CommentDesk) -> None:
    draft, _u = ask(desk, "moge placic blikiem?", pin="b38")
    assert draft.text.startswith("Tak") and "BLIK" in draft.text, draft.text
    assert "PayPal" not in draft.text, draft.text


def test_a_colour_under_the_sellers_own_key_is_the_pinned_products(desk: CommentDesk) -> None:
    draft, u = ask(desk, "czarna tarcza jest?", pin="b38")
    assert u.entities.product_id == "b38", u.entities
    assert u.entities.variant_sku == "b38/czarna", u.entities
    # sold out, and what is in stock instead; never "does not come in black"
    assert "wyprzedan" in draft.text and "granatowa" in draft.text.lower(), draft.text


def test_a_weight_no_field_holds_is_for_the_seller(desk: CommentDesk) -> None:
    draft, u = ask(desk, "cuánto pesa el reloj?", pin="b38")
    assert u.intent is Intent.MATERIAL, u.intents
    assert FlagReason.SHEET_SILENT in draft.flags
    assert not says(draft.text, "1290"), draft.text


def test_a_price_in_pesos_is_still_a_price(desk: CommentDesk) -> None:
    _draft, u = ask(desk, "cuánto cuesta el reloj?", pin="b38")
    assert u.intent is Intent.PRICE, u.intents
