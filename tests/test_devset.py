"""Accuracy of the comment desk on the hand-written development set (236 comments, 10 languages).

The lexicons were written while looking at this set, so these numbers are an upper bound;
the targets are the issue's: intent accuracy >= 90 % and zero invented facts.
"""

from __future__ import annotations

import pytest
from helpers import REPO_ROOT as REPO
from helpers import SAMPLE_SHEET

from sola_studio.catalog import load_sheet
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.evaluate import DevReport, evaluate, load_devset
from sola_studio.core.clock import ManualClock

DEVSET = REPO / "tests" / "devset" / "comments.jsonl"


@pytest.fixture(scope="module")
def report() -> DevReport:
    sheet = load_sheet(SAMPLE_SHEET)
    desk = CommentDesk(sheet, clock=ManualClock(), config=DeskConfig())
    rep = evaluate(desk, load_devset(DEVSET))
    for miss in rep.misses:
        print(f"miss #{miss.item.index} {miss.item.text!r}: {miss.what} -> {miss.got[:120]}")
    return rep


def test_devset_is_big_and_multilingual() -> None:
    items = load_devset(DEVSET)
    assert len(items) >= 200
    assert len({i.language for i in items}) >= 8
    assert sum(i.follow_up for i in items) >= 5
    assert sum(i.hostile for i in items) >= 10


def test_intent_accuracy_at_least_90_percent(report: DevReport) -> None:
    print(f"intent accuracy {report.intent_accuracy:.3f} over {report.total}")
    assert report.intent_accuracy >= 0.90


def test_no_invented_facts(report: DevReport) -> None:
    assert report.invented == 0, [m for m in report.misses if m.what == "INVENTED"]


def test_language_entities_and_facts(report: DevReport) -> None:
    assert report.language_accuracy >= 0.95
    assert report.entity_accuracy >= 0.90
    assert report.facts_recall >= 0.90


def test_sheet_silence_is_flagged_and_hostile_comments_are_flagged(report: DevReport) -> None:
    # two lines are answered since retrieval over the sheet's fields (issue 15): "è
    # sostenibile?" gets the material (organic cotton) and "qual música é essa?" the origin and
    # material instead of "the seller will check" (E5 puts both nearer the spec examples)
    assert report.check_ok >= report.check_total - 2
    assert report.hostile_flagged == report.hostile_total
