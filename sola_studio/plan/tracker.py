"""The teleprompter's state: the segment the seller is on, the points said (ticked by
themselves from the captions), the time left in the box, what comes next.

:class:`PlanTracker` subscribes to :class:`~sola_studio.core.events.Caption` (committed and
partial, the originals) and :class:`~sola_studio.plan.events.PlanCommand`, and publishes
:class:`~sola_studio.plan.events.PlanLineSaid` and :class:`~sola_studio.plan.events
.SegmentChanged`. Saying a point of a later segment moves there (the seller went on without the
key); a point of an earlier one is ticked without moving back. :meth:`state` is a frozen
snapshot for the window (read on its own thread). This module never draws and never translates.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from sola_studio.core.bus import Bus
from sola_studio.core.events import Caption
from sola_studio.plan.events import (
    PlanAction,
    PlanCommand,
    PlanLineSaid,
    PlanStarted,
    SegmentChanged,
    SegmentReason,
)
from sola_studio.plan.matcher import PlanMatcher
from sola_studio.plan.model import Segment, ShowPlan


@dataclass(frozen=True)
class PointState:
    line_id: str
    say: str
    said: bool


@dataclass(frozen=True)
class TeleprompterState:
    """What the teleprompter shows. ``segment`` None: not started, or ended (``ended``)."""

    segment: Segment | None
    index: int
    points: tuple[PointState, ...]
    next_segment: Segment | None
    elapsed_s: float
    time_left_s: float | None
    said: frozenset[str]
    ended: bool = False


class PlanTracker:
    """Follows the plan through the captions. ``clock``: the show's clock (a fast replay's
    stream clock), the one segment times are measured on."""

    def __init__(self, bus: Bus, plan: ShowPlan, clock: Callable[[], float]) -> None:
        self.bus = bus
        self.plan = plan
        self.matcher = PlanMatcher(plan)
        self._clock = clock
        self._lock = threading.Lock()
        self._index = -1
        self._started_at = 0.0
        self._said: dict[str, float] = {}
        self._ended = False
        self._unsubscribe: list[Callable[[], None]] = []

    def subscribe(self) -> None:
        self._unsubscribe.append(self.bus.subscribe(Caption, self.on_caption))
        self._unsubscribe.append(self.bus.subscribe(PlanCommand, self.on_command))

    # -- the show ------------------------------------------------------------------------------

    def start(self) -> None:
        """The show went live: the first segment's box starts."""
        self.bus.publish(PlanStarted(self.plan, self._clock()))
        self._move(0, SegmentReason.START)

    def stop(self) -> None:
        """The show ended: the last segment's time is closed (the report reads it)."""
        for undo in self._unsubscribe:
            undo()
        self._unsubscribe.clear()
        with self._lock:
            if self._ended or self._index < 0:
                return
            self._ended = True
            previous = self.plan.segments[self._index].id
        self.bus.publish(SegmentChanged(None, previous, SegmentReason.END, self._clock()))

    @property
    def current_segment(self) -> str | None:
        with self._lock:
            if self._index < 0 or self._ended:
                return None
            return self.plan.segments[self._index].id

    def _move(self, index: int, reason: SegmentReason) -> None:
        with self._lock:
            if self._ended or index == self._index or not 0 <= index < len(self.plan.segments):
                return
            previous = self.plan.segments[self._index].id if self._index >= 0 else None
            self._index = index
            self._started_at = self._clock()
            event = SegmentChanged(self.plan.segments[index].id, previous, reason, self._started_at)
        self.bus.publish(event)

    # -- the bus -------------------------------------------------------------------------------

    def on_caption(self, caption: Caption) -> None:
        if caption.committed and "translate" in caption.stages:
            return  # once per caption: its original
        if caption.language != self.plan.language:
            return
        matches = self.matcher.find(
            caption.text, committed=caption.committed, prefer_segment=self.current_segment
        )
        for m in matches:
            with self._lock:
                if m.line_id in self._said:
                    continue
                now = self._clock()
                self._said[m.line_id] = now
                current = self._index
            self.bus.publish(
                PlanLineSaid(m.line_id, m.segment_id, caption.id, caption.committed, now)
            )
            index = self.plan.segment_index(m.segment_id)
            if index > current:
                self._move(index, SegmentReason.SAID)

    def on_command(self, command: PlanCommand) -> None:
        if command.action is PlanAction.GOTO and command.segment_id is not None:
            self._move(self.plan.segment_index(command.segment_id), SegmentReason.COMMAND)
            return
        with self._lock:
            index = self._index + (1 if command.action is PlanAction.NEXT else -1)
        if command.action is PlanAction.NEXT and index >= len(self.plan.segments):
            self.stop()
            return
        self._move(max(index, 0), SegmentReason.COMMAND)

    # -- the window ----------------------------------------------------------------------------

    def state(self) -> TeleprompterState:
        with self._lock:
            index, said, ended = self._index, frozenset(self._said), self._ended
            elapsed = self._clock() - self._started_at if index >= 0 else 0.0
        segments = self.plan.segments
        segment = segments[index] if 0 <= index < len(segments) and not ended else None
        upcoming = index + 1 if index >= 0 else 0
        return TeleprompterState(
            segment=segment,
            index=index,
            points=tuple(PointState(p.id, p.say, p.id in said) for p in segment.points)
            if segment is not None
            else (),
            next_segment=segments[upcoming] if upcoming < len(segments) and not ended else None,
            elapsed_s=elapsed if segment is not None else 0.0,
            time_left_s=segment.box_s - elapsed if segment is not None else None,
            said=said,
            ended=ended,
        )
