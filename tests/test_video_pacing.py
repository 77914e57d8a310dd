"""The picture's two pacings are one loop (``sinks/pipeline.py``): real time (a tick thread,
one queue per sink) and stepped (``run --fast``: frames as the stream clock passes them). A sink
that fails is reported the same way in both: one ErrorEvent ``sink:NAME``, not recoverable, the
sink gets no more frames, and the other sinks keep getting every frame."""

from __future__ import annotations

import threading

from sola_studio.core.clock import StreamClock
from sola_studio.core.errors import MediaError
from sola_studio.core.events import ErrorEvent
from sola_studio.sinks.base import OutputFormat, OutputFrame
from sola_studio.sinks.pipeline import RealTime, Stepped, VideoPipeline
from sola_studio.sources.video import TestPatternSource

W, H, FPS = 160, 90, 10.0


class Sink:
    def __init__(self, name: str, fail_at: int | None = None) -> None:
        self.name = name
        self.fail_at = fail_at
        self.frames: list[int] = []
        self.opened = self.closed = False

    def open(self, fmt: OutputFormat) -> None:
        self.opened = True

    def send(self, frame: OutputFrame) -> None:
        if self.fail_at is not None and frame.index >= self.fail_at:
            raise MediaError(f"{self.name} is full", fix="free some disk space")
        self.frames.append(frame.index)

    def close(self) -> None:
        self.closed = True


def test_stepped_pacing_reports_a_failing_sink_and_feeds_the_others() -> None:
    clock = StreamClock(origin=100.0, origin_wall=0.0)
    source = TestPatternSource(W, H, FPS, clock=clock, stepped=True)
    good, bad = Sink("recording"), Sink("virtual-camera", fail_at=3)
    errors: list[ErrorEvent] = []
    pipeline = VideoPipeline(
        source,
        None,
        [good, bad],
        fps=FPS,
        width=W,
        height=H,
        on_error=errors.append,
        pacing=Stepped(clock),
    )
    pipeline.start()
    clock.reach(2.0)  # two seconds of the show: frames 0..20
    clock.release()
    pipeline.stop()  # composes up to where the show ended, then closes

    assert good.frames == list(range(21))  # every frame, none skipped
    assert bad.frames == [0, 1, 2]
    assert [(e.stage, e.recoverable) for e in errors] == [("sink:virtual-camera", False)]
    assert isinstance(errors[0].error, MediaError) and errors[0].error.fix
    assert good.closed and bad.closed
    assert pipeline.stats.frames_out == 21


def test_real_time_pacing_reports_a_failing_sink_the_same_way() -> None:
    source = TestPatternSource(W, H, FPS)
    good, bad = Sink("recording"), Sink("virtual-camera", fail_at=3)
    errors: list[ErrorEvent] = []
    reported = threading.Event()

    def on_error(event: ErrorEvent) -> None:
        errors.append(event)
        reported.set()

    pipeline = VideoPipeline(
        source, None, [good, bad], fps=FPS, width=W, height=H, on_error=on_error, pacing=RealTime()
    )
    pipeline.start()
    try:
        assert reported.wait(10)
    finally:
        pipeline.stop()

    assert bad.frames == [0, 1, 2]
    assert len(good.frames) > 3  # the other sink went on
    assert [(e.stage, e.recoverable) for e in errors] == [("sink:virtual-camera", False)]
    assert isinstance(errors[0].error, MediaError) and errors[0].error.fix
    assert good.closed and bad.closed
