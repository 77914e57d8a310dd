"""Comments from any platform through a local endpoint: chat aggregators and browser extensions
POST viewer comments as JSON to ``http://127.0.0.1:PORT/comments``, or send them as messages
over a WebSocket to ``ws://127.0.0.1:PORT/comments`` (one JSON answer per message).

What it must never do: listen on anything but 127.0.0.1 (there is no host option), accept a body
larger than ``max_body_bytes`` (refused from its Content-Length, before reading it), let one
client flood the desk (a token bucket over comments, answered 429 with Retry-After), or lose a
comment it answered 202 for. A comment the desk cannot take (intake full) is answered 503 with
Retry-After, so the sender keeps it and tries again.

One comment::

    {"platform": "instagram", "viewer_id": "1789", "name": "Ana", "text": "preço?",
     "time": "2026-05-01T18:03:12Z", "id": "msg-42"}

``platform`` defaults to ``webhook``; ``name``, ``time`` (ISO 8601 or epoch seconds) and
``id`` (the platform's message id: a repeated id is a retry and is accepted once) are optional.
The body is one such object, a list of them, or ``{"comments": [...]}``. With a shared secret
set, the request carries ``Authorization: Bearer SECRET`` (or ``X-Sola-Secret: SECRET``).
Requests whose Host header is not the loopback address are refused (DNS rebinding), and only
``Content-Type: application/json`` is read, so a web page cannot post without a CORS preflight,
which this endpoint never grants.
"""

from __future__ import annotations

import collections
import contextlib
import hmac
import itertools
import json
import logging
import math
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sola_studio.chat import wsframes
from sola_studio.chat.events import ChatState, ChatStatus, Publish, discard
from sola_studio.comments.sources import Emit
from sola_studio.core.clock import Clock, SystemClock
from sola_studio.core.errors import ConnectorError
from sola_studio.core.events import Comment

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8780
_PLATFORM = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,31}$")


class _Reject(Exception):
    def __init__(self, status: int, error: str, fix: str, retry_after: float | None = None):
        super().__init__(error)
        self.status, self.error, self.fix, self.retry_after = status, error, fix, retry_after


@dataclass(frozen=True)
class WebhookLimits:
    """Tune: ``rate_per_s``/``burst`` bound comments (not requests) per second over all clients
    (a 500-comment burst fits in ``burst``); ``max_body_bytes`` bounds one request;
    ``max_connections`` bounds open sockets; ``idle_timeout_s`` closes a silent one."""

    max_body_bytes: int = 256 * 1024
    max_text_chars: int = 2000
    max_name_chars: int = 100
    max_batch: int = 1000
    rate_per_s: float = 200.0
    burst: float = 1000.0
    max_connections: int = 32
    idle_timeout_s: float = 10.0
    ws_idle_timeout_s: float = 300.0  # a WebSocket client may stay quiet between comments


class _TokenBucket:
    def __init__(self, rate: float, burst: float, now: Callable[[], float]) -> None:
        self.rate, self.burst, self._now = rate, burst, now
        self.tokens = burst
        self.t = now()
        self._lock = threading.Lock()

    def take(self, n: int) -> float:
        """Take ``n`` tokens: 0.0 when granted, else the seconds until they would be."""
        with self._lock:
            t = self._now()
            self.tokens = min(self.burst, self.tokens + (t - self.t) * self.rate)
            self.t = t
            if n > self.burst:
                return math.inf
            if self.tokens >= n:
                self.tokens -= n
                return 0.0
            return (n - self.tokens) / self.rate


def _parse_time(value: object, now_wall: float) -> float:
    """The comment's time as epoch seconds; arrival time when absent, odd or in the future."""
    t: float | None = None
    if isinstance(value, bool) or value is None:
        return now_wall
    if isinstance(value, int | float):
        t = float(value)
        if t > 1e11:  # milliseconds, as JavaScript's Date.now() writes them
            t /= 1000.0
    elif isinstance(value, str):
        try:
            t = datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return now_wall
    if t is None or not math.isfinite(t) or t > now_wall + 300 or t < now_wall - 86400:
        return now_wall
    return t


class WebhookSource:
    """A loopback HTTP endpoint that turns posted JSON into comments (see the module docstring).

    ``port`` 0 picks a free port (tests); :attr:`url` is the address to give the aggregator.
    Replies to these comments cannot go back automatically: the desk copies them to the
    clipboard (the platform is whatever the sender wrote, e.g. ``instagram``).
    """

    platform = "webhook"
    can_send = False

    def __init__(
        self,
        port: int = DEFAULT_PORT,
        *,
        secret: str | None = None,
        limits: WebhookLimits | None = None,
        clock: Clock | None = None,
        publish: Publish = discard,
        spec: str = "webhook",
    ) -> None:
        self.port = port
        self.secret = secret or None
        self.limits = limits or WebhookLimits()
        self.clock = clock or SystemClock()
        self.publish = publish
        self.spec = spec
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._emit: Emit | None = None
        self._bucket = _TokenBucket(self.limits.rate_per_s, self.limits.burst, time.monotonic)
        self._slots = threading.BoundedSemaphore(self.limits.max_connections)
        self._seen: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._seen_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._sockets: set[socket.socket] = set()  # open WebSocket connections, closed by stop()
        self.accepted = 0

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/comments"

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self, emit: Emit) -> None:
        self._emit = emit
        handler = _handler_for(self)
        try:
            server = _Server((LOOPBACK, self.port), handler)
        except OSError as exc:
            raise ConnectorError(
                f"cannot open the comment endpoint on {LOOPBACK}:{self.port}: {exc.strerror}",
                fix=f"another program uses port {self.port}: pass --comments webhook:OTHER_PORT",
            ) from exc
        server.owner = self
        self._server = server
        self.port = int(server.server_address[1])
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="webhook", daemon=True
        )
        self._thread.start()
        log.info("comment endpoint listening on %s", self.url)
        self.publish(ChatStatus(self.platform, self.spec, ChatState.CONNECTED, time.monotonic()))

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
            with self._seen_lock:
                open_sockets, self._sockets = self._sockets, set()
            for sock in open_sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            self.publish(ChatStatus(self.platform, self.spec, ChatState.STOPPED, time.monotonic()))
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._emit = None

    def send(self, text: str, reply_to: Comment | None = None) -> None:
        raise ConnectorError(
            "comments from the local endpoint cannot be answered from here",
            fix="the reply is copied to the clipboard: paste it in the platform's chat",
        )

    # --- requests ----------------------------------------------------------------------------

    def _check_secret(self, headers: Any) -> None:
        if self.secret is None:
            return
        given = headers.get("X-Sola-Secret") or ""
        auth = headers.get("Authorization") or ""
        if auth.startswith("Bearer "):
            given = auth.removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise _Reject(
                401,
                "missing or wrong shared secret",
                "send the header 'Authorization: Bearer YOUR_SECRET' set in Sola Studio",
            )

    def _comments_from(self, body: bytes) -> list[Comment]:
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _Reject(
                400, f"the body is not UTF-8 JSON ({exc})", "send one JSON object per comment"
            ) from exc
        if isinstance(data, dict) and isinstance(data.get("comments"), list):
            data = data["comments"]
        items = data if isinstance(data, list) else [data]
        if len(items) > self.limits.max_batch:
            raise _Reject(
                413,
                f"{len(items)} comments in one request",
                f"send at most {self.limits.max_batch} per request",
            )
        now_m, now_w = self.clock.monotonic(), self.clock.wall()
        return [self._comment(i, item, now_m, now_w) for i, item in enumerate(items)]

    def _comment(self, i: int, item: object, now_m: float, now_w: float) -> Comment:
        where = f"comment {i}" if i else "the comment"
        lim = self.limits
        if not isinstance(item, dict):
            raise _Reject(400, f"{where} is not a JSON object", 'send {"viewer_id": ..., ...}')

        def text_field(key: str, required: bool, limit: int) -> str:
            value = item.get(key)
            if value is None and not required:
                return ""
            if isinstance(value, int) and not isinstance(value, bool) and key != "text":
                value = str(value)
            if not isinstance(value, str) or (required and not value.strip()):
                raise _Reject(
                    400, f"{where}: {key!r} is missing or not text", f"give {key!r} as a string"
                )
            if len(value) > limit:
                raise _Reject(
                    413,
                    f"{where}: {key!r} is {len(value)} characters",
                    f"keep {key!r} under {limit} characters",
                )
            # A lone surrogate cannot be stored or shown; keep the rest of the text.
            return value.encode("utf-8", "replace").decode("utf-8")

        platform = text_field("platform", False, 32).strip().lower() or "webhook"
        if not _PLATFORM.match(platform):
            raise _Reject(
                400,
                f"{where}: platform {platform[:32]!r} is not a platform name",
                "use a short lowercase name such as instagram, shopee or whatnot",
            )
        viewer = text_field("viewer_id", True, 200)
        name = text_field("name", False, lim.max_name_chars) or viewer
        text = text_field("text", True, lim.max_text_chars)
        msg_id = text_field("id", False, 200)
        # Disjoint id spaces (a platform name holds neither ':' nor '#'): "P:ID" for the
        # platform's message id, "P#N" for a comment that came without one.
        cid = f"{platform}:{msg_id}" if msg_id else f"{platform}#{next(self._ids)}"
        return Comment(
            id=cid,
            platform=platform,
            viewer_id=viewer,
            viewer_name=name,
            text=text,
            t_capture=now_m,
            t_wall=_parse_time(item.get("time"), now_w),
        )

    def _new(self, comments: list[Comment]) -> list[Comment]:
        """Drop retries (an id seen before) and repeats inside the batch."""
        fresh = []
        with self._seen_lock:
            for c in comments:
                if ":" not in c.id:  # no message id: nothing to recognise a retry by
                    fresh.append(c)
                elif c.id not in self._seen:
                    self._seen[c.id] = None
                    fresh.append(c)
            while len(self._seen) > 20_000:
                self._seen.popitem(last=False)
        return fresh

    def _forget(self, comment: Comment) -> None:
        with self._seen_lock:
            self._seen.pop(comment.id, None)

    def handle_post(self, headers: Any, body: bytes) -> tuple[int, dict[str, object]]:
        self._check_secret(headers)
        return self.take(body)

    def take(self, body: bytes) -> tuple[int, dict[str, object]]:
        """One request's or WebSocket message's comments: parsed, rate-limited, emitted."""
        comments = self._comments_from(body)
        wait = self._bucket.take(len(comments))
        if wait:
            raise _Reject(
                429,
                "too many comments per second",
                f"send at most {self.limits.rate_per_s:.0f} comments per second; retry later",
                retry_after=wait if math.isfinite(wait) else 1.0,
            )
        fresh = self._new(comments)
        emit = self._emit
        taken = 0
        for n, c in enumerate(fresh):
            ok = emit(c) if emit is not None else False
            if ok is False:
                for rest in fresh[n:]:
                    self._forget(rest)
                raise _Reject(
                    503,
                    f"the desk is full; {taken} of {len(fresh)} comments taken",
                    "retry the comments not taken after a second",
                    retry_after=1.0,
                )
            taken += 1
        self.accepted += taken
        return 202, {"accepted": taken, "duplicates": len(comments) - len(fresh)}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a second app on the same port must fail, not share it
    request_queue_size = 128  # socketserver's 5 left a burst of connects waiting for SYN retries
    owner: WebhookSource

    def process_request(self, request: Any, client_address: Any) -> None:
        # Cap open connections: a client over the cap is closed at once, not given a thread.
        if not self.owner._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.owner._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.owner._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("comment endpoint: client %s went away", client_address, exc_info=True)


def _handler_for(owner: WebhookSource) -> type[BaseHTTPRequestHandler]:
    limits = owner.limits

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: an aggregator posts over one connection
        timeout = limits.idle_timeout_s
        # Buffered: headers and body leave in one write (flushed after each request); written
        # separately, Nagle and delayed ACKs held each keep-alive answer ~40 ms.
        wbufsize = 64 * 1024
        server_version = "SolaStudio"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("comment endpoint: " + format, *args)

        def _answer(
            self, status: int, payload: dict[str, object], retry_after: float | None = None
        ) -> None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if retry_after is not None:
                self.send_header("Retry-After", str(max(1, math.ceil(retry_after))))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def _host_ok(self) -> bool:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
            return host in ("127.0.0.1", "localhost", "")

        def do_GET(self) -> None:
            upgrade = (self.headers.get("Upgrade") or "").lower() == "websocket"
            if upgrade and self.path.split("?")[0] == "/comments" and self._host_ok():
                self._websocket()
            elif not self._host_ok():
                self.close_connection = True
                self._answer(421, {"error": "wrong Host", "fix": f"use {owner.url}"})
            elif self.path.split("?")[0] in ("/", "/health"):
                self._answer(200, {"ok": True, "post_to": owner.url})
            else:
                self._answer(404, {"error": "not found", "fix": f"POST comments to {owner.url}"})

        def do_POST(self) -> None:
            try:
                if not self._host_ok():
                    raise _Reject(421, "wrong Host header", f"post to {owner.url}")
                if self.path.split("?")[0] != "/comments":
                    raise _Reject(404, f"no endpoint {self.path[:60]}", f"post to {owner.url}")
                ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if ctype != "application/json":
                    raise _Reject(
                        415,
                        f"Content-Type {ctype or 'missing'}",
                        "send the header 'Content-Type: application/json'",
                    )
                raw_len = self.headers.get("Content-Length")
                if raw_len is None or not raw_len.isdigit():
                    raise _Reject(411, "no Content-Length", "send the body with a Content-Length")
                length = int(raw_len)
                if length > limits.max_body_bytes:
                    raise _Reject(
                        413,
                        f"the body is {length} bytes",
                        f"send at most {limits.max_body_bytes} bytes per request",
                    )
                body = self.rfile.read(length)
                status, payload = owner.handle_post(self.headers, body)
                self._answer(status, payload)
            except _Reject as r:
                if r.status in (411, 413, 421):
                    self.close_connection = True  # the unread body must not become a request
                self._answer(r.status, {"error": r.error, "fix": r.fix}, r.retry_after)

        def _websocket(self) -> None:
            """The same comments as POST, one JSON message each, answered with one JSON
            message each (``{"status": 202, "accepted": 1, ...}`` or an error and its fix)."""
            self.close_connection = True
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            headers = dict(self.headers.items())
            if "secret" in query and not headers.get("Authorization"):
                headers["X-Sola-Secret"] = query["secret"][0]  # browsers cannot set headers
            origin = self.headers.get("Origin") or ""
            try:
                owner._check_secret(headers)
                # A web page may open a WebSocket to 127.0.0.1 without any CORS check: a page's
                # origin is let in only with the shared secret; extensions and programs always.
                if origin.startswith(("http://", "https://")) and owner.secret is None:
                    raise _Reject(
                        403,
                        f"a web page ({origin[:80]}) may not post comments without a secret",
                        "set a shared secret in Sola Studio and pass it as ?secret=...",
                    )
                key = self.headers.get("Sec-WebSocket-Key") or ""
                if self.headers.get("Sec-WebSocket-Version") != "13" or not key:
                    raise _Reject(426, "not a WebSocket 13 handshake", "use a WebSocket client")
            except _Reject as r:
                self._answer(r.status, {"error": r.error, "fix": r.fix})
                return
            self.send_response(101)
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("Sec-WebSocket-Accept", wsframes.accept_key(key))
            self.end_headers()
            self.wfile.flush()
            self.connection.settimeout(limits.ws_idle_timeout_s)
            with owner._seen_lock:
                owner._sockets.add(self.connection)
            try:
                while True:
                    text = wsframes.read_message(self.rfile, self.wfile, limits.max_body_bytes)
                    try:
                        status, payload = owner.take(text.encode("utf-8", "replace"))
                    except _Reject as r:
                        status, payload = r.status, {"error": r.error, "fix": r.fix}
                        if r.retry_after is not None:
                            payload["retry_after_s"] = max(1, math.ceil(r.retry_after))
                    answer = json.dumps({"status": status, **payload}, ensure_ascii=False)
                    wsframes.write_frame(self.wfile, wsframes.OP_TEXT, answer.encode())
            except wsframes.WsClosed as closed:
                with contextlib.suppress(OSError):
                    wsframes.write_close(self.wfile, closed.code, closed.reason)
            except OSError:  # idle too long, or the client vanished
                pass
            finally:
                with owner._seen_lock:
                    owner._sockets.discard(self.connection)

        def do_OPTIONS(self) -> None:
            # No CORS grant: a web page in the seller's browser cannot post comments.
            self._answer(403, {"error": "cross-origin requests are not allowed", "fix": "-"})

    return Handler
