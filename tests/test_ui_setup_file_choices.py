"""The setup's Camera and Microphone pages when the show's picture or sound is a file (issue
19): the picture's note follows its path as it is typed (it waited for the field to lose focus),
and the Microphone page stops asking the seller to speak when the sound is a recorded talk."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication

from sola_studio.config import Settings
from sola_studio.ui import i18n
from sola_studio.ui.wizard import CameraPage, MicrophonePage


def test_the_picture_note_follows_the_path_as_it_is_typed(qtbot, tmp_path: Path) -> None:
    slide = tmp_path / "slide.png"
    slide.write_bytes(b"\x89PNG\r\n\x1a\n")
    page = CameraPage(Settings(picture="pattern"))
    qtbot.addWidget(page)
    page.show()
    picture = page.picture
    picture.kind.setCurrentIndex(picture.kind.findData("image"))
    left: list[str] = []  # the field never loses focus nor gets Return while typing
    picture.path.editingFinished.connect(lambda: left.append(picture.path.text()))
    with qtbot.waitSignal(picture.changed, timeout=1000):
        qtbot.keyClicks(picture.path, str(tmp_path / "slid"))
    assert "does not exist" in page.note.text() and "slid" in page.note.text()
    qtbot.keyClicks(picture.path, "e.png")
    assert page.note.text() == ""  # the file is there
    assert picture.value() == str(slide) and left == []


def test_the_microphone_page_asks_for_words_only_from_a_microphone(qtbot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    page = MicrophonePage(Settings(sound="microphone"))
    qtbot.addWidget(page)
    assert page.subTitle().startswith("Say a few words")
    page.sound.kind.setCurrentIndex(page.sound.kind.findData("file"))  # a recorded talk
    assert "Say" not in page.subTitle() and "file" in page.subTitle()
    page.sound.kind.setCurrentIndex(page.sound.kind.findData("microphone"))
    page._stop()  # the level probe the microphone choice started
    assert page.subTitle().startswith("Say a few words")
    try:
        assert i18n.install(app, "zh_CN") == "zh_CN"
        chinese = MicrophonePage(Settings(sound="/nowhere/talk.ogg"))
        qtbot.addWidget(chinese)
        assert chinese.sound.is_file()
        assert chinese.subTitle() == "字幕跟随文件中录好的讲解。"
    finally:
        i18n.install(app, "en")
