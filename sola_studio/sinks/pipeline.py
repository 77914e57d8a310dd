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
from sola_studio.core.clock import Clock, StreamClock, SystemClock
from sola_studio.core.errors import MediaError, SolaError
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
            self.deliver(item)

    def deliver(self, frame: OutputFrame) -> None:
        """Hand ``frame`` to the sink on the calling thread (the worker's, or the stepped
        loop's); a sink that fails is reported once and gets no more frames, in both pacings."""
        if self.failed:
            return
        try:
            self.sink.send(frame)
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
        if self._thread.is_alive():
            self._thread.join(timeout=30)


@dataclass(frozen=True)
class RealTime:
    """Pacing of a live show: one tick thread at ``fps`` on the wall clock, each sink fed from
    its own bounded queue on its own thread (missed ticks skipped and counted)."""


@dataclass(frozen=True)
class Stepped:
    """Pacing of a replay faster than real time (``run --fast``): one frame per 1/fps of stream
    time, composed on one thread as ``clock`` passes it and handed straight to the sinks, so no
    frame is skipped whatever the machine's speed.

    That thread owns the picture: it is the only one that reads the source, draws and encodes,
    and it stops the source, closes the renderer and closes the sinks (the recording's MP4
    index) itself, once the frames up to where the show ended are composed. :meth:`stop` waits
    for all of that, however long the catch-up takes (the video runs behind the recogniser in a
    fast replay: 3,233 frames behind when the JFK talk with the 2-minute comment replay
    stopped). Composing the rest on another thread while this one still encoded closed the
    decoder and the encoder under it: `run --demo --fast` died with SIGSEGV at the end and left
    an MP4 without its index (tests/test_run_exit.py). A second Ctrl+C during the wait ends the
    picture at the next frame, still closed properly.
    """

    clock: StreamClock


Pacing = RealTime | Stepped


class VideoPipeline:
    """Source -> captions -> sinks at a constant ``fps``; see the module docstring and
    :class:`RealTime` / :class:`Stepped` for the two pacings (one loop of composition, one way a
    failing sink is reported: an :class:`ErrorEvent` ``sink:NAME``, not recoverable)."""

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
        pacing: Pacing | None = None,
    ) -> None:
        self.source = source
        self.pacing: Pacing = pacing or RealTime()
        self._on_error = on_error
        self.renderer = renderer
        self.fps = fps
        w = width or (renderer.width if renderer else source.format.width)
        h = height or (renderer.height if renderer else source.format.height)
        if not w or not h:
            raise ValueError("output size unknown: give width/height, a renderer or an open source")
        self.format = OutputFormat(w, h, fps)
        self._clock: Clock = (
            self.pacing.clock if isinstance(self.pacing, Stepped) else clock or SystemClock()
        )
        self._lost_after_s = lost_after_s
        self._workers = [_SinkWorker(s, sink_queue, on_error) for s in sinks]
        self._stop = threading.Event()  # real time: stop ticking; stepped: compose to the end
        self._abort = threading.Event()  # stepped: stop composing at the next frame
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
        if self.renderer is not None:
            self.renderer.warm_up()
        if isinstance(self.pacing, Stepped):
            self.source.start()
            self._started_at = self._clock.monotonic()
            self._thread = threading.Thread(
                target=self._run_stepped,
                args=(self.pacing.clock,),
                name="video-replay",
                daemon=True,
            )
            self._thread.start()
            return self
        for w in self._workers:
            w.start()
        self._notice(CAMERA_WAITING, None)  # draws (and loads its font) before the first tick
        self._wait_render = False
        self.source.start()
        self._started_at = self._clock.monotonic()
        self._thread = threading.Thread(target=self._run, name="video-pipeline", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Real time: stop ticking, then the source, the renderer and the sinks. Stepped: finish
        the picture up to where the show ended; returns when the thread that draws and encodes
        has closed everything."""
        self._stop.set()
        if isinstance(self.pacing, Stepped):
            self._join_stepped()
            return
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
        """Close every sink; one that fails to close is logged and the others still close."""
        for w in self._workers:
            try:
                w.sink.close()
            except Exception:
                log.exception("closing sink %s failed", w.sink.name)

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

    def _run_stepped(self, clock: StreamClock) -> None:
        try:
            while not self._stop.is_set():
                position = clock.wait_past(self._frames_out / self.fps, timeout=0.2)
                self._compose_until(clock, position)
            self._compose_until(clock, clock.position)  # up to where the show ended
        except Exception as exc:
            log.exception("the fast replay's picture failed at frame %d", self._frames_out)
            if self._on_error is not None:
                err = MediaError(
                    f"the picture stopped at frame {self._frames_out}: {exc}", fix="see the log"
                )
                self._on_error(ErrorEvent("video", err, time.monotonic(), False))
        finally:
            self._release_stepped()

    def _compose_until(self, clock: StreamClock, position: float) -> None:
        while self._frames_out / self.fps <= position and not self._abort.is_set():
            index = self._frames_out
            frame = self.compose(clock.origin + index / self.fps, index)
            for w in self._workers:
                w.deliver(frame)

    def _release_stepped(self) -> None:
        """Stop the source, close the renderer and the sinks; each failure is logged, and the
        recording is closed whatever failed before it."""
        self._stopped_at = self._clock.monotonic()
        steps: list[tuple[str, Callable[[], object]]] = [("video source", self.source.stop)]
        if self.renderer is not None:
            steps.append(("caption renderer", self.renderer.close))
        steps.append(("video sinks", self.close_sinks))
        for what, step in steps:
            try:
                step()
            except Exception:
                log.exception("closing the %s failed", what)

    def _join_stepped(self) -> None:
        if self._thread is None:  # never started (a stage before it failed): nothing draws
            self._release_stepped()
            return
        while True:
            try:
                self._thread.join()
                return
            except KeyboardInterrupt:  # the seller's second Ctrl+C: stop catching up
                log.warning("picture cut at frame %d of the catch-up", self._frames_out)
                self._abort.set()

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
