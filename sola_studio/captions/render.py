"""Burns captions (and short info cards) into video frames.

Drawing text is slow (shaping, rasterising, outlines: 5-30 ms for three languages at 1080p),
compositing a prepared picture is fast. So text is drawn only when what is on screen changes (a
new or updated caption, expiry, a rotation step, a card), into cached patches that hold
premultiplied colour and inverse alpha; per frame :meth:`CaptionRenderer.composite` only blends
those patches over their own bounding boxes with two OpenCV calls each (multiply, add).
Measured by ``sola-studio bench video`` against :class:`NaiveCaptionRenderer`, which redraws
every frame.

Text goes through Pillow with the RAQM layout engine (HarfBuzz shaping, FriBiDi reordering), so
Arabic is joined and right to left and Devanagari conjuncts are formed; fonts come from
:mod:`sola_studio.captions.fonts`, line breaks from :mod:`sola_studio.captions.layout`.

This module never blocks on I/O, never imports Qt, and never keeps frames: the caller owns them.
Frames are BGR ``uint8`` arrays (OpenCV's order), modified in place.
"""

from __future__ import annotations

import enum
import logging
import math
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from sola_studio.captions import layout
from sola_studio.captions.fonts import FontResolver, is_rtl
from sola_studio.core.channels import Channel, Overflow
from sola_studio.core.clock import Clock, SystemClock
from sola_studio.core.events import Caption

if TYPE_CHECKING:
    from sola_studio.captions.speccards import SpecCard

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Color:
    r: int
    g: int
    b: int
    a: int = 255

    @property
    def rgba(self) -> tuple[int, int, int, int]:
        return (self.r, self.g, self.b, self.a)


@dataclass(frozen=True)
class CaptionStyle:
    """How captions look. Sizes are fractions of the frame's short side (the height in
    landscape, the width in portrait), so one style fits 720p, 1080p and a 9:16 phone picture.

    - ``font_scale``: text size; 0.045 of the short side is 32 px at 720p (and in 720x1280),
      readable on a phone.
    - ``outline_scale``: outline thickness as a fraction of the text size (0 for none).
    - ``box``: the box behind each language (alpha 0 for none); ``partial_box`` for partial text.
    - ``text``/``partial_text``: committed text is white, partial (still changing) text amber,
      so viewers can tell which words may still change.
    - ``margin_x``/``margin_y``: the title-safe margins; nothing is drawn outside them.
    - ``portrait_margins``: in a portrait frame, what the platform's own UI covers (TikTok
      LIVE's by default: the bottom quarter, the top and a rail on the right); each side keeps at
      least this, captions stay below the face and a card sits above the captions
      (:func:`~sola_studio.captions.layout.frame_layout`).
    - ``max_lines``: lines per language; older lines scroll away.
    - ``align_start``: each language's box is as wide as the safe area and its lines start at the
      left (the right for right-to-left scripts), as live captions on YouTube and Meet do, so the
      words on screen stay where they are while a partial caption grows and when the committed
      caption replaces it (issue 16); centred lines moved every word at each update. False:
      boxes fit their text and lines are centred.
    - ``max_languages``: languages stacked at once; with more, the first stays and the others
      rotate every ``rotate_s`` seconds.
    - ``expire_s``: a caption disappears this long after it last changed.
    - ``card_scale``/``card``/``card_text``: the info card (spec or Q&A), in the top-right
      corner (landscape) or just above the captions on the left (portrait); ``card_width`` and
      ``portrait_card_width``: its width as a share of the safe area's.
    - ``card_min_s``/``card_queue``: cards are shown one at a time; a new card waits until the
      one on screen has been up ``card_min_s`` (then replaces it), and at most ``card_queue``
      cards wait, the oldest waiting one dropped past that (see :meth:`CaptionRenderer.show_card`).
    """

    font_scale: float = 0.045
    line_spacing: float = 1.0
    outline_scale: float = 0.08
    outline: Color = Color(0, 0, 0, 255)
    text: Color = Color(255, 255, 255, 255)
    partial_text: Color = Color(255, 214, 102, 255)
    box: Color = Color(0, 0, 0, 150)
    partial_box: Color = Color(0, 0, 0, 110)
    box_padding: float = 0.35
    block_gap: float = 0.25
    margin_x: float = 0.05
    margin_y: float = 0.05
    max_lines: int = 2
    align_start: bool = True
    max_languages: int = 3
    rotate_s: float = 4.0
    expire_s: float = 6.0
    card_scale: float = 0.032
    card: Color = Color(20, 24, 38, 220)
    card_text: Color = Color(255, 255, 255, 255)
    card_heading: Color = Color(120, 200, 255, 255)
    card_width: float = 0.38
    portrait_card_width: float = 0.8
    portrait_margins: layout.Margins = layout.TIKTOK_PORTRAIT
    # 3 s reads a "Label: fact" line in two languages; the sample talk's "organic cotton ... made
    # in Brazil" gives two cards at once, and with no wait the first was replaced in 0 s.
    card_min_s: float = 3.0
    card_queue: int = 3


class CardKind(enum.Enum):
    SPEC = "spec"  # a fact from the product sheet (issue 9)
    QA = "qa"  # an answered viewer question (issue 5)


@dataclass(frozen=True)
class InfoCard:
    """A small card shown for ``duration_s`` seconds: a heading and one text per language.

    ``body`` maps language code -> text; languages the card has no text for are left out, never
    filled in by the renderer.
    """

    heading: str
    body: Mapping[str, str]
    kind: CardKind = CardKind.SPEC
    duration_s: float = 6.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "body", MappingProxyType(dict(self.body)))

    @classmethod
    def from_spec_card(cls, card: SpecCard, languages: Sequence[str]) -> InfoCard:
        """The card for a :class:`~sola_studio.captions.speccards.SpecCard` (issue 9): one
        ``"Label: fact"`` line per language the sheet has text for; nothing is added."""
        body = {lang: text for lang in languages if (text := card.text_in(lang))}
        return cls("", body, CardKind.SPEC, card.duration_s)


@dataclass(frozen=True)
class Patch:
    """A prepared piece of overlay at ``(x, y)`` in the frame.

    ``premultiplied`` (BGR) and ``inverse_alpha`` are ``uint8`` (h, w, 3); ``rgba`` keeps the
    straight RGBA picture for previews and tests.
    """

    x: int
    y: int
    premultiplied: np.ndarray
    inverse_alpha: np.ndarray
    rgba: np.ndarray
    name: str = "caption"

    @property
    def rect(self) -> layout.Rect:
        h, w = self.premultiplied.shape[:2]
        return layout.Rect(self.x, self.y, w, h)

    @classmethod
    def from_image(cls, image: Image.Image, x: int, y: int, name: str) -> Patch:
        rgba = np.asarray(image.convert("RGBA"), dtype=np.uint8)
        alpha = rgba[:, :, 3:4].astype(np.uint16)
        bgr = rgba[:, :, 2::-1].astype(np.uint16)
        premultiplied = ((bgr * alpha + 127) // 255).astype(np.uint8)
        inverse = np.repeat(255 - rgba[:, :, 3:4], 3, axis=2).astype(np.uint8)
        return cls(x, y, np.ascontiguousarray(premultiplied), inverse, rgba, name)


@dataclass(frozen=True)
class Overlay:
    """Everything drawn over one frame, at one moment."""

    patches: tuple[Patch, ...] = ()
    languages: tuple[str, ...] = ()
    caption_id: int | None = None
    card: InfoCard | None = None

    def blend(self, frame: np.ndarray) -> None:
        for p in self.patches:
            blend_patch(frame, p)


def blend_patch(frame: np.ndarray, patch: Patch) -> None:
    """``frame = frame * (1 - a) + colour * a`` over the patch's box only (in place)."""
    h, w = patch.premultiplied.shape[:2]
    fh, fw = frame.shape[:2]
    x0, y0 = max(patch.x, 0), max(patch.y, 0)
    x1, y1 = min(patch.x + w, fw), min(patch.y + h, fh)
    if x0 >= x1 or y0 >= y1:
        return
    roi = frame[y0:y1, x0:x1]
    px, py = x0 - patch.x, y0 - patch.y
    inv = patch.inverse_alpha[py : py + (y1 - y0), px : px + (x1 - x0)]
    pre = patch.premultiplied[py : py + (y1 - y0), px : px + (x1 - x0)]
    cv2.multiply(roi, inv, dst=roi, scale=1 / 255)
    cv2.add(roi, pre, dst=roi)


@dataclass(frozen=True)
class RenderStats:
    renders: int
    render_ms_total: float
    frames: int
    cards_dropped: int = 0  # cards that waited past ``CaptionStyle.card_queue`` (DROP_OLDEST)


_CARD_HISTORY = 32  # finished cards kept for frames composed late (a fast replay's video thread)


@dataclass(frozen=True)
class _CardSlot:
    """A card given to :meth:`CaptionRenderer.show_card` and the time it may start showing."""

    card: InfoCard
    ready_at: float


@dataclass(frozen=True)
class _CardTurn:
    """When a card is on screen: from ``start`` to ``end`` (monotonic seconds, both included)."""

    card: InfoCard
    start: float
    end: float


def _card_turns(slots: Sequence[_CardSlot], min_s: float) -> tuple[_CardTurn, ...]:
    """The cards' turns on screen, one card at a time, in the order they were given.

    A card starts when it is given, or, when another card is still on screen, once that card
    has been up ``min_s`` (or its whole duration if shorter); it ends after its ``duration_s``
    or when the next card starts, whichever is first. A pure function of its inputs, so the
    picture for a time does not depend on which frames were asked for before.
    """
    turns: list[_CardTurn] = []
    for slot in slots:
        start = slot.ready_at
        if turns:
            prev = turns[-1]
            start = max(start, prev.start + min(min_s, prev.card.duration_s))
            turns[-1] = replace(prev, end=min(prev.end, start))
        turns.append(_CardTurn(slot.card, start, start + slot.card.duration_s))
    return tuple(turns)


def _turn_at(turns: Sequence[_CardTurn], now: float) -> int | None:
    """The index of the turn on screen at ``now`` (the later one where two meet), else None."""
    for i in range(len(turns) - 1, -1, -1):
        if turns[i].start <= now <= turns[i].end:
            return i
    return None


@dataclass
class _State:
    caption: Caption | None = None
    # Partial translations of ``caption.id``, kept for the languages its committed original does
    # not have yet (the committed translation follows within milliseconds and replaces them).
    held: Mapping[str, str] = field(default_factory=dict)
    caption_at: float = 0.0
    caption_seq: int = 0
    cards: tuple[_CardSlot, ...] = ()
    card_seq: int = 0
    style: CaptionStyle = field(default_factory=CaptionStyle)
    languages: tuple[str, ...] = ()
    config_seq: int = 0


@dataclass(frozen=True)
class _Job:
    key: tuple[object, ...]
    state: _State
    visible: tuple[str, ...]
    card: InfoCard | None


@dataclass(frozen=True)
class _Shaping:
    """Direction and language for the shaper; both None without RAQM (basic layout)."""

    direction: str | None
    language: str | None


def _measurer(font: ImageFont.FreeTypeFont, sh: _Shaping) -> layout.Measure:
    def measure(text: str) -> float:
        return font.getlength(text, direction=sh.direction, language=sh.language)

    return measure


def _shaping(language: str) -> _Shaping:
    from PIL import features

    if not features.check("raqm"):
        return _Shaping(None, None)
    return _Shaping("rtl" if is_rtl(language) else "ltr", language)


def _block_text(s: _State, language: str) -> tuple[str, bool]:
    """The text shown in ``language`` for the current caption and whether it may still change:
    the caption's own text, or the partial translation held until the committed one arrives."""
    c = s.caption
    if c is None:
        return "", False
    text = c.text_in(language)
    if not (text or "").strip() and language in s.held:
        return s.held[language], True
    return text or "", not c.committed


class CaptionRenderer:
    """Keeps the current caption and card, and burns them into frames.

    ``languages`` is the display order (the seller's choice, e.g. ``("zh", "en", "pt")``).
    :meth:`on_caption` and :meth:`show_card` may be called from any thread and return at once;
    the drawing happens on the next :meth:`composite` or :meth:`overlay` that sees the change.
    """

    def __init__(
        self,
        width: int,
        height: int,
        languages: Sequence[str],
        style: CaptionStyle | None = None,
        fonts: FontResolver | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.width = width
        self.height = height
        self._fonts = fonts or FontResolver()
        self._clock = clock or SystemClock()
        self._lock = threading.Lock()
        self._state = _State(style=style or CaptionStyle(), languages=tuple(languages))
        self._cached_key: tuple[object, ...] | None = None
        self._cached: Overlay = Overlay()
        self._renders = 0
        self._render_ms = 0.0
        self._frames = 0
        self._cards_dropped = 0
        self._turns: tuple[tuple[int, int], tuple[_CardTurn, ...]] = ((-1, -1), ())
        self._pending_key: tuple[object, ...] | None = None
        # latest wins: only the newest pending redraw matters
        self._jobs: Channel[_Job] = Channel(1, Overflow.DROP_OLDEST, "caption-render")
        self._worker: threading.Thread | None = None

    # -- inputs (any thread) ---------------------------------------------------------------

    def on_caption(self, caption: Caption) -> None:
        """Show ``caption`` (a newer partial or committed version replaces the shown one)."""
        with self._lock:
            current = self._state.caption
            if current is not None and caption.id < current.id:
                return  # a late update of an older caption must not replace the newer one
            if current is None or current.id != caption.id:
                self._state.held = {}
            if not caption.committed:
                self._state.held = dict(caption.translations)
            elif current is not None and current.id == caption.id and caption.revised:
                # a revised original: its old translations stay until the new ones arrive
                self._state.held = {**self._state.held, **current.translations}
            self._state.caption = caption
            self._state.caption_at = self._clock.monotonic()
            self._state.caption_seq += 1

    def show_card(self, card: InfoCard) -> None:
        """Show ``card`` for its ``duration_s``, one card at a time.

        When the card on screen has been up ``style.card_min_s`` it is replaced at once; before
        that the new card waits its turn (two cards from one sentence are both read). At most
        ``style.card_queue`` cards wait; past that the oldest waiting card is dropped
        (``Overflow.DROP_OLDEST``, counted in ``stats.cards_dropped``), never the one on screen.
        """
        with self._lock:
            now = self._clock.monotonic()
            style = self._state.style
            turns = _card_turns(self._state.cards, style.card_min_s)
            # Turns start and end in order, so those over by now are a prefix. The newest
            # _CARD_HISTORY of them are kept: a fast replay composes frames seconds behind the
            # clock the cards are given on, and those frames must still find their card (forgetting
            # at once showed no card at all in `run --demo --fast`). The first kept turn keeps
            # its start time, so forgetting never moves a card.
            over = next((i for i, t in enumerate(turns) if t.end >= now), len(turns))
            kept = max(0, over - _CARD_HISTORY)
            slots = [_CardSlot(t.card, t.start) for t in turns[kept : kept + 1]]
            slots += self._state.cards[kept + 1 :]
            slots.append(_CardSlot(card, now))
            # and those still waiting are a suffix; past the bound its oldest are dropped
            starts = [t.start for t in _card_turns(slots, style.card_min_s)]
            first_waiting = next((i for i, t in enumerate(starts) if t > now), len(starts))
            excess = len(slots) - first_waiting - max(0, style.card_queue)
            if excess > 0:
                log.info(
                    "%d card(s) dropped: more than %d waiting (%s)",
                    excess,
                    style.card_queue,
                    Overflow.DROP_OLDEST.value,
                )
                del slots[first_waiting : first_waiting + excess]
                self._cards_dropped += excess
            self._state.cards = tuple(slots)
            self._state.card_seq += 1

    def clear(self) -> None:
        with self._lock:
            self._state.caption = None
            self._state.held = {}
            self._state.cards = ()
            self._state.caption_seq += 1
            self._state.card_seq += 1

    def set_style(self, style: CaptionStyle) -> None:
        with self._lock:
            self._state.style = style
            self._state.config_seq += 1

    def set_languages(self, languages: Sequence[str]) -> None:
        with self._lock:
            self._state.languages = tuple(languages)
            self._state.config_seq += 1

    @property
    def style(self) -> CaptionStyle:
        return self._state.style

    @property
    def stats(self) -> RenderStats:
        return RenderStats(self._renders, self._render_ms, self._frames, self._cards_dropped)

    # -- per frame -------------------------------------------------------------------------

    def composite(self, frame: np.ndarray, now: float | None = None) -> np.ndarray:
        """Blend the current overlay into ``frame`` (BGR uint8, (height, width, 3)) in place."""
        self.overlay(now).blend(frame)
        self._frames += 1
        return frame

    def overlay(self, now: float | None = None, *, wait: bool = True) -> Overlay:
        """The overlay for time ``now`` (monotonic), drawn again only when it changed.

        With ``wait=False`` (the pipeline's tick thread) a change is drawn on the renderer's own
        worker thread and the previous overlay is returned until the new one is ready, so a
        30 ms redraw of three scripts never makes the output miss a frame.
        """
        now = self._clock.monotonic() if now is None else now
        with self._lock:
            s = replace(self._state)
        visible = self._visible_languages(s, now)
        # the turns change only with the cards or the style: 31 -> 7 us a frame with 4 cards
        if self._turns[0] != (s.card_seq, s.config_seq):
            self._turns = ((s.card_seq, s.config_seq), _card_turns(s.cards, s.style.card_min_s))
        turns = self._turns[1]
        turn = _turn_at(turns, now)
        card = None if turn is None else turns[turn].card
        key = (
            s.caption_seq if visible else None,
            visible,
            (s.card_seq, turn) if card else None,
            s.config_seq,
        )
        if key == self._cached_key:
            return self._cached
        if wait:
            self._render(key, s, visible, card)
        elif key != self._pending_key:
            self._pending_key = key
            self._ensure_worker()
            self._jobs.put(_Job(key, s, visible, card))
        return self._cached

    def _render(
        self, key: tuple[object, ...], s: _State, visible: tuple[str, ...], card: InfoCard | None
    ) -> None:
        started = time.perf_counter()
        drawn = self._draw(s, visible, card)
        with self._lock:
            self._cached = drawn
            self._cached_key = key
            self._render_ms += (time.perf_counter() - started) * 1000
            self._renders += 1

    def _ensure_worker(self) -> None:
        if self._worker is None:
            self._worker = threading.Thread(target=self._work, name="caption-render", daemon=True)
            self._worker.start()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if not isinstance(job, _Job):
                return
            try:
                self._render(job.key, job.state, job.visible, job.card)
            except Exception:
                log.exception("drawing captions failed")

    def warm_up(self) -> None:
        """Load every configured language's font now (~0.1 s each), not on the first caption."""
        px = self._font_px(self._state.style.font_scale)
        for lang in self._state.languages:
            self._fonts.font(lang, px)

    def close(self) -> None:
        self._jobs.close()

    def _visible_languages(self, s: _State, now: float) -> tuple[str, ...]:
        c = s.caption
        if c is None or now - s.caption_at > s.style.expire_s:
            return ()
        available = [lang for lang in s.languages if _block_text(s, lang)[0].strip()]
        if not s.languages and c.text.strip():
            available = [c.language]
        limit = max(1, s.style.max_languages)
        if len(available) <= limit:
            return tuple(available)
        fixed, rest = available[0], available[1:]
        per_page = max(1, limit - 1)
        pages = math.ceil(len(rest) / per_page)
        page = int(now // max(s.style.rotate_s, 0.1)) % pages
        return (fixed, *rest[page * per_page : (page + 1) * per_page])

    # -- drawing ---------------------------------------------------------------------------

    def _font_px(self, scale: float) -> int:
        return max(8, round(min(self.width, self.height) * scale))

    def frame_layout(self, style: CaptionStyle | None = None) -> layout.FrameLayout:
        """Where captions, the face and cards go in this renderer's frames."""
        style = style or self._state.style
        return layout.frame_layout(
            self.width,
            self.height,
            style.margin_x,
            style.margin_y,
            portrait_margins=style.portrait_margins,
            card_share=style.card_width,
            portrait_card_share=style.portrait_card_width,
        )

    def _draw_block(
        self, text: str, partial: bool, language: str, style: CaptionStyle, max_w: int
    ) -> Image.Image:
        px = self._font_px(style.font_scale)
        font = self._fonts.font(language, px)
        sh = _shaping(language)
        stroke = max(0, round(px * style.outline_scale))
        pad = round(px * style.box_padding)
        inner = max_w - 2 * pad - 2 * stroke
        lines = layout.wrap(
            text,
            language,
            inner,
            _measurer(font, sh),
            style.max_lines,
        )
        ascent, descent = font.getmetrics()
        line_h = round((ascent + descent) * style.line_spacing)
        widths = [
            math.ceil(font.getlength(line, direction=sh.direction, language=sh.language))
            for line in lines
        ]
        w = (
            max_w
            if style.align_start
            else min(max_w, max(widths, default=0) + 2 * pad + 2 * stroke)
        )
        h = line_h * len(lines) + 2 * pad + 2 * stroke
        image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        box = style.partial_box if partial else style.box
        if box.a:
            draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=pad, fill=box.rgba)
        fill = style.partial_text if partial else style.text
        y = pad + stroke
        rtl = is_rtl(language)
        for line, lw in zip(lines, widths, strict=True):
            if not style.align_start:
                x = (w - lw) // 2
            else:
                x = w - pad - stroke - lw if rtl else pad + stroke
            draw.text(
                (x, y),
                line,
                font=font,
                fill=fill.rgba,
                stroke_width=stroke,
                stroke_fill=style.outline.rgba,
                direction=sh.direction,
                language=sh.language,
            )
            y += line_h
        return image

    def _draw_card(
        self, card: InfoCard, languages: Sequence[str], style: CaptionStyle, max_w: int
    ) -> Image.Image:
        px = self._font_px(style.card_scale)
        pad = round(px * 0.5)
        inner = max_w - 2 * pad
        rows: list[tuple[str, str, ImageFont.FreeTypeFont, Color]] = []
        heading_lang = "en"
        heading_font = self._fonts.font(heading_lang, px)
        heading = layout.wrap(card.heading, heading_lang, inner, heading_font.getlength, 2)
        for line in heading:
            rows.append((line, heading_lang, heading_font, style.card_heading))
        shown = [lang for lang in languages if lang in card.body] or list(card.body)[:3]
        for lang in shown[: max(1, style.max_languages)]:
            font = self._fonts.font(lang, px)
            sh = _shaping(lang)
            for line in layout.wrap(card.body[lang], lang, inner, _measurer(font, sh), 3):
                rows.append((line, lang, font, style.card_text))
        heights = [sum(f.getmetrics()) for _t, _l, f, _c in rows]
        w = max_w
        h = sum(heights) + 2 * pad
        image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=pad, fill=style.card.rgba)
        y = pad
        for (line, lang, font, color), lh in zip(rows, heights, strict=True):
            sh = _shaping(lang)
            lw = font.getlength(line, direction=sh.direction, language=sh.language)
            x = w - pad - lw if is_rtl(lang) else pad
            draw.text(
                (x, y),
                line,
                font=font,
                fill=color.rgba,
                direction=sh.direction,
                language=sh.language,
            )
            y += lh
        return image

    def _draw(self, s: _State, visible: tuple[str, ...], card: InfoCard | None) -> Overlay:
        style = s.style
        frame = self.frame_layout(style)
        area = frame.captions
        gap = round(self._font_px(style.font_scale) * style.block_gap)
        patches: list[Patch] = []
        c = s.caption
        if c is not None and visible:
            # Partial text and committed text are drawn in the same font and wrapped the same
            # way, only the colours differ: when the committed caption replaces its partial, the
            # lines they share keep their place (tests/test_render_captions.py).
            images = [
                self._draw_block(*_block_text(s, lang), lang, style, area.w) for lang in visible
            ]
            ys = layout.stack_from_bottom([im.height for im in images], area, gap)
            for lang, im, y in zip(visible, images, ys, strict=True):
                if y < area.y:
                    log.debug("caption block %s does not fit the safe area; left out", lang)
                    continue
                x = area.x + (area.w - im.width) // 2
                patches.append(Patch.from_image(im, x, y, f"caption:{lang}"))
        if card is not None:
            im = self._draw_card(card, s.languages, style, frame.card_width)
            captions_top = min((p.y for p in patches), default=area.bottom)
            at = frame.place_card(im.width, im.height, captions_top, gap)
            if at is None:  # the captions come first; the card waits for room or its turn ends
                log.debug("card %r does not fit beside the captions; left out", card.heading)
            else:
                patches.append(Patch.from_image(im, *at, "card"))
        shown = tuple(p.name.split(":", 1)[1] for p in patches if p.name.startswith("caption:"))
        return Overlay(tuple(patches), shown, c.id if c is not None and shown else None, card)


class NaiveCaptionRenderer(CaptionRenderer):
    """The baseline the benchmark compares against: draws the text again for every frame."""

    def overlay(self, now: float | None = None, *, wait: bool = True) -> Overlay:
        self._cached_key = None
        return super().overlay(now, wait=True)


def notice_frame(
    width: int,
    height: int,
    message: str,
    fonts: FontResolver | None = None,
    background: np.ndarray | None = None,
) -> np.ndarray:
    """A BGR frame that says ``message`` (e.g. "Camera lost - reconnecting"), over a darkened
    copy of ``background`` when given, else dark grey."""
    if background is not None and background.shape[:2] == (height, width):
        frame = (background.astype(np.uint16) * 3 // 10).astype(np.uint8)
    else:
        frame = np.full((height, width, 3), 40, dtype=np.uint8)
    resolver = fonts or FontResolver()
    px = max(12, round(height * 0.05))
    font = resolver.font("en", px)
    w = math.ceil(font.getlength(message)) + px
    h = sum(font.getmetrics()) + px
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=px // 3, fill=(160, 20, 20, 230))
    draw.text((px // 2, px // 2), message, font=font, fill=(255, 255, 255, 255))
    blend_patch(frame, Patch.from_image(image, (width - w) // 2, (height - h) // 2, "notice"))
    return frame
