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
