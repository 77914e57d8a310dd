"""Sessions and reports: every show of this profile, and a report export for any of them.

The list and the export come from the core (``sola_studio.report``) and run on a worker thread;
the dialog shows the rows and where the files went. It never queries or writes data itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sola_studio.ui import theme
from sola_studio.ui.controller import describe

log = logging.getLogger(__name__)

ListSessions = Callable[[], Sequence[dict[str, Any]]]
ExportReport = Callable[[int, str], Path]  # (session id, format) -> the file written

FORMATS = ("html", "csv", "json", "srt")


class _Job(QObject):
    done = Signal(str, object, object)  # what, result, error

    def run(self, what: str, fn: Callable[[], Any]) -> None:
        def work() -> None:
            try:
                self.done.emit(what, fn(), None)
            except Exception as exc:
                log.exception("%s failed", what)
                self.done.emit(what, None, exc)

        threading.Thread(target=work, name=f"sessions-{what}", daemon=True).start()


def _when(wall: float | None) -> str:
    if not wall:
        return "—"
    return dt.datetime.fromtimestamp(wall).strftime("%Y-%m-%d %H:%M")


class SessionsDialog(QDialog):
    exported = Signal(object)  # Path

    def __init__(
        self, list_sessions: ListSessions, export: ExportReport, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sessions and reports"))
        self.resize(720, 440)
        self._list = list_sessions
        self._export = export
        self._job = _Job(self)
        self._job.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        layout = QVBoxLayout(self)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [self.tr("#"), self.tr("Show"), self.tr("Started"), self.tr("Ended"), self.tr("State")]
        )
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.format = QComboBox()
        for f in FORMATS:
            self.format.addItem(f.upper(), f)
        row.addWidget(QLabel(self.tr("Format")))
        row.addWidget(self.format)
        self.export_button = QPushButton(self.tr("Export report"))
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.export_selected)
        row.addWidget(self.export_button)
        row.addStretch(1)
        self.note = QLabel()
        self.note.setOpenExternalLinks(False)
        self.note.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        row.addWidget(self.note)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self._job.run("list", self._list)

    def selected_id(self) -> int | None:
        item = self.table.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def export_selected(self) -> None:
        sid = self.selected_id()
        if sid is None:
            return
        fmt = str(self.format.currentData())
        self.export_button.setEnabled(False)
        self.note.setText(self.tr("Exporting…"))
        self._job.run("export", lambda: self._export(sid, fmt))

    def _on_done(self, what: str, result: Any, error: object) -> None:
        if what == "list":
            self.table.clear()
            if error is not None:
                self.note.setText(describe(error))
                return
            for r in result:
                item = QTreeWidgetItem(
                    [
                        str(r["id"]),
                        r.get("title") or "",
                        _when(r.get("started_wall")),
                        _when(r.get("ended_wall") or r.get("last_event_wall")),
                        r.get("status") or "",
                    ]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, int(r["id"]))
                self.table.addTopLevelItem(item)
            first = self.table.topLevelItem(0)
            if first is not None:
                self.table.setCurrentItem(first)
            for col in range(5):
                self.table.resizeColumnToContents(col)
            return
        self.export_button.setEnabled(True)
        if error is not None:
            self.note.setText(describe(error))
            self.note.setStyleSheet(f"color: {theme.RED};")
            return
        path = Path(result)
        url = QUrl.fromLocalFile(str(path)).toString()
        self.note.setText(f"<a href='{url}' style='color:{theme.ACCENT}'>{path.name}</a>")
        self.note.setStyleSheet("")
        self.exported.emit(path)
