"""The local comment endpoint's shared secret is kept in the system keyring, not in
settings.json (issue 21 leftover): the settings file keeps only whether one is set, an older
file's clear-text secret moves into the keyring on the next load, the window's field still
sets it, and the endpoint (real loopback HTTP) still refuses a wrong secret and takes the right
one. The keyring is a real file-backed backend installed as the process's keyring."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from chat_support import Collected
from keyring_support import FileKeyring, file_keyring, no_keyring

from sola_studio import config
from sola_studio.chat.webhook import WebhookSource
from sola_studio.config import Settings
from sola_studio.core.errors import ConfigError
from sola_studio.core.events import Comment

SECRET = "tr0ub4dor-and-3"


@pytest.fixture
def kr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    monkeypatch.delenv(config.WEBHOOK_SECRET_ENV, raising=False)
    with file_keyring(tmp_path / "keyring.json") as backend:
        yield backend


def _post(url: str, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["Authorization"] = f"Bearer {secret}"
    body = json.dumps({"viewer_id": "v1", "text": "preço?"}).encode()
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, data=body, headers=headers), timeout=5
        ) as r:
            return int(r.status)
    except urllib.error.HTTPError as e:
        return e.code


def _endpoint_checks(settings: Settings) -> None:
    """The endpoint Go live opens with these settings refuses a wrong or missing secret and
    takes the right one (real HTTP on 127.0.0.1)."""
    got: Collected[Comment] = Collected()
    source = WebhookSource(port=0, secret=config.webhook_secret(settings))
    source.start(got)
    try:
        assert _post(source.url, None) == 401
        assert _post(source.url, "wrong") == 401
        assert _post(source.url, SECRET) == 202
        assert [c.text for c in got.wait_for(lambda xs: len(xs) == 1)] == ["preço?"]
    finally:
        source.stop()


def test_an_old_settings_files_secret_moves_into_the_keyring(
    kr: FileKeyring, tmp_path: Path
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"comment_sources": ["webhook:8780"], "webhook_secret": SECRET, "version": 1}),
        encoding="utf-8",
    )
    settings = config.load(path)
    assert settings.webhook_secret_set and settings.comment_sources == ("webhook:8780",)
    assert SECRET not in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".settings")] == []
    assert kr.get_password(config.WEBHOOK_SERVICE, config.WEBHOOK_ACCOUNT) == SECRET
    assert config.load(path) == settings  # loads again the same, from the keyring
    _endpoint_checks(settings)


def test_without_a_keyring_an_old_secret_is_kept_and_still_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(config.WEBHOOK_SECRET_ENV, raising=False)
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"webhook_secret": SECRET}), encoding="utf-8")
    with no_keyring():
        settings = config.load(path)
        assert SECRET in path.read_text(encoding="utf-8")  # not lost: nowhere else to keep it
        _endpoint_checks(settings)  # and the endpoint is not opened to any program
        with pytest.raises(ConfigError) as err:
            config.set_webhook_secret("another")
        assert config.WEBHOOK_SECRET_ENV in (err.value.fix or "")
    config.set_webhook_secret("")  # forget what this process held


def test_a_secret_set_but_gone_from_the_keyring_is_an_error_not_an_open_endpoint(
    kr: FileKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(webhook_secret_set=True)
    with pytest.raises(ConfigError) as err:
        config.webhook_secret(settings)
    assert "Settings › Comments" in (err.value.fix or "")
    monkeypatch.setenv(config.WEBHOOK_SECRET_ENV, SECRET)  # as run --webhook-secret takes it
    _endpoint_checks(settings)


def test_the_windows_field_keeps_the_secret_out_of_the_settings_file(
    kr: FileKeyring, tmp_path: Path, qtbot: object
) -> None:
    pytest.importorskip("PySide6")
    from sola_studio.ui.widgets.sources import CommentSourcesForm

    form = CommentSourcesForm(Settings())
    qtbot.addWidget(form)  # type: ignore[attr-defined]
    form.webhook.setChecked(True)
    form.webhook_secret.setText(SECRET)
    assert form.problems() == []
    path = config.save(form.apply(Settings()), tmp_path / "settings.json")
    assert SECRET not in path.read_text(encoding="utf-8")
    saved = config.load(path)
    assert saved.webhook_secret_set
    _endpoint_checks(saved)

    again = CommentSourcesForm(saved)  # the settings opened again show it
    qtbot.addWidget(again)  # type: ignore[attr-defined]
    assert again.webhook_secret.text() == SECRET
    again.webhook_secret.setText("")  # cleared: no secret, and none left in the keyring
    cleared = again.apply(saved)
    assert not cleared.webhook_secret_set and config.webhook_secret(cleared) is None
    assert kr.get_password(config.WEBHOOK_SERVICE, config.WEBHOOK_ACCOUNT) is None


def test_without_a_keyring_the_window_says_how_to_set_the_secret(
    qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PySide6")
    from sola_studio.ui.widgets.sources import CommentSourcesForm

    monkeypatch.delenv(config.WEBHOOK_SECRET_ENV, raising=False)
    with no_keyring():
        form = CommentSourcesForm(Settings())
        qtbot.addWidget(form)  # type: ignore[attr-defined]
        form.webhook.setChecked(True)
        form.webhook_secret.setText(SECRET)
        (problem,) = form.problems()
        assert "keyring" in problem and config.WEBHOOK_SECRET_ENV in problem
