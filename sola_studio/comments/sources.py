"""Where comments come from: one :class:`CommentSource` contract for every platform.

A source is started with a callback that only enqueues (``emit(comment)`` must return at once)
and stopped with :meth:`stop`; a source that can post into its chat says so with ``can_send``
and implements :meth:`send`. The contract fits push clients (TikTokLive's async event handlers
call ``emit`` from their loop), polling clients (YouTube Live chat's ``liveChatMessages.list``
polled on a thread) and sockets (Twitch IRC, below) alike.

Here: :class:`ReplaySource` (a JSONL file with timestamps and a speed factor),
:class:`ManualSource` (the seller types a comment in) and :class:`TwitchIrcSource` (Twitch chat
over its IRC interface, read and send). A source never understands or drafts anything.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import select
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from sola_studio.chat.backoff import Backoff
from sola_studio.chat.events import ChatState, ChatStatus, Publish, discard
from sola_studio.core.clock import Clock, SystemClock
from sola_studio.core.errors import ConfigError, ConnectorError
from sola_studio.core.events import Comment

log = logging.getLogger(__name__)

Emit = Callable[[Comment], object]  # the return value (accepted or not) is ignored


@runtime_checkable
class CommentSource(Protocol):
    platform: str
    can_send: bool

    def start(self, emit: Emit) -> None:
        """Begin delivering comments to ``emit`` (on the source's own thread)."""
        ...

    def stop(self) -> None:
        """Stop delivering; idempotent."""
        ...

    def send(self, text: str, reply_to: Comment | None = None) -> None:
        """Post ``text`` in the chat; raises ConnectorError (or when ``can_send`` is False)."""
        ...


@dataclass(frozen=True)
class ReplayLine:
    """One line of a replay file: ``{"t": 1.5, "viewer": "ana", "name": "Ana", "text": "..."}``.
    ``t`` is seconds from the start of the replay; ``platform`` is optional."""

    t: float
    viewer: str
    name: str
    text: str
    platform: str = "replay"


#: The latest a replay line may be (seconds from the start): a week, far beyond any live. A
#: ``"t": 1e308`` passed ``float()`` and then overflowed the replay thread's wait, which died
#: and left the session waiting for a replay that would never finish.
MAX_REPLAY_T = 7 * 24 * 3600.0
_REPLAY_FIX = 'each line: {"t": 1.5, "viewer": "id", "text": "..."} (UTF-8, one JSON object)'


def read_replay(path: str | Path) -> list[ReplayLine]:
    """The lines of a replay file, in time order. Every mistake is a ConfigError naming the
    file, the line and the field; a line is either read whole or the file is refused."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"replay file {p} does not exist", fix="pass an existing .jsonl file")
    lines: list[ReplayLine] = []
    for n, data in enumerate(p.read_bytes().splitlines(), start=1):
        try:
            raw = data.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"{p}:{n}: not UTF-8 text (byte {exc.start + 1} of the line)",
                fix="save the file as UTF-8",
            ) from exc
        if not raw.strip() or raw.lstrip().startswith("//"):
            continue
        try:
            d = json.loads(raw)
        except ValueError as exc:
            raise ConfigError(f"{p}:{n}: not a JSON object ({exc})", fix=_REPLAY_FIX) from exc
        lines.append(_replay_line(d, f"{p}:{n}"))
    lines.sort(key=lambda x: x.t)
    return lines


def _replay_line(d: object, where: str) -> ReplayLine:
    if not isinstance(d, dict):
        raise ConfigError(f"{where}: not a JSON object", fix=_REPLAY_FIX)
    t = d.get("t")
    if isinstance(t, bool) or not isinstance(t, int | float) or not 0 <= t <= MAX_REPLAY_T:
        raise ConfigError(
            f'{where}: "t" is {t!r}; it must be seconds from the start, 0 to {MAX_REPLAY_T:.0f}',
            fix=_REPLAY_FIX,
        )

    def text(key: str, required: bool) -> str | None:
        value = d.get(key)
        if value is None and not required:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and key != "text":
            value = str(value)  # a numeric viewer id
        if not isinstance(value, str) or (required and not value.strip()):
            raise ConfigError(f'{where}: "{key}" is {value!r}; it must be a text', fix=_REPLAY_FIX)
        # A lone surrogate (JSON "\ud800") cannot be stored or shown: keep the rest of the text.
        return value.encode("utf-8", "replace").decode("utf-8")

    viewer = text("viewer", True)
    assert viewer is not None
    body = text("text", True)
    assert body is not None
    return ReplayLine(
        float(t), viewer, text("name", False) or viewer, body, text("platform", False) or "replay"
    )


class ReplaySource:
    """Replays a JSONL file. ``speed`` 2.0 plays twice as fast; ``0`` as fast as possible.

    With a :class:`~sola_studio.core.clock.ManualClock` and ``speed=0`` the clock is advanced
    to each line's time, so a replay is deterministic in tests.
    """

    platform = "replay"
    can_send = False

    def __init__(
        self,
        path: str | Path,
        speed: float = 1.0,
        clock: Clock | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.lines = read_replay(path)
        self.speed = speed
        self.clock = clock or SystemClock()
        self._sleep = sleep
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.done = threading.Event()

    def start(self, emit: Emit) -> None:
        self._thread = threading.Thread(target=self._run, args=(emit,), name="replay", daemon=True)
        self._thread.start()

    def run(self, emit: Emit) -> None:
        """Replay on the calling thread (tests, bench)."""
        self._run(emit)

    def _run(self, emit: Emit) -> None:
        try:
            self._replay(emit)
        except Exception:  # whoever waits on ``done`` must not wait forever
            log.exception("the replay stopped")
        finally:
            self.done.set()

    def _replay(self, emit: Emit) -> None:
        start = self.clock.monotonic()
        advance = getattr(self.clock, "advance", None)
        for i, line in enumerate(self.lines):
            if self._stop.is_set():
                break
            if self.speed > 0:
                due = start + min(line.t / self.speed, MAX_REPLAY_T * 1000)
                while (wait := due - self.clock.monotonic()) > 0 and not self._stop.is_set():
                    self._stop.wait(min(wait, 60.0))  # a wait beyond the OS's limit overflows
                if self._stop.is_set():
                    break
            elif advance is not None:
                target = start + line.t
                if target > self.clock.monotonic():
                    advance(target - self.clock.monotonic())
            emit(
                Comment(
                    id=f"replay-{i}",
                    platform=line.platform,
                    viewer_id=line.viewer,
                    viewer_name=line.name,
                    text=line.text,
                    t_capture=self.clock.monotonic(),
                    t_wall=self.clock.wall(),
                )
            )

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def send(self, text: str, reply_to: Comment | None = None) -> None:
        raise ConnectorError("a replay cannot send replies", fix="use the dry-run log sender")


class ManualSource:
    """Comments the seller types in (a phone call, a DM read aloud, a test)."""

    platform = "manual"
    can_send = False

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or SystemClock()
        self._emit: Emit | None = None
        self._ids = itertools.count(1)

    def start(self, emit: Emit) -> None:
        self._emit = emit

    def stop(self) -> None:
        self._emit = None

    def add(self, text: str, viewer_id: str = "seller", viewer_name: str = "") -> Comment:
        if self._emit is None:
            raise ConnectorError("manual entry is not started", fix="start the comment desk")
        comment = Comment(
            id=f"manual-{next(self._ids)}",
            platform=self.platform,
            viewer_id=viewer_id,
            viewer_name=viewer_name or viewer_id,
            text=text,
            t_capture=self.clock.monotonic(),
            t_wall=self.clock.wall(),
        )
        self._emit(comment)
        return comment

    def send(self, text: str, reply_to: Comment | None = None) -> None:
        raise ConnectorError("manual entry cannot send", fix="copy the reply to the clipboard")


def _parse_irc(line: str) -> tuple[dict[str, str], str, str, list[str]]:
    """IRCv3 line -> (tags, prefix, command, params)."""
    tags: dict[str, str] = {}
    if line.startswith("@"):
        raw_tags, _, line = line[1:].partition(" ")
        for t in raw_tags.split(";"):
            k, _, v = t.partition("=")
            tags[k] = v.replace("\\s", " ").replace("\\:", ";").replace("\\\\", "\\")
    prefix = ""
    if line.startswith(":"):
        prefix, _, line = line[1:].partition(" ")
    trailing = None
    if " :" in line:
        line, _, trailing = line.partition(" :")
    parts = line.split()
    command = parts[0].upper() if parts else ""
    params = parts[1:] + ([trailing] if trailing is not None else [])
    return tags, prefix, command, params


class TwitchIrcSource:
    """Twitch chat through its IRC interface: TLS to ``irc.chat.twitch.tv:6697`` with the
    certificate verified against the system's CAs (or ``ca_file``). Reads PRIVMSG as comments,
    answers PING, and sends replies as PRIVMSG (with Twitch's ``reply-parent-msg-id`` tag when
    the platform gave an id). Works with any RFC 1459 server, which is how it is tested (ngircd
    on loopback, with a self-signed certificate the test trusts through ``ca_file``).

    A token never travels in clear text: ``tls=False`` (a local test server) is allowed only
    for anonymous read-only logins, and refused with the fix when a token is given.

    A dropped connection (or a login that does not reach the channel within ``timeout_s``) is
    made again after a pause from ``backoff``; each change is a ChatStatus on ``publish``.
    """

    platform = "twitch"
    can_send = True

    def __init__(
        self,
        channel: str,
        nick: str,
        token: str | None = None,
        *,
        host: str = "irc.chat.twitch.tv",
        port: int = 6697,
        tls: bool = True,
        ca_file: str | Path | None = None,
        clock: Clock | None = None,
        timeout_s: float = 10.0,
        send_interval_s: float = 1.6,
        publish: Publish = discard,
        backoff: Backoff | None = None,
    ) -> None:
        self.channel = "#" + channel.lstrip("#").lower()
        self.publish = publish
        self.backoff = backoff or Backoff(first_s=1.0, max_s=60.0)
        self.spec = f"twitch:{self.channel}"
        self.connections = 0  # connections made, reconnects included
        self.nick = nick
        self._token = token
        self.host, self.port = host, port
        self.tls = tls
        self.ca_file = Path(ca_file) if ca_file is not None else None
        self.clock = clock or SystemClock()
        self.timeout_s = timeout_s
        # Twitch allows 20 messages / 30 s for a normal account: one every 1.5 s, kept under.
        self.send_interval_s = send_interval_s
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._send_lock = threading.Lock()
        # OpenSSL does not allow one connection to be read and written from two threads at
        # once: the reader waits with select() and reads, and _raw writes, under this lock.
        self._io_lock = threading.Lock()
        self._last_send = 0.0
        self.joined = threading.Event()
        self._ids = itertools.count(1)

    def _tls_context(self) -> ssl.SSLContext:
        if self.ca_file is not None and not self.ca_file.is_file():
            raise ConfigError(
                f"the CA file {self.ca_file} does not exist",
                fix="pass the PEM file of the certificate authority that signed the server's",
            )
        ctx = ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        return ctx  # CERT_REQUIRED and host name checking are create_default_context's

    def start(self, emit: Emit) -> None:
        if self._token and not self.tls:
            raise ConnectorError(
                f"refusing to send your Twitch token over a plain connection to "
                f"{self.host}:{self.port}",
                fix="use TLS (the default: irc.chat.twitch.tv:6697), or read the chat "
                "anonymously without --twitch-nick",
            )
        self._connect()
        self._thread = threading.Thread(
            target=self._run, args=(emit,), name="twitch-irc", daemon=True
        )
        self._thread.start()
        if not self.joined.wait(self.timeout_s):
            self.stop()
            raise ConnectorError(
                f"could not join {self.channel} within {self.timeout_s:.0f} s",
                fix="check the token (chat:read and chat:edit scopes) and channel",
            )

    def _connect(self) -> None:
        """Open the connection (TLS unless asked otherwise), log in and ask to join."""
        ctx = self._tls_context() if self.tls else None
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except OSError as exc:
            raise ConnectorError(
                f"cannot reach Twitch chat at {self.host}:{self.port}: {exc}",
                fix="check the network connection and the channel name",
            ) from exc
        if ctx is not None:
            try:
                sock = ctx.wrap_socket(sock, server_hostname=self.host)
            except ssl.SSLCertVerificationError as exc:
                sock.close()
                raise ConnectorError(
                    f"the certificate of {self.host}:{self.port} is not trusted "
                    f"({exc.verify_message})",
                    fix="check the system date and that nothing intercepts the connection "
                    "(a proxy or antivirus); a private server needs its CA file",
                ) from exc
            except (ssl.SSLError, OSError) as exc:
                sock.close()
                raise ConnectorError(
                    f"no TLS connection to {self.host}:{self.port}: {exc}",
                    fix="Twitch chat speaks TLS on port 6697; check --twitch-server",
                ) from exc
        self._sock = sock
        if self._token:
            self._raw(f"PASS oauth:{self._token.removeprefix('oauth:')}")
        self._raw("CAP REQ :twitch.tv/tags twitch.tv/commands")
        self._raw(f"NICK {self.nick}")
        self._raw(f"USER {self.nick} 0 * :{self.nick}")
        self._raw("CAP END")  # standard servers hold registration until CAP END; Twitch ignores it
        self._raw(f"JOIN {self.channel}")
        self.connections += 1

    def _status(self, state: ChatState, error: ConnectorError | None = None, retry: float = 0):
        self.publish(ChatStatus(self.platform, self.spec, state, time.monotonic(), retry, error))

    def _run(self, emit: Emit) -> None:
        """Read; when the connection drops, pause (backoff) and connect again, until stopped."""
        while not self._stop.is_set():
            self._read(emit)
            if self._stop.is_set():
                break
            self.joined.clear()
            with contextlib.suppress(OSError):
                if self._sock is not None:
                    self._sock.close()
            while not self._stop.is_set():
                delay = self.backoff.next_delay()
                dropped = ConnectorError(
                    f"the Twitch chat connection to {self.host}:{self.port} dropped",
                    fix="nothing to do: Sola Studio reconnects",
                )
                log.info("twitch %s: connection dropped; again in %.1f s", self.channel, delay)
                self._status(ChatState.RECONNECTING, dropped, delay)
                if self._stop.wait(delay):
                    break
                try:
                    self._connect()
                    break
                except (ConnectorError, ConfigError) as exc:
                    log.info("twitch %s: %s", self.channel, exc.message)
        self._status(ChatState.STOPPED)

    def _raw(self, line: str) -> None:
        if self._sock is None:
            raise ConnectorError("not connected to Twitch chat", fix="start the comment desk")
        clean = line.replace("\r", " ").replace("\n", " ")
        try:
            with self._io_lock:
                self._sock.sendall((clean[:510] + "\r\n").encode("utf-8"))
        except OSError as exc:
            raise ConnectorError(
                f"Twitch chat connection lost: {exc}", fix="restart the comment desk"
            ) from exc

    def _read(self, emit: Emit) -> None:
        assert self._sock is not None
        sock = self._sock
        sock.settimeout(0.5)
        buf = b""
        # a login that never reaches the channel (a nick still in use after a drop) is retried
        join_by = time.monotonic() + self.timeout_s
        while not self._stop.is_set():
            if not self.joined.is_set() and time.monotonic() > join_by:
                log.info("twitch %s: not joined within %.0f s", self.channel, self.timeout_s)
                break
            try:
                pending = isinstance(sock, ssl.SSLSocket) and sock.pending() > 0
                if not pending and not select.select([sock], [], [], 0.5)[0]:
                    continue
                with self._io_lock:
                    data = sock.recv(4096)
            except (TimeoutError, ssl.SSLWantReadError):
                continue
            except (OSError, ValueError):  # closed under us by stop()
                break
            if not data:
                break
            buf += data
            while b"\r\n" in buf:
                raw, buf = buf.split(b"\r\n", 1)
                self._handle(raw.decode("utf-8", "replace"), emit)
        log.info("twitch reader for %s ended", self.channel)

    def _handle(self, line: str, emit: Emit) -> None:
        tags, prefix, command, params = _parse_irc(line)
        if command == "PING":
            self._raw("PONG :" + (params[-1] if params else ""))
        elif (
            command == "JOIN" and prefix.split("!")[0].lower() == self.nick.lower()
        ) or command in ("366", "ROOMSTATE"):
            if not self.joined.is_set():
                self.joined.set()
                self.backoff.reset()
                self._status(ChatState.CONNECTED)
        elif command == "PRIVMSG" and len(params) >= 2 and params[0].lower() == self.channel:
            login = prefix.split("!")[0]
            emit(
                Comment(
                    id=tags.get("id") or f"twitch-{next(self._ids)}",
                    platform=self.platform,
                    viewer_id=tags.get("user-id") or login,
                    viewer_name=tags.get("display-name") or login,
                    text=params[1],
                    t_capture=self.clock.monotonic(),
                    t_wall=self.clock.wall(),
                )
            )
        elif command == "NOTICE" and params and "authentication failed" in params[-1].lower():
            log.error("twitch login failed: %s", params[-1])

    def send(self, text: str, reply_to: Comment | None = None) -> None:
        with self._send_lock:
            wait = self._last_send + self.send_interval_s - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            prefix = ""
            if reply_to is not None and not reply_to.id.startswith("twitch-"):
                prefix = f"@reply-parent-msg-id={reply_to.id} "
            # Display names are the viewer's words: only name characters reach the chat.
            name = (
                "".join(ch for ch in reply_to.viewer_name if ch.isalnum() or ch == "_")[:25]
                if reply_to is not None
                else ""
            )
            mention = f"@{name} " if name else ""
            self._raw(f"{prefix}PRIVMSG {self.channel} :{mention}{text}")
            self._last_send = time.monotonic()

    def stop(self) -> None:
        self._stop.set()
        if self._sock is not None:
            with contextlib.suppress(ConnectorError):
                self._raw("QUIT :bye")
            with contextlib.suppress(OSError):
                self._sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
