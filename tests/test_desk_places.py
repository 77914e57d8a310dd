"""Issue 15, eighth round: a shipping question names its country with a case ending ("türkiyeye",
"almanyaya", "do Brazylii") and gets that country's rule; outside a shipping question such a
word names no country. Lines written for these tests, on ``tests/desk_v2/sheets/home.yaml``
(US free, Brazil 12.50 over 150 free, the rest 25)."""

from __future__ import annotations

import pytest
from desk_support import HOME, ask, desk_on

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import Intent


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return desk_on(HOME)


@pytest.mark.parametrize(
    ("text", "country", "says"),
    [
        ("türkiyeye kargo var mı", "TR", "25"),  # Turkish dative, no apostrophe
        ("almanyaya kargo kaç gün", "DE", "10-25"),
        ("wysyłka do Brazylii?", "BR", "12,50"),  # Polish genitive
        ("wysyłka do Norwegii ile?", "NO", "25"),
    ],
)
def test_a_country_with_a_case_ending_gets_its_shipping_rule(
    desk: CommentDesk, text: str, country: str, says: str
) -> None:
    draft, u = ask(desk, text)
    assert u.intent is Intent.SHIPPING
    assert u.entities.country == country, (text, u.entities)
    assert says in draft.text, draft.text


def test_outside_shipping_an_inflected_name_is_no_country(desk: CommentDesk) -> None:
    _draft, u = ask(desk, "is the sofa almanyada made?")
    assert u.entities.country is None


@pytest.mark.parametrize(
    "text", ["is shipping free?", "free shipping?", "frete grátis?", "kargo bedava mı?", "包邮吗？"]
)
def test_free_shipping_with_no_country_says_where_it_is_free_and_from_how_much(
    desk: CommentDesk, text: str
) -> None:
    """The sheet ships free to the US and free over 150 to Brazil: that is the answer, not
    "which country?"."""
    draft, u = ask(desk, text)
    assert u.intent is Intent.SHIPPING, text
    assert "150" in draft.text and ("UPS" in draft.text), draft.text


def test_a_shipping_question_with_no_country_and_no_free_asks_which_country(
    desk: CommentDesk,
) -> None:
    draft, _u = ask(desk, "how long does shipping take?")
    assert "150" not in draft.text
    assert "?" in draft.text, draft.text  # it asks where to
