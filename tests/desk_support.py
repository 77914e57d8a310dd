"""One comment at a time through a real comment desk on a test sheet: what the desk tests of
each round share (the desk on a sheet, a question asked by a new viewer, its draft and reading)."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path

from sola_studio.catalog import ProductSheet, load_sheet
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.events import Draft, UnderstoodComment
from sola_studio.comments.facts import numbers_in
from sola_studio.comments.senders import DryRunSender
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Comment
from sola_studio.store import RetentionPolicy, SessionStore
from sola_studio.store.viewer_memory import SqliteViewerMemory

CALIBRATION = Path(__file__).resolve().parent / "desk_calibration"
#: the schema-2 test sheet (a sofa in sand and grey priced in USD, BRL and EUR; two lamps)
HOME = Path(__file__).resolve().parent / "desk_v2" / "sheets" / "home.yaml"
_ids = itertools.count()


def says(text: str, amount: str) -> bool:
    """``text`` states ``amount`` (``"1450"``) however it groups its digits ("1.450,00 TRY",
    "₺1,450.00", "1 450,00 zł"): drafts group amounts as the viewer's language does."""
    return Decimal(amount) in numbers_in(text)


def desk_on(sheet: Path) -> CommentDesk:
    """A desk on ``sheet`` with a clock the test moves."""
    return CommentDesk(load_sheet(sheet), clock=ManualClock(), config=DeskConfig())


def desk_on_text(text: str, folder: Path, name: str = "sheet.yaml") -> CommentDesk:
    """A desk on a sheet written for a test (``text``), saved in ``folder``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return desk_on(path)


def desk_on_edited(sheet: Path, old: str, new: str, folder: Path) -> CommentDesk:
    """A desk on a copy of ``sheet`` in ``folder`` with ``old`` (which must be there: a test
    whose fixture changed says so) replaced by ``new``."""
    text = sheet.read_text(encoding="utf-8")
    assert old in text, f"{sheet.name} changed: update the test that edits it"
    path = folder / sheet.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return desk_on(path)


def ask(
    desk: CommentDesk, text: str, pin: str | None = None, viewer: str | None = None
) -> tuple[Draft, UnderstoodComment]:
    """``text`` asked 5 s after the last question by ``viewer`` (a new viewer when None), with
    ``pin`` on screen when given: the draft and how the desk read the comment."""
    assert isinstance(desk.clock, ManualClock)
    if pin is not None and desk.sheet.pinned_id != pin:
        desk.pin(pin)
    desk.clock.advance(5)
    n = next(_ids)
    who, name = (viewer, viewer) if viewer is not None else (f"v{n}", "v")
    c = Comment(f"q{n}", "test", who, name, text, desk.clock.monotonic(), desk.clock.wall())
    draft = desk.process(c)
    u = desk.understood(c.id)
    assert u is not None
    return draft, u


def memory_store(path: Path, clock: ManualClock) -> SessionStore:
    """A store on the SQLite file ``path`` keeping what viewers said for 30 days."""
    return SessionStore(path, key=b"k" * 32, clock=clock, retention=RetentionPolicy(days=30))


def remembering_desk(
    sheet: ProductSheet, store: SessionStore, clock: ManualClock, tmp: Path, session: str
) -> CommentDesk:
    """A desk for the show ``session`` that remembers viewers in ``store`` and sends to a dry-run
    file under ``tmp``."""
    return CommentDesk(
        sheet,
        memory=SqliteViewerMemory(store),
        senders=[DryRunSender(tmp / f"{session}.jsonl")],
        clock=clock,
        config=DeskConfig(session_id=session, embeddings=False),
    )
