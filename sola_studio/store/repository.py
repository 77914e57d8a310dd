"""The session store: everything a live show produces, written to SQLite as it happens.

One SQLite file per seller profile (``<data_dir>/profiles/<name>/sessions.db``) in WAL mode.
Every ``record_*`` call is one short transaction, committed before it returns, so a crash (even
SIGKILL) loses at most the event being written (DESIGN rule 7). How a write is made (the lock,
the transaction, a full disk's writes kept in memory) is in :mod:`sola_studio.store.plumbing`.

Viewer identity: the platform's viewer id is never stored. It is replaced by a pseudonymous id,
an HMAC-SHA256 of (platform, platform id) keyed by a per-profile secret kept apart from the
database (in the keyring beside the database key, or derived from it: ``cipher.viewer_key``), so
the same viewer gets the same id across sessions, and the database alone cannot be linked back to
a platform account. The display name is stored with it until retention
purges it. Platform tokens never come here (see :mod:`sola_studio.store.tokens`).

This module must never send anything anywhere, never log comment text, names or tokens (only
ids and counts), and never import Qt.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from keyring.backend import KeyringBackend

from sola_studio import __version__
from sola_studio.core.clock import Clock
from sola_studio.core.errors import StoreError
from sola_studio.core.events import Caption, Comment, ErrorEvent
from sola_studio.store import cipher
from sola_studio.store.errors import classify, is_clear_text
from sola_studio.store.plumbing import StorePlumbing, json_text, kept_when_full, process_started
from sola_studio.store.records import (
    DB_NAME,
    ProductSnapshot,
    PurgeResult,
    RetentionPolicy,
    SessionStatus,
    profile_dir,
)

# the names callers import from here (sola_studio.store re-exports them)
__all__ = [
    "ProductSnapshot",
    "PurgeResult",
    "RetentionPolicy",
    "SessionStatus",
    "SessionStore",
    "profile_dir",
]

log = logging.getLogger(__name__)


class SessionStore(StorePlumbing):
    """Writes one profile's sessions to SQLite; see the module docstring.

    Opening, transactions, the full disk's keeping, retention and privacy are
    :class:`~sola_studio.store.plumbing.StorePlumbing`'s; this class adds opening a profile and
    one ``record_*`` write per kind of event.
    """

    @classmethod
    def open_profile(
        cls,
        profile: str = "default",
        *,
        clock: Clock | None = None,
        retention: RetentionPolicy | None = None,
        passphrase: str | None = None,
        keyring_backend: KeyringBackend | None = None,
        read_only: bool = False,
    ) -> SessionStore:
        """Open (creating if needed) the encrypted store of a seller profile.

        The database key comes from ``passphrase`` (or ``SOLA_STUDIO_STORE_PASSPHRASE``), else
        from the keyring (created on first run); a clear-text database is encrypted on the way.
        ``read_only`` opens the file for reading only (reports on a full or read-only disk):
        nothing is migrated, marked or purged, and every write raises :class:`StoreReadOnly`.
        """
        folder = profile_dir(profile)
        db_path = folder / DB_NAME
        if read_only:
            if not db_path.exists():
                raise StoreError(
                    f"profile {profile!r} has no session database yet ({db_path})",
                    fix="run a show first: sola-studio run --demo",
                )
        else:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise classify(exc, db_path, "open") from exc
        db_key = None
        if db_path.exists() and db_path.stat().st_size > 0 and is_clear_text(db_path) and read_only:
            db_key = None  # still clear text (not migrated yet): read it as it is
        else:
            db_key = cipher.resolve_key(
                profile, db_path, passphrase=passphrase, backend=keyring_backend
            )
        try:  # the viewer-pseudonym key follows the database key (keyring, else derived)
            key = cipher.viewer_key(
                profile, folder, db_key, backend=keyring_backend, read_only=read_only
            )
        except OSError as exc:
            raise classify(exc, db_path, "open") from exc
        return cls(
            db_path, key=key, clock=clock, retention=retention, db_key=db_key, read_only=read_only
        )

    # -- sessions ---------------------------------------------------------------------------

    def start_session(
        self,
        *,
        title: str = "",
        platform: str = "replay",
        seller_language: str = "en",
        caption_languages: Sequence[str] = (),
    ) -> int:
        """Open a new running session; later ``record_*`` calls write into it."""
        now = self._now()
        pid = os.getpid()
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO sessions (title, platform, seller_language, caption_languages,"
                " status, started_wall, started_monotonic, last_event_wall, owner_pid,"
                " owner_started, app_version) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    title,
                    platform,
                    seller_language,
                    json_text(list(caption_languages)),
                    SessionStatus.RUNNING,
                    now,
                    self._clock.monotonic(),
                    now,
                    pid,
                    process_started(pid),
                    __version__,
                ),
            )
            self.session_id = int(cur.lastrowid or 0)
        self.seller_language = seller_language
        self._product_snapshots.clear()
        log.info("session %d started", self.session_id)
        return self.session_id

    @kept_when_full
    def finish_session(self, status: str = SessionStatus.FINISHED) -> None:
        """Mark the current session finished (a clean stop), or ``status`` (``failed``)."""
        sid = self._session()
        now = self._now()
        with self.transaction() as conn:
            conn.execute(
                "UPDATE sessions SET status = ?, ended_wall = ?, last_event_wall = ? WHERE id = ?",
                (status, now, now, sid),
            )
        log.info("session %d %s", sid, status)
        self.session_id = None

    @kept_when_full
    def record_caption(self, caption: Caption) -> None:
        """Store a committed caption and its translations (partials are skipped).

        The same caption id published again (e.g. once per finished translation) updates the
        row and adds the new translations.
        """
        if not caption.committed:
            return
        sid = self._session()
        now = self._now()
        words = [
            {"text": w.text, "start": w.start, "end": w.end, "probability": w.probability}
            for w in caption.words
        ]
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO captions (session_id, caption_id, language, text, start_s, end_s,"
                " t_capture, t_emit, audio_end_t, latency_s, words, stages, recorded_wall)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(session_id, caption_id) DO UPDATE SET text=excluded.text,"
                " start_s=excluded.start_s, end_s=excluded.end_s, words=excluded.words,"
                " stages=excluded.stages",
                (
                    sid,
                    caption.id,
                    caption.language,
                    caption.text,
                    caption.start,
                    caption.end,
                    caption.t_capture,
                    caption.t_emit,
                    caption.audio_end_t,
                    caption.latency,
                    json_text(words),
                    json_text(dict(caption.stages)),
                    now,
                ),
            )
            row = conn.execute(
                "SELECT id FROM captions WHERE session_id = ? AND caption_id = ?",
                (sid, caption.id),
            ).fetchone()
            for lang, text in caption.translations.items():
                t_done = caption.stages.get(f"translate:{lang}")
                latency = (
                    t_done - caption.audio_end_t
                    if t_done is not None and caption.audio_end_t is not None
                    else None
                )
                conn.execute(
                    "INSERT INTO caption_translations (caption_pk, language, text, latency_s)"
                    " VALUES (?,?,?,?) ON CONFLICT(caption_pk, language) DO UPDATE SET"
                    " text=excluded.text, latency_s=excluded.latency_s",
                    (row[0], lang, text, latency),
                )
            self._touch(conn, now)
        self.after_write()

    # -- comments ---------------------------------------------------------------------------

    def record_comment(self, comment: Comment) -> str:
        """Store a comment as it arrived; returns the viewer's pseudonymous id."""
        self._record_comment(comment)
        return self.viewer_pid(comment.platform, comment.viewer_id)

    @kept_when_full
    def _record_comment(self, comment: Comment) -> None:
        sid = self._session()
        now = self._now()
        pid = self.viewer_pid(comment.platform, comment.viewer_id)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO viewers (pid, platform, display_name, first_seen_wall,"
                " last_seen_wall) VALUES (?,?,?,?,?) ON CONFLICT(pid) DO UPDATE SET"
                " display_name=excluded.display_name, last_seen_wall=excluded.last_seen_wall",
                (pid, comment.platform, comment.viewer_name, comment.t_wall, comment.t_wall),
            )
            conn.execute(
                "INSERT OR IGNORE INTO comments (session_id, comment_id, platform, viewer_pid,"
                " text, t_capture, t_wall) VALUES (?,?,?,?,?,?,?)",
                (
                    sid,
                    comment.id,
                    comment.platform,
                    pid,
                    comment.text,
                    comment.t_capture,
                    comment.t_wall,
                ),
            )
            self._touch(conn, now)
        self.after_write()

    @kept_when_full
    def record_comment_understood(
        self,
        comment_id: str,
        *,
        language: str | None,
        translation: str | None = None,
        translated_to: str | None = None,
        intent: str | None = None,
        is_question: bool = False,
        entities: Mapping[str, Any] | None = None,
        product_id: str | None = None,
        variant: str | None = None,
        intents: Sequence[str] = (),
        flags: Sequence[str] = (),
    ) -> None:
        """Add what the comment pipeline understood about an already recorded comment."""
        sid = self._session()
        now = self._now()
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE comments SET language=?, translation=?, translated_to=?, intent=?,"
                " intents=?, is_question=?, flags=?, entities=?, product_id=?, variant=?,"
                " understood_wall=?"
                " WHERE session_id=? AND comment_id=? AND purged_wall IS NULL",
                (
                    language,
                    translation,
                    translated_to,
                    intent,
                    json_text(list(intents or ([intent] if intent else []))),
                    int(is_question),
                    json_text(list(flags)),
                    json_text(dict(entities) if entities is not None else None),
                    product_id,
                    variant,
                    now,
                    sid,
                    comment_id,
                ),
            )
            if cur.rowcount == 0:
                log.warning("understanding for unknown comment %s ignored", comment_id)
            self._touch(conn, now)
        self.after_write()

    def _comment_pk(self, conn: sqlite3.Connection, comment_id: str | None) -> int | None:
        if comment_id is None:
            return None
        row = conn.execute(
            "SELECT id FROM comments WHERE session_id=? AND comment_id=?",
            (self.session_id, comment_id),
        ).fetchone()
        return int(row[0]) if row else None

    def _draft_pk(self, conn: sqlite3.Connection, draft_id: str | None) -> int | None:
        if draft_id is None:
            return None
        row = conn.execute(
            "SELECT id FROM drafts WHERE session_id=? AND draft_id=?",
            (self.session_id, draft_id),
        ).fetchone()
        return int(row[0]) if row else None

    # -- drafts and replies -----------------------------------------------------------------

    @kept_when_full
    def record_draft(
        self,
        draft_id: str,
        *,
        comment_id: str | None,
        text: str,
        language: str | None,
        translation: str | None = None,
        sources: Sequence[str] = (),
        t_ready: float | None = None,
        time_to_draft_s: float | None = None,
        state: str = "drafted",
        intent: str | None = None,
        confidence: float | None = None,
        flags: Sequence[str] = (),
    ) -> None:
        """A reply drafted for a comment (or a group of them), before the seller saw it.

        Drafting the same ``draft_id`` again (a redraft) replaces its text and is kept as an
        edit by ``drafter``.
        """
        sid = self._session()
        now = self._now()
        with self.transaction() as conn:
            existing = self._draft_pk(conn, draft_id)
            if existing is not None:
                self._edit(conn, existing, text, "drafter", now)
            else:
                conn.execute(
                    "INSERT INTO drafts (session_id, draft_id, comment_pk, language, text,"
                    " translation, sources, intent, confidence, flags, state, t_ready,"
                    " ready_wall, time_to_draft_s) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        sid,
                        draft_id,
                        self._comment_pk(conn, comment_id),
                        language,
                        text,
                        translation,
                        json_text(list(sources)),
                        intent,
                        confidence,
                        json_text(list(flags)),
                        state,
                        t_ready,
                        now,
                        time_to_draft_s,
                    ),
                )
            self._touch(conn, now)
        self.after_write()

    def _edit(
        self, conn: sqlite3.Connection, draft_pk: int, text: str, by: str, now: float
    ) -> None:
        before = conn.execute("SELECT text FROM drafts WHERE id=?", (draft_pk,)).fetchone()[0]
        conn.execute(
            "INSERT INTO draft_edits (draft_pk, text_before, text_after, edited_by, edited_wall)"
            " VALUES (?,?,?,?,?)",
            (draft_pk, before, text, by, now),
        )
        conn.execute("UPDATE drafts SET text=? WHERE id=?", (text, draft_pk))

    @kept_when_full
    def record_draft_edit(self, draft_id: str, text: str, *, edited_by: str = "seller") -> None:
        """The seller (or a redraft) changed a draft's text; the previous text is kept."""
        self._session()
        now = self._now()
        with self.transaction() as conn:
            pk = self._draft_pk(conn, draft_id)
            if pk is None:
                log.warning("edit of unknown draft %s ignored", draft_id)
            else:
                self._edit(conn, pk, text, edited_by, now)
            self._touch(conn, now)
        self.after_write()

    @kept_when_full
    def record_review(
        self, draft_id: str, state: str, *, by: str = "seller", text: str | None = None
    ) -> None:
        """A review state change (approved, rejected, sent, ...) of a draft.

        ``text`` is the reply text after the change; when it differs from the stored draft, the
        change is kept as an edit by ``by``.
        """
        self._session()
        now = self._now()
        with self.transaction() as conn:
            pk = self._draft_pk(conn, draft_id)
            if pk is None:
                log.warning("review of unknown draft %s ignored", draft_id)
            else:
                current = conn.execute("SELECT text FROM drafts WHERE id=?", (pk,)).fetchone()
                if text is not None and current is not None and current[0] != text:
                    self._edit(conn, pk, text, by, now)
                conn.execute(
                    "INSERT INTO review_events (draft_pk, state, by, t_wall) VALUES (?,?,?,?)",
                    (pk, state, by, now),
                )
                conn.execute("UPDATE drafts SET state=? WHERE id=?", (state, pk))
            self._touch(conn, now)
        self.after_write()

    @kept_when_full
    def record_reply(
        self,
        reply_id: str,
        *,
        text: str,
        comment_ids: Sequence[str],
        draft_id: str | None = None,
        language: str | None = None,
        channel: str = "platform",
        approved_by: str | None = None,
        approved_wall: float | None = None,
        sent_wall: float | None = None,
        auto_sent: bool = False,
    ) -> None:
        """A reply that was sent: to one comment, or to several (a group answer).

        Without ``approved_by``/``approved_wall``, the draft's last approval is looked up
        (who approved it and when); a reply with no recorded approval counts as the seller's,
        approved when sent.
        """
        sid = self._session()
        now = self._now()
        with self.transaction() as conn:
            draft_pk = self._draft_pk(conn, draft_id)
            if draft_pk is not None and (approved_by is None or approved_wall is None):
                approval = conn.execute(
                    "SELECT by, t_wall FROM review_events WHERE draft_pk=? AND state='approved'"
                    " ORDER BY id DESC LIMIT 1",
                    (draft_pk,),
                ).fetchone()
                if approval is not None:
                    approved_by = approved_by or approval[0]
                    approved_wall = approved_wall if approved_wall is not None else approval[1]
            cur = conn.execute(
                "INSERT OR IGNORE INTO replies (session_id, reply_id, draft_pk, text, language,"
                " channel, approved_by, approved_wall, sent_wall, auto_sent)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    sid,
                    reply_id,
                    draft_pk,
                    text,
                    language,
                    channel,
                    approved_by or ("auto" if auto_sent else "seller"),
                    approved_wall if approved_wall is not None else now,
                    sent_wall if sent_wall is not None else now,
                    int(auto_sent),
                ),
            )
            if cur.rowcount:
                reply_pk = cur.lastrowid
                for cid in comment_ids:
                    cpk = self._comment_pk(conn, cid)
                    if cpk is not None:
                        conn.execute(
                            "INSERT OR IGNORE INTO reply_targets (reply_pk, comment_pk)"
                            " VALUES (?,?)",
                            (reply_pk, cpk),
                        )
            self._touch(conn, now)
        self.after_write()

    # -- product sheet and insights ---------------------------------------------------------

    @kept_when_full
    def record_products(self, products: Sequence[ProductSnapshot]) -> int:
        """Snapshot the product sheet; only products that changed since the last snapshot of
        this session are written. Returns how many were written."""
        sid = self._session()
        now = self._now()
        written = 0
        with self.transaction() as conn:
            for p in products:
                snap = json_text(dict(p.details)) or "{}"
                key = f"{p.name}\x00{snap}"
                if self._product_snapshots.get(p.product_id) == key:
                    continue
                conn.execute(
                    "INSERT INTO products (session_id, product_id, name, snapshot, recorded_wall)"
                    " VALUES (?,?,?,?,?)",
                    (sid, p.product_id, p.name, snap, now),
                )
                self._product_snapshots[p.product_id] = key
                written += 1
            self._touch(conn, now)
        self.after_write()
        return written

    @kept_when_full
    def record_demand(
        self,
        kind: str,
        *,
        product_id: str | None,
        variant: str | None = None,
        count: int = 1,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """Something the insights stage noticed (e.g. many viewers asking for one size)."""
        self._insert_row(
            "demand_events",
            kind=kind,
            product_id=product_id,
            variant=variant,
            count=count,
            detail=json_text(dict(detail or {})),
        )

    @kept_when_full
    def record_alert(
        self,
        kind: str,
        *,
        message: str,
        product_id: str | None = None,
        variant: str | None = None,
        count: int = 0,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """An alert shown to the seller (restock, ...)."""
        self._insert_row(
            "alerts",
            kind=kind,
            product_id=product_id,
            variant=variant,
            message=message,
            count=count,
            detail=json_text(dict(detail or {})),
        )

    @kept_when_full
    def record_spec_card(
        self,
        *,
        product_id: str | None,
        title: str,
        language: str | None,
        fields: Mapping[str, str],
        shown_wall: float | None = None,
        hidden_wall: float | None = None,
        attribute: str | None = None,
        keyword: str | None = None,
        caption_id: int | None = None,
        stream_start: float | None = None,
        stream_end: float | None = None,
        duration_s: float | None = None,
    ) -> None:
        """A product spec card shown on the video.

        ``fields`` is what the card showed (label -> value, or language -> text); the spec card
        stage also gives the ``attribute``, the ``keyword`` and ``caption_id`` that triggered it,
        and its stream seconds. ``shown_wall`` defaults to now; ``hidden_wall`` to
        ``shown_wall + duration_s`` when a duration is given.
        """
        sid = self._session()
        now = self._now()
        shown = shown_wall if shown_wall is not None else now
        if hidden_wall is None and duration_s is not None:
            hidden_wall = shown + duration_s
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO spec_cards (session_id, product_id, title, language, fields,"
                " shown_wall, hidden_wall, attribute, keyword, caption_id, stream_start,"
                " stream_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    sid,
                    product_id,
                    title,
                    language,
                    json_text(dict(fields)),
                    shown,
                    hidden_wall,
                    attribute,
                    keyword,
                    caption_id,
                    stream_start,
                    stream_end,
                ),
            )
            self._touch(conn, now)
        self.after_write()

    def record_error(self, event: ErrorEvent) -> None:
        """An error a stage published (kept so the report can show what went wrong)."""
        self.record_problem(
            stage=event.stage,
            error_type=type(event.error).__name__,
            message=event.error.message,
            fix=event.error.fix,
            recoverable=event.recoverable,
            t_emit=event.t_emit,
        )

    @kept_when_full
    def record_problem(
        self,
        *,
        stage: str,
        error_type: str,
        message: str,
        fix: str | None = None,
        recoverable: bool = True,
        t_emit: float | None = None,
    ) -> None:
        """Something that went wrong without an :class:`ErrorEvent` (a dropped comment, ...)."""
        self._insert_row(
            "errors",
            stage=stage,
            error_type=error_type,
            message=message,
            fix=fix,
            recoverable=int(recoverable),
            t_emit=t_emit,
        )
