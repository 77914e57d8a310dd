"""Nothing is written outside the app's own folders: loading and running the voice activity
detector (onnxruntime, through faster-whisper) with HOME pointed at an empty folder leaves it
empty (onnxruntime wrote a persistent device id under ~/.cache/Microsoft/DeveloperTools/)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import REPO_ROOT

VAD = textwrap.dedent(
    """
    import numpy as np
    from sola_studio.asr.vad import StreamingVad

    vad = StreamingVad()
    print(len(vad.push(np.zeros(16000, np.float32))))
    """
)


def test_the_vad_writes_nothing_under_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("XDG_CACHE_HOME", "ORT_DISABLE_TELEMETRY", "HOME")
    }
    out = subprocess.run(
        [sys.executable, "-c", VAD],
        env={**env, "HOME": str(home), "PYTHONPATH": str(REPO_ROOT)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert int(out.stdout) > 0  # it ran
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []
