"""Settings' caption-style preview and the picture's shape, offscreen with the real renderer:
the preview redraws as the seller changes the text size (size 96 visibly covers the product),
follows the portrait shape, and the shape chosen in Settings or the setup is saved and is what
Go live asks the picture for."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("PySide6")

from sola_studio import config
from sola_studio.captions import preview
from sola_studio.config import Settings
from sola_studio.live.video import open_video, renderer_style
from sola_studio.ui.session import StudioInputs, live_options
from sola_studio.ui.settings_dialog import SettingsDialog
from sola_studio.ui.widgets.style_preview import preview_size


def caption_rows(dialog: SettingsDialog) -> np.ndarray:
    """The rows of the preview where the captions changed the picture (its left half: a card
    sits top right in landscape; in portrait it sits above the captions, counted with them)."""
    frame = dialog.style_preview.frame
    assert frame is not None
    h, w = frame.shape[:2]
    style = renderer_style(dialog.caption_look())
    base = preview.shade_platform_ui(preview.background(dialog.picture.value(), w, h), style)
    changed = np.abs(frame.astype(int) - base.astype(int)).max(axis=2) > 30
    return np.flatnonzero(changed[:, : w // 2].any(axis=1))


def redraw(qtbot, dialog: SettingsDialog, change) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.style_preview.redrawn, timeout=20_000):
        change()


def test_preview_redraws_as_the_text_size_changes(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(Settings(caption_languages=("pt", "es")))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.style_preview.frame is not None, timeout=20_000)
    assert dialog.style_preview.frame.shape == (270, 480, 3)  # landscape, 16:9
    small = caption_rows(dialog)
    redraw(qtbot, dialog, lambda: dialog.font_size.setValue(96))
    large = caption_rows(dialog)
    # three languages at size 44 take the lower part; at 96 the captions climb well up the
    # picture, over the product, and the seller sees it before going live
    assert small[0] > 270 * 0.45
    assert large[0] < small[0] - 40
    redraw(qtbot, dialog, lambda: dialog.bottom_margin.setValue(20))
    raised = caption_rows(dialog)
    assert raised[-1] < large[-1] - 20  # "space below the captions" moves them up


def test_portrait_shape_is_previewed_saved_and_used_by_go_live(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    dialog = SettingsDialog(Settings(caption_languages=("pt", "zh"), picture="pattern"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.style_preview.frame is not None, timeout=20_000)
    index = dialog.output_shape.findData("720x1280")
    assert index >= 0
    redraw(qtbot, dialog, lambda: dialog.output_shape.setCurrentIndex(index))
    frame = dialog.style_preview.frame
    assert frame is not None and frame.shape[:2] == preview_size((720, 1280))[::-1]
    h = frame.shape[0]
    rows = caption_rows(dialog)
    assert rows[-1] < h * 0.75  # above TikTok's comments ...
    assert "TikTok" in dialog.style_preview.note.text()  # ... whose area is shown darkened

    chosen = dialog.result_settings()
    assert chosen.output_size == (720, 1280)
    loaded = config.load(config.save(chosen, tmp_path / "settings.json"))
    assert loaded.output_size == (720, 1280)
    # Go live: the window's options and the picture opened from them are portrait
    options = live_options(loaded, StudioInputs(), out=tmp_path / "show")
    assert options.size == (720, 1280)
    video = open_video(options, clock=None)
    assert video is not None
    assert (video.format.width, video.format.height) == (720, 1280)
    frame_out = video.source.start().read(timeout=10)
    video.source.stop()
    assert frame_out is not None and frame_out.image.shape == (1280, 720, 3)


def test_setup_camera_page_saves_the_shape(qtbot) -> None:  # type: ignore[no-untyped-def]
    from sola_studio.ui.wizard import SetupWizard

    wizard = SetupWizard(Settings())
    qtbot.addWidget(wizard)
    assert wizard.camera.shape.output_size() == (1280, 720)
    wizard.camera.shape.setCurrentIndex(wizard.camera.shape.findData("1080x1920"))
    assert wizard.result_settings().output_size == (1080, 1920)


def test_a_hand_written_size_is_kept() -> None:
    settings = config._from_json({"output_size": [800, 600]})
    assert settings.output_size == (800, 600)
    with pytest.raises(config.ConfigError, match="cannot be encoded"):
        Settings(output_size=(721, 1280))
