"""The session database's schema, as an ordered list of migrations.

A database records every migration it has had in ``schema_version`` (one row per version, with
the wall-clock time it was applied). Opening a database applies, in order and each in its own
transaction, the migrations it has not had yet. A database written by a newer Sola Studio (a
version above the last one known here) is refused with :class:`StoreError`, never modified.

Migrations only ever add: a released migration is never edited, a new one is appended. This
module must never write session data; it only shapes the tables.

Layout (migration 1):

- ``sessions``: one row per live show; ``status`` is running, finished or interrupted.
- ``captions`` (+ ``caption_translations``): committed caption segments, their timings (stream
  seconds, monotonic stage times, latency) and every translation.
- ``viewers``: pseudonymous id (a keyed hash; the platform id itself is never stored) and the
  display name last seen. ``comments``: what viewers wrote, with language, translation, intent,
  entities and the products/variants it asks about.
- ``drafts``, ``draft_edits``, ``review_events``: each drafted reply and every change to it.
- ``replies`` (+ ``reply_targets``): what was sent, who approved it, when, and to which comments.
- ``products``: the product sheet as it was during the session (snapshots).
- ``demand_events``, ``alerts``: what the insights stage noticed.
- ``spec_cards``: product cards shown on the video.
- ``errors``: every error event published during the session.

Migration 2 adds to ``spec_cards`` the attribute, trigger keyword, caption id and stream times of
a spec card from the captions.

Migration 3 adds ``viewer_memory``: each viewer's asks (pseudonymous id, intent, entities, text)
and the reply they got, read back by :mod:`sola_studio.store.viewer_memory`.

Migration 4 adds ``viewer_activity``: what viewers did besides commenting (joins, likes, gifts,
shares, follows, memberships) as the chat connectors published it, per platform, for the
report's activity summary (:mod:`sola_studio.store.activity`). Counts only: no viewer id or
name is kept, so there is nothing personal to purge or forget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from sola_studio.core.errors import StoreError

log = logging.getLogger(__name__)


def _migration_1(db: sqlite_utils.Database) -> None:
    db.table("sessions").create(
        {
            "id": int,
            "title": str,
            "platform": str,
            "seller_language": str,
            "caption_languages": str,  # JSON list
            "status": str,
            "started_wall": float,
            "started_monotonic": float,
            "ended_wall": float,
            "last_event_wall": float,
            "owner_pid": int,
            "owner_started": float,  # the owner process's start time, so a reused pid is not alive
            "app_version": str,
        },
        pk="id",
        not_null=["status", "started_wall"],
    )
    db.table("captions").create(
        {
            "id": int,
            "session_id": int,
            "caption_id": int,
            "language": str,
            "text": str,
            "start_s": float,
            "end_s": float,
            "t_capture": float,
            "t_emit": float,
            "audio_end_t": float,
            "latency_s": float,
            "words": str,  # JSON [{text, start, end, probability}]
            "stages": str,  # JSON {stage: monotonic time}
            "recorded_wall": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null=["session_id", "caption_id", "text"],
    )
    db.table("captions").create_index(["session_id", "caption_id"], unique=True)
    db.table("caption_translations").create(
        {"caption_pk": int, "language": str, "text": str, "latency_s": float},
        pk=("caption_pk", "language"),
        foreign_keys=[("caption_pk", "captions", "id")],
    )
    db.table("viewers").create(
        {
            "pid": str,
            "platform": str,
            "display_name": str,
            "first_seen_wall": float,
            "last_seen_wall": float,
        },
        pk="pid",
        not_null=["platform"],
    )
    db.table("comments").create(
        {
            "id": int,
            "session_id": int,
            "comment_id": str,
            "platform": str,
            "viewer_pid": str,
            "text": str,
            "language": str,
            "translation": str,
            "translated_to": str,
            "intent": str,
            "intents": str,  # JSON list, the main intent first
            "is_question": int,
            "flags": str,  # JSON list of reasons the desk flagged it
            "entities": str,  # JSON object
            "product_id": str,
            "variant": str,
            "t_capture": float,
            "t_wall": float,
            "understood_wall": float,
            "purged_wall": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("viewer_pid", "viewers", "pid")],
        not_null=["session_id", "comment_id", "t_wall"],
    )
    db.table("comments").create_index(["session_id", "comment_id"], unique=True)
    db.table("comments").create_index(["viewer_pid"])
    db.table("comments").create_index(["t_wall"])
    db.table("drafts").create(
        {
            "id": int,
            "session_id": int,
            "draft_id": str,
            "comment_pk": int,
            "language": str,
            "text": str,
            "translation": str,
            "sources": str,  # JSON list: which product-sheet/FAQ facts the draft used
            "intent": str,
            "confidence": float,
            "flags": str,  # JSON list
            "state": str,
            "t_ready": float,
            "ready_wall": float,
            "time_to_draft_s": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("comment_pk", "comments", "id")],
        not_null=["session_id", "draft_id"],
    )
    db.table("drafts").create_index(["session_id", "draft_id"], unique=True)
    db.table("draft_edits").create(
        {
            "id": int,
            "draft_pk": int,
            "text_before": str,
            "text_after": str,
            "edited_by": str,
            "edited_wall": float,
        },
        pk="id",
        foreign_keys=[("draft_pk", "drafts", "id")],
    )
    db.table("review_events").create(
        {"id": int, "draft_pk": int, "state": str, "by": str, "t_wall": float},
        pk="id",
        foreign_keys=[("draft_pk", "drafts", "id")],
    )
    db.table("replies").create(
        {
            "id": int,
            "session_id": int,
            "reply_id": str,
            "draft_pk": int,
            "text": str,
            "language": str,
            "channel": str,  # platform, clipboard, on-screen card
            "approved_by": str,
            "approved_wall": float,
            "sent_wall": float,
            "auto_sent": int,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("draft_pk", "drafts", "id")],
        not_null=["session_id", "reply_id"],
    )
    db.table("replies").create_index(["session_id", "reply_id"], unique=True)
    db.table("reply_targets").create(
        {"reply_pk": int, "comment_pk": int},
        pk=("reply_pk", "comment_pk"),
        foreign_keys=[("reply_pk", "replies", "id"), ("comment_pk", "comments", "id")],
    )
    db.table("products").create(
        {
            "id": int,
            "session_id": int,
            "product_id": str,
            "name": str,
            "snapshot": str,  # JSON: the product as the sheet described it at recorded_wall
            "recorded_wall": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("demand_events").create(
        {
            "id": int,
            "session_id": int,
            "kind": str,
            "product_id": str,
            "variant": str,
            "count": int,
            "detail": str,  # JSON
            "t_wall": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("alerts").create(
        {
            "id": int,
            "session_id": int,
            "kind": str,
            "product_id": str,
            "variant": str,
            "message": str,
            "count": int,
            "detail": str,  # JSON, e.g. asks by language and country
            "t_wall": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("spec_cards").create(
        {
            "id": int,
            "session_id": int,
            "product_id": str,
            "title": str,
            "language": str,
            "fields": str,  # JSON {label: value} as shown
            "shown_wall": float,
            "hidden_wall": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("errors").create(
        {
            "id": int,
            "session_id": int,
            "stage": str,
            "error_type": str,
            "message": str,
            "fix": str,
            "recoverable": int,
            "t_emit": float,
            "t_wall": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    for table in ("demand_events", "alerts", "spec_cards", "errors", "products", "replies"):
        db.table(table).create_index(["session_id"])


def _migration_2(db: sqlite_utils.Database) -> None:
    # Spec cards from the captions (issue 9): which attribute, what caption said it, and its
    # place on the stream clock, so the report can say which cards were shown and when.
    cards = db.table("spec_cards")
    cards.add_column("attribute", str)
    cards.add_column("keyword", str)
    cards.add_column("caption_id", int)
    cards.add_column("stream_start", float)
    cards.add_column("stream_end", float)


def _migration_3(db: sqlite_utils.Database) -> None:
    # Viewer memory (issue 5 item 5, sola_studio.store.viewer_memory): what each viewer asked
    # and was told, across sessions, so a follow-up days later ("and the interest?") is answered
    # in context. Its own table, so the desk remembers even when the store is not routing the
    # comment flow; retention, forget-viewer and export-viewer cover it (store/privacy.py).
    db.table("viewer_memory").create(
        {
            "id": int,
            "session": str,  # the desk's session name (DeskConfig.session_id)
            "comment_id": str,
            "platform": str,
            "viewer_pid": str,  # the keyed pseudonym, never the platform's viewer id
            "t_wall": float,
            "language": str,
            "intent": str,
            "entities": str,  # JSON object (comments.events.Entities)
            "text": str,
            "reply": str,  # the reply actually sent, NULL until then
            "fact_ids": str,  # JSON list of the sheet facts the sent reply stated
            "replied_wall": float,
        },
        pk="id",
        not_null=["comment_id", "platform", "viewer_pid", "t_wall", "intent"],
    )
    db.table("viewer_memory").create_index(["viewer_pid", "t_wall"])
    db.table("viewer_memory").create_index(["comment_id"])


def _migration_4(db: sqlite_utils.Database) -> None:
    # Viewer activity from the chat connectors (issue 18): joins, likes, gifts, shares, follows.
    db.table("viewer_activity").create(
        {
            "id": int,
            "session_id": int,
            "platform": str,
            "kind": str,  # chat.events.ActivityKind value
            "count": int,
            "detail": str,  # the gift's name or the amount as the platform wrote it
            "t_wall": float,
        },
        pk="id",
        not_null=["session_id", "platform", "kind", "count", "t_wall"],
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("viewer_activity").create_index(["session_id", "t_wall"])


def _migration_5(db: sqlite_utils.Database) -> None:
    # The show plan (issue 20, sola_studio.plan): the plan the show went live with (kind
    # "plan", its file's structure as JSON in detail), each segment entered ("segment": the
    # previous one and why), each planned point said ("said": the caption that said it), so the
    # report can say which points were covered, the time per segment against its box and the
    # questions asked in each. Captions shown from the plan are marked in captions.stages.
    db.table("plan_events").create(
        {
            "id": int,
            "session_id": int,
            "kind": str,  # plan | segment | said
            "segment_id": str,  # NULL for "segment": the show ended
            "line_id": str,
            "detail": str,  # JSON
            "t_emit": float,
            "t_wall": float,
        },
        pk="id",
        not_null=["session_id", "kind", "t_wall"],
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("plan_events").create_index(["session_id", "t_wall"])


@dataclass(frozen=True)
class Migration:
    version: int
    what: str
    apply: Callable[[sqlite_utils.Database], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "sessions, captions, viewers, comments, replies, products", _migration_1),
    Migration(2, "spec cards: attribute, keyword, caption and stream times", _migration_2),
    Migration(3, "viewer memory across sessions", _migration_3),
    Migration(4, "viewer activity (joins, likes, gifts, shares, follows)", _migration_4),
    Migration(5, "show plan: the plan, segments entered, points said", _migration_5),
)
LATEST = MIGRATIONS[-1].version


def current_version(db: sqlite_utils.Database) -> int:
    if not db.table("schema_version").exists():
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def check_readable(db: sqlite_utils.Database) -> int:
    """For a database opened read-only: its version, refused when it is newer than this Sola
    Studio knows or has no sessions table (an unmigrated database has nothing to report)."""
    version = current_version(db)
    if version > LATEST:
        raise StoreError(
            f"this session database has schema version {version}, newer than this Sola Studio "
            f"knows ({LATEST})",
            fix="update Sola Studio (pip install -U sola-studio), or open another profile",
        )
    if version == 0:
        raise StoreError(
            "this session database holds no sessions yet",
            fix="run a show first: sola-studio run --demo",
        )
    return version


def migrate(db: sqlite_utils.Database, now_wall: float) -> int:
    """Bring ``db`` up to :data:`LATEST`; returns the version it had before.

    The connection must be in autocommit mode (``isolation_level=None``) so each migration's DDL
    and its ``schema_version`` row commit together or not at all.
    """
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        db.table("schema_version").create(
            {"version": int, "what": str, "applied_wall": float}, pk="version", if_not_exists=True
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    before = current_version(db)
    if before > LATEST:
        raise StoreError(
            f"this session database has schema version {before}, newer than this Sola Studio "
            f"knows ({LATEST})",
            fix="update Sola Studio (pip install -U sola-studio), or open another profile",
        )
    for m in MIGRATIONS:
        if m.version <= before:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(db) >= m.version:  # another process migrated meanwhile
                conn.execute("COMMIT")
                continue
            m.apply(db)
            conn.execute(
                "INSERT INTO schema_version (version, what, applied_wall) VALUES (?, ?, ?)",
                (m.version, m.what, now_wall),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("session database migrated to version %d (%s)", m.version, m.what)
    return before
