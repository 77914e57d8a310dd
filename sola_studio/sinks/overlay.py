"""The browser-source overlay: a local web page per caption language, updated live.

For sellers who compose their stream in OBS (or anything that takes a browser source), this
serves ``http://127.0.0.1:PORT/captions/<lang>``: a transparent page that shows the current
caption in that language, pushed by server-sent events from ``/events/<lang>``. One URL per
language; ``/`` lists them.

One thread serves every connection through a selector (non-blocking sockets), so what the
server costs is bounded whatever connects: at most :attr:`OverlayLimits.max_connections`
sockets (one more is answered 503 and closed), a request must arrive within
``request_timeout_s``, and a page that takes no bytes for ``write_timeout_s`` is dropped. A
probe with 1,000 idle sockets used to exhaust the process's file descriptors (the end-of-show
report then failed with "too many open files"); 500 slow clients made 500 threads. Each page has
its own bounded DROP_OLDEST queue of captions, so a stalled browser never holds back the
publisher or the other pages; a page that went away is closed quietly (no BrokenPipe trace).

It binds to loopback unless told otherwise, and answers only requests whose ``Host`` is that
address or ``localhost`` (with its port): a web page the seller visits cannot reach the
overlay through a DNS name rebound to 127.0.0.1. Viewers' text and the seller's captions never
leave the machine by default.

Never imports Qt; :meth:`OverlayServer.publish` never blocks.
"""

from __future__ import annotations

import collections
import contextlib
import ipaddress
import json
import logging
import selectors
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from importlib import resources

from sola_studio.core.errors import DeviceUnavailable
from sola_studio.core.events import Caption

log = logging.getLogger(__name__)

HEARTBEAT_S = 15.0  # an SSE comment this often keeps proxies and OBS from closing the stream
QUEUE_PER_PAGE = 16  # captions waiting for one slow page; the oldest goes first
_LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
#: what a socket that went away raises (closed, reset, no longer registered): nothing to tell
_quietly = contextlib.suppress(OSError, KeyError, ValueError)


@dataclass(frozen=True)
class OverlayLimits:
    """What the overlay allows. A seller's OBS opens one page per caption language, a preview
    a few more: 64 connections is far above that and far below a process's descriptor limit
    (1,024 by default on Linux, 256 on macOS)."""

    max_connections: int = 64
    request_timeout_s: float = 5.0  # from connect (or the last response) to a full request
    write_timeout_s: float = 10.0  # a page that takes none of what it is sent for this long
    max_request_bytes: int = 8192
    #: the kernel's buffer for one page: captions are small, and a page that stops reading
    #: is found out (by the write timeout) once this much waits, not after megabytes
    send_buffer_bytes: int = 64 * 1024


@dataclass(frozen=True)
class OverlayMessage:
    id: int
    text: str
    committed: bool

    def to_json(self) -> str:
        return json.dumps(
            {"id": self.id, "text": self.text, "committed": self.committed}, ensure_ascii=False
        )

    def to_sse(self) -> bytes:
        return f"data: {self.to_json()}\n\n".encode()


@dataclass(eq=False)
class _Conn:
    sock: socket.socket
    deadline: float  # closed at this monotonic time unless it makes progress first
    inbuf: bytearray = field(default_factory=bytearray)
    out: bytearray = field(default_factory=bytearray)
    stream: str | None = None  # the language of an SSE page
    close_after_write: bool = False
    pending: collections.deque[OverlayMessage] = field(
        default_factory=lambda: collections.deque(maxlen=QUEUE_PER_PAGE)
    )


class OverlayServer:
    """Serves one caption page per language in ``languages`` on ``host:port`` (0: any free port)."""

    def __init__(
        self,
        languages: Sequence[str],
        host: str = "127.0.0.1",
        port: int = 0,
        limits: OverlayLimits | None = None,
    ) -> None:
        self.languages = tuple(languages)
        self.limits = limits or OverlayLimits()
        self._host = host
        self._port = port
        self._lock = threading.Lock()
        self._current: dict[str, OverlayMessage] = {}
        self._inbox: collections.deque[tuple[str, OverlayMessage]] = collections.deque()
        self._listener: socket.socket | None = None
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None
        self._selector: selectors.BaseSelector | None = None
        self._conns: dict[int, _Conn] = {}
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._refused = 0
        self._page = (
            resources.files("sola_studio.sinks").joinpath("overlay.html").read_text("utf-8")
        )

    @property
    def address(self) -> tuple[str, int]:
        if self._listener is None:
            raise RuntimeError("overlay server not started")
        host, port = self._listener.getsockname()[:2]
        return str(host), int(port)

    @property
    def connections(self) -> int:
        """Sockets open to clients now (for tests and the soak bench)."""
        return len(self._conns)

    @property
    def refused(self) -> int:
        """Connections answered 503 because :attr:`OverlayLimits.max_connections` were open."""
        return self._refused

    def url(self, language: str) -> str:
        host, port = self.address
        return f"http://{host}:{port}/captions/{language}"

    def start(self) -> OverlayServer:
        family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
        try:
            self._listener = socket.create_server((self._host, self._port), family=family)
        except OSError as exc:
            raise DeviceUnavailable(
                f"the overlay server cannot listen on {self._host}:{self._port}: {exc}",
                fix="choose another overlay port in the settings (0 picks a free one)",
            ) from exc
        self._listener.setblocking(False)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ)
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._thread = threading.Thread(target=self._serve, name="overlay-http", daemon=True)
        self._thread.start()
        log.info("caption overlay at http://%s:%d/", *self.address)
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stopping.set()
        self._wake()
        self._thread.join(timeout=5)
        self._thread = None
        for conn in list(self._conns.values()):
            self._close(conn)
        for sock in (self._listener, self._wake_r, self._wake_w):
            if sock is not None:
                sock.close()
        if self._selector is not None:
            self._selector.close()
        self._listener = None

    def publish(self, caption: Caption) -> None:
        """Push ``caption`` to every page of a language it has text in, unless that page shows a
        newer caption already (a late translation or a revision of the one before)."""
        for lang in self.languages:
            text = caption.text_in(lang)
            if text is None:
                continue
            with self._lock:
                shown = self._current.get(lang)
            if shown is not None and shown.id > caption.id:
                continue
            self._post(lang, OverlayMessage(caption.id, text, caption.committed))

    on_caption = publish

    def clear(self) -> None:
        for lang in self.languages:
            self._post(lang, OverlayMessage(-1, "", True))

    def _post(self, lang: str, message: OverlayMessage) -> None:
        with self._lock:
            self._current[lang] = message
            self._inbox.append((lang, message))
            while len(self._inbox) > QUEUE_PER_PAGE * max(1, len(self.languages)):
                self._inbox.popleft()  # the server thread is stalled: newest captions win
        self._wake()

    def _wake(self) -> None:
        if self._wake_w is not None:
            with _quietly:  # a wake-up is already waiting (full), or the server is stopping
                self._wake_w.send(b"\0")

    # -- the server thread ------------------------------------------------------------------

    def _serve(self) -> None:
        assert self._selector is not None
        next_beat = time.monotonic() + HEARTBEAT_S
        while not self._stopping.is_set():
            now = time.monotonic()
            deadlines = [c.deadline for c in self._conns.values()]
            timeout = max(0.0, min([next_beat, *deadlines]) - now)
            try:
                events = self._selector.select(min(timeout, 1.0))
            except OSError:
                log.exception("the overlay server's selector failed")
                return
            for key, mask in events:
                try:
                    if key.fileobj is self._listener:
                        self._accept()
                    elif key.fileobj is self._wake_r:
                        self._deliver()
                    else:
                        self._on_ready(key.data, mask)
                except Exception:  # one client's trouble never stops the server
                    log.exception("overlay server: unexpected error")
                    if isinstance(key.data, _Conn):
                        self._close(key.data)
            now = time.monotonic()
            for conn in [c for c in self._conns.values() if c.deadline <= now]:
                log.debug("overlay: closing a connection that timed out")
                self._close(conn)
            if now >= next_beat:
                next_beat = now + HEARTBEAT_S
                for conn in list(self._conns.values()):
                    if conn.stream is not None and not conn.out:
                        self._queue(conn, b": keep-alive\n\n")

    def _accept(self) -> None:
        assert self._listener is not None and self._selector is not None
        while True:
            try:
                sock, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # out of descriptors, say: keep serving who is connected
                log.warning("overlay: cannot accept a connection: %s", exc)
                return
            sock.setblocking(False)
            with _quietly:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.limits.send_buffer_bytes)
            if len(self._conns) >= self.limits.max_connections:
                self._refused += 1
                if self._refused == 1 or self._refused % 1000 == 0:
                    log.warning(
                        "overlay: %d connections open, refusing more (%d refused so far)",
                        len(self._conns),
                        self._refused,
                    )
                with _quietly:
                    sock.send(_response(HTTPStatus.SERVICE_UNAVAILABLE, b"busy", "text/plain"))
                sock.close()
                continue
            conn = _Conn(sock, time.monotonic() + self.limits.request_timeout_s)
            self._conns[sock.fileno()] = conn
            self._selector.register(sock, selectors.EVENT_READ, conn)

    def _deliver(self) -> None:
        assert self._wake_r is not None
        with _quietly:
            while self._wake_r.recv(4096):
                pass
        with self._lock:
            items = list(self._inbox)
            self._inbox.clear()
        for lang, message in items:
            for conn in self._conns.values():
                if conn.stream == lang:
                    conn.pending.append(message)
        for conn in list(self._conns.values()):
            if conn.stream is not None and conn.pending and not conn.out:
                data = b"".join(m.to_sse() for m in conn.pending)
                conn.pending.clear()
                self._queue(conn, data)

    def _on_ready(self, conn: _Conn, mask: int) -> None:
        if mask & selectors.EVENT_READ:
            try:
                data = conn.sock.recv(4096)
            except (BlockingIOError, InterruptedError):
                data = None
            except OSError:
                data = b""
            if data == b"":  # the page went away
                self._close(conn)
                return
            if data and conn.stream is None:
                conn.inbuf += data
                self._handle_requests(conn)
        if mask & selectors.EVENT_WRITE and conn.sock.fileno() >= 0:
            self._flush(conn)

    def _handle_requests(self, conn: _Conn) -> None:
        while conn.stream is None and not conn.out and not conn.close_after_write:
            end = conn.inbuf.find(b"\r\n\r\n")
            if end < 0:
                if len(conn.inbuf) > self.limits.max_request_bytes:
                    self._respond(conn, HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, close=True)
                return
            head = bytes(conn.inbuf[:end]).decode("latin-1")
            del conn.inbuf[: end + 4]
            self._handle(conn, head)

    def _handle(self, conn: _Conn, head: str) -> None:
        lines = head.split("\r\n")
        parts = lines[0].split()
        if len(parts) != 3 or not parts[2].startswith("HTTP/"):
            self._respond(conn, HTTPStatus.BAD_REQUEST, close=True)
            return
        method, target, version = parts
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        close = version == "HTTP/1.0" or headers.get("connection", "").lower() == "close"
        if not self._host_allowed(headers.get("host")):
            self._respond(conn, HTTPStatus.FORBIDDEN, b"unknown host", close=True)
            return
        if method != "GET":
            self._respond(conn, HTTPStatus.METHOD_NOT_ALLOWED, close=close)
            return
        path = [p for p in target.split("?")[0].split("/") if p]
        langs = self.languages
        if not path:
            links = "".join(f'<li><a href="/captions/{lang}">{lang}</a></li>' for lang in langs)
            self._respond(conn, HTTPStatus.OK, f"<ul>{links}</ul>".encode(), _HTML, close)
        elif len(path) == 2 and path[0] == "captions" and path[1] in langs:
            page = self._page.replace("{lang}", path[1]).encode()
            self._respond(conn, HTTPStatus.OK, page, _HTML, close)
        elif len(path) == 2 and path[0] == "events" and path[1] in langs:
            conn.stream = path[1]
            conn.inbuf.clear()
            head_out = (
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                b"Cache-Control: no-store\r\nConnection: close\r\n\r\n"
            )
            with self._lock:
                current = self._current.get(path[1])
            self._queue(conn, head_out + (current.to_sse() if current is not None else b""))
        else:
            self._respond(conn, HTTPStatus.NOT_FOUND, b"not found", close=close)

    def _host_allowed(self, host: str | None) -> bool:
        """Only this server's own address or ``localhost``, with its port or none."""
        if not host:
            return False
        port = self.address[1]
        name, sep, tail = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        if sep and not name:
            return False
        if not sep:
            name, tail = host, ""
        if tail and tail != str(port):
            return False
        allowed = set(_LOCAL_NAMES)
        bound = self._host
        if bound not in ("", "0.0.0.0", "::"):
            allowed.add(f"[{bound}]" if ":" in bound else bound)
        elif _is_ip_literal(name):  # listening everywhere, told so: any address of this machine
            return True
        return name.lower() in allowed

    def _respond(
        self,
        conn: _Conn,
        status: HTTPStatus,
        body: bytes | None = None,
        content_type: str = "text/plain",
        close: bool = False,
    ) -> None:
        body = body if body is not None else status.phrase.encode()
        conn.close_after_write = close
        self._queue(conn, _response(status, body, content_type, close))

    def _queue(self, conn: _Conn, data: bytes) -> None:
        assert self._selector is not None
        was_empty = not conn.out
        conn.out += data
        if was_empty:
            conn.deadline = time.monotonic() + self.limits.write_timeout_s
            with _quietly:
                self._selector.modify(conn.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, conn)
            self._flush(conn)

    def _flush(self, conn: _Conn) -> None:
        assert self._selector is not None
        try:
            sent = conn.sock.send(conn.out)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:  # the page went away mid-write (BrokenPipe, reset): nothing to tell
            self._close(conn)
            return
        if sent:
            del conn.out[:sent]
            conn.deadline = time.monotonic() + self.limits.write_timeout_s
        if conn.out:
            return
        if conn.close_after_write:
            self._close(conn)
            return
        with _quietly:
            self._selector.modify(conn.sock, selectors.EVENT_READ, conn)
        if conn.stream is not None:
            conn.deadline = float("inf")  # an open page waits for captions as long as it likes
            if conn.pending:
                data = b"".join(m.to_sse() for m in conn.pending)
                conn.pending.clear()
                self._queue(conn, data)
        else:  # keep-alive: the next request must come in time
            conn.deadline = time.monotonic() + self.limits.request_timeout_s
            self._handle_requests(conn)

    def _close(self, conn: _Conn) -> None:
        fd = conn.sock.fileno()
        if fd < 0:
            return
        self._conns.pop(fd, None)
        if self._selector is not None:
            with _quietly:
                self._selector.unregister(conn.sock)
        conn.sock.close()


_HTML = "text/html; charset=utf-8"


def _response(status: HTTPStatus, body: bytes, content_type: str, close: bool = True) -> bytes:
    head = (
        f"HTTP/1.1 {status.value} {status.phrase}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\n"
        + ("Connection: close\r\n" if close else "")
        + "\r\n"
    )
    return head.encode() + body


def _is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True
