"""A loopback stand-in for TikTok LIVE's two servers, speaking their wire format with the
TikTokLive library's own protobuf classes:

- the signing server's ``GET /webcast/fetch``: answers a ``ProtoMessageFetchResult`` (raw
  protobuf) whose ``push_server`` is our WebSocket, with the ``X-Set-TT-Cookie`` header;
- the Webcast push WebSocket: pushes ``WebcastPushFrame``s (``payload_type="msg"``, gzip'd
  ``ProtoMessageFetchResult`` of ``BaseProtoMessage``s) and records what the client sends
  (``im_enter_room``, heartbeats ``hb``, ``ack``s).

The client on the other side is TikTokLive's real ``TikTokLiveClient``: its HTTP signer, its
WebSocket connection, its frame decoder and its event parsing all run.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import itertools
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from TikTokLive.proto import (
    BaseProtoMessage,
    CommonMessageData,
    ProtoMessageFetchResult,
    PushHeader,
    User,
    WebcastChatMessage,
    WebcastGiftMessage,
    WebcastLikeMessage,
    WebcastMemberMessage,
    WebcastPushFrame,
    WebcastSocialMessage,
)
from TikTokLiveProto.v3.webcast.model import Gift
from TikTokLiveProto.v3.webcast.model.message.common import Text
from websockets.asyncio.server import ServerConnection, serve

_ids = itertools.count(7_000_000_000_000_000_000)


def user(uid: int, handle: str, nickname: str) -> User:
    return User(id=uid, display_id=handle, nickname=nickname)


def _common(method: str, msg_id: int | None = None, display_key: str = "") -> CommonMessageData:
    common = CommonMessageData(method=method, msg_id=msg_id or next(_ids), room_id=1234)
    if display_key:  # set after construction: pydantic cannot resolve the Text annotation
        common.display_text = Text(key=display_key)
    return common


def _msg(method: str, payload: Any) -> BaseProtoMessage:
    return BaseProtoMessage(method=method, payload=bytes(payload), msg_id=next(_ids))


def chat(u: User, text: str, msg_id: int | None = None) -> BaseProtoMessage:
    m = "WebcastChatMessage"
    return _msg(m, WebcastChatMessage(common=_common(m, msg_id), user=u, content=text))


def join(u: User) -> BaseProtoMessage:
    m = "WebcastMemberMessage"
    return _msg(m, WebcastMemberMessage(common=_common(m), user=u, member_count=12))


def like(u: User, count: int) -> BaseProtoMessage:
    m = "WebcastLikeMessage"
    return _msg(m, WebcastLikeMessage(common=_common(m), user=u, count=count, total=100))


def gift(u: User, name: str, repeat: int, streak_over: bool) -> BaseProtoMessage:
    m = "WebcastGiftMessage"
    g = Gift(id=5655, name=name, type=1, diamond_count=1)  # type 1: a streakable gift
    return _msg(
        m,
        WebcastGiftMessage(
            common=_common(m),
            user=u,
            gift_id=5655,
            gift=g,
            repeat_count=repeat,
            repeat_end=1 if streak_over else 0,
        ),
    )


def share(u: User) -> BaseProtoMessage:
    m = "WebcastSocialMessage"
    social = WebcastSocialMessage(user=u, share_count=1, action=3)
    social.common = _common(m, display_key="pm_mt_guidance_share")  # see _common
    return _msg(m, social)


def follow(u: User) -> BaseProtoMessage:
    m = "WebcastSocialMessage"
    social = WebcastSocialMessage(user=u, follow_count=1, action=1)
    social.common = _common(m, display_key="pm_main_follow_message_viewer_2")  # see _common
    return _msg(m, social)


class TikTokLoopback:
    """Both servers on 127.0.0.1; ``sign_api_base`` and ``push(...)`` are what tests use."""

    def __init__(self) -> None:
        self.sign_requests = 0
        self.sign_status: list[tuple[int, dict[str, str], bytes]] = []  # queued odd answers
        self.client_frames: list[str] = []
        self.connections: list[ServerConnection] = []
        self.opened = 0
        self._cond = threading.Condition()
        self._seq = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run_ws, daemon=True)
        self._thread.start()
        self._ready.wait(10)
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._sign_handler())
        self._http.daemon_threads = True
        threading.Thread(target=self._http.serve_forever, daemon=True).start()

    # --- servers -------------------------------------------------------------------------------

    @property
    def sign_api_base(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def _run_ws(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def main() -> None:
            self._server = await serve(self._on_ws, "127.0.0.1", 0, max_size=None)
            self.ws_port = self._server.sockets[0].getsockname()[1]
            self._ready.set()
            await self._server.serve_forever()

        with contextlib.suppress(asyncio.CancelledError):
            self._loop.run_until_complete(main())

    async def _on_ws(self, ws: ServerConnection) -> None:
        with self._cond:
            self.connections.append(ws)
            self.opened += 1
            self._cond.notify_all()
        try:
            async for data in ws:
                frame = WebcastPushFrame().parse(data if isinstance(data, bytes) else data.encode())
                with self._cond:
                    self.client_frames.append(frame.payload_type)
                    self._cond.notify_all()
        except Exception:
            pass
        finally:
            with self._cond:
                if ws in self.connections:
                    self.connections.remove(ws)
                self._cond.notify_all()

    def _sign_handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                with owner._cond:
                    owner.sign_requests += 1
                    odd = owner.sign_status.pop(0) if owner.sign_status else None
                    owner._cond.notify_all()
                if odd is not None:
                    status, headers, body = odd
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                first = ProtoMessageFetchResult(
                    cursor="1700000000000_1_1",
                    push_server=f"ws://127.0.0.1:{owner.ws_port}/webcast/im/push/v2/",
                    route_params={"im_path": "/webcast/im/fetch/", "wrss": "loopback"},
                    is_first=True,
                    fetch_interval=1000,
                    internal_ext="first",
                    heartbeat_duration=10000,
                )
                body = bytes(first)
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("X-Set-TT-Cookie", "ttwid=loopback; tt-target-idc=useast1a")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler

    # --- what tests do ----------------------------------------------------------------------------

    def frame(self, messages: list[BaseProtoMessage], compress: bool = True) -> bytes:
        result = ProtoMessageFetchResult(
            messages=messages, cursor=f"c{next(self._seq)}", need_ack=True, internal_ext="ext"
        )
        payload = bytes(result)
        headers = []
        if compress:
            payload = gzip.compress(payload)
            headers = [PushHeader(key="compress_type", value="gzip")]
        n = next(self._seq)
        return bytes(
            WebcastPushFrame(
                seq_id=n,
                log_id=n,
                payload_type="msg",
                payload_encoding="pb",
                headers=headers,
                payload=payload,
            )
        )

    def send_raw(self, data: bytes) -> None:
        async def go() -> None:
            for ws in list(self.connections):
                await ws.send(data)

        asyncio.run_coroutine_threadsafe(go(), self._loop).result(10)

    def push(self, *messages: BaseProtoMessage, compress: bool = True) -> None:
        self.send_raw(self.frame(list(messages), compress))

    def drop(self) -> None:
        """Cut every connection without a closing handshake, as a network failure does."""

        def go() -> None:
            for ws in list(self.connections):
                ws.transport.abort()

        self._loop.call_soon_threadsafe(go)

    def wait(self, ok: Any, timeout: float = 15.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: ok(self), timeout):
                raise AssertionError(
                    f"loopback never reached the state (opened={self.opened}, "
                    f"live={len(self.connections)}, frames={self.client_frames[-5:]})"
                )

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()

        async def go() -> None:
            self._server.close()
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(go(), self._loop).result(10)
        self._thread.join(timeout=10)


def loopback() -> Iterator[TikTokLoopback]:
    server = TikTokLoopback()
    try:
        yield server
    finally:
        server.close()
