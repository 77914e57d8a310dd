"""The outgoing picture, exactly as the virtual camera sends it.

The video path keeps the latest composited frame in a preview slot; this widget reads it on a
timer (it never waits for a frame) and paints it scaled to fit, letterboxed. Copying the frame into
a QImage is the only per-frame work in the GUI thread (measured: ~1 ms for 1280x720 RGB here).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from sola_studio.ui import theme

# Returns the latest frame: an array, or an object with ``.image`` (BGR, the video path's
# OutputFrame/VideoFrame) and ``.index``; ``None`` before the first frame.
FrameReader = Callable[[], Any]


def to_qimage(frame: np.ndarray, bgr: bool = False) -> QImage:
    """A QImage that owns a copy of an HxWx3 (RGB or BGR) or HxWx4 (RGBA) uint8 frame."""
    frame = np.ascontiguousarray(frame)
    h, w = frame.shape[:2]
    if frame.ndim == 3 and frame.shape[2] == 4:
        fmt = QImage.Format.Format_RGBA8888
    else:
        fmt = QImage.Format.Format_BGR888 if bgr else QImage.Format.Format_RGB888
    return QImage(frame.data, w, h, frame.strides[0], fmt).copy()


class PreviewView(QWidget):
    """Paints the latest frame from ``reader`` at up to ``fps`` frames per second."""

    def __init__(self, parent: QWidget | None = None, fps: int = 30) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._reader: FrameReader | None = None
        self._bgr = True
        self._image: QImage | None = None
        self._last_key: object = None
        self.frames_shown = 0
        self._message = self.tr("Not live — the picture viewers will see appears here.")
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, 1000 // fps))
        self._timer.timeout.connect(self._poll)

    def set_reader(self, reader: FrameReader | None, bgr: bool = True) -> None:
        """Read frames from ``reader`` (``None`` stops and clears the picture)."""
        self._reader = reader
        self._bgr = bgr
        if reader is None:
            self._timer.stop()
            self._image = None
            self._last_key = None
            self.update()
        else:
            self._timer.start()

    def set_message(self, message: str) -> None:
        self._message = message
        self.update()

    def set_frame(self, frame: Any) -> None:
        """Show ``frame``: an array (RGB unless the reader said BGR) or an object with ``.image``
        (the video path's frames, always BGR)."""
        image = getattr(frame, "image", None)
        if image is not None:
            self._image = to_qimage(image, bgr=True)
        else:
            self._image = to_qimage(frame, self._bgr)
        self.frames_shown += 1
        self.update()

    def image(self) -> QImage | None:
        return self._image

    def _poll(self) -> None:
        if self._reader is None:
            return
        frame = self._reader()
        if frame is None:
            return
        key = getattr(frame, "index", None)
        key = id(frame) if key is None else key
        if key == self._last_key:
            return
        self._last_key = key
        self.set_frame(frame)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#0c0d10"))
        if self._image is None:
            painter.setPen(QColor(theme.TEXT_DIM))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._message)
            return
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._image)
