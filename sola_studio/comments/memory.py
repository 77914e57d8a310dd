"""Viewer memory: what each viewer asked and was told, this session and earlier ones.

:class:`ViewerMemory` is the contract; :class:`InMemoryViewerMemory` keeps it in a dict for one
process, and the session store backs the same contract with SQLite so it survives restarts.
The retention period is applied when reading (``since_wall``), so a store can also purge
physically on its own schedule. It never holds more than the viewer's comments, the
understood intent/entities and the reply text that was actually sent.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Protocol

from sola_studio.comments.events import Entities, Intent


@dataclass(frozen=True)
class Interaction:
    """One comment of a viewer and, once sent, the reply they got."""

    comment_id: str
    session_id: str
    platform: str
    viewer_id: str
    t_wall: float
    language: str
    intent: Intent
    entities: Entities
    text: str
    reply: str | None = None
    fact_ids: tuple[str, ...] = ()


class ViewerMemory(Protocol):
    def remember(self, interaction: Interaction) -> None:
        """Record a new comment (no reply yet)."""
        ...

    def answered(self, comment_id: str, reply: str, fact_ids: tuple[str, ...]) -> None:
        """Record the reply actually sent for ``comment_id``."""
        ...

    def recent(
        self, platform: str, viewer_id: str, since_wall: float, limit: int = 10
    ) -> list[Interaction]:
        """The viewer's interactions at or after ``since_wall``, newest first."""
        ...

    def forget(self, platform: str, viewer_id: str) -> int:
        """Erase everything about one viewer (their right to be forgotten); returns how many."""
        ...


class InMemoryViewerMemory:
    """:class:`ViewerMemory` in a dict; thread-safe; lost when the process ends.

    Bounded: each viewer's latest ``per_viewer`` interactions, of the ``viewers`` viewers heard
    from most recently (the one silent longest is forgotten first)."""

    def __init__(self, per_viewer: int = 50, viewers: int = 20_000) -> None:
        self.per_viewer = per_viewer
        self.viewers = viewers
        self._by_viewer: OrderedDict[tuple[str, str], list[Interaction]] = OrderedDict()
        self._by_comment: dict[str, tuple[str, str]] = {}
        self._lock = threading.Lock()

    def remember(self, interaction: Interaction) -> None:
        key = (interaction.platform, interaction.viewer_id)
        with self._lock:
            items = self._by_viewer.setdefault(key, [])
            self._by_viewer.move_to_end(key)
            items.append(interaction)
            self._by_comment[interaction.comment_id] = key
            for old in items[: -self.per_viewer]:
                self._by_comment.pop(old.comment_id, None)
            del items[: -self.per_viewer]
            while len(self._by_viewer) > self.viewers:
                _, gone = self._by_viewer.popitem(last=False)
                for old in gone:
                    self._by_comment.pop(old.comment_id, None)

    def answered(self, comment_id: str, reply: str, fact_ids: tuple[str, ...]) -> None:
        with self._lock:
            key = self._by_comment.get(comment_id)
            if key is None:
                return
            items = self._by_viewer.get(key, [])
            for i, item in enumerate(items):
                if item.comment_id == comment_id:
                    items[i] = replace(item, reply=reply, fact_ids=fact_ids)

    def recent(
        self, platform: str, viewer_id: str, since_wall: float, limit: int = 10
    ) -> list[Interaction]:
        with self._lock:
            items = list(self._by_viewer.get((platform, viewer_id), ()))
        picked = [i for i in items if i.t_wall >= since_wall]
        picked.sort(key=lambda i: i.t_wall, reverse=True)
        return picked[:limit]

    def forget(self, platform: str, viewer_id: str) -> int:
        with self._lock:
            items = self._by_viewer.pop((platform, viewer_id), [])
            for i in items:
                self._by_comment.pop(i.comment_id, None)
            return len(items)
