"""The window itself, offscreen, on a real damaged profile: Sessions and reports and Go live
offer recovery (ui/store_dialogs) instead of only showing the error, and carry on with the
recovered file. Only the seller's clicks on the message boxes come from the test; the store,
its key, the damage and the repair are real."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QMessageBox

from sola_studio.config import Settings
from sola_studio.core.errors import SolaError
from sola_studio.core.events import Comment
from sola_studio.store import SessionStore, profile_dir
from sola_studio.store.cipher import KEY_ENV, PASSPHRASE_ENV, forget_passphrase, remember_passphrase
from sola_studio.ui.main import demo_settings
from sola_studio.ui.sessions import SessionsDialog
from sola_studio.ui.window import MainWindow

PROFILE = "shop"


@pytest.fixture
def damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A passphrase-protected profile with one show of 50 comments, its second page
    overwritten (opening it finds the damage), the passphrase already given in this process."""
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    store = SessionStore.open_profile(PROFILE, passphrase="secret words")
    store.start_session(title="Tuesday show")
    for i in range(50):
        store.record_comment(
            Comment(f"c{i}", "replay", f"v{i}", "v", f"comment {i} " + "x" * 200, 0.0, 1.0)
        )
    store.finish_session()
    store.checkpoint()
    store.close()
    path = profile_dir(PROFILE) / "sessions.db"
    with open(path, "r+b") as f:
        f.seek(4096)
        f.write(os.urandom(4096))
    remember_passphrase(PROFILE, "secret words")
    yield path
    forget_passphrase(PROFILE)


@pytest.fixture
def seller(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The seller's answers: Yes to every question; what the window asked and told, kept."""
    seen: dict[str, list[str]] = {"asked": [], "told": []}

    def question(_parent: object, _title: str, text: str, *_a: Any) -> Any:
        seen["asked"].append(text)
        return QMessageBox.StandardButton.Yes

    def information(_parent: object, _title: str, text: str, *_a: Any) -> Any:
        seen["told"].append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", information)
    return seen


def _window(qtbot: Any, factory: Callable[[Settings], Any]) -> MainWindow:
    win = MainWindow(demo_settings(Settings()), factory, None, profile=PROFILE)
    qtbot.addWidget(win)
    return win


def _no_show(_settings: Settings) -> Any:
    raise AssertionError("this test never goes live")


def test_sessions_and_reports_offer_recovery_of_a_damaged_profile(
    qtbot: Any, damaged: Path, seller: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed: list[Sequence[dict[str, Any]]] = []

    def exec_(dialog: SessionsDialog) -> int:  # the dialog's own list, run here, not modal
        listed.append(dialog._list())
        return 0

    monkeypatch.setattr(SessionsDialog, "exec", exec_)
    win = _window(qtbot, _no_show)
    win.open_sessions()

    assert len(seller["asked"]) == 1 and "damaged" in seller["asked"][0]
    assert seller["told"] and "recovered" in seller["told"][0]
    assert any(p.name.startswith("sessions.damaged-") for p in damaged.parent.iterdir())
    assert listed and [s["title"] for s in listed[0]] == ["Tuesday show"]
    assert win.problem.isHidden()


def test_declining_recovery_shows_the_damage_with_its_fix(
    qtbot: Any, damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    monkeypatch.setattr(SessionsDialog, "exec", lambda _d: pytest.fail("no dialog to open"))
    win = _window(qtbot, _no_show)
    win.show()
    win.open_sessions()

    assert not win.problem.isHidden()
    assert "doctor --repair-store" in win.problem.fix.text()
    assert not any(p.name.startswith("sessions.damaged-") for p in damaged.parent.iterdir())


def test_go_live_offers_recovery_then_goes_live_again(
    qtbot: Any, damaged: Path, seller: dict[str, list[str]]
) -> None:
    tries: list[int] = []

    def factory(_settings: Settings) -> Any:
        # what a live session does first: open the profile's store (ui/session.py)
        SessionStore.open_profile(PROFILE).close()
        tries.append(1)
        raise SolaError("no camera in this test", fix="plug one in")

    win = _window(qtbot, factory)
    win.show()
    with qtbot.waitSignal(win.controller.failed, timeout=30_000):
        win.go_live()  # fails on the damaged store: recovery is offered, then Go live again
    qtbot.waitUntil(lambda: bool(tries) and not win.problem.isHidden(), timeout=30_000)

    assert len(seller["asked"]) == 1 and "damaged" in seller["asked"][0]
    assert tries == [1]  # the second Go live opened the recovered store
    assert "plug one in" in win.problem.fix.text()
