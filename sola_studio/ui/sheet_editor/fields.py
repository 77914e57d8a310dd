"""The form's fields, each bound to one place of the sheet document by path (the loader's
paths: ``products[0].variants[1].stock``), and the tables of rows (variants, shipping rules,
specs...). A field writes what the seller types into the document and shows what is there; it
holds no rule of its own: amounts go through :func:`~sola_studio.catalog.values.parse_amount`,
everything else is judged by the loader (:mod:`sola_studio.catalog.editing`), whose message the
dialog puts on the field it names.

Texts a viewer reads in their language (names, labels, answers) are shown and written in the
form's text language (the "Texts in" choice): a plain text is the seller's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sola_studio.catalog.editing import Path_, get_in, set_in
from sola_studio.catalog.values import AmountProblem, parse_amount
from sola_studio.ui import theme

#: how prices and stock are drawn: bold, full contrast, a size up (issue 19.7: faint grey)
STRONG_STYLE = f"font-weight: 600; color: {theme.TEXT}; font-size: 11pt;"
INVALID_STYLE = f"border: 2px solid {theme.RED};"


class Binder(QObject):
    """The document the form edits, the text language, and every bound field. ``edited``:
    the seller changed something (the dialog checks the sheet again)."""

    edited = Signal()

    def __init__(self, doc: dict[str, Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.language = str(doc.get("seller_language") or "en").lower()
        self.fields: list[Bound] = []

    @property
    def seller_language(self) -> str:
        return str(self.doc.get("seller_language") or "en").strip().lower()

    def currency(self) -> str:
        return str(self.doc.get("currency") or "").strip().upper()

    def get(self, path: Path_) -> Any:
        return get_in(self.doc, path)

    def put(self, path: Path_, value: Any) -> None:
        set_in(self.doc, path, value)
        self.edited.emit()

    def add(self, field: Bound) -> None:
        self.fields.append(field)

    def drop(self, fields: Sequence[Bound]) -> None:
        gone = {id(f) for f in fields}
        self.fields = [f for f in self.fields if id(f) not in gone]

    def refresh(self) -> None:
        """Show the document again (after the YAML tab or a structural change)."""
        for f in self.fields:
            f.load()

    def mark(self, path: Path_, message: str) -> Bound | None:
        """Mark the field the loader's message is about (the longest bound path that starts
        the error's path); clear every other mark. Returns the field marked."""
        best: Bound | None = None
        for f in self.fields:
            f.clear_mark()
            if path[: len(f.path)] == f.path and (best is None or len(f.path) > len(best.path)):
                best = f
        if best is not None and path:
            best.show_mark(path[len(best.path) :], message)
        return best


# --- what the seller types, into the document -------------------------------------------------


def local_get(value: Any, language: str, seller: str) -> str:
    """A text in ``language`` from a plain text (the seller's language) or ``{lang: text}``."""
    if isinstance(value, dict):
        return str(value.get(language) or "")
    if value in (None, ""):
        return ""
    return str(value) if language == seller else ""


def local_put(value: Any, language: str, seller: str, text: str) -> Any:
    """``value`` with ``text`` as its wording in ``language`` (kept plain while only the
    seller's language is written)."""
    text = text.strip()
    if not isinstance(value, dict):
        if language == seller:
            return text or None
        value = {} if value in (None, "") else {seller: value}
    out = {k: v for k, v in value.items() if k != language}
    if text:
        out[language] = text
    return out or None


def aliases_get(value: Any, language: str, seller: str) -> Any:
    """Aliases in ``language``: schema 2 writes ``{lang: [names]}`` or a plain list (the
    seller's language)."""
    if isinstance(value, dict):
        return value.get(language)
    return value if language == seller else None


def aliases_put(value: Any, language: str, seller: str, names: list[str] | None) -> Any:
    if not isinstance(value, dict):
        if language == seller:
            return names
        value = {seller: value} if value else {}
    out = {k: v for k, v in value.items() if k != language}
    if names:
        out[language] = names
    return out or None


def amount_put(text: str, currency: str) -> tuple[Any, AmountProblem | None]:
    """What an amount field writes: the number (``R$ 59,90`` -> 59.90), else the text as typed
    (the loader then names the mistake) and the problem (an ambiguous one offers choices)."""
    text = text.strip()
    if not text:
        return None, None
    try:
        return parse_amount(text, currency or None).amount, None
    except AmountProblem as exc:
        return text, exc


def amount_text(value: Any) -> str:
    """An amount as money is read: YAML's ``89.9`` shown ``89.90``; text as typed."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        if number == number.quantize(Decimal("0.01")) and number.as_tuple().exponent != 0:
            number = number.quantize(Decimal("0.01"))
        return format(number, "f")
    return str(value)


def whole_put(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() else text


def list_put(text: str) -> list[str] | None:
    items = [t.strip() for t in text.split(",") if t.strip()]
    return items or None


def list_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


# --- one field ----------------------------------------------------------------------------------


class Bound:
    """A widget bound to ``path``: ``load`` shows the document, edits write it."""

    path: Path_

    def load(self) -> None:
        raise NotImplementedError

    def clear_mark(self) -> None:
        raise NotImplementedError

    def show_mark(self, rest: Path_, message: str) -> None:
        raise NotImplementedError

    def widget(self) -> QWidget:
        raise NotImplementedError


class LineField(QLineEdit, Bound):
    """One line: ``kind`` is text, local (per language), amount, whole or list."""

    problem = Signal(object)  # AmountProblem | None: an amount that needs the seller

    def __init__(self, binder: Binder, path: Path_, kind: str = "text", strong: bool = False):
        super().__init__()
        self.binder, self.path, self.kind = binder, path, kind
        self.amount_problem: AmountProblem | None = None
        self._style = STRONG_STYLE if strong else ""
        self.setStyleSheet(self._style)
        self.textEdited.connect(self._edited)
        binder.add(self)
        self.load()

    def widget(self) -> QWidget:
        return self

    def currency(self) -> str:
        if self.kind == "amount" and len(self.path) >= 2 and self.path[-2] == "prices":
            return str(self.path[-1]).upper()  # prices: {EUR: ...} is in its own currency
        return self.binder.currency()

    def load(self) -> None:
        value = self.binder.get(self.path)
        if self.kind == "local":
            text = local_get(value, self.binder.language, self.binder.seller_language)
        elif self.kind == "amount":
            text = amount_text(value)
        elif self.kind == "list":
            text = list_text(value)
        elif self.kind == "aliases":
            text = list_text(aliases_get(value, self.binder.language, self.binder.seller_language))
        else:
            text = "" if value is None else str(value)
        if text != self.text():
            self.setText(text)

    def _edited(self, text: str) -> None:
        self.amount_problem = None
        if self.kind == "local":
            value = local_put(
                self.binder.get(self.path), self.binder.language, self.binder.seller_language, text
            )
        elif self.kind == "amount":
            value, self.amount_problem = amount_put(text, self.currency())
        elif self.kind == "whole":
            value = whole_put(text)
        elif self.kind == "list":
            value = list_put(text)
        elif self.kind == "aliases":
            value = aliases_put(
                self.binder.get(self.path),
                self.binder.language,
                self.binder.seller_language,
                list_put(text),
            )
        else:
            value = text.strip() or None
        self.binder.put(self.path, value)
        self.problem.emit(self.amount_problem)

    def choose(self, amount: Decimal) -> None:
        """The seller answered which reading of an ambiguous amount they meant."""
        self.setText(format(amount, "f"))
        self._edited(self.text())

    def clear_mark(self) -> None:
        self.setStyleSheet(self._style)
        self.setToolTip("")

    def show_mark(self, rest: Path_, message: str) -> None:
        self.setStyleSheet(self._style + INVALID_STYLE)
        self.setToolTip(message)


class CheckField(QCheckBox, Bound):
    def __init__(self, binder: Binder, path: Path_, label: str) -> None:
        super().__init__(label)
        self.binder, self.path = binder, path
        binder.add(self)
        self.load()
        self.toggled.connect(lambda on: self.binder.put(self.path, True if on else None))

    def widget(self) -> QWidget:
        return self

    def load(self) -> None:
        value = self.binder.get(self.path)
        on = value is True or str(value).lower() in ("true", "yes", "1")
        if on != self.isChecked():
            self.blockSignals(True)
            self.setChecked(on)
            self.blockSignals(False)

    def clear_mark(self) -> None:
        self.setStyleSheet("")

    def show_mark(self, rest: Path_, message: str) -> None:
        self.setStyleSheet(f"color: {theme.RED};")
        self.setToolTip(message)


# --- rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str = "text"  # text, local, amount, whole, list, bool
    strong: bool = False  # prices and stock: drawn bold and bright
    stock: bool = False  # red when sold out, amber at or below the sheet's low-stock threshold


class RowsTable(QWidget, Bound):
    """A list of mappings (variants, shipping rules, specs...) as a table: one row each, one
    column per field; add, remove and move rows. ``new_row`` makes a new row's mapping."""

    rows_changed = Signal()

    def __init__(
        self,
        binder: Binder,
        path: Path_,
        columns: Sequence[Column],
        new_row: Callable[[], dict[str, Any]] = dict,
        add_text: str = "",
        rows_shown: int = 5,
    ) -> None:
        super().__init__()
        self.binder, self.path, self.columns, self.new_row = binder, path, columns, new_row
        self.table = QTableWidget(0, len(columns))
        # inside a scrolling page a table would shrink to one row: keep a few rows in view
        self.table.setMinimumHeight(36 + 30 * rows_shown)
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._item_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_text or self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        self.problems: dict[int, AmountProblem] = {}
        binder.add(self)
        self.load()

    def widget(self) -> QWidget:
        return self

    def rows(self) -> list[Any]:
        value = self.binder.get(self.path)
        return value if isinstance(value, list) else []

    def load(self) -> None:
        rows = self.rows()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, col in enumerate(self.columns):
                value = row.get(col.key) if isinstance(row, dict) else None
                item = QTableWidgetItem()
                if col.kind == "bool":
                    on = value is True or str(value).lower() in ("true", "yes")
                    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                else:
                    item.setText(self._text(col, value))
                if col.strong:
                    font = item.font()
                    font.setBold(True)
                    font.setPointSize(font.pointSize() + 1)
                    item.setFont(font)
                    item.setForeground(QBrush(QColor(self._colour(col, value))))
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)

    def _colour(self, col: Column, value: Any) -> str:
        if not col.stock or not str(value).strip().isdigit():
            return theme.TEXT
        low = self.binder.get(("low_stock_threshold",))
        low = int(low) if str(low).strip().isdigit() else 5
        stock = int(str(value).strip())
        return theme.RED if stock == 0 else theme.AMBER if stock <= low else theme.TEXT

    def _text(self, col: Column, value: Any) -> str:
        if col.kind == "local":
            return local_get(value, self.binder.language, self.binder.seller_language)
        if col.kind == "amount":
            return amount_text(value)
        if col.kind == "list":
            return list_text(value)
        return "" if value is None else str(value)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        r, c = item.row(), item.column()
        col = self.columns[c]
        at = (*self.path, r, col.key)
        self.problems.pop(r, None)
        if col.kind == "bool":
            value: Any = True if item.checkState() == Qt.CheckState.Checked else None
        elif col.kind == "local":
            value = local_put(
                self.binder.get(at), self.binder.language, self.binder.seller_language, item.text()
            )
        elif col.kind == "amount":
            value, problem = amount_put(item.text(), self._currency(r))
            if problem is not None:
                self.problems[r] = problem
        elif col.kind == "whole":
            value = whole_put(item.text())
        elif col.kind == "list":
            value = list_put(item.text())
        else:
            value = item.text().strip() or None
        self.binder.put(at, value)

    def _currency(self, row: int) -> str:
        rows = self.rows()
        own = rows[row].get("currency") if row < len(rows) and isinstance(rows[row], dict) else None
        if own:
            return str(own).upper()
        if self.path[-1:] == ("prices",):
            return ""
        return self.binder.currency()

    def set_cell(self, row: int, key: str, text: str) -> None:
        """Type ``text`` into a cell as the seller would (tests, and the ambiguity answer)."""
        c = next(i for i, col in enumerate(self.columns) if col.key == key)
        item = self.table.item(row, c)
        assert item is not None
        item.setText(text)

    def add_row(self) -> None:
        rows = self.rows()
        rows.append(self.new_row())
        self.binder.put(self.path, rows)
        self.load()
        self.table.setCurrentCell(len(rows) - 1, 0)
        self.rows_changed.emit()

    def remove_row(self) -> None:
        r = self.table.currentRow()
        rows = self.rows()
        if 0 <= r < len(rows):
            del rows[r]
            self.binder.put(self.path, rows)
            self.load()
            self.rows_changed.emit()

    def move_row(self, step: int) -> None:
        r = self.table.currentRow()
        rows = self.rows()
        to = r + step
        if 0 <= r < len(rows) and 0 <= to < len(rows):
            rows[r], rows[to] = rows[to], rows[r]
            self.binder.put(self.path, rows)
            self.load()
            self.table.setCurrentCell(to, self.table.currentColumn())
            self.rows_changed.emit()

    def clear_mark(self) -> None:
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None and item.toolTip():
                    item.setBackground(QBrush())
                    item.setToolTip("")
        self.table.blockSignals(False)

    def show_mark(self, rest: Path_, message: str) -> None:
        if not rest or not isinstance(rest[0], int) or rest[0] >= self.table.rowCount():
            self.table.setToolTip(message)
            return
        keys = [col.key for col in self.columns]
        cols = [keys.index(str(rest[1]))] if len(rest) > 1 and rest[1] in keys else range(len(keys))
        self.table.blockSignals(True)
        for c in cols:
            item = self.table.item(rest[0], c)
            if item is not None:
                item.setBackground(QBrush(QColor(theme.RED).darker(160)))
                item.setToolTip(message)
        self.table.blockSignals(False)
