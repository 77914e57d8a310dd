"""Portrait (9:16, TikTok LIVE) captions checked by pixels: everything we draw stays out of the
platform's own UI (the bottom quarter, the top bar, the right rail) and below the face, text is
sized by the narrow width and wrapped to it without clipping in CJK, Arabic and Devanagari,
cards never cover the captions, and partial text keeps its lighter style."""

from __future__ import annotations

import numpy as np
import pytest
from test_render_captions import caption

from sola_studio.captions.fonts import FontResolver
from sola_studio.captions.layout import PORTRAIT_FACE_BOTTOM, TIKTOK_PORTRAIT, Rect
from sola_studio.captions.render import CaptionRenderer, CaptionStyle, Color, InfoCard
from sola_studio.core.clock import ManualClock

TEXTS = {
    "en": "The battery of this camera lasts all day, and it is fully waterproof.",
    "pt": "A bateria desta câmera dura o dia todo e ela é totalmente à prova d'água.",
    "zh": "这款相机的电池续航非常长，可以拍一整天，而且完全防水。",
    "ar": "بطارية هذه الكاميرا تدوم طويلاً جداً، يمكنك التصوير طوال اليوم.",
    "hi": "इस कैमरे की बैटरी बहुत लंबी चलती है, आप पूरे दिन शूट कर सकते हैं।",
}
PORTRAIT = [(720, 1280), (1080, 1920)]


def tiktok_free(w: int, h: int) -> Rect:
    """What TikTok LIVE leaves visible on a phone, below the face: where our text may go."""
    m = TIKTOK_PORTRAIT
    top = round(h * PORTRAIT_FACE_BOTTOM)
    left, right = round(w * m.left), w - round(w * m.right)
    return Rect(left, top, right - left, h - round(h * m.bottom) - top)


def ink_box(mask: np.ndarray) -> Rect:
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return Rect(
        int(cols[0]), int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1)
    )


@pytest.mark.parametrize("size", PORTRAIT)
@pytest.mark.parametrize("langs", [("en", "pt", "zh"), ("zh", "ar", "hi")])
def test_portrait_captions_and_card_stay_out_of_tiktoks_ui_and_off_the_face(
    size: tuple[int, int], langs: tuple[str, ...], fonts: FontResolver
) -> None:
    w, h = size
    renderer = CaptionRenderer(w, h, list(langs), fonts=fonts, clock=ManualClock())
    renderer.on_caption(caption(**{lang: TEXTS[lang] for lang in langs}))
    renderer.show_card(InfoCard("", {langs[0]: "电池 5000 mAh", langs[1]: "Battery 5000 mAh"}))
    frame = np.zeros((h, w, 3), np.uint8)
    renderer.composite(frame, 0.0)
    overlay = renderer.overlay(0.0)

    assert overlay.languages == langs  # all three stacked
    assert {p.name for p in overlay.patches} == {*(f"caption:{x}" for x in langs), "card"}
    drawn = ink_box(frame.any(axis=2))
    free = tiktok_free(w, h)
    assert free.contains(drawn), f"overlay {drawn} leaves what TikTok leaves free {free}"
    assert frame[round(h * 0.75) :].max() == 0, "something drawn over the bottom 25 %"
    assert frame[:, w - round(w * 0.14) :].max() == 0, "something drawn under the right rail"
    # the card sits above the captions, never over them
    card = next(p.rect for p in overlay.patches if p.name == "card")
    top_caption = min(p.rect.y for p in overlay.patches if p.name.startswith("caption:"))
    assert card.bottom <= top_caption
    # the captions sit at the bottom of the free band, right above TikTok's comments
    bottom_caption = max(p.rect.bottom for p in overlay.patches if p.name.startswith("caption:"))
    assert free.bottom - bottom_caption < h * 0.01


@pytest.mark.parametrize("size", PORTRAIT)
@pytest.mark.parametrize("lang", ["zh", "ar", "hi", "en"])
def test_portrait_text_is_wrapped_to_the_narrow_width_and_never_clipped(
    size: tuple[int, int], lang: str, fonts: FontResolver
) -> None:
    w, h = size
    style = CaptionStyle(box=Color(0, 0, 0, 0), outline_scale=0.0)  # alpha = the glyphs' ink
    renderer = CaptionRenderer(w, h, [lang], style=style, fonts=fonts, clock=ManualClock())
    renderer.on_caption(caption(**{lang: TEXTS[lang]}))
    (patch,) = renderer.overlay(0.0).patches
    ink = patch.rgba[:, :, 3] > 0
    rows = np.flatnonzero(ink.any(axis=1))
    # two lines (the sentence does not fit one line of a phone's width) ...
    lines = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    assert len(lines) >= 2, f"{lang}: one line {patch.rect.w} px wide"
    # ... and no glyph touches the edge of its patch (a clipped glyph would)
    assert not ink[0].any() and not ink[-1].any(), f"{lang}: ink cut at the top or bottom"
    assert not ink[:, 0].any() and not ink[:, -1].any(), f"{lang}: ink cut at a side"
    assert tiktok_free(w, h).contains(patch.rect)


def test_text_size_follows_the_narrow_side(fonts: FontResolver) -> None:
    """A 720x1280 frame gets the same text size as 1280x720 (both 720 px across the short
    side), not the 1.8x larger text its height alone would give."""

    def glyph_height(w: int, h: int) -> int:
        style = CaptionStyle(box=Color(0, 0, 0, 0), outline_scale=0.0)
        renderer = CaptionRenderer(w, h, ["en"], style=style, fonts=fonts, clock=ManualClock())
        renderer.on_caption(caption(en="Hd"))
        (patch,) = renderer.overlay(0.0).patches
        return ink_box(patch.rgba[:, :, 3] > 0).h

    landscape, portrait = glyph_height(1280, 720), glyph_height(720, 1280)
    assert abs(portrait - landscape) <= 1
    assert glyph_height(1080, 1920) == pytest.approx(landscape * 1.5, abs=2)


def test_portrait_partial_caption_is_drawn_lighter(fonts: FontResolver) -> None:
    renderer = CaptionRenderer(720, 1280, ["en", "pt"], fonts=fonts, clock=ManualClock())
    style = renderer.style

    def looks(committed: bool) -> tuple[set[tuple[int, int, int]], int]:
        renderer.on_caption(caption(committed=committed, en="Hello everyone", pt="Olá a todos"))
        patch = next(p for p in renderer.overlay(0.0).patches if p.name == "caption:pt")
        solid = patch.rgba[patch.rgba[:, :, 3] == 255][:, :3]
        corner_alpha = int(patch.rgba[patch.rgba.shape[0] // 2, 2, 3])  # the box, left edge
        return {tuple(int(v) for v in px) for px in solid}, corner_alpha

    partial_colours, partial_box = looks(False)
    committed_colours, committed_box = looks(True)
    assert style.partial_text.rgba[:3] in partial_colours
    assert style.partial_text.rgba[:3] not in committed_colours
    assert style.text.rgba[:3] in committed_colours
    assert partial_box < committed_box  # the partial's box is lighter


def test_a_card_with_no_room_above_the_captions_waits_rather_than_covering_them(
    fonts: FontResolver,
) -> None:
    """Size 96 text in three languages fills the band below the face: the card is left out and
    nothing covers the captions or the face."""
    style = CaptionStyle(font_scale=96 / 1080)
    renderer = CaptionRenderer(
        720, 1280, ["en", "pt", "zh"], style=style, fonts=fonts, clock=ManualClock()
    )
    renderer.on_caption(caption(**{k: TEXTS[k] for k in ("en", "pt", "zh")}))
    renderer.show_card(InfoCard("", {"en": "Battery: 5000 mAh", "pt": "Bateria: 5000 mAh"}))
    overlay = renderer.overlay(0.0)
    names = [p.name for p in overlay.patches]
    assert "card" not in names
    assert names  # the captions that fit are shown ...
    for p in overlay.patches:  # ... below the face
        assert p.rect.y >= round(1280 * PORTRAIT_FACE_BOTTOM)


def test_a_landscape_card_never_covers_the_captions(fonts: FontResolver) -> None:
    """The same rule in landscape: size 96 in three languages reaches the top-right corner,
    and the card waits instead of covering the captions."""
    style = CaptionStyle(font_scale=96 / 1080)
    renderer = CaptionRenderer(
        1280, 720, ["zh", "ar", "hi"], style=style, fonts=fonts, clock=ManualClock()
    )
    renderer.on_caption(caption(**{k: TEXTS[k] for k in ("zh", "ar", "hi")}))
    renderer.show_card(InfoCard("", {"zh": "电池 5000 mAh", "ar": "البطارية 5000"}))
    overlay = renderer.overlay(0.0)
    captions = [p.rect for p in overlay.patches if p.name.startswith("caption:")]
    assert captions and "card" not in [p.name for p in overlay.patches]
    # with room (default size, one language) the card is in the top-right corner
    renderer.set_style(CaptionStyle())
    renderer.set_languages(["zh"])
    overlay = renderer.overlay(0.0)
    card = next(p.rect for p in overlay.patches if p.name == "card")
    top = min(p.rect.y for p in overlay.patches if p.name.startswith("caption:"))
    assert card.x > 1280 // 2 and card.bottom <= top
