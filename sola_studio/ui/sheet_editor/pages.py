"""The form's pages: the shop, the defaults every product shares (shipping, payment, returns,
warranty, discounts) and the products (names, type, prices, specs, variants with stock, FAQ).
Each page only lays out bound fields (:mod:`.fields`); what is valid is the loader's to say."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sola_studio.catalog.editing import Path_
from sola_studio.ui.sheet_editor.fields import (
    INVALID_STYLE,
    Binder,
    Bound,
    CheckField,
    Column,
    LineField,
    RowsTable,
)


def _scrolled(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


class ShopPage(QScrollArea):
    """Shop name, seller language, currency, markets, audience languages, stock threshold."""

    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        inner = QWidget()
        form = QFormLayout(inner)
        self.name = LineField(binder, ("seller_name",))
        form.addRow(self.tr("Shop name"), self.name)
        self.language = LineField(binder, ("seller_language",))
        self.language.setPlaceholderText("pt, en, es…")
        form.addRow(self.tr("Seller language"), self.language)
        self.currency = LineField(binder, ("currency",))
        self.currency.setPlaceholderText("BRL, EUR, USD…")
        form.addRow(self.tr("Currency"), self.currency)
        self.audience = LineField(binder, ("audience_languages",), "list")
        self.audience.setPlaceholderText(self.tr("pt, en, es (comma-separated)"))
        form.addRow(self.tr("Viewer languages"), self.audience)
        self.low = LineField(binder, ("low_stock_threshold",), "whole")
        form.addRow(self.tr("Low stock at or below"), self.low)
        self.pinned = LineField(binder, ("pinned",))
        self.pinned.setPlaceholderText(self.tr("the first product"))
        form.addRow(self.tr("Product on camera first (id)"), self.pinned)
        self.markets = RowsTable(
            binder,
            ("markets",),
            [
                Column("id", self.tr("Market")),
                Column("currency", self.tr("Currency")),
                Column("countries", self.tr("Countries (BR, PT…)"), "list"),
            ],
            new_row=lambda: {"id": "", "currency": "", "countries": []},
            add_text=self.tr("Add market"),
        )
        form.addRow(self.tr("Markets (a price list per country)"), self.markets)
        self.setWidget(inner)


class WarrantyField(QWidget, Bound):
    """Warranty: none said, none, N months or N years, and what it covers."""

    def __init__(self, binder: Binder, path: Path_) -> None:
        super().__init__()
        self.binder, self.path = binder, path
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        for text, data in (
            (self.tr("not stated"), ""),
            (self.tr("no warranty"), "none"),
            (self.tr("months"), "months"),
            (self.tr("years"), "years"),
        ):
            self.kind.addItem(text, data)
        self.count = QSpinBox()
        self.count.setRange(0, 600)
        row.addWidget(self.kind)
        row.addWidget(self.count)
        self.covers = LineField(binder, (*path, "covers"), "local")
        self.covers.setPlaceholderText(self.tr("what it covers"))
        row.addWidget(self.covers, 1)
        binder.add(self)
        self.load()
        self.kind.activated.connect(self._write)
        self.count.valueChanged.connect(self._write)

    def widget(self) -> QWidget:
        return self

    def load(self) -> None:
        value = self.binder.get(self.path)
        kind, count = "", 0
        if isinstance(value, dict):
            if value.get("none") is True:
                kind = "none"
            elif value.get("years") not in (None, ""):
                kind, count = "years", value["years"]
            elif value.get("months") not in (None, ""):
                kind, count = "months", value["months"]
        self.kind.blockSignals(True)
        self.count.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.count.setValue(int(count) if str(count).isdigit() else 0)
        self.count.setEnabled(kind in ("months", "years"))
        self.kind.blockSignals(False)
        self.count.blockSignals(False)

    def _write(self) -> None:
        kind = self.kind.currentData()
        self.count.setEnabled(kind in ("months", "years"))
        old = self.binder.get(self.path)
        covers = old.get("covers") if isinstance(old, dict) else None
        value: dict[str, Any] | None
        if kind == "none":
            value = {"none": True}
        elif kind in ("months", "years"):
            value = {kind: self.count.value(), **({"covers": covers} if covers else {})}
        else:  # not stated: the shop's warranty applies, or a product's own says nothing
            value = {} if self.path[0] == "products" else None
        self.binder.put(self.path, value)

    def clear_mark(self) -> None:
        self.kind.setStyleSheet("")

    def show_mark(self, rest: Path_, message: str) -> None:
        self.kind.setStyleSheet(INVALID_STYLE)
        self.kind.setToolTip(message)


def shipping_table(binder: Binder, path: Path_) -> RowsTable:
    return RowsTable(
        binder,
        path,
        [
            Column("country", QCoreApplication.translate("SheetForm", "Country (* = all others)")),
            Column(
                "cost",
                QCoreApplication.translate("SheetForm", "Cost (0 = free)"),
                "amount",
                strong=True,
            ),
            Column("days_min", QCoreApplication.translate("SheetForm", "Days from"), "whole"),
            Column("days_max", QCoreApplication.translate("SheetForm", "Days to"), "whole"),
            Column("free_over", QCoreApplication.translate("SheetForm", "Free over"), "amount"),
            Column("carrier", QCoreApplication.translate("SheetForm", "Carrier")),
            Column("never", QCoreApplication.translate("SheetForm", "Not shipped"), "bool"),
        ],
        new_row=lambda: {"country": "", "cost": 0, "days_min": 1},
        rows_shown=8,
        add_text=QCoreApplication.translate("SheetForm", "Add country"),
    )


TERMS = ("shipping", "payment", "returns", "warranty", "discounts")


class TermsGroup(QGroupBox):
    """One of the terms a product is sold on (shipping, payment, returns, warranty,
    discounts), at ``base``: the shop's defaults, or a product's own."""

    def __init__(self, binder: Binder, base: Path_, key: str) -> None:
        super().__init__()
        titles = {
            "shipping": self.tr("Shipping"),
            "payment": self.tr("Payment"),
            "returns": self.tr("Returns"),
            "warranty": self.tr("Warranty"),
            "discounts": self.tr("Discounts and offers"),
        }
        self.setTitle(titles[key])
        at: Path_ = (*base, key)
        if key == "shipping":
            QVBoxLayout(self).addWidget(shipping_table(binder, at))
        elif key == "payment":
            form = QFormLayout(self)
            form.addRow(self.tr("Methods"), LineField(binder, (*at, "methods"), "list"))
            inst: Path_ = (*at, "instalments")
            form.addRow(
                self.tr("Instalments: at most (months, empty = not stated)"),
                LineField(binder, (*inst, "max_months"), "whole"),
            )
            form.addRow(
                self.tr("Interest-free months"),
                LineField(binder, (*inst, "interest_free_months"), "whole"),
            )
            form.addRow(
                self.tr("Interest a year (%)"), LineField(binder, (*inst, "annual_rate_percent"))
            )
            form.addRow(
                self.tr("Smallest instalment"),
                LineField(binder, (*inst, "min_instalment"), "amount", strong=True),
            )
            form.addRow(
                self.tr("Instalments by (Klarna, a bank...)"),
                LineField(binder, (*inst, "provider")),
            )
        elif key == "returns":
            form = QFormLayout(self)
            form.addRow(self.tr("Days"), LineField(binder, (*at, "days"), "whole"))
            form.addRow("", CheckField(binder, (*at, "free"), self.tr("Free returns")))
            form.addRow(self.tr("Conditions"), LineField(binder, (*at, "conditions"), "local"))
        elif key == "warranty":
            QVBoxLayout(self).addWidget(WarrantyField(binder, at))
        else:
            QVBoxLayout(self).addWidget(discounts_table(binder, at))


class DefaultsPage(QScrollArea):
    """What every product shares unless it says otherwise."""

    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        for key in TERMS:
            layout.addWidget(TermsGroup(binder, ("defaults",), key))
        layout.addStretch(1)
        self.setWidget(inner)


def discounts_table(binder: Binder, path: Path_) -> RowsTable:
    return RowsTable(
        binder,
        path,
        [
            Column("id", QCoreApplication.translate("SheetForm", "Id")),
            Column("percent", QCoreApplication.translate("SheetForm", "Percent"), strong=True),
            Column("code", QCoreApplication.translate("SheetForm", "Code")),
            Column(
                "min_quantity", QCoreApplication.translate("SheetForm", "From quantity"), "whole"
            ),
            Column("min_order", QCoreApplication.translate("SheetForm", "From amount"), "amount"),
            Column("note", QCoreApplication.translate("SheetForm", "Note"), "local"),
        ],
        new_row=lambda: {"id": "", "percent": 10},
        add_text=QCoreApplication.translate("SheetForm", "Add discount"),
    )


class ProductForm(QWidget):
    """One product's fields; made again when another product is chosen."""

    def __init__(
        self, binder: Binder, index: int, rebuild: Callable[[], None] = lambda: None
    ) -> None:
        super().__init__()
        self.binder, self.index, self.rebuild = binder, index, rebuild
        before = len(binder.fields)
        p: Path_ = ("products", index)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.id = LineField(binder, (*p, "id"))
        form.addRow(self.tr("Id"), self.id)
        self.name = LineField(binder, (*p, "name"), "local")
        form.addRow(self.tr("Name"), self.name)
        self.type = LineField(binder, (*p, "type"), "local")
        self.type.setPlaceholderText(self.tr("sofa, t-shirt…"))
        form.addRow(self.tr("Type"), self.type)
        self.aliases = LineField(binder, (*p, "aliases"), "aliases")
        self.aliases.setPlaceholderText(self.tr("other names viewers use, comma-separated"))
        form.addRow(self.tr("Aliases"), self.aliases)
        self.price = LineField(binder, (*p, "price"), "amount", strong=True)
        self.price.setPlaceholderText("59.90, R$ 59,90, 1.234,50")
        form.addRow(self.tr("Price"), self.price)
        layout.addLayout(form)
        self.prices = PricesTable(binder, (*p, "prices"))
        self.prices.table.setMaximumHeight(150)
        box = QGroupBox(self.tr("Prices in other currencies"))
        QVBoxLayout(box).addWidget(self.prices)
        layout.addWidget(box)
        self.variants = RowsTable(
            binder,
            (*p, "variants"),
            [
                Column("colour", self.tr("Colour")),
                Column("size", self.tr("Size")),
                Column("stock", self.tr("Stock"), "whole", strong=True, stock=True),
                Column("price", self.tr("Own price"), "amount", strong=True),
                Column("sku", self.tr("SKU")),
            ],
            new_row=lambda: {"stock": 0},
            rows_shown=6,
            add_text=self.tr("Add variant"),
        )
        box = QGroupBox(self.tr("Variants and stock"))
        QVBoxLayout(box).addWidget(self.variants)
        layout.addWidget(box)
        self.specs = RowsTable(
            binder,
            (*p, "specs"),
            [
                Column("key", self.tr("Key")),
                Column("label", self.tr("Label"), "local"),
                Column("value", self.tr("Value"), "local"),
            ],
            new_row=lambda: {"key": "", "value": ""},
            add_text=self.tr("Add spec"),
        )
        box = QGroupBox(self.tr("Specs (any property: width, battery, fabric…)"))
        QVBoxLayout(box).addWidget(self.specs)
        layout.addWidget(box)
        self.faq = RowsTable(
            binder,
            (*p, "faq"),
            [
                Column("question", self.tr("Question"), "local"),
                Column("answer", self.tr("Answer"), "local"),
                Column("keywords", self.tr("Keywords"), "list"),
            ],
            new_row=lambda: {"question": "", "answer": ""},
            add_text=self.tr("Add question"),
        )
        box = QGroupBox(self.tr("Questions answered in advance"))
        QVBoxLayout(box).addWidget(self.faq)
        layout.addWidget(box)
        own = QGroupBox(self.tr("This product's own terms (instead of the shop's)"))
        own_layout = QVBoxLayout(own)
        named = {
            "shipping": self.tr("Own shipping"),
            "payment": self.tr("Own payment"),
            "returns": self.tr("Own returns"),
            "warranty": self.tr("Own warranty"),
            "discounts": self.tr("Own discounts"),
        }
        mine = binder.get(p)
        row = QHBoxLayout()
        self.own: dict[str, QCheckBox] = {}
        for key, text in named.items():
            tick = QCheckBox(text)
            tick.setChecked(isinstance(mine, dict) and key in mine)
            tick.toggled.connect(lambda on, k=key: self._own(k, on))
            row.addWidget(tick)
            self.own[key] = tick
        row.addStretch(1)
        own_layout.addLayout(row)
        for key in TERMS:
            if isinstance(mine, dict) and key in mine:
                own_layout.addWidget(TermsGroup(binder, p, key))
        layout.addWidget(own)
        layout.addStretch(1)
        self.bound = binder.fields[before:]

    def _own(self, key: str, on: bool) -> None:
        """The product gets its own ``key`` (starting from the shop's), or follows the shop's."""
        value = copy.deepcopy(self.binder.get(("defaults", key))) if on else None
        if on and value is None:
            value = [] if key in ("shipping", "discounts") else {}
        self.binder.put(("products", self.index, key), value)
        self.rebuild()

    def release(self) -> None:
        self.binder.drop(self.bound)


class PricesTable(RowsTable):
    """``prices: {CURRENCY: amount}`` shown as rows of currency and amount."""

    def __init__(self, binder: Binder, path: Path_) -> None:
        self._rows: list[dict[str, Any]] = []
        super().__init__(
            binder,
            path,
            [
                Column("currency", QCoreApplication.translate("SheetForm", "Currency")),
                Column(
                    "amount",
                    QCoreApplication.translate("SheetForm", "Price"),
                    "amount",
                    strong=True,
                ),
            ],
            new_row=lambda: {"currency": "", "amount": None},
            rows_shown=2,
            add_text=QCoreApplication.translate("SheetForm", "Add currency"),
        )

    def rows(self) -> list[Any]:
        value = self.binder.get(self.path)
        if isinstance(value, dict):
            self._rows = [{"currency": k, "amount": v} for k, v in value.items()]
        elif value is None and not any(r.get("currency") for r in self._rows):
            pass  # rows added but not named yet stay on screen
        else:
            self._rows = []
        return self._rows

    def _currency(self, row: int) -> str:
        return str(self._rows[row].get("currency") or "") if row < len(self._rows) else ""

    def _item_changed(self, item: Any) -> None:
        r, c = item.row(), item.column()
        key = self.columns[c].key
        if key == "amount":
            from sola_studio.ui.sheet_editor.fields import amount_put

            value, problem = amount_put(item.text(), self._currency(r))
            self.problems.pop(r, None)
            if problem is not None:
                self.problems[r] = problem
            self._rows[r]["amount"] = value
        else:
            self._rows[r]["currency"] = item.text().strip().upper()
        self._write()

    def _write(self) -> None:
        value = {str(r["currency"]): r.get("amount") for r in self._rows if r.get("currency")}
        self.binder.put(self.path, value or None)

    def add_row(self) -> None:
        self.rows()
        self._rows.append(self.new_row())
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._rows))
        self.table.blockSignals(False)
        from PySide6.QtWidgets import QTableWidgetItem

        for c in range(len(self.columns)):
            self.table.setItem(len(self._rows) - 1, c, QTableWidgetItem())
        self.rows_changed.emit()

    def remove_row(self) -> None:
        r = self.table.currentRow()
        self.rows()
        if 0 <= r < len(self._rows):
            del self._rows[r]
            self._write()
            self.load()

    def move_row(self, step: int) -> None:
        return  # a currency's price has no order

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.up_button.hide()  # a currency's price has no order
        self.down_button.hide()

    def show_mark(self, rest: Path_, message: str) -> None:
        if rest and isinstance(rest[0], str):  # prices.EUR: the row of that currency
            names = [str(r.get("currency")) for r in self._rows]
            if rest[0] in names:
                rest = (names.index(rest[0]), "amount")
        super().show_mark(rest, message)


class ProductsPage(QSplitter):
    """The products in a list (add, remove, reorder) beside the chosen one's form."""

    chosen = Signal(int)

    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.binder = binder
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        col.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton("↑")
        self.down_button = QPushButton("↓")
        self.up_button.setToolTip(self.tr("Move up"))
        self.down_button.setToolTip(self.tr("Move down"))
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        col.addLayout(buttons)
        self.addWidget(left)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.addWidget(self.area)
        self.setStretchFactor(1, 1)
        self.form: ProductForm | None = None
        self.list.currentRowChanged.connect(self.show_product)
        self.add_button.clicked.connect(self.add_product)
        self.remove_button.clicked.connect(self.remove_product)
        self.up_button.clicked.connect(lambda: self.move_product(-1))
        self.down_button.clicked.connect(lambda: self.move_product(1))
        binder.edited.connect(self._names)
        self.reload()

    def products(self) -> list[Any]:
        value = self.binder.get(("products",))
        return value if isinstance(value, list) else []

    def _label(self, p: Any) -> str:
        from sola_studio.ui.sheet_editor.fields import local_get

        if not isinstance(p, dict):
            return "?"
        name = local_get(p.get("name"), self.binder.language, self.binder.seller_language)
        if not name and isinstance(p.get("name"), dict) and p["name"]:
            name = str(next(iter(p["name"].values())))
        return f"{name or self.tr('(no name)')}  ·  {p.get('id') or ''}"

    def _names(self) -> None:
        for i, p in enumerate(self.products()[: self.list.count()]):
            item = self.list.item(i)
            if item is not None and item.text() != self._label(p):
                item.setText(self._label(p))

    def reload(self, keep: int | None = None) -> None:
        """List the products again (after the YAML tab or a structural change)."""
        row = self.list.currentRow() if keep is None else keep
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.products():
            self.list.addItem(self._label(p))
        self.list.blockSignals(False)
        n = self.list.count()
        self.list.setCurrentRow(min(max(row, 0), n - 1) if n else -1)
        self.show_product(self.list.currentRow())

    def show_product(self, index: int) -> None:
        if self.form is not None:
            self.form.release()
        rebuild = lambda: self.show_product(index)  # noqa: E731
        self.form = ProductForm(self.binder, index, rebuild) if index >= 0 else None
        self.area.setWidget(self.form if self.form is not None else QWidget())
        if index >= 0:
            self.chosen.emit(index)

    def add_product(self) -> None:
        products = self.products()
        n = len(products) + 1
        products.append({"id": f"product{n}", "name": "", "price": None, "variants": []})
        self.binder.put(("products",), products)
        self.reload(keep=len(products) - 1)

    def remove_product(self) -> None:
        r = self.list.currentRow()
        products = self.products()
        if 0 <= r < len(products):
            del products[r]
            self.binder.put(("products",), products)
            self.reload(keep=r)

    def move_product(self, step: int) -> None:
        r = self.list.currentRow()
        products = self.products()
        to = r + step
        if 0 <= r < len(products) and 0 <= to < len(products):
            products[r], products[to] = products[to], products[r]
            self.binder.put(("products",), products)
            self.reload(keep=to)
