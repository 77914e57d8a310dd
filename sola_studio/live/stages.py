"""A session: a :class:`~sola_studio.core.bus.Bus` plus an ordered list of stages (anything with
``start()``/``stop()``), started in order and stopped in reverse.

A stage whose input is finite (a file) hands in a ``done`` event; :meth:`Session.wait` returns
when all of them are set.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from sola_studio.core.bus import Bus

log = logging.getLogger(__name__)


class Stage(Protocol):
    def start(self) -> object: ...
    def stop(self) -> object: ...


class CallbackStage:
    """A stage made of two callables (a thread to start and join, a writer to close)."""

    def __init__(
        self, start: Callable[[], object], stop: Callable[[], object], name: str = ""
    ) -> None:
        self.start = start
        self.stop = stop
        self.name = name

    def __repr__(self) -> str:
        return f"<stage {self.name or '?'}>"


class Session:
    """A running studio session: a bus and the stages that publish on it."""

    def __init__(self, bus: Bus | None = None) -> None:
        self.bus = bus or Bus()
        self._stages: list[Stage] = []
        self._running: list[Stage] = []
        self._done: list[threading.Event] = []
        self._started = False

    def add_stage(self, stage: Stage, done: threading.Event | None = None) -> None:
        """Add a stage; ``done`` (optional) is set when the stage's input is exhausted (a file
        ended), which ends :meth:`wait`."""
        self._stages.append(stage)
        if done is not None:
            self._done.append(done)
        if self._started:
            stage.start()
            self._running.append(stage)

    def start(self) -> None:
        """Start every stage in order. When one fails, it and the ones already started are
        stopped (in reverse) and the error is raised: a source that failed to open must still
        end the stream its readers wait on."""
        self._started = True
        try:
            for stage in self._stages:
                self._running.append(stage)
                stage.start()
        except BaseException:
            self.stop()
            raise

    def wait(self, timeout: float | None = None) -> bool:
        """Until every finite stage is done (a file source ended) or ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for event in self._done:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not event.wait(left):
                return False
        return True

    def stop(self) -> None:
        """Stop the stages that were started, in reverse order; a failing stop is logged."""
        while self._running:
            stage = self._running.pop()
            try:
                stage.stop()
            except Exception:
                log.exception("stopping %r failed", stage)
        self._started = False

    def __enter__(self) -> Session:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
