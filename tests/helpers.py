"""What many tests share: where things are, waiting for a condition, and the real parts
(ngircd, PulseAudio, Chromium, ffmpeg) and privileges (mounts, namespaces) a test needs.

Import it as ``from helpers import ...`` (pytest puts ``tests/`` on the path); fixtures built on
it are in ``conftest.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from http.server import BaseHTTPRequestHandler

    from sola_studio.captions.subtitles import SubtitleWriter
    from sola_studio.core.bus import Bus
    from sola_studio.live.options import LiveOptions
    from sola_studio.store import SessionStore

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
    # the local comment endpoint's documented example (docs) is a curl command
    "curl": ("curl",),
}


#: Latin words that stay as they are in the Chinese window: names (platforms, programs, formats),
#: codes and keys (the default ``names`` of :func:`english_words`).
CHINESE_WINDOW_NAMES = frozenset({
    "tiktok", "live", "tiktoklive", "youtube", "twitch", "oauth", "json", "api", "ctrl", "obs",
    "gpu", "cpu", "nvidia", "cuda", "ai", "v", "a", "s", "e", "r", "l", "x", "k", "ms", "px",
    "yaml", "csv", "html", "srt", "sola", "studio", "http", "https", "comments", "google",
    "cloud", "console", "desktop", "app", "auto", "id", "v4l2loopback", "macos", "linux",
    "windows", "base", "english", "jsonl", "page", "down", "plan", "run", "file", "mp4",
    "webcam", "url", "fps", "rtf", "int8", "tiny", "en",
})  # fmt: skip
# What is not a word to translate: a command set off with 「」, an address, a path, a file name,
# a product name as its maker writes it, a mnemonic such as "(&N)".
_NOT_WORDS = re.compile(
    r"「[^」]*」|\S+://\S+|\S*/\S*|\S+\.\w{2,4}\b"
    r"|OBS Virtual Camera|YouTube Data API v3|1080p|T 恤|\(&\w\)|&"
)


def english_words(text: str, names: Collection[str] = CHINESE_WINDOW_NAMES) -> list[str]:
    """The Latin words left in a translated text, outside commands, addresses, paths, file and
    product names, and not among ``names`` (lower case): what a Chinese window test expects
    empty."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", _NOT_WORDS.sub(" ", text))
    return [w for w in words if w.lower() not in names]


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


def send_file(
    handler: BaseHTTPRequestHandler, data: bytes, *, pace_s: float = 0.0, block: int = 32 * 1024
) -> None:
    """Answer a loopback server's GET with ``data`` as a download server does: 206 from the start
    its ``Range`` header asks (``bytes=N-``), else 200; the body in ``block``-sized writes
    ``pace_s`` apart (a slow line: the server's pace, not a test waiting). A client that hangs
    up (a Cancel) ends it quietly."""
    start = 0
    if rng := handler.headers.get("Range"):
        start = int(rng.removeprefix("bytes=").split("-")[0])
        handler.send_response(206)
        handler.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
    else:
        handler.send_response(200)
    body = data[start:]
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    try:
        for i in range(0, len(body), block):
            handler.wfile.write(body[i : i + block])
            handler.wfile.flush()
            if pace_s:
                time.sleep(pace_s)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client cancelled


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


def caption_files_and_store(bus: Bus, folder: Path) -> tuple[SubtitleWriter, SessionStore]:
    """Subtitle files and a session store in ``folder``, each subscribed to the captions on
    ``bus`` as a live show subscribes them (the store's session started)."""
    from sola_studio.captions.subtitles import SubtitleWriter
    from sola_studio.core.clock import ManualClock
    from sola_studio.core.events import Caption
    from sola_studio.store import SessionStore

    writer = SubtitleWriter(folder)
    bus.subscribe(Caption, writer.on_caption)
    store = SessionStore(folder / "s.db", key=b"k" * 32, clock=ManualClock())
    store.start_session()
    bus.subscribe(Caption, store.record_caption)
    return writer, store
