"""The helper process (and multiprocessing's resource tracker beside it) never outlives the
application: a real child application is killed with SIGKILL, idle or mid-call, and every
process it had started must be gone within a few seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import psutil
import pytest
from helpers import REPO_ROOT, wait_until

from sola_studio.core.helper import SPAWN_ENV

APP = textwrap.dedent(
    """
    import os, pathlib, sys, threading, time
    from sola_studio.core import helper
    import busy

    print(helper.call(os.getpid), flush=True)
    if sys.argv[1] == "busy":  # the helper is inside a long call when the app dies
        threading.Thread(target=helper.call, args=(busy.work, "inside"), daemon=True).start()
        while not pathlib.Path("inside").exists():
            time.sleep(0.01)
    print("ready", flush=True)
    sys.stdin.readline()
    """
)
BUSY = textwrap.dedent(
    """
    import pathlib, time

    def work(marker):
        pathlib.Path(marker).touch()
        time.sleep(60)
    """
)


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE  # exited, not yet reaped
    except psutil.NoSuchProcess:
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("state", ["idle", "busy"])
@pytest.mark.parametrize("start", ["exec", "spawn"])  # spawn: as a frozen build starts it
def test_a_killed_app_leaves_no_process_behind(state: str, start: str, tmp_path: Path) -> None:
    (tmp_path / "busy.py").write_text(BUSY)
    app = subprocess.Popen(
        [sys.executable, "-c", APP, state],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={
            **os.environ,
            "PYTHONPATH": str(REPO_ROOT),
            SPAWN_ENV: "1" if start == "spawn" else "0",
        },
    )
    pids: set[int] = set()
    try:
        assert app.stdout is not None
        helper_pid = int(app.stdout.readline())
        assert app.stdout.readline().strip() == "ready"
        children = psutil.Process(app.pid).children(recursive=True)
        pids = {c.pid for c in children}  # the helper (and spawn's resource tracker)
        assert helper_pid in pids and helper_pid != app.pid
        assert len(pids) == (2 if start == "spawn" else 1)  # no tracker unless spawn
        app.send_signal(signal.SIGKILL)
        app.wait(10)
        wait_until(
            lambda: all(_gone(pid) for pid in pids),
            timeout=5,
            what=f"the app's processes {sorted(pids)} to exit after it was killed",
        )
    finally:
        if app.poll() is None:
            app.kill()
        for pid in pids:  # whatever a failing run left behind
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_show_leaves_no_process_behind(tmp_path: Path) -> None:
    """The probe as it was run: ``sola-studio run`` (the demo, comments through the helper's
    language id and Bergamot) killed with SIGKILL mid-show."""
    argv = ["run", "--demo", "--fast", "--json", "--model", "tiny.en", "--profile", "kill"]
    app = subprocess.Popen(
        [sys.executable, "-m", "sola_studio", *argv, "--out", str(tmp_path / "out")],
        env={**os.environ, "SOLA_STUDIO_HOME": str(tmp_path / "home")},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO_ROOT,
    )
    pids: set[int] = set()
    try:
        assert app.stdout is not None
        for line in app.stdout:  # until a comment went through the desk (the helper is up)
            if '"kind": "comment"' in line:
                break
        else:
            pytest.fail(f"the show ended before a comment (rc {app.wait()})")
        pids = {c.pid for c in psutil.Process(app.pid).children(recursive=True)}
        assert pids, "the show started no helper"
        app.send_signal(signal.SIGKILL)
        app.wait(10)
        wait_until(
            lambda: all(_gone(pid) for pid in pids),
            timeout=5,
            what=f"the show's processes {sorted(pids)} to exit after it was killed",
        )
    finally:
        if app.poll() is None:
            app.kill()
        for pid in pids:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)
