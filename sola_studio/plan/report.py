"""The show plan's section of the session report (HTML): per segment, the points said and not
said (and whether viewers saw the approved translation), the time spent against the box, the
questions asked while it was on. The figures come from :func:`sola_studio.plan.stored
.plan_summary`; every text is escaped here. The section's own words are the report's
(:mod:`sola_studio.report.words`, in the report's language); the plan's points and titles are
the seller's, as written."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from sola_studio.report.words import ENGLISH, Words


def _time(seconds: float | None, w: Words = ENGLISH) -> str:
    if seconds is None:
        return w("report.plan.not_reached")
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def plan_html(summary: Mapping[str, Any] | None, w: Words = ENGLISH) -> str:
    if summary is None:
        none = escape(w("report.plan.none", option="{option}"))
        return f'<p class="sub">{none.format(option="<code>--plan FILE</code>")}</p>'
    shown = escape(w("report.plan.approved_shown"))
    rows = []
    for s in summary["segments"]:
        over = s["spent_s"] is not None and s["spent_s"] > s["box_s"]
        points = "".join(
            f"<li>{'✔' if p['said'] else '✘'} {escape(p['say'])}"
            f"{f' <small>{shown}</small>' if p['captions_from_plan'] else ''}"
            "</li>"
            for p in s["points"]
        )
        rows.append(
            f"<tr><td>{escape(s['title'])}</td><td>{s['covered']} / {len(s['points'])}</td>"
            f"<td{' class=over' if over else ''}>"
            f"{escape(w('report.plan.of', spent=_time(s['spent_s'], w), box=_time(s['box_s'], w)))}"
            "</td>"
            f"<td>{s['questions']}</td><td><ul>{points}</ul></td></tr>"
        )
    return (
        f'<p class="sub">'
        f"{escape(w('report.plan.covered', covered=summary['covered'], points=summary['points']))}"
        "</p><table><tr>"
        + "".join(
            f"<th>{escape(w('report.plan.col.' + c))}</th>"
            for c in ("segment", "said", "time", "questions", "points")
        )
        + "</tr>"
        + "".join(rows)
        + "</table>"
    )
