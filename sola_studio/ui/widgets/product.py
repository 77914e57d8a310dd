"""The pinned product (the one on camera) with quick switching, and the product sheet editor.

Switching forwards the product id; the core pins it (the sheet is the comment flow's, not the
window's). The editor edits the seller's YAML sheet as text and checks it with the core's own
loader before saving, so the window never holds a second idea of what a valid sheet is.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

import yaml
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sola_studio.catalog.loader import sheet_from_raw
from sola_studio.catalog.sheet import Product, ProductSheet, StockLevel
from sola_studio.core import yamlio
from sola_studio.core.errors import ConfigError
from sola_studio.ui import theme

log = logging.getLogger(__name__)


def stock_html(sheet: ProductSheet, product: Product) -> str:
    parts = []
    for v in product.variants:
        lvl = sheet.stock_level(v)
        colour = {StockLevel.OUT: theme.RED, StockLevel.LOW: theme.AMBER}.get(lvl, theme.TEXT_DIM)
        parts.append(
            f"<span style='color:{colour}'>{html.escape(v.label or v.sku)}&nbsp;{v.stock}</span>"
        )
    return " · ".join(parts)


class PinnedProduct(QFrame):
    """Shows the pinned product and switches it with the combo box or Ctrl+1…Ctrl+9."""

    pinned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._sheet: ProductSheet | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        head = QHBoxLayout()
        title = QLabel(self.tr("On camera"))
        title.setObjectName("panelTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(200)
        self.combo.activated.connect(self._on_activated)
        head.addWidget(self.combo)
        layout.addLayout(head)
        self.price = QLabel()
        font = self.price.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.price.setFont(font)
        layout.addWidget(self.price)
        self.stock = QLabel()
        self.stock.setTextFormat(Qt.TextFormat.RichText)
        self.stock.setWordWrap(True)
        layout.addWidget(self.stock)
        for n in range(1, 10):
            QShortcut(QKeySequence(f"Ctrl+{n}"), self, lambda n=n: self._pin_index(n - 1))
        self.set_sheet(None)

    def set_sheet(self, sheet: ProductSheet | None) -> None:
        self._sheet = sheet
        self.combo.clear()
        if sheet is None:
            self.price.setText(self.tr("No product sheet"))
            self.stock.setText("")
            self.combo.setEnabled(False)
            return
        self.combo.setEnabled(True)
        for i, p in enumerate(sheet.products):
            self.combo.addItem(f"{i + 1}. {p.name}" if i < 9 else p.name, p.id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(sheet.pinned_id)))
        product = sheet.pinned
        price = product.price
        self.price.setText(f"{product.name}  ·  {price.canonical()} {price.currency}")
        self.stock.setText(stock_html(sheet, product))

    def pinned_id(self) -> str | None:
        return None if self._sheet is None else self._sheet.pinned_id

    def _pin_index(self, index: int) -> None:
        if self._sheet is not None and 0 <= index < len(self._sheet.products):
            self.pin_product(self._sheet.products[index].id)

    def _on_activated(self, index: int) -> None:
        self.pin_product(self.combo.itemData(index))

    def pin_product(self, product_id: str) -> None:
        """Pin ``product_id`` as the seller would (emits ``pinned`` when it changed)."""
        if self._sheet is None or product_id == self._sheet.pinned_id:
            return
        self.set_sheet(self._sheet.with_pinned(product_id))
        self.pinned.emit(product_id)


class SheetEditor(QDialog):
    """Edits a YAML product sheet; saves only what the core's loader accepts."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Product sheet"))
        self.resize(760, 640)
        self.path = path
        self.sheet: ProductSheet | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.where = QLabel(str(path))
        self.where.setObjectName("dim")
        top.addWidget(self.where, 1)
        open_button = QPushButton(self.tr("Open…"))
        open_button.clicked.connect(self._open)
        top.addWidget(open_button)
        layout.addLayout(top)
        self.text = QPlainTextEdit()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(mono)
        layout.addWidget(self.text, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        check = buttons.addButton(self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        check.clicked.connect(self.check)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if path.exists():
            self.text.setPlainText(path.read_text(encoding="utf-8"))

    def check(self) -> ProductSheet | None:
        """Validate the text with the core loader; shows what is wrong and how to fix it."""
        try:
            raw = yamlio.safe_load(self.text.toPlainText())
            sheet = sheet_from_raw(raw, source=str(self.path))
        except yaml.YAMLError as exc:
            self._show(False, self.tr("Not valid YAML: {0}").format(exc))
            return None
        except ConfigError as exc:
            self._show(False, str(exc))
            return None
        n = len(sheet.products)
        self._show(True, self.tr("{0} products, pinned: {1}").format(n, sheet.pinned.name))
        self.sheet = sheet
        return sheet

    def save(self) -> None:
        if self.check() is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(self.text.toPlainText(), encoding="utf-8")
        log.info("product sheet saved to %s", self.path)
        self.accept()

    def _open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a product sheet"), str(self.path.parent), "YAML (*.yaml *.yml)"
        )
        if name:
            self.path = Path(name)
            self.where.setText(name)
            self.text.setPlainText(self.path.read_text(encoding="utf-8"))
            self.check()

    def _show(self, ok: bool, message: str) -> None:
        self.note.setText(message)
        self.note.setStyleSheet(f"color: {theme.OK if ok else theme.RED};")
