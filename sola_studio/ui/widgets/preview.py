"""The outgoing picture, exactly as the virtual camera sends it.

The video path keeps the latest composited frame in a preview slot; a feeder thread reads it at
the preview's frame rate, scales it to the widget and makes the QImage; the GUI thread only blits
it, letterboxed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
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


class FrameFeeder(QObject):
    """Turns the latest frames into display-sized QImages on its own thread.

    Scaling 1280x720 to the widget's size and converting it cost 5-40 ms per frame in the GUI
    thread on a busy 2-core machine (measured by ``bench ui``: the worst stalls were all
    ``paintEvent``); here it is one ``cv2.resize`` (which releases the GIL) and a QImage made
    off the GUI thread, so painting is a plain blit. Only the newest frame is ever delivered.
    """

    ready = Signal(QImage)

    def __init__(self, reader: FrameReader, fps: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._period = 1.0 / max(1, fps)
        self._size = (0, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="preview-feed", daemon=True)
        self.frames = 0

    def set_size(self, width: int, height: int) -> None:
        self._size = (width, height)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1.0)

    def _run(self) -> None:
        last: object = None
        while not self._stop.wait(self._period):
            frame = self._reader()
            if frame is None:
                continue
            key = getattr(frame, "index", None)
            key = id(frame) if key is None else key
            if key == last:
                continue
            last = key
            image = getattr(frame, "image", None)
            bgr = image is not None
            array: np.ndarray = image if image is not None else frame
            image_q = to_qimage(fit(array, *self._size), bgr=bgr)
            # The backing store is 32-bit: converting here makes the GUI thread's paint a copy.
            image_q = image_q.convertToFormat(QImage.Format.Format_RGB32)
            if self._stop.is_set():
                return
            try:
                self.ready.emit(image_q)
            except RuntimeError:  # the window went away between the check and the emit
                return
            self.frames += 1


def fit(frame: np.ndarray, width: int, height: int) -> np.ndarray:
    """``frame`` scaled to fit ``width``x``height`` keeping its aspect (never enlarged)."""
    h, w = frame.shape[:2]
    if width <= 0 or height <= 0:
        return frame
    scale = min(width / w, height / h, 1.0)
    if scale >= 0.999:
        return frame
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return cv2.resize(frame, size, interpolation=cv2.INTER_AREA)


class PreviewView(QWidget):
    """Paints the latest frame from ``reader`` at up to ``fps`` frames per second."""

    def __init__(self, parent: QWidget | None = None, fps: int = 30) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._fps = fps
        self._feeder: FrameFeeder | None = None
        self._image: QImage | None = None
        self.frames_shown = 0
        self._message = self.tr("Not live — the picture viewers will see appears here.")

    def set_reader(self, reader: FrameReader | None) -> None:
        """Show frames from ``reader`` (``None`` stops and clears the picture)."""
        if self._feeder is not None:
            # No Qt parent and no deleteLater: the thread holds the last reference until it
            # ends, so its QObject cannot be deleted under it.
            self._feeder.ready.disconnect(self._show_image)
            self._feeder.stop()
            self._feeder = None
        if reader is None:
            self._image = None
            self.update()
            return
        self._feeder = FrameFeeder(reader, self._fps)
        self._feeder.set_size(self.width(), self.height())
        self._feeder.ready.connect(self._show_image, Qt.ConnectionType.QueuedConnection)
        self._feeder.start()

    def set_message(self, message: str) -> None:
        self._message = message
        self.update()

    def set_frame(self, frame: Any, bgr: bool = True) -> None:
        """Show one frame now: an array (BGR unless told) or an object with ``.image`` (BGR)."""
        image = getattr(frame, "image", None)
        array = image if image is not None else frame
        self._show_image(to_qimage(fit(array, self.width(), self.height()), bgr=bgr))

    def _show_image(self, image: QImage) -> None:
        self._image = image
        self.frames_shown += 1
        self.update()

    def image(self) -> QImage | None:
        return self._image

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self._feeder is not None:
            self._feeder.set_size(self.width(), self.height())
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
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
        # Nearly always 1:1 (the feeder sized it); a resize in between scales this one frame.
        painter.drawImage(target, self._image)
