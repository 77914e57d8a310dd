"""The show plan's figures for ``sola-studio bench captions`` (and ``bench plan``, alone).

The sample talk (``assets/sample/seller_talk.ogg``) is replayed through the parts ``run``
composes -- the streaming recogniser, the caption track with the sample plan as its script, the
plan tracker -- and measured against :data:`SAID_IN_TALK`, written by hand from the talk's
transcript: which planned lines the talk says (the plan departs from it in places: two planned
points are never said, one sentence of the talk is not planned, one line is worded differently).

- ``plan_share_shown``: of the planned lines said, the share whose caption showed the approved
  translation (in the first target language);
- ``latency_plan_translated_p50_s`` / ``_p95_s``: from the end of a planned line's last word
  (its committed caption's word times) to the first caption on the bus showing its approved
  translation (a partial or the commit); meaningful in real time only;
- ``plan_shown_from_partial``: of those, shown before their caption was committed;
  ``latency_unplanned_translated_p50_s``: the same latency for the machine-translated captions
  of the same run (speech end to translation), for comparison;
- ``plan_points_ticked``: planned lines the tracker ticked, ``plan_false_shown``: captions shown
  from the plan for a line the talk does not say (each one a failure);
- ``plan_matcher_precision`` / ``_recall``: the matcher on the check set
  ``tests/fixtures/plan/near_misses.yaml`` (written before the matcher was tuned).

What this module must never do: assert; it measures.
"""

from __future__ import annotations

import statistics
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sola_studio import paths
from sola_studio.core import yamlio
from sola_studio.core.clock import monotonic
from sola_studio.core.events import Caption
from sola_studio.plan.io import load_plan
from sola_studio.plan.matcher import PlanMatcher, matcher_precision
from sola_studio.plan.script import PlanScript
from sola_studio.plan.tracker import PlanTracker

SAMPLE_PLAN = paths.ASSETS / "sample_plan.yaml"
SAMPLE_TALK = paths.ASSETS / "sample" / "seller_talk.ogg"
CHECK_SET = paths.REPO_ROOT / "tests" / "fixtures" / "plan" / "near_misses.yaml"
#: the planned lines of assets/sample_plan.yaml the sample talk says (by hand, from
#: seller_talk.txt); not said: tee-warranty, offer-bundle
SAID_IN_TALK = (
    "hello",
    "thanks",
    "tee-what",
    "tee-material",
    "tee-weight",
    "tee-colours",
    "tee-sizes",
    "tee-fit",
    "tee-shrink",
    "tee-wash",
    "offer-price",
    "offer-code",
    "offer-returns",
    "close-questions",
    "close-answer",
    "close-basket",
    "close-bye",
)


def _pct(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def check_set_figures(plan_path: Path = SAMPLE_PLAN) -> dict[str, Any]:
    d = yamlio.safe_load(CHECK_SET.read_text(encoding="utf-8"))
    positives = [
        (p["text"], tuple(p["expect"]) if isinstance(p["expect"], list) else (p["expect"],))
        for p in d["positives"]
    ]
    return matcher_precision(PlanMatcher(load_plan(plan_path)), positives, d["near_misses"])


def _line_end(caption: Caption, end_char: int) -> float | None:
    """Stream seconds of the last word of ``caption.text[:end_char]`` (its word times)."""
    n = len(caption.text[:end_char].split())
    if not caption.words or n == 0:
        return None
    return caption.words[min(n, len(caption.words)) - 1].end


def stream_plan(
    engine: Any,
    targets: Sequence[str],
    translator: Any,
    *,
    realtime: bool = True,
    plan_path: Path = SAMPLE_PLAN,
    audio: Path = SAMPLE_TALK,
) -> dict[str, Any]:
    """Replay ``audio`` with the plan as the captions' script; the figures above."""
    from sola_studio.asr.streaming import AsrWorker, StreamingOptions, UtteranceStreamer
    from sola_studio.captions.track import CaptionTrack
    from sola_studio.live.stages import Session
    from sola_studio.sources.audio import FileSource

    plan = load_plan(plan_path)
    session = Session()
    tracker = PlanTracker(session.bus, plan, monotonic)
    tracker.subscribe()
    script = PlanScript(plan, prefer=lambda: tracker.current_segment)
    track = CaptionTrack(session.bus, tuple(targets), translator, script=script)
    published: list[Caption] = []
    lock = threading.Lock()

    def collect(c: Caption) -> None:
        with lock:
            published.append(c)

    session.bus.subscribe(Caption, collect)
    source = FileSource([audio], realtime=realtime, lead_in_s=0.5)
    policy = UtteranceStreamer(engine, StreamingOptions(languages=(plan.language,)))
    worker = AsrWorker(source, policy, track.on_update, session.bus.publish)
    tracker.start()
    source.start()
    worker.start()
    worker.join()
    track.close()
    tracker.stop()

    target = targets[0] if targets else None
    shown_at: dict[str, float] = {}  # line -> first time its approved translation was on the bus
    from_partial: set[str] = set()  # lines first shown while the caption was still partial
    unplanned: list[float] = []  # machine-translated captions: speech end -> translation
    ends: dict[str, float] = {}  # line -> monotonic time its last word was captured
    false_shown: list[str] = []
    matcher = script.matcher
    for c in published:
        lines = [k[5:] for k in c.stages if k.startswith("plan:")]
        for line_id in lines:
            line = plan.line(line_id)
            approved = line.approved(target) if line is not None and target else None
            if approved and approved in (c.translations.get(target or "") or ""):
                if line_id not in shown_at and not c.committed:
                    from_partial.add(line_id)
                shown_at.setdefault(line_id, c.t_emit)
            if line_id not in SAID_IN_TALK:
                false_shown.append(f"{line_id}: {c.text}")
        translated = c.committed and "translate" in c.stages and bool(c.translations)
        if translated and "plan" not in c.stages and c.audio_end_t is not None:
            unplanned.append(c.t_emit - c.audio_end_t)
        if c.committed and "translate" not in c.stages and c.audio_end_t is not None:
            zero = c.audio_end_t - c.end
            for m in matcher.find(c.text):
                end = _line_end(c, m.end)
                if end is not None:
                    ends.setdefault(m.line_id, zero + end)
    said = [x for x in SAID_IN_TALK if plan.line(x) is not None]
    shown = [x for x in said if x in shown_at]
    latencies = [shown_at[x] - ends[x] for x in shown if x in ends]
    state = tracker.state()
    return {
        "plan_lines_said": len(said),
        "plan_lines_shown": len(shown),
        "plan_share_shown": len(shown) / len(said) if said and target else None,
        "plan_lines_not_shown": [x for x in said if x not in shown_at],
        "latency_plan_translated_p50_s": _pct(latencies, 0.5) if realtime else None,
        "latency_plan_translated_p95_s": _pct(latencies, 0.95) if realtime else None,
        "latency_plan_translated_mean_s": statistics.mean(latencies)
        if latencies and realtime
        else None,
        "plan_shown_from_partial": len(from_partial & set(shown)),
        "latency_unplanned_translated_p50_s": _pct(unplanned, 0.5) if realtime else None,
        "plan_points_ticked": len(state.said),
        "plan_false_shown": false_shown,
        "plan_target": target,
    }


def plan_figures(
    engine: Any, targets: Sequence[str], translator: Any, *, realtime: bool = True
) -> dict[str, Any]:
    """Everything ``bench captions`` reports about the show plan."""
    figures = check_set_figures()
    figures.update(stream_plan(engine, targets, translator, realtime=realtime))
    return figures
