"""``sola-studio doctor`` tells the truth about this machine: each expectation below is
computed from an independent look at the machine (device files, CTranslate2, sysfs), so the
test holds on a GPU machine with a webcam as well as on CI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sola_studio import cli, doctor
from sola_studio.doctor import Check, Status, run_checks


@pytest.fixture(scope="module")
def report() -> dict[str, dict[str, object]]:
    return {c.name: {"status": c.status, "summary": c.summary, "fix": c.fix} for c in run_checks()}


def _video_devices() -> list[Path]:
    return sorted(Path("/dev").glob("video*"))


def test_gpu_line_matches_ctranslate2(report: dict[str, dict[str, object]]) -> None:
    import ctranslate2

    gpu = report["gpu"]
    if ctranslate2.get_cuda_device_count() == 0:
        assert gpu["status"] is Status.WARN
        assert "no CUDA GPU" in str(gpu["summary"]) or "driver" in str(gpu["summary"])
        assert "runs on cpu (int8" in str(gpu["summary"])
        assert "sola-studio[gpu]" in str(gpu["fix"]) or "driver" in str(gpu["fix"])
    else:
        assert gpu["status"] is Status.OK


def test_camera_line_matches_the_device_files(report: dict[str, dict[str, object]]) -> None:
    camera = report["camera"]
    if not _video_devices():
        assert camera["status"] is Status.WARN
        assert camera["summary"] == "no camera found (no /dev/video* device)"
        assert "plug in a webcam" in str(camera["fix"])
    else:
        assert "/dev/video" in str(camera["summary"]) or "no camera found" in str(camera["summary"])


def test_virtual_camera_line_says_what_to_install(report: dict[str, dict[str, object]]) -> None:
    vcam = report["virtual camera"]
    if not Path("/sys/module/v4l2loopback").exists():
        assert vcam["status"] is Status.WARN
        assert "v4l2loopback kernel module is not loaded" in str(vcam["summary"])
        assert "sudo modprobe v4l2loopback" in str(vcam["fix"])
        assert "v4l2loopback-dkms" in str(vcam["fix"])


def test_fonts_and_models(report: dict[str, dict[str, object]]) -> None:
    for lang in ("zh", "ja", "ar", "hi"):
        assert f"font {lang}" in report
    # fonts-noto-cjk and fonts-noto-core are in setup.sh's packages, so these must be found
    assert report["font zh"]["status"] is Status.OK
    assert report["model base"]["status"] is Status.OK
    assert report["model tiny.en"]["status"] is Status.OK
    assert "en->pt" in str(report["translation"]["summary"])


def test_microphone_line_is_there_with_a_fix_when_absent(
    report: dict[str, dict[str, object]],
) -> None:
    mic = report["microphone"]
    if mic["status"] is not Status.OK:
        assert mic["fix"]


def test_a_missing_default_model_fails_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sola_studio.models import registry

    def no_models() -> registry.ModelRegistry:
        return registry.ModelRegistry(
            repo_dir=tmp_path / "r", cache_dir=tmp_path / "c", packages=()
        )

    monkeypatch.setattr(registry, "default_registry", no_models)
    results = {c.name: c for c in run_checks([doctor.check_models])}
    assert results["model base"].status is Status.FAIL
    assert results["model base"].fix == "sola-studio models install base"


def test_a_crashing_check_is_reported_not_raised() -> None:
    def check_broken() -> Check:
        raise RuntimeError("boom")

    def check_fine() -> Check:
        return Check("fine", Status.OK, "all good")

    results = run_checks([check_broken, check_fine])
    assert [(c.name, c.status) for c in results] == [("broken", Status.FAIL), ("fine", Status.OK)]
    assert "boom" in results[0].summary


def test_command_output_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["doctor"])
    text = capsys.readouterr().out
    assert cli.main(["doctor", "--json"]) == code
    data = json.loads(capsys.readouterr().out)
    assert code == (0 if data["ok"] else 1)
    for check in data["checks"]:
        line = next(ln for ln in text.splitlines() if ln[6:].startswith(check["name"] + "  "))
        assert line.startswith(check["status"])
        assert check["summary"] in line
        if check["status"] != "OK":
            assert f"fix: {check['fix']}" in text
    assert sum(data["counts"].values()) == len(data["checks"])


@pytest.fixture
def virtual_microphone(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A real PulseAudio server of our own (private runtime folder) with a null sink, whose
    monitor is a capture source: the environment a process needs to see it as a microphone."""
    from helpers import require_program, wait_until

    require_program("pulseaudio", part="PulseAudio")
    runtime = tmp_path / "pulse-runtime"
    runtime.mkdir()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
    }
    subprocess.run(
        [
            "pulseaudio",
            "--daemonize=yes",
            "--exit-idle-time=-1",
            "--system=false",
            "-n",
            "--load=module-native-protocol-unix",
            "--load=module-null-sink sink_name=sola_doctor_sink",
        ],
        env=env,
        check=True,
        timeout=30,
        capture_output=True,
    )
    socket = runtime / "pulse" / "native"
    wait_until(socket.exists, timeout=10, what="PulseAudio's socket")
    env["PULSE_SERVER"] = f"unix:{socket}"
    yield env
    pid = int((runtime / "pulse" / "pid").read_text())
    os.kill(pid, signal.SIGTERM)


def test_a_pulseaudio_microphone_is_reported(virtual_microphone: dict[str, str]) -> None:
    # a fresh process: PortAudio lists devices once, when sounddevice is imported
    result = subprocess.run(
        [sys.executable, "-m", "sola_studio", "doctor", "--json"],
        env=virtual_microphone,
        capture_output=True,
        text=True,
        timeout=120,
    )
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["microphone"]["status"] == "OK", checks["microphone"]
    assert "pulse" in checks["microphone"]["details"]
