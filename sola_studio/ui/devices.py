"""Live device checks for the setup and settings: a microphone level and a camera picture.

Each probe runs the core's own source on a worker thread and hands the GUI thread only small
results through a queued signal: a level in [0, 1], or the newest frame. The audio callback and
camera reader stay in the core; the probe computes one RMS figure per chunk and nothing else.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal

from sola_studio.core.channels import END

log = logging.getLogger(__name__)


def list_microphones() -> list[tuple[str, str]]:
    """``(value, label)`` for every input device; empty when PortAudio finds none."""
    try:
        import sounddevice as sd

        devices = list(sd.query_devices())
    except Exception as exc:
        log.warning("cannot list audio devices: %s", exc)
        return []
    return [
        (str(i), f"{i}: {d['name']}") for i, d in enumerate(devices) if d["max_input_channels"] > 0
    ]


def level_of(samples: np.ndarray) -> float:
    """A meter level in [0, 1] from float samples: dBFS mapped from -60..0."""
    if samples.size == 0:
        return 0.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    if rms <= 1e-6:
        return 0.0
    db = 20.0 * np.log10(rms)
    return float(min(1.0, max(0.0, (db + 60.0) / 60.0)))


class SourceProbe(QObject):
    """Reads a core source (``start``/``read``/``stop``) on a thread; emits what it reads.

    ``convert`` turns each item into what the GUI needs (a level, a frame) on the worker thread.
    """

    value = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        make_source: Callable[[], Any],
        convert: Callable[[Any], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._make = make_source
        self._convert = convert
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._queued = Qt.ConnectionType.QueuedConnection

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="device-probe", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None

    def _run(self) -> None:
        source = None
        try:
            source = self._make()
            source.start()
            while not self._stop.is_set():
                item = source.read(timeout=0.2)
                if item is END:
                    break
                if item is not None:
                    self.value.emit(self._convert(item))
        except Exception as exc:
            log.warning("device probe failed: %s", exc)
            self.failed.emit(exc)
        finally:
            if source is not None:
                try:
                    source.stop()
                except Exception:
                    log.exception("stopping the probed source failed")


def microphone_probe(device: str, parent: QObject | None = None) -> SourceProbe:
    from sola_studio.sources.audio import MicrophoneSource

    return SourceProbe(
        lambda: MicrophoneSource(device or None),
        lambda chunk: level_of(chunk.samples),
        parent,
    )
