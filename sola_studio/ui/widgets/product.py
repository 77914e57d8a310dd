"""The pinned product (the one on camera) with quick switching.

Switching forwards the product id; the core pins it (the sheet is the comment flow's, not the
window's). The sheet's editor is :mod:`sola_studio.ui.sheet_editor`.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sola_studio.catalog.sheet import Product, ProductSheet, StockLevel
from sola_studio.ui import theme

log = logging.getLogger(__name__)


def stock_html(sheet: ProductSheet, product: Product) -> str:
    """Each variant's stock, bold at full contrast (amber when low, red when out)."""
    parts = []
    for v in product.variants:
        lvl = sheet.stock_level(v)
        colour = {StockLevel.OUT: theme.RED, StockLevel.LOW: theme.AMBER}.get(lvl, theme.TEXT)
        label = html.escape(v.label or v.sku)
        parts.append(f"<span style='color:{colour}'>{label}&nbsp;<b>{v.stock}</b></span>")
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
