"""YouTube Live chat through the real client (urllib) against a loopback server that answers the
documented Data API v3 and OAuth endpoints (tests/youtube_loopback.py). The OAuth token lives in
an in-memory keyring backend selected explicitly."""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from chat_support import Collected, MemoryKeyring, listening_addresses
from helpers import SAMPLE_SHEET
from youtube_loopback import YouTubeLoopback

from sola_studio.chat.backoff import Backoff
from sola_studio.chat.events import ActivityKind, ChatState, ChatStatus, ViewerActivity
from sola_studio.chat.youtube import (
    OAuthClient,
    YouTubeApi,
    YouTubeAuth,
    YouTubeLiveSource,
    YouTubeQuotaExceeded,
)
from sola_studio.core.errors import ConfigError, ConnectorError
from sola_studio.core.events import Comment
from sola_studio.store.tokens import TokenVault


@pytest.fixture
def google() -> Iterator[YouTubeLoopback]:
    g = YouTubeLoopback()
    yield g
    g.close()


def browser(url: str) -> None:
    """The seller's browser: opens the consent page, which redirects back to the app."""
    with urllib.request.urlopen(url, timeout=10) as r:
        assert b"signed in" in r.read()


def signed_in(google: YouTubeLoopback, keyring: MemoryKeyring | None = None) -> YouTubeAuth:
    client = OAuthClient(
        "cid.apps.googleusercontent.com", "csecret", google.base + "/auth", google.base + "/token"
    )
    auth = YouTubeAuth(client, TokenVault(keyring or MemoryKeyring()))
    auth.login(browser)
    return auth


class Reader:
    def __init__(self, google: YouTubeLoopback, target: str = "auto", **kw: object) -> None:
        self.auth = signed_in(google)
        self.comments: Collected[Comment] = Collected()
        self.events: Collected[object] = Collected()
        self.source = YouTubeLiveSource(
            YouTubeApi(self.auth, google.api_base),
            target,
            publish=self.events,
            backoff=Backoff(first_s=0.05, max_s=0.2),
            **kw,  # type: ignore[arg-type]
        )

    def statuses(self) -> list[ChatStatus]:
        return [e for e in self.events.items if isinstance(e, ChatStatus)]


@pytest.fixture
def reading(google: YouTubeLoopback) -> Iterator[Reader]:
    google.add_broadcast("vid-1", "Saturday sale", "chat-1")
    r = Reader(google)
    r.source.start(r.comments)
    yield r
    r.source.stop()


def test_login_keeps_the_token_in_the_keyring_and_refreshes_it(google: YouTubeLoopback) -> None:
    keyring = MemoryKeyring()
    seen_listening: list[set[tuple[str, int]]] = []

    def seller_browser(url: str) -> None:
        q = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}
        assert q["code_challenge_method"] == "S256" and q["access_type"] == "offline"
        assert "youtube.force-ssl" in q["scope"]
        assert q["redirect_uri"].startswith("http://127.0.0.1:")
        seen_listening.append(listening_addresses())
        browser(url)

    client = OAuthClient("cid", "csecret", google.base + "/auth", google.base + "/token")
    now = [1000.0]
    auth = YouTubeAuth(client, TokenVault(keyring), now=lambda: now[0])
    with pytest.raises(ConnectorError) as err:
        auth.access_token()
    assert "not signed in" in err.value.message and "login" in (err.value.fix or "")
    auth.login(seller_browser)
    # the redirect listener was on loopback only
    assert seen_listening and all(ip == "127.0.0.1" for ip, _ in seen_listening[0])
    stored = json.loads(keyring.passwords[("sola-studio:youtube", "cid")])
    assert (
        stored["refresh_token"].startswith("rt-") and stored["access_token"] in google.valid_tokens
    )
    assert google.token_requests[0]["code_verifier"]  # PKCE: the server checked it
    first = auth.access_token()
    now[0] += 3600  # an hour later the access token has expired: refreshed, refresh token kept
    second = YouTubeAuth(client, TokenVault(keyring), now=lambda: now[0]).access_token()
    assert second != first and google.token_requests[-1]["grant_type"] == "refresh_token"
    assert (
        json.loads(keyring.passwords[("sola-studio:youtube", "cid")])["refresh_token"]
        == stored["refresh_token"]
    )
    # a revoked refresh token says to sign in again
    google.refresh_tokens.clear()
    with pytest.raises(ConnectorError) as err:
        YouTubeAuth(client, TokenVault(keyring), now=lambda: now[0] + 7200).access_token()
    assert "login" in (err.value.fix or "")


def test_client_file_is_googles_desktop_json(tmp_path: Path) -> None:
    f = tmp_path / "client.json"
    f.write_text(json.dumps({"installed": {"client_id": "x.apps", "client_secret": "s"}}))
    assert OAuthClient.from_file(f).client_id == "x.apps"
    f.write_text(json.dumps({"web": {"client_id": "x"}}))
    with pytest.raises(ConfigError) as err:
        OAuthClient.from_file(f)
    assert "Desktop app" in (err.value.fix or "")


def test_comments_arrive_following_page_tokens_and_polling_interval(
    google: YouTubeLoopback, reading: Reader
) -> None:
    now = time.time()
    google.say("UC-old", "Old", "from last week's show", now - 3600)  # backlog: skipped
    google.say("UC-ana", "Ana", "tem no tamanho M?", now)
    google.say(
        "UC-bia",
        "Bia",
        "",
        now,
        kind="superChatEvent",
        extra={"superChatDetails": {"amountDisplayString": "R$10,00", "userComment": "amei!"}},
    )
    google.say("UC-cai", "Cai", "", now, kind="newSponsorEvent")
    comments = reading.comments.wait_for(lambda xs: len(xs) == 2)
    assert [(c.platform, c.viewer_id, c.viewer_name, c.text) for c in comments] == [
        ("youtube", "UC-ana", "Ana", "tem no tamanho M?"),
        ("youtube", "UC-bia", "Bia", "amei!"),
    ]
    acts = [e for e in reading.events.items if isinstance(e, ViewerActivity)]
    assert [(a.kind, a.viewer_name, a.detail) for a in acts] == [
        (ActivityKind.GIFT, "Bia", "R$10,00"),
        (ActivityKind.MEMBER, "Cai", "newSponsorEvent"),
    ]
    google.say("UC-ana", "Ana", "e o frete?", time.time())
    reading.comments.wait_for(lambda xs: len(xs) == 3)
    # each poll continued from the page the previous answer pointed to
    tokens = list(google.page_tokens)
    assert tokens[0] is None and "4" in tokens  # the 5th message was read from page "4"
    assert tokens == sorted(tokens, key=lambda t: int(t or 0))


def test_approved_reply_is_posted_and_not_read_back_as_a_comment(google: YouTubeLoopback) -> None:
    from sola_studio.catalog import load_sheet
    from sola_studio.comments.desk import CommentDesk, DeskConfig
    from sola_studio.comments.events import Draft, ReviewState

    google.add_broadcast("vid-1", "Saturday sale", "chat-1")
    r = Reader(google)
    desk = CommentDesk(
        load_sheet(SAMPLE_SHEET),
        sources=[r.source],
        config=DeskConfig(embeddings=False),
    )
    drafts: Collected[Draft] = Collected()
    desk.bus.subscribe(Draft, drafts.add)
    desk.start()
    try:
        google.say("UC-maria", "Maria", "quanto custa o frete pra Portugal?", time.time())
        (draft,) = drafts.wait_for(lambda xs: len(xs) == 1)
        assert draft.platform == "youtube"
        assert google.inserted == []  # nothing is posted before approval
        item = desk.approve(draft.comment_id)
        assert item.state is ReviewState.SENT
        google.wait(lambda g: len(g.inserted) == 1)
        posted = google.inserted[0]["snippet"]
        assert posted["liveChatId"] == "chat-1" and posted["type"] == "textMessageEvent"
        assert posted["textMessageDetails"]["messageText"].startswith("@Maria ")
        polls = len(google.page_tokens)
        google.wait(lambda g: len(g.page_tokens) >= polls + 3)  # the reply came back in a list
        assert desk.stats().received == 1
    finally:
        desk.stop()


def test_quota_exceeded_stops_with_the_explanation(
    google: YouTubeLoopback, reading: Reader
) -> None:
    google.faults.append((403, "quotaExceeded"))
    reading.events.wait_for(
        lambda xs: any(isinstance(x, ChatStatus) and x.state is ChatState.STOPPED for x in xs)
    )
    stop = reading.statuses()[-1]
    assert isinstance(stop.error, YouTubeQuotaExceeded)
    assert "quota" in stop.error.message and "10,000" in stop.error.message
    assert "midnight Pacific" in (stop.error.fix or "")


def test_reconnects_after_drops_and_server_errors_without_losing_comments(
    google: YouTubeLoopback, reading: Reader
) -> None:
    google.say("UC-a", "A", "um", time.time())
    reading.comments.wait_for(lambda xs: len(xs) == 1)
    google.faults += [("drop",), (503, "backendError"), ("garbage",), (403, "rateLimitExceeded")]
    google.say("UC-a", "A", "dois", time.time())  # said while the connection is down
    comments = reading.comments.wait_for(lambda xs: len(xs) == 2)
    assert [c.text for c in comments] == ["um", "dois"]
    states = [s.state for s in reading.statuses()]
    assert states.count(ChatState.RECONNECTING) == 4 and states[-1] is ChatState.CONNECTED
    errors = [s.error for s in reading.statuses() if s.state is ChatState.RECONNECTING]
    assert all(e is not None and e.fix for e in errors)


def test_odd_items_are_skipped_and_a_burst_of_500_loses_none(
    google: YouTubeLoopback, reading: Reader
) -> None:
    google.messages.append({"id": "weird-1", "snippet": "not an object"})
    google.messages.append({"kind": "youtube#liveChatMessage"})
    now = time.time()
    for i in range(500):
        google.say(f"UC-{i}", f"V{i}", f"c {i}", now)
    comments = reading.comments.wait_for(lambda xs: len(xs) >= 500, timeout=20)
    assert sorted(int(c.text.split()[1]) for c in comments) == list(range(500))
    assert len({c.id for c in comments}) == 500


def test_expired_access_token_is_refreshed_on_401(google: YouTubeLoopback, reading: Reader) -> None:
    google.valid_tokens.clear()  # Google revoked the access token early
    google.say("UC-a", "A", "still reading", time.time())
    assert [c.text for c in reading.comments.wait_for(lambda xs: len(xs) == 1)] == ["still reading"]
    assert google.token_requests[-1]["grant_type"] == "refresh_token"


def test_the_seller_picks_among_several_active_broadcasts(google: YouTubeLoopback) -> None:
    google.add_broadcast("vid-1", "Morning", "chat-1")
    google.add_broadcast("vid-2", "Evening", "chat-2")
    r = Reader(google)
    with pytest.raises(ConnectorError) as err:
        r.source.start(r.comments)
    assert "vid-1 (Morning)" in err.value.message and "vid-2 (Evening)" in err.value.message
    assert "youtube:VIDEO_ID" in (err.value.fix or "")
    picked = Reader(google, "vid-2")
    picked.source.start(picked.comments)
    try:
        assert picked.source.broadcast is not None
        assert picked.source.broadcast.live_chat_id == "chat-2"
    finally:
        picked.source.stop()
    none = Reader(google, "nope")
    with pytest.raises(ConnectorError) as err:
        none.source.start(none.comments)
    assert "watch?v=" in (err.value.fix or "")


def test_a_reply_over_200_characters_is_refused(google: YouTubeLoopback, reading: Reader) -> None:
    with pytest.raises(ConnectorError) as err:
        reading.source.send("x" * 250)
    assert "200" in err.value.message and err.value.fix
    assert google.inserted == []


def test_started_before_the_broadcast_it_waits_for_it(google: YouTubeLoopback) -> None:
    r = Reader(google)
    r.source.start(r.comments)  # no active broadcast yet: not an error
    try:
        r.events.wait_for(
            lambda xs: any(
                isinstance(x, ChatStatus) and x.state is ChatState.RECONNECTING for x in xs
            )
        )
        waiting = next(s for s in r.statuses() if s.state is ChatState.RECONNECTING)
        assert waiting.error is not None and "no active live broadcast" in waiting.error.message
        with pytest.raises(ConnectorError):
            r.source.send("too early")
        google.add_broadcast("vid-9", "Late start", "chat-1")  # the seller goes live
        google.say("UC-a", "A", "cheguei", time.time())
        assert [c.text for c in r.comments.wait_for(lambda xs: len(xs) == 1)] == ["cheguei"]
        assert r.statuses()[-1].state is ChatState.CONNECTED
    finally:
        r.source.stop()
