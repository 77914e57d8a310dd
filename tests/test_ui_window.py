"""The real studio window, offscreen, running a real session from the bundled sample files
(the seller's talk and video, the sample sheet, a replayed comment stream): go live, captions
appear in the strip, a comment arrives with its draft, the approve key sends it through the
dry-run sender, stop, export the report."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from sola_studio.config import Settings
from sola_studio.ui.main import demo_settings
from sola_studio.ui.session import DEMO_INPUTS, load_sheet_for, session_factory
from sola_studio.ui.window import MainWindow


@pytest.fixture
def window(qtbot):
    settings = demo_settings(Settings())
    # The talk is fed as fast as recognition takes it (the file source's test mode), so the
    # test does not wait out 71 s of speech; comments replay at their real pace.
    inputs = replace(DEMO_INPUTS, realtime=False)
    win = MainWindow(settings, session_factory(settings, inputs=inputs), load_sheet_for(settings))
    qtbot.addWidget(win)
    win.show()
    yield win
    if win.controller.session is not None or win.controller.busy:
        win.close()
        qtbot.waitUntil(lambda: win.controller.session is None, timeout=90_000)


@pytest.mark.slow
def test_a_live_show_from_go_live_to_report(window, qtbot, tmp_path):
    assert window.live_button.text() == "Go live"
    assert window.pinned.pinned_id() == "tee"
    with qtbot.waitSignal(window.controller.started, timeout=120_000):
        qtbot.mouseClick(window.live_button, Qt.MouseButton.LeftButton)
    assert window.live_button.text() == "Stop"
    session = window.session

    # Captions: the seller's greeting, then its Portuguese translation under it in the strip.
    qtbot.waitUntil(lambda: len(window.captions.committed()) >= 1, timeout=90_000)
    assert "welcome" in window.captions.committed()[0].text.lower()
    qtbot.waitUntil(lambda: "pt" in window.captions.committed()[0].translations, timeout=30_000)
    assert window.captions.committed()[0].translations["pt"] in window.captions.shown_text()
    # The picture is the video path's captioned output at its own size.
    qtbot.waitUntil(lambda: window.preview.frames_shown > 10, timeout=10_000)
    image = window.preview.image()
    assert abs(image.width() / image.height() - 1280 / 720) < 0.01

    # Comments: Lucía asks the price in Spanish; her card arrives with a draft in Spanish built
    # from the sheet's price (89.90), and the fact it used is listed.
    def lucia_drafted() -> bool:
        card = window.desk.card("replay-2")
        return card is not None and bool(card.draft)

    qtbot.waitUntil(lucia_drafted, timeout=60_000)
    window.desk.select("replay-2")
    card = window.desk.card("replay-2")
    assert card.viewer == "Lucía" and card.language == "es" and "price" in card.intents
    assert "89.90" in card.draft or "89,90" in card.draft
    assert window.desk.facts.count() >= 1
    assert window.desk.draft.toPlainText() == card.draft.replace("\u00a0", " ")

    # The approve key sends it: the dry-run sender's log gets exactly that reply.
    window.desk.queue.setFocus()
    qtbot.keyClick(window.desk.queue, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: window.desk.card("replay-2").state == "sent", timeout=10_000)
    sent = [json.loads(line) for line in session.replies_path.read_text().splitlines()]
    assert [(s["comment_id"], s["text"]) for s in sent] == [("replay-2", card.draft)]
    assert "replay-2" not in window.desk.waiting_ids()
    assert "Answered 1" in window.desk.counters.text()

    with qtbot.waitSignal(window.controller.stopped, timeout=90_000):
        qtbot.mouseClick(window.live_button, Qt.MouseButton.LeftButton)
    assert window.live_button.text() == "Go live"

    out = tmp_path / "show.html"
    with qtbot.waitSignal(window.report_exported, timeout=60_000) as exported:
        window.export_report(out)
    assert exported.args[0] == out
    html = out.read_text(encoding="utf-8")
    assert "welcome to the live show" in html.lower()
    assert card.draft.split()[0] in html  # the reply the seller approved is in the report
