"""TikTok LIVE through TikTokLive's real client against a loopback signing server and Webcast
WebSocket (tests/tiktok_loopback.py) that push frames built with the library's own protobuf
classes: the library's signer call, WebSocket connection, frame decoding (gzip included), acks
and event parsing all run. Not exercised: the two steps that read tiktok.com itself (finding
the room id in the LIVE page, the is-live check); the tests pass ``room_id`` and skip the check.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest

pytest.importorskip("TikTokLive", reason="the tiktok extra is not installed")

from chat_support import Collected, listening_addresses
from helpers import SAMPLE_SHEET
from tiktok_loopback import (
    TikTokLoopback,
    chat,
    follow,
    gift,
    join,
    like,
    share,
    user,
)

from sola_studio.chat.backoff import Backoff
from sola_studio.chat.events import ActivityKind, ChatState, ChatStatus, ViewerActivity
from sola_studio.chat.tiktok import TikTokOptions, TikTokSource
from sola_studio.core.errors import ConnectorError
from sola_studio.core.events import Comment

ANA = user(101, "ana.shop", "Ana 🌸")
BIA = user(202, "bia", "Bia")


@pytest.fixture
def server() -> Iterator[TikTokLoopback]:
    lb = TikTokLoopback()
    yield lb
    lb.close()


class Running:
    def __init__(self, lb: TikTokLoopback) -> None:
        self.comments: Collected[Comment] = Collected()
        self.events: Collected[object] = Collected()
        self.source = TikTokSource(
            "@shop",
            options=TikTokOptions(sign_api_base=lb.sign_api_base, room_id=1234, live_check=False),
            publish=self.events,
            backoff=Backoff(first_s=0.05, max_s=0.2),
        )

    def activities(self) -> list[ViewerActivity]:
        return [e for e in self.events.items if isinstance(e, ViewerActivity)]

    def states(self) -> list[ChatState]:
        return [e.state for e in self.statuses()]

    def statuses(self) -> list[ChatStatus]:
        return [e for e in self.events.items if isinstance(e, ChatStatus)]


@pytest.fixture
def live(server: TikTokLoopback) -> Iterator[Running]:
    r = Running(server)
    r.source.start(r.comments)
    server.wait(lambda s: "im_enter_room" in s.client_frames)
    yield r
    r.source.stop()


def test_comments_and_viewer_activity_arrive(server: TikTokLoopback, live: Running) -> None:
    server.push(
        chat(ANA, "quanto custa o vestido azul?"),
        join(BIA),
        like(BIA, 15),
        gift(ANA, "Rose", 2, streak_over=False),  # a combo in progress: not counted yet
        gift(ANA, "Rose", 5, streak_over=True),
        share(BIA),
        follow(BIA),
        chat(BIA, "tem M?"),
    )
    comments = live.comments.wait_for(lambda xs: len(xs) == 2)
    assert [(c.platform, c.viewer_id, c.viewer_name, c.text) for c in comments] == [
        ("tiktok", "101", "Ana 🌸", "quanto custa o vestido azul?"),
        ("tiktok", "202", "Bia", "tem M?"),
    ]
    live.events.wait_for(lambda xs: sum(isinstance(x, ViewerActivity) for x in xs) == 5)
    assert [(a.kind, a.viewer_name, a.count, a.detail) for a in live.activities()] == [
        (ActivityKind.JOIN, "Bia", 1, ""),
        (ActivityKind.LIKE, "Bia", 15, ""),
        (ActivityKind.GIFT, "Ana 🌸", 5, "Rose"),
        (ActivityKind.SHARE, "Bia", 1, ""),
        (ActivityKind.FOLLOW, "Bia", 1, ""),
    ]
    # the library acknowledged the frame, as TikTok expects
    server.wait(lambda s: "ack" in s.client_frames)
    assert live.states()[:2] == [ChatState.CONNECTING, ChatState.CONNECTED]


def test_reconnects_after_a_dropped_connection_without_repeating_comments(
    server: TikTokLoopback, live: Running
) -> None:
    first = chat(ANA, "primeiro", msg_id=9001)
    server.push(first)
    live.comments.wait_for(lambda xs: len(xs) == 1)
    server.drop()
    server.wait(lambda s: s.opened == 2 and len(s.connections) == 1)
    assert server.sign_requests == 2  # a fresh signed URL for the new connection
    # the room repeats recent comments after a reconnect: the repeat is not a new comment
    server.push(first, chat(ANA, "depois da queda"))
    comments = live.comments.wait_for(lambda xs: len(xs) == 2)
    assert [c.text for c in comments] == ["primeiro", "depois da queda"]
    states = live.states()
    assert ChatState.RECONNECTING in states
    drop = next(e for e in live.statuses() if e.state is ChatState.RECONNECTING)
    assert drop.error is not None and "dropped" in drop.error.message
    assert states[-1] is ChatState.CONNECTED


def test_malformed_and_oversized_frames_do_not_stop_the_comments(
    server: TikTokLoopback, live: Running
) -> None:
    # a chat message whose payload is not a chat message: the library skips it
    bad = chat(ANA, "x")
    bad.payload = b"\xff\xff\xff\xff\xff"
    server.push(bad, chat(ANA, "depois do lixo"))
    live.comments.wait_for(lambda xs: [c.text for c in xs] == ["depois do lixo"])
    # a frame that is not protobuf at all: the connection is dropped and made again
    server.send_raw(b"\x0a\xff\xff\xff\xff\x0f")
    server.wait(lambda s: s.opened == 2 and len(s.connections) == 1)
    server.push(chat(ANA, "depois do frame ruim"))
    live.comments.wait_for(lambda xs: len(xs) == 2)
    # a 2 MB frame: over the WebSocket client's 1 MiB limit, the connection closes and reopens
    server.push(chat(ANA, "x" * (2 * 1024 * 1024)), compress=False)
    server.wait(lambda s: s.opened == 3 and len(s.connections) == 1)
    server.push(chat(BIA, "ainda aqui"))
    comments = live.comments.wait_for(lambda xs: len(xs) == 3)
    assert [c.text for c in comments][-1] == "ainda aqui"
    assert live.source.connected.is_set()


def test_a_burst_of_500_comments_loses_none(server: TikTokLoopback, live: Running) -> None:
    for k in range(10):
        server.push(*(chat(user(1000 + i, f"v{i}", f"V{i}"), f"c {k * 50 + i}") for i in range(50)))
    comments = live.comments.wait_for(lambda xs: len(xs) >= 500, timeout=30)
    assert sorted(int(c.text.split()[1]) for c in comments) == list(range(500))
    assert len({c.id for c in comments}) == 500


def test_rate_limited_signing_is_retried_after_the_pause(server: TikTokLoopback) -> None:
    body = json.dumps({"message": "too many", "limit_label": "per minute"}).encode()
    server.sign_status.append((429, {"RateLimit-Remaining": "1"}, body))
    r = Running(server)
    r.source.start(r.comments)  # returns: a rate limit is retried, not fatal
    try:
        server.wait(lambda s: len(s.connections) == 1)
        assert server.sign_requests == 2
        retry = next(e for e in r.statuses() if e.state is ChatState.RECONNECTING)
        assert retry.retry_in_s == 1.0
        assert retry.error is not None and "rate-limiting" in retry.error.message
        server.push(chat(ANA, "enfim"))
        assert [c.text for c in r.comments.wait_for(lambda xs: len(xs) == 1)] == ["enfim"]
    finally:
        r.source.stop()


def test_nothing_listens_but_the_loopback_servers(server: TikTokLoopback, live: Running) -> None:
    assert all(ip == "127.0.0.1" for ip, _ in listening_addresses())


def test_missing_library_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "TikTokLive.__version__", None)  # import now fails
    with pytest.raises(ConnectorError) as err:
        TikTokSource("shop").start(lambda c: None)
    assert "not installed" in err.value.message
    assert "sola-studio[tiktok]" in (err.value.fix or "")


def test_approved_reply_is_copied_to_the_clipboard_and_marked_sent(
    server: TikTokLoopback,
) -> None:
    from sola_studio.catalog import load_sheet
    from sola_studio.comments.desk import CommentDesk, DeskConfig
    from sola_studio.comments.events import Draft, ReplySent, ReviewState
    from sola_studio.comments.senders import MemoryClipboard, PlatformSender

    r = Running(server)
    clipboard = MemoryClipboard()
    desk = CommentDesk(
        load_sheet(SAMPLE_SHEET),
        sources=[r.source],
        senders=[PlatformSender({"tiktok": r.source}, clipboard=clipboard)],
        config=DeskConfig(embeddings=False),
    )
    drafts: Collected[Draft] = Collected()
    sent: Collected[ReplySent] = Collected()
    desk.bus.subscribe(Draft, drafts.add)
    desk.bus.subscribe(ReplySent, sent.add)
    desk.start()
    try:
        server.wait(lambda s: "im_enter_room" in s.client_frames)
        server.push(chat(ANA, "quanto custa o frete pra Portugal?"))
        (draft,) = drafts.wait_for(lambda xs: len(xs) == 1)
        assert draft.platform == "tiktok"
        assert clipboard.texts == []  # nothing leaves before the seller approves
        item = desk.approve(draft.comment_id)
        assert item.state is ReviewState.SENT
        assert clipboard.text == item.text and "Portugal" in clipboard.text
        (reply,) = sent.wait_for(lambda xs: len(xs) == 1)
        assert (reply.platform, reply.sender) == ("tiktok", "clipboard")
    finally:
        desk.stop()
