"""Where the show's sound (the voice the captions follow) comes from: the microphone, or an
audio file (a recorded talk), so a machine without a microphone still goes live. Used by
Settings › Devices and the setup's Microphone page; the value is
:attr:`sola_studio.config.Settings.sound`. The same pattern as the picture's
:class:`~sola_studio.ui.widgets.picture.PictureSourcePicker`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

AUDIO_PATTERN = "*.wav *.ogg *.mp3 *.flac *.m4a *.opus *.webm *.mp4"


class SoundSourcePicker(QWidget):
    changed = Signal(str)  # the new value

    KINDS = ("microphone", "file")

    def __init__(self, value: str = "microphone", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Microphone"), "microphone")
        self.kind.addItem(self.tr("Audio file (a recorded talk)"), "file")
        row.addWidget(self.kind)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("the audio file"))
        row.addWidget(self.path, 1)
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self._pick)
        row.addWidget(self.browse)
        self.set_value(value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        # said as the seller types: a note about the file follows the path, not the last Tab
        self.path.textChanged.connect(lambda _text: self.changed.emit(self.value()))

    def set_value(self, value: str) -> None:
        value = value.strip() or "microphone"
        kind, path = ("microphone", "") if value == "microphone" else ("file", value)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.path.setText(path)
        self._show_path()

    def is_file(self) -> bool:
        return self.kind.currentData() == "file"

    def value(self) -> str:
        if self.is_file():
            return self.path.text().strip() or "microphone"
        return "microphone"

    def problem(self) -> str:
        """What is wrong with the choice ("" when nothing): no file, or one that is not there."""
        if not self.is_file():
            return ""
        text = self.path.text().strip()
        if not text:
            return self.tr("Choose the audio file for the sound.")
        if not Path(text).is_file():
            return self.tr("The audio file {0} does not exist.").format(text)
        return ""

    def _show_path(self) -> None:
        self.path.setVisible(self.is_file())
        self.browse.setVisible(self.is_file())

    def _kind_changed(self) -> None:
        self._show_path()
        self.changed.emit(self.value())

    def _pick(self) -> None:
        pattern = self.tr("Audio") + f" ({AUDIO_PATTERN})"
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("The show's sound"), str(Path.home()), pattern
        )
        if name:
            self.path.setText(name)
            self.changed.emit(self.value())
