"""Viewer activity (issue 18): what the chat connectors publish besides comments (joins, likes,
gifts, shares, follows) lands in the session store through the EventRouter, on a real SQLite
file, and the report sums it per platform and over time (HTML and JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from sola_studio.chat.events import ActivityKind, ViewerActivity
from sola_studio.core.bus import Bus
from sola_studio.core.clock import ManualClock
from sola_studio.report.build import build_report
from sola_studio.report.export import to_html, to_json
from sola_studio.store import SessionStore, schema
from sola_studio.store.routing import EventRouter


def _activity(
    platform: str, kind: ActivityKind, count: int = 1, detail: str = ""
) -> ViewerActivity:
    return ViewerActivity(
        platform=platform,
        kind=kind,
        viewer_id="id-12345",
        viewer_name="Ana Real Name",
        count=count,
        detail=detail,
        t_capture=0.0,
        t_wall=0.0,
    )


def _show(path: Path) -> tuple[SessionStore, int]:
    clock = ManualClock()
    store = SessionStore(path, key=b"k" * 32, clock=clock)
    sid = store.start_session(title="activity", platform="tiktok")
    bus = Bus()
    EventRouter(store).subscribe(bus)
    bus.publish(_activity("tiktok", ActivityKind.JOIN))
    bus.publish(_activity("tiktok", ActivityKind.JOIN))
    bus.publish(_activity("tiktok", ActivityKind.LIKE, 15))
    clock.advance(90)
    bus.publish(_activity("tiktok", ActivityKind.GIFT, 3, "Rose"))
    bus.publish(_activity("youtube", ActivityKind.MEMBER, 1, "R$ 10,00"))
    bus.publish(_activity("tiktok", ActivityKind.LIKE, 5))
    clock.advance(30)
    store.finish_session()
    return store, sid


def test_activity_is_stored_without_viewer_identity(tmp_path: Path) -> None:
    store, sid = _show(tmp_path / "s.db")
    assert schema.current_version(store.db) == schema.LATEST >= 4
    conn = store.db.conn
    rows = conn.execute(
        "SELECT platform, kind, count, detail FROM viewer_activity WHERE session_id = ?"
        " ORDER BY id",
        (sid,),
    ).fetchall()
    assert rows == [
        ("tiktok", "join", 1, None),
        ("tiktok", "join", 1, None),
        ("tiktok", "like", 15, None),
        ("tiktok", "gift", 3, "Rose"),
        ("youtube", "member", 1, "R$ 10,00"),
        ("tiktok", "like", 5, None),
    ]
    every_row = conn.execute("SELECT * FROM viewer_activity").fetchall()
    dump = repr(every_row)
    assert "Ana Real Name" not in dump and "id-12345" not in dump
    store.close()


def test_activity_published_with_no_session_open_is_not_stored(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=ManualClock())
    bus = Bus()
    EventRouter(store).subscribe(bus)
    bus.publish(_activity("tiktok", ActivityKind.LIKE, 3))
    assert store.db.execute("SELECT COUNT(*) FROM viewer_activity").fetchone()[0] == 0
    store.close()


def test_report_sums_activity_per_platform_and_over_time(tmp_path: Path) -> None:
    store, sid = _show(tmp_path / "s.db")
    report = build_report(store.db, sid)
    store.close()
    data = json.loads(to_json(report))
    by = {(a["platform"], a["kind"]): (a["times"], a["total"]) for a in data["activity"]}
    assert by == {
        ("tiktok", "join"): (2, 2),
        ("tiktok", "like"): (2, 20),
        ("tiktok", "gift"): (1, 3),
        ("youtube", "member"): (1, 1),
    }
    # over time: the first bucket has the joins and the first likes, a later one the rest
    timeline = data["activity_timeline"]
    assert timeline[0]["totals"] == {"join": 2, "like": 15}
    later = [b["totals"] for b in timeline if b["start_s"] >= 90 - data["bucket_s"] + 1e-9]
    assert {"gift": 3, "member": 1, "like": 5} in later
    assert sum(sum(b["totals"].values()) for b in timeline) == 2 + 20 + 3 + 1

    html = to_html(report)
    section = html.split('<section id="activity">', 1)[1].split("</section>", 1)[0]
    assert "Viewer activity" in section
    assert "<td>tiktok</td>" in section and "<td>youtube</td>" in section
    assert "Likes" in section and "Gifts" in section
    assert '<td class="n">20<div class="tr">2 times</div></td>' in section
    assert "<svg" in section  # the over-time chart


def test_report_without_activity_says_so(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=ManualClock())
    sid = store.start_session(title="replay")
    store.finish_session()
    report = build_report(store.db, sid)
    store.close()
    assert report.activity == () and report.activity_timeline == ()
    assert "No viewer activity was reported" in to_html(report)
