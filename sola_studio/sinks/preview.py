"""The preview slot: the latest output frame, for the studio window to show.

The window polls :meth:`PreviewSlot.get` (or waits with :meth:`wait_newer`) from its own thread;
only the newest frame is kept, so a busy window never holds frames back. Never imports Qt.
"""

from __future__ import annotations

import threading

from sola_studio.sinks.base import OutputFormat, OutputFrame


class PreviewSlot:
    name = "preview"

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: OutputFrame | None = None
        self._seq = 0
        self.format: OutputFormat | None = None

    def open(self, fmt: OutputFormat) -> None:
        self.format = fmt

    def send(self, frame: OutputFrame) -> None:
        with self._cond:
            self._frame = frame
            self._seq += 1
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._cond.notify_all()

    @property
    def seq(self) -> int:
        """How many frames arrived so far."""
        return self._seq

    def get(self) -> OutputFrame | None:
        with self._cond:
            return self._frame

    def wait_newer(self, seq: int, timeout: float | None = None) -> OutputFrame | None:
        """The latest frame once more than ``seq`` frames arrived; None on timeout."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._seq > seq, timeout):
                return None
            return self._frame
