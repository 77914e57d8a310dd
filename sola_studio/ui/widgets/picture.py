"""Where the show's picture comes from: the camera, a video file, a still image (a product photo,
a slide), a test picture, or none (audio only: captions for the overlay). Used by Settings ›
Devices and the setup's Camera page; the value is :attr:`sola_studio.config.Settings.picture`.
The kind-and-file shape is :class:`~sola_studio.ui.widgets.file_source.FileSourcePicker`,
shared with the sound's :class:`~sola_studio.ui.widgets.sound.SoundSourcePicker`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from sola_studio.ui.widgets.file_source import FileSourcePicker

_IMAGES = (".png", ".jpg", ".jpeg", ".bmp", ".webp")


class PictureSourcePicker(FileSourcePicker):
    KINDS = ("camera", "video", "image", "pattern", "none")

    def __init__(self, value: str = "camera", parent: QWidget | None = None) -> None:
        super().__init__(
            [
                ("camera", self.tr("Camera")),
                ("video", self.tr("Video file")),
                ("image", self.tr("Still image or slide")),
                ("pattern", self.tr("Test picture")),
                ("none", self.tr("None (audio only: captions for the overlay)")),
            ],
            file_kinds=("video", "image"),
            no_file="none",
            value=value,
            placeholder=self.tr("the file"),
            parent=parent,
        )

    def split(self, value: str) -> tuple[str, str]:
        value = value or "camera"
        if value in ("camera", "pattern", "none"):
            return value, ""
        return ("image" if Path(value).suffix.lower() in _IMAGES else "video"), value

    def no_file_text(self) -> str:
        return self.tr("Choose the file for the picture.")

    def missing_file_text(self, path: str) -> str:
        return self.tr("The picture file {0} does not exist.").format(path)

    def file_dialog(self) -> tuple[str, str]:
        if self.kind.currentData() == "image":
            pattern = self.tr("Images") + " (*.png *.jpg *.jpeg *.bmp *.webp)"
        else:
            pattern = self.tr("Videos") + " (*.mp4 *.mov *.mkv *.webm *.avi)"
        return self.tr("The show's picture"), pattern
