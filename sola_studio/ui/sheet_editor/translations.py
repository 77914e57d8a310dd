"""The Translations page: every machine translation of a sheet text the desk made and keeps in
``NAME.translations.json`` beside the sheet, per language, beside its source text. The seller
approves one as it is or corrects it (a correction is approved); approved ones are kept as
written and never translated again (:mod:`sola_studio.comments.sheet_texts`). The file is
written when the sheet is saved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sola_studio.comments.sheet_texts import CachedText, read_cache, write_cache

_LANG, _SOURCE, _TEXT, _APPROVED = range(4)


class TranslationsView(QWidget):
    changed = Signal()

    def __init__(self, cache_file: Path | None) -> None:
        super().__init__()
        self.cache_file = cache_file
        self.entries: list[CachedText] = []
        self.dirty = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Language")))
        self.language = QComboBox()
        self.language.currentIndexChanged.connect(self._fill)
        top.addWidget(self.language)
        top.addStretch(1)
        self.approve_button = QPushButton(self.tr("Approve all shown"))
        self.approve_button.clicked.connect(self.approve_shown)
        top.addWidget(self.approve_button)
        layout.addLayout(top)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("To"), self.tr("Sheet text"), self.tr("Translation"), self.tr("Approved")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._item_changed)
        layout.addWidget(self.table, 1)
        self.load(cache_file)

    def load(self, cache_file: Path | None) -> None:
        self.cache_file = cache_file
        self.dirty = False
        try:
            self.entries = read_cache(cache_file) if cache_file is not None else []
            problem = ""
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self.entries = []
            problem = self.tr("The translations file cannot be read ({0}).").format(exc)
        self.note.setText(
            problem
            or (
                self.tr(
                    "No machine translations yet: the desk makes them for the viewer languages "
                    "when a show starts."
                )
                if not self.entries
                else self.tr(
                    "Machine translations of the sheet's texts. Correct any that is wrong; a "
                    "corrected or approved text is used as written and never translated again."
                )
            )
        )
        languages = sorted({e.language for e in self.entries})
        self.language.blockSignals(True)
        self.language.clear()
        self.language.addItem(self.tr("All languages"), "")
        for lang in languages:
            self.language.addItem(lang, lang)
        self.language.blockSignals(False)
        self._fill()

    def _shown(self) -> list[int]:
        lang = self.language.currentData() or ""
        return [i for i, e in enumerate(self.entries) if not lang or e.language == lang]

    def _fill(self) -> None:
        shown = self._shown()
        self.table.blockSignals(True)
        self.table.setRowCount(len(shown))
        for row, i in enumerate(shown):
            e = self.entries[i]
            for col, text in ((_LANG, e.language), (_SOURCE, e.source), (_TEXT, e.text)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, i)
                if col != _TEXT:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
            check = QTableWidgetItem(self.tr("approved") if e.approved else "")
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if e.approved else Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, i)
            self.table.setItem(row, _APPROVED, check)
        self.table.blockSignals(False)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        i = item.data(Qt.ItemDataRole.UserRole)
        e = self.entries[i]
        if item.column() == _TEXT:
            text = item.text().strip()
            if not text or text == e.text:
                return
            self.entries[i] = replace(e, text=text, approved=True)  # corrected: the seller's
        elif item.column() == _APPROVED:
            self.entries[i] = replace(e, approved=item.checkState() == Qt.CheckState.Checked)
        self.dirty = True
        self._fill()
        self.changed.emit()

    def approve(self, index: int, text: str | None = None) -> None:
        """Approve entry ``index`` (with ``text`` when the seller corrected it)."""
        e = self.entries[index]
        self.entries[index] = replace(e, text=text or e.text, approved=True)
        self.dirty = True
        self._fill()
        self.changed.emit()

    def approve_shown(self) -> None:
        for i in self._shown():
            self.entries[i] = replace(self.entries[i], approved=True)
        self.dirty = True
        self._fill()
        self.changed.emit()

    def save(self) -> None:
        if self.dirty and self.cache_file is not None:
            write_cache(self.cache_file, self.entries)
            self.dirty = False
