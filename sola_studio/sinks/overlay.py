"""The browser-source overlay: a local web page per caption language, updated live.

For sellers who compose their stream in OBS (or anything that takes a browser source), this
serves ``http://127.0.0.1:PORT/captions/<lang>``: a transparent page that shows the current
caption in that language, pushed by server-sent events from ``/events/<lang>``. One URL per
language; ``/`` lists them.

Built on the standard library's ``ThreadingHTTPServer`` (one thread per connected page; a page
holds one SSE connection). Each connection has its own bounded DROP_OLDEST queue, so a stalled
browser never holds back the publisher or the other pages. It binds to loopback unless told
otherwise: viewers' text and the seller's captions never leave the machine by default.

Never imports Qt; :meth:`OverlayServer.publish` never blocks.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources

from sola_studio.core.channels import Channel, Overflow
from sola_studio.core.errors import DeviceUnavailable
from sola_studio.core.events import Caption

log = logging.getLogger(__name__)

HEARTBEAT_S = 15.0  # an SSE comment this often keeps proxies and OBS from closing the stream


@dataclass(frozen=True)
class OverlayMessage:
    id: int
    text: str
    committed: bool

    def to_json(self) -> str:
        return json.dumps(
            {"id": self.id, "text": self.text, "committed": self.committed}, ensure_ascii=False
        )


class OverlayServer:
    """Serves one caption page per language in ``languages`` on ``host:port`` (0: any free port)."""

    def __init__(self, languages: Sequence[str], host: str = "127.0.0.1", port: int = 0) -> None:
        self.languages = tuple(languages)
        self._host = host
        self._port = port
        self._lock = threading.Lock()
        self._current: dict[str, OverlayMessage] = {}
        self._clients: dict[str, list[Channel[OverlayMessage]]] = {lang: [] for lang in languages}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._page = (
            resources.files("sola_studio.sinks").joinpath("overlay.html").read_text("utf-8")
        )

    @property
    def address(self) -> tuple[str, int]:
        if self._server is None:
            raise RuntimeError("overlay server not started")
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def url(self, language: str) -> str:
        host, port = self.address
        return f"http://{host}:{port}/captions/{language}"

    def start(self) -> OverlayServer:
        server_ref = self

        class Handler(_Handler):
            overlay = server_ref

        try:
            self._server = ThreadingHTTPServer((self._host, self._port), Handler)
        except OSError as exc:
            raise DeviceUnavailable(
                f"the overlay server cannot listen on {self._host}:{self._port}: {exc}",
                fix="choose another overlay port in the settings (0 picks a free one)",
            ) from exc
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="overlay-http", daemon=True
        )
        self._thread.start()
        log.info("caption overlay at http://%s:%d/", *self.address)
        return self

    def stop(self) -> None:
        with self._lock:
            for queues in self._clients.values():
                for q in queues:
                    q.close()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def publish(self, caption: Caption) -> None:
        """Push ``caption`` to every page of a language it has text in."""
        for lang in self.languages:
            text = caption.text_in(lang)
            if text is None:
                continue
            message = OverlayMessage(caption.id, text, caption.committed)
            with self._lock:
                self._current[lang] = message
                queues = list(self._clients[lang])
            for q in queues:
                q.put(message)

    on_caption = publish

    def clear(self) -> None:
        for lang in self.languages:
            with self._lock:
                self._current[lang] = OverlayMessage(-1, "", True)
                queues = list(self._clients[lang])
            for q in queues:
                q.put(self._current[lang])

    # -- used by the handler ---------------------------------------------------------------
    def _subscribe(self, lang: str) -> tuple[Channel[OverlayMessage], OverlayMessage | None]:
        q: Channel[OverlayMessage] = Channel(16, Overflow.DROP_OLDEST, f"overlay:{lang}")
        with self._lock:
            self._clients[lang].append(q)
            return q, self._current.get(lang)

    def _unsubscribe(self, lang: str, q: Channel[OverlayMessage]) -> None:
        with self._lock:
            if q in self._clients[lang]:
                self._clients[lang].remove(q)


class _Handler(BaseHTTPRequestHandler):
    overlay: OverlayServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        log.debug("overlay %s: " + format, self.client_address[0], *args)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        parts = [p for p in self.path.split("?")[0].split("/") if p]
        langs = self.overlay.languages
        if not parts:
            links = "".join(f'<li><a href="/captions/{lang}">{lang}</a></li>' for lang in langs)
            self._send(HTTPStatus.OK, f"<ul>{links}</ul>".encode(), "text/html; charset=utf-8")
        elif len(parts) == 2 and parts[0] == "captions" and parts[1] in langs:
            page = self.overlay._page.replace("{lang}", parts[1])
            self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8")
        elif len(parts) == 2 and parts[0] == "events" and parts[1] in langs:
            self._stream(parts[1])
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

    def _stream(self, lang: str) -> None:
        q, current = self.overlay._subscribe(lang)
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            if current is not None:
                self._event(current)
            while True:
                item = q.get(timeout=HEARTBEAT_S)
                if item is None:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                elif isinstance(item, OverlayMessage):
                    self._event(item)
                else:
                    break
        except (BrokenPipeError, ConnectionResetError):
            log.debug("overlay page for %s disconnected", lang)
        finally:
            self.overlay._unsubscribe(lang, q)

    def _event(self, message: OverlayMessage) -> None:
        self.wfile.write(f"data: {message.to_json()}\n\n".encode())
        self.wfile.flush()
