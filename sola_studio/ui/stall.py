"""Measures how long the GUI event loop stalls: a precise heartbeat timer and its lateness.

A QTimer asks to fire every ``interval_ms``; when the loop is busy the tick comes late, and the
lateness is the stall a seller would feel (a frozen preview, a key press not answered). Used by
``sola-studio bench ui``; the heartbeat itself costs a few microseconds per tick.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer


class StallMeter(QObject):
    def __init__(self, interval_ms: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_s = interval_ms / 1000.0
        self.lateness_ms: list[float] = []
        self._last: float | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.lateness_ms.append(max(0.0, (now - self._last - self.interval_s) * 1000.0))
        self._last = now

    @property
    def max_ms(self) -> float:
        return max(self.lateness_ms, default=0.0)

    def percentile_ms(self, q: float) -> float:
        if not self.lateness_ms:
            return 0.0
        return float(np.percentile(np.asarray(self.lateness_ms), q))
