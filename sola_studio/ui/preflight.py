"""Before Go live: every device the show needs, checked at once, each problem with its fix and,
where the show can do without it, the change that does (a test picture instead of the camera,
no virtual camera, no recording). No Qt: the window runs :func:`check_devices` on a worker
thread and shows the problems together.

The checks are ``sola-studio doctor``'s own (microphone, camera, virtual camera), run in
parallel, so a machine with none of them answers in the time of the slowest, not their sum.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sola_studio import doctor
from sola_studio.config import Settings
from sola_studio.ui.session import StudioInputs, picture_spec, sound_spec


@dataclass(frozen=True)
class DeviceProblem:
    """One thing the show would trip on. ``without``: the settings change that goes live
    without it (empty: the show cannot do without it)."""

    device: str
    message: str
    fix: str
    without: Mapping[str, Any] = field(default_factory=dict)


MICROPHONE_FIX = "plug in a microphone, or choose an audio file in Settings › Devices › Sound"

#: device -> the doctor's check for it (tests pass their own).
DEFAULT_CHECKS: Mapping[str, Callable[[], doctor.Check]] = {
    "microphone": doctor.check_audio_input,
    "camera": doctor.check_cameras,
    "virtual camera": doctor.check_virtual_camera,
}


def check_devices(
    settings: Settings,
    inputs: StudioInputs | None = None,
    checks: Mapping[str, Callable[[], doctor.Check]] = DEFAULT_CHECKS,
) -> list[DeviceProblem]:
    """Every problem at once (empty: go live)."""
    inputs = inputs or StudioInputs()
    video = picture_spec(settings) if inputs.video == "camera" else inputs.video
    problems: list[DeviceProblem] = []
    wanted: dict[str, Mapping[str, Any]] = {}
    audio = sound_spec(settings) if inputs.audio == "mic" else inputs.audio
    if audio == "mic":
        wanted["microphone"] = {}  # captions need the seller's voice: no show without it
    elif not Path(audio).is_file():
        problems.append(
            DeviceProblem(
                "sound",
                f"the audio file {audio} does not exist",
                "choose another file in Settings › Devices › Sound",
            )
        )
    if video is not None and (video == "camera" or video.startswith("camera:")):
        wanted["camera"] = {"picture": "pattern"}
    elif video is not None and video != "pattern" and not Path(video).is_file():
        problems.append(
            DeviceProblem(
                "picture",
                f"the picture file {video} does not exist",
                "choose another file in Settings › Devices › Picture",
                {"picture": "pattern"},
            )
        )
    if settings.virtual_camera:
        if video is None:
            problems.append(
                DeviceProblem(
                    "virtual camera",
                    "the virtual camera needs a picture, and the picture is set to none",
                    "choose a picture in Settings › Devices, or turn off the virtual camera",
                    {"virtual_camera": False},
                )
            )
        else:
            wanted["virtual camera"] = {"virtual_camera": False}
    if settings.record and video is None:
        problems.append(
            DeviceProblem(
                "recording",
                "a recording needs a picture, and the picture is set to none",
                "choose a picture in Settings › Devices, or turn off the recording",
                {"record": False},
            )
        )
    names = [n for n in wanted if n in checks]
    if names:
        with ThreadPoolExecutor(max_workers=len(names), thread_name_prefix="preflight") as pool:
            results = dict(zip(names, pool.map(lambda n: checks[n](), names), strict=True))
        for name in names:
            check = results[name]
            if check.status is not doctor.Status.OK:
                # the window's way past a missing microphone, not the doctor's command line
                fix = MICROPHONE_FIX if name == "microphone" else check.fix
                problems.append(DeviceProblem(name, check.summary, fix, wanted[name]))
    order = {"microphone": 0, "sound": 0, "camera": 1, "picture": 1, "virtual camera": 2}
    order["recording"] = 3
    return sorted(problems, key=lambda p: order.get(p.device, 9))


def without(settings: Settings, problems: list[DeviceProblem]) -> Settings | None:
    """The settings that go live without every problem's device, or ``None`` when one of them
    cannot be done without."""
    if any(not p.without for p in problems):
        return None
    changes: dict[str, Any] = {}
    for p in problems:
        changes.update(p.without)
    return settings.replace(**changes)
