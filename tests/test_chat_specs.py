"""``--comments`` specs to comment sources: several at once, each mistake a ConfigError with
the fix, and nothing connects or listens before the show starts the sources."""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

import pytest
from chat_support import Collected, MemoryKeyring, free_port, listening_addresses

from sola_studio.chat import ChatSettings, describe_specs, parse_comment_sources, split_specs
from sola_studio.chat.tiktok import TikTokSource
from sola_studio.chat.webhook import WebhookSource
from sola_studio.chat.youtube import YouTubeLiveSource
from sola_studio.comments.sources import CommentSource, ReplaySource, TwitchIrcSource
from sola_studio.core.clock import ManualClock
from sola_studio.core.errors import ConfigError, ConnectorError
from sola_studio.core.events import Comment
from sola_studio.store.tokens import TokenVault

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "assets" / "comments" / "demo.jsonl"


@pytest.fixture
def client_file(tmp_path: Path) -> Path:
    f = tmp_path / "youtube_client.json"
    f.write_text(json.dumps({"installed": {"client_id": "x.apps", "client_secret": "s"}}))
    return f


def signed_in_vault() -> TokenVault:
    keyring = MemoryKeyring()
    keyring.set_password("sola-studio:youtube", "x.apps", json.dumps({"refresh_token": "rt"}))
    return TokenVault(keyring)


def test_several_sources_at_once(client_file: Path) -> None:
    before = listening_addresses()
    sources = parse_comment_sources(
        ["tiktok:@shop,youtube:auto", "webhook:8799", "twitch:#Shop", str(DEMO)],
        ChatSettings(youtube_client=client_file, vault=signed_in_vault()),
    )
    kinds = [type(s) for s in sources]
    assert kinds == [TikTokSource, YouTubeLiveSource, WebhookSource, TwitchIrcSource, ReplaySource]
    assert [s.platform for s in sources] == ["tiktok", "youtube", "webhook", "twitch", "replay"]
    assert all(isinstance(s, CommentSource) for s in sources)
    tiktok, youtube, hook, twitch, _ = sources
    assert isinstance(tiktok, TikTokSource) and tiktok.unique_id == "shop"
    assert isinstance(youtube, YouTubeLiveSource) and youtube.target == "auto"
    assert isinstance(hook, WebhookSource) and hook.port == 8799
    assert isinstance(twitch, TwitchIrcSource)
    assert (twitch.channel, twitch.port, twitch.tls) == ("#shop", 6697, True)
    assert listening_addresses() == before  # nothing connects or listens until started


def test_a_parsed_webhook_takes_comments_once_started() -> None:
    port = free_port()
    (hook,) = parse_comment_sources(f"webhook:{port}", ChatSettings(webhook_secret="k"))
    got: Collected[Comment] = Collected()
    hook.start(got)
    try:
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/comments",
            data=json.dumps({"platform": "instagram", "viewer_id": "1", "text": "oi"}).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer k"},
        )
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.status == 202
        assert got.wait_for(lambda xs: len(xs) == 1)[0].platform == "instagram"
    finally:
        hook.stop()


def test_a_fast_replay_runs_on_the_show_clock() -> None:
    (replay,) = parse_comment_sources(
        [str(DEMO)], ChatSettings(realtime=False), clock=ManualClock()
    )
    assert isinstance(replay, ReplaySource) and replay.speed == 0


def test_plain_irc_only_when_asked_for() -> None:
    (twitch,) = parse_comment_sources(
        "twitch:#shop", ChatSettings(twitch_server="irc://127.0.0.1:6667")
    )
    assert isinstance(twitch, TwitchIrcSource) and (twitch.tls, twitch.port) == (False, 6667)


@pytest.mark.parametrize(
    ("specs", "settings", "message", "fix"),
    [
        ("tiktok:@shop", ChatSettings(realtime=False), "--fast", "drop --fast"),
        ("webhook,webhook:9000", ChatSettings(), "two webhook sources", "one webhook"),
        ("tiktok:", ChatSettings(), "TikTok account", "tiktok:@yourname"),
        ("tiktok:@no spaces", ChatSettings(), "TikTok account", "tiktok:@yourname"),
        ("youtube:<script>", ChatSettings(), "video id", "watch?v="),
        ("youtube:auto", ChatSettings(youtube_client=Path("/no/such.json")), "OAuth", "Desktop"),
        ("webhook:http", ChatSettings(), "port number", "webhook:8780"),
        ("webhook:70000", ChatSettings(), "port number", "webhook:8780"),
        ("twitch:#", ChatSettings(), "no Twitch channel", "twitch:#yourchannel"),
        ("twitch:#a", ChatSettings(twitch_server="nohost"), "HOST:PORT", "6697"),
        ("instagram:shop", ChatSettings(), "unknown comment source", "webhook"),
        ("/no/such/chat.jsonl", ChatSettings(), "does not exist", ".jsonl"),
    ],
)
def test_mistakes_name_the_fix(specs: str, settings: ChatSettings, message: str, fix: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_comment_sources(specs, settings)
    assert message in err.value.message
    assert fix in (err.value.fix or "")


def test_split_and_describe() -> None:
    assert split_specs(None) == [] and split_specs("none") == []
    assert split_specs(["a.jsonl,tiktok:@x", "tiktok:@x", " youtube:auto "]) == [
        "a.jsonl",
        "tiktok:@x",
        "youtube:auto",
    ]
    assert describe_specs(["tiktok:@x", "webhook", str(DEMO)]) == (
        "tiktok:@x, webhook (POST http://127.0.0.1:8780/comments), demo.jsonl"
    )


def test_what_a_show_cannot_start_without_is_said_before_it_loads(
    client_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConnectorError) as err:  # not signed in to YouTube
        parse_comment_sources(
            "youtube:auto",
            ChatSettings(youtube_client=client_file, vault=TokenVault(MemoryKeyring())),
        )
    assert "not signed in" in err.value.message
    assert "sola-studio chat youtube login" in (err.value.fix or "")
    monkeypatch.setitem(sys.modules, "TikTokLive.__version__", None)  # the extra is missing
    with pytest.raises(ConnectorError) as err:
        parse_comment_sources("tiktok:@shop")
    assert "sola-studio[tiktok]" in (err.value.fix or "")
