"""Events of the show plan on the bus (frozen, typed; DESIGN rule 3).

:class:`PlanLineSaid` and :class:`SegmentChanged` are published by
:class:`~sola_studio.plan.tracker.PlanTracker`; :class:`PlanCommand` is the seller's (the
window's teleprompter key, the console) and the tracker follows it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sola_studio.plan.model import ShowPlan


@dataclass(frozen=True)
class PlanStarted:
    """The show went live with ``plan`` (the store keeps it, so the report can list the points
    that were not said); :class:`SegmentChanged` follows."""

    plan: ShowPlan
    t_emit: float


@dataclass(frozen=True)
class PlanLineSaid:
    """A planned point was said: found in caption ``caption_id`` (``committed`` False: in a
    partial, before the utterance ended). ``t_emit`` on the show's clock."""

    line_id: str
    segment_id: str
    caption_id: int
    committed: bool
    t_emit: float


class SegmentReason(enum.Enum):
    START = "start"  # the show began with the first segment
    SAID = "said"  # the seller said a point of a later segment
    COMMAND = "command"  # the seller moved on (or back) by key
    END = "end"  # the show ended (``segment_id`` None)


@dataclass(frozen=True)
class SegmentChanged:
    """The teleprompter moved to ``segment_id`` (None: the show ended) from ``previous``."""

    segment_id: str | None
    previous: str | None
    reason: SegmentReason
    t_emit: float


class PlanAction(enum.Enum):
    NEXT = "next"
    PREVIOUS = "previous"
    GOTO = "goto"


@dataclass(frozen=True)
class PlanCommand:
    """The seller moves the teleprompter: to the next or previous segment, or to
    ``segment_id`` (``GOTO``)."""

    action: PlanAction
    t_emit: float
    segment_id: str | None = None
