"""Picture sources (issue 19.1): the camera, a video file, a still image, a test picture or none
(audio only), chosen in Settings and the setup, read by Go live; every device problem checked
at once before going live and shown together, with "Go live without it" going live on a test
picture when there is no camera. Real window, real show (the sample talk as the voice)."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from sola_studio import doctor
from sola_studio.config import Settings
from sola_studio.live.options import DEMO_AUDIO
from sola_studio.sources.video import StillImageSource
from sola_studio.ui.main import demo_settings
from sola_studio.ui.preflight import check_devices, without
from sola_studio.ui.session import StudioInputs, live_options, load_sheet_for, session_factory
from sola_studio.ui.settings_dialog import SettingsDialog
from sola_studio.ui.window import MainWindow


def _png(path, w=100, h=50):
    image = np.zeros((h, w, 3), dtype=np.uint8)
    image[:, :] = (0, 0, 255)  # red in BGR
    cv2.imwrite(str(path), image)
    return path


def test_settings_offer_every_picture_and_go_live_reads_it(qtbot, tmp_path):
    photo = _png(tmp_path / "tee.png")
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    picker = dialog.picture
    assert picker.value() == "camera"
    kinds = [picker.kind.itemData(i) for i in range(picker.kind.count())]
    assert kinds == ["camera", "video", "image", "pattern", "none"]
    picker.kind.setCurrentIndex(picker.kind.findData("image"))
    picker.path.setText(str(tmp_path / "missing.png"))
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.tabs.currentIndex() == dialog.devices_tab
    picker.path.setText(str(photo))
    dialog.accept()
    assert dialog.result_settings().picture == str(photo)

    def video(**kw):
        return live_options(Settings(**kw), StudioInputs(), out=tmp_path).video

    assert video() == "camera"
    assert video(camera="1") == "camera:1"
    assert video(picture="pattern") == "pattern"
    assert video(picture="none") is None
    assert video(picture=str(photo)) == str(photo)


def test_a_still_image_is_a_picture_scaled_to_fit(tmp_path):
    source = StillImageSource(_png(tmp_path / "slide.png"), 320, 180, 10.0, stepped=True)
    source.start()
    try:
        frame = source.latest()
        assert frame is not None and frame.image.shape == (180, 320, 3)
        assert tuple(frame.image[90, 160]) == (0, 0, 255)  # the picture in the middle
        # 2:1 in 16:9: full width, black bands above and below
        assert tuple(frame.image[5, 160]) == (0, 0, 0)
        assert tuple(frame.image[175, 160]) == (0, 0, 0)
    finally:
        source.stop()
    with pytest.raises(Exception) as err:
        StillImageSource(tmp_path / "nope.png")
    assert "Settings" in (getattr(err.value, "fix", "") or "")


def _check(status, summary, fix="", barrier=None):
    def run():
        if barrier is not None:
            barrier.wait()  # every check must be running at once to pass this
        return doctor.Check("x", status, summary, fix)

    return run


def test_every_device_is_checked_at_once_and_reported_together():
    barrier = threading.Barrier(3, timeout=10)
    checks = {
        "microphone": _check(doctor.Status.OK, "mic ok", barrier=barrier),
        "camera": _check(doctor.Status.WARN, "no camera opens", "plug one in", barrier),
        "virtual camera": _check(doctor.Status.FAIL, "no v4l2loopback", "modprobe", barrier),
    }
    settings = Settings(virtual_camera=True)
    problems = check_devices(settings, StudioInputs(), checks)
    assert [(p.device, p.message, p.fix) for p in problems] == [
        ("camera", "no camera opens", "plug one in"),
        ("virtual camera", "no v4l2loopback", "modprobe"),
    ]
    alt = without(settings, problems)
    assert alt is not None and alt.picture == "pattern" and alt.virtual_camera is False
    # no microphone: no show without it, so no "go live without it"
    checks["microphone"] = _check(doctor.Status.WARN, "no audio input device found", "plug")
    checks["camera"] = _check(doctor.Status.OK, "ok")
    checks["virtual camera"] = _check(doctor.Status.OK, "ok")
    problems = check_devices(Settings(), StudioInputs(), checks)
    assert [p.device for p in problems] == ["microphone"] and without(Settings(), problems) is None
    # audio only with a recording: said before going live, with the way out
    checks["microphone"] = _check(doctor.Status.OK, "ok")
    problems = check_devices(Settings(picture="none", record=True), StudioInputs(), checks)
    assert [p.device for p in problems] == ["recording"]


@pytest.mark.slow
def test_no_camera_goes_live_on_a_test_picture_without_touching_the_settings(qtbot):
    no_camera = {
        "camera": _check(doctor.Status.WARN, "no camera opens (tried indices 0-2)", "plug one"),
    }
    inputs = StudioInputs(audio=str(DEMO_AUDIO), video="camera")
    settings = demo_settings(Settings()).replace(caption_languages=(), overlay=False)
    win = MainWindow(
        settings,
        session_factory(inputs=inputs),
        load_sheet_for(settings),
        preflight=lambda s: check_devices(s, inputs, no_camera),
    )
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.mouseClick(win.live_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(win.problem.isVisible, timeout=10_000)
        assert win.controller.session is None  # nothing opened yet
        text = win.problem.text()
        assert "no camera opens" in text and "plug one" in text
        assert win.problem.action.isVisible()
        assert win.problem.action.text() == "Go live without it"
        with qtbot.waitSignal(win.controller.started, timeout=120_000):
            qtbot.mouseClick(win.problem.action, Qt.MouseButton.LeftButton)
        assert win.session.options.video == "pattern"
        assert win.settings.picture == "camera"  # the seller's choice is kept for next time
        qtbot.waitUntil(lambda: win.preview.frames_shown > 3, timeout=10_000)
        with qtbot.waitSignal(win.controller.stopped, timeout=90_000):
            qtbot.mouseClick(win.live_button, Qt.MouseButton.LeftButton)
    finally:
        win.close()
        qtbot.waitUntil(
            lambda: win.controller.session is None and not win.controller.busy, timeout=90_000
        )
        assert win.shutdown()


def test_the_setup_never_saves_a_model_that_failed_to_install(qtbot, monkeypatch):
    """Offline (the model hub points at a closed port on 127.0.0.1): base is prepared from the
    installed packages (when not yet in the cache); installing tiny fails with the downloader's
    own error, the selection goes back to the installed model, and that is what is saved."""
    from chat_support import free_port

    from sola_studio.ui.wizard import SetupWizard

    monkeypatch.setenv("SOLA_STUDIO_MODEL_HUB", f"http://127.0.0.1:{free_port()}")
    wizard = SetupWizard(Settings(asr_model="base"))
    qtbot.addWidget(wizard)
    page = wizard.models
    page.initializePage()
    if page._job is not None:  # base ships in installed packages: prepared offline, at once
        assert "from the installed packages" in page.note.text()
        qtbot.waitUntil(page.installed.is_set, timeout=120_000)
        assert "Ready: base" in page.note.text()
    assert page.is_ready("base") and not page.is_ready("tiny")
    # offline, a model that needs a download cannot be chosen: disabled, with the reason
    qtbot.waitUntil(lambda: page.panel.online is False, timeout=10_000)
    tiny = next(
        page.table.topLevelItem(i)
        for i in range(page.table.topLevelItemCount())
        if page.table.topLevelItem(i).text(0) == "tiny"
    )
    assert tiny.isDisabled() and tiny.text(1) == "needs the internet"
    page.install("tiny")  # asked for anyway: it fails in words and is not saved
    qtbot.waitUntil(page.installed.is_set, timeout=60_000)
    assert "tiny could not be installed" in page.note.text()
    assert "base stays selected" in page.note.text()
    assert page.selected() == "base" and page.model() == "base"
    assert wizard.result_settings().asr_model == "base"
