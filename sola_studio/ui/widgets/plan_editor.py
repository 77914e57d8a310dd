"""The plan editor: the show plan's segments and points, with every caption language's version
side by side, for the seller to approve or correct; it opens and saves the plan file.

One row per point: the segment, the line in the seller's language, then one column per caption
language, each cell marked by its state (✔ approved, ✎ machine: to review, ⚠ missing: no engine
reaches the language, the seller writes it). Typing in a language cell is a correction: the
version becomes approved. Editing the seller's line sends its versions back to review.
"Approve" approves the selected rows' machine versions. The core does the work
(:mod:`sola_studio.plan.io`, ``generate``, ``translate``); ``fill`` and ``generate`` are the
window's callables (they need the engines and the sheet), so this widget never translates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sola_studio.catalog.loader import load_sheet
from sola_studio.core.errors import SolaError
from sola_studio.plan.generate import generate_plan
from sola_studio.plan.io import load_plan, plan_beside, save_plan
from sola_studio.plan.model import LineState, PlanLine, Segment, ShowPlan, Version
from sola_studio.plan.translate import fill_versions

MARK = {LineState.APPROVED: "✔", LineState.MACHINE: "✎", LineState.MISSING: "⚠"}
_LINE = Qt.ItemDataRole.UserRole
_STATE = Qt.ItemDataRole.UserRole + 1


class PlanEditor(QWidget):
    """Edits one :class:`ShowPlan`; ``changed`` is emitted with the new plan after each edit."""

    changed = Signal(object)

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
        self._filling = False
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open…"))
        self.new_button = QPushButton(self.tr("New from sheet"))
        self.fill_button = QPushButton(self.tr("Translate what is not approved"))
        self.approve_button = QPushButton(self.tr("Approve selected"))
        self.save_button = QPushButton(self.tr("Save"))
        for b in (self.open_button, self.new_button, self.fill_button, self.approve_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.summary = QLabel("")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 0)
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._edited)
        layout.addWidget(self.table, 1)
        self.open_button.clicked.connect(self._open_dialog)
        self.save_button.clicked.connect(self._save_clicked)
        self.approve_button.clicked.connect(self.approve_selected)
        self.fill_button.clicked.connect(self._fill_clicked)
        self.new_button.clicked.connect(self._new_clicked)
        self.fill_button.setEnabled(fill is not None)
        self.new_button.setEnabled(generate is not None)
        self._enable()

    # -- files ---------------------------------------------------------------------------------

    def open(self, path: Path) -> None:
        """Load ``path`` (a ConfigError with line and field reaches the caller)."""
        self.set_plan(load_plan(path), path)

    def save(self, path: Path | None = None) -> Path:
        if self.plan is None:
            raise ValueError("no plan to save")
        target = path or self.path
        if target is None:
            raise ValueError("no file to save to")
        save_plan(self.plan, target)
        self.path = target
        return target

    def set_plan(self, plan: ShowPlan, path: Path | None = None) -> None:
        self.plan, self.path = plan, path
        self._rebuild()
        self._enable()

    # -- the table -----------------------------------------------------------------------------

    def _columns(self) -> list[str]:
        assert self.plan is not None
        return [self.tr("Segment"), self.plan.language, *self.plan.languages]

    def _rebuild(self) -> None:
        self._filling = True
        try:
            self.table.clear()
            if self.plan is None:
                self.table.setRowCount(0)
                self.table.setColumnCount(0)
                return
            plan = self.plan
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
                self.tr("{0} approved, {1} to review, {2} missing (no engine)").format(
                    counts["approved"], counts["machine"], counts["missing"]
                )
            )
        finally:
            self._filling = False

    def _version_item(self, line: PlanLine, lang: str) -> QTableWidgetItem:
        v = line.versions.get(lang) or Version("", LineState.MISSING)
        item = QTableWidgetItem(v.text or MARK[v.state])
        item.setToolTip(f"{MARK[v.state]} {v.state.value}")
        item.setData(_STATE, v.state.value)
        if v.state is not LineState.APPROVED:
            item.setBackground(Qt.GlobalColor.darkYellow)
        return item

    def state_of(self, row: int, lang: str) -> LineState:
        assert self.plan is not None
        item = self.table.item(row, 2 + self.plan.languages.index(lang))
        assert item is not None
        return LineState(item.data(_STATE))

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
            text = "" if text in MARK.values() else text
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
        self.plan = plan
        self._rebuild()
        self.changed.emit(plan)

    # -- buttons -------------------------------------------------------------------------------

    def _enable(self) -> None:
        has = self.plan is not None
        self.save_button.setEnabled(has)
        self.approve_button.setEnabled(has)
        self.fill_button.setEnabled(has and self._fill is not None)

    def _open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open show plan"), "", self.tr("Show plan (*.yaml *.yml)")
        )
        if name:
            self._try(lambda: self.open(Path(name)))

    def _save_clicked(self) -> None:
        if self.path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save show plan"), "plan.yaml", self.tr("Show plan (*.yaml)")
            )
            if not name:
                return
            self.path = Path(name)
        self._try(lambda: self.save())

    def _fill_clicked(self) -> None:
        if self._fill is not None and self.plan is not None:
            fill, plan = self._fill, self.plan
            self._try(lambda: self._set_plan(fill(plan)))

    def _new_clicked(self) -> None:
        if self._generate is not None:
            generate = self._generate
            self._try(lambda: self._set_plan(generate()))
            self._enable()

    def _try(self, action: Callable[[], object]) -> None:
        try:
            action()
        except SolaError as exc:
            QMessageBox.warning(self, self.tr("Show plan"), str(exc))


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
    (:func:`~sola_studio.plan.io.plan_beside`): opened when it exists, else a starting plan
    generated from the sheet (saved only when the seller saves). ``languages``: the show's
    caption languages, the versions a new plan holds."""

    def __init__(
        self, sheet_path: Path, languages: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Show plan"))
        self.resize(1100, 640)
        sheet = load_sheet(sheet_path)

        def generate() -> ShowPlan:
            return generate_plan(sheet, tuple(languages), sheet_path=sheet_path.name)[0]

        def fill(plan: ShowPlan) -> ShowPlan:
            return fill_versions(plan, sheet=sheet)[0]  # loads the engines: a few seconds

        self.editor = PlanEditor(self, fill=fill, generate=generate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        path = plan_beside(sheet_path)
        if path.is_file():
            self.editor.open(path)
        else:
            self.editor.set_plan(generate(), path)
