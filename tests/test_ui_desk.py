"""The window's comment desk as a seller relies on it at speed, offscreen with the real window
and widgets: how an approved reply left (copied for the seller to paste, never shown as sent),
and the keys and buttons of the top bar."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from sola_studio.comments.events import (
    Entities,
    Intent,
    ReplySent,
    ReviewChanged,
    ReviewState,
    UnderstoodComment,
)
from sola_studio.config import Settings
from sola_studio.core.clock import monotonic
from sola_studio.core.events import Comment
from sola_studio.ui.main import demo_settings
from sola_studio.ui.session import DEMO_INPUTS, load_sheet_for, session_factory
from sola_studio.ui.window import MainWindow


def understood(cid: str, platform: str, text: str, intent: Intent) -> UnderstoodComment:
    t = monotonic()
    c = Comment(cid, platform, f"v-{cid}", f"viewer {cid}", text, t, 0.0)
    return UnderstoodComment(
        comment=c,
        clean_text=text,
        language="pt",
        language_confidence=0.9,
        translation=text,
        translation_note=None,
        intent=intent,
        intent_confidence=0.9,
        entities=Entities(),
        t_emit=t,
        intents=(intent,),
    )


@pytest.fixture
def window(qtbot):
    settings = demo_settings(Settings())
    win = MainWindow(settings, session_factory(inputs=DEMO_INPUTS), load_sheet_for(settings))
    qtbot.addWidget(win)
    win.show()
    yield win
    assert win.shutdown()


def _answer(window: MainWindow, cid: str, platform: str, sender: str) -> None:
    """What the bus brings when the seller approved ``cid``: sent in the review queue, then
    how the reply left (the desk's order)."""
    window._card(window.feed.understood(understood(cid, platform, "quanto custa?", Intent.PRICE)))
    t = monotonic()
    sent = ReviewChanged(cid, ReviewState.SENT, ReviewState.APPROVED, "Custa 89,90.", t, t)
    window._card(window.feed.review(sent))
    window.on_reply_sent(ReplySent(cid, f"v-{cid}", platform, sender, "pt", "Custa 89,90.", t, t))


def test_a_reply_on_the_clipboard_reads_copied_not_sent(window):
    _answer(window, "tiktok:1", "tiktok", "clipboard")
    line = window.desk.last_reply
    assert line.isVisible()
    assert line.text() == "Reply to viewer tiktok:1: copied — paste it in the tiktok chat"
    assert "sent" not in line.text()
    assert window.desk.card("tiktok:1").sent_by == "clipboard"
    # a reply the platform took (YouTube) says it was sent in that chat
    _answer(window, "yt:1", "youtube", "platform")
    assert line.text() == "Reply to viewer yt:1: sent in the youtube chat"
    # a rehearsal (replay only) is logged, not sent
    _answer(window, "replay-1", "replay", "dry-run")
    assert "rehearsal" in line.text() and "not sent" in line.text()


def _press_ctrl_l(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    qtbot.keyClick(window.desk.queue, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.slow
def test_ctrl_l_goes_live_and_stops_twice_and_the_export_button_writes_a_report(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    settings = demo_settings(Settings()).replace(caption_languages=(), overlay=False)
    win = MainWindow(settings, session_factory(inputs=DEMO_INPUTS), load_sheet_for(settings))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    try:
        for show in (1, 2):
            with qtbot.waitSignal(win.controller.started, timeout=120_000):
                _press_ctrl_l(qtbot, win)
            assert win.live_button.text() == "Stop", show
            with qtbot.waitSignal(win.controller.stopped, timeout=90_000):
                _press_ctrl_l(qtbot, win)
            assert win.live_button.text() == "Go live", show
        # the Export report button (it failed with "'bool' object has no attribute 'parent'")
        assert win.export_button.isEnabled()
        with qtbot.waitSignal(win.report_exported, timeout=60_000) as exported:
            qtbot.mouseClick(win.export_button, Qt.MouseButton.LeftButton)
        path = exported.args[0]
        assert path.is_file() and path.suffix == ".html"
        assert f"session-{win.last_session.session_id}" in path.name
        assert "<html" in path.read_text(encoding="utf-8")[:200].lower()
    finally:
        win.close()
        qtbot.waitUntil(
            lambda: win.controller.session is None and not win.controller.busy, timeout=90_000
        )
        assert win.shutdown()
