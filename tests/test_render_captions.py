"""Caption rendering checked by pixels: real glyphs (no tofu) in zh/ja/ar/hi, Arabic right to left
and joined, text inside the safe area at 720p and 1080p, partial vs committed, expiry, rotation
and info cards."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from sola_studio.captions.fonts import FontResolver, script_for
from sola_studio.captions.layout import safe_area, wrap
from sola_studio.captions.render import CaptionRenderer, CaptionStyle, Color, InfoCard
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Caption

TEXTS = {
    "zh": "这款相机的电池续航非常长，可以拍一整天，而且完全防水。",
    "ja": "このカメラのバッテリーはとても長持ちで、一日中撮影できます。",
    "ar": "بطارية هذه الكاميرا تدوم طويلاً جداً، يمكنك التصوير طوال اليوم.",
    "hi": "इस कैमरे की बैटरी बहुत लंबी चलती है, आप पूरे दिन शूट कर सकते हैं।",
    "en": "The battery of this camera lasts all day, and it is fully waterproof.",
    "pt": "A bateria desta câmera dura o dia todo e ela é totalmente à prova d'água.",
}


def caption(cid: int = 1, committed: bool = True, **texts: str) -> Caption:
    source = next(iter(texts))
    return Caption(
        id=cid,
        language=source,
        text=texts[source],
        start=0.0,
        end=1.0,
        committed=committed,
        t_capture=0.0,
        t_emit=0.0,
        translations={k: v for k, v in texts.items() if k != source},
    )


def plain(**changes: object) -> CaptionStyle:
    """No box and no outline, so the alpha channel is the glyphs' ink alone."""
    return CaptionStyle(box=Color(0, 0, 0, 0), outline_scale=0.0, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["zh", "ja", "ar", "hi"])
def test_glyphs_are_real_not_tofu(lang: str, fonts: FontResolver) -> None:
    font = fonts.font(lang, 40)
    notdef = np.asarray(font.getmask("\uffff"))
    distinct: set[bytes] = set()
    for ch in {c for c in TEXTS[lang] if not c.isspace() and c not in "，、。,."}:
        ink = bytes(font.getmask(ch))
        assert ink.strip(b"\x00"), f"{ch!r} draws nothing"
        assert ink != bytes(notdef), f"{ch!r} is drawn as the .notdef box (tofu)"
        distinct.add(ink)
    assert len(distinct) > 5  # different letters look different

    renderer = CaptionRenderer(1280, 720, [lang], style=plain(), fonts=fonts, clock=ManualClock())
    renderer.on_caption(caption(**{lang: TEXTS[lang]}))
    (patch,) = renderer.overlay(0.0).patches
    alpha = patch.rgba[:, :, 3]
    assert (alpha > 128).sum() > 2000  # a real line of text was drawn


def test_arabic_runs_right_to_left_and_joins(fonts: FontResolver) -> None:
    first, second = "بطارية", "الكاميرا"
    style = plain()
    renderer = CaptionRenderer(1280, 720, ["ar"], style=style, fonts=fonts, clock=ManualClock())

    def ink(text: str) -> np.ndarray:
        renderer.on_caption(caption(cid=renderer.stats.renders + 1, ar=text))
        (patch,) = renderer.overlay(0.0).patches
        return patch.rgba[:, :, 3].astype(np.float32)

    line, word = ink(f"{first} {second}"), ink(first)
    cols = np.flatnonzero(word.any(axis=0))  # boxes are as wide as the safe area: the word's ink
    word = word[:, cols[0] : cols[-1] + 1]
    match = cv2.matchTemplate(line, word, cv2.TM_CCOEFF_NORMED)
    _, best, _, (x, _y) = cv2.minMaxLoc(match)
    assert best > 0.9
    assert x + word.shape[1] / 2 > line.shape[1] / 2, "the first word must sit on the right"

    font = fonts.font("ar", 40)
    joined = font.getlength(first, direction="rtl", language="ar")
    isolated = sum(font.getlength(ch) for ch in first)
    assert joined < isolated * 0.95  # contextual (joined) forms, not isolated letters


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_text_stays_inside_the_safe_area(size: tuple[int, int], fonts: FontResolver) -> None:
    w, h = size
    style = CaptionStyle()
    renderer = CaptionRenderer(
        w, h, ["zh", "ar", "hi"], style=style, fonts=fonts, clock=ManualClock()
    )
    long = {k: v * 3 for k, v in TEXTS.items()}
    renderer.on_caption(caption(zh=long["zh"], ar=long["ar"], hi=long["hi"]))
    renderer.show_card(
        InfoCard("Aurora X2 — battery", {"zh": "电池 5000 mAh", "ar": "البطارية 5000"})
    )
    overlay = renderer.overlay(0.0)
    area = safe_area(w, h, style.margin_x, style.margin_y)
    assert overlay.languages == ("zh", "ar", "hi")
    assert {p.name for p in overlay.patches} >= {"caption:zh", "caption:ar", "caption:hi", "card"}
    for patch in overlay.patches:
        assert area.contains(patch.rect), f"{patch.name} {patch.rect} leaves {area}"
    frame = np.zeros((h, w, 3), np.uint8)
    renderer.composite(frame, 0.0)
    outside = frame.copy()
    outside[area.y : area.bottom, area.x : area.right] = 0
    assert outside.max() == 0, "ink outside the safe area"
    assert frame.max() > 200


def test_wrap_breaks_cjk_at_phrases_and_respects_kinsoku() -> None:
    def measure(s: str) -> float:
        return 10.0 * len(s)

    lines = wrap(TEXTS["ja"], "ja", 120, measure)
    assert len(lines) > 2
    assert "".join(lines) == TEXTS["ja"]
    assert not any(line[0] in "、。" for line in lines)
    assert all(measure(line) <= 120 for line in lines)
    assert wrap("one two three", "en", 80, measure) == ("one two", "three")


def test_partial_text_is_drawn_differently(fonts: FontResolver) -> None:
    clock = ManualClock()
    renderer = CaptionRenderer(1280, 720, ["en"], fonts=fonts, clock=clock)
    style = renderer.style

    def colours(committed: bool) -> set[tuple[int, int, int]]:
        renderer.on_caption(caption(cid=1, committed=committed, en="Hello everyone"))
        (patch,) = renderer.overlay(0.0).patches
        solid = patch.rgba[patch.rgba[:, :, 3] == 255][:, :3]
        return {tuple(int(v) for v in px) for px in solid}

    assert style.partial_text.rgba[:3] in colours(False)
    assert style.partial_text.rgba[:3] not in colours(True)
    assert style.text.rgba[:3] in colours(True)


def test_captions_expire_and_languages_rotate(fonts: FontResolver) -> None:
    clock = ManualClock()
    style = CaptionStyle(expire_s=5.0, rotate_s=2.0, max_languages=3)
    langs = ["zh", "en", "pt", "ar", "hi"]
    renderer = CaptionRenderer(1280, 720, langs, style=style, fonts=fonts, clock=clock)
    renderer.on_caption(caption(**{k: TEXTS[k] for k in langs}))
    shown_a = renderer.overlay(0.5).languages
    shown_b = renderer.overlay(2.5).languages
    assert shown_a[0] == shown_b[0] == "zh"
    assert len(shown_a) == len(shown_b) == 3
    assert set(shown_a[1:]) | set(shown_b[1:]) == {"en", "pt", "ar", "hi"}
    assert renderer.overlay(5.5).patches == ()


def test_info_card_shows_for_its_duration(fonts: FontResolver) -> None:
    clock = ManualClock()
    renderer = CaptionRenderer(1280, 720, ["pt", "en"], fonts=fonts, clock=clock)
    renderer.show_card(
        InfoCard("Mesa Oslo", {"pt": "Carga: 80 kg", "en": "Load: 80 kg"}, duration_s=4)
    )
    first = renderer.overlay(1.0)
    assert [p.name for p in first.patches] == ["card"]
    assert first.patches[0].rect.x > 1280 // 2  # top-right corner
    assert renderer.overlay(4.5).patches == ()


def test_cached_overlay_is_not_redrawn_per_frame(fonts: FontResolver) -> None:
    renderer = CaptionRenderer(1280, 720, ["en"], fonts=fonts, clock=ManualClock())
    renderer.on_caption(caption(en="Hello"))
    frame = np.zeros((720, 1280, 3), np.uint8)
    for i in range(30):
        renderer.composite(frame, i / 30)
    assert renderer.stats.renders == 1
    assert script_for("zh-TW").value == "han-tc"


def test_spec_card_from_the_sheet_is_rendered(fonts: FontResolver) -> None:
    from sola_studio.captions.speccards import SpecCard

    spec = SpecCard(
        product_id="tee",
        attribute="material",
        label={"pt": "Material", "en": "Material"},
        fact={"pt": "100% algodão", "en": "100% cotton"},
        caption_id=3,
        keyword="algodão",
        start=1.0,
        end=2.0,
        duration_s=5.0,
        t_capture=0.0,
        t_emit=0.0,
    )
    card = InfoCard.from_spec_card(spec, ["pt", "en", "de"])
    assert dict(card.body) == {"pt": "Material: 100% algodão", "en": "Material: 100% cotton"}
    renderer = CaptionRenderer(1280, 720, ["pt", "en", "de"], fonts=fonts, clock=ManualClock())
    renderer.show_card(card)
    (patch,) = renderer.overlay(0.0).patches
    assert patch.name == "card" and (patch.rgba[:, :, 3] == 255).sum() > 1000


def _card(name: str, duration_s: float = 6.0) -> InfoCard:
    return InfoCard("", {"en": f"{name}: yes", "pt": f"{name}: sim"}, duration_s=duration_s)


def test_cards_given_together_are_shown_in_turn(fonts: FontResolver) -> None:
    clock = ManualClock(now_monotonic=10.0)
    renderer = CaptionRenderer(1280, 720, ["en", "pt"], fonts=fonts, clock=clock)
    material, origin = _card("Material"), _card("Origin")
    renderer.show_card(material)
    renderer.show_card(origin)  # same instant: waits until the material card has been read

    def on_screen(t: float) -> InfoCard | None:
        return renderer.overlay(t).card

    assert on_screen(10.0) is on_screen(12.9) is material
    assert on_screen(13.0) is on_screen(18.9) is origin  # its whole 6 s from its own start
    assert on_screen(19.1) is None
    # a card arriving when the one on screen has been up 3 s or more replaces it at once
    clock.now_monotonic = 30.0
    renderer.show_card(material)
    clock.now_monotonic = 33.5
    renderer.show_card(origin)
    assert on_screen(33.5) is origin
    # drawn once per change of the card on screen, not per frame
    frame = np.zeros((720, 1280, 3), np.uint8)
    before = renderer.stats.renders
    for i in range(30 * 10):
        renderer.composite(frame, 33.5 + i / 30)
    assert renderer.stats.renders - before == 1  # origin to none at 39.5 s
    assert renderer.stats.cards_dropped == 0


def test_card_queue_is_bounded_and_drops_the_oldest_waiting(fonts: FontResolver) -> None:
    clock = ManualClock()
    style = CaptionStyle(card_queue=2, card_min_s=2.0)
    renderer = CaptionRenderer(640, 360, ["en"], style=style, fonts=fonts, clock=clock)
    cards = [_card(f"Card {i}", duration_s=4.0) for i in range(5)]
    for card in cards:
        renderer.show_card(card)
    assert renderer.stats.cards_dropped == 2  # card 0 on screen, 1-4 wait where 2 may
    shown = [renderer.overlay(t / 10).card for t in range(0, 120)]
    turns = [c for i, c in enumerate(shown) if i == 0 or c is not shown[i - 1]]
    assert turns == [cards[0], cards[3], cards[4], None]
    assert shown.count(cards[0]) == shown.count(cards[3]) == 20  # 2 s each, the next waiting
    assert shown.count(cards[4]) == 41  # the last keeps its full 4 s (ends included)
    # the shortest card is never cut short of its own duration by the minimum
    renderer.clear()
    clock.now_monotonic = 100.0
    brief, after = _card("Brief", duration_s=1.0), _card("After")
    renderer.show_card(brief)
    renderer.show_card(after)
    assert renderer.overlay(100.5).card is brief and renderer.overlay(101.0).card is after


def test_frames_composed_behind_the_clock_find_their_card(fonts: FontResolver) -> None:
    """A fast replay composes frames seconds behind the clock the cards are given on: a frame
    for a moment before a later card was given still shows the card of its own moment."""
    clock = ManualClock(now_monotonic=10.0)
    renderer = CaptionRenderer(1280, 720, ["en"], fonts=fonts, clock=clock)
    first, second = _card("Material"), _card("Colours")
    renderer.show_card(first)
    clock.now_monotonic = 30.0
    renderer.show_card(second)  # the first has long ended by the clock
    assert renderer.overlay(12.0).card is first  # the video thread is at 12 s
    assert renderer.overlay(20.0).card is None
    assert renderer.overlay(31.0).card is second


def test_partial_translation_is_drawn_lighter_and_the_swap_keeps_its_lines(
    fonts: FontResolver,
) -> None:
    """A partial translation is on screen in the partial style; when the commit arrives (first
    its original alone, then its translation) the pt block is never empty and the words the
    partial showed keep their pixels: the caption is not reflowed."""
    clock = ManualClock()
    style = CaptionStyle(max_lines=3)
    renderer = CaptionRenderer(1280, 720, ["en", "pt"], style=style, fonts=fonts, clock=clock)
    en = "He was not an ill disposed young man, unless to be rather cold hearted"
    partial_pt = "Ele não era um jovem mal disposto, a menos que"
    final_pt = "Ele não era um jovem mal disposto, a menos que fosse bastante frio de coração"

    def pt_patch() -> tuple[np.ndarray, int, int]:
        patch = next(
            p for p in renderer.overlay(clock.monotonic()).patches if p.name == "caption:pt"
        )
        return patch.rgba, patch.x, patch.y

    def ink_colours(rgba: np.ndarray) -> set[tuple[int, int, int]]:
        return {tuple(int(v) for v in px) for px in rgba[rgba[:, :, 3] == 255][:, :3]}

    renderer.on_caption(caption(cid=4, committed=False, en=en, pt=partial_pt))
    partial, px, py = pt_patch()
    assert style.partial_text.rgba[:3] in ink_colours(partial)
    assert style.text.rgba[:3] not in ink_colours(partial)

    # The committed original comes first, without its translation: the partial one stays.
    renderer.on_caption(caption(cid=4, committed=True, en=en))
    held, hx, hy = pt_patch()
    assert (hx, hy) == (px, py) and np.array_equal(held, partial)

    renderer.on_caption(caption(cid=4, committed=True, en=en, pt=final_pt))
    final, fx, _fy = pt_patch()
    assert style.text.rgba[:3] in ink_colours(final)
    # The partial's first line, in frame coordinates, is the committed one's first line: same
    # glyph shapes (alpha) at the same place, only the colour changed.
    # Boxes are as wide as the safe area and lines start at its left, so the partial's first
    # line is the start of the committed one's first line, glyph for glyph at the same columns.
    assert fx == px
    line_h = sum(fonts.font("pt", round(720 * style.font_scale)).getmetrics())
    top = round(720 * style.font_scale * style.box_padding) + line_h

    def coverage(rgba: np.ndarray, box: Color) -> np.ndarray:
        """How much ink covers each pixel of the first line, whatever the box's alpha."""
        alpha = rgba[:top, :, 3].astype(np.float32)
        return np.clip((alpha - box.a) / (255 - box.a), 0, 1)

    ink_partial = coverage(partial, style.partial_box)
    ink_final = coverage(final, style.box)
    used = np.flatnonzero((ink_partial > 0.5).any(axis=0))
    assert used.size and final.shape[0] > partial.shape[0]  # the commit added a line
    diff = np.abs(ink_partial[:, : used[-1] + 1] - ink_final[:, : used[-1] + 1])
    assert float(diff.max()) < 0.05


def test_a_revised_caption_keeps_its_old_translation_on_screen_until_the_new_one(
    fonts: FontResolver,
) -> None:
    """Issue 17: a committed caption heard again is redrawn with its new original at once; its
    translation block is not emptied while the new translation is on its way."""
    clock = ManualClock()
    renderer = CaptionRenderer(1280, 720, ["en", "pt"], fonts=fonts, clock=clock)

    def patches() -> dict[str, np.ndarray]:
        return {p.name: p.rgba for p in renderer.overlay(clock.monotonic()).patches}

    renderer.on_caption(caption(cid=7, en="The seller is nut a young man.", pt="O vendedor é noz."))
    before = patches()
    revised = caption(cid=7, en="The seller is not a young man.")
    renderer.on_caption(replace(revised, stages={"revise": 1.0}))
    held = patches()
    assert "caption:pt" in held and not np.array_equal(held["caption:en"], before["caption:en"])
    renderer.on_caption(
        replace(
            caption(cid=7, en="The seller is not a young man.", pt="O vendedor não é um jovem."),
            stages={"revise": 1.0, "translate": 1.1},
        )
    )
    assert not np.array_equal(patches()["caption:pt"], held["caption:pt"])
