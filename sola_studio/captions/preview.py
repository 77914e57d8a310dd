"""A still of what the show will burn in: the seller's picture in the show's shape, with a sample
caption in each caption language and a sample card, drawn by the show's own
:class:`~sola_studio.captions.render.CaptionRenderer` in the seller's style. For Settings' live
style preview (``ui/widgets/style_preview.py``) and the screenshots in ``docs/img/``, so "size
96 covers the product" is seen before going live.

The picture is one frame: the seller's still image or video file (its first second), else the
sample video's (a camera is never opened here, nor a test picture started). Pure apart from
reading that frame and the sample sentences (``assets/caption_preview.yaml``); no Qt.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import cv2
import numpy as np
import yaml

from sola_studio import paths
from sola_studio.captions.fonts import FontResolver
from sola_studio.captions.render import CaptionRenderer, CaptionStyle, InfoCard
from sola_studio.captions.speccards import LABELS
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Caption
from sola_studio.sources.video import IMAGE_SUFFIXES, Fit, TestPatternSource, fit_frame

log = logging.getLogger(__name__)

SAMPLE_CAPTIONS = paths.ASSETS / "caption_preview.yaml"
SAMPLE_VIDEO = paths.ASSETS / "sample" / "seller_video.mp4"
SAMPLE_PRICE = "R$ 59,90"  # the card's fact: the same in every language
_SAMPLE_AT_S = 4.0  # the sample video's frame: the tee held up straight


@functools.lru_cache(maxsize=1)
def sample_captions() -> Mapping[str, str]:
    """language -> the sample sentence in it (``assets/caption_preview.yaml``)."""
    data = yaml.safe_load(SAMPLE_CAPTIONS.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


@functools.lru_cache(maxsize=1)
def _fonts() -> FontResolver:
    return FontResolver()


def _video_frame(path: Path, at_s: float) -> np.ndarray | None:
    cap = cv2.VideoCapture(str(path))
    try:
        if not cap.isOpened():
            return None
        cap.set(cv2.CAP_PROP_POS_MSEC, at_s * 1000)
        ok, image = cap.read()
        if not ok:  # shorter than at_s: its first frame
            cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, image = cap.read()
        return image if ok else None
    finally:
        cap.release()


@functools.lru_cache(maxsize=8)
def _picture(picture: str) -> np.ndarray | None:
    path = Path(picture)
    if picture in ("", "camera", "none", "pattern") or not path.is_file():
        return None
    if path.suffix.lower() in IMAGE_SUFFIXES:
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        return image if image is not None else None
    return _video_frame(path, 1.0)


@functools.lru_cache(maxsize=1)
def _sample_frame() -> np.ndarray:
    image = _video_frame(SAMPLE_VIDEO, _SAMPLE_AT_S)
    if image is None:  # an install without the sample media: a test picture
        log.warning("sample video %s unreadable; the preview shows a test picture", SAMPLE_VIDEO)
        return TestPatternSource(1280, 720).frame_at(0.0)
    return image


def background(picture: str, width: int, height: int) -> np.ndarray:
    """The frame behind the preview's captions, ``width`` x ``height``: the seller's still image
    (whole) or video file (its middle, as the show crops it), else the sample video's frame
    (``picture`` is :attr:`sola_studio.config.Settings.picture`)."""
    own = _picture(picture.strip())
    if own is not None and Path(picture.strip()).suffix.lower() in IMAGE_SUFFIXES:
        return fit_frame(own, width, height, Fit.CONTAIN).copy()
    return fit_frame(own if own is not None else _sample_frame(), width, height).copy()


def preview_frame(
    width: int,
    height: int,
    style: CaptionStyle,
    languages: Sequence[str],
    picture: np.ndarray,
    *,
    card: bool = True,
    partial: bool = False,
) -> np.ndarray:
    """``picture`` (BGR, ``width`` x ``height``; not modified) with the sample caption in
    ``languages`` (the first is the spoken one, the others its translations) and, with
    ``card``, a price card, as the show would draw them in ``style``. ``partial``: the caption
    as it looks while it is still changing."""
    texts = sample_captions()
    shown = [lang for lang in dict.fromkeys(languages) if lang in texts] or ["en"]
    renderer = CaptionRenderer(
        width, height, shown, style=style, fonts=_fonts(), clock=ManualClock()
    )
    source = shown[0]
    renderer.on_caption(
        Caption(
            id=1,
            language=source,
            text=texts[source],
            start=0.0,
            end=1.0,
            committed=not partial,
            t_capture=0.0,
            t_emit=0.0,
            translations={lang: texts[lang] for lang in shown[1:]},
        )
    )
    if card:
        body = {lang: f"{LABELS['price'].get(lang, 'Price')}: {SAMPLE_PRICE}" for lang in shown}
        renderer.show_card(InfoCard("", body))
    frame = picture.copy()
    renderer.composite(frame, 0.0)
    renderer.close()
    return frame


def shade_platform_ui(frame: np.ndarray, style: CaptionStyle) -> np.ndarray:
    """``frame`` with what the platform's own UI covers in portrait (TikTok LIVE's top bar,
    right rail and bottom quarter) darkened, so the seller sees what viewers will not (in
    place; landscape frames are left as they are)."""
    h, w = frame.shape[:2]
    if h <= w:
        return frame
    m = style.portrait_margins
    covered = np.zeros((h, w), bool)
    covered[: round(h * m.top)] = True
    covered[h - round(h * m.bottom) :] = True
    covered[:, w - round(w * m.right) :] = True
    frame[covered] = (frame[covered] * 0.35).astype(np.uint8)
    return frame
