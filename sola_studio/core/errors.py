"""Typed errors of Sola Studio.

Every error a seller can meet carries a message that says what went wrong and ``fix``: the
command or action that fixes it. Stages catch these at their boundary and publish them as
:class:`sola_studio.core.events.ErrorEvent`; the UI decides how to show them. Errors are never
reduced to strings before they reach the place that shows them.
"""

from __future__ import annotations


class SolaError(Exception):
    """Base of every error Sola Studio raises on purpose.

    ``fix`` is a short instruction for the seller (a command to run, a setting to change).
    """

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        if self.fix:
            return f"{self.message}\n  fix: {self.fix}"
        return self.message


class ModelMissing(SolaError):
    """A model is not installed where Sola Studio looks for it."""


class ModelCorrupt(SolaError):
    """A model's files exist but are incomplete or fail their checksum."""


class DeviceUnavailable(SolaError):
    """A microphone, camera, GPU or virtual camera cannot be opened."""


class MediaError(SolaError):
    """An audio or video file cannot be read (missing, broken or unsupported)."""


class ConfigError(SolaError):
    """A setting, product sheet or other file the seller wrote is invalid."""


class TranslationUnavailable(SolaError):
    """No translation engine can translate between the two languages asked for."""


class ConnectorError(SolaError):
    """A chat platform connection failed (network, credentials, protocol)."""


class StoreError(SolaError):
    """The session database cannot be opened or written."""
