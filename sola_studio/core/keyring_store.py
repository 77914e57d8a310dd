"""Secrets kept in the operating system's keyring: one helper for every secret Sola Studio
keeps on the seller's machine (the profile database's key and the viewer-pseudonym key,
``store/cipher.py``; the local comment endpoint's shared secret, ``config.py``).

A keyring is "usable" when the ``keyring`` library found a real backend (Secret Service,
KWallet, macOS Keychain, Windows Credential Locker, or one a test or the seller configured);
its ``fail`` backend (priority 0, what a headless machine gets) is not. A backend passed in
explicitly is always used (tests pass an in-memory or file-backed one).

Nothing here writes a secret to a file or a log line: only service and account names are logged.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from sola_studio.core.errors import SolaError

log = logging.getLogger(__name__)

_FIX = (
    "on Linux install and unlock a Secret Service keyring (gnome-keyring or KWallet); "
    "on macOS and Windows the system keyring is used automatically"
)


class KeyringUnavailable(SolaError):
    """No usable keyring, or it refused the request (locked, denied)."""


def usable(backend: KeyringBackend | None = None) -> KeyringBackend | None:
    """``backend`` when given, else the machine's keyring when it is a real one, else None."""
    if backend is not None:
        return backend
    kr = keyring.get_keyring()
    return kr if kr.priority > 0 else None


def _backend(backend: KeyringBackend | None) -> KeyringBackend:
    kr = usable(backend)
    if kr is None:
        raise KeyringUnavailable("no system keyring is installed or unlocked", fix=_FIX)
    return kr


def _refused(exc: BaseException) -> KeyringUnavailable:
    return KeyringUnavailable(f"the system keyring refused the request ({exc})", fix=_FIX)


def get_secret(service: str, account: str, backend: KeyringBackend | None = None) -> str | None:
    """The secret kept for (service, account), None when there is none."""
    kr = _backend(backend)
    try:
        return kr.get_password(service, account) or None
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise _refused(exc) from exc


def set_secret(
    service: str, account: str, secret: str, backend: KeyringBackend | None = None
) -> None:
    if not secret:
        raise ValueError("an empty secret cannot be stored")
    kr = _backend(backend)
    try:
        kr.set_password(service, account, secret)
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise _refused(exc) from exc
    log.info("stored the %s secret of %s in the system keyring", service, account)


def delete_secret(service: str, account: str, backend: KeyringBackend | None = None) -> bool:
    """Remove the secret of (service, account); False when there was none."""
    kr = _backend(backend)
    try:
        kr.delete_password(service, account)
    except keyring.errors.PasswordDeleteError:
        return False
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise _refused(exc) from exc
    log.info("deleted the %s secret of %s from the system keyring", service, account)
    return True
