"""Where the show's picture comes from: the camera, a video file, a still image (a product photo,
a slide), a test picture, or none (audio only: captions for the overlay). Used by Settings ›
Devices and the setup's Camera page; the value is :attr:`sola_studio.config.Settings.picture`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

_IMAGES = (".png", ".jpg", ".jpeg", ".bmp", ".webp")


class PictureSourcePicker(QWidget):
    changed = Signal(str)  # the new value

    KINDS = ("camera", "video", "image", "pattern", "none")

    def __init__(self, value: str = "camera", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        for kind, text in (
            ("camera", self.tr("Camera")),
            ("video", self.tr("Video file")),
            ("image", self.tr("Still image or slide")),
            ("pattern", self.tr("Test picture")),
            ("none", self.tr("None (audio only: captions for the overlay)")),
        ):
            self.kind.addItem(text, kind)
        row.addWidget(self.kind)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("the file"))
        row.addWidget(self.path, 1)
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self._pick)
        row.addWidget(self.browse)
        self.set_value(value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        # said as the seller types (as the sound's): the note follows the path, not the last Tab
        self.path.textChanged.connect(lambda _text: self.changed.emit(self.value()))

    def set_value(self, value: str) -> None:
        value = value.strip() or "camera"
        if value in ("camera", "pattern", "none"):
            kind, path = value, ""
        else:
            kind = "image" if Path(value).suffix.lower() in _IMAGES else "video"
            path = value
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.path.setText(path)
        self._show_path()

    def value(self) -> str:
        kind = str(self.kind.currentData())
        if kind in ("video", "image"):
            return self.path.text().strip() or "none"
        return kind

    def problem(self) -> str:
        """What is wrong with the choice ("" when nothing): a file that is not there."""
        kind = str(self.kind.currentData())
        if kind in ("video", "image"):
            text = self.path.text().strip()
            if not text:
                return self.tr("Choose the file for the picture.")
            if not Path(text).is_file():
                return self.tr("The picture file {0} does not exist.").format(text)
        return ""

    def _show_path(self) -> None:
        needs_file = self.kind.currentData() in ("video", "image")
        self.path.setVisible(needs_file)
        self.browse.setVisible(needs_file)

    def _kind_changed(self) -> None:
        self._show_path()
        self.changed.emit(self.value())

    def _pick(self) -> None:
        if self.kind.currentData() == "image":
            pattern = self.tr("Images") + " (*.png *.jpg *.jpeg *.bmp *.webp)"
        else:
            pattern = self.tr("Videos") + " (*.mp4 *.mov *.mkv *.webm *.avi)"
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("The show's picture"), str(Path.home()), pattern
        )
        if name:
            self.path.setText(name)  # textChanged says it
