"""The queue keeps at least five whole rows visible in the real window at 1280x720 with two
banners showing, measured from the rows' geometry (offscreen, real widgets)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from sola_studio.config import Settings
from sola_studio.core.clock import monotonic
from sola_studio.ui.main import demo_settings
from sola_studio.ui.session import DEMO_INPUTS, load_sheet_for, session_factory
from sola_studio.ui.widgets.desk import Banner, CommentCard, DeskPanel
from sola_studio.ui.window import MainWindow


@pytest.fixture
def window(qtbot):
    settings = demo_settings(Settings())
    win = MainWindow(settings, session_factory(inputs=DEMO_INPUTS), load_sheet_for(settings))
    qtbot.addWidget(win)
    win.show()
    yield win
    assert win.shutdown()


def whole_rows(desk: DeskPanel) -> list[str]:
    """The comments whose row lies wholly inside the queue's viewport."""
    view = desk.queue.viewport().rect()
    shown = []
    for i in range(desk.queue.topLevelItemCount()):
        item = desk.queue.topLevelItem(i)
        rect = desk.queue.visualItemRect(item)
        if rect.isValid() and view.contains(rect):
            shown.append(item.data(0, Qt.ItemDataRole.UserRole))
    return shown


def fill(desk: DeskPanel, n: int = 12) -> None:
    t = monotonic()
    for i in range(n):
        desk.upsert(
            CommentCard(
                id=f"c{i}",
                viewer=f"viewer {i}",
                language="pt",
                original="quanto custa a camiseta com o cupom LIVE10?",
                translation="how much is the t-shirt with the LIVE10 code?",
                draft="A Camiseta Sola Classic custa R$ 89,90.",
                state="drafted",
                t_arrived=t,
                intents=("price", "discount"),
                facts=("Camiseta Sola Classic: 89.90 BRL",),
                confidence=0.95,
            )
        )
    desk.banners.add(Banner("group:price", "group", "3 viewers asked about the price", "Send"))
    desk.banners.add(Banner("restock:runner", "restock", "Runner 42: asked 5 times, sold out"))


def test_five_rows_at_1280x720_with_two_banners(qtbot, window):
    window.resize(1280, 720)
    desk = window.desk
    fill(desk)
    qtbot.waitUntil(
        lambda: window.height() <= 720 and len(desk.banners.visible_ids()) == 2, timeout=5000
    )
    assert window.width() == 1280 and window.height() <= 720  # the window fits such a screen
    assert len(desk.banners.visible_ids()) == 2
    assert len(whole_rows(desk)) >= 5
    # a comment selected: its draft and facts are shown and the rows stay
    desk.select("c3")
    assert desk.draft.toPlainText().startswith("A Camiseta") and desk.facts.count() == 1
    assert len(whole_rows(desk)) >= 5


def test_the_test_comment_box_keeps_the_rows(qtbot, window):
    window.resize(1280, 720)
    desk = window.desk
    fill(desk)
    qtbot.mouseClick(desk.trial_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(desk.trial.text, "quanto custa a camiseta? e o frete para Portugal?")
    qtbot.keyClick(desk.trial.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "89,90" in desk.trial.result.text(), timeout=30000)
    qtbot.waitUntil(lambda: window.height() <= 720, timeout=5000)
    assert len(whole_rows(desk)) >= 5
    # picking a comment brings its draft back in the box's place
    desk.queue.setFocus()
    rect = desk.queue.visualItemRect(desk.queue.topLevelItem(1))
    qtbot.mouseClick(desk.queue.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert desk.current_id() == "c1"
    assert not desk.trial.isVisible() and desk.draft.isVisible()
