"""The system clipboard for the comment desk: :class:`QtClipboard` implements
:class:`sola_studio.comments.senders.Clipboard` with QClipboard.

A platform without a supported way to post (TikTok LIVE, comments from the local endpoint) gets
the seller's approved reply on the clipboard. The desk sends from its command thread, and
QClipboard belongs to the GUI thread: :meth:`QtClipboard.set_text` only emits a signal, which Qt
queues to the thread the object lives in. Create it on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication


class QtClipboard(QObject):
    text_set = Signal(str)  # after the text is on the clipboard (the window may say so)
    _request = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request.connect(self._apply)  # queued when emitted from another thread

    def set_text(self, text: str) -> None:
        """Put ``text`` on the clipboard; callable from any thread."""
        self._request.emit(text)

    @Slot(str)
    def _apply(self, text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)
        self.text_set.emit(text)
