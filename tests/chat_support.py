"""Helpers shared by the chat connector tests: a collector that waits on a condition (never a
sleep), a free loopback port, and which addresses a process listens on."""

from __future__ import annotations

import contextlib
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


class TcpRelay:
    """A TCP relay on loopback to ``target_port`` that keeps accepting; :meth:`cut` drops every
    connection at once, as a network failure does. ``accepted`` counts connections."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.accepted = 0
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            with self._lock:
                self.accepted += 1
                self._pairs.append((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(4096):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for s in pair:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        self.listener.close()
        self.cut()
