"""The status bar: caption latency, real-time factor, dropped frames, device and model names.

Each figure turns amber or red when the pipeline falls behind, by the thresholds below (the
DESIGN latency targets: a median commit latency of 1.5 s, p95 of 3 s on this class of machine).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar

from sola_studio.ui import theme

LATENCY_AMBER_S = 3.0
LATENCY_RED_S = 6.0
RTF_AMBER = 0.8  # recognition uses 80 % of real time: one more load spike and it falls behind
RTF_RED = 1.0


@dataclass(frozen=True)
class PipelineHealth:
    """What the status bar shows; any figure may be unknown (``None``)."""

    latency_s: float | None = None
    rtf: float | None = None
    frames_dropped: int | None = None
    cpu_percent: float | None = None
    device: str = ""
    asr_model: str = ""
    mt_model: str = ""


def level(value: float | None, amber: float, red: float) -> str:
    """``ok``, ``amber`` or ``red`` for a figure where bigger is worse."""
    if value is None or value < amber:
        return "ok"
    return "amber" if value < red else "red"


class StatusPanel:
    """Fills a QStatusBar with the pipeline's health figures."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.latency = self._add(bar)
        self.rtf = self._add(bar)
        self.dropped = self._add(bar)
        self.cpu = self._add(bar)
        self.models = self._add(bar, permanent=True)
        self.levels: dict[str, str] = {}
        self.models.setStyleSheet(f"color: {theme.TEXT_DIM};")
        self.show(PipelineHealth())

    @staticmethod
    def _add(bar: QStatusBar, permanent: bool = False) -> QLabel:
        label = QLabel()
        if permanent:
            bar.addPermanentWidget(label)
        else:
            bar.addWidget(label)
        return label

    def _set(self, key: str, label: QLabel, text: str, lvl: str) -> None:
        if label.text() != text:
            label.setText(text)
        if self.levels.get(key) != lvl:  # a style sheet change re-polishes: only on change
            self.levels[key] = lvl
            label.setStyleSheet(f"color: {theme.level_colour(lvl)};")

    def show(self, health: PipelineHealth) -> None:
        dash = "—"
        translate = QCoreApplication.translate
        lat = health.latency_s
        self._set(
            "latency",
            self.latency,
            translate("StatusPanel", "Caption latency {0}").format(
                dash if lat is None else f"{lat:.1f} s"
            ),
            level(lat, LATENCY_AMBER_S, LATENCY_RED_S),
        )
        self._set(
            "rtf",
            self.rtf,
            translate("StatusPanel", "RTF {0}").format(
                dash if health.rtf is None else f"{health.rtf:.2f}"
            ),
            level(health.rtf, RTF_AMBER, RTF_RED),
        )
        drop = health.frames_dropped
        self._set(
            "dropped",
            self.dropped,
            translate("StatusPanel", "Dropped frames {0}").format(
                dash if drop is None else str(drop)
            ),
            "amber" if drop else "ok",
        )
        cpu = health.cpu_percent
        self._set(
            "cpu",
            self.cpu,
            translate("StatusPanel", "CPU {0}").format(dash if cpu is None else f"{cpu:.0f} %"),
            level(cpu, 85.0, 97.0),
        )
        parts = (health.device.upper(), health.asr_model, health.mt_model)
        names = " · ".join(n for n in parts if n)
        if self.models.text() != names:
            self.models.setText(names)
