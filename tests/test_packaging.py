"""The Linux app is built from a clean checkout and smoke-tested, the way CI ships it.

A real PyInstaller build of what is committed (``git clone`` of HEAD, so nothing uncommitted or
ignored leaks in), then ``packaging/smoke_test.sh`` on the result: it starts offscreen, finds its
bundled fonts and assets, runs the sample session and exits cleanly. The build's time and size
are printed. Measured on the 2-core dev machine: build 77-100 s, smoke test 150-160 s (the 85 s
sample show replayed with --fast takes ~130 s of it), app 978 MB unpacked; ~4 minutes in all.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO_ROOT as REPO


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_linux_app_builds_from_a_clean_checkout_and_passes_its_smoke_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs the git checkout to clone")
    pytest.importorskip("PyInstaller", reason="pip install -e '.[dev]' (PyInstaller)")
    checkout = tmp_path / "checkout"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{REPO}", str(checkout)],
        check=True,
        timeout=300,
    )
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "PYTHON": sys.executable,
        "QT_QPA_PLATFORM": "offscreen",
    }
    start = time.monotonic()
    build = subprocess.run(
        ["bash", "packaging/build_linux.sh", "--no-tarball"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    build_s = time.monotonic() - start
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    app = checkout / "build" / "pyinstaller" / "dist" / "sola-studio"
    # PyInstaller links duplicate libraries (foo.libs/ and the top level): count each file once
    files = [f for f in app.rglob("*") if f.is_file() and not f.is_symlink()]
    size_mb = sum(f.stat().st_size for f in files) / 2**20

    # the app was built from the clone's code, not from the dev checkout the venv points at
    xref = next((checkout / "build" / "pyinstaller" / "work").rglob("xref-*.html")).read_text()
    assert f"{checkout}/sola_studio/live/session.py" in xref
    assert f"{REPO}/sola_studio/live/session.py" not in xref

    smoke = subprocess.run(
        ["bash", "packaging/smoke_test.sh", str(app)],
        cwd=checkout,
        env={**env, "SOLA_STUDIO_HOME": str(tmp_path / "unused")},
        capture_output=True,
        text=True,
        timeout=1500,
    )
    steps = [ln for ln in smoke.stdout.splitlines() if ln.startswith(("==>", "    "))]
    assert smoke.returncode == 0, "\n".join(steps[-40:]) + "\n" + smoke.stderr[-3000:]
    assert "SMOKE TEST PASSED" in smoke.stdout
    assert re.search(r"\d+ captions in \d+ s", smoke.stdout)
    with capsys.disabled():
        print(
            f"\nLinux app: built in {build_s:.0f} s, {size_mb:.0f} MB unpacked; smoke test:\n"
            + "\n".join(ln for ln in steps if ln.startswith("==>"))
        )
