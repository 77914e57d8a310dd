"""The show plan's section of the session report (HTML): per segment, the points said and not
said (and whether viewers saw the approved translation), the time spent against the box, the
questions asked while it was on. The figures come from :func:`sola_studio.plan.stored
.plan_summary`; every text is escaped here."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any


def _time(seconds: float | None) -> str:
    if seconds is None:
        return "not reached"
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def plan_html(summary: Mapping[str, Any] | None) -> str:
    if summary is None:
        return '<p class="sub">This show had no plan (<code>--plan FILE</code>).</p>'
    rows = []
    for s in summary["segments"]:
        over = s["spent_s"] is not None and s["spent_s"] > s["box_s"]
        points = "".join(
            f"<li>{'✔' if p['said'] else '✘'} {escape(p['say'])}"
            f"{' <small>(approved translation shown)</small>' if p['captions_from_plan'] else ''}"
            "</li>"
            for p in s["points"]
        )
        rows.append(
            f"<tr><td>{escape(s['title'])}</td><td>{s['covered']} / {len(s['points'])}</td>"
            f"<td{' class=over' if over else ''}>{_time(s['spent_s'])} of {_time(s['box_s'])}</td>"
            f"<td>{s['questions']}</td><td><ul>{points}</ul></td></tr>"
        )
    return (
        f'<p class="sub">{summary["covered"]} of {summary["points"]} planned points said.</p>'
        "<table><tr><th>Segment</th><th>Points said</th><th>Time / box</th>"
        "<th>Questions</th><th>Points</th></tr>" + "".join(rows) + "</table>"
    )
