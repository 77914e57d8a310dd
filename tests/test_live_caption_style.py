"""The seller's caption style (Settings › Captions) reaches the picture.

Before, ``CaptionRenderer`` was built with its own default style whatever the seller chose:
a bigger text size or no box behind the text changed nothing on air. Here the window's own
path builds the show (``Settings`` -> ``ui.session.live_options`` ->
``live.session.LiveSession`` with the preview slot), a caption is published on the bus, and
the composed frame is compared with the picture underneath it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from sola_studio.config import CaptionLayout, CaptionLook, Settings
from sola_studio.core.events import Caption
from sola_studio.live.options import DEMO_AUDIO
from sola_studio.live.video import renderer_style
from sola_studio.ui.session import StudioInputs, StudioSession

W, H = 640, 360
TEXT = "Organic cotton, made in Brazil"
INPUTS = StudioInputs(audio=str(DEMO_AUDIO), video="pattern", realtime=False, width=W, height=H)


def _frame(style: CaptionLook, tmp_path: Path, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(composed frame, the picture under it) one second after a committed caption."""
    settings = Settings(caption_languages=(), overlay=False, caption_style=style)
    show = StudioSession(settings, INPUTS, out=tmp_path / name)
    live = show.live
    assert live.pipeline is not None and live.clock is not None
    # Not started: the caption comes from this test; only the picture's source runs.
    live.pipeline.source.start()
    try:
        live.bus.publish(Caption(0, "en", TEXT, 0.0, 2.0, True, 2.0, 2.0))
        live.clock.reach(3.0)
        frame = live.pipeline.compose(live.clock.monotonic(), 1).image
        under = live.pipeline.source.frame_at(live.clock.monotonic())
        return frame.copy(), np.asarray(under).copy()
    finally:
        live.pipeline.source.stop()
        show.stop()


def _drawn(frame: np.ndarray, under: np.ndarray) -> tuple[int, int]:
    """(pixels changed by the caption, height in rows of the changed region), in the lower
    half where captions are (the test pattern's clock in the top corner moves)."""
    changed = np.any(frame[H // 2 :] != under[H // 2 :], axis=2)
    rows = np.flatnonzero(changed.any(axis=1))
    return int(changed.sum()), int(rows[-1] - rows[0] + 1) if rows.size else 0


@pytest.fixture(scope="module")
def frames(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[int, int]]]:
    tmp = tmp_path_factory.mktemp("style")
    styles = {
        "default": CaptionLook(),
        "large": CaptionLook(font_size=80),
        "no box": CaptionLook(box=False, outline=False),
    }
    yield {name: _drawn(*_frame(style, tmp, name)) for name, style in styles.items()}


@pytest.mark.slow
def test_a_larger_text_size_draws_taller_captions(frames: dict[str, tuple[int, int]]) -> None:
    _, default_h = frames["default"]
    _, large_h = frames["large"]
    assert default_h > 0
    assert large_h > 1.5 * default_h


@pytest.mark.slow
def test_without_box_and_outline_only_the_letters_are_drawn(
    frames: dict[str, tuple[int, int]],
) -> None:
    default_px, _ = frames["default"]
    bare_px, _ = frames["no box"]
    assert 0 < bare_px < 0.5 * default_px


def test_the_seller_style_in_renderer_terms() -> None:
    seller = CaptionLook(
        font_size=54, box=False, outline=False, layout=CaptionLayout.ROTATING, expire_s=9
    )
    style = renderer_style(seller)
    assert style.font_scale == pytest.approx(0.05)
    assert style.box.a == 0 and style.partial_box.a == 0 and style.outline_scale == 0
    assert style.max_languages == 2 and style.expire_s == 9
    stacked = renderer_style(CaptionLook(box_opacity=0.5))
    assert stacked.max_languages == 3 and stacked.box.a == 128
    assert 0 < stacked.partial_box.a < stacked.box.a
