"""The window's clipboard for replies a platform cannot take (TikTok): set from the desk's
command thread, it lands on the real QClipboard in the GUI thread."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from sola_studio.comments.senders import Clipboard
from sola_studio.ui.clipboard import QtClipboard


def test_set_from_a_worker_thread_lands_on_the_system_clipboard(qtbot: QtBot) -> None:
    board = QtClipboard()
    assert isinstance(board, Clipboard)
    done: list[str] = []
    board.text_set.connect(done.append)
    reply = "Olá Ana! O frete para Portugal é 45,00 €."
    worker = threading.Thread(target=board.set_text, args=(reply,))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: done == [reply], timeout=5000)
    assert QGuiApplication.clipboard().text() == reply
    assert worker.ident != threading.main_thread().ident


def test_the_window_says_when_a_reply_went_to_the_clipboard(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from sola_studio.comments.events import ReplySent
    from sola_studio.config import Settings
    from sola_studio.ui import i18n
    from sola_studio.ui.main import demo_settings
    from sola_studio.ui.session import DEMO_INPUTS, load_sheet_for, session_factory
    from sola_studio.ui.window import MainWindow

    settings = demo_settings(Settings())
    window = MainWindow(settings, session_factory(inputs=DEMO_INPUTS), load_sheet_for(settings))
    qtbot.addWidget(window)

    def sent(sender: str) -> ReplySent:
        return ReplySent("tiktok:1", "v", "tiktok", sender, "pt", "Olá!", 0.0, 0.1)

    window.on_reply_sent(sent("platform"))  # posted in the chat: nothing to say
    assert window.statusBar().currentMessage() == ""
    window.on_reply_sent(sent("clipboard"))
    assert window.statusBar().currentMessage() == "Reply copied: paste it in the tiktok chat"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        assert i18n.install(app, "zh_CN") == "zh_CN"
        window.on_reply_sent(sent("clipboard"))
        assert window.statusBar().currentMessage() == "回复已复制:请粘贴到 tiktok 聊天中"
    finally:
        i18n.install(app, "en")
    assert window.shutdown()
