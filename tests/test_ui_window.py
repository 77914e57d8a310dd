"""The real studio window, offscreen, running a real session from the bundled sample files:
go live, captions appear in the strip, the picture is the captioned output, stop, export."""

from __future__ import annotations

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
    win = MainWindow(
        settings, session_factory(settings, inputs=DEMO_INPUTS), load_sheet_for(settings)
    )
    qtbot.addWidget(win)
    win.show()
    yield win
    if win.controller.session is not None or win.controller.busy:
        win.close()
        qtbot.waitUntil(lambda: win.controller.session is None, timeout=90_000)


@pytest.mark.slow
def test_go_live_captions_stop_and_export(window, qtbot, tmp_path):
    assert window.live_button.text() == "Go live"
    assert window.pinned.pinned_id() == "tee"
    with qtbot.waitSignal(window.controller.started, timeout=90_000):
        qtbot.mouseClick(window.live_button, Qt.MouseButton.LeftButton)
    assert window.live_button.text() == "Stop"

    # The seller's talk starts with a greeting; whisper base commits it within seconds.
    qtbot.waitUntil(lambda: len(window.captions.committed()) >= 1, timeout=90_000)
    first = window.captions.committed()[0]
    assert "welcome" in first.text.lower()
    # its Portuguese translation follows into the strip, under the original
    qtbot.waitUntil(lambda: "pt" in window.captions.committed()[0].translations, timeout=30_000)
    assert window.captions.committed()[0].translations["pt"] in window.captions.shown_text()
    # the outgoing picture is the video path's output at its own size, not a placeholder
    qtbot.waitUntil(lambda: window.preview.frames_shown > 10, timeout=10_000)
    assert (window.preview.image().width(), window.preview.image().height()) == (1280, 720)
    window._refresh_health()
    assert "s" in window.status.latency.text() and "—" not in window.status.latency.text()

    with qtbot.waitSignal(window.controller.stopped, timeout=90_000):
        qtbot.mouseClick(window.live_button, Qt.MouseButton.LeftButton)
    assert window.live_button.text() == "Go live"
    assert window.export_button.isEnabled()

    out = tmp_path / "show.html"
    with qtbot.waitSignal(window.report_exported, timeout=60_000) as exported:
        window.export_report(out)
    assert exported.args[0] == out
    html = out.read_text(encoding="utf-8")
    assert "welcome to the live show" in html.lower()
