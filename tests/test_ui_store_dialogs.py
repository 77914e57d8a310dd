"""The window's way past a locked or damaged profile (issue 21.6, 21.11), on real encrypted
profile files: the seller's answers come from the test, the store, keys and repair are real."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest

pytest.importorskip("PySide6")

from sola_studio.core.events import Comment
from sola_studio.store import SessionStore, profile_dir
from sola_studio.store.cipher import KEY_ENV, PASSPHRASE_ENV, forget_passphrase, remember_passphrase
from sola_studio.store.errors import StoreCorrupt, StoreKeyError
from sola_studio.ui.store_dialogs import open_with_recovery

NONE = keyring.backends.fail.Keyring()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    yield tmp_path / "home"
    forget_passphrase("shop")


def _show(store: SessionStore, n: int) -> None:
    store.start_session(title="show")
    for i in range(n):
        store.record_comment(
            Comment(
                f"c{i}", "replay", f"v{i}", "v", f"comment {i} " + "x" * 200, 0.0, store.wall_time()
            )
        )
    store.finish_session()


def test_the_window_asks_for_the_passphrase_once_and_opens_the_profile(home: Path) -> None:
    store = SessionStore.open_profile("shop", passphrase="blue tee size M")
    _show(store, 3)
    store.close()
    asked: list[str] = []

    def ask(question: str) -> str | None:
        asked.append(question)
        return "blue tee size M"

    opened = open_with_recovery(
        "shop",
        lambda: SessionStore.open_profile("shop", keyring_backend=NONE),
        ask_passphrase=ask,
        confirm=lambda *_: pytest.fail("nothing to confirm"),
        tell=lambda *_: None,
    )
    assert opened.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0] == 3
    opened.close()
    assert len(asked) == 1 and "passphrase" in asked[0]
    # later opens in this process (reports, the live session) need no second question
    SessionStore.open_profile("shop", keyring_backend=NONE).close()


def test_refusing_the_passphrase_gives_the_error_back(home: Path) -> None:
    SessionStore.open_profile("shop", passphrase="secret words").close()
    with pytest.raises(StoreKeyError):
        open_with_recovery(
            "shop",
            lambda: SessionStore.open_profile("shop", keyring_backend=NONE),
            ask_passphrase=lambda _q: None,
            confirm=lambda *_: False,
            tell=lambda *_: None,
        )


def test_the_window_offers_recovery_of_a_damaged_profile(home: Path) -> None:
    store = SessionStore.open_profile("shop", passphrase="secret words")
    _show(store, 400)
    store.checkpoint()
    store.close()
    path = profile_dir("shop") / "sessions.db"
    with open(path, "r+b") as f:
        f.seek(path.stat().st_size // 2 // 4096 * 4096)
        f.write(os.urandom(8192))
    told: list[str] = []
    remember_passphrase("shop", "secret words")  # asked earlier in this window session

    def opener() -> SessionStore:
        s = SessionStore.open_profile("shop", keyring_backend=NONE)
        try:
            s.check()
        except StoreCorrupt:
            s.close()
            raise
        return s

    opened = open_with_recovery(
        "shop",
        opener,
        ask_passphrase=lambda _q: None,
        confirm=lambda *_: True,
        tell=lambda _t, message: told.append(message),
    )
    n = opened.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0]
    opened.close()
    assert 300 <= n <= 400  # (all of them when the damage hit only index pages)
    assert told and "recovered" in told[0] and "sessions.damaged-" in told[0]
    assert any(p.name.startswith("sessions.damaged-") for p in path.parent.iterdir())


def test_the_default_prompt_is_a_password_field(home: Path, qtbot: object) -> None:
    """The Qt prompt itself: a password-mode field the seller types into."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

    from sola_studio.ui.store_dialogs import qt_prompts

    seen: list[QLineEdit.EchoMode] = []

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog))
        seen.append(dialog.textEchoMode())
        dialog.setTextValue("typed words")
        dialog.accept()

    ask, _confirm, _tell = qt_prompts(None)
    QTimer.singleShot(0, answer)
    assert ask("The passphrase?") == "typed words"
    assert seen == [QLineEdit.EchoMode.Password]
