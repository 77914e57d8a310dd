"""The output side, end to end with real encoders: the virtual-camera code path through our own
pyvirtualcam backend carries the captions at the right times, and the recording keeps audio and
video in sync."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pytest
import pyvirtualcam

from sola_studio.captions.render import CaptionRenderer, CaptionStyle, Color
from sola_studio.core.errors import DeviceUnavailable
from sola_studio.core.events import Caption
from sola_studio.sinks.pipeline import VideoPipeline
from sola_studio.sinks.preview import PreviewSlot
from sola_studio.sinks.recording import Recorder
from sola_studio.sinks.virtualcam import FILE_BACKEND, VirtualCameraSink
from sola_studio.sources.video import TestPatternSource

W, H, FPS = 640, 360, 30
OPAQUE = CaptionStyle(box=Color(0, 0, 0, 255))  # the caption's pixels do not depend on the picture


def cap(cid: int, text: str) -> Caption:
    return Caption(cid, "en", text, 0.0, 1.0, True, 0.0, 0.0)


def decode(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="bgr24") for f in c.decode(video=0)]


def test_file_backend_is_registered_with_pyvirtualcam(tmp_path: Path) -> None:
    out = tmp_path / "cam.mp4"
    with pyvirtualcam.Camera(W, H, FPS, device=str(out), backend=FILE_BACKEND) as cam:
        for i in range(10):
            cam.send(np.full((H, W, 3), i * 20, np.uint8))
    frames = decode(out)
    assert len(frames) == 10
    assert abs(int(frames[5].mean()) - 100) <= 3


def test_virtual_camera_frames_carry_the_captions_at_the_right_times(tmp_path: Path) -> None:
    out = tmp_path / "virtual-camera.mp4"
    renderer = CaptionRenderer(W, H, ["en"], style=OPAQUE)
    pipeline = VideoPipeline(
        TestPatternSource(W, H, FPS),
        renderer,
        [VirtualCameraSink(backend=FILE_BACKEND, device=str(out))],
        fps=FPS,
    )
    first, second = cap(1, "Welcome to the show"), cap(2, "This shirt is cotton")
    with pipeline:
        time.sleep(1.0)
        pipeline.on_caption(first)
        t_first = time.monotonic() - pipeline.t_origin
        time.sleep(1.0)
        pipeline.on_caption(second)
        t_second = time.monotonic() - pipeline.t_origin
        time.sleep(1.0)
    frames = decode(out)
    assert len(frames) >= 2.5 * FPS

    # what each caption looks like, drawn alone; its box is opaque, so it must match exactly
    expected = {}
    for c in (first, second):
        reference = CaptionRenderer(W, H, ["en"], style=OPAQUE)
        reference.on_caption(c)
        (patch,) = reference.overlay().patches
        expected[c.id] = patch

    def shown(frame: np.ndarray) -> int | None:
        best, best_err = None, 12.0  # mean absolute error after H.264: a few levels
        for cid, p in expected.items():
            r = p.rect
            region = frame[r.y : r.bottom, r.x : r.right].astype(np.int16)
            solid = p.rgba[:, :, 3] == 255
            err = float(np.abs(region - p.rgba[:, :, 2::-1].astype(np.int16))[solid].mean())
            if err < best_err:
                best, best_err = cid, err
        return best

    timeline = [shown(f) for f in frames]
    change_1 = timeline.index(1) / FPS
    change_2 = timeline.index(2) / FPS
    assert None in timeline[: int(0.8 * FPS)]
    assert abs(change_1 - t_first) < 0.25, (change_1, t_first)
    assert abs(change_2 - t_second) < 0.25, (change_2, t_second)
    assert set(timeline[int((t_first + 0.3) * FPS) : int((t_second - 0.1) * FPS)]) == {1}
    assert set(timeline[int((t_second + 0.3) * FPS) :]) == {2}


def test_no_virtual_camera_names_what_to_install() -> None:
    sink = VirtualCameraSink(device="/dev/video-does-not-exist")
    with pytest.raises(DeviceUnavailable) as err:
        from sola_studio.sinks.base import OutputFormat

        sink.open(OutputFormat(W, H, FPS))
    assert err.value.fix and "v4l2loopback" in err.value.fix


@dataclass(frozen=True)
class Chunk:
    samples: np.ndarray
    t_capture: float


def test_recording_keeps_audio_and_video_in_sync(tmp_path: Path) -> None:
    rate = 16_000
    t0 = time.monotonic()
    flash = t0 + 1.5  # a white frame and a 1 kHz beep at the same instant
    out = tmp_path / "show.mp4"
    recorder = Recorder(out, audio_rate=rate)
    preview = PreviewSlot()
    pipeline = VideoPipeline(
        TestPatternSource(W, H, FPS, flash_at=(flash,), flash_s=0.2),
        CaptionRenderer(W, H, ["en"]),
        [recorder, preview],
        fps=FPS,
    )
    with pipeline:
        # the microphone: 100 ms blocks, delivered when their last sample is due
        for n in range(30):
            end = t0 + (n + 1) * 0.1
            time.sleep(max(0.0, end - time.monotonic()))
            t = t0 + n * 0.1 + np.arange(int(0.1 * rate)) / rate
            beep = (t >= flash) & (t < flash + 0.2)
            recorder.write_audio(
                Chunk((0.5 * np.sin(2 * np.pi * 1000 * t) * beep).astype(np.float32), end)
            )
    assert preview.get() is not None

    with av.open(str(out)) as c:
        vstream = c.streams.video[0]
        flash_v = next(
            float(f.pts * vstream.time_base)
            for f in c.decode(video=0)
            if f.to_ndarray(format="gray").mean() > 230
        )
    with av.open(str(out)) as c:
        audio = np.concatenate([f.to_ndarray().reshape(-1) for f in c.decode(audio=0)])
    onset_a = int(np.argmax(np.abs(audio) > 0.1)) / rate
    # both measured from the start of the file
    assert abs(flash_v - onset_a) < 0.1, (flash_v, onset_a)
    assert 1.0 < onset_a < 2.0


def test_recording_writes_subtitles_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "show.mp4"
    recorder = Recorder(out)
    pipeline = VideoPipeline(
        TestPatternSource(W, H, FPS), None, [recorder], fps=FPS, width=W, height=H
    )
    with pipeline:
        c = Caption(1, "en", "Welcome", 0.2, 1.4, True, 0.0, 0.0, translations={"pt": "Bem-vindos"})
        recorder.on_caption(c)
        time.sleep(0.5)
    assert "Bem-vindos" in (tmp_path / "show.pt.srt").read_text(encoding="utf-8")
    assert "Welcome" in (tmp_path / "show.en.vtt").read_text(encoding="utf-8")
    assert out.stat().st_size > 0
