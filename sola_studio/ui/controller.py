"""Starts and stops the live session off the GUI thread, and bridges its Bus into Qt.

Building a session loads models (seconds) and stopping one drains its queues, so both run on a
worker thread; the window hears back through queued signals. The controller holds no business
logic: it calls the composition root's ``build``/``start``/``stop`` and forwards events.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from sola_studio.core.channels import END, Channel, Overflow
from sola_studio.core.errors import SolaError
from sola_studio.ui.adapter import BusAdapter
from sola_studio.ui.i18n import localize
from sola_studio.ui.session import StudioSession

log = logging.getLogger(__name__)

SessionFactory = Callable[[], StudioSession]


class CommandRunner(QObject):
    """Runs the seller's commands (approve, edit, ...) in order on one worker thread.

    A desk command may send over the network (a platform chat) or draft again; the GUI thread
    only enqueues. The queue holds 256 commands and refuses more (DROP_NEWEST, reported): a
    seller cannot outtype it, so a refusal means the core is stuck and the seller should know.
    """

    failed = Signal(object)  # the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: Channel[Callable[[], object]] = Channel(
            256, Overflow.DROP_NEWEST, name="seller-commands"
        )
        self._thread = threading.Thread(target=self._run, name="seller-commands", daemon=True)
        self._thread.start()

    def submit(self, command: Callable[[], object]) -> bool:
        ok = self._queue.put(command)
        if not ok:
            self.failed.emit(RuntimeError("the comment desk is not answering; try again"))
        return ok

    def _run(self) -> None:
        while True:
            command = self._queue.get()
            if command is END:
                return
            if not callable(command):
                continue
            try:
                command()
            except Exception as exc:
                log.warning("seller command failed: %s", exc)
                self.failed.emit(exc)

    def close(self, timeout: float = 10.0) -> None:
        """Take no more commands, finish the one running (a send in flight completes), end the
        thread. Before the app exits: a thread left inside a send would be killed mid-call."""
        self._queue.close()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)


class SessionController(QObject):
    """Owns one live session at a time; every slow call happens on a worker thread."""

    started = Signal(object)  # the session
    stopped = Signal(object)  # the session
    failed = Signal(object)  # the SolaError (or other exception) that stopped it
    _done = Signal(str, object)

    def __init__(
        self, factory: SessionFactory, kinds: Iterable[type], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._factory = factory
        self._kinds = tuple(kinds)
        self.session: StudioSession | None = None
        self.adapter: BusAdapter | None = None
        self._routes: list[tuple[type, Callable[[Any], None]]] = []
        self._busy = False
        self._threads: list[threading.Thread] = []
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def live(self) -> bool:
        return self.session is not None and not self._busy

    def route(self, kind: type, slot: Callable[[Any], None]) -> None:
        """Deliver every event of ``kind`` from the session's Bus to ``slot`` in the GUI thread."""
        self._routes.append((kind, slot))

    def go_live(self) -> None:
        if self._busy or self.session is not None:
            return
        self._busy = True
        # The adapter lives in the GUI thread; the worker subscribes it to the new session's Bus
        # before starting it, so no early caption or comment is missed.
        adapter = BusAdapter(self._kinds, parent=self)
        for kind, slot in self._routes:
            adapter.route(kind, slot)
        self.adapter = adapter

        def work() -> None:
            try:
                session = self._factory()
                adapter.attach(session.bus)
                self._report("built", session)
                session.start()
                self._report("started", session)
            except Exception as exc:
                log.warning("going live failed: %s", exc)
                self._report("failed", exc)

        self._spawn(work, "go-live")

    def stop(self) -> None:
        session = self.session
        if self._busy or session is None:
            return
        self._busy = True

        def work() -> None:
            try:
                session.stop()
            except Exception as exc:
                log.exception("stopping the session failed")
                self._report("stop-failed", exc)
            self._report("stopped", session)

        self._spawn(work, "stop-live")

    def _spawn(self, work: Callable[[], None], name: str) -> None:
        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=work, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def join(self, timeout: float = 120.0) -> bool:
        """Wait for the build/stop threads to end (after ``stopped`` or ``failed`` they are
        finishing their last line). The app must not exit while one runs: the interpreter
        would kill it inside model or codec code, which aborts the process."""
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(max(0.0, deadline - time.monotonic()))
        self._threads = [t for t in self._threads if t.is_alive()]
        return not self._threads

    def _report(self, what: str, payload: object) -> None:
        """From a worker thread: tell the GUI thread (unless the window is already gone)."""
        try:
            self._done.emit(what, payload)
        except RuntimeError:
            log.info("window closed before %s was reported", what)

    def _detach(self) -> None:
        if self.adapter is not None:
            self.adapter.close()
            self.adapter.deleteLater()
            self.adapter = None

    def _on_done(self, what: str, payload: object) -> None:
        if what == "built":
            assert isinstance(payload, StudioSession)
            self.session = payload
        elif what == "started":
            self._busy = False
            self.started.emit(payload)
        elif what == "failed":
            self._busy = False
            self._detach()
            self.session = None
            self.failed.emit(payload)
        elif what == "stop-failed":
            self.failed.emit(payload)
        elif what == "stopped":
            self._busy = False
            self._detach()
            self.session = None
            self.stopped.emit(payload)


def describe(exc: object) -> str:
    """The message and fix a seller reads for an error, in the window's language
    (:func:`sola_studio.ui.i18n.localize`)."""
    if isinstance(exc, SolaError):
        message = localize(exc.message)
        return f"{message}\n\n{localize(exc.fix)}" if exc.fix else message
    return localize(str(exc))
