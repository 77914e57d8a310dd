"""Recovering a damaged session database into a new file (issue 21.6).

The damaged file (with its ``-wal`` and ``-shm``) is first moved aside under a timestamped name
(``sessions.damaged-20261204-140312.db``), never deleted. Then what can be read goes into a new
``sessions.db``:

- a clear-text file, where the ``sqlite3`` program is installed: SQLite's own ``.recover``, which
  reads every page it can, also pages no longer linked from the schema (rows it cannot place go
  to a ``lost_and_found`` table); a ``sqlite3`` whose ``.recover`` fails (Debian 12's 3.40.1
  answers "SQL logic error" even on a whole file) falls back to the next way;
- otherwise (an encrypted file, which the ``sqlite3`` program cannot read, or no such program):
  row by row, table by table, through the driver, into a database with the current schema:
  rows on pages that cannot be read are skipped (searching past them with growing steps of
  rowid) and counted.

Nothing here prints or logs the rows themselves.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend

from sola_studio.core.errors import StoreError
from sola_studio.store import cipher
from sola_studio.store.cipher import StoreKey
from sola_studio.store.errors import DB_READ_ERRORS, classify

log = logging.getLogger(__name__)

_MAX_SKIPS = 64  # unreadable stretches tried per table before giving up on the rest of it
_BEFORE_ALL = -(2**62)  # below every rowid the store makes (they start at 1)


@dataclass(frozen=True)
class RepairResult:
    """What a repair did: where the new file and the damaged one are, how, and the rows."""

    path: Path
    kept_aside: Path
    method: str  # "sqlite3 .recover" or "row by row"
    rows: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)  # stretches skipped per table

    def summary(self) -> str:
        total = sum(self.rows.values())
        skipped = sum(self.unreadable.values())
        lost = f"; {skipped} unreadable stretches skipped" if skipped else ""
        return (
            f"recovered {total} rows into {self.path} ({self.method}){lost}; "
            f"the damaged file is kept as {self.kept_aside}"
        )


def move_aside(path: Path, now: float | None = None) -> Path:
    """Rename ``path`` (and its WAL and shared-memory files) to a timestamped name beside it."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    os.rename(path, aside)
    for side in ("-wal", "-shm"):
        extra = path.with_name(path.name + side)
        if extra.exists():
            os.rename(extra, aside.with_name(aside.name + side))
    return aside


def repair(path: Path, db_key: StoreKey | None, *, use_cli: bool = True) -> RepairResult:
    """Recover the database at ``path`` into a new file at ``path``; see the module docstring.
    ``db_key``: the key the file is encrypted with (None: clear text)."""
    if not path.exists():
        raise StoreError(f"there is no session database at {path}", fix="nothing to repair")
    aside = move_aside(path)
    tmp = path.with_name(path.name + ".recovering")
    tmp.unlink(missing_ok=True)
    sqlite_cli = shutil.which("sqlite3") if use_cli else None
    try:
        result: RepairResult | None = None
        if db_key is None and sqlite_cli is not None:
            try:
                result = _recover_with_cli(sqlite_cli, aside, tmp, path)
            except StoreError as exc:  # e.g. a sqlite3 built without the page reader
                log.warning("sqlite3 .recover failed (%s); copying row by row", exc.message)
                tmp.unlink(missing_ok=True)
        if result is None:
            result = _copy_row_by_row(aside, tmp, path, db_key)
    except BaseException:
        tmp.unlink(missing_ok=True)
        os.rename(aside, path)  # nothing recovered: the file goes back where it was
        raise
    os.replace(tmp, path)
    log.info("session database recovered (%s), the damaged one kept aside", result.method)
    return result


def _recover_with_cli(sqlite_cli: str, aside: Path, tmp: Path, path: Path) -> RepairResult:
    dump = subprocess.run(
        [sqlite_cli, str(aside), ".recover"], capture_output=True, timeout=3600, check=False
    )
    if dump.returncode != 0 or b"INSERT" not in dump.stdout:
        raise StoreError(
            f"SQLite's .recover could read nothing from {aside}: "
            f"{dump.stderr.decode(errors='replace').strip()}",
            fix="restore the profile from a backup",
        )
    load = subprocess.run(
        [sqlite_cli, str(tmp)], input=dump.stdout, capture_output=True, timeout=3600, check=False
    )
    if load.returncode != 0 and not tmp.exists():
        raise StoreError(
            f"could not write the recovered database {tmp}: "
            f"{load.stderr.decode(errors='replace').strip()}",
            fix=f"check free space on {tmp.parent}",
        )
    conn = cipher.connect(tmp, None)
    try:
        rows = {
            name: int(conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0])
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        }
    finally:
        conn.close()
    return RepairResult(path, aside, "sqlite3 .recover", rows)


def _tables(conn: Any) -> dict[str, list[str]]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: [c[1] for c in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}


class _Reader:
    """A read-only connection to the damaged file, opened again after each unreadable page
    (SQLCipher keeps a connection in error once a page fails its check)."""

    def __init__(self, path: Path, db_key: StoreKey | None) -> None:
        self.path, self.db_key = path, db_key
        self.conn = cipher.connect(path, db_key, read_only=True)

    def reopen(self) -> None:
        self.conn.close()
        self.conn = cipher.connect(self.path, self.db_key, read_only=True)


def _copy_row_by_row(aside: Path, tmp: Path, path: Path, db_key: StoreKey | None) -> RepairResult:
    from sola_studio.store.repository import SessionStore  # the current schema, made by the store

    try:
        old = _Reader(aside, db_key)
    except StoreError as exc:
        raise StoreError(
            f"nothing can be read from {aside}: {exc.message}",
            fix="restore the profile from a backup (the first page of the file, which every "
            "other page depends on, is unreadable)",
        ) from exc
    fresh = SessionStore(tmp, key=b"r" * 32, db_key=db_key)  # creates the current schema
    fresh.close()
    new = cipher.connect(tmp, db_key)
    new.execute("PRAGMA foreign_keys=OFF")
    rows: dict[str, int] = {}
    unreadable: dict[str, int] = {}
    try:
        try:
            old_tables = _tables(old.conn)
        except DB_READ_ERRORS as exc:
            raise classify(exc, aside, "read the tables of") from exc
        for table, new_columns in _tables(new).items():
            if table == "schema_version" or table not in old_tables:
                continue  # (the new file has the current schema and says so)
            columns = [c for c in new_columns if c in old_tables[table]]
            rows[table], unreadable[table] = _copy_table(old, new, table, columns)
    finally:
        old.conn.close()
        new.close()
    return RepairResult(path, aside, "row by row", rows, {t: n for t, n in unreadable.items() if n})


def _copy_table(old: _Reader, new: Any, table: str, columns: list[str]) -> tuple[int, int]:
    """Copy ``table`` in rowid order, skipping stretches that cannot be read. Returns (rows
    copied, stretches skipped)."""
    names = ", ".join(f'"{c}"' for c in columns)
    insert = (
        f'INSERT OR IGNORE INTO "{table}" (rowid, {names}) '
        f"VALUES ({','.join('?' * (len(columns) + 1))})"
    )
    copied = skipped = 0
    last = _BEFORE_ALL
    step = 1
    new.execute("BEGIN")
    while skipped <= _MAX_SKIPS:
        try:
            cur = old.conn.execute(
                f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid', (last,)
            )
            for row in cur:
                new.execute(insert, row)
                copied += 1
                last = row[0]
                step = 1
            break
        except DB_READ_ERRORS:
            skipped += 1
            old.reopen()
            if last == _BEFORE_ALL:
                last = 0
            last += step
            step = min(step * 2, 1 << 16)
    new.execute("COMMIT")
    return copied, skipped


def repair_profile(
    profile: str = "default",
    *,
    passphrase: str | None = None,
    keyring_backend: KeyringBackend | None = None,
    use_cli: bool = True,
) -> RepairResult:
    """Recover a profile's damaged database (the call ``sola-studio doctor --repair-store`` and
    the window make). The key is the profile's own (keyring, environment or ``passphrase``);
    a recovered clear-text file is encrypted the next time the profile opens."""
    from sola_studio.store.errors import is_clear_text
    from sola_studio.store.records import DB_NAME, profile_dir

    path = profile_dir(profile) / DB_NAME
    if not path.exists():
        raise StoreError(f"profile {profile!r} has no session database ({path})", fix="none needed")
    db_key = (
        None
        if is_clear_text(path)
        else cipher.resolve_key(profile, path, passphrase=passphrase, backend=keyring_backend)
    )
    return repair(path, db_key, use_cli=use_cli)
