"""What went wrong with a profile's database, told apart: full disk, damaged file, read-only
file, locked file, missing or wrong key. Each is a :class:`StoreError` with its own fix.

:func:`classify` turns the exception SQLite (or SQLCipher, or the OS) raised into one of them,
from SQLite's primary result code (``sqlite_errorcode``) and, for "file is not a database",
from whether the file is clear-text SQLite at all (an encrypted file opened with the wrong key
reads the same as a damaged one).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

import sqlcipher3

from sola_studio.core.errors import StoreError

# The DB-API errors of both drivers (sqlcipher3's do not derive from sqlite3's).
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher3.DatabaseError)
DB_OR_OS_ERRORS: tuple[type[Exception], ...] = (*DB_ERRORS, OSError)
# SQLCipher answers a page that fails its HMAC check (a damaged encrypted page) with
# SQLITE_NOMEM, which the driver raises as MemoryError: reads of a possibly damaged file
# catch it too
DB_READ_ERRORS: tuple[type[Exception], ...] = (*DB_ERRORS, MemoryError)

SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite primary result codes (https://www.sqlite.org/rescode.html)
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3,
    5,
    6,
    8,
    10,
    11,
    13,
    14,
    26,
)


class StoreFull(StoreError):
    """The disk holding the profile is full: writes wait in memory until space returns."""


class StoreCorrupt(StoreError):
    """The database file is damaged: it can be recovered into a new file."""


class StoreReadOnly(StoreError):
    """The database file (or its folder) cannot be written: reports still read it."""


class StoreLocked(StoreError):
    """Another program holds the database locked."""


class StoreKeyError(StoreError):
    """The encrypted database's key is missing or wrong."""


def repair_command(profile: str | None = None) -> str:
    where = f" --profile {profile}" if profile and profile != "default" else ""
    return f"sola-studio doctor --repair-store{where}"


def is_clear_text(path: Path) -> bool:
    """Whether ``path`` starts with the header of a clear-text SQLite file."""
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 1 << 20
    except OSError:
        return False


def _disk(path: Path) -> str:
    folder = path.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return str(folder)
    return f"{folder} ({free / 1e6:.1f} MB free)"


def classify(exc: BaseException, path: Path, doing: str, *, encrypted: bool = False) -> StoreError:
    """The typed error for ``exc`` raised while ``doing`` (e.g. "write to") the database at
    ``path``; ``encrypted``: the file is opened with a key."""
    if isinstance(exc, StoreError):
        return exc
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    if isinstance(exc, MemoryError):  # see DB_READ_ERRORS
        primary, text = _CORRUPT, "a page fails its integrity check"
    if (
        (isinstance(exc, OSError) and exc.errno == errno.ENOSPC)
        or primary == _FULL
        or (primary == _IOERR and _nearly_full(path))  # e.g. the WAL index cannot grow
    ):
        return StoreFull(
            f"the disk holding the session database {path} is full",
            fix=f"free space on {_disk(path)}",
        )
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        primary = _READONLY
    unwritable = path.exists() and not (
        os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    )  # (access() reports a read-only mount even to root)
    if (
        primary in (_READONLY, _PERM)
        or (primary == _CANTOPEN and unwritable)
        or "readonly" in text
        or "read-only" in text
    ):
        return StoreReadOnly(
            f"the session database {path} cannot be written ({text})",
            fix=f"make {path} and its folder writable (file permissions, a read-only disk or "
            "mount); reports can still be read: sola-studio report --list",
        )
    if primary in (_BUSY, _LOCKED):
        return StoreLocked(
            f"the session database {path} is locked by another program ({text})",
            fix="close the other Sola Studio window or command using this profile, then try again",
        )
    if primary in (_CORRUPT, _NOTADB):
        if encrypted and path.exists() and not is_clear_text(path):
            return StoreKeyError(
                f"the session database {path} cannot be read with this key: the key or "
                "passphrase is wrong, or the file is damaged",
                fix="use the passphrase this profile was created with "
                "(set SOLA_STUDIO_STORE_PASSPHRASE) or restore the key in the "
                f"system keyring; if the file is damaged: {repair_command()}",
            )
        return StoreCorrupt(
            f"the session database {path} is damaged ({text})",
            fix=f"recover what it holds into a new file (the old one is kept aside): "
            f"{repair_command()}",
        )
    if primary == _CANTOPEN:
        return StoreReadOnly(
            f"the session database {path} cannot be opened ({text})",
            fix=f"check that {path.parent} exists and is writable",
        )
    return StoreError(
        f"could not {doing} the session database {path}: {text}",
        fix=f"if this repeats, recover the file: {repair_command()}",
    )
