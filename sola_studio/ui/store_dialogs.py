"""What the window does when a profile's database cannot be opened (issue 21.6, 21.11).

:func:`open_with_recovery` calls the window's opener (a ``SessionStore``, a live session) and,
when it fails with

- :class:`~sola_studio.store.errors.StoreKeyError` (no keyring on this machine, or a profile
  protected by a passphrase): asks the seller for the passphrase, remembers it for this process
  (:func:`sola_studio.store.cipher.remember_passphrase`) and tries again;
- :class:`~sola_studio.store.errors.StoreCorrupt`: offers recovery into a new file (the damaged
  one kept aside), runs :func:`sola_studio.store.repair.repair_profile`, says what came back, and
  tries again.

Anything else (and a refusal) goes back to the caller unchanged, to show with its fix. The
prompts are parameters so tests can answer them; by default they are Qt dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from sola_studio.store.cipher import remember_passphrase
from sola_studio.store.errors import StoreCorrupt, StoreKeyError
from sola_studio.store.repair import repair_profile
from sola_studio.ui.i18n import localize

T = TypeVar("T")

AskPassphrase = Callable[[str], "str | None"]  # the question -> the passphrase, or None
Confirm = Callable[[str, str], bool]  # (title, question) -> yes
Tell = Callable[[str, str], None]  # (title, message)


def qt_prompts(parent: QWidget | None) -> tuple[AskPassphrase, Confirm, Tell]:
    """The default prompts: a password field, a yes/no box and a message box."""

    def ask(question: str) -> str | None:
        text, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("store_dialogs", "Profile passphrase"),
            question,
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def confirm(title: str, question: str) -> bool:
        answer = QMessageBox.question(parent, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def tell(title: str, message: str) -> None:
        QMessageBox.information(parent, title, message)

    return ask, confirm, tell


def open_with_recovery(
    profile: str,
    opener: Callable[[], T],
    *,
    parent: QWidget | None = None,
    ask_passphrase: AskPassphrase | None = None,
    confirm: Confirm | None = None,
    tell: Tell | None = None,
    tries: int = 3,
) -> T:
    """``opener()``, helped past a missing passphrase or a damaged file; see the module."""
    default_ask, default_confirm, default_tell = qt_prompts(parent)
    ask_passphrase = ask_passphrase or default_ask
    confirm = confirm or default_confirm
    tell = tell or default_tell
    for attempt in range(tries):
        try:
            return opener()
        except StoreKeyError as exc:
            if attempt == tries - 1:
                raise
            question = QCoreApplication.translate(
                "store_dialogs",
                "{0}\n\nThe passphrase of profile “{1}” (kept only while Sola Studio runs):",
            ).format(localize(exc.message), profile)
            passphrase = ask_passphrase(question)
            if passphrase is None:
                raise
            remember_passphrase(profile, passphrase)
        except StoreCorrupt as exc:
            if attempt == tries - 1:
                raise
            question = QCoreApplication.translate(
                "store_dialogs",
                "{0}\n\nRecover what it holds into a new file? The damaged file is kept beside "
                "it, renamed.",
            ).format(localize(exc.message))
            if not confirm(
                QCoreApplication.translate("store_dialogs", "Damaged session database"), question
            ):
                raise
            result = repair_profile(profile)
            tell(
                QCoreApplication.translate("store_dialogs", "Session database recovered"),
                localize(result.summary()),
            )
    raise AssertionError("unreachable")  # the last attempt returns or raises
