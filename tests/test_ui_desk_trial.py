"""The desk's test-comment box, offscreen with the real window and the real core: the seller
types a comment (language detected or picked) and sees the draft the desk would make against
the current sheet, and the comment never enters the show's queue, bus or store."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from sola_studio.catalog.loader import load_sheet
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.trial import TrialDesk
from sola_studio.config import Settings
from sola_studio.ui.main import demo_settings
from sola_studio.ui.session import DEMO_INPUTS, SAMPLE_SHEET, load_sheet_for, session_factory
from sola_studio.ui.widgets.desk import DeskPanel, TrialOutcome
from sola_studio.ui.window import MainWindow


@pytest.fixture
def window(qtbot):
    settings = demo_settings(Settings())
    win = MainWindow(settings, session_factory(inputs=DEMO_INPUTS), load_sheet_for(settings))
    qtbot.addWidget(win)
    win.show()
    yield win
    assert win.shutdown()


def _try(qtbot, desk: DeskPanel, text: str, language: str = "") -> str:
    box = desk.trial
    if not desk.trial_button.isChecked():
        qtbot.mouseClick(desk.trial_button, Qt.MouseButton.LeftButton)
    assert box.isVisible()
    box.text.clear()
    qtbot.keyClicks(box.text, text)
    box.language.setCurrentIndex(box.language.findData(language))
    before = box.result.text()
    qtbot.keyClick(box.text, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: box.try_button.isEnabled() and box.result.text() not in (before, ""),
        timeout=30000,
    )
    return box.result.text()


def test_a_typed_comment_shows_its_draft_and_never_enters_the_queue(qtbot, window):
    desk = window.desk
    result = _try(qtbot, desk, "quanto custa a camiseta?")
    # the desk's own draft from the sample sheet: the tee's price, in Portuguese
    assert "PT (detected)" in result
    assert "89,90" in result and "custa" in result
    assert "Camiseta Sola Classic: 89.90 BRL" in result  # the fact it used
    assert "not queued" in result
    assert desk.waiting_ids() == [] and desk.answered == 0
    assert window.feed.card("trial-1") is None

    # the seller picks Spanish for an English comment: the draft is in Spanish
    result = _try(qtbot, desk, "how much is the t-shirt?", "es")
    assert "ES (picked; detected EN)" in result
    assert "cuesta" in result
    assert desk.waiting_ids() == []


def test_an_empty_comment_asks_for_one(qtbot, window):
    desk = window.desk
    qtbot.mouseClick(desk.trial_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(desk.trial.try_button, Qt.MouseButton.LeftButton)
    assert "Type a comment first" in desk.trial.result.text()


def test_a_trial_on_the_shows_desk_publishes_nothing(qtbot):
    """Live, the trial uses the show's own desk (its sheet and pinned product); nothing reaches
    its bus (which the store and the window follow), its review queue or its counts."""
    sheet = load_sheet(SAMPLE_SHEET).with_pinned("runner")
    desk = CommentDesk(sheet, config=DeskConfig(embeddings=False))
    seen: list[object] = []
    desk.bus.subscribe(object, seen.append)
    panel = DeskPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.trial.requested.connect(
        lambda text, lang: panel.trial.finished.emit(
            TrialOutcome(TrialDesk.of(desk).draft(text, lang or None))
        )
    )
    result = _try(qtbot, panel, "how much?")
    assert "EN (detected)" in result
    runner = sheet.product("runner")
    assert runner is not None and runner.name in result  # the pinned product answers
    assert seen == []
    assert len(desk.review) == 0 and desk.received == 0 and desk.drafted == 0
    assert panel.waiting_ids() == []
