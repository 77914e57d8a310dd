"""Video sources: a camera, a video file (looped) and a moving test pattern, behind one Protocol.

The contract follows vidgear's gears: ``start()``, ``read(timeout)``, ``stop()``. A daemon thread
grabs frames and puts them on a bounded :class:`~sola_studio.core.channels.Channel` whose
overflow policy is DROP_OLDEST (the newest picture matters; ``dropped`` counts the rest). Each
:class:`VideoFrame` carries the monotonic time it was captured.

A source whose device fails (camera unplugged, driver error) does not end: it reports
``SourceState.LOST``, closes the device, and tries to open it again every ``retry_s`` seconds
until it comes back or ``stop()`` is called. The consumer (the video pipeline) keeps its output
running meanwhile.

Every source delivers frames of the output's size and shape (:func:`fit_frame`): a camera or
video file of another shape is centre-cropped to it (a landscape camera in a 9:16 portrait show
keeps the middle of the picture, never squashed), a still picture is fitted whole on black.

This module never draws captions, never sleeps in a consumer's thread, and never imports Qt.
"""

from __future__ import annotations

import enum
import logging
import math
import platform
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from sola_studio.core.channels import Channel, Overflow
from sola_studio.core.clock import Clock, SystemClock
from sola_studio.core.errors import DeviceUnavailable, MediaError

log = logging.getLogger(__name__)


class Fit(enum.Enum):
    """How a picture of another shape fills the output frame."""

    CROP = "crop"  # fill the frame, cutting what sticks out equally on both sides (camera, video)
    CONTAIN = "contain"  # the whole picture, with black bars (a product photo, a slide)


def fit_frame(image: np.ndarray, width: int, height: int, fit: Fit = Fit.CROP) -> np.ndarray:
    """``image`` (BGR) as a ``width`` x ``height`` frame, centred; the same array when it is
    that size already. Never stretches: a 16:9 camera in a 9:16 frame keeps its middle third."""
    h, w = image.shape[:2]
    if (w, h) == (width, height):
        return image
    if fit is Fit.CROP:
        scale = max(width / w, height / h)
        cw, ch = min(w, round(width / scale)), min(h, round(height / scale))
        x, y = (w - cw) // 2, (h - ch) // 2
        part = image[y : y + ch, x : x + cw]
        shrink = cw > width
        interpolation = cv2.INTER_AREA if shrink else cv2.INTER_LINEAR
        return np.asarray(cv2.resize(part, (width, height), interpolation=interpolation))
    scale = min(width / w, height / h)
    fw, fh = max(1, round(w * scale)), max(1, round(h * scale))
    canvas = np.zeros((height, width, 3), dtype=np.uint8)
    x, y = (width - fw) // 2, (height - fh) // 2
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    canvas[y : y + fh, x : x + fw] = cv2.resize(image, (fw, fh), interpolation=interpolation)
    return canvas


@dataclass(frozen=True)
class VideoFrame:
    """One picture: BGR ``uint8`` (height, width, 3), captured at monotonic ``t_capture``."""

    image: np.ndarray
    t_capture: float
    index: int

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


@dataclass(frozen=True)
class VideoFormat:
    """What a source delivers, as negotiated with the device (may differ from what was asked)."""

    width: int
    height: int
    fps: float
    name: str


class SourceState(enum.Enum):
    IDLE = "idle"
    RUNNING = "running"
    LOST = "lost"  # the device failed; reconnecting
    STOPPED = "stopped"


class VideoSource(Protocol):
    """start/read/stop, as vidgear's gears."""

    @property
    def format(self) -> VideoFormat: ...
    @property
    def state(self) -> SourceState: ...
    @property
    def dropped(self) -> int: ...
    def start(self) -> VideoSource: ...
    def read(self, timeout: float | None = None) -> VideoFrame | None: ...
    def latest(self) -> VideoFrame | None: ...
    def stop(self) -> None: ...


class Capture(Protocol):
    """The part of ``cv2.VideoCapture`` a camera source uses (a test can stand in for a webcam)."""

    def isOpened(self) -> bool: ...
    def read(self) -> tuple[bool, np.ndarray | None]: ...
    def set(self, prop: int, value: float) -> bool: ...
    def get(self, prop: int) -> float: ...
    def release(self) -> None: ...


class _ThreadedSource:
    """A daemon thread that opens a device, grabs frames into a bounded channel, and reopens the
    device after a failure. Subclasses implement ``_open``, ``_grab`` and ``_close``."""

    def __init__(
        self, name: str, clock: Clock | None, queue_size: int = 4, retry_s: float = 1.0
    ) -> None:
        self._name = name
        self._clock = clock or SystemClock()
        self._frames: Channel[VideoFrame] = Channel(queue_size, Overflow.DROP_OLDEST, name)
        self._retry_s = retry_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state = SourceState.IDLE
        self._latest: VideoFrame | None = None
        self._index = 0
        self._format = VideoFormat(0, 0, 0.0, name)
        self.reconnects = 0
        # stepped: no reader thread; each latest() reads the next frame on the caller's thread,
        # so a caller running its own clock (a faster-than-real-time replay) takes exactly one
        # frame per output tick. Only sources that can be read on demand (file, pattern) offer it.
        self._stepped = False

    # -- subclass hooks --------------------------------------------------------------------
    def _open(self) -> VideoFormat:
        raise NotImplementedError

    def _grab(self) -> np.ndarray | None:
        """The next picture, or None when the device failed."""
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    # -- contract --------------------------------------------------------------------------
    @property
    def format(self) -> VideoFormat:
        return self._format

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def dropped(self) -> int:
        return self._frames.dropped

    def open(self) -> VideoFormat:
        """Open the device now (so a missing device is an error at once, not in the thread)."""
        self._format = self._open()
        return self._format

    def start(self) -> _ThreadedSource:
        if self._thread is not None:
            return self
        if self._format.width == 0:
            self.open()
        self._state = SourceState.RUNNING
        if self._stepped:
            return self
        self._thread = threading.Thread(target=self._run, name=f"video:{self._name}", daemon=True)
        self._thread.start()
        return self

    def read(self, timeout: float | None = None) -> VideoFrame | None:
        """The oldest queued frame; None on timeout or after ``stop()``."""
        item = self._frames.get(timeout)
        return item if isinstance(item, VideoFrame) else None

    def latest(self) -> VideoFrame | None:
        """The newest frame without waiting (older queued frames are discarded); a stepped
        source reads its next frame now."""
        if self._stepped:
            return self._step()
        items = self._frames.drain()
        if items:
            return items[-1]
        return None

    def stop(self) -> None:
        self._stop.set()
        self._frames.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._stepped:
            self._safe_close()
        self._state = SourceState.STOPPED

    def _step(self) -> VideoFrame | None:
        if self._state is not SourceState.RUNNING:
            return None
        image = self._grab()
        if image is None:
            self._state = SourceState.LOST
            return None
        frame = VideoFrame(image, self._clock.monotonic(), self._index)
        self._index += 1
        return frame

    def __enter__(self) -> _ThreadedSource:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        opened = True
        while not self._stop.is_set():
            if not opened:
                try:
                    self._format = self._open()
                    opened = True
                    self.reconnects += 1
                    self._state = SourceState.RUNNING
                    log.info("%s is back (%dx%d)", self._name, *self._size())
                except (DeviceUnavailable, MediaError) as exc:
                    log.debug("%s still unavailable: %s", self._name, exc.message)
                    self._stop.wait(self._retry_s)
                    continue
            try:
                image = self._grab()
            except Exception:
                log.exception("%s failed while reading", self._name)
                image = None
            if image is None:
                if self._stop.is_set():
                    break
                log.warning("%s lost; reconnecting every %.1f s", self._name, self._retry_s)
                self._state = SourceState.LOST
                self._safe_close()
                opened = False
                self._stop.wait(self._retry_s)
                continue
            frame = VideoFrame(image, self._clock.monotonic(), self._index)
            self._index += 1
            self._frames.put(frame)
        self._safe_close()

    def _size(self) -> tuple[int, int]:
        return self._format.width, self._format.height

    def _safe_close(self) -> None:
        try:
            self._close()
        except Exception:
            log.exception("closing %s failed", self._name)


# -- camera ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CameraInfo:
    index: int
    name: str
    path: str


def list_cameras() -> list[CameraInfo]:
    """Cameras with names where the OS tells them (Linux sysfs); elsewhere an empty list (opencv
    cannot name devices on Windows/macOS; use the index)."""
    cameras: list[CameraInfo] = []
    root = Path("/sys/class/video4linux")
    if platform.system() == "Linux" and root.is_dir():
        for entry in sorted(root.iterdir()):
            if not entry.name.startswith("video"):
                continue
            try:
                name = (entry / "name").read_text().strip()
            except OSError:
                name = entry.name
            cameras.append(CameraInfo(int(entry.name[5:]), name, f"/dev/{entry.name}"))
    return cameras


def _default_capture(device: int | str) -> Capture:
    system = platform.system()
    api = {"Windows": cv2.CAP_DSHOW, "Darwin": cv2.CAP_AVFOUNDATION, "Linux": cv2.CAP_V4L2}.get(
        system, cv2.CAP_ANY
    )
    return cv2.VideoCapture(device, api)


def _camera_fix() -> str:
    system = platform.system()
    if system == "Windows":
        return (
            "plug the camera in, close other apps using it (Zoom, Teams, OBS), and allow camera "
            "access in Settings > Privacy > Camera"
        )
    if system == "Darwin":
        return (
            "plug the camera in and allow camera access in "
            "System Settings > Privacy & Security > Camera"
        )
    return "plug the camera in and check `ls /dev/video*`; add yourself to the 'video' group"


class CameraSource(_ThreadedSource):
    """A webcam through OpenCV, by index (``0``), path (``/dev/video2``) or name ("Logitech").

    Frames come out ``width`` x ``height`` (``fit``: centre-cropped by default). For a portrait
    size the camera is asked for the landscape size of the same long side (webcams have no
    portrait modes) and the middle of the picture is kept."""

    def __init__(
        self,
        device: int | str = 0,
        width: int = 1280,
        height: int = 720,
        fps: float = 30.0,
        *,
        clock: Clock | None = None,
        capture_factory: Callable[[int | str], Capture] = _default_capture,
        retry_s: float = 1.0,
        queue_size: int = 4,
        fit: Fit = Fit.CROP,
    ) -> None:
        super().__init__(f"camera {device}", clock, queue_size, retry_s)
        self._device = device
        self._want = (width, height, fps)
        self._fit = fit
        self._factory = capture_factory
        self._cap: Capture | None = None

    def _resolve(self) -> int | str:
        device = self._device
        if isinstance(device, int) or device.isdigit() or device.startswith("/dev/"):
            return int(device) if isinstance(device, str) and device.isdigit() else device
        cameras = list_cameras()
        for cam in cameras:
            if device.lower() in cam.name.lower():
                return cam.index
        known = ", ".join(f"{c.index}: {c.name}" for c in cameras) or "none found"
        raise DeviceUnavailable(
            f"no camera named {device!r} (cameras: {known})",
            fix="pick a camera by index or by one of the names listed",
        )

    def _open(self) -> VideoFormat:
        device = self._resolve()
        cap = self._factory(device)
        if not cap.isOpened():
            cap.release()
            raise DeviceUnavailable(f"camera {device!r} cannot be opened", fix=_camera_fix())
        out_w, out_h, fps = self._want
        width, height = max(out_w, out_h), min(out_w, out_h)  # what webcams offer: landscape
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        cap.set(cv2.CAP_PROP_FPS, fps)
        got = VideoFormat(
            int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)) or width,
            int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) or height,
            float(cap.get(cv2.CAP_PROP_FPS)) or fps,
            f"camera {device}",
        )
        if (got.width, got.height) != (width, height) or abs(got.fps - fps) > 0.5:
            log.info(
                "camera %s gives %dx%d@%.1f (asked %dx%d@%.1f)",
                device,
                got.width,
                got.height,
                got.fps,
                width,
                height,
                fps,
            )
        self._cap = cap
        return VideoFormat(out_w, out_h, got.fps, got.name)

    def _grab(self) -> np.ndarray | None:
        if self._cap is None:
            return None
        ok, image = self._cap.read()
        if not ok or image is None:
            return None
        return fit_frame(image, self._want[0], self._want[1], self._fit)

    def _close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


# -- video file -----------------------------------------------------------------------------


class VideoFileSource(_ThreadedSource):
    """A video file played at its own frame rate (``paced``) or as fast as read, looping.

    ``stepped``: no thread; every :meth:`latest` returns the file's next frame (for a caller
    that ticks at the file's rate on its own clock, e.g. ``sola-studio run --fast``).
    ``size``: frames come out this size (``fit``: centre-cropped by default); ``None``: the
    file's own."""

    def __init__(
        self,
        path: str | Path,
        *,
        loop: bool = True,
        paced: bool = True,
        clock: Clock | None = None,
        queue_size: int = 4,
        stepped: bool = False,
        size: tuple[int, int] | None = None,
        fit: Fit = Fit.CROP,
    ) -> None:
        super().__init__(f"file {Path(path).name}", clock, queue_size, retry_s=1.0)
        self._stepped = stepped
        self._out = size
        self._fit = fit
        self._path = Path(path)
        self._loop = loop
        self._paced = paced
        self._cap: cv2.VideoCapture | None = None
        self._next_t = 0.0
        self.ended = threading.Event()

    def _open(self) -> VideoFormat:
        if not self._path.is_file():
            raise MediaError(f"video file not found: {self._path}", fix="check the path")
        cap = cv2.VideoCapture(str(self._path))
        if not cap.isOpened():
            raise MediaError(
                f"cannot read video file {self._path}", fix="convert it to MP4 (H.264) and retry"
            )
        self._cap = cap
        fps = cap.get(cv2.CAP_PROP_FPS)
        fps = fps if fps and math.isfinite(fps) and fps > 0 else 30.0
        self._next_t = self._clock.monotonic()
        width, height = self._out or (
            int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)),
            int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)),
        )
        return VideoFormat(width, height, fps, self._name)

    def _grab(self) -> np.ndarray | None:
        cap = self._cap
        if cap is None:
            return None
        ok, image = cap.read()
        if not ok and self._loop:
            cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, image = cap.read()
        if not ok:
            self.ended.set()
            if self._stepped:
                return None
            self._stop.wait()  # a file that ended without looping: wait for stop()
            return None
        if self._paced and not self._stepped:
            self._next_t += 1.0 / self._format.fps
            delay = self._next_t - self._clock.monotonic()
            if delay > 0:
                self._stop.wait(delay)
            else:
                self._next_t = self._clock.monotonic()  # fell behind: do not burst to catch up
        if self._out is not None and image is not None:
            return fit_frame(image, self._out[0], self._out[1], self._fit)
        return image

    def _close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


# -- test pattern ---------------------------------------------------------------------------


class TestPatternSource(_ThreadedSource):
    """Colour bars with a moving bar and a running clock, at ``fps``: a camera for demos, tests
    and benchmarks. ``flash_at`` (monotonic times) turns whole frames white, for A/V sync checks.
    ``stepped``: no thread; every :meth:`latest` draws the picture for the clock's time now."""

    __test__ = False  # not a pytest class

    def __init__(
        self,
        width: int = 1280,
        height: int = 720,
        fps: float = 30.0,
        *,
        clock: Clock | None = None,
        flash_at: tuple[float, ...] = (),
        flash_s: float = 0.1,
        queue_size: int = 4,
        stepped: bool = False,
    ) -> None:
        super().__init__("test pattern", clock, queue_size)
        self._stepped = stepped
        self._size_wh = (width, height)
        self._fps = fps
        self._flash_at = flash_at
        self._flash_s = flash_s
        self._bars = self._make_bars(width, height)
        self._t0 = 0.0
        self._next_t = 0.0

    @staticmethod
    def _make_bars(width: int, height: int) -> np.ndarray:
        colors = [
            (192, 192, 192),
            (0, 192, 192),
            (192, 192, 0),
            (0, 192, 0),
            (192, 0, 192),
            (0, 0, 192),
            (192, 0, 0),
        ]
        bars = np.zeros((height, width, 3), dtype=np.uint8)
        step = math.ceil(width / len(colors))
        for i, c in enumerate(colors):
            bars[:, i * step : (i + 1) * step] = c
        return bars

    def _open(self) -> VideoFormat:
        self._t0 = self._next_t = self._clock.monotonic()
        width, height = self._size_wh
        return VideoFormat(width, height, self._fps, self._name)

    def frame_at(self, t: float) -> np.ndarray:
        """The picture for monotonic time ``t`` (also used directly by the benchmark)."""
        width, height = self._size_wh
        if any(start <= t < start + self._flash_s for start in self._flash_at):
            return np.full((height, width, 3), 255, dtype=np.uint8)
        image = self._bars.copy()
        elapsed = t - self._t0
        x = int((elapsed * width / 4) % width)
        bar_w = max(4, width // 40)
        image[:, x : x + bar_w] = 255
        text = f"{elapsed:8.2f} s"
        scale = min(width, height) / 360  # the clock fits a portrait frame's width too
        cv2.putText(
            image, text, (width // 20, height // 8), cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0),
            max(1, round(scale * 2)), cv2.LINE_AA,
        )  # fmt: skip
        return image

    def _grab(self) -> np.ndarray | None:
        if self._stepped:
            return self.frame_at(self._clock.monotonic())
        self._next_t += 1.0 / self._fps
        delay = self._next_t - self._clock.monotonic()
        if delay > 0:
            self._stop.wait(delay)
        else:
            self._next_t = self._clock.monotonic()
        return self.frame_at(self._clock.monotonic())

    def _close(self) -> None:
        return None


#: Files shown as a still picture (a product photo, a slide) rather than played as video.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".webp"})


class StillImageSource(TestPatternSource):
    """A still picture (a product photo, a slide) as a camera at ``fps``, scaled to fit
    ``width`` x ``height`` on black. A missing or unreadable file is a MediaError with the fix,
    raised here, before the show starts."""

    __test__ = False

    def __init__(
        self,
        path: str | Path,
        width: int = 1280,
        height: int = 720,
        fps: float = 30.0,
        *,
        clock: Clock | None = None,
        stepped: bool = False,
    ) -> None:
        super().__init__(width, height, fps, clock=clock, stepped=stepped)
        p = Path(path)
        image = cv2.imread(str(p), cv2.IMREAD_COLOR) if p.is_file() else None
        if image is None:
            raise MediaError(
                f"cannot read the picture {p}",
                fix="choose a PNG or JPEG file in Settings › Devices › Picture",
            )
        self._name = f"image {p.name}"
        # the whole photo or slide, never cut: a product at the edge of a photo stays on screen
        self._bars = np.ascontiguousarray(fit_frame(image, width, height, Fit.CONTAIN))

    def frame_at(self, t: float) -> np.ndarray:
        return self._bars.copy()
