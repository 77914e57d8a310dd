"""Caption layout, pure: where lines break and where blocks sit, given a text-measuring function.

Nothing here draws or loads a font; the renderer passes ``measure(text) -> pixels`` (the shaped
advance width of the text in its font), so layout is testable and the same for every backend.

Line breaking:
- Chinese and Japanese have no spaces: lines break between phrases found by BudouX (Google's
  small phrase segmenter; its models ship inside the package), never before closing punctuation
  or after opening brackets (kinsoku), and inside a phrase only when the phrase alone is wider
  than the line.
- Other languages break at spaces; a word wider than the line is split between grapheme
  clusters (never between a base letter and its combining marks, which matters for Devanagari).
- Right-to-left text is wrapped in logical order; the shaper reorders each line for display.

Captions scroll: when the text needs more lines than allowed, the newest (last) lines are kept.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Measure = Callable[[str], float]

# Characters that must not begin a line (closing punctuation, small kana, prolonged sound mark).
NO_LINE_START = frozenset(
    "、。，．,.:;；：？！?!)）]」』】〉》〕｝}〙〗〟’”ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・…‥"
)
# Characters that must not end a line (opening brackets and quotes).
NO_LINE_END = frozenset("(（[「『【〈《〔｛{〘〖〝‘“")


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def contains(self, other: Rect) -> bool:
        return (
            other.x >= self.x
            and other.y >= self.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


def safe_area(width: int, height: int, margin_x: float, margin_y: float) -> Rect:
    """The part of a ``width`` x ``height`` frame inside fractional margins (title-safe area)."""
    mx = round(width * margin_x)
    my = round(height * margin_y)
    return Rect(mx, my, width - 2 * mx, height - 2 * my)


def _is_cjk_language(language: str) -> bool:
    return language.lower().split("-")[0] in ("zh", "ja", "yue")


@functools.lru_cache(maxsize=4)
def _budoux_parser(language: str) -> Any:
    import budoux

    lang = language.lower()
    if lang.startswith("ja"):
        return budoux.load_default_japanese_parser()
    if lang in ("zh-tw", "zh-hk", "zh-hant", "yue"):
        return budoux.load_default_traditional_chinese_parser()
    return budoux.load_default_simplified_chinese_parser()


def graphemes(text: str) -> list[str]:
    """Split into clusters that must stay together: a base character and its combining marks
    (and a virama-joined consonant), good enough for wrapping; not full UAX #29."""
    clusters: list[str] = []
    for ch in text:
        joins = unicodedata.category(ch).startswith("M") or ch in "\u200c\u200d"
        after_virama = bool(clusters) and unicodedata.name(clusters[-1][-1], "").endswith(
            "SIGN VIRAMA"
        )
        if clusters and (joins or after_virama):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def segments(text: str, language: str) -> list[str]:
    """The pieces a line may break between, in logical order, spaces kept at their ends."""
    text = " ".join(text.split())
    if not text:
        return []
    if _is_cjk_language(language):
        pieces: list[str] = []
        for phrase in _budoux_parser(language).parse(text):
            if pieces and (phrase[0] in NO_LINE_START or pieces[-1][-1] in NO_LINE_END):
                pieces[-1] += phrase
            else:
                pieces.append(phrase)
        return pieces
    words = text.split(" ")
    return [w + " " for w in words[:-1]] + [words[-1]]


def _split_wide(piece: str, max_width: float, measure: Measure, cjk: bool) -> list[str]:
    """Split one unbreakable piece that is wider than a line, between grapheme clusters."""
    units = list(piece) if cjk else graphemes(piece)
    parts: list[str] = []
    current = ""
    for unit in units:
        if current and measure(current + unit) > max_width and unit not in NO_LINE_START:
            parts.append(current)
            current = unit
        else:
            current += unit
    if current:
        parts.append(current)
    return parts


def wrap(
    text: str, language: str, max_width: float, measure: Measure, max_lines: int | None = None
) -> tuple[str, ...]:
    """Greedy line wrapping by pixel width; keeps the last ``max_lines`` lines."""
    cjk = _is_cjk_language(language)
    lines: list[str] = []
    current = ""
    for piece in segments(text, language):
        candidate = current + piece
        if measure(candidate.rstrip()) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current.rstrip())
            current = ""
        if measure(piece.rstrip()) <= max_width:
            current = piece
            continue
        parts = _split_wide(piece, max_width, measure, cjk)
        lines.extend(p.rstrip() for p in parts[:-1])
        current = parts[-1]
    if current.strip():
        lines.append(current.rstrip())
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[-max_lines:]
    return tuple(lines)


def stack_from_bottom(heights: Sequence[int], area: Rect, gap: int) -> list[int]:
    """Top y of each block so the blocks stack upwards from ``area``'s bottom, the first block
    on top. Blocks that do not fit are pushed out at the top (callers drop them)."""
    ys: list[int] = []
    y = area.bottom
    for h in reversed(heights):
        y -= h
        ys.append(y)
        y -= gap
    return list(reversed(ys))
