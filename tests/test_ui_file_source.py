"""The show's picture and sound are chosen with one widget shape (``ui/widgets/file_source.py``):
a kind, and a file for the kinds that take one. Both pickers keep their values, notes and
Chinese words; the path and Choose… show only for a file kind, and the value follows the path
as it is typed."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication

from sola_studio.ui import i18n
from sola_studio.ui.widgets.file_source import FileSourcePicker
from sola_studio.ui.widgets.picture import PictureSourcePicker
from sola_studio.ui.widgets.sound import SoundSourcePicker

# (picker, a kind without a file, a file kind, what a file kind says without a path)
PICKERS = [
    (SoundSourcePicker, "microphone", "file", "microphone"),
    (PictureSourcePicker, "camera", "video", "none"),
]


@pytest.mark.parametrize(("picker", "plain", "file_kind", "no_file"), PICKERS)
def test_both_pickers_choose_a_kind_or_a_file_alike(
    qtbot, tmp_path: Path, picker: type[FileSourcePicker], plain: str, file_kind: str, no_file: str
) -> None:
    widget = picker()
    qtbot.addWidget(widget)
    widget.show()
    assert isinstance(widget, FileSourcePicker)
    assert widget.value() == plain and widget.problem() == ""
    assert not widget.path.isVisible() and not widget.browse.isVisible()
    with qtbot.waitSignal(widget.changed, timeout=1000) as said:
        widget.kind.setCurrentIndex(widget.kind.findData(file_kind))
    assert said.args == [no_file] and widget.path.isVisible() and widget.browse.isVisible()
    assert "Choose the" in widget.problem()
    talk = tmp_path / "talk.mp4"
    with qtbot.waitSignal(widget.changed, timeout=1000):
        qtbot.keyClicks(widget.path, str(talk))
    assert widget.value() == str(talk) and "does not exist" in widget.problem()
    talk.write_bytes(b"\0")
    assert widget.problem() == ""
    widget.set_value(plain)
    assert widget.value() == plain and not widget.path.isVisible()
    widget.set_value(str(talk))  # a saved file comes back as its kind
    assert widget.kind.currentData() == file_kind and widget.path.text() == str(talk)


def test_a_still_image_is_the_image_kind() -> None:
    assert PictureSourcePicker("/shop/slide.PNG").kind.currentData() == "image"
    assert PictureSourcePicker("none").value() == "none"
    assert SoundSourcePicker("").value() == "microphone"


@pytest.mark.parametrize("picker", [SoundSourcePicker, PictureSourcePicker])
def test_the_chinese_pickers_keep_their_words(qtbot, picker: type[FileSourcePicker]) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    assert i18n.install(app, "zh_CN") == "zh_CN"
    try:
        widget = picker()
        qtbot.addWidget(widget)
        texts = [widget.kind.itemText(i) for i in range(widget.kind.count())]
        texts += [widget.browse.text(), widget.path.placeholderText()]
        widget.kind.setCurrentIndex(widget.kind.count() - 1 if picker is SoundSourcePicker else 1)
        texts.append(widget.problem())
        assert widget.browse.text() == "选择…"
        assert [t for t in texts if not any("\u4e00" <= c <= "\u9fff" for c in t)] == []
    finally:
        i18n.install(app, "en")
