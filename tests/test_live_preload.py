"""Preloading before the studio window shows (``LiveSession.preload``).

Loading the speech model's tokenizer, lingua and babel's locale data each held Python's lock
50-900 ms, and doing it at Go live froze the window. The window now loads them behind a splash;
these tests check that the work done there is what a show then uses, not a second copy, and that
a preload that cannot find a model leaves the error to Go live instead of failing the start-up.
"""

from __future__ import annotations

from pathlib import Path

from sola_studio.core import helper
from sola_studio.live.options import DEMO_AUDIO, LiveOptions
from sola_studio.live.session import LiveSession


def _options(tmp_path: Path, model: str = "tiny.en") -> LiveOptions:
    return LiveOptions(
        audio=str(DEMO_AUDIO),
        out=tmp_path / "out",
        spoken=("en",),
        targets=("pt",),
        realtime=False,
        video=None,
        model=model,
    )


def test_each_show_of_the_process_uses_the_speech_model_preloaded(tmp_path: Path) -> None:
    steps: list[str] = []
    LiveSession.preload(_options(tmp_path), steps.append)
    assert steps == ["Loading libraries", "Loading the speech model", "Loading the comment models"]
    assert helper.helper_pid() is not None  # the comment models went to the helper process

    first = LiveSession(_options(tmp_path))
    engine = first.engine
    first.stop()
    second = LiveSession(_options(tmp_path))
    try:
        assert second.engine is engine  # not loaded again at the second Go live
        assert engine.multilingual is False  # tiny.en, as the options asked
    finally:
        second.stop()


def test_a_preload_without_its_model_leaves_the_error_to_go_live(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-model")
    LiveSession.preload(_options(tmp_path, model=missing))  # no exception: the window opens
    try:
        LiveSession(_options(tmp_path, model=missing))
    except Exception as exc:
        assert "model" in str(exc).lower() and getattr(exc, "fix", None)
    else:
        raise AssertionError("a session without its speech model must not start")
