"""Viewer activity in the session store: what viewers did besides commenting.

The chat connectors publish :class:`~sola_studio.chat.events.ViewerActivity` (a join, likes, a
gift combo, a share, a follow, a membership) on the show's bus; the store's
:class:`~sola_studio.store.routing.EventRouter` hands each one to :func:`record_activity`, which
keeps one row in ``viewer_activity`` (schema migration 4). Only the platform, the kind, how many
and the gift's name or amount are kept: no viewer id or name, so nothing here is personal data
(retention and forget-viewer have nothing to do). :func:`activity_rows` reads them back for the
report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sola_studio.chat.events import ViewerActivity

if TYPE_CHECKING:
    import sqlite_utils

    from sola_studio.store.repository import SessionStore

TABLE = "viewer_activity"


def record_activity(store: SessionStore, activity: ViewerActivity) -> None:
    """One row for ``activity`` in the open session (nothing when no session is open: a
    connector may still publish while the show stops)."""
    sid = store.session_id
    if sid is None:
        return
    now = store.wall_time()
    with store.transaction() as conn:
        conn.execute(
            f"INSERT INTO {TABLE} (session_id, platform, kind, count, detail, t_wall)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                sid,
                activity.platform,
                activity.kind.value,
                max(1, int(activity.count)),
                activity.detail or None,
                now,
            ),
        )
    store.after_write()


def activity_rows(db: sqlite_utils.Database, session_id: int) -> list[dict[str, Any]]:
    """Every activity row of a session in time order (empty for a database from before
    migration 4)."""
    if not db.table(TABLE).exists():
        return []
    return list(
        db.query(
            f"SELECT platform, kind, count, detail, t_wall FROM {TABLE}"
            " WHERE session_id = ? ORDER BY t_wall, id",
            [session_id],
        )
    )
