"""The session database encrypted at rest (SQLCipher, through the ``sqlcipher3-wheels`` driver).

A profile's key is either

- a random 256-bit key kept in the operating system's keyring (service ``sola-studio:store``,
  the profile name as account), created on first run; SQLCipher uses it as a raw key (no key
  derivation, so opening is fast), or
- a raw key in ``SOLA_STUDIO_STORE_KEY`` (64 hex digits: a secret manager, CI), or
- a passphrase the seller chooses where no keyring exists (``SOLA_STUDIO_STORE_PASSPHRASE``,
  :func:`remember_passphrase`, the window's hook, or ``SessionStore.open_profile(passphrase=)``);
  SQLCipher derives the key from it (PBKDF2-HMAC-SHA512, 256,000 iterations, salt in the file).

A key is only ever created for a profile with no database or a clear-text one (which is then
migrated, :func:`encrypt_in_place`); an encrypted database whose key is missing is refused with
:class:`StoreKeyError`, never replaced by an empty one.

This module never logs a key or a passphrase.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import sqlcipher3
from keyring.backend import KeyringBackend

from sola_studio.store.errors import DB_ERRORS, StoreKeyError, classify, is_clear_text

log = logging.getLogger(__name__)

SERVICE = "sola-studio:store"
PASSPHRASE_ENV = "SOLA_STUDIO_STORE_PASSPHRASE"
KEY_ENV = "SOLA_STUDIO_STORE_KEY"  # 64 hex digits: a raw key from a secret manager (CI, servers)


@dataclass(frozen=True)
class StoreKey:
    """The secret a profile's database is encrypted with (never printed)."""

    secret: str = field(repr=False)
    raw: bool  # a hex raw key from the keyring, else a passphrase
    source: str  # "keyring", "environment", "passphrase"

    def pragma_value(self) -> str:
        """The value of ``PRAGMA key = ...`` (a quoted SQL string)."""
        if self.raw:
            return f"\"x'{self.secret}'\""
        return "'" + self.secret.replace("'", "''") + "'"


def passphrase_key(passphrase: str) -> StoreKey:
    if not passphrase:
        raise StoreKeyError(
            "an empty passphrase cannot protect the session database",
            fix=f"choose a passphrase of a few words (set {PASSPHRASE_ENV})",
        )
    return StoreKey(passphrase, raw=False, source="passphrase")


_passphrases: dict[str, str] = {}  # profile -> the passphrase the seller typed (this process)
_passphrases_lock = threading.Lock()


def remember_passphrase(profile: str, passphrase: str) -> None:
    """The window's hook: after asking the seller (no keyring on this machine, or a profile
    protected by a passphrase), every store this process opens for ``profile`` (the live
    session, reports, exports) uses it. Kept in memory only, never written."""
    passphrase_key(passphrase)  # refuses an empty one
    with _passphrases_lock:
        _passphrases[profile] = passphrase


def forget_passphrase(profile: str) -> None:
    with _passphrases_lock:
        _passphrases.pop(profile, None)


def _no_keyring(profile: str, why: str) -> StoreKeyError:
    return StoreKeyError(
        f"no system keyring can keep the key of profile {profile!r} ({why})",
        fix=f"choose a passphrase for the profile and set {PASSPHRASE_ENV} to it before "
        "starting Sola Studio; on Linux a Secret Service keyring "
        "(gnome-keyring, KWallet) keeps a random key instead",
    )


def resolve_key(
    profile: str,
    db_path: Path,
    *,
    passphrase: str | None = None,
    backend: KeyringBackend | None = None,
) -> StoreKey:
    """The key of ``profile``: the passphrase given (or remembered by the window, or in the
    environment), else a raw key in the environment, else the keyring's key, created when the
    profile has no encrypted database yet."""
    if passphrase is None:
        with _passphrases_lock:
            passphrase = _passphrases.get(profile)
    passphrase = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV)
    if passphrase is not None:
        return passphrase_key(passphrase)
    raw = os.environ.get(KEY_ENV)
    if raw is not None:
        if not re.fullmatch(r"[0-9a-fA-F]{64}", raw):
            raise StoreKeyError(
                f"{KEY_ENV} is not a key (expected 64 hex digits)",
                fix=f"unset it to use the system keyring, or set {KEY_ENV} to 64 hex digits "
                "(python -c 'import secrets; print(secrets.token_hex(32))')",
            )
        return StoreKey(raw.lower(), raw=True, source="environment")
    kr = backend or keyring.get_keyring()
    if kr.priority <= 0 and backend is None:  # keyring's "fail" backend: nothing usable
        raise _no_keyring(profile, "none is installed or unlocked")
    try:
        stored = kr.get_password(SERVICE, profile)
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise _no_keyring(profile, str(exc)) from exc
    if stored:
        return StoreKey(stored, raw=True, source="keyring")
    if db_path.exists() and db_path.stat().st_size > 0 and not is_clear_text(db_path):
        raise StoreKeyError(
            f"the key of the encrypted session database {db_path} is not in the system keyring",
            fix="restore the keyring (the same user account and machine), or, if the profile "
            f"was protected by a passphrase, set {PASSPHRASE_ENV} to it; "
            "the file is left untouched",
        )
    new = secrets.token_hex(32)
    try:
        kr.set_password(SERVICE, profile, new)
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise _no_keyring(profile, str(exc)) from exc
    log.info("created the database key of profile %s in the system keyring", profile)
    return StoreKey(new, raw=True, source="keyring")


def connect(path: Path, key: StoreKey | None, *, read_only: bool = False) -> Any:
    """An open ``sqlcipher3`` connection to ``path`` with ``key`` applied and checked (the
    first read fails at once on a wrong key). ``read_only`` opens ``mode=ro`` and, where even
    that needs to write (a WAL file's index on a full or read-only disk), ``immutable=1``."""
    uris = [path.as_uri() + "?mode=ro", path.as_uri() + "?immutable=1"] if read_only else [None]
    last: BaseException | None = None
    for uri in uris:
        try:
            conn = sqlcipher3.connect(
                uri or str(path),
                uri=uri is not None,
                isolation_level=None,
                check_same_thread=False,
                timeout=10.0,
            )
        except DB_ERRORS as exc:
            last = exc
            continue
        try:
            # SQLCipher's own log lines (an HMAC failure per damaged page) would reach the
            # seller's console raw; the typed error says it once
            conn.execute("PRAGMA cipher_log_level = NONE")
            if key is not None:
                conn.execute(f"PRAGMA key = {key.pragma_value()}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except DB_ERRORS as exc:
            conn.close()
            last = exc
    assert last is not None
    raise classify(last, path, "open", encrypted=key is not None) from last


def encrypt_in_place(path: Path, key: StoreKey) -> None:
    """Migrate the clear-text database at ``path`` into an encrypted one at the same path.

    ``sqlcipher_export`` copies every table, index and the ``user_version`` into a new
    encrypted file beside it; the new file then takes the old one's name (one atomic rename),
    and the old clear-text bytes are overwritten before they are unlinked (on an SSD or a
    copy-on-write file system the drive may still keep old blocks: full-disk encryption
    covers those).
    """
    tmp = path.with_name(path.name + ".encrypting")
    clear = path.with_name(path.name + ".cleartext")
    for stale in (tmp, clear):
        if stale.exists():
            shred(stale)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY {key.pragma_value()}", (str(tmp),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    except DB_ERRORS as exc:
        conn.close()
        if tmp.exists():
            shred(tmp)
        raise classify(exc, path, "encrypt") from exc
    conn.close()
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.link(path, clear)  # keep a handle on the clear bytes to overwrite them after the swap
    os.replace(tmp, path)
    for side in ("-wal", "-shm"):
        old = path.with_name(path.name + side)
        if old.exists():
            shred(old)
    shred(clear)
    log.info("encrypted the session database %s", path)


def shred(path: Path) -> None:
    """Overwrite a file with random bytes, then remove it."""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            left = size
            while left > 0:
                n = min(left, 1 << 20)
                f.write(secrets.token_bytes(n))
                left -= n
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        log.warning("could not overwrite %s before removing it: %s", path, exc.strerror)
    path.unlink(missing_ok=True)
