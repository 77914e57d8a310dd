"""Where the show's sound (the voice the captions follow) comes from: the microphone, or an
audio file (a recorded talk), so a machine without a microphone still goes live. Used by
Settings › Devices and the setup's Microphone page; the value is
:attr:`sola_studio.config.Settings.sound`. The kind-and-file shape is
:class:`~sola_studio.ui.widgets.file_source.FileSourcePicker`, shared with the picture's
:class:`~sola_studio.ui.widgets.picture.PictureSourcePicker`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sola_studio.ui.widgets.file_source import FileSourcePicker

AUDIO_PATTERN = "*.wav *.ogg *.mp3 *.flac *.m4a *.opus *.webm *.mp4"


class SoundSourcePicker(FileSourcePicker):
    KINDS = ("microphone", "file")

    def __init__(self, value: str = "microphone", parent: QWidget | None = None) -> None:
        super().__init__(
            [
                ("microphone", self.tr("Microphone")),
                ("file", self.tr("Audio file (a recorded talk)")),
            ],
            file_kinds=("file",),
            no_file="microphone",
            value=value,
            placeholder=self.tr("the audio file"),
            parent=parent,
        )

    def is_file(self) -> bool:
        return self.needs_file()

    def split(self, value: str) -> tuple[str, str]:
        value = value or "microphone"
        return ("microphone", "") if value == "microphone" else ("file", value)

    def no_file_text(self) -> str:
        return self.tr("Choose the audio file for the sound.")

    def missing_file_text(self, path: str) -> str:
        return self.tr("The audio file {0} does not exist.").format(path)

    def file_dialog(self) -> tuple[str, str]:
        return self.tr("The show's sound"), self.tr("Audio") + f" ({AUDIO_PATTERN})"
