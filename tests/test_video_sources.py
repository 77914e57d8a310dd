"""Video sources: the test pattern moves and is stamped, a file loops, and a camera that drops out
mid-stream keeps the output running on a "camera lost" frame and comes back by itself."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from helpers import wait_until

from sola_studio.core.errors import DeviceUnavailable, MediaError
from sola_studio.sinks.pipeline import VideoPipeline
from sola_studio.sinks.preview import PreviewSlot
from sola_studio.sources.video import (
    CameraSource,
    SourceState,
    TestPatternSource,
    VideoFileSource,
)

W, H = 320, 240


def make_clip(path: Path, frames: int = 15, fps: int = 30) -> Path:
    with av.open(str(path), "w") as c:
        s = c.add_stream("libx264", rate=fps)
        s.width, s.height, s.pix_fmt = W, H, "yuv420p"
        for i in range(frames):
            img = np.full((H, W, 3), 40 + (i * 6) % 200, np.uint8)
            for p in s.encode(av.VideoFrame.from_ndarray(img, format="bgr24")):
                c.mux(p)
        for p in s.encode(None):
            c.mux(p)
    return path


def test_test_pattern_moves_and_frames_are_stamped() -> None:
    with TestPatternSource(W, H, 30) as src:
        frames = [src.read(timeout=2) for _ in range(6)]
    assert all(f is not None for f in frames)
    stamps = [f.t_capture for f in frames if f]
    assert stamps == sorted(stamps) and stamps[-1] - stamps[0] > 0.1
    assert not np.array_equal(frames[0].image, frames[-1].image)  # type: ignore[union-attr]
    assert src.format.width == W and src.format.fps == 30


def test_video_file_loops(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "clip.mp4", frames=15)
    with VideoFileSource(clip, paced=False, queue_size=64) as src:
        got = [src.read(timeout=2) for _ in range(40)]
    assert all(f is not None for f in got)
    assert src.format.width == W
    brightness = [int(f.image.mean()) for f in got if f]
    assert brightness.count(min(brightness)) >= 2  # the first frame came round again


def test_missing_file_and_camera_are_typed_errors(tmp_path: Path) -> None:
    with pytest.raises(MediaError):
        VideoFileSource(tmp_path / "nope.mp4").open()
    with pytest.raises(DeviceUnavailable) as err:
        CameraSource("no such camera anywhere").open()
    assert err.value.fix


class FlakyCamera:
    """A webcam stand-in (no webcam exists here) built on a real cv2.VideoCapture of a clip: it
    delivers frames, then is 'unplugged' (reads fail, opening fails) until ``replug`` is set."""

    unplugged = threading.Event()
    replug = threading.Event()

    def __init__(self, clip: Path) -> None:
        self._cap = cv2.VideoCapture(str(clip))
        self._reads = 0

    def isOpened(self) -> bool:
        return self._cap.isOpened() and (not self.unplugged.is_set() or self.replug.is_set())

    def read(self) -> tuple[bool, np.ndarray | None]:
        if self.unplugged.is_set() and not self.replug.is_set():
            return False, None
        time.sleep(1 / 30)
        ok, img = self._cap.read()
        if not ok:
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, img = self._cap.read()
        return ok, img

    def set(self, prop: int, value: float) -> bool:
        return True

    def get(self, prop: int) -> float:
        return float(self._cap.get(prop))

    def release(self) -> None:
        self._cap.release()


def _shows(preview: PreviewSlot, *, lost: bool) -> bool:
    """Whether the latest output frame is the camera's picture (or the camera-lost notice)."""
    frame = preview.get()
    return frame is not None and frame.camera_lost is lost


def test_camera_lost_keeps_output_running_and_recovers(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "cam.mp4", frames=30)
    camera = CameraSource(0, W, H, 30, capture_factory=lambda dev: FlakyCamera(clip), retry_s=0.2)
    preview = PreviewSlot()
    pipeline = VideoPipeline(camera, None, [preview], fps=30, width=W, height=H, lost_after_s=0.5)
    with pipeline:
        wait_until(lambda: _shows(preview, lost=False), timeout=10, what="a camera frame")
        live = preview.get()
        assert live is not None and not live.camera_lost
        FlakyCamera.unplugged.set()
        wait_until(lambda: _shows(preview, lost=True), timeout=10, what="the camera-lost notice")
        seq_before = preview.seq
        time.sleep(0.5)
        lost = preview.get()
        assert preview.seq - seq_before >= 10  # the output keeps its frame rate
        assert lost is not None and lost.camera_lost
        assert camera.state is SourceState.LOST
        # the notice: a red box in the middle of a darkened picture
        centre = lost.image[H // 2 - 3 : H // 2 + 3, W // 2 - 3 : W // 2 + 3].reshape(-1, 3)
        assert centre[:, 2].mean() > 120 and centre[:, 0].mean() < 80
        FlakyCamera.replug.set()
        wait_until(lambda: _shows(preview, lost=False), timeout=10, what="the camera back")
        back = preview.get()
    assert back is not None and not back.camera_lost
    assert camera.reconnects >= 1
    assert pipeline.stats.lost_frames > 10
