"""A greeting is not a follow-up question, even from a viewer the desk remembers.

Reported: in a second show a viewer's "hi from Texas!" was taken as a shipping follow-up
(that viewer had asked about shipping in an earlier show) and got a shipping draft. Context
fills in only elliptical questions ("and to Portugal?"); a greeting or praise that names a
place is answered as a greeting. Real SQLite memory across two store objects on one file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_support import memory_store, remembering_desk
from helpers import SAMPLE_SHEET

from sola_studio.catalog import ProductSheet, load_sheet
from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import Draft, Intent, ReviewState
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Comment

DAY = 86400.0
VIEWER = "yt-viewer-2291"


@pytest.fixture(scope="module")
def sheet() -> ProductSheet:
    return load_sheet(SAMPLE_SHEET)


def _say(desk: CommentDesk, clock: ManualClock, cid: str, text: str) -> Draft:
    clock.advance(5)
    return desk.process(Comment(cid, "twitch", VIEWER, "Jo", text, clock.monotonic(), clock.wall()))


@pytest.fixture
def second_show(sheet: ProductSheet, tmp_path: Path):
    """Show 1: the viewer asks about shipping to Brazil and is answered. Returns show 2's desk."""
    clock = ManualClock()
    db = tmp_path / "sessions.db"
    store = memory_store(db, clock)
    store.start_session(title="show 1", platform="twitch", seller_language="en")
    desk = remembering_desk(sheet, store, clock, tmp_path, "show-1")
    first = _say(desk, clock, "s-1", "do you ship to Brazil?")
    assert first.intent is Intent.SHIPPING
    assert desk.approve("s-1").state is ReviewState.SENT
    store.finish_session()
    store.close()

    clock.advance(2 * DAY)
    store = memory_store(db, clock)
    store.start_session(title="show 2", platform="twitch", seller_language="en")
    yield remembering_desk(sheet, store, clock, tmp_path, "show-2"), clock
    store.finish_session()
    store.close()


@pytest.mark.parametrize(
    "greeting",
    ["hi from Texas!", "boa noite, vim de Portugal!", "hola desde México 💛", "love it, Japan!"],
)
def test_a_greeting_naming_a_place_is_not_a_shipping_follow_up(
    second_show: tuple[CommentDesk, ManualClock], greeting: str
) -> None:
    desk, clock = second_show
    draft = _say(desk, clock, "s-2", greeting)
    understood = desk.understood("s-2")
    assert understood is not None
    assert understood.follow_up_of is None
    assert understood.intent is not Intent.SHIPPING
    assert draft.intent is not Intent.SHIPPING
    assert not any(f.id.startswith("shipping:") for f in draft.facts)


@pytest.mark.parametrize(
    ("question", "country"), [("and to Portugal?", "PT"), ("hi! and to Japan?", "JP")]
)
def test_an_elliptical_question_still_follows_up(
    second_show: tuple[CommentDesk, ManualClock], question: str, country: str
) -> None:
    desk, clock = second_show
    draft = _say(desk, clock, "s-3", question)
    understood = desk.understood("s-3")
    assert understood is not None and understood.follow_up_of == "s-1"
    assert draft.intent is Intent.SHIPPING
    assert understood.entities.country == country
