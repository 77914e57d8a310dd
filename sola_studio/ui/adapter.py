"""The bridge from the core's Bus (published on worker threads) to Qt signals in the GUI thread.

The core publishes frozen events from its own threads; a Bus subscriber must return quickly, so
the adapter's handler only emits a Qt signal, which Qt queues to the GUI thread (the adapter
lives there). Widgets connect to :attr:`BusAdapter.received` and never see a worker thread.
This module must never do work on an event: it forwards, nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, Signal

from sola_studio.core.bus import Bus

log = logging.getLogger(__name__)


class BusAdapter(QObject):
    """Re-emits every Bus event of the given kinds as ``received(event)`` in the GUI thread."""

    received = Signal(object)

    def __init__(
        self, kinds: Iterable[type], bus: Bus | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._kinds = tuple(kinds)
        self._unsubscribe: list[Callable[[], None]] = []
        self._routes: list[tuple[type, Callable[[object], None]]] = []
        # Queued explicitly: the emit happens on whichever thread published the event.
        self.received.connect(self._route, Qt.ConnectionType.QueuedConnection)
        if bus is not None:
            self.attach(bus)

    def attach(self, bus: Bus) -> None:
        """Start forwarding ``bus``'s events; safe to call from any thread (the Bus is)."""
        if self._kinds:
            self._unsubscribe.append(bus.subscribe(self._kinds, self.received.emit))

    def route(self, kind: type, slot: Callable[[object], None]) -> None:
        """Call ``slot(event)`` in the GUI thread for every event that is a ``kind``."""
        self._routes.append((kind, slot))

    def _route(self, event: object) -> None:
        for kind, slot in self._routes:
            if isinstance(event, kind):
                slot(event)

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
