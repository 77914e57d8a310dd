"""Issue 15, eighth round: a viewer names a colour in their own language that the sheet wrote in
another ("grafitowa" for the sheet's "charcoal", "charcoal" for its "grafitowy"), and gets that
colour's stock; a word that is a colour only sometimes ("mint", a flavour) names no colour the
product lacks. Lines written for these tests, on ``tests/desk_v2/sheets/home.yaml`` (its sofa
recoloured in English) and ``tests/desk_calibration/pottery.yaml`` (a bowl in "grafitowy")."""

from __future__ import annotations

import pytest
from desk_support import CALIBRATION, HOME, ask, desk_on, desk_on_edited

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import Intent


@pytest.fixture(scope="module")
def sofa(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    old = "      - {colour: sand, stock: 4}\n      - {colour: grey, stock: 0}\n"
    new = (
        "      - {colour: charcoal, stock: 4}\n      - {colour: burgundy, stock: 0}\n"
        "      - {colour: mustard, stock: 7}\n"
    )
    return desk_on_edited(HOME, old, new, tmp_path_factory.mktemp("sheet"))


@pytest.mark.parametrize(
    ("text", "colour"),
    [
        ("a grafitowa jest jeszcze?", "charcoal"),  # Polish, feminine
        ("tem bordô?", "burgundy"),  # Portuguese, accented
        ("hardal rengi var mı?", "mustard"),  # Turkish
        ("antraciet nog op voorraad?", "charcoal"),  # Dutch
        ("le bordeaux est dispo ?", "burgundy"),  # French
    ],
)
def test_a_colour_in_the_viewers_language_finds_the_sheets_own(
    sofa: CommentDesk, text: str, colour: str
) -> None:
    draft, u = ask(sofa, text, pin="sofa")
    assert u.entities.colour == colour, (text, u.entities)
    assert u.intent is Intent.SIZE_STOCK, text
    stock = {"charcoal": "4", "mustard": "7"}.get(colour)
    assert stock is None or stock in draft.text, draft.text


def test_a_word_that_is_sometimes_a_colour_names_none_the_product_lacks(
    sofa: CommentDesk,
) -> None:
    draft, u = ask(sofa, "is the mint one nice?", pin="sofa")
    assert u.entities.colour is None
    assert "mint" not in draft.text.lower()


def test_an_english_colour_finds_the_colour_the_seller_wrote_in_polish() -> None:
    desk = desk_on(CALIBRATION / "pottery.yaml")
    draft, u = ask(desk, "is the charcoal bowl still in stock?", pin="bowl")
    assert u.entities.colour == "grafitowy"
    assert "4" in draft.text, draft.text
