"""The composition root's own machinery: stages start in order and stop in reverse (also when
one fails to start), and the stream clock of ``run --fast`` keeps comments on the show's
timeline."""

from __future__ import annotations

import threading

import pytest

from sola_studio.core.clock import StreamClock
from sola_studio.live.stages import Session


class _Stage:
    def __init__(self, name: str, log: list[str], fail: bool = False) -> None:
        self.name, self.log, self.fail = name, log, fail

    def start(self) -> None:
        self.log.append(f"start {self.name}")
        if self.fail:
            raise RuntimeError(f"{self.name} cannot start")

    def stop(self) -> None:
        self.log.append(f"stop {self.name}")


def test_stages_start_in_order_and_stop_in_reverse() -> None:
    log: list[str] = []
    session = Session()
    for name in ("video", "desk", "captions"):
        session.add_stage(_Stage(name, log))
    with session:
        assert log == ["start video", "start desk", "start captions"]
    assert log[3:] == ["stop captions", "stop desk", "stop video"]


def test_a_stage_that_fails_to_start_is_stopped_with_those_before_it() -> None:
    """A source that failed to open must still end the stream its reader waits on."""
    log: list[str] = []
    session = Session()
    session.add_stage(_Stage("asr", log))
    session.add_stage(_Stage("source", log, fail=True))
    session.add_stage(_Stage("never", log))
    with pytest.raises(RuntimeError, match="source cannot start"):
        session.start()
    assert log == ["start asr", "start source", "stop source", "stop asr"]


def test_wait_ends_when_every_finite_input_is_done() -> None:
    session = Session()
    audio, comments = threading.Event(), threading.Event()
    session.add_stage(_Stage("audio", []), audio)
    session.add_stage(_Stage("comments", []), comments)
    assert not session.wait(0.01)
    audio.set()
    assert not session.wait(0.01)
    comments.set()
    assert session.wait(0.01)


def test_stream_clock_holds_a_comment_until_the_audio_reaches_it() -> None:
    clock = StreamClock(origin=100.0, origin_wall=1_000.0)
    arrived: list[float] = []

    def replay() -> None:  # what ReplaySource(speed=0) does for a line at t=5 s
        clock.advance(5.0)
        arrived.append(clock.position)

    thread = threading.Thread(target=replay)
    thread.start()
    clock.reach(3.0)
    thread.join(timeout=0.1)  # it must still be held after a while, not merely not yet run
    assert thread.is_alive() and arrived == []  # the audio is at 3 s: the comment at 5 s waits
    clock.reach(5.2)
    thread.join(2)
    assert arrived == [5.2]
    assert clock.monotonic() == pytest.approx(105.2) and clock.wall() == pytest.approx(1005.2)


def test_stream_clock_runs_on_after_the_audio_ended_once_the_desk_settled() -> None:
    settled: list[float] = []
    clock = StreamClock(origin=0.0, origin_wall=0.0)
    clock.settle = lambda: settled.append(clock.position)
    clock.reach(84.0)
    clock.release()
    clock.advance(20.0)  # a comment at 104 s, after the talk ended
    assert clock.position == 104.0 and settled == [84.0]
    clock.reach(50.0)
    assert clock.position == 104.0  # never backwards


def test_closing_the_stream_clock_ends_every_wait() -> None:
    clock = StreamClock()
    done = threading.Event()
    thread = threading.Thread(target=lambda: (clock.advance(30.0), done.set()))
    thread.start()
    assert clock.wait_past(1.0, timeout=0.05) == 0.0
    clock.close()
    thread.join(2)
    assert done.is_set() and clock.position == 0.0  # an interrupted show does not jump ahead
