"""The show plan in the session store: the plan the show went live with, each segment entered
and each point said, one row each in ``plan_events`` (schema migration 5), written as the
store's :class:`~sola_studio.store.routing.EventRouter` hands the events over; and read back
into :func:`plan_summary` for the report: points covered per segment, time per segment against
its box, questions asked per segment. Captions shown from the plan are marked in their own
``stages`` (``plan``, ``plan:LINE``), stored with them. Nothing here is personal data.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sola_studio.plan import events as pe
from sola_studio.plan.io import plan_to_raw

if TYPE_CHECKING:
    import sqlite_utils

    from sola_studio.store.repository import SessionStore

TABLE = "plan_events"


def _record(
    store: SessionStore,
    kind: str,
    segment_id: str | None,
    line_id: str | None,
    detail: dict[str, Any],
    t_emit: float,
) -> None:
    sid = store.session_id
    if sid is None:
        return
    with store.transaction() as conn:
        conn.execute(
            f"INSERT INTO {TABLE} (session_id, kind, segment_id, line_id, detail, t_emit, t_wall)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sid,
                kind,
                segment_id,
                line_id,
                json.dumps(detail, ensure_ascii=False),
                t_emit,
                store.wall_time(),
            ),
        )
    store.after_write()


def record_plan_started(store: SessionStore, e: pe.PlanStarted) -> None:
    _record(store, "plan", None, None, plan_to_raw(e.plan), e.t_emit)


def record_segment(store: SessionStore, e: pe.SegmentChanged) -> None:
    detail = {"previous": e.previous, "reason": e.reason.value}
    _record(store, "segment", e.segment_id, None, detail, e.t_emit)


def record_said(store: SessionStore, e: pe.PlanLineSaid) -> None:
    detail = {"caption_id": e.caption_id, "committed": e.committed}
    _record(store, "said", e.segment_id, e.line_id, detail, e.t_emit)


def plan_summary(db: sqlite_utils.Database, session_id: int) -> dict[str, Any] | None:
    """Per segment of the plan the session went live with: its points (said or not, and
    whether the captions showed the approved translation), seconds spent against the box,
    and questions viewers asked while it was on. None without a plan (or an older database)."""
    if not db.table(TABLE).exists():
        return None
    rows = list(
        db.query(
            f"SELECT kind, segment_id, line_id, detail, t_wall FROM {TABLE}"
            " WHERE session_id = ? ORDER BY t_wall, id",
            [session_id],
        )
    )
    plan = next((json.loads(r["detail"]) for r in rows if r["kind"] == "plan"), None)
    if plan is None:
        return None
    said = {r["line_id"] for r in rows if r["kind"] == "said"}
    # time per segment: from each entry to the next change (a segment may be entered twice)
    spans: list[tuple[str, float, float]] = []
    entered: tuple[str, float] | None = None
    for r in rows:
        if r["kind"] != "segment":
            continue
        if entered is not None:
            spans.append((entered[0], entered[1], r["t_wall"]))
        entered = (r["segment_id"], r["t_wall"]) if r["segment_id"] else None
    if entered is not None:  # the show did not end cleanly: up to the last thing stored
        last = max((r["t_wall"] for r in rows), default=entered[1])
        spans.append((entered[0], entered[1], last))
    questions = [
        r["t_wall"]
        for r in db.query(
            "SELECT t_wall FROM comments WHERE session_id = ? AND is_question = 1", [session_id]
        )
    ]
    from_plan = _lines_shown_from_plan(db, session_id)
    segments = []
    for seg in plan["segments"]:
        mine = [(a, b) for sid, a, b in spans if sid == seg["id"]]
        points = [
            {
                "id": p["id"],
                "say": p["say"],
                "said": p["id"] in said,
                "captions_from_plan": p["id"] in from_plan,
            }
            for p in seg.get("points", [])
        ]
        segments.append(
            {
                "id": seg["id"],
                "title": seg.get("title", seg["id"]),
                "kind": seg["kind"],
                "box_s": float(seg["box"]),
                "spent_s": round(sum(b - a for a, b in mine), 2) if mine else None,
                "points": points,
                "covered": sum(p["said"] for p in points),
                "questions": sum(1 for t in questions if any(a <= t < b for a, b in mine)),
            }
        )
    return {
        "language": plan["language"],
        "segments": segments,
        "points": sum(len(s["points"]) for s in segments),
        "covered": sum(s["covered"] for s in segments),
    }


def _lines_shown_from_plan(db: sqlite_utils.Database, session_id: int) -> set[str]:
    out: set[str] = set()
    for r in db.query(
        "SELECT stages FROM captions WHERE session_id = ? AND stages LIKE '%plan:%'", [session_id]
    ):
        out.update(k[5:] for k in json.loads(r["stages"] or "{}") if k.startswith("plan:"))
    return out
