"""The demo runs on its own profile (issue 19.8): a demo show is stored in the demo's profile,
and settings changed during the demo are saved to the demo's own file; the seller's settings
file and sessions stay exactly as they were. Real window, real show on the bundled sample."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from sola_studio import config
from sola_studio.config import Settings
from sola_studio.store.repository import SessionStore
from sola_studio.ui.main import demo_setup
from sola_studio.ui.session import DEMO_PROFILE, list_sessions, load_sheet_for, session_factory
from sola_studio.ui.window import MainWindow


def _sessions(profile: str) -> list[int]:
    store = SessionStore.open_profile(profile)
    try:
        return [int(r["id"]) for r in list_sessions(store)]
    finally:
        store.close()


@pytest.mark.slow
def test_the_demo_never_touches_the_sellers_settings_or_sessions(qtbot):
    seller_file = config.default_path()
    before = seller_file.read_bytes() if seller_file.exists() else None
    seller = Settings(
        seller_language="de",
        audience_languages=("de", "fr"),
        caption_languages=("fr",),
        comment_sources=("twitch:#laden",),
        ui_language="en",
        first_run_done=True,
    )
    config.save(seller, seller_file)
    saved = seller_file.read_bytes()
    seller_sessions = _sessions("default")
    try:
        settings, demo_file = demo_setup(config.load())
        assert demo_file != seller_file
        assert settings.caption_languages == ("pt",) and settings.seller_language == "en"
        win = MainWindow(
            settings,
            session_factory(demo=True),
            load_sheet_for(settings),
            profile=DEMO_PROFILE,
            settings_file=demo_file,
        )
        qtbot.addWidget(win)
        win.show()
        with qtbot.waitSignal(win.controller.started, timeout=120_000):
            qtbot.mouseClick(win.live_button, Qt.MouseButton.LeftButton)
        demo_session = win.session.session_id
        with qtbot.waitSignal(win.controller.stopped, timeout=90_000):
            qtbot.mouseClick(win.live_button, Qt.MouseButton.LeftButton)
        # a setting changed during the demo goes to the demo's file
        win._apply_settings(win.settings.replace(caption_languages=("es",)))
        assert win.shutdown()

        assert seller_file.read_bytes() == saved
        assert config.load(seller_file) == seller
        assert config.load(demo_file).caption_languages == ("es",)
        assert demo_session in _sessions(DEMO_PROFILE)
        assert _sessions("default") == seller_sessions
        # the next demo starts from the demo's own settings, the seller's still untouched
        again, _ = demo_setup(config.load())
        assert again.comment_sources == () and again.seller_language == "en"
    finally:
        if before is None:
            seller_file.unlink(missing_ok=True)
        else:
            seller_file.write_bytes(before)
