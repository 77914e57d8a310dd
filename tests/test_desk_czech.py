"""Issue 15, ninth round: Czech viewers are answered in Czech (a language file of their own;
before, lingua told Czech apart and the desk answered in English). Polish stays Polish, and a
Czech colour word is a whole word ("bílá"), not the start of a tea's name ("biluochun"). Lines
written for these tests, on ``tests/desk_v2/sheets/home.yaml`` (a sofa in sand and grey)."""

from __future__ import annotations

import pytest
from desk_support import HOME, ask, desk_on

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import FlagReason, Intent


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return desk_on(HOME)


@pytest.mark.parametrize(
    ("text", "intent", "says"),
    [
        ("kolik stojí ta pohovka?", Intent.PRICE, "stojí"),
        ("posíláte do Německa?", Intent.SHIPPING, "Doprava (Německo)"),
        ("jaká je záruka?", Intent.RETURNS, "Záruka"),
        # "kartou" is the card the sheet lists, in the instrumental: yes, that one
        ("můžu platit kartou?", Intent.PAYMENT, "Ano, zaplatit lze: karta"),
        ("díky, krásný live", Intent.GREETING, "děkuji"),
    ],
)
def test_a_czech_viewer_is_answered_in_czech(
    desk: CommentDesk, text: str, intent: Intent, says: str
) -> None:
    draft, u = ask(desk, text, pin="sofa")
    assert u.language == "cs" and u.intent is intent, (text, u.language, u.intent)
    assert draft.language == "cs" and says in draft.text, draft.text
    assert FlagReason.NO_LANGUAGE not in draft.flags


def test_polish_stays_polish(desk: CommentDesk) -> None:
    draft, u = ask(desk, "ile kosztuje ta sofa?", pin="sofa")
    assert u.language == "pl" and draft.language == "pl", draft.text


def test_a_czech_colour_is_a_whole_word(desk: CommentDesk) -> None:
    _draft, u = ask(desk, "máte ji v bílé barvě?", pin="sofa")
    assert u.entities.colour == "white"
    _draft, u = ask(desk, "is the biluochun tea in the box too?", pin="sofa")
    assert u.entities.colour is None
