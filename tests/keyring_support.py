"""A small file-backed keyring backend for tests, installed as the process's keyring with
``keyring.set_keyring`` (:func:`file_keyring`), so the code under test takes its ordinary path
(``keyring.get_keyring()``) to a real backend that keeps secrets across openings and objects,
never the developer's own keyring. The file is JSON in the test's temporary folder, mode 0600."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    """Secrets as ``{"service\\u0000account": secret}`` in one JSON file."""

    priority = 1

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _load(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        data: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def _save(self, data: dict[str, str]) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\0{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\0{username}", None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._save(data)


@contextmanager
def file_keyring(path: Path) -> Iterator[FileKeyring]:
    """The process's keyring is a :class:`FileKeyring` at ``path`` until the block ends."""
    before = keyring.get_keyring()
    kr = FileKeyring(path)
    keyring.set_keyring(kr)
    try:
        yield kr
    finally:
        keyring.set_keyring(before)


@contextmanager
def no_keyring() -> Iterator[None]:
    """The process's keyring is keyring's own "fail" backend (a machine with none)."""
    import keyring.backends.fail

    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(before)
