"""The teleprompter: the current segment's points (ticked by themselves as the captions say
them), what comes next, the time left in the segment's box, and a key to move on.

It shows :class:`~sola_studio.plan.tracker.TeleprompterState` snapshots: ``state`` is read on
every plan event routed to :meth:`refresh` and once a second for the countdown; the key (Page
Down, or the button) calls ``command(PlanAction.NEXT)``, which the window hands to the show
(a :class:`~sola_studio.plan.events.PlanCommand` on the bus). It never matches captions itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sola_studio.plan.events import PlanAction
from sola_studio.plan.tracker import TeleprompterState

TICK = "✔"
OPEN = "○"
NEXT_KEY = QKeySequence.StandardKey.MoveToNextPage  # Page Down


def clock_text(seconds: float) -> str:
    """``m:ss`` of a countdown: a second still begun counts (39.6 s left shows 0:40)."""
    sign = "-" if seconds < 0 else ""
    s = math.ceil(seconds) if seconds >= 0 else int(-seconds)
    return f"{sign}{s // 60}:{s % 60:02d}"


class Teleprompter(QWidget):
    """The seller's script while live. Without a plan it says how to give one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: Callable[[], TeleprompterState | None] | None = None
        self._command: Callable[[PlanAction], object] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel(self.tr("No show plan"))
        self.title.setObjectName("teleprompterTitle")
        self.time_left = QLabel("")
        self.time_left.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.title, 1)
        head.addWidget(self.time_left)
        layout.addLayout(head)
        self.points = QListWidget()
        self.points.setWordWrap(True)
        self.points.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.points, 1)
        foot = QHBoxLayout()
        self.next_label = QLabel("")
        self.next_button = QPushButton(self.tr("Next segment ▸"))
        self.next_button.setToolTip(self.tr("Move on to the next segment (Page Down)"))
        self.next_button.clicked.connect(self.next_segment)
        self.next_button.setEnabled(False)
        foot.addWidget(self.next_label, 1)
        foot.addWidget(self.next_button)
        layout.addLayout(foot)
        self.shortcut = QShortcut(QKeySequence(NEXT_KEY), self)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self.next_segment)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)

    def attach(
        self,
        state: Callable[[], TeleprompterState | None] | None,
        command: Callable[[PlanAction], object] | None,
    ) -> None:
        """Follow a show's plan (None: the show has none, or it stopped)."""
        self._state, self._command = state, command
        self.next_button.setEnabled(state is not None)
        if state is None:
            self._timer.stop()
        else:
            self._timer.start()
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # the window-wide shortcut takes the key first; this serves a panel shown on its own
        if event.matches(NEXT_KEY):
            self.next_segment()
            return
        super().keyPressEvent(event)

    def next_segment(self) -> None:
        if self._command is not None:
            self._command(PlanAction.NEXT)

    def refresh(self, _event: object = None) -> None:
        state = self._state() if self._state is not None else None
        if state is None:
            self.title.setText(self.tr("No show plan (Settings › Plan, or run --plan FILE)"))
            self.points.clear()
            self.time_left.setText("")
            self.next_label.setText("")
            return
        self.show_state(state)

    def show_state(self, state: TeleprompterState) -> None:
        segment = state.segment
        if segment is None:
            self.title.setText(self.tr("Plan finished") if state.ended else self.tr("Not live"))
            self.time_left.setText("")
        else:
            self.title.setText(segment.title)
            left = state.time_left_s or 0.0
            self.time_left.setText(self.tr("{0} left").format(clock_text(left)))
            self.time_left.setProperty("over", left < 0)
        self._show_points(state)
        nxt = state.next_segment
        self.next_label.setText(self.tr("Next: {0}").format(nxt.title) if nxt else "")

    def _show_points(self, state: TeleprompterState) -> None:
        if self.points.count() != len(state.points):
            self.points.clear()
            for _ in state.points:
                self.points.addItem(QListWidgetItem())
        for i, point in enumerate(state.points):
            item = self.points.item(i)
            item.setText(f"{TICK if point.said else OPEN}  {point.say}")
            item.setData(Qt.ItemDataRole.UserRole, point.line_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, point.said)
            font = item.font()
            font.setStrikeOut(point.said)
            item.setFont(font)

    def ticked(self) -> list[str]:
        """The line ids shown as said (tests, accessibility)."""
        return [
            self.points.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.points.count())
            if self.points.item(i).data(Qt.ItemDataRole.UserRole + 1)
        ]
