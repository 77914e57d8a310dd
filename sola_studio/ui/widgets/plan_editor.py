"""The plan editor: the show plan's segments and points, with every caption language's version
side by side, for the seller to approve or correct; it opens and saves the plan file.

Above the table, the segments in order: the selected one's title, kind, product and time box are
edited in place; segments move up and down, are added and removed; points are added to the
selected segment and removed from the table's selection.

One row per point: the segment, the line in the seller's language, then one column per caption
language, each cell marked by its state (✔ approved, ✎ machine: to review, ⚠ missing: no engine
reaches the language, "for you to write"; a line not translated yet shows "…"). Typing in a
language cell is a correction: the version becomes approved. Editing the seller's line sends its
versions back to review. "Approve" approves the selected rows' machine versions.

"Translate what is not approved" runs the window's ``fill`` on a worker thread, one segment at a
time (progress, Cancel); the editor is read-only meanwhile and the result lands through a
signal. The core does the work (:mod:`sola_studio.plan.io`, ``generate``, ``translate``);
``fill`` and ``generate`` are the window's callables (they need the engines and the sheet).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sola_studio.catalog.loader import load_sheet
from sola_studio.core.errors import SolaError
from sola_studio.plan.generate import generate_plan
from sola_studio.plan.io import load_plan, plan_beside, plan_from_raw, plan_to_raw, save_plan
from sola_studio.plan.model import LineState, PlanLine, Segment, SegmentKind, ShowPlan, Version
from sola_studio.plan.translate import fill_versions

MARK = {LineState.APPROVED: "✔", LineState.MACHINE: "✎", LineState.MISSING: "⚠"}
NOT_YET = "…"  # a line with no version in a language yet: "Translate" fills it
_LINE = Qt.ItemDataRole.UserRole
_STATE = Qt.ItemDataRole.UserRole + 1
StandardButton = QMessageBox.StandardButton


class FillWorker(QObject):
    """Runs ``fill`` on a plain thread, one segment at a time: ``progress(done, total)`` after
    each, then ``done(plan)`` (``None`` when cancelled) or ``failed(message)``. The signals are
    queued to the GUI thread (the worker object lives there)."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, plan: ShowPlan, fill: Callable[[ShowPlan], ShowPlan]) -> None:
        super().__init__()
        self._plan, self._fill = plan, fill
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="plan-fill", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the segment being translated (an engine call is not interrupted)."""
        self._cancel.set()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def _run(self) -> None:
        plan, segments = self._plan, []
        try:
            for i, segment in enumerate(plan.segments):
                if self._cancel.is_set():
                    self.done.emit(None)
                    return
                part = self._fill(replace(plan, segments=(segment,)))
                segments.append(part.segments[0])
                self.progress.emit(i + 1, len(plan.segments))
        except SolaError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # an engine's own error must reach the seller, not the log only
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done.emit(None if self._cancel.is_set() else replace(plan, segments=tuple(segments)))


class PlanEditor(QWidget):
    """Edits one :class:`ShowPlan`; ``changed`` is emitted with the new plan after each edit,
    ``filled`` with the plan after a translation lands (``None``: cancelled or failed)."""

    changed = Signal(object)
    filled = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        fill: Callable[[ShowPlan], ShowPlan] | None = None,
        generate: Callable[[], ShowPlan] | None = None,
    ) -> None:
        super().__init__(parent)
        self._fill = fill
        self._generate = generate
        self.plan: ShowPlan | None = None
        self.path: Path | None = None
        self.dirty = False  # edits not saved to ``path``
        self.worker: FillWorker | None = None
        self._filling = False
        self.to_write = self.tr("⚠ for you to write")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open…"))
        self.new_button = QPushButton(self.tr("Generate from sheet"))
        self.new_button.setToolTip(self.tr("A starting plan from the product sheet"))
        self.fill_button = QPushButton(self.tr("Translate what is not approved"))
        self.approve_button = QPushButton(self.tr("Approve selected"))
        self.save_button = QPushButton(self.tr("Save"))
        for b in (self.open_button, self.new_button, self.fill_button, self.approve_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        layout.addLayout(progress_row)
        layout.addLayout(self._segment_panel())
        self.summary = QLabel("")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 0)
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._edited)
        layout.addWidget(self.table, 1)
        self.open_button.clicked.connect(self._open_dialog)
        self.save_button.clicked.connect(self._save_clicked)
        self.approve_button.clicked.connect(self.approve_selected)
        self.fill_button.clicked.connect(self.start_fill)
        self.cancel_button.clicked.connect(self.cancel_fill)
        self.new_button.clicked.connect(self.generate_from_sheet)
        self._enable()

    def _segment_panel(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.segments = QListWidget()
        self.segments.setMaximumHeight(120)
        self.segments.currentRowChanged.connect(self._segment_selected)
        row.addWidget(self.segments, 1)
        form = QVBoxLayout()
        fields = QHBoxLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Title"))
        self.kind_combo = QComboBox()
        for kind in SegmentKind:
            self.kind_combo.addItem(kind.value, kind.value)
        self.product_edit = QLineEdit()
        self.product_edit.setPlaceholderText(self.tr("Product id (the sheet's)"))
        self.box_spin = QSpinBox()
        self.box_spin.setRange(0, 4 * 3600)
        self.box_spin.setSuffix(self.tr(" s"))
        self.box_spin.setToolTip(self.tr("Time box"))
        for w in (self.title_edit, self.kind_combo, self.product_edit, self.box_spin):
            fields.addWidget(w)
        form.addLayout(fields)
        moves = QHBoxLayout()
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.add_segment_button = QPushButton(self.tr("Add segment"))
        self.remove_segment_button = QPushButton(self.tr("Remove segment"))
        self.add_point_button = QPushButton(self.tr("Add point"))
        self.remove_point_button = QPushButton(self.tr("Remove point"))
        for b in (
            self.up_button,
            self.down_button,
            self.add_segment_button,
            self.remove_segment_button,
            self.add_point_button,
            self.remove_point_button,
        ):
            moves.addWidget(b)
        form.addLayout(moves)
        row.addLayout(form, 3)
        self.title_edit.editingFinished.connect(self._segment_fields_edited)
        self.product_edit.editingFinished.connect(self._segment_fields_edited)
        self.kind_combo.currentIndexChanged.connect(lambda _: self._segment_fields_edited())
        self.box_spin.valueChanged.connect(lambda _: self._segment_fields_edited())
        self.up_button.clicked.connect(lambda: self.move_segment(-1))
        self.down_button.clicked.connect(lambda: self.move_segment(1))
        self.add_segment_button.clicked.connect(self.add_segment)
        self.remove_segment_button.clicked.connect(self.remove_segment)
        self.add_point_button.clicked.connect(lambda: self.add_point())
        self.remove_point_button.clicked.connect(self.remove_selected_points)
        return row

    # -- files ---------------------------------------------------------------------------------

    def open(self, path: Path) -> None:
        """Load ``path`` (a ConfigError with line and field reaches the caller)."""
        self.set_plan(load_plan(path), path)

    def save(self, path: Path | None = None) -> Path:
        """Write the plan; it is checked as the file will be read back first (a product segment
        without its product, an empty line: a ConfigError naming the field, nothing written)."""
        if self.plan is None:
            raise ValueError("no plan to save")
        target = path or self.path
        if target is None:
            raise ValueError("no file to save to")
        plan_from_raw(plan_to_raw(self.plan), source=target.name)
        save_plan(self.plan, target)
        self.path = target
        self.dirty = False
        return target

    def set_plan(self, plan: ShowPlan, path: Path | None = None, *, dirty: bool = False) -> None:
        self.plan, self.path, self.dirty = plan, path, dirty
        self._rebuild()
        self._enable()

    # -- the segments --------------------------------------------------------------------------

    def current_segment(self) -> int:
        return self.segments.currentRow()

    def _segment_selected(self, row: int) -> None:
        if self._filling or self.plan is None or not 0 <= row < len(self.plan.segments):
            return
        self._show_segment(self.plan.segments[row])

    def _show_segment(self, s: Segment) -> None:
        was, self._filling = self._filling, True
        try:
            self.title_edit.setText(s.title)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(s.kind.value))
            self.product_edit.setText(s.product or "")
            self.box_spin.setValue(int(s.box_s))
        finally:
            self._filling = was

    def _segment_fields_edited(self) -> None:
        row = self.current_segment()
        if self._filling or self.plan is None or not 0 <= row < len(self.plan.segments):
            return
        s = self.plan.segments[row]
        box = float(self.box_spin.value())
        new = replace(
            s,
            title=self.title_edit.text().strip() or s.id,
            kind=SegmentKind(self.kind_combo.currentData()),
            product=self.product_edit.text().strip() or None,
            box_s=s.box_s if int(s.box_s) == int(box) else box,
        )
        if new != s:
            self._set_segments(_put(self.plan.segments, row, new), row)

    def move_segment(self, step: int) -> None:
        """Move the selected segment up (-1) or down (+1)."""
        row = self.current_segment()
        if self.plan is None or not 0 <= row < len(self.plan.segments):
            return
        to = row + step
        if not 0 <= to < len(self.plan.segments):
            return
        segs = list(self.plan.segments)
        segs[row], segs[to] = segs[to], segs[row]
        self._set_segments(tuple(segs), to)

    def add_segment(self) -> None:
        """A new segment (kind offer, one minute) after the selected one."""
        if self.plan is None:
            return
        sid = _fresh_id(self.plan, "segment")
        title = self.tr("New segment")
        new = Segment(sid, SegmentKind.OFFER, title, 60.0, ())
        at = self.current_segment() + 1 if self.current_segment() >= 0 else len(self.plan.segments)
        segs = (*self.plan.segments[:at], new, *self.plan.segments[at:])
        self._set_segments(segs, at)

    def remove_segment(self) -> None:
        row = self.current_segment()
        if self.plan is None or not 0 <= row < len(self.plan.segments):
            return
        if len(self.plan.segments) == 1:
            QMessageBox.information(
                self, self.tr("Show plan"), self.tr("A plan keeps at least one segment.")
            )
            return
        segs = self.plan.segments[:row] + self.plan.segments[row + 1 :]
        self._set_segments(segs, min(row, len(segs) - 1))

    def add_point(self, say: str = "") -> str | None:
        """A new point at the end of the selected segment; its row is selected for typing.
        Returns its id."""
        row = self.current_segment()
        if self.plan is None or not 0 <= row < len(self.plan.segments):
            return None
        s = self.plan.segments[row]
        line = PlanLine(_fresh_id(self.plan, f"{s.id}-point"), say or self.tr("New point"))
        self._set_segments(_put(self.plan.segments, row, replace(s, points=(*s.points, line))), row)
        at = [self._line_at(r) for r in range(self.table.rowCount())].index(line.id)
        self.table.setCurrentCell(at, 1)
        return line.id

    def remove_selected_points(self) -> None:
        if self.plan is None:
            return
        gone = {self._line_at(r) for r in {i.row() for i in self.table.selectedIndexes()}}
        if not gone:
            return
        segs = tuple(
            replace(s, points=tuple(ln for ln in s.points if ln.id not in gone))
            for s in self.plan.segments
        )
        self._set_segments(segs, self.current_segment())

    def _set_segments(self, segments: tuple[Segment, ...], select: int) -> None:
        assert self.plan is not None
        self._set_plan(replace(self.plan, segments=segments))
        self.segments.setCurrentRow(select)

    # -- the table -----------------------------------------------------------------------------

    def _columns(self) -> list[str]:
        assert self.plan is not None
        return [self.tr("Segment"), self.plan.language, *self.plan.languages]

    def _rebuild(self) -> None:
        was, self._filling = self._filling, True
        try:
            self.table.clear()
            selected = self.segments.currentRow()
            self.segments.clear()
            if self.plan is None:
                self.table.setRowCount(0)
                self.table.setColumnCount(0)
                self.summary.setText("")
                return
            plan = self.plan
            for s in plan.segments:
                product = f" · {s.product}" if s.product else ""
                self.segments.addItem(f"{s.title} — {s.kind.value}{product} ({int(s.box_s)} s)")
            rows = list(plan.lines())
            self.table.setColumnCount(2 + len(plan.languages))
            self.table.setHorizontalHeaderLabels(self._columns())
            self.table.setRowCount(len(rows))
            for r, (segment, line) in enumerate(rows):
                seg = QTableWidgetItem(f"{segment.title} ({int(segment.box_s)} s)")
                seg.setFlags(seg.flags() & ~Qt.ItemFlag.ItemIsEditable)
                seg.setData(_LINE, line.id)
                self.table.setItem(r, 0, seg)
                self.table.setItem(r, 1, QTableWidgetItem(line.say))
                for c, lang in enumerate(plan.languages, start=2):
                    self.table.setItem(r, c, self._version_item(line, lang))
            self.table.resizeColumnsToContents()
            counts = plan.counts()
            self.summary.setText(
                self.tr("{0} approved, {1} to review, {2} for you to write or translate").format(
                    counts["approved"], counts["machine"], counts["missing"]
                )
            )
            row = min(max(selected, 0), len(plan.segments) - 1)
            self.segments.setCurrentRow(row)
            self._show_segment(plan.segments[row])
        finally:
            self._filling = was

    def _version_item(self, line: PlanLine, lang: str) -> QTableWidgetItem:
        v = line.versions.get(lang)
        if v is None:  # not translated yet
            item = QTableWidgetItem(NOT_YET)
            item.setToolTip(self.tr("Not translated yet: Translate what is not approved"))
            item.setData(_STATE, LineState.MISSING.value)
            item.setBackground(Qt.GlobalColor.darkYellow)
            return item
        text = v.text or (self.to_write if v.state is LineState.MISSING else MARK[v.state])
        item = QTableWidgetItem(text)
        if v.state is LineState.MISSING:
            item.setToolTip(self.tr("No installed engine reaches {0}: write it here").format(lang))
            item.setBackground(Qt.GlobalColor.darkRed)
            item.setForeground(Qt.GlobalColor.white)
        else:
            item.setToolTip(f"{MARK[v.state]} {v.state.value}")
        if v.state is LineState.MACHINE:
            item.setBackground(Qt.GlobalColor.darkYellow)
        item.setData(_STATE, v.state.value)
        return item

    def state_of(self, row: int, lang: str) -> LineState:
        assert self.plan is not None
        item = self.table.item(row, 2 + self.plan.languages.index(lang))
        assert item is not None
        return LineState(item.data(_STATE))

    def cell_text(self, row: int, lang: str) -> str:
        assert self.plan is not None
        item = self.table.item(row, 2 + self.plan.languages.index(lang))
        assert item is not None
        return item.text()

    def _line_at(self, row: int) -> str:
        item = self.table.item(row, 0)
        assert item is not None
        return str(item.data(_LINE))

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or self.plan is None:
            return
        line_id = self._line_at(item.row())
        text = item.text().strip()
        if item.column() == 1:
            self._set_plan(_with_say(self.plan, line_id, text))
        elif item.column() >= 2:
            lang = self.plan.languages[item.column() - 2]
            if text in (*MARK.values(), NOT_YET, self.to_write):
                text = ""
            state = LineState.APPROVED if text else LineState.MISSING
            self._set_plan(self.plan.with_version(line_id, lang, Version(text, state)))

    def approve_selected(self) -> None:
        """Approve the machine versions of the selected rows (every language)."""
        if self.plan is None:
            return
        plan = self.plan
        for row in sorted({i.row() for i in self.table.selectedIndexes()}):
            line = plan.line(self._line_at(row))
            if line is None:
                continue
            for lang, v in line.versions.items():
                if v.state is LineState.MACHINE:
                    plan = plan.with_version(line.id, lang, Version(v.text, LineState.APPROVED))
        self._set_plan(plan)

    def _set_plan(self, plan: ShowPlan) -> None:
        if plan == self.plan:
            return
        self.plan = plan
        self.dirty = True
        self._rebuild()
        self._enable()
        self.changed.emit(plan)

    # -- translation off the GUI thread --------------------------------------------------------

    def start_fill(self) -> FillWorker | None:
        """Translate every version not approved on a worker thread; the editor is read-only
        until ``filled`` is emitted."""
        if self._fill is None or self.plan is None or self.worker is not None:
            return None
        worker = FillWorker(self.plan, self._fill)
        worker.progress.connect(self._fill_progress)
        worker.done.connect(self._fill_done)
        worker.failed.connect(self._fill_failed)
        self.worker = worker
        self.progress.setRange(0, len(self.plan.segments))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Translating… %v of %m segments"))
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._enable()
        worker.start()
        return worker

    def cancel_fill(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("Cancelling after this segment…"))

    def _fill_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _fill_finished(self) -> None:
        self.worker = None
        self.progress.hide()
        self.cancel_button.hide()
        self._enable()

    def _fill_done(self, plan: ShowPlan | None) -> None:
        self._fill_finished()
        if plan is not None:
            self._set_plan(plan)
        self.filled.emit(plan)

    def _fill_failed(self, message: str) -> None:
        self._fill_finished()
        QMessageBox.warning(self, self.tr("Show plan"), message)
        self.filled.emit(None)

    # -- buttons -------------------------------------------------------------------------------

    def _enable(self) -> None:
        has = self.plan is not None
        idle = self.worker is None
        for b in (
            self.save_button,
            self.approve_button,
            self.up_button,
            self.down_button,
            self.add_segment_button,
            self.remove_segment_button,
            self.add_point_button,
            self.remove_point_button,
        ):
            b.setEnabled(has and idle)
        for w in (self.title_edit, self.kind_combo, self.product_edit, self.box_spin, self.table):
            w.setEnabled(has and idle)
        self.fill_button.setEnabled(has and idle and self._fill is not None)
        self.open_button.setEnabled(idle)
        self.new_button.setEnabled(idle and self._generate is not None)

    def _open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open show plan"), "", self.tr("Show plan (*.yaml *.yml)")
        )
        if name:
            self._try(lambda: self.open(Path(name)))

    def _save_clicked(self) -> bool:
        if self.path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save show plan"), "plan.yaml", self.tr("Show plan (*.yaml)")
            )
            if not name:
                return False
            self.path = Path(name)
        return self._try(lambda: self.save())

    def generate_from_sheet(self) -> None:
        """A starting plan from the sheet; replacing a plan the seller has asks first."""
        if self._generate is None:
            return
        if self.plan is not None:
            answer = QMessageBox.question(
                self,
                self.tr("Show plan"),
                self.tr("Replace this plan with one generated from the sheet?"),
                StandardButton.Yes | StandardButton.No,
                StandardButton.No,
            )
            if answer != StandardButton.Yes:
                return
        generate = self._generate
        self._try(lambda: self._set_plan(generate()))
        self._enable()

    def confirm_close(self) -> bool:
        """Unsaved edits: ask Save / Discard / Cancel. True when the editor may close."""
        if not self.dirty or self.plan is None:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Show plan"),
            self.tr("The plan has changes that are not saved."),
            StandardButton.Save | StandardButton.Discard | StandardButton.Cancel,
            StandardButton.Save,
        )
        if answer == StandardButton.Save:
            return self._save_clicked()
        return answer == StandardButton.Discard

    def _try(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except SolaError as exc:
            QMessageBox.warning(self, self.tr("Show plan"), str(exc))
            return False
        return True


def _put(segments: tuple[Segment, ...], at: int, segment: Segment) -> tuple[Segment, ...]:
    return (*segments[:at], segment, *segments[at + 1 :])


def _fresh_id(plan: ShowPlan, stem: str) -> str:
    """An id not used by any segment or point (ids are unique over both)."""
    used = {s.id for s in plan.segments} | {ln.id for _, ln in plan.lines()}
    n = 1
    while f"{stem}-{n}" in used:
        n += 1
    return f"{stem}-{n}"


def _with_say(plan: ShowPlan, line_id: str, say: str) -> ShowPlan:
    """The seller rewrote a line: its approved versions go back to review (machine)."""

    def change(_: Segment, ln: PlanLine) -> PlanLine:
        if ln.id != line_id or not say or say == ln.say:
            return ln
        versions = {
            lang: Version(v.text, LineState.MACHINE) if v.state is LineState.APPROVED else v
            for lang, v in ln.versions.items()
        }
        return replace(ln, say=say, versions=versions)

    return plan.map_lines(change)


class PlanDialog(QDialog):
    """The plan editor in its own window, on the plan beside ``sheet_path``
    (:func:`~sola_studio.plan.io.plan_beside`), or on ``plan_path`` when given (Settings' plan):
    opened when it exists, else a starting plan generated from the sheet (not saved: closing asks
    like any unsaved edit). ``languages``: the show's caption languages, the versions a new plan
    holds. The engines for *Translate* are found once, on the worker thread, and closed with the
    dialog."""

    def __init__(
        self,
        sheet_path: Path,
        languages: Sequence[str],
        parent: QWidget | None = None,
        *,
        plan_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Show plan"))
        self.resize(1100, 640)
        sheet = load_sheet(sheet_path)
        engines: list[object] = []
        found = threading.Lock()

        def generate() -> ShowPlan:
            return generate_plan(sheet, tuple(languages), sheet_path=sheet_path.name)[0]

        def fill(plan: ShowPlan) -> ShowPlan:
            from sola_studio.translate.factory import discover_engines

            with found:  # loading the engines takes a few seconds: once per dialog
                if not engines:
                    engines.append(discover_engines())
            return fill_versions(plan, sheet=sheet, engines=engines[0])[0]  # type: ignore[arg-type]

        self._engines = engines
        self.editor = PlanEditor(self, fill=fill, generate=generate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        path = plan_path or plan_beside(sheet_path)
        if path.is_file():
            self.editor.open(path)
        else:
            self.editor.set_plan(generate(), path, dirty=True)

    def _may_close(self) -> bool:
        if not self.editor.confirm_close():
            return False
        if self.editor.worker is not None:
            self.editor.worker.cancel()
            self.editor.worker.join()
        for found in self._engines:
            for engine in found:  # type: ignore[attr-defined]
                engine.close()
        self._engines.clear()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close():
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:  # Esc
        if self._may_close():
            super().reject()
