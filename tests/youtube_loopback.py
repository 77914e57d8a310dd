"""A loopback stand-in for Google's servers, speaking the documented JSON of:

- ``GET /youtube/v3/liveBroadcasts`` (``broadcastStatus=active`` or ``id=``),
- ``GET /youtube/v3/liveChat/messages`` (``liveChatMessages.list``: ``pageToken`` in,
  ``nextPageToken`` and ``pollingIntervalMillis`` out),
- ``POST /youtube/v3/liveChat/messages`` (``liveChatMessages.insert``),
- Google errors (``{"error": {"code", "message", "errors": [{"reason"}]}}``, e.g. 403
  ``quotaExceeded``), and a dropped connection,
- OAuth: ``GET /auth`` (the consent page, which redirects back with a code) and ``POST /token``
  (authorization code with PKCE, refresh token).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import threading
import urllib.parse
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).isoformat().replace("+00:00", "Z")


class YouTubeLoopback:
    def __init__(self, poll_ms: int = 50, page_size: int = 200) -> None:
        self.poll_ms = poll_ms
        self.page_size = page_size
        self.broadcasts: list[dict[str, Any]] = []
        self.messages: list[dict[str, Any]] = []
        self.faults: list[
            tuple[Any, ...]
        ] = []  # for the next list calls: ("drop",), (code, reason)
        self.page_tokens: list[str | None] = []
        self.inserted: list[dict[str, Any]] = []
        self.valid_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.challenges: dict[str, str] = {}  # code -> PKCE challenge
        self.token_requests: list[dict[str, str]] = []
        self._n = itertools.count(1)
        self._cond = threading.Condition()
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.http.daemon_threads = True
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}"

    @property
    def api_base(self) -> str:
        return self.base + "/youtube/v3"

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()

    # --- state tests change ---------------------------------------------------------------------

    def add_broadcast(self, video_id: str, title: str, chat_id: str) -> None:
        self.broadcasts.append(
            {
                "kind": "youtube#liveBroadcast",
                "id": video_id,
                "snippet": {"title": title, "liveChatId": chat_id},
                "status": {"lifeCycleStatus": "live"},
            }
        )

    def say(
        self,
        channel: str,
        name: str,
        text: str,
        published: float,
        kind: str = "textMessageEvent",
        owner: bool = False,
        extra: dict[str, Any] | None = None,
    ) -> str:
        with self._cond:
            msg_id = f"LCC.{next(self._n)}"
            snippet: dict[str, Any] = {
                "type": kind,
                "liveChatId": "chat-1",
                "authorChannelId": channel,
                "publishedAt": iso(published),
                "displayMessage": text,
            }
            if kind == "textMessageEvent":
                snippet["textMessageDetails"] = {"messageText": text}
            snippet.update(extra or {})
            self.messages.append(
                {
                    "kind": "youtube#liveChatMessage",
                    "id": msg_id,
                    "snippet": snippet,
                    "authorDetails": {
                        "channelId": channel,
                        "displayName": name,
                        "isChatOwner": owner,
                        "isChatModerator": False,
                    },
                }
            )
            self._cond.notify_all()
            return msg_id

    def wait(self, ok: Any, timeout: float = 10.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: ok(self), timeout):
                raise AssertionError(f"loopback never reached the state; tokens={self.page_tokens}")

    # --- the server ------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _json(self, status: int, payload: object) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _error(self, code: int, reason: str, message: str = "") -> None:
                self._json(
                    code,
                    {
                        "error": {
                            "code": code,
                            "message": message or reason,
                            "errors": [{"domain": "youtube.api", "reason": reason}],
                        }
                    },
                )

            def _authorized(self) -> bool:
                auth = self.headers.get("Authorization", "")
                if auth.removeprefix("Bearer ") in owner.valid_tokens:
                    return True
                self._error(401, "authError", "Invalid Credentials")
                return False

            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                q = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
                if url.path == "/auth":  # the consent page: the seller clicks "Allow"
                    code = f"code-{next(owner._n)}"
                    owner.challenges[code] = q["code_challenge"]
                    back = (
                        q["redirect_uri"]
                        + "?"
                        + urllib.parse.urlencode(
                            {"code": code, "state": q["state"], "scope": q["scope"]}
                        )
                    )
                    self.send_response(302)
                    self.send_header("Location", back)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if not self._authorized():
                    return
                if url.path == "/youtube/v3/liveBroadcasts":
                    items = [
                        b
                        for b in owner.broadcasts
                        if "id" not in q or b["id"] in q["id"].split(",")
                    ]
                    self._json(200, {"kind": "youtube#liveBroadcastListResponse", "items": items})
                    return
                if url.path == "/youtube/v3/liveChat/messages":
                    with owner._cond:
                        owner.page_tokens.append(q.get("pageToken"))
                        fault = owner.faults.pop(0) if owner.faults else None
                        owner._cond.notify_all()
                    if fault == ("drop",):
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                    if fault == ("garbage",):
                        body = b"<html>502 Bad Gateway</html>"
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                        return
                    if fault is not None:
                        self._error(int(fault[0]), str(fault[1]))
                        return
                    with owner._cond:
                        start = int(q.get("pageToken") or 0)
                        items = owner.messages[start : start + owner.page_size]
                        nxt = start + len(items)
                    self._json(
                        200,
                        {
                            "kind": "youtube#liveChatMessageListResponse",
                            "pollingIntervalMillis": owner.poll_ms,
                            "nextPageToken": str(nxt),
                            "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
                            "items": items,
                        },
                    )
                    return
                self._error(404, "notFound")

            def do_POST(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if url.path == "/token":
                    form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
                    owner.token_requests.append(form)
                    if form.get("grant_type") == "authorization_code":
                        want = owner.challenges.pop(form.get("code", ""), None)
                        got = (
                            base64.urlsafe_b64encode(
                                hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                            )
                            .rstrip(b"=")
                            .decode()
                        )
                        if want is None or want != got:
                            self._json(400, {"error": "invalid_grant"})
                            return
                        refresh = f"rt-{next(owner._n)}"
                        owner.refresh_tokens.add(refresh)
                    elif form.get("refresh_token") in owner.refresh_tokens:
                        refresh = ""
                    else:
                        self._json(400, {"error": "invalid_grant", "error_description": "revoked"})
                        return
                    access = f"at-{next(owner._n)}"
                    owner.valid_tokens.add(access)
                    answer = {"access_token": access, "expires_in": 3599, "token_type": "Bearer"}
                    if refresh:
                        answer["refresh_token"] = refresh
                    self._json(200, answer)
                    return
                if not self._authorized():
                    return
                if url.path == "/youtube/v3/liveChat/messages":
                    sent = json.loads(body)
                    text = sent["snippet"]["textMessageDetails"]["messageText"]
                    msg_id = owner.say("UC-seller", "Sola Shop", text, 0, owner=True)
                    with owner._cond:
                        owner.inserted.append(sent)
                        owner._cond.notify_all()
                    self._json(200, {"kind": "youtube#liveChatMessage", "id": msg_id, **sent})
                    return
                self._error(404, "notFound")

        return Handler
