"""The video pipeline: source -> caption renderer -> sinks, at a constant output frame rate.

One thread ticks at exactly ``fps`` on the monotonic clock, whatever the camera does: each tick
takes the newest source frame (repeating the previous one when none came, so camera jitter never
changes the output rate), burns in the captions, and hands the frame to every sink through that
sink's own bounded DROP_OLDEST queue. When the tick thread itself falls behind (the machine is
busy), the missed ticks are skipped, not queued, and counted in ``frames_dropped``; a sink that
falls behind loses its oldest queued frames, also counted.

When the source is lost (it says so, or no frame came for ``lost_after_s``), the output goes on
with a "camera lost" notice over the darkened last picture, and returns to the live picture as
soon as the source delivers again.

Usage::

    pipeline = VideoPipeline(source, renderer, [VirtualCameraSink(), recorder, preview], fps=30)
    pipeline.start(); bus.subscribe(Caption, pipeline.on_caption); ...; pipeline.stop()

This module never imports Qt and never blocks a caller of :meth:`VideoPipeline.on_caption`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import cv2
import numpy as np

from sola_studio.captions.render import CaptionRenderer, InfoCard, notice_frame
from sola_studio.core.channels import Channel, Overflow
from sola_studio.core.clock import Clock, SystemClock
from sola_studio.core.errors import SolaError
from sola_studio.core.events import Caption, ErrorEvent
from sola_studio.sinks.base import FrameSink, OutputFormat, OutputFrame
from sola_studio.sources.video import SourceState, VideoFrame, VideoSource

log = logging.getLogger(__name__)

CAMERA_LOST = "Camera lost - reconnecting"
CAMERA_WAITING = "Waiting for the camera"


@dataclass(frozen=True)
class PipelineStats:
    frames_out: int
    frames_dropped: int  # missed ticks + frames dropped by slow sinks
    ticks_missed: int
    sink_dropped: Mapping[str, int]
    lost_frames: int
    fps_achieved: float
    source_dropped: int


class _SinkWorker:
    """Feeds one sink from a bounded DROP_OLDEST queue on its own thread."""

    def __init__(
        self, sink: FrameSink, queue_size: int, on_error: Callable[[ErrorEvent], None] | None
    ) -> None:
        self.sink = sink
        self.queue: Channel[OutputFrame] = Channel(queue_size, Overflow.DROP_OLDEST, sink.name)
        self._on_error = on_error
        self._thread = threading.Thread(target=self._run, name=f"sink:{sink.name}", daemon=True)
        self.failed = False

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self.queue.get()
            if not isinstance(item, OutputFrame):
                break
            if self.failed:
                continue
            try:
                self.sink.send(item)
            except SolaError as exc:
                self._fail(exc)
            except Exception as exc:
                log.exception("sink %s failed", self.sink.name)
                self._fail(SolaError(f"{self.sink.name} failed: {exc}"))

    def _fail(self, exc: SolaError) -> None:
        self.failed = True
        log.error("sink %s stopped: %s", self.sink.name, exc)
        if self._on_error:
            self._on_error(ErrorEvent(f"sink:{self.sink.name}", exc, time.monotonic(), False))

    def stop(self) -> None:
        self.queue.close()
        self._thread.join(timeout=30)


class VideoPipeline:
    """Source -> captions -> sinks at a constant ``fps``; see the module docstring."""

    def __init__(
        self,
        source: VideoSource,
        renderer: CaptionRenderer | None,
        sinks: Sequence[FrameSink],
        fps: float = 30.0,
        *,
        width: int | None = None,
        height: int | None = None,
        clock: Clock | None = None,
        lost_after_s: float = 1.0,
        sink_queue: int = 3,
        on_error: Callable[[ErrorEvent], None] | None = None,
    ) -> None:
        self.source = source
        self.renderer = renderer
        self.fps = fps
        w = width or (renderer.width if renderer else source.format.width)
        h = height or (renderer.height if renderer else source.format.height)
        if not w or not h:
            raise ValueError("output size unknown: give width/height, a renderer or an open source")
        self.format = OutputFormat(w, h, fps)
        self._clock = clock or SystemClock()
        self._lost_after_s = lost_after_s
        self._workers = [_SinkWorker(s, sink_queue, on_error) for s in sinks]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last: VideoFrame | None = None
        self._last_image: np.ndarray | None = None
        self._notice_cache: dict[str, np.ndarray] = {}
        self._frames_out = 0
        self._ticks_missed = 0
        self._lost_frames = 0
        self._started_at = 0.0
        self._stopped_at: float | None = None
        self.t_origin = 0.0  # monotonic time of tick 0: tick i is due at t_origin + i / fps
        self._wait_render = True  # compose() by hand draws inline; the tick thread never waits

    # -- inputs ----------------------------------------------------------------------------

    def on_caption(self, caption: Caption) -> None:
        if self.renderer is not None:
            self.renderer.on_caption(caption)

    def show_card(self, card: InfoCard) -> None:
        if self.renderer is not None:
            self.renderer.show_card(card)

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> VideoPipeline:
        for w in self._workers:
            w.sink.open(self.format)
            w.start()
        if self.renderer is not None:
            self.renderer.warm_up()
        self._notice(CAMERA_WAITING, None)  # draws (and loads its font) before the first tick
        self._wait_render = False
        self.source.start()
        self._started_at = self._clock.monotonic()
        self._thread = threading.Thread(target=self._run, name="video-pipeline", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._stopped_at = self._clock.monotonic()
        self.source.stop()
        if self.renderer is not None:
            self.renderer.close()
        for w in self._workers:
            w.stop()
            try:
                w.sink.close()
            except Exception:
                log.exception("closing sink %s failed", w.sink.name)

    def __enter__(self) -> VideoPipeline:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def open_sinks(self) -> None:
        """Open the sinks without starting threads (for driving :meth:`tick` by hand)."""
        for w in self._workers:
            w.sink.open(self.format)

    def close_sinks(self) -> None:
        for w in self._workers:
            w.sink.close()

    @property
    def stats(self) -> PipelineStats:
        end = self._stopped_at if self._stopped_at is not None else self._clock.monotonic()
        elapsed = max(end - self._started_at, 1e-9)
        sink_dropped = {w.sink.name: w.queue.dropped for w in self._workers}
        return PipelineStats(
            frames_out=self._frames_out,
            frames_dropped=self._ticks_missed + sum(sink_dropped.values()),
            ticks_missed=self._ticks_missed,
            sink_dropped=MappingProxyType(sink_dropped),
            lost_frames=self._lost_frames,
            fps_achieved=self._frames_out / elapsed if self._started_at else 0.0,
            source_dropped=self.source.dropped,
        )

    # -- the tick --------------------------------------------------------------------------

    def _run(self) -> None:
        period = 1.0 / self.fps
        next_t = self.t_origin = self._clock.monotonic()
        index = 0
        while not self._stop.is_set():
            now = self._clock.monotonic()
            if now < next_t:
                self._stop.wait(next_t - now)
                continue
            behind = int((now - next_t) / period)
            if behind:
                self._ticks_missed += behind
                index += behind
                next_t += behind * period
            try:
                frame = self.compose(next_t, index)
            except Exception:
                log.exception("composing frame %d failed", index)
            else:
                for w in self._workers:
                    w.queue.put(frame)
            index += 1
            next_t += period

    def _notice(self, message: str, background: np.ndarray | None) -> np.ndarray:
        key = f"{message}:{id(background)}"
        if key not in self._notice_cache:
            self._notice_cache.clear()
            w, h = self.format.width, self.format.height
            self._notice_cache[key] = notice_frame(w, h, message, background=background)
        return self._notice_cache[key].copy()

    def compose(self, now: float, index: int) -> OutputFrame:
        """The output frame for tick ``index`` at monotonic ``now`` (also callable by hand, with
        the sinks' ``send`` called by the caller, to run faster than real time)."""
        fresh = self.source.latest()
        if fresh is not None:
            self._last = fresh
            self._last_image = self._fit(fresh.image)
        last = self._last
        lost = (
            self.source.state is SourceState.LOST
            or last is None
            or now - last.t_capture > self._lost_after_s
        ) and fresh is None
        if lost or self._last_image is None:
            message = CAMERA_WAITING if last is None else CAMERA_LOST
            image = self._notice(message, self._last_image)
            self._lost_frames += 1
        else:
            image = self._last_image.copy()
        caption_id = None
        if self.renderer is not None:
            overlay = self.renderer.overlay(now, wait=self._wait_render)
            overlay.blend(image)
            caption_id = overlay.caption_id
        self._frames_out += 1
        return OutputFrame(
            image, index, now, last.t_capture if last else None, bool(lost), caption_id
        )

    def _fit(self, image: np.ndarray) -> np.ndarray:
        h, w = image.shape[:2]
        if (w, h) == (self.format.width, self.format.height):
            return image
        return np.asarray(
            cv2.resize(image, (self.format.width, self.format.height), interpolation=cv2.INTER_AREA)
        )
