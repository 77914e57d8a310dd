"""A source chosen by kind, with a file for the kinds that take one: the shared shape of the
show's picture (:class:`~sola_studio.ui.widgets.picture.PictureSourcePicker`) and sound
(:class:`~sola_studio.ui.widgets.sound.SoundSourcePicker`). A combo box of kinds, the file's
path and a Choose… button shown only for a file kind; ``changed`` carries the value as the
seller picks a kind or types the path. It only shows and forwards: the value is a settings
string (a kind, or a file's path) that the core reads.

Each picker gives its own kinds and words; their ``self.tr`` stays in the picker's class, since
Qt looks a text up under the object's class name while ``pyside6-lupdate`` files it under the
class whose code says it. This module's own word ("Choose…") names its context explicitly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget


class FileSourcePicker(QWidget):
    """``kinds``: (kind, the seller's words) in the combo's order; ``file_kinds``: those that
    take a file; ``no_file``: the value while a file kind has no path yet."""

    changed = Signal(str)  # the new value

    def __init__(
        self,
        kinds: Sequence[tuple[str, str]],
        *,
        file_kinds: Sequence[str],
        no_file: str,
        value: str,
        placeholder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.file_kinds = tuple(file_kinds)
        self.no_file = no_file
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        for kind, text in kinds:
            self.kind.addItem(text, kind)
        row.addWidget(self.kind)
        self.path = QLineEdit()
        self.path.setPlaceholderText(placeholder)
        row.addWidget(self.path, 1)
        self.browse = QPushButton(QCoreApplication.translate("FileSourcePicker", "Choose…"))
        self.browse.clicked.connect(self._pick)
        row.addWidget(self.browse)
        self.set_value(value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        # said as the seller types: a note about the file follows the path, not the last Tab
        self.path.textChanged.connect(lambda _text: self.changed.emit(self.value()))

    # -- what each picker says ----------------------------------------------------------------

    def split(self, value: str) -> tuple[str, str]:
        """The kind and the file's path of a settings value (stripped)."""
        raise NotImplementedError

    def no_file_text(self) -> str:
        """What to say when a file kind has no path yet."""
        raise NotImplementedError

    def missing_file_text(self, path: str) -> str:
        """What to say when the path names no file."""
        raise NotImplementedError

    def file_dialog(self) -> tuple[str, str]:
        """The file dialog's title and name filter for the kind chosen."""
        raise NotImplementedError

    # -- the shared part ------------------------------------------------------------------------

    def set_value(self, value: str) -> None:
        kind, path = self.split(value.strip())
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.path.setText(path)
        self._show_path()

    def needs_file(self) -> bool:
        return self.kind.currentData() in self.file_kinds

    def value(self) -> str:
        if self.needs_file():
            return self.path.text().strip() or self.no_file
        return str(self.kind.currentData())

    def problem(self) -> str:
        """What is wrong with the choice ("" when nothing): no file, or one that is not there."""
        if not self.needs_file():
            return ""
        text = self.path.text().strip()
        if not text:
            return self.no_file_text()
        if not Path(text).is_file():
            return self.missing_file_text(text)
        return ""

    def _show_path(self) -> None:
        self.path.setVisible(self.needs_file())
        self.browse.setVisible(self.needs_file())

    def _kind_changed(self) -> None:
        self._show_path()
        self.changed.emit(self.value())

    def _pick(self) -> None:
        title, pattern = self.file_dialog()
        name, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), pattern)
        if name:
            self.path.setText(name)  # textChanged says it
