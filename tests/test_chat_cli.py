"""``sola-studio chat``: the sign-in commands, with an in-memory keyring backend selected
explicitly (``keyring.set_keyring``) and the YouTube sign-in against the loopback Google."""

from __future__ import annotations

import io
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from chat_support import MemoryKeyring
from youtube_loopback import YouTubeLoopback

from sola_studio.cli import main


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(before)


def test_twitch_token_goes_to_the_keyring_only(
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("oauth:abc123token\n"))
    assert main(["chat", "twitch", "login", "--nick", "myshop"]) == 0
    assert memory_keyring.passwords == {("sola-studio:twitch", "myshop"): "abc123token"}
    assert "abc123token" not in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("two words\n"))
    assert main(["chat", "twitch", "login", "--nick", "myshop"]) == 1
    assert "fix:" in capsys.readouterr().err
    assert main(["chat", "twitch", "logout", "--nick", "myshop"]) == 0
    assert memory_keyring.passwords == {}


def test_youtube_login_status_logout(
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    google = YouTubeLoopback()
    try:
        client = tmp_path / "client.json"
        client.write_text(
            json.dumps(
                {
                    "installed": {
                        "client_id": "cid.apps",
                        "client_secret": "s",
                        "auth_uri": google.base + "/auth",
                        "token_uri": google.base + "/token",
                    }
                }
            )
        )

        def seller_clicks_allow(url: str) -> bool:  # the browser: consent, then redirect back
            with urllib.request.urlopen(url, timeout=10) as r:
                return b"signed in" in r.read()

        monkeypatch.setattr("webbrowser.open", seller_clicks_allow)
        args = ["--client", str(client)]
        assert main(["chat", "youtube", "status", *args]) == 0
        assert "not signed in" in capsys.readouterr().out
        assert main(["chat", "youtube", "login", *args]) == 0
        assert "Signed in" in capsys.readouterr().out
        stored = json.loads(memory_keyring.passwords[("sola-studio:youtube", "cid.apps")])
        assert stored["refresh_token"].startswith("rt-")
        assert main(["chat", "youtube", "status", *args]) == 0
        assert "YouTube: signed in" in capsys.readouterr().out
        assert main(["chat", "youtube", "logout", *args]) == 0
        assert memory_keyring.passwords == {}
    finally:
        google.close()


def test_youtube_without_a_client_file_says_how_to_get_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["chat", "youtube", "login", "--client", str(tmp_path / "none.json")]) == 1
    assert "Desktop app" in capsys.readouterr().err
