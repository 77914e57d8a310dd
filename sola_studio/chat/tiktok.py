"""TikTok LIVE comments (read only) through the TikTokLive library, an optional extra.

UNOFFICIAL. TikTok publishes no API for reading LIVE chat; TikTokLive (``pip install
'sola-studio[tiktok]'``, modified AGPL-3.0, never bundled in the packaged app) reads the same
WebSocket the TikTok web player reads. It asks a third-party signing service (Euler Stream, by
default ``https://api.eulerstream.com``) for a signed connection URL, sending it the creator's
@name and room id. It can break whenever TikTok changes its site; the window says so.

What it does: comments become :class:`~sola_studio.core.events.Comment` (platform ``tiktok``);
joins, likes, finished gift streaks, shares and follows become
:class:`~sola_studio.chat.events.ViewerActivity` for the desk and the report. A dropped
connection, a LIVE that has not started yet or has ended, and rate limits are retried with
backoff (:class:`~sola_studio.chat.backoff.Backoff`); each change is a
:class:`~sola_studio.chat.events.ChatStatus`. An unknown account, an age-restricted LIVE or a
library that no longer fits TikTok stop the connector with the fix.

Replies: TikTok offers no supported way to post in a LIVE chat, so ``can_send`` is False and
the desk copies an approved reply to the clipboard (see
:class:`~sola_studio.comments.senders.PlatformSender`). It never posts on the seller's behalf.

The library runs its asyncio client on this connector's own thread and event loop; its
handlers only call ``emit`` (the desk's non-blocking submit) and ``publish``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import importlib
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
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
from sola_studio.core.errors import ConnectorError, SolaError
from sola_studio.core.events import Comment

log = logging.getLogger(__name__)

INSTALL_FIX = "pip install 'sola-studio[tiktok]' (or: pip install -U TikTokLive)"
UNOFFICIAL_NOTE = (
    "TikTok LIVE comments are read through TikTokLive, an unofficial library: it may stop "
    "working when TikTok changes its site, until the library is updated."
)
MIN_MAJOR = 6
# Unreadable data this many connections in a row, with nothing read in between: the library no
# longer fits what TikTok sends (one odd frame is a retry, not a verdict).
MAX_UNREADABLE = 3


class _Retry(Exception):
    def __init__(
        self, error: ConnectorError, delay_s: float | None = None, unreadable: bool = False
    ) -> None:
        super().__init__(error.message)
        self.error, self.delay_s, self.unreadable = error, delay_s, unreadable


def load_library() -> Any:
    """The TikTokLive client module, or a ConnectorError that says how to install it."""
    try:
        version = importlib.import_module("TikTokLive.__version__").PACKAGE_VERSION
        client_mod = importlib.import_module("TikTokLive.client.client")
    except ImportError as exc:
        raise ConnectorError(
            "TikTok LIVE needs the optional TikTokLive library, which is not installed",
            fix=INSTALL_FIX,
        ) from exc
    major = int(str(version).split(".")[0] or 0)
    if major < MIN_MAJOR:
        raise ConnectorError(
            f"TikTokLive {version} is too old for TikTok LIVE today", fix=INSTALL_FIX
        )
    return client_mod


@dataclass(frozen=True)
class TikTokOptions:
    """How to reach TikTok. The defaults are the library's; tests point ``sign_api_base`` at a
    loopback server and pass ``room_id`` with ``live_check=False``, which skips the two steps
    that read tiktok.com itself (finding the room id in the LIVE page, asking whether the
    creator is live)."""

    sign_api_base: str | None = None
    sign_api_key: str | None = None
    room_id: int | None = None
    live_check: bool = True
    connect_timeout_s: float = 20.0


class TikTokSource:
    platform = "tiktok"
    can_send = False  # no supported way to post: replies go to the clipboard

    def __init__(
        self,
        unique_id: str,
        *,
        options: TikTokOptions | None = None,
        clock: Clock | None = None,
        publish: Publish = discard,
        backoff: Backoff | None = None,
        spec: str | None = None,
        client_factory: Callable[[str], Any] | None = None,
    ) -> None:
        self.unique_id = unique_id.strip().lstrip("@")
        if not self.unique_id:
            raise ConnectorError("no TikTok account given", fix="pass --comments tiktok:@yourname")
        self.options = options or TikTokOptions()
        self.clock = clock or SystemClock()
        self.publish = publish
        self.backoff = backoff or Backoff(first_s=2.0, max_s=60.0)
        self.spec = spec or f"tiktok:@{self.unique_id}"
        self._factory = client_factory
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._first = threading.Event()
        self._fatal: ConnectorError | None = None
        self._seen: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._ids = itertools.count(1)
        self.connected = threading.Event()
        self.connections = 0  # successful connections, reconnects included
        self._unreadable = 0

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self, emit: Emit) -> None:
        """Connect on the connector's thread. Raises only for what retrying cannot fix (library
        missing or too old, unknown account); a LIVE that has not started yet is retried."""
        lib = load_library()
        self._thread = threading.Thread(
            target=self._run, args=(lib, emit), name=f"tiktok-{self.unique_id}", daemon=True
        )
        self._thread.start()
        self._first.wait(self.options.connect_timeout_s)
        if self._fatal is not None:
            self.stop()
            raise self._fatal

    def stop(self) -> None:
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed in between
                loop.call_soon_threadsafe(stopping.set)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def send(self, text: str, reply_to: Comment | None = None) -> None:
        raise ConnectorError(
            "TikTok LIVE has no supported way to post a reply",
            fix="the reply is copied to the clipboard: paste it in the TikTok LIVE chat",
        )

    # --- the connector's thread ------------------------------------------------------------------

    def _status(self, state: ChatState, error: SolaError | None = None, retry: float = 0) -> None:
        self.publish(ChatStatus(self.platform, self.spec, state, time.monotonic(), retry, error))

    def _run(self, lib: Any, emit: Emit) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            loop.run_until_complete(self._main(lib, emit))
            # the library leaves its heartbeat task behind when a connection drops
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        except Exception:  # never let the thread die silently
            log.exception("TikTok connector for @%s failed", self.unique_id)
        finally:
            self._first.set()
            self.connected.clear()
            loop.close()

    def _client(self, lib: Any) -> Any:
        if self._factory is not None:
            return self._factory(self.unique_id)
        o = self.options
        signer: dict[str, str] = {}
        if o.sign_api_base:
            signer["sign_api_base"] = o.sign_api_base
        if o.sign_api_key:
            signer["sign_api_key"] = o.sign_api_key
        return lib.TikTokLiveClient(self.unique_id, web_kwargs={"signer_kwargs": signer})

    async def _main(self, lib: Any, emit: Emit) -> None:
        self._stopping = stopping = asyncio.Event()
        self._status(ChatState.CONNECTING)
        while not stopping.is_set():
            client = self._client(lib)
            self._listen(client, emit)
            try:
                await self._session(client, stopping)
                if stopping.is_set():
                    break
                raise _Retry(
                    ConnectorError(
                        "the TikTok LIVE connection dropped", fix="nothing to do: reconnecting"
                    )
                )
            except _Retry as r:
                self._unreadable = self._unreadable + 1 if r.unreadable else 0
                if self._unreadable >= MAX_UNREADABLE:
                    exc = ConnectorError(
                        f"TikTokLive cannot read what TikTok sends ({r.error.message})",
                        fix=INSTALL_FIX,
                    )
                    self._fatal = exc
                    self._status(ChatState.STOPPED, exc)
                    self._first.set()
                    return
                delay = r.delay_s if r.delay_s is not None else self.backoff.next_delay()
                log.info("TikTok @%s: %s; again in %.1f s", self.unique_id, r.error.message, delay)
                self._status(ChatState.RECONNECTING, r.error, delay)
                self._first.set()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stopping.wait(), delay)
            except ConnectorError as exc:
                self._fatal = exc
                self._status(ChatState.STOPPED, exc)
                self._first.set()
                return
            finally:
                # not disconnect(close_client=True): its close() runs the loop re-entrantly
                with contextlib.suppress(Exception):
                    await client.disconnect()
                with contextlib.suppress(Exception):
                    await client.web.close()
                self.connected.clear()
        self._status(ChatState.STOPPED)

    async def _session(self, client: Any, stopping: asyncio.Event) -> None:
        o = self.options
        try:
            task = await client.start(
                room_id=o.room_id,
                fetch_live_check=o.live_check,
                process_connect_events=False,  # the room's backlog is not new comments
            )
        except Exception as exc:
            raise self._classify(exc, starting=True) from exc
        self.connections += 1
        self.connected.set()
        self.backoff.reset()
        self._status(ChatState.CONNECTED)
        self._first.set()
        stop_wait = asyncio.ensure_future(stopping.wait())
        done, _ = await asyncio.wait({task, stop_wait}, return_when=asyncio.FIRST_COMPLETED)
        stop_wait.cancel()
        if task in done and not task.cancelled() and task.exception() is not None:
            raise self._classify(task.exception(), starting=False)

    def _classify(self, exc: BaseException, starting: bool) -> Exception:
        """A library error -> a retry (with the seller-facing reason) or a fatal ConnectorError."""
        errors = importlib.import_module("TikTokLive.client.errors")
        who = f"@{self.unique_id}"
        if isinstance(exc, errors.UserOfflineError):
            return _Retry(
                ConnectorError(
                    f"{who} is not live on TikTok right now",
                    fix="start the LIVE in the TikTok app; Sola Studio keeps trying",
                )
            )
        if isinstance(exc, errors.UserNotFoundError):
            return ConnectorError(
                f"TikTok has no LIVE account {who}",
                fix="check the @name in --comments tiktok:@name (LIVE needs an eligible account)",
            )
        if isinstance(exc, errors.AgeRestrictedError):
            return ConnectorError(
                f"{who}'s LIVE is age-restricted and cannot be read without logging in",
                fix="turn off the LIVE's age restriction, or read comments through the "
                "local endpoint (--comments webhook)",
            )
        if isinstance(exc, errors.SignatureRateLimitError):
            retry = _retry_after(exc)
            return _Retry(
                ConnectorError(
                    "the TikTok signing service is rate-limiting this computer",
                    fix="wait; Sola Studio retries after the pause it asked for",
                ),
                delay_s=retry,
            )
        if isinstance(
            exc,
            errors.WebcastBlockedError
            | errors.SignAPIError
            | errors.InitialCursorMissingError
            | errors.WebsocketURLMissingError,
        ):
            return _Retry(
                ConnectorError(
                    f"TikTok refused the LIVE connection ({exc})",
                    fix=f"if it keeps failing, TikTok changed something: {INSTALL_FIX}",
                )
            )
        if type(exc).__name__ in ("ConnectionClosed", "ConnectionClosedError"):
            return _Retry(
                ConnectorError(
                    f"the TikTok LIVE connection dropped ({exc})",
                    fix="nothing to do: Sola Studio reconnects",
                )
            )
        if isinstance(exc, OSError | TimeoutError) or type(exc).__module__.startswith(
            ("httpx", "httpcore", "websockets")
        ):
            return _Retry(
                ConnectorError(
                    f"cannot reach TikTok ({type(exc).__name__}: {exc})",
                    fix="check the internet connection; Sola Studio keeps trying",
                )
            )
        if isinstance(exc, AttributeError | TypeError | KeyError | ValueError):
            what = f"{type(exc).__name__}: {str(exc)[:200]}"
            if starting:  # the library's own steps failed before any data: it is out of date
                return ConnectorError(f"TikTokLive no longer fits TikTok ({what})", fix=INSTALL_FIX)
            return _Retry(
                ConnectorError(
                    f"TikTok sent data the library could not read ({what})",
                    fix=f"reconnecting; if it keeps happening: {INSTALL_FIX}",
                ),
                unreadable=True,
            )
        return _Retry(ConnectorError(f"TikTok LIVE connection failed: {exc!r}", fix="reconnecting"))

    # --- events ---------------------------------------------------------------------------------

    def _listen(self, client: Any, emit: Emit) -> None:
        ev = importlib.import_module("TikTokLive.events")
        custom = importlib.import_module("TikTokLive.events.custom_events")

        def on_comment(event: Any) -> None:
            self._on_comment(event, emit)

        def on_join(event: Any) -> None:
            self._activity(ActivityKind.JOIN, event, 1)

        def on_like(event: Any) -> None:
            self._activity(ActivityKind.LIKE, event, int(event.count or 1))

        def on_gift(event: Any) -> None:
            if event.streaking:  # a combo in progress: count it once, when it ends
                return
            gift = event.gift
            name = str(getattr(gift, "name", "") or "gift") if gift is not None else "gift"
            self._activity(ActivityKind.GIFT, event, int(event.repeat_count or 1), name)

        def on_share(event: Any) -> None:
            self._activity(ActivityKind.SHARE, event, 1)

        def on_follow(event: Any) -> None:
            self._activity(ActivityKind.FOLLOW, event, 1)

        def on_end(event: Any) -> None:
            log.info("TikTok @%s: the LIVE ended", self.unique_id)

        client.add_listener(ev.CommentEvent, on_comment)
        client.add_listener(ev.JoinEvent, on_join)
        client.add_listener(ev.LikeEvent, on_like)
        client.add_listener(ev.GiftEvent, on_gift)
        client.add_listener(custom.ShareEvent, on_share)
        client.add_listener(custom.FollowEvent, on_follow)
        client.add_listener(custom.LiveEndEvent, on_end)

    @staticmethod
    def _viewer(event: Any) -> tuple[str, str]:
        user = getattr(event, "user", None)
        if user is None:
            return "", ""
        handle = str(getattr(user, "display_id", "") or "")
        uid = str(getattr(user, "id", 0) or "") or handle
        name = str(getattr(user, "nickname", "") or "") or handle or uid
        return uid, name

    def _fresh(self, msg_id: str) -> bool:
        if msg_id in self._seen:
            return False
        self._seen[msg_id] = None
        while len(self._seen) > 20_000:
            self._seen.popitem(last=False)
        return True

    def _on_comment(self, event: Any, emit: Emit) -> None:
        self._unreadable = 0
        common = getattr(event, "common", None)
        msg_id = str(getattr(common, "msg_id", 0) or "")
        if msg_id and not self._fresh(msg_id):
            return  # the room repeats recent comments after a reconnect
        viewer_id, name = self._viewer(event)
        text = str(event.content or "")
        if not text.strip():
            return
        emit(
            Comment(
                id=f"tiktok:{msg_id}" if msg_id else f"tiktok#{next(self._ids)}",
                platform=self.platform,
                viewer_id=viewer_id or "unknown",
                viewer_name=name or "viewer",
                text=text,
                t_capture=self.clock.monotonic(),
                t_wall=self.clock.wall(),
            )
        )

    def _activity(self, kind: ActivityKind, event: Any, count: int, detail: str = "") -> None:
        self._unreadable = 0
        viewer_id, name = self._viewer(event)
        self.publish(
            ViewerActivity(
                platform=self.platform,
                kind=kind,
                viewer_id=viewer_id,
                viewer_name=name,
                count=count,
                detail=detail,
                t_capture=self.clock.monotonic(),
                t_wall=self.clock.wall(),
            )
        )


def _retry_after(exc: Any) -> float:
    try:
        return max(1.0, float(exc.retry_after))
    except (TypeError, ValueError, AttributeError):
        return 30.0
