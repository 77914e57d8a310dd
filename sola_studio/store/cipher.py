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

The viewer-pseudonym key (the HMAC secret that turns a platform's viewer id into the id the
store keeps, :meth:`~sola_studio.store.plumbing.StorePlumbing.viewer_hash`) follows the
database key (:func:`viewer_key`): beside it in the keyring (service ``sola-studio:viewer``)
when the database key is there, else derived from the database key (a passphrase or a key in
the environment), so no key of a profile is ever a file in its folder. A ``viewer.key`` file
written by an older version is moved into the keyring once and overwritten before it is
removed.

This module never logs a key or a passphrase.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3
from keyring.backend import KeyringBackend

from sola_studio.core import keyring_store
from sola_studio.core.errors import StoreError
from sola_studio.core.keyring_store import KeyringUnavailable
from sola_studio.store.errors import DB_ERRORS, StoreKeyError, classify, is_clear_text

log = logging.getLogger(__name__)

SERVICE = "sola-studio:store"
VIEWER_SERVICE = "sola-studio:viewer"  # the viewer-pseudonym key, the profile name as account
LEGACY_VIEWER_KEY = "viewer.key"  # where versions before 0.x kept it, in the profile's folder
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
    kr = keyring_store.usable(backend)
    if kr is None:  # keyring's "fail" backend: nothing usable
        raise _no_keyring(profile, "none is installed or unlocked")
    try:
        stored = keyring_store.get_secret(SERVICE, profile, kr)
    except KeyringUnavailable as exc:
        raise _no_keyring(profile, exc.message) from exc
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
        keyring_store.set_secret(SERVICE, profile, new, kr)
    except KeyringUnavailable as exc:
        raise _no_keyring(profile, exc.message) from exc
    log.info("created the database key of profile %s in the system keyring", profile)
    return StoreKey(new, raw=True, source="keyring")


_DERIVED_LABEL = b"sola-studio viewer pseudonyms\x00"
_derived: dict[tuple[str, str], bytes] = {}  # (profile, sha256 of the secret) -> key
_derived_lock = threading.Lock()


def derived_viewer_key(profile: str, key: StoreKey) -> bytes:
    """The viewer-pseudonym key of a profile whose database key is not in the keyring: an HMAC
    of the profile name under a raw key, PBKDF2-HMAC-SHA256 (100,000 iterations) of a
    passphrase (a pseudonym must not make a weak passphrase quick to guess). Cached per process,
    so reports and exports opening the store again pay the derivation once."""
    label = _DERIVED_LABEL + profile.encode()
    digest = hashlib.sha256(key.secret.encode()).hexdigest()
    with _derived_lock:
        cached = _derived.get((profile, digest))
    if cached is not None:
        return cached
    if key.raw:
        value = hmac.new(bytes.fromhex(key.secret), label, hashlib.sha256).digest()
    else:
        value = hashlib.pbkdf2_hmac("sha256", key.secret.encode(), label, 100_000)
    with _derived_lock:
        _derived[(profile, digest)] = value
    return value


def _legacy_viewer_key(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if len(data) != 32:
        raise StoreError(
            f"the viewer key {path} is damaged ({len(data)} bytes, expected 32)",
            fix="restore it from a backup; deleting it makes returning viewers look new",
        )
    return data


def _retire(path: Path) -> None:
    """Overwrite and remove a legacy key file; a file that cannot be removed (a read-only
    folder) is tried again at the next opening, its key already kept elsewhere."""
    try:
        shred(path)
    except OSError as exc:
        log.warning("could not remove the old key file %s: %s", path, exc.strerror)


def viewer_key(
    profile: str,
    folder: Path,
    db_key: StoreKey | None,
    *,
    backend: KeyringBackend | None = None,
    read_only: bool = False,
) -> bytes:
    """The 32-byte secret of ``profile``'s viewer pseudonyms, kept like its database key.

    - database key in the keyring: the viewer key is in the keyring too (``VIEWER_SERVICE``),
      created on first run; a ``viewer.key`` file from an older version is read once, stored
      there and shredded, so returning viewers keep their pseudonyms;
    - database key from a passphrase or the environment (no keyring): derived from it
      (:func:`derived_viewer_key`); an old ``viewer.key`` cannot move into a keyring there, so
      it is kept and read as before (removing it would make returning viewers look new) and
      moves at the first opening with a keyring;
    - no database key (a clear-text database read as it is): the old file's key when there is
      one. ``read_only`` creates, moves and removes nothing.
    """
    legacy = folder / LEGACY_VIEWER_KEY
    if db_key is None:
        return _legacy_viewer_key(legacy) or b"-" * 32
    if db_key.source != "keyring":
        old = _legacy_viewer_key(legacy)  # a damaged file is reported, not silently dropped
        if old is not None:
            # nowhere safer to move it to: removing it would make every returning viewer look
            # new, so an older version's file is kept and read until a keyring exists
            return old
        return derived_viewer_key(profile, db_key)
    try:
        stored = keyring_store.get_secret(VIEWER_SERVICE, profile, backend)
    except KeyringUnavailable as exc:
        raise _no_keyring(profile, exc.message) from exc
    if stored:
        if not re.fullmatch(r"[0-9a-f]{64}", stored):
            raise StoreKeyError(
                f"the viewer key of profile {profile!r} in the system keyring is damaged",
                fix=f"delete the keyring entry {VIEWER_SERVICE} / {profile} (returning viewers "
                "then look new once) or restore the keyring from a backup",
            )
        if not read_only and legacy.exists():
            _retire(legacy)  # moved at an earlier opening that could not remove it
        return bytes.fromhex(stored)
    old = _legacy_viewer_key(legacy)
    if read_only:
        return old or b"-" * 32
    key = old or secrets.token_bytes(32)
    try:
        keyring_store.set_secret(VIEWER_SERVICE, profile, key.hex(), backend)
    except KeyringUnavailable as exc:
        raise _no_keyring(profile, exc.message) from exc
    if old is not None:
        _retire(legacy)
        log.info("moved the viewer key of profile %s from its folder into the keyring", profile)
    return key


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
