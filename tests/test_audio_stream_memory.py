"""A long audio file is streamed, not decoded whole before the show: reading 20 minutes through
:class:`FileSource` holds memory flat (peak RSS measured in a child process), and a broken file
still fails at ``start``, before the show."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import REPO_ROOT

from sola_studio.core.errors import MediaError
from sola_studio.sources.audio import SAMPLE_RATE, FileSource

MINUTES = 20

READER = textwrap.dedent(
    """
    import json, resource, sys
    import av, numpy  # what the reader imports anyway, before the baseline
    from sola_studio.sources.audio import AudioChunk, FileSource

    def peak_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    source = FileSource(sys.argv[1], realtime=False)
    before = peak_mb()
    source.start()
    samples = 0
    while isinstance(chunk := source.read(timeout=30), AudioChunk):
        samples += len(chunk.samples)
    source.stop()
    print(json.dumps({"samples": samples, "growth_mb": peak_mb() - before}))
    """
)


@pytest.mark.real_part("ffmpeg", part="ffmpeg")
@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage")
def test_a_twenty_minute_file_is_read_with_flat_memory(tmp_path: Path) -> None:
    long = tmp_path / "long.flac"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
         f"anoisesrc=d={MINUTES * 60}:c=pink:r=44100:a=0.1", "-ac", "2", str(long)],
        check=True, timeout=300,
    )  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", READER, str(long)],
        capture_output=True, text=True, check=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )  # fmt: skip
    result = json.loads(out.stdout)
    assert result["samples"] == pytest.approx(MINUTES * 60 * SAMPLE_RATE, abs=SAMPLE_RATE)
    decoded_mb = MINUTES * 60 * SAMPLE_RATE * 4 / 1e6  # 77 MB of float32, what a whole decode held
    assert result["growth_mb"] < 20, (
        f"peak memory grew {result['growth_mb']:.0f} MB reading {decoded_mb:.0f} MB"
    )


@pytest.mark.parametrize(
    ("name", "content"), [("empty.wav", b""), ("text.wav", b"just some words, not audio\n" * 50)]
)
def test_a_broken_file_fails_at_start_not_mid_show(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    source = FileSource(path, realtime=False)
    with pytest.raises(MediaError) as err:
        source.start()
    assert str(path) in err.value.message and err.value.fix
