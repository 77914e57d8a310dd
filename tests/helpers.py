"""What many tests share: where things are, waiting for a condition, and the real parts
(ngircd, PulseAudio, Chromium, ffmpeg) and privileges (mounts, namespaces) a test needs.

Import it as ``from helpers import ...`` (pytest puts ``tests/`` on the path); fixtures built on
it are in ``conftest.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from sola_studio.live.options import LiveOptions

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
SPEECH = SHARED_DATA / "speech"
SAMPLE_SHEET = REPO_ROOT / "assets" / "sample_sheet.yaml"

#: Set by ``.ci/run``: a real part the tests need that is missing fails the test instead of
#: skipping it (a skip is for a developer's laptop, not for CI).
REQUIRE_REAL_PARTS_ENV = "SOLA_REQUIRE_REAL_PARTS"
REAL_PARTS_ENV_HINT = f"{REQUIRE_REAL_PARTS_ENV}=1 (CI) and a real part the tests need is absent"


def wait_until(
    predicate: Callable[[], object], timeout: float = 10.0, what: str = "the condition"
) -> None:
    """Return as soon as ``predicate()`` is true; fail the test naming ``what`` after
    ``timeout`` seconds. The synchronisation tests use instead of sleeping a guessed time."""
    deadline = time.monotonic() + timeout
    delay = 0.001
    while not predicate():
        if time.monotonic() >= deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


#: The programs the suite runs for real, by the part's name (any one of the names will do);
#: ``scripts/setup.sh test`` installs them all.
REAL_PARTS: dict[str, tuple[str, ...]] = {
    "ngircd": ("ngircd", "/usr/sbin/ngircd"),
    "PulseAudio": ("pulseaudio",),
    "pulseaudio-utils": ("paplay",),
    "Chromium": ("chromium", "chromium-browser", "/usr/bin/chromium"),
    "ffmpeg": ("ffmpeg",),
    # the store's repair tries SQLite's own .recover first (doctor --repair-store)
    "sqlite3": ("sqlite3",),
}


def find_program(*programs: str) -> str | None:
    """The path of the first of ``programs`` (names on PATH or absolute paths) that exists."""
    for program in programs:
        found = shutil.which(program) or (program if Path(program).is_file() else None)
        if found:
            return found
    return None


def missing_real_parts() -> list[str]:
    """The names of the parts of :data:`REAL_PARTS` this machine lacks."""
    return [part for part, programs in REAL_PARTS.items() if find_program(*programs) is None]


def real_parts_required() -> bool:
    return os.environ.get(REQUIRE_REAL_PARTS_ENV, "") not in ("", "0")


def _skip_or_fail(message: str, remedy: str) -> NoReturn:
    """Skip (a developer's machine), or fail under CI (``SOLA_REQUIRE_REAL_PARTS=1``)."""
    if real_parts_required():
        pytest.fail(f"{message}; {REQUIRE_REAL_PARTS_ENV}=1 (CI) needs it: {remedy}", pytrace=False)
    pytest.skip(message)


def missing_part(part: str, why: str = "") -> NoReturn:
    """Skip the test because ``part`` is not on this machine, or fail it under CI
    (``SOLA_REQUIRE_REAL_PARTS=1``), naming the part and how to install it."""
    message = f"{part} is not installed" + (f" ({why})" if why else "")
    _skip_or_fail(message, "run scripts/setup.sh test")


def refused_here(what: str, detail: str = "") -> NoReturn:
    """Skip the test because this machine refuses ``what`` (mounting a tmpfs, a read-only bind
    mount, a network namespace with ``unshare``: root or CAP_SYS_ADMIN), or fail it under CI,
    which runs as root where they work, naming what was refused and the system's answer."""
    message = f"{what} is refused here" + (f" ({detail.strip()})" if detail.strip() else "")
    _skip_or_fail(message, "run the tests as root (or with CAP_SYS_ADMIN), as CI does")


def require_privileged(what: str, *command: str) -> None:
    """Run ``command`` (a mount, ``unshare -n true``); when the system refuses it,
    :func:`refused_here` (skip, or fail under CI)."""
    done = subprocess.run(list(command), capture_output=True, text=True)
    if done.returncode != 0:
        refused_here(what, done.stderr)


def require_program(*programs: str, part: str | None = None, why: str = "") -> str:
    """The path of the first of ``programs`` on this machine (names or absolute paths);
    otherwise :func:`missing_part` (skip, or fail under CI)."""
    found = find_program(*programs)
    if found is None:
        missing_part(part or programs[0], why)
    return found


def sheet_show_options(tmp_path: Path, sheet_text: str) -> LiveOptions:
    """The options of an English show with Portuguese captions on ``sheet_text`` (written to
    ``tmp_path/sheet.yaml``), the sample talk as audio, no picture, and a one-line replay so
    the comment desk is built; for tests that drive a real, unstarted ``LiveSession``."""
    import json

    from sola_studio.live.options import DEMO_AUDIO, LiveOptions

    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(sheet_text, encoding="utf-8")
    comments = tmp_path / "comments.jsonl"
    comments.write_text(json.dumps({"t": 0, "viewer": "v", "name": "v", "text": "hi"}) + "\n")
    return LiveOptions(
        audio=str(DEMO_AUDIO),
        out=tmp_path / "out",
        spoken=("en",),
        targets=("pt",),
        realtime=False,
        video=None,
        comments=str(comments),
        sheet=sheet,
    )


def rescan_audio_devices() -> list[str]:
    """The names of the input devices PortAudio finds now, after restarting it.

    PortAudio lists devices once, when it starts. An earlier test in the same process may have
    started and stopped a sound server (test_audio_mic's virtual microphone), and PortAudio
    would still list its devices: a test about a machine without a microphone asks again, as
    ``sources.audio.find_input_device`` does (sounddevice's documented way to rescan)."""
    import sounddevice as sd

    sd._terminate()
    sd._initialize()
    return [str(d["name"]) for d in sd.query_devices() if int(d["max_input_channels"]) > 0]
