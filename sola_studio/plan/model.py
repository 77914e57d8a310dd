"""A show plan: segments in order (an intro, a product, an offer, the close), each with talking
points and a time box; every point has a line in the seller's language and a version per
caption language with its state (machine, approved, missing).

Everything is a frozen dataclass; edits make a new plan (:meth:`ShowPlan.with_version`, ...).
This module never reads files (:mod:`sola_studio.plan.io`) and never translates
(:mod:`sola_studio.plan.translate`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType


class LineState(enum.Enum):
    """Where a version of a line stands. ``MACHINE``: filled by a translation engine, not yet
    looked at; ``APPROVED``: the seller approved (or wrote) it, and captions show it when the
    line is said; ``MISSING``: no installed engine reaches the language, the seller must write it.
    """

    MACHINE = "machine"
    APPROVED = "approved"
    MISSING = "missing"


class SegmentKind(enum.Enum):
    INTRO = "intro"
    PRODUCT = "product"
    OFFER = "offer"
    CLOSE = "close"


@dataclass(frozen=True)
class Version:
    """A line in one caption language. ``text`` is empty when ``state`` is MISSING."""

    text: str
    state: LineState


@dataclass(frozen=True)
class PlanLine:
    """One talking point: what the seller plans to say (``say``, in the plan's language), its
    versions by language, and (for a generated point) the sheet facts it states."""

    id: str
    say: str
    versions: Mapping[str, Version] = field(default_factory=lambda: MappingProxyType({}))
    facts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "versions", MappingProxyType(dict(self.versions)))

    def approved(self, language: str) -> str | None:
        """The approved version in ``language``, else None (captions use machine translation)."""
        v = self.versions.get(language)
        return v.text if v is not None and v.state is LineState.APPROVED and v.text else None


@dataclass(frozen=True)
class Segment:
    """A part of the show: ``box_s`` is its time box in seconds; ``product`` the sheet's product
    id of a product segment."""

    id: str
    kind: SegmentKind
    title: str
    box_s: float
    points: tuple[PlanLine, ...] = ()
    product: str | None = None


@dataclass(frozen=True)
class ShowPlan:
    """The whole plan. ``language``: the seller's (the lines are said in it); ``languages``:
    the caption languages it holds versions for; ``sheet``: the product sheet it was made from,
    as written in the file (relative to it)."""

    language: str
    languages: tuple[str, ...]
    segments: tuple[Segment, ...]
    sheet: str | None = None

    def lines(self) -> Iterator[tuple[Segment, PlanLine]]:
        for segment in self.segments:
            for line in segment.points:
                yield segment, line

    def line(self, line_id: str) -> PlanLine | None:
        return next((ln for _, ln in self.lines() if ln.id == line_id), None)

    def segment_of(self, line_id: str) -> Segment | None:
        return next((s for s, ln in self.lines() if ln.id == line_id), None)

    def segment_index(self, segment_id: str) -> int:
        return next(i for i, s in enumerate(self.segments) if s.id == segment_id)

    @property
    def box_s(self) -> float:
        return sum(s.box_s for s in self.segments)

    def map_lines(self, change: Callable[[Segment, PlanLine], PlanLine]) -> ShowPlan:
        """A new plan with ``change(segment, line)`` applied to every line."""
        return replace(
            self,
            segments=tuple(
                replace(s, points=tuple(change(s, ln) for ln in s.points)) for s in self.segments
            ),
        )

    def with_version(self, line_id: str, language: str, version: Version) -> ShowPlan:
        """A new plan where ``line_id``'s version in ``language`` is ``version``."""

        def change(_: Segment, ln: PlanLine) -> PlanLine:
            if ln.id != line_id:
                return ln
            return replace(ln, versions={**ln.versions, language: version})

        return self.map_lines(change)

    def counts(self) -> dict[str, int]:
        """How many versions are in each state, over every line and language."""
        out = {s.value: 0 for s in LineState}
        for _, ln in self.lines():
            for lang in self.languages:
                v = ln.versions.get(lang)
                out[(v.state if v is not None else LineState.MISSING).value] += 1
        return out
