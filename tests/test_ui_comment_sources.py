"""Comment sources in the window (issue 18): Settings › Comments and the setup's Comments page
offer the same sources as ``run --comments``; they are saved in the settings and Go live reads
them (the composition root's own parser, a real local endpoint on 127.0.0.1 taking a POST). The
YouTube sign-in button runs the real OAuth flow against the loopback Google of the chat tests,
with the token in an in-memory keyring."""

from __future__ import annotations

import json
import threading
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from chat_support import MemoryKeyring, free_port
from keyring_support import file_keyring
from youtube_loopback import YouTubeLoopback

from sola_studio import config
from sola_studio.config import Settings
from sola_studio.core.errors import ConnectorError
from sola_studio.core.events import Comment
from sola_studio.live.desk import open_comment_sources
from sola_studio.store.tokens import TokenVault
from sola_studio.ui.session import StudioInputs, live_options
from sola_studio.ui.settings_dialog import SettingsDialog
from sola_studio.ui.widgets.sources import CommentSourcesForm
from sola_studio.ui.wizard import SetupWizard

REPLAY = Path(__file__).resolve().parents[1] / "assets" / "comments" / "demo.jsonl"


def _missing_library() -> str:
    raise ConnectorError(
        "the optional TikTokLive library is not installed", fix="pip install 'sola-studio[tiktok]'"
    )


@pytest.fixture
def kept(tmp_path, monkeypatch):
    """A keyring for the endpoint's shared secret (a file-backed one, never the developer's)."""
    monkeypatch.delenv(config.WEBHOOK_SECRET_ENV, raising=False)
    with file_keyring(tmp_path / "keyring.json") as kr:
        yield kr


def test_settings_offer_every_source_and_go_live_reads_them(qtbot, tmp_path, kept):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    form = dialog.sources
    assert form.specs() == ()  # a new profile reads no comments
    form.tiktok.setChecked(True)
    form.tiktok_user.setText("yourshop")
    form.twitch.setChecked(True)
    form.twitch_channel.setText("#shopchannel")
    port = free_port()
    form.webhook.setChecked(True)
    form.webhook_port.setValue(port)
    form.webhook_secret.setText("s3cret")
    form.replay.setChecked(True)
    form.replay_path.setText(str(REPLAY))
    assert f"127.0.0.1:{port}/comments" in form.webhook_url.text()
    # the unofficial notice and the library's state are on the TikTok group
    tiktok_text = " ".join(w.text() for w in form.tiktok.findChildren(type(form.tiktok_status)))
    assert "Unofficial" in tiktok_text and "may break when TikTok changes" in tiktok_text
    assert "TikTokLive" in form.tiktok_status.text() and "installed" in form.tiktok_status.text()

    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    chosen = dialog.result_settings()
    assert chosen.comment_sources == (
        "tiktok:@yourshop",
        "twitch:#shopchannel",
        f"webhook:{port}",
        str(REPLAY),
    )
    assert chosen.webhook_secret_set and config.webhook_secret(chosen) == "s3cret"
    path = config.save(chosen, tmp_path / "settings.json")
    saved = config.load(path)
    assert saved == chosen

    # Go live: the window's options carry the sources, and the composition root opens them
    options = live_options(saved, StudioInputs(), out=tmp_path)
    assert options.comments == ",".join(chosen.comment_sources)
    sources = open_comment_sources(options, None)
    assert [s.platform for s in sources] == ["tiktok", "twitch", "webhook", "replay"]
    endpoint = sources[2]
    got: list[Comment] = []
    arrived = threading.Event()

    def emit(c: Comment) -> bool:
        got.append(c)
        arrived.set()
        return True

    endpoint.start(emit)
    try:
        body = json.dumps({"platform": "instagram", "viewer_id": "v1", "text": "preço?"})
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/comments",
            data=body.encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer s3cret"},
        )
        with urllib.request.urlopen(request, timeout=5) as r:
            assert r.status in (200, 202)
        assert arrived.wait(5)
    finally:
        endpoint.stop()
    assert got[0].text == "preço?" and got[0].platform == "instagram"


def test_demo_inputs_keep_their_replay_over_the_settings(tmp_path):
    settings = Settings(comment_sources=("twitch:#x",))
    demo = StudioInputs(comments=REPLAY)
    assert live_options(settings, demo, out=tmp_path).comments == str(REPLAY)


def test_bad_sources_are_refused_with_the_fix_and_the_dialog_stays_open(qtbot):
    dialog = SettingsDialog(
        Settings(),
        sources=CommentSourcesForm(Settings(), library_check=_missing_library),
    )
    qtbot.addWidget(dialog)
    form = dialog.sources
    assert "not installed" in form.tiktok_status.text()
    assert "sola-studio[tiktok]" in form.tiktok_status.text()
    form.tiktok.setChecked(True)
    form.tiktok_user.setText("two words")
    form.youtube.setChecked(True)
    form.youtube_target.setText("not an id!")
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.tabs.currentIndex() == dialog.comments_tab
    problems = form.problem.text()
    assert "does not name a TikTok account" in problems
    assert "not a YouTube video id" in problems
    assert "TikTokLive library is not installed" in problems
    # fixed, the dialog closes
    form.tiktok.setChecked(False)
    form.youtube_target.setText("")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_settings().comment_sources == ("youtube:auto",)


def test_saved_sources_come_back_into_the_form(qtbot, kept):
    settings = Settings(
        comment_sources=("tiktok:@shop", "youtube:abcdefghijk", "webhook:9001"),
        webhook_secret_set=config.set_webhook_secret("x"),
    )
    form = CommentSourcesForm(settings)
    qtbot.addWidget(form)
    assert form.tiktok.isChecked() and form.tiktok_user.text() == "@shop"
    assert form.youtube.isChecked() and form.youtube_target.text() == "abcdefghijk"
    assert form.webhook.isChecked() and form.webhook_port.value() == 9001
    assert not form.twitch.isChecked() and not form.replay.isChecked()
    assert form.apply(Settings()) == Settings().replace(
        comment_sources=settings.comment_sources, webhook_secret_set=True
    )


def test_youtube_sign_in_button_runs_the_oauth_flow(qtbot, tmp_path):
    google = YouTubeLoopback()
    try:
        client = tmp_path / "client.json"
        client.write_text(
            json.dumps(
                {
                    "installed": {
                        "client_id": "cid",
                        "client_secret": "csecret",
                        "auth_uri": google.base + "/auth",
                        "token_uri": google.base + "/token",
                    }
                }
            )
        )
        keyring = MemoryKeyring()
        opened: list[str] = []

        def browser(url: str) -> None:  # the seller's browser: consent redirects back
            opened.append(url)
            with urllib.request.urlopen(url, timeout=10) as r:
                assert b"signed in" in r.read()

        form = CommentSourcesForm(
            Settings(youtube_client=str(client)), vault=TokenVault(keyring), open_url=browser
        )
        qtbot.addWidget(form)
        assert form.youtube_state.text() == "Not signed in to YouTube."
        assert form.sign_in_button.isEnabled()
        with qtbot.waitSignal(form.signed_in, timeout=20_000, check_params_cb=bool):
            form.sign_in_button.click()
        assert form.youtube_state.text() == "Signed in to YouTube."
        assert opened and opened[0].startswith(google.base + "/auth")
        assert ("sola-studio:youtube", "cid") in keyring.passwords
    finally:
        google.close()


def test_youtube_without_a_client_file_says_where_it_goes(qtbot, tmp_path):
    missing = tmp_path / "nope.json"
    form = CommentSourcesForm(Settings(youtube_client=str(missing)))
    qtbot.addWidget(form)
    assert str(missing) in form.youtube_state.text()
    assert "Desktop app" in form.youtube_state.text()
    assert not form.sign_in_button.isEnabled()


def test_wizard_asks_for_comments_and_saves_them(qtbot):
    wizard = SetupWizard(Settings())
    qtbot.addWidget(wizard)
    page = wizard.comments
    page.form.twitch.setChecked(True)
    page.form.twitch_channel.setText("shop")
    assert page.validatePage()
    assert wizard.result_settings().comment_sources == ("twitch:#shop",)
    page.form.twitch_channel.setText("")
    assert not page.validatePage()
    assert "Twitch channel" in page.form.problem.text()
