"""Platform tokens (TikTok, YouTube, Twitch credentials) in the operating system's keyring.

Tokens are handed to ``keyring`` and read back from it; they are never written to the session
database, a config file or a log line (this module logs only the platform and account names).
When no keyring backend exists (a headless machine without Secret Service), the seller gets a
:class:`KeyringUnavailable` error that says how to get one, rather than a silent plaintext file.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from sola_studio.core.errors import StoreError

log = logging.getLogger(__name__)

SERVICE_PREFIX = "sola-studio"


class KeyringUnavailable(StoreError):
    """No operating-system keyring can hold the platform token."""


def _unavailable(exc: Exception) -> KeyringUnavailable:
    return KeyringUnavailable(
        f"no system keyring is available to keep platform tokens safely ({exc})",
        fix="on Linux install and unlock a Secret Service keyring (gnome-keyring or KWallet); "
        "on macOS and Windows the system keyring is used automatically",
    )


class TokenVault:
    """Get, set and delete one token per (platform, account) in a keyring backend.

    ``backend`` defaults to the keyring the ``keyring`` library picked for this machine.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    def _kr(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    @staticmethod
    def service(platform: str) -> str:
        return f"{SERVICE_PREFIX}:{platform}"

    def set_token(self, platform: str, account: str, token: str) -> None:
        if not token:
            raise ValueError("an empty token cannot be stored")
        try:
            self._kr().set_password(self.service(platform), account, token)
        except (keyring.errors.NoKeyringError, keyring.errors.InitError) as exc:
            raise _unavailable(exc) from exc
        except keyring.errors.PasswordSetError as exc:
            raise KeyringUnavailable(
                f"the system keyring refused to store the {platform} token for {account}",
                fix="unlock the keyring (log in to the desktop session) and try again",
            ) from exc
        log.info("stored the %s token for %s in the system keyring", platform, account)

    def get_token(self, platform: str, account: str) -> str | None:
        try:
            return self._kr().get_password(self.service(platform), account)
        except (keyring.errors.NoKeyringError, keyring.errors.InitError) as exc:
            raise _unavailable(exc) from exc

    def delete_token(self, platform: str, account: str) -> bool:
        """Remove a token; False when there was none."""
        try:
            self._kr().delete_password(self.service(platform), account)
        except keyring.errors.PasswordDeleteError:
            return False
        except (keyring.errors.NoKeyringError, keyring.errors.InitError) as exc:
            raise _unavailable(exc) from exc
        log.info("deleted the %s token for %s from the system keyring", platform, account)
        return True
