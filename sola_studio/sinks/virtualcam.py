"""The virtual camera the streaming app picks up like a webcam, through pyvirtualcam.

:class:`VirtualCameraSink` always talks to ``pyvirtualcam.Camera``; which backend sits behind it
is a constructor argument:

- the real ones pyvirtualcam ships (OBS Virtual Camera on Windows and macOS, v4l2loopback on
  Linux). When none exists, :class:`~sola_studio.core.errors.DeviceUnavailable` names what to
  install on this operating system;
- ``"sola-file"``, our own backend (:class:`FileCameraBackend`, registered with
  ``pyvirtualcam.register_backend`` on import), which encodes the frames to a video file or a
  local stream (``udp://127.0.0.1:PORT`` etc., MPEG-TS) at the camera's constant rate. Tests and
  machines without a virtual camera driver run the exact same code path with it.

Never imports Qt; never picks the file backend unless asked by name.
"""

from __future__ import annotations

import logging
import platform
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
import pyvirtualcam
from pyvirtualcam.util import decode_fourcc

from sola_studio.core.errors import DeviceUnavailable
from sola_studio.sinks.base import OutputFormat, OutputFrame

log = logging.getLogger(__name__)

FILE_BACKEND = "sola-file"


def install_hint(system: str | None = None) -> str:
    """What to install for a virtual camera on ``system`` (default: this machine)."""
    system = system or platform.system()
    if system == "Windows":
        return (
            "install OBS Studio 28 or newer (it includes 'OBS Virtual Camera'); "
            "no need to keep OBS open. Then restart Sola Studio"
        )
    if system == "Darwin":
        return (
            "install OBS Studio 30 or newer, open it once and click 'Start Virtual Camera' so "
            "macOS installs its camera extension (approve it in System Settings > Privacy)"
        )
    return (
        "install v4l2loopback and load it: sudo apt install v4l2loopback-dkms && "
        "sudo modprobe v4l2loopback devices=1 exclusive_caps=1 card_label='Sola Studio'"
    )


class FileCameraBackend:
    """A pyvirtualcam backend that encodes to a file or a local stream instead of a device.

    ``device`` is the output path (container from the suffix: .mp4, .mkv, .ts) or a URL
    (``udp://``, ``tcp://``, ``rtp://``; sent as MPEG-TS). Frames get consecutive timestamps at
    ``fps``, as a real virtual camera shows them. Extra keyword: ``codec`` (default libx264),
    ``crf`` (quality, default 18).
    """

    def __init__(
        self,
        *,
        width: int,
        height: int,
        fps: float,
        fourcc: int,
        device: str | None,
        codec: str = "libx264",
        crf: int = 18,
        **kw: Any,
    ) -> None:
        if not device:
            raise RuntimeError("the sola-file backend needs device=<output path or URL>")
        self._fmt = pyvirtualcam.PixelFormat(decode_fourcc(fourcc))
        pixel = {
            pyvirtualcam.PixelFormat.RGB: "rgb24",
            pyvirtualcam.PixelFormat.BGR: "bgr24",
            pyvirtualcam.PixelFormat.RGBA: "rgba",
        }.get(self._fmt)
        if pixel is None:
            raise RuntimeError(f"the sola-file backend takes RGB, BGR or RGBA, not {self._fmt}")
        self._pixel = pixel
        self._device = device
        self._width, self._height = width, height
        is_url = "://" in device
        if not is_url:
            Path(device).parent.mkdir(parents=True, exist_ok=True)
        self._container = av.open(device, "w", format="mpegts" if is_url else None)
        rate = Fraction(fps).limit_denominator(1001)
        self._stream: av.VideoStream = self._container.add_stream(codec, rate=rate)  # type: ignore[assignment]
        self._stream.width, self._stream.height = width, height
        self._stream.pix_fmt = "yuv420p"
        self._stream.time_base = 1 / rate
        if codec == "libx264":
            # measured: ultrafast/zerolatency keeps a 720p30 encode under 5 ms a frame here
            self._stream.options = {"crf": str(crf), "preset": "ultrafast", "tune": "zerolatency"}
        self._pts = 0
        log.info("sola-file virtual camera writing %s (%dx%d@%s)", device, width, height, rate)

    def send(self, frame: np.ndarray) -> None:
        channels = 4 if self._pixel == "rgba" else 3
        image = frame.reshape(self._height, self._width, channels)
        vf = av.VideoFrame.from_ndarray(image, format=self._pixel)
        vf.pts = self._pts
        self._pts += 1
        for packet in self._stream.encode(vf):
            self._container.mux(packet)

    def close(self) -> None:
        for packet in self._stream.encode(None):
            self._container.mux(packet)
        self._container.close()

    def device(self) -> str:
        return self._device

    def native_fourcc(self) -> int | None:
        return None


pyvirtualcam.register_backend(FILE_BACKEND, FileCameraBackend)


class VirtualCameraSink:
    """Sends output frames to ``pyvirtualcam.Camera``.

    ``backend=None`` tries the real backends of this OS; ``backend="sola-file"`` with
    ``device="out.mp4"`` (or a URL) writes a file/stream through the same code path.
    """

    name = "virtual-camera"

    def __init__(
        self, backend: str | None = None, device: str | None = None, **backend_options: Any
    ) -> None:
        self._backend = backend
        self._device = device
        self._options = backend_options
        self._camera: pyvirtualcam.Camera | None = None

    def open(self, fmt: OutputFormat) -> None:
        backends = self._backend or ", ".join(
            n for n in pyvirtualcam.camera.BACKENDS if n != FILE_BACKEND
        )
        try:
            if self._backend is None:
                self._camera = self._open_real(fmt)
            else:
                self._camera = pyvirtualcam.Camera(
                    fmt.width,
                    fmt.height,
                    fmt.fps,
                    fmt=pyvirtualcam.PixelFormat.BGR,
                    device=self._device,
                    backend=self._backend,
                    **self._options,
                )
        except (RuntimeError, KeyError, OSError, av.FFmpegError) as exc:
            raise DeviceUnavailable(
                f"no virtual camera could be opened ({backends or 'no backend'}): {exc}",
                fix=install_hint(),
            ) from exc
        log.info("virtual camera: %s (%s)", self._camera.device, self._camera.backend)

    def _open_real(self, fmt: OutputFormat) -> pyvirtualcam.Camera:
        errors: list[str] = []
        for name in [n for n in pyvirtualcam.camera.BACKENDS if n != FILE_BACKEND]:
            try:
                return pyvirtualcam.Camera(
                    fmt.width,
                    fmt.height,
                    fmt.fps,
                    fmt=pyvirtualcam.PixelFormat.BGR,
                    device=self._device,
                    backend=name,
                )
            except RuntimeError as exc:
                errors.append(f"{name}: {exc}")
        raise RuntimeError("; ".join(errors) or "this system has no virtual camera backend")

    @property
    def device(self) -> str | None:
        return self._camera.device if self._camera else None

    def send(self, frame: OutputFrame) -> None:
        if self._camera is not None:
            self._camera.send(frame.image)

    def close(self) -> None:
        if self._camera is not None:
            self._camera.close()
            self._camera = None
