"""Helpers shared by the chat connector tests: a collector that waits on a condition (never a
sleep), a free loopback port, and which addresses a process listens on."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import keyring.errors
import psutil
from keyring.backend import KeyringBackend

T = TypeVar("T")


class Collected(Generic[T]):
    """A thread-safe list that tests wait on: ``wait_for(lambda items: ...)``."""

    def __init__(self) -> None:
        self.items: list[T] = []
        self._cond = threading.Condition()
        self.accept = True  # what the callback returns (a desk's submit returns False when full)

    def __call__(self, item: T) -> bool:
        with self._cond:
            if self.accept:
                self.items.append(item)
            self._cond.notify_all()
            return self.accept

    def add(self, item: T) -> None:
        """The same as calling it, typed for callbacks that return nothing (bus subscribers)."""
        self(item)

    def wait_for(self, ok: Callable[[list[T]], bool], timeout: float = 10.0) -> list[T]:
        with self._cond:
            if not self._cond.wait_for(lambda: ok(self.items), timeout):
                got = repr(self.items)[:2000]
                raise AssertionError(f"condition not met within {timeout} s; got {got}")
            return list(self.items)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening_addresses() -> set[tuple[str, int]]:
    """(address, port) of every TCP socket this process listens on."""
    me = psutil.Process(os.getpid())
    return {
        (c.laddr.ip, c.laddr.port)
        for c in me.net_connections(kind="tcp")
        if c.status == psutil.CONN_LISTEN
    }


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend, passed explicitly to TokenVault in tests."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.passwords:
            raise keyring.errors.PasswordDeleteError(username)
        del self.passwords[(service, username)]
