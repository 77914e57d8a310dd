"""Crash safety: a live session killed with SIGKILL mid-show loses nothing it committed, and one
stopped with SIGTERM (or Ctrl+C) finishes cleanly and still writes what it has.

The child is a real ``sola-studio run --demo --fast --json``: the sample talk through Whisper
and Bergamot, the comment replay through the desk, the recorder, all on one bus into the store.
With ``--json`` it prints one line per event right after the store committed it (the store
subscribes to the bus first and commits inside ``publish``), so the test knows what was
committed when it pulls the plug. The test then reopens the profile like the next start of the
studio would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import av
import pytest
from helpers import REPO_ROOT as REPO

from sola_studio.core.clock import ManualClock
from sola_studio.report.build import build_report
from sola_studio.report.export import to_html
from sola_studio.store import SessionStatus, SessionStore


def _run(home: Path, out: Path) -> subprocess.Popen[str]:
    # tiny.en keeps the CPU modest; the pipeline is the demo's, whole
    argv = ["run", "--demo", "--fast", "--json", "--model", "tiny.en", "--profile", "crash"]
    return subprocess.Popen(
        [sys.executable, "-m", "sola_studio", *argv, "--out", str(out)],
        env={**os.environ, "SOLA_STUDIO_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
    )


def _until(
    proc: subprocess.Popen[str], captions: int, comments: int
) -> tuple[int, dict[str, set[str]]]:
    """Read the child's events until it committed enough; returns the session id and ids."""
    assert proc.stdout is not None
    committed: dict[str, set[str]] = {"caption": set(), "comment": set()}
    session_id = None
    for line in proc.stdout:
        event = json.loads(line)
        kind = event["kind"]
        if kind == "session":
            session_id = int(event["id"])
        elif kind in committed:
            committed[kind].add(str(event["id"]))
        assert kind != "summary", "the show ended before the signal"
        if len(committed["caption"]) >= captions and len(committed["comment"]) >= comments:
            assert session_id is not None
            return session_id, committed
    raise AssertionError(f"the child ended early (rc {proc.wait()})")


def _stored(store: SessionStore, session_id: int) -> tuple[set[str], set[str]]:
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
    return captions, comments


@pytest.mark.slow
def test_sigkill_mid_session_keeps_every_committed_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    proc = _run(home, tmp_path / "out")
    try:
        session_id, committed = _until(proc, captions=4, comments=12)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    monkeypatch.setenv("SOLA_STUDIO_HOME", str(home))
    store = SessionStore.open_profile("crash")
    status = store.db.execute("SELECT status FROM sessions WHERE id=?", (session_id,)).fetchone()
    assert status[0] == SessionStatus.INTERRUPTED
    captions, comments = _stored(store, session_id)
    assert committed["caption"] <= captions
    assert committed["comment"] <= comments
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    report = build_report(store.db, session_id)
    assert report.glance.status == SessionStatus.INTERRUPTED
    assert report.glance.comments >= len(committed["comment"])
    assert {str(t.caption_id) for t in report.transcript} >= committed["caption"]
    assert all(t.translations.get("pt") for t in report.transcript[:3]), "translations kept too"
    assert report.glance.duration_s > 0
    html = to_html(report)
    assert "interrupted" in html
    store.close()


@pytest.mark.slow
def test_sigterm_finishes_the_session_and_writes_what_it_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    proc = _run(home, out)
    try:
        session_id, committed = _until(proc, captions=3, comments=8)
        os.kill(proc.pid, signal.SIGTERM)
        rest, _ = proc.communicate(timeout=120)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert proc.returncode == 0
    summary = json.loads(rest.strip().splitlines()[-1])
    assert summary["kind"] == "summary" and summary["interrupted"] is True
    assert summary["comments"] < 40  # the replay stopped with the show

    with av.open(str(out / "show.mp4")) as container:  # closed properly: playable
        assert container.streams.audio and container.duration
        assert sum(1 for _ in container.decode(video=0)) > 100
    assert (out / "show.en.srt").read_text(encoding="utf-8").count(" --> ") >= 3
    assert (out / "report.html").is_file()
    reported = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {str(t["caption_id"]) for t in reported["transcript"]} >= committed["caption"]

    monkeypatch.setenv("SOLA_STUDIO_HOME", str(home))
    store = SessionStore.open_profile("crash")
    status = store.db.execute("SELECT status FROM sessions WHERE id=?", (session_id,)).fetchone()
    assert status[0] == SessionStatus.FINISHED
    captions, comments = _stored(store, session_id)
    assert committed["caption"] <= captions and committed["comment"] <= comments
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
