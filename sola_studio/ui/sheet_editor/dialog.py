"""The product sheet editor: a form (shop, defaults, products), the YAML text of the same
sheet, and the machine translations of its texts for the seller to approve.

Every edit is checked by the sheet's own loader as the seller types
(:func:`sola_studio.catalog.editing.check`): the field the loader's message names is marked
with that message and its fix, and Save is refused while there is one. Saving writes a sheet the
loader reads back (a backup of the old file beside it, ``NAME.yaml.bak``); the window then
publishes it the way every sheet change goes (``SheetChanged`` through the live session).
Closing, Cancel or opening another sheet with unsaved edits asks Save / Discard / Keep editing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sola_studio.catalog import editing
from sola_studio.catalog.editing import Checked
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.sheet_texts import cache_file_for
from sola_studio.core import yamlio
from sola_studio.core.errors import ConfigError
from sola_studio.ui import theme
from sola_studio.ui.sheet_editor.fields import Binder, LineField, RowsTable
from sola_studio.ui.sheet_editor.pages import DefaultsPage, ProductsPage, ShopPage
from sola_studio.ui.sheet_editor.translations import TranslationsView

log = logging.getLogger(__name__)

CHECK_DELAY_MS = 150  # the loader runs once the seller pauses typing (6-7 ms a check, load 8)


class SheetFormEditor(QDialog):
    """Edits a product sheet in a form or as YAML; ``sheet`` is the saved sheet after exec()."""

    SHOP, DEFAULTS, PRODUCTS, YAML, TRANSLATIONS = range(5)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Product sheet"))
        self.resize(980, 720)
        self.path = path
        self.sheet: ProductSheet | None = None
        self.checked: Checked | None = None
        self.binder = Binder({})
        self._baseline = ""
        self._yaml_error: ConfigError | None = None
        self._yaml_pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.where = QLabel(str(path))
        self.where.setObjectName("dim")
        top.addWidget(self.where, 1)
        top.addWidget(QLabel(self.tr("Texts in")))
        self.text_language = QComboBox()
        self.text_language.setToolTip(
            self.tr("The language of the names, labels and answers shown in the form")
        )
        self.text_language.activated.connect(self._language_chosen)
        top.addWidget(self.text_language)
        open_button = QPushButton(self.tr("Open…"))
        open_button.clicked.connect(self.open_other)
        top.addWidget(open_button)
        layout.addLayout(top)
        self.migrated = QLabel()
        self.migrated.setWordWrap(True)
        self.migrated.setObjectName("dim")
        layout.addWidget(self.migrated)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.yaml = QPlainTextEdit()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.yaml.setFont(mono)
        self.yaml.textChanged.connect(self._yaml_edited)
        self.translations = TranslationsView(None)
        self.translations.changed.connect(self._changed)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problem, 1)
        self.choices = QHBoxLayout()
        bottom.addLayout(self.choices)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.show_problem_field)
        bottom.addWidget(self.show_button)
        layout.addLayout(bottom)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.load(path)
        self.tabs.currentChanged.connect(self._tab_changed)

    # --- the document ---------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Show the sheet at ``path`` (a missing file: an empty sheet to fill)."""
        raw: Any = {}
        problem: ConfigError | None = None
        note = ""
        from_csv = path.suffix.lower() == ".csv" and path.exists()
        if from_csv:
            try:
                raw = editing.read_csv(path)
            except (ConfigError, OSError, UnicodeDecodeError) as exc:
                problem = ConfigError(f"{path}: {exc}", fix="correct the CSV file")
            note = self.tr(
                "This sheet is a CSV file; saving writes it as {0} in format 2 and uses that "
                "(the CSV file stays as it is)."
            ).format(editing.yaml_beside(path).name)
            path = editing.yaml_beside(path)
        elif path.exists():
            try:
                raw = yamlio.safe_load(path.read_text(encoding="utf-8-sig")) or {}
            except Exception as exc:  # unreadable: the YAML tab shows the text to correct
                problem = ConfigError(f"{path} is not valid YAML: {exc}", fix="see the YAML tab")
            if isinstance(raw, dict) and raw and str(raw.get("schema", "1")).strip() != "2":
                note = self.tr(
                    "This sheet is in the first format; saving writes it in format 2 (the old "
                    "file is kept as {0})."
                ).format(editing.backup_of(path).name)
        if not isinstance(raw, dict):
            raw = {}
        self.path = path
        self.where.setText(str(path))
        self.migrated.setText(note)
        self.migrated.setVisible(bool(note))
        doc = editing.editable(raw)
        self._set_doc(doc, keep_language=False)
        self._baseline = editing.dump(doc)
        self.translations.load(cache_file_for(path))
        self._build_tabs()
        if problem is not None and path.exists() and not from_csv:
            self.tabs.setCurrentIndex(self.YAML)
            self.yaml.setPlainText(path.read_text(encoding="utf-8-sig"))
        self.check_now()
        if problem is not None and from_csv:  # the CSV file the loader could not read
            self._show(False, problem.message, problem.fix)

    def _set_doc(self, doc: dict[str, Any], keep_language: bool = True) -> None:
        self.binder.doc = doc
        if not keep_language:
            self.binder.language = self.binder.seller_language
        langs = [self.binder.seller_language]
        audience = doc.get("audience_languages")
        if isinstance(audience, list):
            langs += [str(x).lower() for x in audience]
        for p in doc.get("products") or []:
            if isinstance(p, dict) and isinstance(p.get("name"), dict):
                langs += [str(k).lower() for k in p["name"]]
        current = self.binder.language if self.binder.language in langs else langs[0]
        self.text_language.clear()
        for lang in dict.fromkeys(langs):
            self.text_language.addItem(lang, lang)
        self.text_language.setCurrentIndex(max(0, self.text_language.findData(current)))
        self.binder.language = current

    def _build_tabs(self) -> None:
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None and page not in (self.yaml, self.translations):
                page.deleteLater()
        self.binder.fields = []
        self.binder.edited.connect(self._changed, Qt.ConnectionType.UniqueConnection)
        self.shop = ShopPage(self.binder)
        self.defaults = DefaultsPage(self.binder)
        self.products = ProductsPage(self.binder)
        self.tabs.addTab(self.shop, self.tr("Shop"))
        self.tabs.addTab(self.defaults, self.tr("Shipping, payment, returns"))
        self.tabs.addTab(self.products, self.tr("Products"))
        self.tabs.addTab(self.yaml, self.tr("YAML"))
        self.tabs.addTab(self.translations, self.tr("Translations"))
        for f in self.binder.fields:
            if isinstance(f, LineField):
                f.problem.connect(lambda _p: self._changed())

    def _language_chosen(self) -> None:
        self.binder.language = self.text_language.currentData() or self.binder.seller_language
        self.binder.refresh()
        self.products.reload()

    def _changed(self) -> None:
        self._timer.start()

    def is_dirty(self) -> bool:
        """Edits not saved: the form's or the YAML tab's, or a translation approved."""
        if self._yaml_pending or self._yaml_error is not None:
            return True
        return editing.dump(self.binder.doc) != self._baseline or self.translations.dirty

    # --- the YAML tab ---------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if index == self.YAML:
            self.yaml.blockSignals(True)
            self.yaml.setPlainText(editing.dump(self.binder.doc))
            self.yaml.blockSignals(False)
            self._yaml_pending = False
        elif self._yaml_pending:
            self._take_yaml()
            self.binder.refresh()
            self.products.reload()

    def _yaml_edited(self) -> None:
        self._yaml_pending = True
        self._timer.start()

    def _take_yaml(self) -> None:
        """The YAML tab's text becomes the document (when it is YAML at all)."""
        try:
            doc = editing.parse(self.yaml.toPlainText())
        except ConfigError as exc:
            self._yaml_error = exc
            return
        self._yaml_error = None
        self._yaml_pending = False
        self._set_doc(doc)

    # --- checking -------------------------------------------------------------------------------

    def check_now(self) -> Checked | None:
        """Check the document with the loader now; mark the field its message names."""
        self._timer.stop()
        if self._yaml_pending and self.tabs.currentIndex() == self.YAML:
            self._take_yaml()
        self._clear_choices()
        if self._yaml_error is not None:
            self.checked = None
            self.binder.mark((), "")
            self._show(False, self._yaml_error.message, self._yaml_error.fix)
            return None
        checked = editing.check(self.binder.doc, str(self.path))
        self.checked = checked
        if checked.error is None:
            self.binder.mark((), "")
            sheet = checked.sheet
            assert sheet is not None
            note = self.tr("{0} products, {1} variants; nothing to correct.").format(
                len(sheet.products), sum(len(p.variants) for p in sheet.products)
            )
            if sheet.warnings:
                note += " " + sheet.warnings[0].removeprefix(f"{self.path}: ")
            self._show(True, note, None)
            return checked
        message = checked.error.message.removeprefix(f"{self.path}: ")
        field = self.binder.mark(checked.path, f"{message}\n{checked.error.fix or ''}".strip())
        self._offer_choices(field, checked.path)
        self._show(False, message, checked.error.fix)
        return checked

    def _show(self, ok: bool, message: str, fix: str | None) -> None:
        colour = theme.OK if ok else theme.RED
        text = message if not fix else message + "\n" + self.tr("Fix: {0}").format(fix)
        self.problem.setText(text)
        self.problem.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.show_button.setVisible(not ok and bool(self.checked and self.checked.path))

    def _clear_choices(self) -> None:
        while self.choices.count():
            item = self.choices.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _offer_choices(self, field: object, path: editing.Path_) -> None:
        """An ambiguous amount: one button per reading; the seller says which they meant."""
        if isinstance(field, LineField) and field.amount_problem is not None:
            for amount in field.amount_problem.choices:
                button = QPushButton(format(amount, "f"))
                button.setToolTip(self.tr("Use this amount"))
                button.clicked.connect(lambda _c=False, a=amount, f=field: f.choose(a))
                self.choices.addWidget(button)
        elif isinstance(field, RowsTable):
            rest = path[len(field.path) :]
            row = rest[0] if rest and isinstance(rest[0], int) else -1
            problem = field.problems.get(row)
            key = str(rest[1]) if len(rest) > 1 else ""
            for amount in problem.choices if problem is not None else ():
                button = QPushButton(format(amount, "f"))
                button.clicked.connect(
                    lambda _c=False, a=amount, r=row, k=key, t=field: t.set_cell(
                        r, k, format(a, "f")
                    )
                )
                self.choices.addWidget(button)

    def show_problem_field(self) -> None:
        """Bring the field the loader's message names on screen."""
        path = self.checked.path if self.checked is not None else ()
        if not path:
            return
        if path[0] == "products" and len(path) > 1 and isinstance(path[1], int):
            self.tabs.setCurrentIndex(self.PRODUCTS)
            self.products.list.setCurrentRow(path[1])
            self.check_now()  # the product's fields were made again: mark them
        elif path[0] == "defaults":
            self.tabs.setCurrentIndex(self.DEFAULTS)
        else:
            self.tabs.setCurrentIndex(self.SHOP)

    # --- saving and leaving ---------------------------------------------------------------------

    def save(self) -> bool:
        """Save when the loader accepts the sheet; else say why and show the field."""
        if self.tabs.currentIndex() == self.YAML and self._yaml_pending:
            self._take_yaml()
        checked = self.check_now()
        if checked is None or checked.error is not None:
            if checked is not None:
                self.show_problem_field()
                checked = self.checked
            what = self.problem.text()
            self.problem.setText(self.tr("Not saved: {0}").format(what))
            return False
        try:
            self.sheet = editing.save(self.binder.doc, self.path)
            self.translations.save()
        except (ConfigError, OSError) as exc:
            self._show(False, self.tr("Not saved: {0}").format(exc), None)
            return False
        self._baseline = editing.dump(self.binder.doc)
        log.info("product sheet saved to %s (backup %s)", self.path, editing.backup_of(self.path))
        self.accept()
        return True

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save / Discard / Keep editing, for edits not saved."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("The product sheet has changes that are not saved."))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        keep = box.button(QMessageBox.StandardButton.Cancel)
        if keep is not None:
            keep.setText(self.tr("Keep editing"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setObjectName("unsavedSheet")
        return QMessageBox.StandardButton(box.exec())

    def _may_leave(self) -> bool:
        if not self.is_dirty():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self._may_leave():
            self._baseline = editing.dump(self.binder.doc)
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        # a hidden editor closed (the window going away) has no seller in front of it to ask
        nobody_to_ask = not self.isVisible() or self.result() == QDialog.DialogCode.Accepted
        if nobody_to_ask or self._may_leave():
            event.accept()
        else:
            event.ignore()

    def open_other(self) -> None:
        """Edit another sheet file (asks first about unsaved edits)."""
        if not self._may_leave():
            return
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a product sheet"),
            str(self.path.parent),
            self.tr("Product sheets (*.yaml *.yml *.csv)"),
        )
        if name:
            self.load(Path(name))
