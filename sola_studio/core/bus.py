"""A tiny publish/subscribe fan-out, so one result reaches several sinks (captions to the
renderer, the subtitle writer, the overlay server and the store).

Subscribers are called synchronously on the publisher's thread and must return quickly: a slow
subscriber puts the event on its own bounded :class:`~sola_studio.core.channels.Channel` and
works on its own thread. An exception in one subscriber is logged and never reaches the
publisher or the other subscribers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Handler = Callable[[Any], None]


class Bus:
    def __init__(self) -> None:
        self._subs: list[tuple[type | tuple[type, ...], Handler]] = []
        self._lock = threading.Lock()

    def subscribe(self, kind: type | tuple[type, ...], handler: Handler) -> Callable[[], None]:
        """Call ``handler(event)`` for every published event that is an instance of ``kind``.

        Returns a function that unsubscribes.
        """
        entry = (kind, handler)
        with self._lock:
            self._subs.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._subs:
                    self._subs.remove(entry)

        return unsubscribe

    def publish(self, event: object) -> None:
        with self._lock:
            subs = list(self._subs)
        for kind, handler in subs:
            if isinstance(event, kind):
                try:
                    handler(event)
                except Exception:
                    log.exception("subscriber %r failed on %s", handler, type(event).__name__)
