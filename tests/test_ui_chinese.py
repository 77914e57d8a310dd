"""The window in Simplified Chinese (issue 19.9): Qt's own buttons (OK/Cancel, Back/Next) come
from the qtbase translation shipped with PySide6, and every text the settings, the setup and
the window show is translated; what stays in Latin letters is a name (TikTok, YouTube, OAuth),
a code or a key."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from helpers import english_words
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
    QWizard,
)

from sola_studio.config import Settings
from sola_studio.ui import i18n
from sola_studio.ui.main import demo_settings
from sola_studio.ui.session import DEMO_INPUTS, load_sheet_for, session_factory
from sola_studio.ui.settings_dialog import SettingsDialog
from sola_studio.ui.window import MainWindow
from sola_studio.ui.wizard import SetupWizard


def shown_texts(root: QWidget, skip: tuple[QWidget, ...] = ()) -> list[str]:
    """What the seller reads; ``skip``: widgets showing the seller's own data (the sheet)."""
    texts = []
    for w in root.findChildren(QWidget):
        if any(w is s or s.isAncestorOf(w) for s in skip):
            continue
        if (isinstance(w, QLabel) and not w.text().startswith("<")) or isinstance(
            w, QAbstractButton
        ):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts.extend(w.tabText(i) for i in range(w.count()))
    return [t for t in texts if t.strip()]


@pytest.fixture
def chinese(qtbot):
    app = QCoreApplication.instance()
    assert i18n.install(app, "zh_CN") == "zh_CN"
    yield
    i18n.install(app, "en")


def test_qt_own_buttons_are_chinese(qtbot, chinese):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    ok = box.button(QDialogButtonBox.StandardButton.Ok).text()
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert "确定" in ok and "取消" in cancel
    wizard = SetupWizard(Settings())
    qtbot.addWidget(wizard)
    assert "下一步" in wizard.buttonText(QWizard.WizardButton.NextButton)
    assert "上一步" in wizard.buttonText(QWizard.WizardButton.BackButton)


@pytest.mark.parametrize("which", ["settings", "setup", "window"])
def test_no_english_left(qtbot, chinese, which):
    if which == "settings":
        root: QWidget = SettingsDialog(Settings())
    elif which == "setup":
        root = SetupWizard(Settings())
    else:
        settings = demo_settings(Settings())
        root = MainWindow(settings, session_factory(inputs=DEMO_INPUTS), load_sheet_for(settings))
    qtbot.addWidget(root)
    skip = (root.pinned,) if isinstance(root, MainWindow) else ()  # product names: the sheet's
    left = {t: english_words(t) for t in shown_texts(root, skip)}
    left = {t: w for t, w in left.items() if w}
    assert left == {}
    if isinstance(root, MainWindow):
        assert root.shutdown()
