"""The window's plan parts, offscreen and real: the teleprompter ticks points as the recorded
sample talk says them (its transcript, published as captions at its own times through the real
tracker), moves on by key; the plan editor round-trips a plan file, approving and correcting."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import REPO_ROOT, wait_until

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt

from sola_studio.core.bus import Bus
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Caption
from sola_studio.plan.events import PlanCommand, PlanLineSaid, SegmentChanged
from sola_studio.plan.io import load_plan, save_plan
from sola_studio.plan.model import LineState, Version
from sola_studio.plan.tracker import PlanTracker, TeleprompterState
from sola_studio.ui.adapter import BusAdapter
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
