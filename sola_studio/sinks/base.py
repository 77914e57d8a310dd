"""The one contract every frame sink follows (virtual camera, recording, preview).

A sink is opened with the output format, receives :class:`OutputFrame` s in order on one thread
(the pipeline gives each sink its own worker thread and a bounded DROP_OLDEST queue, so a slow
sink loses its oldest frames, counted, and never slows the others), and is closed once.
Sinks never draw captions and never import Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class OutputFormat:
    width: int
    height: int
    fps: float


@dataclass(frozen=True)
class OutputFrame:
    """One output frame: BGR ``uint8`` (height, width, 3), captions already burned in.

    ``index`` counts output ticks from the pipeline's start (``index / fps`` is the frame's
    presentation time; a missed tick leaves a gap in ``index``); ``t`` is the tick's monotonic
    time; ``t_source`` when the picture was captured; ``camera_lost`` marks the notice frames
    shown while the source is away; ``caption_id`` is the caption burned in, if any.
    """

    image: np.ndarray
    index: int
    t: float
    t_source: float | None
    camera_lost: bool = False
    caption_id: int | None = None


class FrameSink(Protocol):
    name: str

    def open(self, fmt: OutputFormat) -> None: ...
    def send(self, frame: OutputFrame) -> None: ...
    def close(self) -> None: ...
