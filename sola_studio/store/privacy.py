"""Viewer privacy in the session store: retention purge, forget one viewer, export one viewer.

Retention keeps what the report's numbers need (when a comment came, its language, intent,
the product and variant it asked about, whether and when it was answered) and removes what
identifies or quotes a person: the comment's text, translation and entities, its link to the
viewer, the texts of drafts and replies written for it (they often greet the viewer by name),
and viewer rows not seen within the period.

Forgetting a viewer deletes their rows outright, in every session. These functions never log
names or text, only ids and counts.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from sola_studio.store.records import PurgeResult

log = logging.getLogger(__name__)


class Store(Protocol):
    """What privacy needs of the session store: its public transaction, reads and clock."""

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def reading(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def wall_time(self) -> float: ...


def _ids(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[int]:
    return [int(r[0]) for r in conn.execute(sql, params).fetchall()]


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def purge_expired(store: Store, cutoff_wall: float) -> PurgeResult:
    """Purge comments that arrived before ``cutoff_wall`` and viewers last seen before it."""
    now = store.wall_time()
    with store.transaction() as conn:
        cpks = _ids(
            conn,
            "SELECT id FROM comments WHERE t_wall < ? AND purged_wall IS NULL",
            (cutoff_wall,),
        )
        dpks: list[int] = []
        rpks: list[int] = []
        if cpks:
            m = _marks(cpks)
            conn.execute(
                f"UPDATE comments SET text=NULL, translation=NULL, entities=NULL,"
                f" viewer_pid=NULL, purged_wall=? WHERE id IN ({m})",
                (now, *cpks),
            )
            dpks = _ids(conn, f"SELECT id FROM drafts WHERE comment_pk IN ({m})", cpks)
            rpks = _ids(
                conn, f"SELECT DISTINCT reply_pk FROM reply_targets WHERE comment_pk IN ({m})", cpks
            )
        if dpks:
            m = _marks(dpks)
            conn.execute(f"UPDATE drafts SET text=NULL, translation=NULL WHERE id IN ({m})", dpks)
            conn.execute(
                f"UPDATE draft_edits SET text_before=NULL, text_after=NULL WHERE draft_pk IN ({m})",
                dpks,
            )
        if rpks:
            conn.execute(f"UPDATE replies SET text=NULL WHERE id IN ({_marks(rpks)})", rpks)
        # viewer memory holds nothing the report needs: rows past retention are deleted
        memory = conn.execute("DELETE FROM viewer_memory WHERE t_wall < ?", (cutoff_wall,)).rowcount
        cur = conn.execute(
            "DELETE FROM viewers WHERE last_seen_wall < ? AND pid NOT IN"
            " (SELECT viewer_pid FROM comments WHERE viewer_pid IS NOT NULL)",
            (cutoff_wall,),
        )
        viewers = cur.rowcount
    result = PurgeResult(
        comments=len(cpks), viewers=viewers, drafts=len(dpks), replies=len(rpks), memory=memory
    )
    if cpks or viewers or memory:
        log.info(
            "retention purged %d comments, %d viewers, %d drafts, %d replies, %d remembered asks",
            result.comments,
            result.viewers,
            result.drafts,
            result.replies,
            result.memory,
        )
    return result


def forget_viewer(store: Store, viewer_pid: str) -> int:
    """Delete one viewer and everything about them in every session; returns rows deleted.

    A group reply that also answered other viewers is kept (it is theirs too), unlinked from
    this viewer's comments.
    """
    deleted = 0
    with store.transaction() as conn:
        cpks = _ids(conn, "SELECT id FROM comments WHERE viewer_pid = ?", (viewer_pid,))
        if cpks:
            m = _marks(cpks)
            dpks = _ids(conn, f"SELECT id FROM drafts WHERE comment_pk IN ({m})", cpks)
            rpks = _ids(
                conn, f"SELECT DISTINCT reply_pk FROM reply_targets WHERE comment_pk IN ({m})", cpks
            )
            deleted += conn.execute(
                f"DELETE FROM reply_targets WHERE comment_pk IN ({m})", cpks
            ).rowcount
            if rpks:
                rm = _marks(rpks)
                deleted += conn.execute(
                    f"DELETE FROM replies WHERE id IN ({rm}) AND id NOT IN"
                    f" (SELECT reply_pk FROM reply_targets)",
                    rpks,
                ).rowcount
            if dpks:
                dm = _marks(dpks)
                conn.execute(f"UPDATE replies SET draft_pk=NULL WHERE draft_pk IN ({dm})", dpks)
                deleted += conn.execute(
                    f"DELETE FROM draft_edits WHERE draft_pk IN ({dm})", dpks
                ).rowcount
                deleted += conn.execute(
                    f"DELETE FROM review_events WHERE draft_pk IN ({dm})", dpks
                ).rowcount
                deleted += conn.execute(f"DELETE FROM drafts WHERE id IN ({dm})", dpks).rowcount
            deleted += conn.execute(f"DELETE FROM comments WHERE id IN ({m})", cpks).rowcount
        deleted += conn.execute("DELETE FROM viewers WHERE pid = ?", (viewer_pid,)).rowcount
        deleted += conn.execute(
            "DELETE FROM viewer_memory WHERE viewer_pid = ?", (viewer_pid,)
        ).rowcount
    log.info("forgot viewer %s: %d rows deleted", viewer_pid, deleted)
    return deleted


def _rows(store: Store, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    with store.reading() as conn:
        cursor = conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    for row in rows:
        for key in ("entities", "sources", "fact_ids"):
            if isinstance(row.get(key), str):
                row[key] = json.loads(row[key])
    return rows


def export_viewer(store: Store, viewer_pid: str) -> dict[str, Any]:
    """Everything held about one viewer (a subject access request), JSON-ready."""
    viewer = _rows(store, "SELECT * FROM viewers WHERE pid = ?", (viewer_pid,))
    comments = _rows(
        store,
        "SELECT c.session_id, s.title AS session_title, c.comment_id, c.platform, c.text,"
        " c.language, c.translation, c.translated_to, c.intent, c.is_question, c.entities,"
        " c.product_id, c.variant, c.t_wall, c.purged_wall FROM comments c"
        " JOIN sessions s ON s.id = c.session_id WHERE c.viewer_pid = ? ORDER BY c.t_wall",
        (viewer_pid,),
    )
    drafts = _rows(
        store,
        "SELECT d.session_id, d.draft_id, c.comment_id, d.language, d.text, d.translation,"
        " d.sources, d.state, d.ready_wall FROM drafts d JOIN comments c ON c.id = d.comment_pk"
        " WHERE c.viewer_pid = ? ORDER BY d.ready_wall",
        (viewer_pid,),
    )
    edits = _rows(
        store,
        "SELECT d.draft_id, e.text_before, e.text_after, e.edited_by, e.edited_wall"
        " FROM draft_edits e JOIN drafts d ON d.id = e.draft_pk"
        " JOIN comments c ON c.id = d.comment_pk WHERE c.viewer_pid = ? ORDER BY e.edited_wall",
        (viewer_pid,),
    )
    replies = _rows(
        store,
        "SELECT DISTINCT r.session_id, r.reply_id, r.text, r.language, r.channel,"
        " r.approved_by, r.approved_wall, r.sent_wall FROM replies r"
        " JOIN reply_targets t ON t.reply_pk = r.id JOIN comments c ON c.id = t.comment_pk"
        " WHERE c.viewer_pid = ? ORDER BY r.sent_wall",
        (viewer_pid,),
    )
    memory = _rows(
        store,
        "SELECT session, comment_id, platform, t_wall, language, intent, entities, text, reply,"
        " fact_ids, replied_wall FROM viewer_memory WHERE viewer_pid = ? ORDER BY t_wall",
        (viewer_pid,),
    )
    return {
        "viewer_pid": viewer_pid,
        "viewer": viewer[0] if viewer else None,
        "comments": comments,
        "drafts": drafts,
        "draft_edits": edits,
        "replies": replies,
        "memory": memory,
        "note": "viewer ids are stored only as this keyed pseudonym; platform tokens are never "
        "stored in the session database",
    }
