"""The store's plumbing: opening the SQLite file (SQLCipher key, WAL, migration), one short
transaction per write, the full disk's writes kept in memory until space returns, retention and
the viewer pseudonym. :class:`sola_studio.store.repository.SessionStore` adds the ``record_*``
writes on top; this module holds no event's columns.

Writes go straight to the database from the caller's thread, under a lock, instead of through a
writer thread. Measured on the shared 2-core dev machine (WAL, synchronous=NORMAL, 2,000
captions with two translations each + 2,000 comments, /tmp/ext4): median 0.12 ms per event,
p99 1.5-4.4 ms, worst 22-33 ms (a WAL auto-checkpoint's fsync while other jobs ran). That is
quick enough for a bus subscriber on the ASR or comment thread, and a writer thread
would hold queued events in memory where a kill loses them. With synchronous=NORMAL a committed
event survives a process crash; only a power cut can lose the last few transactions.

This module must never send anything anywhere, never log comment text, names or tokens (only
ids and counts), and never import Qt.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import psutil
import sqlite_utils

from sola_studio.core.clock import Clock, SystemClock
from sola_studio.core.errors import StoreError
from sola_studio.store import cipher, privacy, schema
from sola_studio.store.cipher import StoreKey
from sola_studio.store.errors import (
    DB_ERRORS,
    DB_OR_OS_ERRORS,
    DB_READ_ERRORS,
    StoreCorrupt,
    StoreFull,
    StoreReadOnly,
    classify,
    is_clear_text,
    repair_command,
)
from sola_studio.store.records import (
    PurgeResult,
    RetentionPolicy,
    SessionStatus,
)

log = logging.getLogger(__name__)


def json_text(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class _Kept:
    """A write the full disk refused, kept to be written when space returns."""

    method: Callable[..., Any]
    args: tuple[Any, ...]
    kw: dict[str, Any]
    wall: float
    session_id: int | None


_F = TypeVar("_F", bound=Callable[..., Any])
_S = TypeVar("_S", bound="StorePlumbing")


def kept_when_full(method: _F) -> _F:
    """A ``record_*`` write that a full disk does not lose (see ``StorePlumbing._write``)."""

    @functools.wraps(method)
    def write(self: StorePlumbing, *args: Any, **kw: Any) -> Any:
        return self._write(method, args, kw)

    return cast(_F, write)


def _rollback(conn: Any) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except DB_ERRORS:
        pass  # SQLite rolled back already (a full disk or I/O error can do that)


def process_started(pid: int) -> float | None:
    try:
        return float(psutil.Process(pid).create_time())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None


class StorePlumbing:
    """Opens one profile's SQLite file and writes to it safely; the base of ``SessionStore``.

    ``key`` is the 32-byte secret for viewer pseudonyms; ``clock`` gives the wall time written
    beside each event and drives retention. Opening marks sessions whose process is gone as
    interrupted, then purges what is past retention.
    """

    def __init__(
        self,
        path: Path,
        *,
        key: bytes,
        clock: Clock | None = None,
        retention: RetentionPolicy | None = None,
        db_key: StoreKey | None = None,
        read_only: bool = False,
        backlog_limit: int = 20_000,
        retry_s: float = 2.0,
    ) -> None:
        if len(key) < 16:
            raise ValueError("the viewer key must be at least 16 bytes")
        self.path = Path(path)
        self._key = key
        self._clock: Clock = clock or SystemClock()
        self.retention = retention or RetentionPolicy()
        self.read_only = read_only
        self.encrypted = db_key is not None
        self._db_key = db_key
        self._lock = threading.RLock()
        self.session_id: int | None = None
        self.seller_language: str | None = None
        self._last_purge = float("-inf")
        self._product_snapshots: dict[str, str] = {}
        # disk full: writes kept in order, in memory, until space returns (see _write)
        self._backlog: deque[_Kept] = deque()
        self.backlog_limit = backlog_limit
        self.retry_s = retry_s
        self.lost_when_full = 0  # writes refused because the backlog was at its limit
        self.on_full: Callable[[StoreFull], None] | None = None
        self.on_space_back: Callable[[int], None] | None = None
        self._wall_override: float | None = None
        self._retry: threading.Thread | None = None
        self._closed = threading.Event()
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                if db_key is not None and is_clear_text(self.path):
                    cipher.encrypt_in_place(self.path, db_key)
            conn = cipher.connect(self.path, db_key, read_only=read_only)
            self.db = sqlite_utils.Database(conn)
            if read_only:
                schema.check_readable(self.db)
            else:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA foreign_keys=ON")
                # deleted rows (forget-viewer, retention) are overwritten, not left in free pages
                conn.execute("PRAGMA secure_delete=ON")
                schema.migrate(self.db, self._clock.wall())
        except DB_OR_OS_ERRORS as exc:
            raise classify(exc, self.path, "open") from exc
        if not read_only:
            try:
                self.mark_interrupted()
                self.purge_expired()
            except DB_OR_OS_ERRORS as exc:
                # damage the migration did not read (a table's own pages) shows here first: it
                # is the same damaged profile, with the same repair, not a raw driver error
                self.db.conn.close()
                raise classify(exc, self.path, "open") from exc

    # -- plumbing ---------------------------------------------------------------------------

    def close(self) -> None:
        """Write what waits in memory if space came back, then close. What cannot be written
        is counted in the log (the session stays ``running`` in the file, and is marked
        interrupted when the profile is next opened)."""
        self._closed.set()
        with self._lock:
            if self._backlog:
                self._flush()
            if self._backlog or self.lost_when_full:
                log.error(
                    "%d store writes could not be written (disk full) and %d were refused",
                    len(self._backlog),
                    self.lost_when_full,
                )
            self.db.conn.close()
        if self._retry is not None and self._retry is not threading.current_thread():
            self._retry.join(timeout=5.0)

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One short write transaction, committed on exit (the unit of crash safety); rolled
        back when the block raises. A database error becomes a typed :class:`StoreError`
        (:class:`StoreFull`, :class:`StoreCorrupt`, :class:`StoreReadOnly`, ...). Callers
        outside the store (privacy, viewer memory) write through this and nothing else."""
        if self.read_only:
            raise StoreReadOnly(
                f"the session database {self.path} is open for reading only",
                fix="close the report and open the profile normally to record a show",
            )
        with self._lock:
            conn = self.db.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except DB_OR_OS_ERRORS as exc:
                _rollback(conn)
                raise classify(exc, self.path, "write to") from exc
            except BaseException:
                _rollback(conn)
                raise

    def check(self) -> None:
        """SQLite's quick check of the whole file (reads every page; seconds for a large
        profile): :class:`StoreCorrupt` with the repair command when it finds damage."""
        with self._lock:
            try:
                rows = self.db.conn.execute("PRAGMA quick_check").fetchall()
            except DB_READ_ERRORS as exc:
                error = classify(exc, self.path, "check")
                if type(error) is StoreError:  # reading the pages failed: SQLCipher answers
                    rows = [(f"a page cannot be read ({exc})",)]  # a bad HMAC this way
                else:
                    raise error from exc
        problems = [str(r[0]) for r in rows if r[0] != "ok"]
        if problems:
            raise StoreCorrupt(
                f"the session database {self.path} is damaged ({problems[0]}; "
                f"{len(problems)} problems found)",
                fix=f"recover what it holds into a new file (the old one is kept aside): "
                f"{repair_command()}",
            )

    def connect_another(self, *, read_only: bool = False) -> Any:
        """A second, independent connection to this database with its key (a reader in
        another thread, a test checking what is on disk). The caller closes it."""
        return cipher.connect(self.path, self._db_key, read_only=read_only)

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """The connection for queries, held against writes from other threads meanwhile."""
        with self._lock:
            yield self.db.conn

    # -- a full disk ------------------------------------------------------------------------

    @property
    def waiting(self) -> int:
        """Writes kept in memory because the disk is full."""
        return len(self._backlog)

    def _now(self) -> float:
        return self._wall_override if self._wall_override is not None else self._clock.wall()

    def _write(self, method: Callable[..., Any], args: tuple[Any, ...], kw: dict[str, Any]) -> Any:
        """Run one ``record_*`` write; on a full disk keep it (and every later one, so nothing
        overtakes) in memory, tell ``on_full`` once per episode, and retry on a timer."""
        with self._lock:
            if self._wall_override is None and self._backlog:
                self._keep(method, args, kw)  # behind what waits, so nothing overtakes
                if method.__name__ == "finish_session":
                    self.session_id = None
                return None
            try:
                return method(self, *args, **kw)
            except StoreFull as exc:
                if self._wall_override is not None:
                    raise  # a replayed write: _flush keeps it
                self._keep(method, args, kw)
                if method.__name__ == "finish_session":
                    self.session_id = None
                self._start_retry()
                full = StoreFull(
                    exc.message,
                    fix=f"{exc.fix}; the show goes on, and what it records waits in memory "
                    "and is written when space returns",
                )
        # told outside the lock: the bus runs the console and the window in this thread
        log.error("disk full: store writes wait in memory until space returns")
        if self.on_full is not None:
            self.on_full(full)
        return None

    def _keep(self, method: Callable[..., Any], args: tuple[Any, ...], kw: dict[str, Any]) -> None:
        ending = method.__name__ == "finish_session"  # the session's end is always kept
        if len(self._backlog) >= self.backlog_limit and not ending:
            self.lost_when_full += 1
            return
        if ending and self.lost_when_full:  # the report says what the full disk cost
            problem = {
                "stage": "store",
                "error_type": "StoreFull",
                "message": f"{self.lost_when_full} events were not recorded: the disk was "
                f"full and {self.backlog_limit} already waited in memory",
                "fix": f"keep free space on {self.path.parent}",
            }
            method_problem = type(self).record_problem.__wrapped__  # type: ignore[attr-defined]
            self._backlog.append(
                _Kept(method_problem, (), problem, self._clock.wall(), self.session_id)
            )
        self._backlog.append(_Kept(method, args, kw, self._clock.wall(), self.session_id))

    def _flush(self) -> int:
        """Write what waits, in order, each with the time it happened; stops at the first write
        the disk still refuses. Returns how many were written."""
        written = 0
        with self._lock:
            session = self.session_id
            try:
                while self._backlog:
                    kept = self._backlog[0]
                    self._wall_override = kept.wall
                    self.session_id = kept.session_id
                    try:
                        kept.method(self, *kept.args, **kept.kw)
                    except StoreFull:
                        break
                    except Exception as exc:  # not the disk: this one write is lost, not all
                        log.error("a kept store write failed: %s", exc)
                    self._backlog.popleft()
                    written += 1
            finally:
                self._wall_override = None
                self.session_id = session
        if written and not self._backlog:
            log.info("space returned: %d kept store writes written", written)
            if self.on_space_back is not None:
                self.on_space_back(written)
        return written

    def _start_retry(self) -> None:
        if self._retry is not None and self._retry.is_alive():
            return

        def retry() -> None:
            while not self._closed.wait(self.retry_s):
                with self._lock:
                    if self._closed.is_set():
                        return
                    self._flush()
                    if not self._backlog:
                        return

        self._retry = threading.Thread(target=retry, name="store-retry", daemon=True)
        self._retry.start()

    def wall_time(self) -> float:
        """The store clock's wall time (what ``t_wall`` columns hold; a write kept through a
        full disk sees the time it happened)."""
        return self._now()

    def write_or_keep(self, write: Callable[..., None], *args: Any) -> None:
        """Run ``write(store, *args)`` (a write through :meth:`transaction` from a helper such
        as viewer memory) with the same full-disk keeping as the ``record_*`` methods."""
        self._write(write, args, {})

    def _session(self) -> int:
        if self.session_id is None:
            raise StoreError(
                "no session is open in the store", fix="call SessionStore.start_session() first"
            )
        return self.session_id

    def _touch(self, conn: sqlite3.Connection, now: float) -> None:
        conn.execute("UPDATE sessions SET last_event_wall = ? WHERE id = ?", (now, self.session_id))

    def _insert_row(self, table: str, **columns: Any) -> None:
        """One row of the open session into ``table`` (a name from this module, never user
        input), stamped with ``session_id`` and ``t_wall``, in its own transaction."""
        sid = self._session()
        now = self._now()
        names = ("session_id", *columns, "t_wall")
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({','.join('?' * len(names))})"
        with self.transaction() as conn:
            conn.execute(sql, (sid, *columns.values(), now))
            self._touch(conn, now)
        self.after_write()

    def after_write(self) -> None:
        """Purge what is past retention when the last purge is ``check_every_s`` old (call it
        after a write made through :meth:`transaction`)."""
        if self._clock.wall() - self._last_purge >= self.retention.check_every_s:
            try:
                self.purge_expired()
            except StoreError as exc:  # the write itself is done; purging runs again later
                self._last_purge = self._clock.wall()
                log.warning("retention purge postponed: %s", exc.message)

    def viewer_pid(self, platform: str, platform_viewer_id: str) -> str:
        """The pseudonymous id stored for a platform viewer id (stable across sessions)."""
        msg = f"{platform}\x00{platform_viewer_id}".encode()
        return hmac.new(self._key, msg, hashlib.sha256).hexdigest()[:32]

    def orphaned_sessions(self) -> list[int]:
        """Sessions still ``running`` in the file whose process is gone (what
        :meth:`mark_interrupted` marks; a read-only store shows them as interrupted)."""
        rows = self.db.execute(
            "SELECT id, owner_pid, owner_started FROM sessions WHERE status = ?",
            (SessionStatus.RUNNING,),
        ).fetchall()
        gone = []
        for sid, pid, started in rows:
            if sid == self.session_id:
                continue
            alive = process_started(pid) if pid else None
            if alive is not None and started is not None and abs(alive - started) < 1.0:
                continue
            gone.append(int(sid))
        return gone

    def mark_interrupted(self) -> list[int]:
        """Sessions left ``running`` by a process that is gone become ``interrupted``.

        A session whose owner process is still alive (the studio, while ``report`` runs beside
        it) is left alone. Returns the ids marked.
        """
        marked = self.orphaned_sessions()
        if marked:
            with self.transaction() as conn:
                for sid in marked:
                    conn.execute(
                        "UPDATE sessions SET status = ?, ended_wall = last_event_wall"
                        " WHERE id = ? AND status = ?",
                        (SessionStatus.INTERRUPTED, sid, SessionStatus.RUNNING),
                    )
            log.warning("sessions %s were interrupted (their process ended unstopped)", marked)
        return marked

    # -- captions ---------------------------------------------------------------------------

    # -- privacy ----------------------------------------------------------------------------

    def purge_expired(self) -> PurgeResult:
        """Purge viewer identifiers and comment text older than the retention period."""
        self._last_purge = self._clock.wall()
        result = privacy.purge_expired(self, self._clock.wall() - self.retention.days * 86400.0)
        if result.comments or result.viewers or result.memory:
            self.checkpoint()
        return result

    def checkpoint(self) -> None:
        """Move the WAL into the database file and truncate it, so removed text is gone from
        the WAL too (used after purging and forgetting)."""
        with self._lock:
            try:
                self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except DB_ERRORS as exc:
                raise classify(exc, self.path, "checkpoint") from exc

    def forget_viewer(self, viewer_pid: str) -> int:
        """Delete every row about one viewer, in every session; returns rows deleted."""
        deleted = privacy.forget_viewer(self, viewer_pid)
        self.checkpoint()
        return deleted

    def export_viewer(self, viewer_pid: str) -> dict[str, Any]:
        """Everything held about one viewer, as a JSON-ready dict."""
        return privacy.export_viewer(self, viewer_pid)
