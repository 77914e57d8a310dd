"""The picture's shape and a live preview of the caption style (Settings › Captions, the setup).

:class:`OutputShapeCombo` chooses :attr:`sola_studio.config.Settings.output_size` (landscape, or
portrait for TikTok LIVE). :class:`StylePreview` shows the seller's picture (or the sample frame)
in that shape with sample captions in the chosen languages, size, position and layout, drawn by
the show's own renderer (:mod:`sola_studio.captions.preview`), and redraws as the seller
changes them; in portrait what TikTok's own buttons and comments cover is darkened. It shows and
forwards only: the drawing is the core's, on a worker thread (a preview with three scripts took
80-120 ms on a busy 2-core machine, too long for the GUI thread at every click of a spin box).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from sola_studio.captions import preview
from sola_studio.config import CaptionLook
from sola_studio.live.options import OUTPUT_SIZES, is_portrait
from sola_studio.live.video import renderer_style
from sola_studio.ui.widgets.preview import to_qimage

log = logging.getLogger(__name__)

_Choices = tuple[CaptionLook, tuple[str, ...], tuple[int, int], str]

# The preview's long side in pixels; the short side follows the shape. Everything the renderer
# draws is a share of the frame's short side, so a small frame shows the show's proportions.
PREVIEW_LONG_SIDE = 480


class OutputShapeCombo(QComboBox):
    """Landscape 1280x720 / 1920x1080 or portrait 720x1280 / 1080x1920 (TikTok LIVE)."""

    def __init__(self, size: tuple[int, int] = (1280, 720), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for w, h in OUTPUT_SIZES:
            if is_portrait((w, h)):
                text = self.tr("Portrait {0}×{1} (TikTok LIVE, phones)").format(w, h)
            else:
                text = self.tr("Landscape {0}×{1}").format(w, h)
            self.addItem(text, f"{w}x{h}")  # text: Qt turns a tuple into a list
        self.set_output_size(size)

    def output_size(self) -> tuple[int, int]:
        w, _, h = str(self.currentData()).partition("x")
        return int(w), int(h)

    def set_output_size(self, size: tuple[int, int]) -> None:
        key = f"{int(size[0])}x{int(size[1])}"
        index = self.findData(key)
        if index < 0:  # a size set by hand in the settings file: kept, and shown as it is
            self.addItem(self.tr("Other {0}×{1}").format(*size), key)
            index = self.count() - 1
        self.setCurrentIndex(index)


def preview_size(
    output_size: tuple[int, int], long_side: int = PREVIEW_LONG_SIDE
) -> tuple[int, int]:
    """The preview's (width, height): ``output_size``'s shape with its long side ``long_side``
    (even numbers)."""
    w, h = output_size
    scale = long_side / max(w, h)
    return max(2, round(w * scale / 2) * 2), max(2, round(h * scale / 2) * 2)


class StylePreview(QWidget):
    """The sample captions over the picture, as the show will draw them."""

    redrawn = Signal()
    _drawn = Signal(int, object, float)  # generation, the frame (BGR), ms (from the worker)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(PREVIEW_LONG_SIDE, PREVIEW_LONG_SIDE)
        layout.addWidget(self.picture)
        self.note = QLabel()
        self.note.setObjectName("dim")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.frame: np.ndarray | None = None  # the last preview drawn (BGR), for tests
        self.draw_ms = 0.0
        self.output_size = (1280, 720)
        self._wanted: _Choices | None = None
        self._generation = 0
        # one worker, latest wins: a job whose choices were changed since is skipped
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="style-preview")
        self._drawn.connect(self._show)
        self.destroyed.connect(lambda *_a, pool=self._pool: pool.shutdown(wait=False))
        # one redraw for a burst of changes (a spin box held down)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self._redraw)

    def show_style(
        self,
        look: CaptionLook,
        languages: Sequence[str],
        output_size: tuple[int, int],
        picture: str,
    ) -> None:
        """Draw the preview for these choices (soon: changes in quick succession draw once).
        ``languages``: the spoken language first, then the caption languages."""
        self._wanted = (look, tuple(dict.fromkeys(languages)), output_size, picture)
        self._timer.start()

    def _redraw(self) -> None:
        if self._wanted is None:
            return
        self._generation += 1
        self._pool.submit(self._draw, self._generation, self._wanted)

    def _draw(self, generation: int, choices: _Choices) -> None:
        """On the worker thread: the preview for ``choices``, unless newer ones are waiting."""
        if generation != self._generation:
            return
        look, languages, output_size, picture = choices
        started = time.perf_counter()
        w, h = preview_size(output_size)
        style = renderer_style(look)
        try:
            frame = preview.preview_frame(w, h, style, languages, preview.background(picture, w, h))
            preview.shade_platform_ui(frame, style)
        except Exception:
            log.exception("the caption preview could not be drawn")
            return
        try:
            self._drawn.emit(generation, frame, (time.perf_counter() - started) * 1000)
        except RuntimeError:  # the dialog closed meanwhile
            return

    def _show(self, generation: int, frame: np.ndarray, ms: float) -> None:
        if generation != self._generation or self._wanted is None:
            return
        output_size = self._wanted[2]
        self.frame = frame
        self.output_size = output_size
        self.draw_ms = ms
        self.picture.setPixmap(QPixmap.fromImage(to_qimage(frame, bgr=True)))
        if is_portrait(output_size):
            self.note.setText(
                self.tr(
                    "Darkened: what TikTok's buttons and comments cover on a phone. Captions and "
                    "cards stay out of it and below the face."
                )
            )
        else:
            self.note.setText(self.tr("Sample captions in your languages, as the show draws them."))
        self.redrawn.emit()
