"""Clocks. Every timestamp in an event comes from :func:`monotonic` so latencies can be subtracted
across stages; wall-clock time (:func:`wall`) is only for what a person reads (reports, logs).

Stages take a ``Clock`` in their constructor so tests can control time (retention, expiry).
"""

from __future__ import annotations

import time
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
