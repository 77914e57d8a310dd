"""Segmented re-translation of a growing partial (issue 16, sixth pass; measured, not kept: a
bench-only lever since, for `bench partials --settings`): the partial's source is
split at clause ends the recogniser wrote ("." "?" "!" and, with ``commas``, "," after at least
``min_words`` words); a closed clause that two successive partials agree on (and that a later
clause follows) is frozen: its translation, made once on its own, is reused by every later
partial and by the committed caption whose text starts with the same clauses, so a later source
word can no longer change the target words of an earlier clause. Only the rest (the open tail)
is translated again. Pure: the caller translates the texts :meth:`ClauseMemory.plan` returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sola_studio.asr.guards import normalise

_SENTENCE_ENDS = (".", "?", "!", "…")


@dataclass(frozen=True)
class SegmentOptions:
    """``commas``: a comma also ends a clause (after ``min_words`` words); else sentences only."""

    commas: bool = False
    min_words: int = 3
    commit_reuse: bool = True  # False: the commit is translated whole (frozen clauses unused)


def split_clauses(text: str, options: SegmentOptions | None = None) -> list[str]:
    """``text`` cut after each clause end; the last piece is the open tail (may be ``""``)."""
    opts = options or SegmentOptions()
    clauses: list[str] = []
    current: list[str] = []
    for word in text.split():
        current.append(word)
        end = word.endswith(_SENTENCE_ENDS) and not word.endswith(("...", "…"))
        if opts.commas and word.endswith(",") and len(current) >= opts.min_words:
            end = True
        if end:
            clauses.append(" ".join(current))
            current = []
    clauses.append(" ".join(current))
    return clauses


def _key(clause: str) -> str:
    return " ".join(normalise(w) for w in clause.split())


@dataclass
class ClauseMemory:
    """The frozen clauses of one caption (one per caption; all target languages)."""

    options: SegmentOptions = field(default_factory=SegmentOptions)
    frozen: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    _previous: list[str] = field(default_factory=list)

    def _frozen_count(self, clauses: list[str]) -> int:
        n = 0
        for (source, _t), clause in zip(self.frozen, clauses[:-1], strict=False):
            if _key(source) != _key(clause):
                break
            n += 1
        return n

    def plan(self, text: str) -> tuple[list[str], str]:
        """For partial ``text``: the clauses to freeze now (translate each alone, then
        :meth:`freeze`) and the source still to translate as one piece after the frozen ones.
        A frozen clause the new text no longer starts with is dropped, with all after it."""
        clauses = split_clauses(text, self.options)
        n = self._frozen_count(clauses)
        del self.frozen[n:]
        closed_before = [_key(c) for c in self._previous[:-1]]
        new: list[str] = []
        for i in range(n, len(clauses) - 1):
            if i >= len(closed_before) or closed_before[i] != _key(clauses[i]):
                break
            new.append(clauses[i])
        self._previous = clauses
        rest = " ".join(c for c in clauses[n + len(new) :] if c)
        return new, rest

    def freeze(self, clause: str, translations: dict[str, str]) -> None:
        self.frozen.append((clause, translations))

    def commit_plan(self, text: str) -> tuple[int, str]:
        """For the committed ``text``: how many frozen clauses it starts with, and the rest to
        translate."""
        if not self.options.commit_reuse:
            return 0, text
        clauses = split_clauses(text, self.options)
        n = self._frozen_count(clauses)
        return n, " ".join(c for c in clauses[n:] if c)

    def joined(self, n: int, language: str, rest: str) -> str:
        """The first ``n`` frozen clauses' translations in ``language``, then ``rest``."""
        return " ".join([*(t[language] for _s, t in self.frozen[:n]), rest]).strip()
