"""Routes bus events to :class:`~sola_studio.store.repository.SessionStore` ``record_*`` calls.

One function per event type, so each flow's event maps onto the store's typed methods in one
visible place. Flows whose event modules are not installed are simply not routed. This module
must never transform what is stored beyond choosing fields; it holds no state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sola_studio.core.events import Caption, Comment, ErrorEvent

if TYPE_CHECKING:
    from sola_studio.store.repository import SessionStore

log = logging.getLogger(__name__)


def routes(store: SessionStore) -> list[tuple[type, Callable[[Any], object]]]:
    """(event type, handler) pairs for every event type the store knows."""
    table: list[tuple[type, Callable[[Any], object]]] = [
        (Caption, store.record_caption),
        (Comment, store.record_comment),
        (ErrorEvent, store.record_error),
    ]
    return table


def subscribe(store: SessionStore, bus: Any) -> Callable[[], None]:
    unsubscribers = [bus.subscribe(kind, handler) for kind, handler in routes(store)]

    def unsubscribe() -> None:
        for u in unsubscribers:
            u()

    return unsubscribe
