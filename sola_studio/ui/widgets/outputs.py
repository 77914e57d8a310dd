"""Where the show goes, and what stopped it: the outputs row and the problem banner.

:class:`OutputsPanel` lists the recording's file, the virtual camera's device and the overlay's
browser-source URLs (each with a Copy button, for OBS) once the show is live.
:class:`ProblemBanner` shows an error the seller must act on (a missing model, no virtual
camera) with its fix, as selectable text in the window: never a modal dialog, which would
freeze a window nobody is watching. Both only show values; neither decides anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sola_studio.ui import theme


class OutputsPanel(QFrame):
    """One line per output of the running show; hidden when there is none."""

    copied = Signal(str)  # the text put on the clipboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(10, 6, 10, 6)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self.urls: dict[str, QLineEdit] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        self.setVisible(False)

    def clear(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.urls.clear()
        self.copy_buttons.clear()
        self.setVisible(False)

    def show_outputs(
        self,
        recording: Path | None = None,
        virtual_camera: str | None = None,
        overlay_urls: Mapping[str, str] | None = None,
    ) -> None:
        self.clear()
        row = 0
        if recording is not None:
            self._row(row, self.tr("Recording"), str(recording))
            row += 1
        if virtual_camera:
            self._row(row, self.tr("Virtual camera"), virtual_camera)
            row += 1
        for lang, url in (overlay_urls or {}).items():
            self._row(row, self.tr("Overlay {0}").format(lang.upper()), url, copy=True)
            self.urls[lang] = self._last_field
            row += 1
        self.setVisible(row > 0)

    def _row(self, row: int, name: str, value: str, copy: bool = False) -> None:
        label = QLabel(name)
        label.setObjectName("dim")
        self._grid.addWidget(label, row, 0)
        field = QLineEdit(value)
        field.setReadOnly(True)
        field.setCursorPosition(0)
        self._grid.addWidget(field, row, 1)
        self._last_field = field
        if copy:
            button = QPushButton(self.tr("Copy"))
            button.clicked.connect(lambda: self.copy(value))
            self._grid.addWidget(button, row, 2)
            self.copy_buttons[value] = button

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)


class ProblemBanner(QFrame):
    """What went wrong and how to fix it, above the picture, until dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", "problem")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 6, 8)
        texts = QVBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet(f"color: {theme.AMBER}; font-weight: 700;")
        texts.addWidget(self.title)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.message)
        self.fix = QLabel()
        self.fix.setWordWrap(True)
        self.fix.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.fix)
        row.addLayout(texts, 1)
        # an optional way past the problem ("Go live without it")
        self.action = QPushButton()
        self.action.setObjectName("primary")
        self.action.clicked.connect(self._act)
        self.action.hide()
        row.addWidget(self.action)
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.clicked.connect(self.hide)
        row.addWidget(dismiss)
        self._on_action: Callable[[], None] | None = None
        self.setVisible(False)

    def _act(self) -> None:
        callback = self._on_action
        self.hide()
        if callback is not None:
            callback()

    def show_problem(
        self,
        title: str,
        message: str,
        fix: str = "",
        action: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        self._on_action = action[1] if action else None
        self.action.setText(action[0] if action else "")
        self.action.setVisible(action is not None)
        self.title.setText(title)
        self.message.setText(message)
        self.fix.setText(self.tr("Fix: {0}").format(fix) if fix else "")
        self.fix.setVisible(bool(fix))
        self.setVisible(True)

    def text(self) -> str:
        """Everything the banner says, for tests and for copying."""
        return "\n".join(t for t in (self.title.text(), self.message.text(), self.fix.text()) if t)
