"""YouTube Live chat, read and reply, through the official YouTube Data API v3.

OFFICIAL. Reading polls ``liveChatMessages.list`` at the interval the server asks for
(``pollingIntervalMillis``) from the page it points to (``nextPageToken``); a reply is
``liveChatMessages.insert``. The seller's broadcast is found with ``liveBroadcasts.list``
(``youtube:auto``: the one active broadcast; ``youtube:VIDEO_ID``: that one).

Sign-in is OAuth 2.0 for installed apps (RFC 8252): the browser opens Google's consent page,
Google redirects to a one-shot listener on 127.0.0.1, and the code is exchanged with PKCE.
The seller brings the OAuth client (a "Desktop app" client from their Google Cloud project,
downloaded as JSON): YouTube's API quota belongs to that project. The token (refresh token
included) lives only in the OS keyring (:class:`~sola_studio.store.tokens.TokenVault`).

Quota: a project gets 10,000 units a day by default; each ``list`` costs 5 units and each
``insert`` 50, so polling every 3 s uses about 6,000 units an hour. When it runs out the API
answers 403 ``quotaExceeded``: the connector stops and says so, with the fix.

The HTTP client is plain ``urllib`` with a configurable ``base_url``, so tests drive this
exact code against a loopback server speaking the documented JSON.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import itertools
import json
import logging
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

from sola_studio.chat.backoff import Backoff
from sola_studio.chat.events import (
    ActivityKind,
    ChatState,
    ChatStatus,
    Publish,
    ViewerActivity,
    discard,
)
from sola_studio.comments.sources import Emit
from sola_studio.core.clock import Clock, SystemClock
from sola_studio.core.errors import ConfigError, ConnectorError
from sola_studio.core.events import Comment
from sola_studio.store.tokens import TokenVault

log = logging.getLogger(__name__)

API_BASE = "https://www.googleapis.com/youtube/v3"
AUTH_URI = "https://accounts.google.com/o/oauth2/v2/auth"
TOKEN_URI = "https://oauth2.googleapis.com/token"
SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl"  # read the chat and post in it
MAX_MESSAGE_CHARS = 200  # liveChatMessages.insert refuses longer texts
LOGIN_FIX = "sign in: sola-studio chat youtube login [--client FILE.json]"


class YouTubeQuotaExceeded(ConnectorError):
    """The Google Cloud project's daily YouTube API quota is used up."""


# --- OAuth -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OAuthClient:
    """An OAuth client of type "Desktop app", as Google's downloaded JSON describes it."""

    client_id: str
    client_secret: str = ""  # not a secret for installed apps (Google still asks for it)
    auth_uri: str = AUTH_URI
    token_uri: str = TOKEN_URI

    @classmethod
    def from_file(cls, path: str | Path) -> OAuthClient:
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"cannot read the YouTube OAuth client file {p}: {exc}",
                fix="download it from Google Cloud Console > APIs & Services > Credentials "
                "(OAuth client ID, type Desktop app)",
            ) from exc
        block = data.get("installed") if isinstance(data, dict) else None
        if not isinstance(block, dict) or not block.get("client_id"):
            raise ConfigError(
                f"{p} is not an OAuth client for a desktop app",
                fix="create an OAuth client ID of type 'Desktop app' and download its JSON",
            )
        return cls(
            str(block["client_id"]),
            str(block.get("client_secret") or ""),
            str(block.get("auth_uri") or AUTH_URI),
            str(block.get("token_uri") or TOKEN_URI),
        )


def _post_form(url: str, fields: dict[str, str], timeout: float = 20.0) -> dict[str, Any]:
    data = urllib.parse.urlencode(fields).encode()
    req = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return dict(json.loads(r.read()))
    except urllib.error.HTTPError as exc:
        try:
            body = json.loads(exc.read() or b"{}")
        except ValueError:
            body = {}
        reason = body.get("error_description") or body.get("error") or exc.reason
        if body.get("error") == "invalid_grant":
            raise ConnectorError(
                f"Google no longer accepts this YouTube sign-in ({reason})", fix=LOGIN_FIX
            ) from exc
        raise ConnectorError(f"Google refused the sign-in: {reason}", fix=LOGIN_FIX) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ConnectorError(
            f"cannot reach Google's sign-in server: {exc}", fix="check the internet connection"
        ) from exc


class YouTubeAuth:
    """Sign in once (:meth:`login`), then hand out fresh access tokens (:meth:`access_token`).

    The token set is kept as JSON in the OS keyring under (``youtube``, client id)."""

    def __init__(
        self,
        client: OAuthClient,
        vault: TokenVault | None = None,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.vault = vault or TokenVault()
        self._now = now
        self._lock = threading.Lock()
        self._cached: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any] | None:
        if self._cached is None:
            raw = self.vault.get_token("youtube", self.client.client_id)
            self._cached = json.loads(raw) if raw else None
        return self._cached

    def _save(self, tokens: dict[str, Any]) -> None:
        self.vault.set_token("youtube", self.client.client_id, json.dumps(tokens))
        self._cached = tokens

    def signed_in(self) -> bool:
        tokens = self._load()
        return bool(tokens and tokens.get("refresh_token"))

    def login(self, open_url: Callable[[str], object], timeout_s: float = 300.0) -> None:
        """Run the browser sign-in: ``open_url`` shows Google's page (``webbrowser.open``)."""
        verifier = secrets.token_urlsafe(64)
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        state = secrets.token_urlsafe(16)
        got: dict[str, str] = {}
        done = threading.Event()

        class Redirect(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                if "state" not in query:  # a favicon or a stray request
                    self.send_response(404)
                    self.end_headers()
                    return
                got.update({k: v[0] for k, v in query.items()})
                body = b"Sola Studio is signed in to YouTube. You can close this tab."
                if "error" in got:
                    body = f"YouTube sign-in failed: {got['error']}".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                done.set()

        server = HTTPServer(("127.0.0.1", 0), Redirect)
        redirect_uri = f"http://127.0.0.1:{server.server_address[1]}/"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = (
                self.client.auth_uri
                + "?"
                + urllib.parse.urlencode(
                    {
                        "client_id": self.client.client_id,
                        "redirect_uri": redirect_uri,
                        "response_type": "code",
                        "scope": SCOPE,
                        "code_challenge": challenge,
                        "code_challenge_method": "S256",
                        "state": state,
                        "access_type": "offline",  # a refresh token, so one sign-in lasts
                        "prompt": "consent",
                    }
                )
            )
            open_url(url)
            if not done.wait(timeout_s):
                raise ConnectorError(
                    "no answer from the YouTube sign-in page", fix="sign in again and approve"
                )
        finally:
            server.shutdown()
            server.server_close()
        if got.get("state") != state:
            raise ConnectorError("the sign-in answer did not match", fix="sign in again")
        if "error" in got or "code" not in got:
            raise ConnectorError(
                f"YouTube sign-in was not approved ({got.get('error', 'no code')})",
                fix="sign in again and allow Sola Studio to manage your YouTube chat",
            )
        tokens = _post_form(
            self.client.token_uri,
            {
                "grant_type": "authorization_code",
                "code": got["code"],
                "redirect_uri": redirect_uri,
                "client_id": self.client.client_id,
                "client_secret": self.client.client_secret,
                "code_verifier": verifier,
            },
        )
        self._store(tokens)

    def _store(self, answer: dict[str, Any], old: dict[str, Any] | None = None) -> None:
        if not answer.get("access_token"):
            raise ConnectorError("Google's answer had no access token", fix=LOGIN_FIX)
        tokens = {
            "access_token": answer["access_token"],
            "refresh_token": answer.get("refresh_token") or (old or {}).get("refresh_token"),
            "expires_at": self._now() + float(answer.get("expires_in") or 3600),
            "scope": answer.get("scope", SCOPE),
        }
        self._save(tokens)

    def access_token(self, force_refresh: bool = False) -> str:
        with self._lock:
            tokens = self._load()
            if not tokens or not tokens.get("refresh_token"):
                raise ConnectorError("Sola Studio is not signed in to YouTube", fix=LOGIN_FIX)
            if force_refresh or self._now() > float(tokens.get("expires_at", 0)) - 60:
                answer = _post_form(
                    self.client.token_uri,
                    {
                        "grant_type": "refresh_token",
                        "refresh_token": tokens["refresh_token"],
                        "client_id": self.client.client_id,
                        "client_secret": self.client.client_secret,
                    },
                )
                self._store(answer, tokens)
                tokens = self._load() or tokens
            return str(tokens["access_token"])

    def logout(self) -> bool:
        self._cached = None
        return self.vault.delete_token("youtube", self.client.client_id)


# --- the Data API ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Broadcast:
    video_id: str
    title: str
    live_chat_id: str


class _Retryable(ConnectorError):
    """A failure worth trying again after a pause (network, 5xx, rate limit)."""


class _NotLiveYet(_Retryable):
    """The channel has no active broadcast yet: looked for again until it has."""


class YouTubeApi:
    """The four Data API calls the connector needs, over urllib."""

    def __init__(
        self, auth: YouTubeAuth, base_url: str = API_BASE, timeout_s: float = 20.0
    ) -> None:
        self.auth = auth
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s

    def _call(
        self, method: str, path: str, params: dict[str, str], body: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        url = f"{self.base_url}/{path}?{urllib.parse.urlencode(params)}"
        for attempt in (0, 1):
            token = self.auth.access_token(force_refresh=attempt == 1)
            headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                headers["Content-Type"] = "application/json"
            req = urllib.request.Request(url, data=data, headers=headers, method=method)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout_s) as r:
                    return dict(json.loads(r.read() or b"{}"))
            except urllib.error.HTTPError as exc:
                if exc.code == 401 and attempt == 0:
                    continue  # the access token expired early: refresh once
                raise _api_error(exc) from exc
            except (urllib.error.URLError, OSError, ValueError) as exc:
                raise _Retryable(
                    f"cannot reach YouTube: {getattr(exc, 'reason', exc)}",
                    fix="check the internet connection; Sola Studio keeps trying",
                ) from exc
        raise ConnectorError("YouTube refused the sign-in", fix=LOGIN_FIX)

    def broadcasts(self, video_id: str | None = None) -> list[Broadcast]:
        params = {"part": "snippet,status", "maxResults": "50"}
        if video_id:
            params["id"] = video_id
        else:
            params.update(broadcastStatus="active", broadcastType="all")
        answer = self._call("GET", "liveBroadcasts", params)
        found = []
        for item in answer.get("items") or []:
            snippet = item.get("snippet") or {}
            if snippet.get("liveChatId"):
                found.append(
                    Broadcast(
                        str(item.get("id")), str(snippet.get("title", "")), snippet["liveChatId"]
                    )
                )
        return found

    def messages(self, live_chat_id: str, page_token: str | None) -> dict[str, Any]:
        params = {
            "liveChatId": live_chat_id,
            "part": "snippet,authorDetails",
            "maxResults": "2000",
        }
        if page_token:
            params["pageToken"] = page_token
        return self._call("GET", "liveChat/messages", params)

    def insert(self, live_chat_id: str, text: str) -> dict[str, Any]:
        body = {
            "snippet": {
                "liveChatId": live_chat_id,
                "type": "textMessageEvent",
                "textMessageDetails": {"messageText": text},
            }
        }
        return self._call("POST", "liveChat/messages", {"part": "snippet"}, body)


def _api_error(exc: urllib.error.HTTPError) -> ConnectorError:
    """Google's JSON error -> a typed error that says what happened and what to do."""
    try:
        err = json.loads(exc.read() or b"{}").get("error") or {}
    except ValueError:
        err = {}
    reasons = [e.get("reason", "") for e in err.get("errors") or [] if isinstance(e, dict)]
    reason = reasons[0] if reasons else ""
    message = str(err.get("message") or exc.reason)
    if reason in ("quotaExceeded", "dailyLimitExceeded"):
        return YouTubeQuotaExceeded(
            "YouTube's daily API quota for your Google Cloud project is used up "
            "(10,000 units a day by default; each chat poll costs 5, each reply 50)",
            fix="it resets at midnight Pacific time; ask Google for more quota "
            "(Cloud Console > IAM & Admin > Quotas), or read this show through the local "
            "endpoint (--comments webhook) with a chat aggregator",
        )
    if reason in ("rateLimitExceeded", "userRateLimitExceeded") or exc.code == 429:
        return _Retryable(
            f"YouTube asks to slow down ({message})", fix="nothing to do: Sola Studio waits"
        )
    if reason == "liveChatEnded":
        return ConnectorError("the YouTube live chat has ended", fix="start a new broadcast")
    if reason in ("liveChatNotFound", "liveBroadcastNotFound", "videoNotFound"):
        return ConnectorError(
            f"YouTube has no live chat there ({message})",
            fix="check the video id in --comments youtube:VIDEO_ID, or use youtube:auto",
        )
    if reason == "liveChatDisabled":
        return ConnectorError(
            "the broadcast's live chat is turned off", fix="turn on live chat in YouTube Studio"
        )
    if exc.code in (401, 403):
        return ConnectorError(
            f"YouTube refused the request ({reason or exc.code}: {message})",
            fix="sign in again with the YouTube account that owns the broadcast: " + LOGIN_FIX,
        )
    if exc.code >= 500:
        return _Retryable(f"YouTube is having trouble ({exc.code})", fix="Sola Studio retries")
    return ConnectorError(f"YouTube answered {exc.code}: {message}", fix="report this")


# --- the comment source --------------------------------------------------------------------------


def _epoch(value: object, default: float) -> float:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            pass
    return default


class YouTubeLiveSource:
    """Reads one broadcast's live chat and posts replies in it.

    ``target`` is ``auto`` (the only active broadcast of the signed-in channel) or a video id.
    Messages published more than ``backlog_s`` before the connector started are not comments
    of this show (YouTube's first page repeats recent history). ``min_poll_s`` is a floor on
    the server's polling interval, to spend less quota.
    """

    platform = "youtube"
    can_send = True

    def __init__(
        self,
        api: YouTubeApi,
        target: str = "auto",
        *,
        clock: Clock | None = None,
        publish: Publish = discard,
        backoff: Backoff | None = None,
        backlog_s: float = 120.0,
        min_poll_s: float = 0.0,
        spec: str | None = None,
    ) -> None:
        self.api = api
        self.target = target or "auto"
        self.clock = clock or SystemClock()
        self.publish = publish
        self.backoff = backoff or Backoff(first_s=2.0, max_s=60.0)
        self.backlog_s = backlog_s
        self.min_poll_s = min_poll_s
        self.spec = spec or f"youtube:{self.target}"
        self.broadcast: Broadcast | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._own: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._seen: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._send_lock = threading.Lock()
        self._ids = itertools.count(1)
        self.polls = 0
        self.error: ConnectorError | None = None
        self._first_wait = 0.0

    def _status(self, state: ChatState, error: ConnectorError | None = None, retry: float = 0):
        self.publish(ChatStatus(self.platform, self.spec, state, time.monotonic(), retry, error))

    def resolve(self) -> Broadcast:
        """The broadcast whose chat to read; a ConnectorError naming the choices otherwise."""
        if self.target != "auto":
            found = self.api.broadcasts(self.target)
            if not found:
                raise ConnectorError(
                    f"no live broadcast with chat has the id {self.target}",
                    fix="copy the id from the watch URL (youtube.com/watch?v=ID) of your own "
                    "broadcast, or use youtube:auto",
                )
            return found[0]
        found = self.api.broadcasts()
        if not found:
            raise _NotLiveYet(
                "your YouTube channel has no active live broadcast yet",
                fix="start the broadcast in YouTube Studio; Sola Studio keeps looking (or pass "
                "youtube:VIDEO_ID of a scheduled one)",
            )
        if len(found) > 1:
            names = "; ".join(f"{b.video_id} ({b.title})" for b in found)
            raise ConnectorError(
                f"your channel has {len(found)} active broadcasts: {names}",
                fix="pick one: --comments youtube:VIDEO_ID",
            )
        return found[0]

    def start(self, emit: Emit) -> None:
        """Find the broadcast and start polling its chat. Raises for what waiting cannot fix
        (not signed in, several broadcasts, an unknown video id); a broadcast not started yet
        or a network failure is looked for again in the background."""
        self._status(ChatState.CONNECTING)
        try:
            self.broadcast = self.resolve()
        except _Retryable as exc:
            delay = self.backoff.next_delay()
            log.info("YouTube: %s; looking again in %.1f s", exc.message, delay)
            self._status(ChatState.RECONNECTING, exc, delay)
            self._first_wait = delay
        except ConnectorError as exc:
            self._status(ChatState.STOPPED, exc)
            raise
        else:
            log.info("YouTube: reading the chat of %s", self.broadcast.video_id)
            self._status(ChatState.CONNECTED)
        self._thread = threading.Thread(
            target=self._poll, args=(emit, self.clock.wall()), name="youtube-chat", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=self.api.timeout_s + 2)

    def _wait_for_broadcast(self) -> Broadcast | None:
        """Look for the broadcast again, with backoff, until found (None: stopped or fatal)."""
        delay = self._first_wait
        while not self._stop.wait(delay):
            try:
                found = self.resolve()
            except _Retryable as exc:
                delay = self.backoff.next_delay()
                self._status(ChatState.RECONNECTING, exc, delay)
                continue
            except ConnectorError as exc:
                self.error = exc
                self._status(ChatState.STOPPED, exc)
                return None
            self.backoff.reset()
            log.info("YouTube: reading the chat of %s", found.video_id)
            self._status(ChatState.CONNECTED)
            return found
        return None

    def _poll(self, emit: Emit, started_wall: float) -> None:
        if self.broadcast is None:
            self.broadcast = self._wait_for_broadcast()
            if self.broadcast is None:
                if self._stop.is_set():
                    self._status(ChatState.STOPPED)
                return
        chat_id = self.broadcast.live_chat_id
        page: str | None = None
        trouble = False
        while not self._stop.is_set():
            try:
                answer = self.api.messages(chat_id, page)
            except _Retryable as exc:
                delay = self.backoff.next_delay()
                log.info("YouTube: %s; again in %.1f s", exc.message, delay)
                self._status(ChatState.RECONNECTING, exc, delay)
                trouble = True
                self._stop.wait(delay)
                continue
            except ConnectorError as exc:  # quota, chat ended, signed out: retrying won't help
                log.warning("YouTube chat stopped: %s", exc.message)
                self.error = exc
                self._status(ChatState.STOPPED, exc)
                return
            self.polls += 1
            if trouble:
                trouble = False
                self.backoff.reset()
                self._status(ChatState.CONNECTED)
            page = answer.get("nextPageToken") or page
            for item in answer.get("items") or []:
                self._item(item, emit, started_wall - self.backlog_s)
            if answer.get("offlineAt"):
                ended = ConnectorError("the YouTube broadcast went offline", fix="start it again")
                self.error = ended
                self._status(ChatState.STOPPED, ended)
                return
            wait_ms = answer.get("pollingIntervalMillis")
            wait = float(wait_ms) / 1000.0 if isinstance(wait_ms, int | float) else 5.0
            self._stop.wait(max(wait, self.min_poll_s))
        self._status(ChatState.STOPPED)

    def _fresh(self, msg_id: str) -> bool:
        if msg_id in self._seen or msg_id in self._own:
            return False
        self._seen[msg_id] = None
        while len(self._seen) > 20_000:
            self._seen.popitem(last=False)
        return True

    def _item(self, item: dict[str, Any], emit: Emit, not_before: float) -> None:
        if not isinstance(item, dict):
            return
        msg_id = str(item.get("id") or "")
        snippet = item.get("snippet") if isinstance(item.get("snippet"), dict) else {}
        author = item.get("authorDetails") if isinstance(item.get("authorDetails"), dict) else {}
        assert isinstance(snippet, dict) and isinstance(author, dict)
        if msg_id and not self._fresh(msg_id):
            return
        if author.get("isChatOwner"):
            return  # the seller's own messages (and our replies) are not viewer comments
        published = _epoch(snippet.get("publishedAt"), self.clock.wall())
        if published < not_before:
            return
        kind = str(snippet.get("type") or "")
        viewer = str(author.get("channelId") or snippet.get("authorChannelId") or "")
        name = str(author.get("displayName") or viewer or "viewer")
        text = ""
        if kind == "textMessageEvent":
            text = str((snippet.get("textMessageDetails") or {}).get("messageText") or "")
        elif kind in ("superChatEvent", "superStickerEvent"):
            details = snippet.get("superChatDetails") or snippet.get("superStickerDetails") or {}
            self._activity(
                ActivityKind.GIFT, viewer, name, str(details.get("amountDisplayString", ""))
            )
            text = str(details.get("userComment") or "")
        elif kind in ("newSponsorEvent", "memberMilestoneChatEvent", "membershipGiftingEvent"):
            self._activity(ActivityKind.MEMBER, viewer, name, kind)
            if kind == "memberMilestoneChatEvent":
                text = str(
                    (snippet.get("memberMilestoneChatDetails") or {}).get("userComment") or ""
                )
        if not text.strip():
            return
        emit(
            Comment(
                id=f"youtube:{msg_id}" if msg_id else f"youtube#{next(self._ids)}",
                platform=self.platform,
                viewer_id=viewer or "unknown",
                viewer_name=name,
                text=text,
                t_capture=self.clock.monotonic(),
                t_wall=published,
            )
        )

    def _activity(self, kind: ActivityKind, viewer: str, name: str, detail: str) -> None:
        self.publish(
            ViewerActivity(
                platform=self.platform,
                kind=kind,
                viewer_id=viewer,
                viewer_name=name,
                count=1,
                detail=detail,
                t_capture=self.clock.monotonic(),
                t_wall=self.clock.wall(),
            )
        )

    def send(self, text: str, reply_to: Comment | None = None) -> None:
        if self.broadcast is None:
            raise ConnectorError("the YouTube chat is not connected", fix="start the comments")
        mention = f"@{reply_to.viewer_name} " if reply_to is not None else ""
        message = (mention + text).replace("\r", " ").replace("\n", " ").strip()
        if len(message) > MAX_MESSAGE_CHARS:
            raise ConnectorError(
                f"the reply is {len(message)} characters; YouTube chat takes {MAX_MESSAGE_CHARS}",
                fix="shorten the reply and send it again",
            )
        with self._send_lock:
            try:
                answer = self.api.insert(self.broadcast.live_chat_id, message)
            except _Retryable as exc:
                raise ConnectorError(exc.message, fix="send the reply again in a moment") from exc
        posted = str(answer.get("id") or "")
        if posted:
            self._own[posted] = None  # it comes back in the next list: not a viewer comment
            while len(self._own) > 5000:
                self._own.popitem(last=False)
