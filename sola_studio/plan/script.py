"""Captions from the script: a caption that says planned lines gets their approved translations
instead of machine translation (issue 20). :class:`PlanScript` is what
:class:`~sola_studio.captions.track.CaptionTrack` asks (its ``script``); the track stays in
charge of publishing, this module only decides the text.

A caption is cut into pieces: the planned lines it says (:class:`~sola_studio.plan.matcher
.PlanMatcher`) and the unplanned text between them. In a target language where every planned
line of the caption has an approved version, the caption's translation is those versions, with
the unplanned pieces machine-translated in between; in a language where one lacks approval the
whole caption goes through machine translation as before. A partial is scripted only when the
match is certain (exact, whole sentences), and shows the approved lines it holds so far.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sola_studio.plan.matcher import PlanMatcher
from sola_studio.plan.model import PlanLine, ShowPlan


@dataclass(frozen=True)
class Piece:
    """A piece of a caption: planned (``line`` set) or not (machine-translated)."""

    text: str
    line: PlanLine | None = None


@dataclass(frozen=True)
class ScriptedCaption:
    """A caption as pieces; :meth:`translations` composes the shown text per target."""

    pieces: tuple[Piece, ...]
    committed: bool

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(p.line.id for p in self.pieces if p.line is not None)

    def covered(self, targets: Sequence[str]) -> tuple[str, ...]:
        """The targets every planned line here has an approved version in."""
        planned = [p.line for p in self.pieces if p.line is not None]
        return tuple(t for t in targets if all(ln.approved(t) for ln in planned))

    @property
    def gaps(self) -> tuple[str, ...]:
        """The unplanned text to machine-translate (a partial's is left for later)."""
        if not self.committed:
            return ()
        return tuple(p.text for p in self.pieces if p.line is None)

    def translations(
        self, targets: Sequence[str], gaps: Mapping[str, Sequence[str]] | None = None
    ) -> dict[str, str]:
        """The text per covered target: approved versions, and ``gaps[target]`` (the machine
        translations of :attr:`gaps`, in order) between them."""
        out: dict[str, str] = {}
        for t in self.covered(targets):
            done = list((gaps or {}).get(t, ()))
            parts: list[str] = []
            for p in self.pieces:
                if p.line is not None:
                    parts.append(p.line.approved(t) or "")
                elif self.committed and done:
                    parts.append(done.pop(0))
            out[t] = " ".join(x for x in parts if x)
        return out


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


class PlanScript:
    """The plan as the caption track sees it. ``prefer``: the segment the teleprompter is on
    (a line planned in two segments is taken from that one)."""

    def __init__(self, plan: ShowPlan, prefer: Callable[[], str | None] | None = None) -> None:
        self.plan = plan
        self.matcher = PlanMatcher(plan)
        self._prefer = prefer
        self._lines = {ln.id: ln for _, ln in plan.lines()}

    def scripted(self, text: str, language: str, committed: bool) -> ScriptedCaption | None:
        """The caption as planned and unplanned pieces, or None when it says no planned line
        (or is not in the plan's language)."""
        if language != self.plan.language:
            return None
        prefer = self._prefer() if self._prefer is not None else None
        matches = self.matcher.find(text, committed=committed, prefer_segment=prefer)
        if not matches:
            return None
        pieces: list[Piece] = []
        at = 0
        for m in matches:
            if _has_words(text[at : m.start]):
                pieces.append(Piece(text[at : m.start].strip()))
            pieces.append(Piece(text[m.start : m.end].strip(), self._lines[m.line_id]))
            at = m.end
        if committed and _has_words(text[at:]):
            pieces.append(Piece(text[at:].strip()))
        return ScriptedCaption(tuple(pieces), committed)
