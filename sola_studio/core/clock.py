"""Clocks. Every timestamp in an event comes from :func:`monotonic` so latencies can be subtracted
across stages; wall-clock time (:func:`wall`) is only for what a person reads (reports, logs).

Stages take a ``Clock`` in their constructor so tests can control time (retention, expiry).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


def monotonic() -> float:
    """Seconds from an arbitrary origin, never going backwards."""
    return time.monotonic()


def wall() -> float:
    """Seconds since the Unix epoch (UTC)."""
    return time.time()


class Clock(Protocol):
    def monotonic(self) -> float: ...
    def wall(self) -> float: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()


@dataclass
class ManualClock:
    """A clock that moves only when told to (tests, replays faster than real time)."""

    now_monotonic: float = 0.0
    now_wall: float = field(default_factory=lambda: 1_767_225_600.0)  # 2026-01-01T00:00:00Z

    def monotonic(self) -> float:
        return self.now_monotonic

    def wall(self) -> float:
        return self.now_wall

    def advance(self, seconds: float) -> None:
        self.now_monotonic += seconds
        self.now_wall += seconds


class StreamClock:
    """The clock of a faster-than-real-time replay (``run --fast``).

    Its time is how much of the audio the recogniser has finished (:meth:`reach`), so a frame,
    a comment or a card at stream second *t* happens when the captions of second *t* exist, as on
    an infinitely fast machine. Before the audio ends, :meth:`advance` (how a replayed comment
    stream reaches its next line) waits for the audio to get there; after :meth:`release` (the
    audio is done) the clock moves wherever it is advanced, once ``settle`` (when given: the
    comment desk has drafted what it was handed) returns, so each comment is still handled at
    its own time. :meth:`close` ends every wait.
    """

    def __init__(
        self,
        origin: float | None = None,
        origin_wall: float | None = None,
        settle: Callable[[], object] | None = None,
    ) -> None:
        self.settle = settle
        self.origin = time.monotonic() if origin is None else origin
        self._wall0 = time.time() if origin_wall is None else origin_wall
        self._position = 0.0
        self._free = False
        self._closed = False
        self._cond = threading.Condition()

    @property
    def position(self) -> float:
        """Stream seconds so far."""
        return self._position

    def monotonic(self) -> float:
        return self.origin + self._position

    def wall(self) -> float:
        return self._wall0 + self._position

    def reach(self, position: float) -> None:
        """The audio up to ``position`` (stream seconds) is done."""
        with self._cond:
            if position > self._position:
                self._position = position
                self._cond.notify_all()

    def release(self) -> None:
        """The audio ended: from now on the clock moves when advanced."""
        with self._cond:
            self._free = True
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._free = self._closed = True
            self._cond.notify_all()

    def advance(self, seconds: float) -> None:
        """Move ``seconds`` ahead: wait for the audio while it plays, else jump."""
        if self._free and not self._closed and self.settle is not None:
            self.settle()
        with self._cond:
            target = self._position + seconds
            self._cond.wait_for(lambda: self._position >= target or self._free)
            if self._position < target and not self._closed:
                self._position = target
                self._cond.notify_all()

    def wait_past(self, position: float, timeout: float) -> float:
        """Wait until the clock is beyond ``position`` (or ``timeout``); returns the position."""
        with self._cond:
            self._cond.wait_for(lambda: self._position > position or self._closed, timeout)
            return self._position
