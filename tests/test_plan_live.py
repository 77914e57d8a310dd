"""The show plan live: the caption track shows a planned line's approved translation (real
Bergamot for the rest), marked in its stages; the tracker ticks points and moves segments from
the captions and the seller's key."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import REPO_ROOT, wait_until

from sola_studio.asr.streaming import AsrUpdate
from sola_studio.captions.track import CaptionTrack
from sola_studio.core.bus import Bus
from sola_studio.core.clock import ManualClock, monotonic
from sola_studio.core.errors import ConfigError
from sola_studio.core.events import Caption, Comment, Word
from sola_studio.live.options import LiveOptions
from sola_studio.live.session import LiveSession
from sola_studio.plan.events import (
    PlanAction,
    PlanCommand,
    PlanLineSaid,
    SegmentChanged,
    SegmentReason,
)
from sola_studio.plan.io import load_plan
from sola_studio.plan.script import PlanScript
from sola_studio.plan.tracker import PlanTracker
from sola_studio.report.build import build_report
from sola_studio.report.export import to_html
from sola_studio.store import SessionStore
from sola_studio.store.routing import EventRouter
from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.factory import build_translator

PLAN = load_plan(REPO_ROOT / "assets" / "sample_plan.yaml")


def update(text: str, committed: bool, start: float = 0.0) -> AsrUpdate:
    now = monotonic()
    words = tuple(
        Word(" " + w, start + i * 0.3, start + i * 0.3 + 0.25, 0.9)
        for i, w in enumerate(text.split())
    )
    return AsrUpdate(text, words, start, words[-1].end, "en", committed, now, now, now)


class Captions:
    def __init__(self, bus: Bus) -> None:
        self.seen: list[Caption] = []
        self.lock = threading.Lock()
        bus.subscribe(Caption, self.add)

    def add(self, c: Caption) -> None:
        with self.lock:
            self.seen.append(c)

    def final(self, caption_id: int) -> Caption | None:
        with self.lock:
            return next(
                (c for c in self.seen if c.id == caption_id and "translate" in c.stages), None
            )


def test_a_planned_line_shows_its_approved_translation(bergamot: BergamotTranslator) -> None:
    bus = Bus()
    seen = Captions(bus)
    translator = build_translator("en", ["pt"], engines=[bergamot])
    track = CaptionTrack(bus, ["pt"], translator, script=PlanScript(PLAN))
    try:
        # a partial already holding the whole line: the approved text before the commit
        track.on_update(update("It comes in 3 colors: black, white and blue. We", False))
        partial = seen.seen[-1]
        assert partial.translations["pt"] == "Ela vem em três cores: preta, branca e azul."
        assert "plan:tee-colours" in partial.stages
        track.on_update(update("It comes in 3 colors: black, white and blue.", True))
        # a planned line, then an unplanned sentence in the same caption: MT only for that
        track.on_update(
            update("The fit is regular, so take your usual size. Look at the fabric.", True)
        )
        # unplanned, close to a planned line: machine translation, no mark
        track.on_update(update("It comes in two colours, black and white.", True))
        wait_until(lambda: seen.final(3) is not None, what="three translated captions")
    finally:
        track.close()
        translator.close()
    first, mixed, unplanned = seen.final(1), seen.final(2), seen.final(3)
    assert first is not None and mixed is not None and unplanned is not None
    assert first.translations["pt"] == "Ela vem em três cores: preta, branca e azul."
    assert set(first.stages) >= {"plan", "plan:tee-colours", "translate"}
    approved = "O caimento é regular, então é só escolher o seu tamanho de sempre."
    assert mixed.translations["pt"].startswith(approved + " ")
    assert "tecido" in mixed.translations["pt"].lower()
    assert "plan:tee-fit" in mixed.stages
    assert "plan" not in unplanned.stages
    assert "duas" in unplanned.translations["pt"].lower()


def test_the_tracker_ticks_points_and_moves_on() -> None:
    bus = Bus()
    clock = ManualClock(100.0)
    events: list[object] = []
    bus.subscribe((PlanLineSaid, SegmentChanged), events.append)
    tracker = PlanTracker(bus, PLAN, clock.monotonic)
    tracker.subscribe()
    tracker.start()
    state = tracker.state()
    assert state.segment is not None and state.segment.id == "intro"
    assert state.next_segment is not None and state.next_segment.id == "tee"

    def said(i: int, text: str, committed: bool = True) -> None:
        bus.publish(Caption(i, "en", text, 0, 1, committed, clock.monotonic(), clock.monotonic()))

    said(1, "Hello everyone and welcome to the live show from our shop in Brazil.", False)
    clock.advance(5)
    said(1, "Hello everyone and welcome to the live show from our shop in Brazil.")
    assert [p.said for p in tracker.state().points] == [True, False]
    assert tracker.state().time_left_s == 7.0  # 12 s box, 5 s in
    # a point of the next segment: the teleprompter follows the seller there
    clock.advance(10)
    said(2, "Today I'm showing you our best seller, the Sola Classic T-shirt.")
    state = tracker.state()
    assert state.segment is not None and state.segment.id == "tee"
    assert state.points[0].said and not any(p.said for p in state.points[1:])
    # a near miss ticks nothing
    said(3, "It is made of 100% organic linen, and it is made in Brazil.")
    assert sum(p.said for p in tracker.state().points) == 1
    # the seller's key
    bus.publish(PlanCommand(PlanAction.NEXT, clock.monotonic()))
    assert tracker.current_segment == "offer"
    tracker.stop()
    said_ids = [e.line_id for e in events if isinstance(e, PlanLineSaid)]
    assert said_ids == ["hello", "tee-what"]  # once each, the partial first
    moves = [(e.segment_id, e.reason) for e in events if isinstance(e, SegmentChanged)]
    assert moves == [
        ("intro", SegmentReason.START),
        ("tee", SegmentReason.SAID),
        ("offer", SegmentReason.COMMAND),
        (None, SegmentReason.END),
    ]


def test_the_report_says_points_time_and_questions_per_segment(tmp_path: Path) -> None:
    clock = ManualClock(now_monotonic=0.0, now_wall=time.time())
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=clock)
    sid = store.start_session(title="plan", seller_language="en", caption_languages=("pt",))
    bus = Bus()
    EventRouter(store).subscribe(bus)
    tracker = PlanTracker(bus, PLAN, clock.monotonic)
    tracker.subscribe()
    tracker.start()

    def said(i: int, text: str, stages: dict[str, float] | None = None) -> None:
        c = Caption(i, "en", text, 0, 1, True, clock.monotonic(), clock.monotonic())
        bus.publish(c)
        bus.publish(
            replace(c, translations={"pt": "..."}, stages={**(stages or {}), "translate": 1.0})
        )

    def question(i: int) -> None:
        comment = Comment(
            f"c{i}", "replay", f"v{i}", "V", "how much?", clock.monotonic(), clock.wall()
        )
        store.record_comment(comment)
        store.record_comment_understood(f"c{i}", language="en", is_question=True)

    said(
        1,
        "Hello everyone, and welcome to the live show from our shop in Brazil!",
        {"plan:hello": 0.0},
    )
    clock.advance(19)
    question(1)
    clock.advance(1)  # 20 s in a 12 s box
    said(2, "Today I am showing you our best seller, the Sola Classic t-shirt.")
    clock.advance(30)
    question(2)
    question(3)
    said(3, "It is made of one hundred percent organic linen, and it is made in Brazil.")
    clock.advance(10)
    tracker.stop()
    store.finish_session()
    report = build_report(store.db, sid)
    assert report.plan is not None
    intro, tee, offer = report.plan["segments"][:3]
    assert (intro["spent_s"], intro["box_s"], intro["questions"]) == (20.0, 12.0, 1)
    assert [p["said"] for p in intro["points"]] == [True, False]
    assert intro["points"][0]["captions_from_plan"]
    assert (tee["spent_s"], tee["questions"], tee["covered"]) == (40.0, 2, 1)
    assert offer["spent_s"] is None
    page = to_html(report)
    assert "1 / 2" in page and "2 of 19 planned points said" in page


def test_run_takes_the_plan_the_demo_has_its_own(tmp_path: Path) -> None:
    from sola_studio.cli import build_parser
    from sola_studio.live.options import DEMO_PLAN
    from sola_studio.live.run import options_from_args

    def options(*argv: str) -> LiveOptions:
        return options_from_args(build_parser().parse_args(["run", *argv]))

    assert options("--demo").plan == DEMO_PLAN
    assert options("--demo", "--plan", "none").plan is None
    assert options("--audio", "talk.ogg").plan is None
    assert options("--audio", "talk.ogg", "--plan", "my.plan.yaml").plan == Path("my.plan.yaml")
    # a plan with a mistake fails before any model loads, naming line and field
    bad = tmp_path / "bad.plan.yaml"
    bad.write_text("language: en\nsegments:\n  - id: a\n    kind: talk\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 4: segments\.0\.kind"):
        LiveSession(options("--demo", "--plan", str(bad), "--out", str(tmp_path / "out")))
