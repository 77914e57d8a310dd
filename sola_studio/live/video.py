"""The video flow of a show: VideoSource -> :class:`~sola_studio.sinks.pipeline.VideoPipeline`
(the :class:`~sola_studio.captions.render.CaptionRenderer` burns in captions in
``ShowLanguages.on_screen``, spec cards and Q&A cards) -> the recording (audio muxed in,
SRT/VTT beside it), the virtual camera, the window's preview. Pacing: real time, or
:class:`~sola_studio.sinks.pipeline.Stepped` on the show's
:class:`~sola_studio.core.clock.StreamClock` for ``--fast``.

Cards reach the picture by one path: the bus. Spec cards (published by
:class:`~sola_studio.live.voice.SpecCards`) and Q&A cards (published by the comment desk) are
subscribed here and handed to the pipeline.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sola_studio.captions.render import CaptionRenderer, CaptionStyle, CardKind, InfoCard
from sola_studio.captions.speccards import SpecCard
from sola_studio.comments.events import OnScreenCard
from sola_studio.config import CaptionLayout, CaptionLook
from sola_studio.core.bus import Bus
from sola_studio.core.clock import StreamClock
from sola_studio.core.errors import ConfigError
from sola_studio.core.events import Caption
from sola_studio.live.options import LiveOptions, ShowLanguages
from sola_studio.live.stages import Session
from sola_studio.sinks.base import FrameSink, OutputFormat
from sola_studio.sinks.pipeline import RealTime, Stepped, VideoPipeline
from sola_studio.sinks.recording import Recorder
from sola_studio.sinks.virtualcam import VirtualCameraSink
from sola_studio.sources.video import (
    IMAGE_SUFFIXES,
    CameraSource,
    StillImageSource,
    TestPatternSource,
    VideoFileSource,
    VideoSource,
)


@dataclass(frozen=True)
class VideoInput:
    """The picture asked for, opened (a missing file fails before any model loads)."""

    source: VideoSource
    format: OutputFormat


def open_video(options: LiveOptions, clock: StreamClock | None) -> VideoInput | None:
    """The video source of ``options`` (``None``: no picture asked for)."""
    o = options
    if o.video is None:
        if o.record is not None:
            raise ConfigError(
                "--record needs a picture", fix="pass --video camera, FILE or pattern"
            )
        return None
    w, h = o.size
    stepped = not o.realtime
    source: VideoSource
    if o.video == "pattern":
        fps = o.fps or 30.0
        source = TestPatternSource(w, h, fps, clock=clock, stepped=stepped)
    elif o.video == "camera" or o.video.startswith("camera:"):
        if stepped:
            raise ConfigError("--fast replays files; a camera is live", fix="drop --fast")
        device = o.video.partition(":")[2] or "0"
        fps = o.fps or 30.0
        source = CameraSource(int(device) if device.isdigit() else device, w, h, fps)
    elif Path(o.video).suffix.lower() in IMAGE_SUFFIXES:  # a still picture (photo, slide)
        fps = o.fps or 30.0
        source = StillImageSource(o.video, w, h, fps, clock=clock, stepped=stepped)
    else:
        # the file's frames centre-cropped to the show's shape (a landscape clip in a portrait
        # show keeps its middle), never squashed
        file = VideoFileSource(o.video, loop=True, clock=clock, stepped=stepped, size=(w, h))
        fmt = file.open()  # a missing or broken file fails now
        # a replay takes one file frame per output frame, so it runs at the file's rate
        fps = fmt.fps if stepped or o.fps is None else o.fps
        source = file
    return VideoInput(source, OutputFormat(w, h, fps))


def open_virtual_camera(video: VideoInput | None) -> VirtualCameraSink:
    """The virtual camera, checked now (no driver: DeviceUnavailable naming what to install)."""
    if video is None:
        raise ConfigError(
            "--virtual-camera needs a picture", fix="pass --video camera, FILE or pattern"
        )
    sink = VirtualCameraSink()
    sink.open(video.format)
    sink.close()
    return sink


def renderer_style(look: CaptionLook) -> CaptionStyle:
    """The seller's caption look (pixels at 1080p, on/off switches, a layout) as the renderer's
    :class:`~sola_studio.captions.render.CaptionStyle` (fractions of the height).

    Stacked shows the original and up to two translations at once; rotating keeps the original
    and lets the translations take turns one at a time. ``bottom_margin`` is the renderer's
    title-safe margin (top and bottom)."""
    base = CaptionStyle()
    alpha = round(255 * min(1.0, max(0.0, look.box_opacity))) if look.box else 0
    # a partial line's box is lighter than a committed one's, in the renderer's own proportion
    partial_alpha = round(alpha * base.partial_box.a / max(1, base.box.a))
    return dataclasses.replace(
        base,
        font_scale=look.font_size / 1080,
        outline_scale=base.outline_scale if look.outline else 0.0,
        box=dataclasses.replace(base.box, a=alpha),
        partial_box=dataclasses.replace(base.partial_box, a=partial_alpha),
        margin_y=look.bottom_margin,
        max_languages=3 if look.layout is CaptionLayout.STACKED else 2,
        expire_s=look.expire_s,
    )


class RecordingCaptions:
    """Subtitles beside the recording are on the recording's clock: it started with the
    picture, a moment (the audio file's decoding, the microphone's opening) before the audio's
    stream second 0, which caption times count from. ``stream_zero``: the monotonic time of the
    audio's stream second 0 (``None`` until the first chunk)."""

    def __init__(
        self,
        recorder: Recorder,
        pipeline: VideoPipeline,
        stream_zero: Callable[[], float | None],
        realtime: bool,
    ) -> None:
        self.recorder = recorder
        self.pipeline = pipeline
        self.stream_zero = stream_zero
        self.realtime = realtime

    def on_caption(self, caption: Caption) -> None:
        zero = self.stream_zero()
        shift = 0.0
        if self.realtime and zero is not None and self.pipeline.t_origin:
            shift = max(0.0, zero - self.pipeline.t_origin)
        if shift:
            caption = dataclasses.replace(
                caption, start=caption.start + shift, end=caption.end + shift
            )
        self.recorder.on_caption(caption)


@dataclass(frozen=True)
class VideoHandle:
    """What :func:`build_video` built: the pipeline and the outputs it feeds."""

    pipeline: VideoPipeline
    input: VideoInput
    sinks: tuple[FrameSink, ...]


class CardsToPicture:
    """Cards on the bus to the picture, in the show's caption languages: spec cards and the
    group answers the seller put on screen (Q&A cards)."""

    def __init__(self, pipeline: VideoPipeline, languages: ShowLanguages) -> None:
        self.pipeline = pipeline
        self.languages = languages.on_screen

    def subscribe(self, bus: Bus) -> None:
        bus.subscribe(SpecCard, self.on_spec_card)
        bus.subscribe(OnScreenCard, self.on_qa_card)

    def on_spec_card(self, card: SpecCard) -> None:
        self.pipeline.show_card(InfoCard.from_spec_card(card, self.languages))

    def on_qa_card(self, card: OnScreenCard) -> None:
        body = {lang: text for lang, text in card.lines.items() if lang in self.languages}
        self.pipeline.show_card(InfoCard(card.title, body, CardKind.QA, card.duration_s))


def build_video(
    session: Session,
    video: VideoInput | None,
    sinks: Sequence[FrameSink],
    languages: ShowLanguages,
    *,
    clock: StreamClock | None,
    look: CaptionLook | None = None,
) -> VideoHandle | None:
    """Compose the picture into ``session`` (``None`` when there is no picture or nowhere for
    it to go): captions in ``languages.on_screen`` and cards from the bus, burned in and sent to
    ``sinks``; stepped on ``clock`` when one is given (``--fast``), else real time."""
    if video is None or not sinks:
        return None
    fmt = video.format
    style = renderer_style(look) if look is not None else None
    renderer = CaptionRenderer(fmt.width, fmt.height, languages.on_screen, style=style, clock=clock)
    pipeline = VideoPipeline(
        video.source,
        renderer,
        sinks,
        fps=fmt.fps,
        clock=clock,
        on_error=session.bus.publish,
        pacing=Stepped(clock) if clock is not None else RealTime(),
    )
    session.bus.subscribe(Caption, pipeline.on_caption)
    CardsToPicture(pipeline, languages).subscribe(session.bus)
    session.add_stage(pipeline)
    return VideoHandle(pipeline, video, tuple(sinks))
