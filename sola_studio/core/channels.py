"""Bounded channels between stages, each with a named overflow policy (DESIGN rule 1).

Real-time callbacks (audio, camera) only call :meth:`Channel.put` and return; ``put`` never
blocks for the ``DROP_OLDEST`` and ``DROP_NEWEST`` policies. ``BLOCK`` is for non-real-time
producers (a file replayed as fast as possible) that should wait for the consumer.
``close()`` ends the stream: a consumer's ``get`` then returns :data:`END` once drained.
"""

from __future__ import annotations

import collections
import enum
import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class Overflow(enum.Enum):
    DROP_OLDEST = "drop_oldest"  # video frames: the newest picture matters
    DROP_NEWEST = "drop_newest"  # refuse new items, keep what is queued
    BLOCK = "block"  # producer waits (never from a real-time callback)


class _End:
    def __repr__(self) -> str:
        return "END"


END = _End()


class Channel(Generic[T]):
    """A thread-safe bounded FIFO with an overflow policy and a drop counter."""

    def __init__(self, maxsize: int, overflow: Overflow, name: str = "channel") -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.name = name
        self.maxsize = maxsize
        self.overflow = overflow
        self.dropped = 0
        self._items: collections.deque[T] = collections.deque()
        self._closed = False
        self._cond = threading.Condition()

    def put(self, item: T, timeout: float | None = None) -> bool:
        """Add ``item``; returns False when it (or nothing) was dropped by policy or timeout."""
        with self._cond:
            if self._closed:
                return False
            if len(self._items) >= self.maxsize:
                if self.overflow is Overflow.DROP_OLDEST:
                    self._items.popleft()
                    self.dropped += 1
                elif self.overflow is Overflow.DROP_NEWEST:
                    self.dropped += 1
                    return False
                else:
                    ok = self._cond.wait_for(
                        lambda: len(self._items) < self.maxsize or self._closed, timeout
                    )
                    if not ok or self._closed:
                        return False
            self._items.append(item)
            self._cond.notify_all()
            return True

    def get(self, timeout: float | None = None) -> T | _End | None:
        """Next item; :data:`END` once closed and drained; ``None`` on timeout."""
        with self._cond:
            ok = self._cond.wait_for(lambda: bool(self._items) or self._closed, timeout)
            if not ok:
                return None
            if self._items:
                item = self._items.popleft()
                self._cond.notify_all()
                return item
            return END

    def drain(self) -> list[T]:
        """Everything queued now, without waiting."""
        with self._cond:
            items = list(self._items)
            self._items.clear()
            self._cond.notify_all()
            return items

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed

    def __len__(self) -> int:
        with self._cond:
            return len(self._items)
