"""Viewer memory across sessions on a real SQLite file (issue 5 item 5).

A viewer asks about instalments in one show and gets the answer; in a later show, with a new
desk and a new store object on the same database file, "and the interest?" is answered in that
context (the product they asked about, the rate from the sheet). Past the retention period the
context is gone, physically too; forgetting the viewer removes it at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_support import memory_store, remembering_desk
from helpers import SAMPLE_SHEET

from sola_studio.catalog import ProductSheet, load_sheet
from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import Draft, Entities, Intent, ReviewState
from sola_studio.comments.memory import Interaction
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Comment
from sola_studio.store.viewer_memory import SqliteViewerMemory

DAY = 86400.0
VIEWER = "twitch-user-83311"  # the platform's id: must never be written to the file


@pytest.fixture(scope="module")
def sheet() -> ProductSheet:
    return load_sheet(SAMPLE_SHEET)


def _ask(desk: CommentDesk, clock: ManualClock, cid: str, text: str, viewer: str = VIEWER) -> Draft:
    clock.advance(5)
    return desk.process(
        Comment(cid, "twitch", viewer, "Ana", text, clock.monotonic(), clock.wall())
    )


def test_follow_up_in_a_later_session_is_answered_in_context(
    sheet: ProductSheet, tmp_path: Path
) -> None:
    clock = ManualClock()
    db = tmp_path / "sessions.db"

    # session 1: instalments for the sneakers, answered and sent
    store = memory_store(db, clock)
    store.start_session(title="show 1", platform="twitch", seller_language="pt")
    desk = remembering_desk(sheet, store, clock, tmp_path, "show-1")
    first = _ask(desk, clock, "m-1", "can I pay the sneakers in instalments?")
    assert "instalments:runner" in {f.id for f in first.facts}
    sent = desk.approve("m-1")
    assert sent.state is ReviewState.SENT
    store.finish_session()
    store.close()

    # session 2, two days later: a new store object and a new desk on the same file
    clock.advance(2 * DAY)
    store = memory_store(db, clock)
    store.start_session(title="show 2", platform="twitch", seller_language="pt")
    memory = SqliteViewerMemory(store)
    (told,) = memory.recent("twitch", VIEWER, since_wall=0.0)
    assert told.comment_id == "m-1" and told.reply == sent.text
    assert "instalments:runner" in told.fact_ids

    desk = remembering_desk(
        sheet, store, clock, tmp_path, "show-2"
    )  # the tee is pinned, not the sneakers
    draft = _ask(desk, clock, "m-2", "and the interest?")
    understood = desk.understood("m-2")
    assert understood is not None and understood.follow_up_of == "m-1"
    assert understood.entities.product_id == "runner"
    assert [f.id for f in draft.facts] == ["instalments:runner"]
    assert "3.6" in draft.text and "12" in draft.text  # 12x interest-free, 3.6 % a year after
    assert not draft.flagged

    # the same words from a viewer the desk never met: no context, the pinned product
    stranger = _ask(desk, clock, "m-3", "and the interest?", viewer="someone-else")
    assert desk.understood("m-3").follow_up_of is None  # type: ignore[union-attr]
    assert [f.id for f in stranger.facts] == ["instalments:tee"]
    store.finish_session()
    store.close()
    assert VIEWER.encode() not in _on_disk(db)  # only the keyed pseudonym is stored

    # past retention (30 days): opening the store purges, and the context is gone
    clock.advance(31 * DAY)
    store = memory_store(db, clock)
    rows = store.db.execute("SELECT COUNT(*) FROM viewer_memory").fetchone()[0]
    assert rows == 0
    store.start_session(title="show 3", platform="twitch", seller_language="pt")
    desk = remembering_desk(sheet, store, clock, tmp_path, "show-3")
    late = _ask(desk, clock, "m-4", "and the interest?")
    assert desk.understood("m-4").follow_up_of is None  # type: ignore[union-attr]
    assert [f.id for f in late.facts] == ["instalments:tee"]
    store.close()


def _on_disk(db: Path) -> bytes:
    """The database file and its WAL, as bytes (what someone copying the files would get)."""
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _interaction(cid: str, t_wall: float, text: str = "tem M preta?") -> Interaction:
    return Interaction(
        comment_id=cid,
        session_id="show",
        platform="twitch",
        viewer_id=VIEWER,
        t_wall=t_wall,
        language="pt",
        intent=Intent.SIZE_STOCK,
        entities=Entities(product_id="tee", product_implied=True, size="M", colour="black"),
        text=text,
    )


def test_reading_never_reaches_past_retention_even_before_a_purge(tmp_path: Path) -> None:
    clock = ManualClock()
    store = memory_store(tmp_path / "s.db", clock)
    memory = SqliteViewerMemory(store)
    memory.remember(_interaction("old", clock.wall()))
    clock.advance(20 * DAY)
    memory.remember(_interaction("new", clock.wall()))
    assert [i.comment_id for i in memory.recent("twitch", VIEWER, 0.0)] == ["new", "old"]
    got = memory.recent("twitch", VIEWER, 0.0)[1]
    assert got.entities == _interaction("old", 0.0).entities and got.intent is Intent.SIZE_STOCK
    clock.advance(15 * DAY)  # "old" is 35 days old, "new" 15; no purge has run yet
    assert [i.comment_id for i in memory.recent("twitch", VIEWER, 0.0)] == ["new"]
    assert memory.recent("youtube", VIEWER, 0.0) == []  # another platform's viewer
    store.close()


def test_forget_viewer_erases_their_memory_from_the_file(tmp_path: Path) -> None:
    clock = ManualClock()
    db = tmp_path / "s.db"
    store = memory_store(db, clock)
    memory = SqliteViewerMemory(store)
    secret = "tem M preta? manda pro meu zap 11-98765-4321"
    memory.remember(_interaction("c1", clock.wall(), text=secret))
    memory.answered("c1", "M / preto: só 2!", ("variant:tee/M-black",))
    export = store.export_viewer(store.viewer_pid("twitch", VIEWER))
    assert [m["comment_id"] for m in export["memory"]] == ["c1"]
    assert export["memory"][0]["fact_ids"] == ["variant:tee/M-black"]

    assert b"98765" in _on_disk(db)  # written, so the check below can fail
    assert memory.forget("twitch", VIEWER) >= 1
    assert memory.recent("twitch", VIEWER, 0.0) == []
    store.close()
    data = _on_disk(db)
    assert b"98765" not in data and "só 2".encode() not in data
