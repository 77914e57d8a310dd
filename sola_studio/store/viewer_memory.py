"""Viewer memory on the session store: what each viewer asked and was told, across sessions.

:class:`SqliteViewerMemory` implements :class:`sola_studio.comments.memory.ViewerMemory` on the
profile's SQLite file (table ``viewer_memory``, schema migration 3), so a viewer who asked about
instalments on Monday and writes "and the interest?" on Wednesday is answered in that context by
a new desk in a new process. Each ask is one row, written in its own short transaction like every
other store write (a crash loses at most the ask in flight).

Privacy is the store's: the platform's viewer id is never stored, only the store's keyed
pseudonym (:meth:`SessionStore.viewer_pid`); reading never reaches past the store's retention
period, whatever ``since_wall`` the caller asks for; the store's retention purge deletes rows past
it; forgetting a viewer here is the store's forget-viewer (every row about them, memory
included), and export-viewer lists their remembered asks. It never logs comment or reply text,
and never sends anything.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from sola_studio.comments.events import Entities, Intent
from sola_studio.comments.memory import Interaction

if TYPE_CHECKING:
    from sola_studio.store.repository import SessionStore

log = logging.getLogger(__name__)

_DAY_S = 86400.0
_COLUMNS = (
    "session, comment_id, platform, t_wall, language, intent, entities, text, reply, fact_ids"
)


def _entities_json(e: Entities) -> str:
    return json.dumps(
        {
            "product_id": e.product_id,
            "product_implied": e.product_implied,
            "variant_sku": e.variant_sku,
            "size": e.size,
            "colour": e.colour,
            "country": e.country,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _entities(raw: str | None) -> Entities:
    d = json.loads(raw) if raw else {}
    return Entities(
        product_id=d.get("product_id"),
        product_implied=bool(d.get("product_implied", False)),
        variant_sku=d.get("variant_sku"),
        size=d.get("size"),
        colour=d.get("colour"),
        country=d.get("country"),
    )


def _intent(value: str) -> Intent:
    try:
        return Intent(value)
    except ValueError:  # a value from a newer Sola Studio: still remembered, as "other"
        return Intent.OTHER


class SqliteViewerMemory:
    """:class:`~sola_studio.comments.memory.ViewerMemory` kept in a :class:`SessionStore`.

    Thread-safe (the store's lock). Works whether or not a store session is open, and whether
    or not the store also routes the comment flow's events (the two never share rows).
    """

    def __init__(self, store: SessionStore) -> None:
        self.store = store

    def _cutoff(self, since_wall: float) -> float:
        """``since_wall``, but never before the store's retention period."""
        oldest = self.store.wall_time() - self.store.retention.days * _DAY_S
        return max(since_wall, oldest)

    def remember(self, interaction: Interaction) -> None:
        # through the store's write path: a full disk keeps it in memory, like the events
        self.store.write_or_keep(_remember, interaction)

    def answered(self, comment_id: str, reply: str, fact_ids: tuple[str, ...]) -> None:
        self.store.write_or_keep(_answered, comment_id, reply, fact_ids)

    def recent(
        self, platform: str, viewer_id: str, since_wall: float, limit: int = 10
    ) -> list[Interaction]:
        pid = self.store.viewer_pid(platform, viewer_id)
        with self.store.reading() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM viewer_memory WHERE viewer_pid = ? AND platform = ?"
                " AND t_wall >= ? ORDER BY t_wall DESC, id DESC LIMIT ?",
                (pid, platform, self._cutoff(since_wall), limit),
            ).fetchall()
        return [
            Interaction(
                comment_id=comment_id,
                session_id=session or "",
                platform=row_platform,
                viewer_id=viewer_id,
                t_wall=float(t_wall),
                language=language or "",
                intent=_intent(intent),
                entities=_entities(entities),
                text=text or "",
                reply=reply,
                fact_ids=tuple(json.loads(fact_ids)) if fact_ids else (),
            )
            for (
                session,
                comment_id,
                row_platform,
                t_wall,
                language,
                intent,
                entities,
                text,
                reply,
                fact_ids,
            ) in rows
        ]

    def forget(self, platform: str, viewer_id: str) -> int:
        """The viewer's right to be forgotten: everything the store holds about them, in every
        session (comments, drafts, replies to them alone, and their remembered asks)."""
        return self.store.forget_viewer(self.store.viewer_pid(platform, viewer_id))


def _remember(store: SessionStore, interaction: Interaction) -> None:
    pid = store.viewer_pid(interaction.platform, interaction.viewer_id)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO viewer_memory (session, comment_id, platform, viewer_pid, t_wall,"
            " language, intent, entities, text, reply, fact_ids, replied_wall)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                interaction.session_id,
                interaction.comment_id,
                interaction.platform,
                pid,
                interaction.t_wall,
                interaction.language,
                interaction.intent.value,
                _entities_json(interaction.entities),
                interaction.text,
                interaction.reply,
                json.dumps(list(interaction.fact_ids)),
                store.wall_time() if interaction.reply is not None else None,
            ),
        )
    store.after_write()


def _answered(store: SessionStore, comment_id: str, reply: str, fact_ids: tuple[str, ...]) -> None:
    # the newest ask with this id: replayed sessions may reuse comment ids
    with store.transaction() as conn:
        cur = conn.execute(
            "UPDATE viewer_memory SET reply = ?, fact_ids = ?, replied_wall = ? WHERE id ="
            " (SELECT MAX(id) FROM viewer_memory WHERE comment_id = ?)",
            (reply, json.dumps(list(fact_ids)), store.wall_time(), comment_id),
        )
    if cur.rowcount == 0:
        log.info("reply to %s not remembered: the ask is gone (forgotten, expired)", comment_id)
