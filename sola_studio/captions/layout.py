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

Where things sit (:func:`frame_layout`): in landscape, captions stack up from the bottom of the
title-safe area and a card sits in its top-right corner. In portrait (TikTok LIVE, 9:16) the
platform's own UI covers the top, the bottom quarter and a rail on the right
(:data:`TIKTOK_PORTRAIT`); captions stack up from above the bottom quarter and never reach the
face (the upper part of the picture), and a card sits on the left just above the captions.
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


@dataclass(frozen=True)
class Margins:
    """Fractions of the frame kept free on each side (nothing of ours is drawn there)."""

    left: float
    top: float
    right: float
    bottom: float


#: TikTok LIVE on a phone (portrait): the host's name and the viewer count cover about the top
#: 12 %, comments, gifts and the message box the bottom quarter, the like/share rail the right
#: 14 %. Captions and cards stay inside what is left.
TIKTOK_PORTRAIT = Margins(left=0.05, top=0.12, right=0.14, bottom=0.25)

#: In portrait the seller's face is in the upper part of the picture, the chin at about this share
#: of the height (head and shoulders of someone a metre from a phone); captions and cards stay
#: below it.
PORTRAIT_FACE_BOTTOM = 0.32


@dataclass(frozen=True)
class FrameLayout:
    """Where the overlay goes in one frame size.

    ``captions``: caption blocks stack upwards from its bottom, a block that does not fit is
    left out. ``face``: kept clear (empty in landscape). ``card``: the area a card may use;
    ``card_width``: its width in pixels. In landscape a card sits in the top-right corner of
    ``card``; in portrait (``portrait``) on the left, just above the captions shown. In both a
    card never covers a caption (captions span the safe area's width).
    """

    width: int
    height: int
    portrait: bool
    captions: Rect
    face: Rect
    card: Rect
    card_width: int

    def place_card(self, w: int, h: int, captions_top: int, gap: int) -> tuple[int, int] | None:
        """The top-left corner for a ``w`` x ``h`` card, or None when it does not fit without
        covering the captions (whose top is ``captions_top``) or the face."""
        if w > self.card.w or h > self.card.h:
            return None
        if not self.portrait:  # the top-right corner, when the captions leave room under it
            if self.card.y + h + gap > captions_top:
                return None
            return self.card.right - w, self.card.y
        y = min(captions_top, self.card.bottom) - gap - h
        if y < self.card.y:
            return None
        return self.card.x, y


def frame_layout(
    width: int,
    height: int,
    margin_x: float,
    margin_y: float,
    *,
    portrait_margins: Margins = TIKTOK_PORTRAIT,
    card_share: float = 0.38,
    portrait_card_share: float = 0.8,
) -> FrameLayout:
    """The layout for a ``width`` x ``height`` frame. ``margin_x``/``margin_y`` are the
    title-safe margins (``margin_y`` is the seller's bottom margin); in portrait each side keeps
    at least ``portrait_margins``. ``card_share``/``portrait_card_share``: a card's width as a
    share of the safe area's."""
    if height <= width:
        area = safe_area(width, height, margin_x, margin_y)
        empty = Rect(area.x, area.y, 0, 0)
        return FrameLayout(width, height, False, area, empty, area, round(area.w * card_share))
    m = portrait_margins
    left = round(width * max(margin_x, m.left))
    right = width - round(width * max(margin_x, m.right))
    top = round(height * max(margin_y, m.top))
    bottom = height - round(height * max(margin_y, m.bottom))
    face_bottom = max(top, round(height * PORTRAIT_FACE_BOTTOM))
    face = Rect(0, top, width, face_bottom - top)
    below_face = Rect(left, face_bottom, right - left, max(0, bottom - face_bottom))
    return FrameLayout(
        width,
        height,
        True,
        below_face,
        face,
        below_face,
        round(below_face.w * portrait_card_share),
    )


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
