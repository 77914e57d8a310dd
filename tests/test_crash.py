"""Crash safety: a session process killed with SIGKILL mid-show loses nothing it committed.

The child process writes a replayed show through the real bus and the real store at a real-time
pace and prints each caption and comment id right after ``publish`` returned (the store commits
inside ``publish``). The test kills it with SIGKILL mid-show, then reopens the profile like the
next start of the studio would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sola_studio.core.clock import ManualClock
from sola_studio.report.build import build_report
from sola_studio.report.export import to_html
from sola_studio.store import SessionStatus, SessionStore

CHILD = textwrap.dedent(
    """
    import sys, time
    from sola_studio.core.clock import ManualClock
    from sola_studio.core.events import Caption, Comment
    from sola_studio.report import sample
    from sola_studio.store import SessionStore

    clock = ManualClock(now_wall=time.time())
    store = SessionStore.open_profile("crash", clock=clock)
    bus, steps = sample.replay_steps(store, clock)
    print("session", store.session_id, flush=True)
    t0 = clock.monotonic()
    for step in steps:
        clock.advance(max(0.0, t0 + step.at_s - clock.monotonic()))
        bus.publish(step.event)
        if isinstance(step.event, Caption):
            print("caption", step.event.id, flush=True)
        elif isinstance(step.event, Comment):
            print("comment", step.event.id, flush=True)
        time.sleep(0.01)
    print("done", flush=True)
    time.sleep(600)
    """
)


def test_sigkill_mid_session_keeps_every_committed_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "SOLA_STUDIO_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    committed: dict[str, set[str]] = {"caption": set(), "comment": set()}
    session_id = None
    try:
        for line in proc.stdout:
            kind, _, ident = line.strip().partition(" ")
            if kind == "session":
                session_id = int(ident)
            elif kind in committed:
                committed[kind].add(ident)
            assert kind != "done", "the show ended before the kill"
            if len(committed["comment"]) >= 12 and len(committed["caption"]) >= 4:
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    monkeypatch.setenv("SOLA_STUDIO_HOME", str(home))
    store = SessionStore.open_profile("crash")
    status = store.db.execute("SELECT status FROM sessions WHERE id=?", (session_id,)).fetchone()
    assert status[0] == SessionStatus.INTERRUPTED
    captions = {
        str(r[0])
        for r in store.db.execute(
            "SELECT caption_id FROM captions WHERE session_id=?", (session_id,)
        )
    }
    comments = {
        r[0]
        for r in store.db.execute(
            "SELECT comment_id FROM comments WHERE session_id=?", (session_id,)
        )
    }
    assert committed["caption"] <= captions
    assert committed["comment"] <= comments
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    report = build_report(store.db, session_id)
    assert report.glance.status == SessionStatus.INTERRUPTED
    assert report.glance.comments >= len(committed["comment"])
    assert {str(t.caption_id) for t in report.transcript} >= committed["caption"]
    assert report.glance.duration_s > 0
    html = to_html(report)
    assert "interrupted" in html
    store.close()


def test_interrupted_session_is_marked_on_the_next_open_only(tmp_path: Path) -> None:
    """A session left running by a process that no longer exists is interrupted; its end is
    the time of its last recorded event."""
    clock = ManualClock()
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=clock)
    sid = store.start_session()
    clock.advance(42)
    store.record_problem(stage="test", error_type="X", message="last event")
    # pretend the owner was a process that has exited
    store.db.execute("UPDATE sessions SET owner_pid = 2147483646 WHERE id = ?", (sid,))
    store.session_id = None
    assert store.mark_interrupted() == [sid]
    row = store.db.execute(
        "SELECT status, ended_wall - started_wall FROM sessions WHERE id=?", (sid,)
    ).fetchone()
    assert row == (SessionStatus.INTERRUPTED, 42.0)
