"""A show that cannot start leaves a 'failed' session with its error row, not a 'finished'
session with nothing (issue 21.10), and an English-only speech model with another spoken
language is refused before anything loads, with the fix."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sola_studio.core.errors import ConfigError, SolaError
from sola_studio.live.options import LiveOptions, english_only
from sola_studio.live.session import LiveSession
from sola_studio.store.repository import SessionStore


@pytest.mark.parametrize("spoken", [("pt",), ("en", "fr")])
def test_an_english_only_model_with_another_spoken_language_is_refused(
    tmp_path: Path, spoken: tuple[str, ...]
) -> None:
    with pytest.raises(ConfigError) as caught:
        LiveOptions(audio="x.wav", out=tmp_path, spoken=spoken, model="tiny.en")
    assert "English only" in caught.value.message
    assert (
        caught.value.fix is not None and "tiny" in caught.value.fix and "base" in caught.value.fix
    )


def test_english_only_models_are_told_apart() -> None:
    assert english_only("tiny.en") and english_only("/models/distil-small.en/")
    assert not english_only("base") and not english_only("large-v3") and not english_only("tiny")
    LiveOptions(audio="x.wav", out=Path("o"), spoken=("en",), model="tiny.en")
    LiveOptions(audio="x.wav", out=Path("o"), spoken=(), model="tiny.en")  # English by default
    LiveOptions(audio="x.wav", out=Path("o"), spoken=("pt",), model="base")


def _video_without_audio(path: Path) -> Path:
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=160x120:rate=10",
            "-t",
            "1",
            "-an",
            str(path),
        ],
        check=True,
    )
    return path


@pytest.mark.real_part("ffmpeg")
@pytest.mark.parametrize("kind", ["zero-byte", "text renamed .wav", "mp4 without audio"])
def test_a_failed_start_is_a_failed_session_with_its_error(tmp_path: Path, kind: str) -> None:
    if kind == "zero-byte":
        audio = tmp_path / "empty.wav"
        audio.write_bytes(b"")
    elif kind == "text renamed .wav":
        audio = tmp_path / "notes.wav"
        audio.write_text("this is not a recording\n", encoding="utf-8")
    else:
        audio = _video_without_audio(tmp_path / "silent.mp4")
    profile = f"failed-start-{kind.split()[0]}"
    options = LiveOptions(
        audio=str(audio),
        out=tmp_path / "out",
        spoken=("en",),
        model="tiny.en",
        realtime=False,
        profile=profile,
    )
    live = LiveSession(options, translation_engines=[])
    sid = live.session_id
    with pytest.raises(SolaError) as caught:
        live.start()
    live.stop(interrupted=True)
    assert caught.value.fix
    store = SessionStore.open_profile(profile)
    try:
        status = store.db.execute("SELECT status FROM sessions WHERE id=?", [sid]).fetchone()[0]
        errors = store.db.execute(
            "SELECT stage, message, fix, recoverable FROM errors WHERE session_id=?", [sid]
        ).fetchall()
    finally:
        store.close()
    assert status == "failed"
    assert errors == [("start", caught.value.message, caught.value.fix, 0)]
