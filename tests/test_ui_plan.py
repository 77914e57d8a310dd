"""The window's plan parts, offscreen and real: the teleprompter ticks points as the recorded
sample talk says them (its transcript, published as captions at its own times through the real
tracker), moves on by key; the plan editor round-trips a plan file, approving and correcting."""

from __future__ import annotations

import csv
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import REPO_ROOT, wait_until

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from sola_studio import config
from sola_studio.catalog.loader import load_sheet
from sola_studio.config import Settings
from sola_studio.core.bus import Bus
from sola_studio.core.clock import ManualClock
from sola_studio.core.errors import ConfigError
from sola_studio.core.events import Caption
from sola_studio.plan.events import PlanCommand, PlanLineSaid, SegmentChanged
from sola_studio.plan.generate import generate_plan
from sola_studio.plan.io import load_plan, save_plan
from sola_studio.plan.model import LineState, Version
from sola_studio.plan.tracker import PlanTracker, TeleprompterState
from sola_studio.ui.adapter import BusAdapter
from sola_studio.ui.session import StudioInputs, live_options
from sola_studio.ui.settings_dialog import SettingsDialog
from sola_studio.ui.widgets.plan_editor import PlanDialog, PlanEditor
from sola_studio.ui.widgets.teleprompter import Teleprompter

SAMPLE_PLAN = REPO_ROOT / "assets" / "sample_plan.yaml"
TALK = REPO_ROOT / "assets" / "sample" / "seller_talk.tsv"


def talk() -> list[tuple[float, float, str]]:
    with TALK.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [(float(r["start_s"]), float(r["end_s"]), r["text"]) for r in rows]


def test_the_teleprompter_ticks_points_as_the_sample_talk_says_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    plan = load_plan(SAMPLE_PLAN)
    bus = Bus()
    clock = ManualClock()
    tracker = PlanTracker(bus, plan, clock.monotonic)
    tracker.subscribe()
    panel = Teleprompter()
    qtbot.addWidget(panel)
    adapter = BusAdapter((PlanLineSaid, SegmentChanged), bus)
    adapter.route(object, panel.refresh)
    panel.attach(tracker.state, lambda a: bus.publish(PlanCommand(a, clock.monotonic())))
    tracker.start()
    qtbot.waitUntil(lambda: panel.title.text() == "Welcome")
    seen_segments: list[str] = []

    def shown_as(state: TeleprompterState) -> bool:
        ticked = [p.line_id for p in state.points if p.said]
        return state.segment is not None and (panel.title.text(), panel.ticked()) == (
            state.segment.title,
            ticked,
        )

    for i, (_start, end, text) in enumerate(talk(), start=1):
        clock.advance(end - clock.monotonic())
        bus.publish(Caption(i, "en", text, _start, end, True, clock.monotonic(), clock.monotonic()))
        qtbot.waitUntil(lambda: shown_as(tracker.state()))
        if not seen_segments or seen_segments[-1] != panel.title.text():
            seen_segments.append(panel.title.text())
        if text.startswith("It is made of"):
            # the tee segment: what it is and the material are ticked, the rest is open
            assert panel.ticked() == ["tee-what", "tee-material"]
            assert panel.time_left.text() == "0:40 left"  # 45 s box, entered at 11.83 s
    assert seen_segments == [
        "Welcome",
        "Camiseta Sola Classic",
        "Price and offers",
        "Questions and goodbye",
    ]
    assert panel.ticked() == ["close-questions", "close-answer", "close-basket", "close-bye"]
    said = tracker.state().said
    assert "tee-warranty" not in said and "offer-bundle" not in said  # never said in the talk
    assert len(said) == 17
    # the key moves on: past the last segment the plan is finished
    qtbot.keyClick(panel, Qt.Key.Key_PageDown)
    wait_until(lambda: tracker.state().ended, what="the plan finished by key")
    panel.refresh()
    assert panel.title.text() == "Plan finished"
    adapter.close()


def test_the_plan_editor_round_trips_a_plan_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.yaml"
    plan = load_plan(SAMPLE_PLAN).with_version(
        "tee-fit", "pt", Version("Caimento regular.", LineState.MACHINE)
    )
    save_plan(plan, path)
    editor = PlanEditor()
    qtbot.addWidget(editor)
    editor.open(path)
    assert editor.table.rowCount() == 19
    assert editor.table.horizontalHeaderItem(2).text() == "pt"
    # unchanged: what is saved is what was read
    editor.save(tmp_path / "same.yaml")
    assert load_plan(tmp_path / "same.yaml") == plan
    row = [editor.table.item(r, 1).text() for r in range(19)].index(
        "The fit is regular, so just take your usual size."
    )
    assert editor.state_of(row, "pt") is LineState.MACHINE
    editor.table.selectRow(row)
    editor.approve_selected()
    assert editor.state_of(row, "pt") is LineState.APPROVED
    # the seller corrects a Spanish version the engines could not write
    es = 3
    assert editor.state_of(row, "es") is LineState.MISSING
    editor.table.item(row, es).setText("El corte es regular: elige tu talla de siempre.")
    assert editor.state_of(row, "es") is LineState.APPROVED
    assert editor.save(path) == path
    again = load_plan(path)
    fit = again.line("tee-fit")
    assert fit is not None
    assert fit.versions["pt"] == Version("Caimento regular.", LineState.APPROVED)
    assert fit.approved("es") == "El corte es regular: elige tu talla de siempre."
    assert again.line("hello") == plan.line("hello")


def test_the_plan_dialog_starts_from_the_sheet_when_it_has_no_plan(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "shop.yaml"
    sheet.write_bytes((REPO_ROOT / "assets" / "sample_sheet.yaml").read_bytes())
    dialog = PlanDialog(sheet, ["pt"])
    qtbot.addWidget(dialog)
    plan = dialog.editor.plan
    assert plan is not None and [s.id for s in plan.segments][:2] == ["intro", "tee"]
    assert dialog.editor.path == tmp_path / "shop.plan.yaml"
    dialog.editor.save()
    assert load_plan(tmp_path / "shop.plan.yaml") == plan
    again = PlanDialog(sheet, ["pt"])
    qtbot.addWidget(again)
    assert again.editor.plan == plan  # opened, not generated again


def answer_next_box(qtbot, button: QMessageBox.StandardButton, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Click ``button`` on the next message box the code opens (modal: it runs its own loop)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, click)


def test_the_editor_edits_segments_and_points_and_the_file_reopens_identical(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "shop.plan.yaml"
    save_plan(load_plan(SAMPLE_PLAN), path)
    editor = PlanEditor()
    qtbot.addWidget(editor)
    editor.open(path)
    assert not editor.dirty
    ids = [s.id for s in editor.plan.segments]
    assert ids == ["intro", "tee", "offer", "close"]
    # the tee segment: a new title and a one-minute box, then it moves below the offer
    editor.segments.setCurrentRow(1)
    assert editor.title_edit.text() == "Camiseta Sola Classic"
    editor.title_edit.setText("The classic tee")
    editor.title_edit.editingFinished.emit()
    editor.box_spin.setValue(60)
    editor.down_button.click()
    assert [s.id for s in editor.plan.segments] == ["intro", "offer", "tee", "close"]
    assert editor.current_segment() == 2 and editor.title_edit.text() == "The classic tee"
    editor.up_button.click()
    editor.down_button.click()
    assert editor.dirty
    # a new product segment after the tee: saving without its product names the field
    editor.add_segment_button.click()
    assert editor.current_segment() == 3
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("product"))
    editor.title_edit.setText("Linen shorts")
    editor.title_edit.editingFinished.emit()
    with pytest.raises(ConfigError, match=r"segments\.3\.product"):
        editor.save()
    assert load_plan(path) == load_plan(SAMPLE_PLAN)  # nothing written
    editor.product_edit.setText("shorts")
    editor.product_edit.editingFinished.emit()
    rows = editor.table.rowCount()
    new_id = editor.add_point("Linen shorts, cool all summer.")
    assert editor.table.rowCount() == rows + 1
    row = editor.table.currentRow()
    assert editor.table.item(row, 1).text() == "Linen shorts, cool all summer."
    assert editor.cell_text(row, "pt") == "…"  # not translated yet
    # a point goes: the tee's warranty (never said in the sample talk)
    warranty = [editor.table.item(r, 1).text() for r in range(editor.table.rowCount())].index(
        load_plan(SAMPLE_PLAN).line("tee-warranty").say
    )
    editor.table.clearSelection()
    editor.table.selectRow(warranty)
    editor.remove_point_button.click()
    # the intro goes
    editor.segments.setCurrentRow(0)
    editor.remove_segment_button.click()
    edited = editor.plan
    assert editor.save() == path and not editor.dirty
    again = PlanEditor()
    qtbot.addWidget(again)
    again.open(path)
    assert again.plan == edited
    assert [s.id for s in edited.segments] == ["offer", "tee", "segment-1", "close"]
    tee = edited.segments[1]
    assert (tee.title, tee.box_s) == ("The classic tee", 60.0)
    assert "tee-warranty" not in [p.id for p in tee.points]
    shorts = edited.segments[2]
    assert (shorts.kind.value, shorts.product, shorts.title) == (
        "product",
        "shorts",
        "Linen shorts",
    )
    assert [p.id for p in shorts.points] == [new_id]


def test_closing_with_unsaved_edits_asks_cancel_discard_save(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "shop.yaml"
    sheet.write_bytes((REPO_ROOT / "assets" / "sample_sheet.yaml").read_bytes())
    plan_file = tmp_path / "shop.plan.yaml"
    dialog = PlanDialog(sheet, ["pt"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.editor.dirty  # generated from the sheet, not saved yet
    seen: list[str] = []
    answer_next_box(qtbot, QMessageBox.StandardButton.Cancel, seen)
    dialog.close()
    assert seen == ["The plan has changes that are not saved."]
    assert dialog.isVisible() and not plan_file.exists()
    answer_next_box(qtbot, QMessageBox.StandardButton.Save, seen)
    dialog.close()
    assert not dialog.isVisible()
    assert load_plan(plan_file) == dialog.editor.plan
    # opened again: a saved plan closes without a question; an edit asks; Discard keeps the file
    again = PlanDialog(sheet, ["pt"])
    qtbot.addWidget(again)
    again.show()
    again.close()
    assert not again.isVisible() and len(seen) == 2
    third = PlanDialog(sheet, ["pt"])
    qtbot.addWidget(third)
    third.show()
    third.editor.segments.setCurrentRow(0)
    third.editor.title_edit.setText("Hello everyone")
    third.editor.title_edit.editingFinished.emit()
    answer_next_box(qtbot, QMessageBox.StandardButton.Discard, seen)
    third.close()
    assert not third.isVisible() and len(seen) == 3
    assert load_plan(plan_file) == dialog.editor.plan


def test_generate_from_sheet_for_a_seller_with_no_plan(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = load_sheet(REPO_ROOT / "assets" / "sample_sheet.yaml")
    editor = PlanEditor(generate=lambda: generate_plan(sheet, ("pt", "es"))[0])
    qtbot.addWidget(editor)
    assert editor.plan is None and not editor.save_button.isEnabled()
    assert editor.new_button.text() == "Generate from sheet"
    editor.new_button.click()
    assert editor.plan is not None and editor.dirty
    assert editor.plan.segments[0].kind.value == "intro"
    assert editor.table.rowCount() == len(list(editor.plan.lines())) > 20
    editor.save(tmp_path / "shop.plan.yaml")
    assert load_plan(tmp_path / "shop.plan.yaml") == editor.plan


def test_translation_runs_off_the_gui_thread_with_progress_and_cancel(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A fill that waits on a gate: while it waits the window keeps running (a timer fires,
    the progress shows the segment done), Cancel stops it after that segment and nothing
    changes; run again to the end, the result lands through ``filled``."""
    gate, entered = threading.Event(), threading.Event()
    threads: set[str] = set()

    def fill(part):  # type: ignore[no-untyped-def]
        threads.add(threading.current_thread().name)
        if part.segments[0].id == "tee":
            entered.set()
            assert gate.wait(10)
        return part.map_lines(
            lambda _s, ln: replace(
                ln,
                versions={**ln.versions, "es": Version("[es] " + ln.say, LineState.MACHINE)},
            )
        )

    editor = PlanEditor(fill=fill)
    qtbot.addWidget(editor)
    editor.show()
    plan = load_plan(SAMPLE_PLAN)
    editor.set_plan(plan)
    editor.fill_button.click()
    wait_until(entered.is_set, what="the worker reached the tee segment")
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 3 and editor.progress.value() == 1)
    timer.stop()
    assert editor.progress.isVisible() and editor.cancel_button.isVisible()
    assert not editor.table.isEnabled() and not editor.fill_button.isEnabled()
    with qtbot.waitSignal(editor.filled) as got:
        editor.cancel_button.click()
        gate.set()
    assert got.args == [None] and editor.plan == plan and not editor.dirty
    assert not editor.progress.isVisible() and editor.table.isEnabled()
    with qtbot.waitSignal(editor.filled) as got:
        editor.fill_button.click()
    assert threads == {"plan-fill"}
    filled = got.args[0]
    assert filled == editor.plan and editor.dirty
    row, first = 0, plan.segments[0].points[0].say
    assert editor.table.item(row, 1).text() == first
    assert editor.state_of(row, "es") is LineState.MACHINE
    assert editor.cell_text(row, "es") == "[es] " + first
    assert editor.cell_text(row, "pt") == plan.segments[0].points[0].versions["pt"].text


def test_translate_in_the_dialog_fills_pt_and_marks_es_for_the_seller(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The real engines (Bergamot en->pt here): pt versions filled for review, es marked
    "for you to write", the dialog's window running meanwhile."""
    pytest.importorskip("fxtranslate")
    sheet = tmp_path / "shop.yaml"
    sheet.write_bytes((REPO_ROOT / "assets" / "sample_sheet.yaml").read_bytes())
    dialog = PlanDialog(sheet, ["pt", "es"])
    qtbot.addWidget(dialog)
    editor = dialog.editor
    with qtbot.waitSignal(editor.filled, timeout=120_000) as got:
        editor.fill_button.click()
    assert got.args[0] is not None
    row = 0
    assert editor.state_of(row, "pt") is LineState.MACHINE and editor.cell_text(row, "pt")
    assert editor.state_of(row, "es") is LineState.MISSING
    assert editor.cell_text(row, "es") == "⚠ for you to write"
    # the seller writes it: approved
    editor.table.item(row, 3).setText("¡Hola a todos!")
    assert editor.state_of(row, "es") is LineState.APPROVED
    editor.dirty = False  # nothing to ask on close


def test_settings_show_and_choose_the_plan_go_live_uses(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "shop.yaml"
    sheet.write_bytes((REPO_ROOT / "assets" / "sample_sheet.yaml").read_bytes())
    settings = Settings(product_sheet=str(sheet))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.plan_label.text().startswith("No plan (none beside the sheet yet")
    assert live_options(settings, StudioInputs(), out=tmp_path).plan is None
    beside = tmp_path / "shop.plan.yaml"
    save_plan(load_plan(SAMPLE_PLAN), beside)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.plan_label.text() == str(beside)  # the file beside the sheet
    assert live_options(settings, StudioInputs(), out=tmp_path).plan == beside
    # another file, chosen and saved in the settings: Go live uses it
    other = tmp_path / "other.plan.yaml"
    save_plan(load_plan(SAMPLE_PLAN), other)
    dialog.set_show_plan(str(other))
    assert dialog.plan_label.text() == str(other)
    chosen = dialog.result_settings()
    config.save(chosen, tmp_path / "settings.json")
    again = config.load(tmp_path / "settings.json")
    assert again.show_plan == str(other)
    assert live_options(again, StudioInputs(), out=tmp_path).plan == other
    # none: Go live runs without a plan although one lies beside the sheet
    dialog.plan_none.click()
    assert dialog.plan_label.text() == "No plan"
    assert live_options(dialog.result_settings(), StudioInputs(), out=tmp_path).plan is None
    dialog.plan_beside.click()
    assert dialog.result_settings().show_plan == ""
    assert dialog.plan_label.text() == str(beside)
