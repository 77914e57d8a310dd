"""Issue 15, eighth round: spam and abuse (a link, contact bait, an insult or a scam accusation,
in any desk language) are flagged hostile for the seller, and the draft answers no more than
the sheet; a fair question that uses a near word ("is it real leather or fake?") is not.
Lines written for these tests, on ``tests/desk_v2/sheets/home.yaml``."""

from __future__ import annotations

import pytest
from desk_support import HOME, ask, desk_on

from sola_studio.comments.abuse import abuse_kind
from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import FlagReason


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return desk_on(HOME)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("cheap sofas here 👉 https://sofa-deals.example/x", "link"),
        ("get 1000 followers free at www.boostfans.net", "link"),
        ("new lamps half price bit.ly/lmp22", "link"),
        ("same sofa cheaper, write me on whatsapp @sofa_outlet", "contact"),
        ("whatsapp me +55 11 99999 0000 for a discount", "contact"),  # a phone number
        ("this shop is a scam, don't buy", "insult"),
        ("oszuści, nie kupujcie", "insult"),  # Polish: "crooks, don't buy"
        ("dolandırıcı bunlar", "insult"),  # Turkish: "they are crooks"
        ("oplichters!!", "insult"),  # Dutch
        ("мошенники, не ведитесь", "insult"),  # Russian
        ("사기꾼들 ㅋㅋ", "insult"),  # Korean
        ("نصابين لا تشتروا", "insult"),  # Arabic
    ],
)
def test_spam_and_abuse_are_flagged_for_the_seller(desk: CommentDesk, text: str, kind: str) -> None:
    assert abuse_kind(text) == kind
    draft, u = ask(desk, text, pin="sofa")
    assert FlagReason.HOSTILE in u.flags, text
    assert "Good question" not in draft.text and "http" not in draft.text
    # spam gets no draft at all (the seller hides it); an insult keeps one: it may carry a
    # grievance the seller must look into
    assert (draft.text == "") is (kind != "insult"), draft.text
    assert (FlagReason.SPAM in draft.flags) is (kind != "insult")


def test_an_accusation_is_for_the_seller_to_look_into_not_answered(desk: CommentDesk) -> None:
    """ "scam alert this shop never ships" was answered with the list of countries shipped to."""
    draft, u = ask(desk, "scam alert this shop never ships, dont buy", pin="sofa")
    assert FlagReason.HOSTILE in u.flags
    assert "ship" not in draft.text.lower() and draft.text, draft.text


@pytest.mark.parametrize(
    "text",
    [
        "is the sofa real bouclé or fake?",
        "is the grey one ugly in daylight?",
        "what's your instagram?",
        "hi @marta_home, love this lamp",  # a handle with no messenger bait
        "price 4.50 eur for the cushion?",
        "is 4490 reais the price with shipping to 01310-100?",  # a postcode is no phone
        "version 2.0 of the lamp?",
        "is this shop legit? first time buying",
    ],
)
def test_a_fair_question_is_not_flagged(desk: CommentDesk, text: str) -> None:
    assert abuse_kind(text) is None, text
    _draft, u = ask(desk, text, pin="sofa")
    assert FlagReason.HOSTILE not in u.flags, text
