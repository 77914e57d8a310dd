"""The window's product sheet editor (issue 19.7, issue 15's editor), offscreen with the real
loader and real files: a price typed as "R$ 59,90" is saved as 59.9; a bad field blocks Save
with the loader's own message at that field; Cancel with edits asks; approving a translation
persists in NAME.translations.json; the YAML tab and the form agree both ways."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import SAMPLE_SHEET

pytest.importorskip("PySide6")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from sola_studio.catalog import editing
from sola_studio.catalog.loader import load_sheet
from sola_studio.comments.sheet_texts import CachedText, read_cache, write_cache
from sola_studio.ui.sheet_editor import SheetFormEditor


def answer_next_box(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Click ``button`` on the next message box the editor opens (modal: its own loop)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(box.text())
        b = box.button(button)
        assert b is not None
        b.click()

    QTimer.singleShot(0, click)


@pytest.fixture
def sheet_path(tmp_path: Path) -> Path:
    path = tmp_path / "shop.yaml"
    shutil.copy(SAMPLE_SHEET, path)
    return path


def open_editor(qtbot, path: Path) -> SheetFormEditor:  # type: ignore[no-untyped-def]
    editor = SheetFormEditor(path)
    qtbot.addWidget(editor)
    editor.tabs.setCurrentIndex(editor.PRODUCTS)
    return editor


def test_a_price_typed_in_reais_is_saved_as_the_number(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, sheet_path)
    form = editor.products.form
    assert form is not None and form.price.text() == "89.90"
    form.price.clear()
    qtbot.keyClicks(form.price, "R$ 59,90")
    assert editor.is_dirty()
    assert editor.save()
    assert "price: 59.90" in sheet_path.read_text(encoding="utf-8")
    assert load_sheet(sheet_path).product("tee").price.amount == Decimal("59.9")  # type: ignore[union-attr]
    assert editor.sheet is not None and editor.sheet.product("tee").price.amount == Decimal("59.9")  # type: ignore[union-attr]
    assert editing.backup_of(sheet_path).read_bytes() == SAMPLE_SHEET.read_bytes()


def test_a_bad_field_blocks_save_with_the_loaders_message(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, sheet_path)
    form = editor.products.form
    assert form is not None
    form.variants.set_cell(0, "stock", "lots")
    qtbot.waitUntil(lambda: editor.checked is not None and not editor.checked.ok)
    assert editor.checked is not None and editor.checked.error is not None
    message = editor.checked.error.message
    assert "products[0].variants[0].stock" in message and "whole number" in message
    cell = form.variants.table.item(0, 2)
    assert cell is not None and "whole number" in cell.toolTip()  # marked at the field
    before = sheet_path.read_bytes()
    assert not editor.save()
    assert "Not saved" in editor.problem.text() and "stock" in editor.problem.text()
    assert sheet_path.read_bytes() == before


def test_an_ambiguous_amount_asks_which_one(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, sheet_path)
    form = editor.products.form
    assert form is not None
    form.price.clear()
    qtbot.keyClicks(form.price, "1,234")
    editor.check_now()
    assert "ambiguous" in editor.problem.text()
    assert not editor.save()
    buttons = [editor.choices.itemAt(i).widget() for i in range(editor.choices.count())]
    labels = [b.text() for b in buttons]  # type: ignore[union-attr]
    assert labels == ["1234", "1.234"]
    buttons[0].click()  # type: ignore[union-attr]
    assert editor.save()
    assert load_sheet(sheet_path).product("tee").price.amount == Decimal("1234")  # type: ignore[union-attr]


def test_cancel_with_edits_asks_and_keep_editing_keeps_them(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, sheet_path)
    editor.show()
    form = editor.products.form
    assert form is not None
    qtbot.keyClicks(form.name, " Plus")
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.Cancel, seen)  # "Keep editing"
    editor.reject()
    assert seen and "not saved" in seen[0]
    assert editor.isVisible() and editor.is_dirty()
    answer_next_box(QMessageBox.StandardButton.Discard, seen)
    editor.reject()
    assert len(seen) == 2 and not editor.isVisible()
    assert sheet_path.read_bytes() == SAMPLE_SHEET.read_bytes()


def test_cancel_without_edits_does_not_ask(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, sheet_path)
    editor.show()
    assert not editor.is_dirty()
    editor.reject()
    assert not editor.isVisible()


def test_approving_a_translation_persists(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache = sheet_path.with_name("shop.translations.json")
    write_cache(
        cache,
        [
            CachedText("en", "pt", "Ecobag Sola", "Ecobag Sola"),
            CachedText("en", "pt", "Tênis Sola Runner", "Tênis Sola Corredor"),
        ],
    )
    editor = open_editor(qtbot, sheet_path)
    view = editor.translations
    assert view.table.rowCount() == 2
    view.approve(0)
    text = view.table.item(1, 2)
    assert text is not None
    text.setText("Tênis Sola Runner")  # the seller corrects the machine
    assert editor.is_dirty()
    assert editor.save()
    assert read_cache(cache) == [
        CachedText("en", "pt", "Ecobag Sola", "Ecobag Sola", approved=True),
        CachedText("en", "pt", "Tênis Sola Runner", "Tênis Sola Runner", approved=True),
    ]


def test_the_yaml_tab_and_the_form_agree(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, sheet_path)
    form = editor.products.form
    assert form is not None
    form.variants.set_cell(0, "stock", "7")
    editor.tabs.setCurrentIndex(editor.YAML)
    text = editor.yaml.toPlainText()
    assert editing.parse(text)["products"][0]["variants"][0]["stock"] == 7
    editor.yaml.setPlainText(text.replace("price: 249.9", "price: 199.5", 1))
    editor.tabs.setCurrentIndex(editor.PRODUCTS)
    editor.products.list.setCurrentRow(1)
    form = editor.products.form
    assert form is not None and form.price.text() == "199.50"
    editor.yaml.setPlainText("products: [")  # not YAML: the form keeps the last good sheet
    editor.tabs.setCurrentIndex(editor.YAML)
    editor.yaml.setPlainText("products: [")
    editor.check_now()
    assert "not valid YAML" in editor.problem.text()
    assert not editor.save()


def test_the_window_opens_the_form_and_follows_the_saved_sheet(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sola_studio.config import Settings
    from sola_studio.ui.session import DEMO_INPUTS, load_sheet_for, session_factory
    from sola_studio.ui.window import MainWindow

    settings = Settings().replace(product_sheet=str(sheet_path))
    win = MainWindow(settings, session_factory(inputs=DEMO_INPUTS), load_sheet_for(settings))
    qtbot.addWidget(win)
    win.show()
    seen: list[str] = []

    def edit() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, SheetFormEditor):
            QTimer.singleShot(10, edit)
            return
        editor.tabs.setCurrentIndex(editor.PRODUCTS)
        form = editor.products.form
        assert form is not None
        form.price.setText("")
        qtbot.keyClicks(form.price, "R$ 59,90")
        seen.append("edited")
        editor.save()

    QTimer.singleShot(0, edit)
    win.open_sheet_editor()
    assert seen == ["edited"]
    assert "59.90" in win.pinned.price.text()  # the pinned panel follows the saved sheet
    assert load_sheet(sheet_path).product("tee").price.amount == Decimal("59.9")  # type: ignore[union-attr]
    win.close()
    assert win.shutdown()


def test_the_editor_is_chinese_in_the_chinese_window(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication
    from test_ui_chinese import english_words, shown_texts

    from sola_studio.ui import i18n

    app = QCoreApplication.instance()
    assert i18n.install(app, "zh_CN") == "zh_CN"
    try:
        editor = SheetFormEditor(sheet_path)
        qtbot.addWidget(editor)
        # the file's path and the loader's verdict name the seller's own data and fields
        skip = (editor.where, editor.problem)
        for tab in range(editor.tabs.count()):
            editor.tabs.setCurrentIndex(tab)
            left = {t: english_words(t) for t in shown_texts(editor, skip)}
            assert {t: w for t, w in left.items() if w} == {}
        assert editor.tabs.tabText(editor.PRODUCTS) == "商品"
    finally:
        i18n.install(app, "en")


def test_a_product_gets_its_own_warranty_over_the_shops(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sola_studio.ui.sheet_editor.pages import WarrantyField

    editor = open_editor(qtbot, sheet_path)
    editor.products.list.setCurrentRow(2)  # the tote: the shop's terms, no warranty
    form = editor.products.form
    assert form is not None and not form.own["warranty"].isChecked()
    form.own["warranty"].setChecked(True)
    form = editor.products.form  # made again with the product's own warranty
    assert form is not None and form.own["warranty"].isChecked()
    warranty = form.findChild(WarrantyField)
    assert warranty is not None
    warranty.kind.setCurrentIndex(warranty.kind.findData("years"))
    warranty.kind.activated.emit(warranty.kind.currentIndex())
    warranty.count.setValue(2)
    assert editor.save()
    tote = load_sheet(sheet_path).product("tote")
    assert tote is not None and tote.warranty is not None
    assert (tote.warranty.years, tote.warranty.months) == (2, 24)


def test_a_csv_sheet_is_saved_as_yaml_beside_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "shop.csv"
    shutil.copy(SAMPLE_SHEET.with_suffix(".csv"), csv)
    editor = SheetFormEditor(csv)
    qtbot.addWidget(editor)
    assert editor.path == tmp_path / "shop.yaml" and "CSV" in editor.migrated.text()
    assert editor.save()
    assert csv.read_bytes() == SAMPLE_SHEET.with_suffix(".csv").read_bytes()  # left as it is
    saved, original = load_sheet(tmp_path / "shop.yaml"), load_sheet(csv)
    assert [(p.id, p.price, p.variants) for p in saved.products] == [
        (p.id, p.price, p.variants) for p in original.products
    ]


def test_opening_another_sheet_with_edits_asks_first(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, sheet_path)
    form = editor.products.form
    assert form is not None
    qtbot.keyClicks(form.name, " Plus")
    seen: list[str] = []
    answer_next_box(QMessageBox.StandardButton.Cancel, seen)  # "Keep editing": no file dialog
    editor.open_other()
    assert seen and editor.is_dirty() and editor.path == sheet_path


def test_a_code_s_minimum_order_is_edited_and_saved(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    # blind sheets of three rounds gave a code a minimum order ("LAAG10 from €40"); the sheet
    # holds it now (discounts: min_order) and the editor edits it like any amount
    from sola_studio.ui.sheet_editor.fields import RowsTable

    editor = open_editor(qtbot, sheet_path)
    editor.tabs.setCurrentIndex(editor.DEFAULTS)
    tables = [
        t
        for t in editor.findChildren(RowsTable)
        if "From amount"
        in [t.table.horizontalHeaderItem(c).text() for c in range(t.table.columnCount())]
    ]
    assert tables, "no discounts table with a minimum order column"
    table = tables[0].table
    col = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index(
        "From amount"
    )
    table.item(0, col).setText("R$ 150,00")
    assert editor.save()
    sheet = load_sheet(sheet_path)
    live = next(d for d in sheet.products[0].discounts if d.code == "LIVE10")
    assert live.min_order is not None and live.min_order.amount == Decimal("150")


def test_who_gives_the_instalments_is_edited_and_saved(qtbot, sheet_path: Path) -> None:  # type: ignore[no-untyped-def]
    # seven blind sheets of four rounds named the instalments' provider (Klarna, Mercado Pago,
    # mBank Raty); the sheet holds it (instalments: provider) and the editor edits it
    from sola_studio.ui.sheet_editor.fields import LineField

    editor = open_editor(qtbot, sheet_path)
    editor.tabs.setCurrentIndex(editor.DEFAULTS)
    fields = [f for f in editor.findChildren(LineField) if f.path[-1:] == ("provider",)]
    assert fields, "no field for the instalments' provider"
    fields[0].setText("Mercado Pago")
    fields[0].textEdited.emit("Mercado Pago")
    assert editor.save()
    plans = [
        p.payment.instalments
        for p in load_sheet(sheet_path).products
        if p.payment is not None and p.payment.instalments is not None
    ]
    assert plans and all(plan.provider == "Mercado Pago" for plan in plans)
