"""Audio sources: the microphone and audio/video files, behind one :class:`AudioSource` contract.

Every source delivers :class:`AudioChunk` events of 16 kHz mono float32 samples, each stamped with
its position in the stream (``start``, seconds) and the monotonic time its last sample was
captured (``t_capture``), so caption latency can be measured from the audio itself.

What this module must never do: block or do work in the sounddevice callback (it copies the block
and enqueues it; resampling happens on the reader's thread), or silently lose audio. The channel
behind the microphone holds a minute of audio; the ASR stage drains it on every turn and keeps its
own memory bounded by trimming its buffer at committed boundaries, so the channel only overflows if
the reader is stalled for a whole minute, and then the oldest block goes and is counted in
``dropped_blocks`` (the newest speech matters most for live captions).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from sola_studio.core.channels import END, Channel, Overflow, _End
from sola_studio.core.clock import monotonic
from sola_studio.core.errors import DeviceUnavailable, MediaError

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
CHUNK_S = 0.1  # files are delivered in 100 ms chunks, like a microphone's callback blocks


@dataclass(frozen=True, eq=False)
class AudioChunk:
    """A run of 16 kHz mono float32 samples.

    ``start`` is seconds from the start of the stream; ``t_capture`` the monotonic time at which
    the chunk's *last* sample was captured (for files paced in real time: when it was due).
    """

    samples: np.ndarray
    start: float
    t_capture: float

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    @property
    def end(self) -> float:
        return self.start + self.duration


@runtime_checkable
class AudioSource(Protocol):
    """Start, read chunks until :data:`~sola_studio.core.channels.END`, stop."""

    name: str

    def start(self) -> None: ...

    def read(self, timeout: float | None = None) -> AudioChunk | _End | None:
        """The next chunk; ``END`` when the stream is over; ``None`` after ``timeout`` seconds.

        Raises :class:`~sola_studio.core.errors.MediaError` or
        :class:`~sola_studio.core.errors.DeviceUnavailable` when the input failed.
        """
        ...

    def stop(self) -> None: ...


class _Resampler:
    """Any rate, any channel count -> 16 kHz mono float32 (PyAV's libswresample)."""

    def __init__(self, rate: int, channels: int) -> None:
        import av

        self._av = av
        self.rate = rate
        self.channels = channels
        self._layout = "mono" if channels == 1 else "stereo" if channels == 2 else f"{channels}c"
        self._resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)

    def __call__(self, block: np.ndarray) -> np.ndarray:
        """``block``: float32, shape (frames, channels)."""
        if self.rate == SAMPLE_RATE and self.channels == 1:
            return np.ascontiguousarray(block.reshape(-1), dtype=np.float32)
        data = np.ascontiguousarray(block, dtype=np.float32).reshape(1, -1)
        frame = self._av.AudioFrame.from_ndarray(data, format="flt", layout=self._layout)
        frame.sample_rate = self.rate
        out = [f.to_ndarray().reshape(-1) for f in self._resampler.resample(frame)]
        return np.concatenate(out) if out else np.zeros(0, np.float32)


@dataclass(frozen=True, eq=False)
class _RawBlock:
    data: np.ndarray
    t_capture: float


def find_input_device(device: str | int | None) -> int | None:
    """Index of the input device given by index or by (part of) its name; ``None``: default.

    PortAudio lists devices once when it starts; when nothing matches, it is restarted once to
    see a microphone plugged in (or a sound server started) since. Raises
    :class:`DeviceUnavailable` listing the input devices when still nothing matches.
    """
    try:
        return _find_input_device(device)
    except DeviceUnavailable:
        import sounddevice as sd

        # sounddevice's documented way to rescan devices (its FAQ): terminate and re-initialise.
        sd._terminate()
        sd._initialize()
        return _find_input_device(device)


def _find_input_device(device: str | int | None) -> int | None:
    import sounddevice as sd

    try:
        devices = list(sd.query_devices())
    except Exception as exc:  # PortAudio missing or broken
        raise DeviceUnavailable(
            f"cannot list audio devices: {exc}",
            fix="install PortAudio (apt-get install libportaudio2) and run `sola-studio doctor`",
        ) from exc
    inputs = [(i, d) for i, d in enumerate(devices) if d["max_input_channels"] > 0]
    names = ", ".join(f"{i}: {d['name']}" for i, d in inputs) or "none"
    if device is None or device == "":
        if not inputs:
            raise DeviceUnavailable(
                "no microphone found", fix="plug in a microphone; `sola-studio doctor` lists them"
            )
        return None
    if isinstance(device, int) or str(device).isdigit():
        index = int(device)
        if any(i == index for i, _ in inputs):
            return index
    else:
        wanted = str(device).lower()
        exact = [i for i, d in inputs if d["name"].lower() == wanted]
        partial = [i for i, d in inputs if wanted in d["name"].lower()]
        if exact or partial:
            return (exact or partial)[0]
    raise DeviceUnavailable(
        f"no input device {device!r} (input devices: {names})",
        fix="pick one of the listed devices by index or name; `sola-studio doctor` lists them",
    )


class MicrophoneSource:
    """The seller's microphone through sounddevice (PortAudio).

    ``device`` is an index, (part of) a name, or ``None`` for the system default. The device's
    own rate and channel count are used and resampled to 16 kHz mono on the reader's thread.
    """

    def __init__(
        self,
        device: str | int | None = None,
        *,
        block_s: float = 0.05,
        capacity_s: float = 60.0,
        name: str | None = None,
    ) -> None:
        self.device = device
        self.block_s = block_s
        self.name = name or f"mic:{device if device is not None else 'default'}"
        n_blocks = max(1, int(capacity_s / block_s))
        self._raw: Channel[_RawBlock] = Channel(n_blocks, Overflow.DROP_OLDEST, name="mic-blocks")
        self._stream: Any = None
        self._resample: _Resampler | None = None
        self._emitted = 0  # 16 kHz samples delivered so far
        self._error: DeviceUnavailable | None = None

    @property
    def dropped_blocks(self) -> int:
        return self._raw.dropped

    def start(self) -> None:
        import sounddevice as sd

        index = find_input_device(self.device)
        try:
            info = sd.query_devices(index, "input")
            rate = int(info["default_samplerate"])
            channels = 1  # the first channel; a seller's mic is mono even on stereo devices
            self._resample = _Resampler(rate, channels)
            self._stream = sd.InputStream(
                device=index,
                samplerate=rate,
                channels=channels,
                dtype="float32",
                blocksize=max(1, int(rate * self.block_s)),
                callback=self._callback,
                finished_callback=self._finished,
            )
            self._stream.start()
        except Exception as exc:
            which = (
                "the default microphone" if self.device is None else f"microphone {self.device!r}"
            )
            raise DeviceUnavailable(
                f"cannot open {which}: {exc}",
                fix="check that the device is plugged in and not used exclusively by another app",
            ) from exc
        log.info("microphone %s open at %d Hz", self.name, rate)

    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        # Real-time thread: copy and enqueue, nothing else (DESIGN rule 1).
        self._raw.put(_RawBlock(indata.copy(), monotonic()))

    def _finished(self) -> None:
        if not self._raw.closed:
            self._error = DeviceUnavailable(
                f"microphone {self.name} stopped delivering audio",
                fix="check the device is still plugged in, then start the session again",
            )
        self._raw.close()

    def read(self, timeout: float | None = None) -> AudioChunk | _End | None:
        item = self._raw.get(timeout)
        if item is None:
            return None
        if isinstance(item, _End):
            if self._error is not None:
                error, self._error = self._error, None
                raise error
            return END
        assert self._resample is not None
        samples = self._resample(item.data)
        start = self._emitted / SAMPLE_RATE
        self._emitted += len(samples)
        return AudioChunk(samples, start, item.t_capture)

    def stop(self) -> None:
        self._raw.close()
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            except Exception:
                log.exception("closing microphone %s failed", self.name)
            self._stream = None


def iter_file(path: str | Path) -> Generator[np.ndarray, None, None]:
    """The file as 16 kHz mono float32 blocks, decoded as they are taken (any format FFmpeg
    reads, video files included): memory stays the same for a minute or for three hours.

    Raises :class:`MediaError` naming the file for a missing, broken or silent-only container,
    when the file is opened (the first ``next``) or where it breaks later.
    """
    import av

    path = Path(path)
    if not path.is_file():
        raise MediaError(f"audio file not found: {path}", fix="check the path")
    any_samples = False
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise MediaError(
                    f"{path} has no audio stream", fix="pick a file with a sound track"
                )
            resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
            frames: Iterator[Any] = container.decode(audio=0)
            for frame in itertools.chain(frames, [None]):  # None: flush the resampler
                for out in resampler.resample(frame):
                    block = out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
                    if len(block):
                        any_samples = True
                        yield block
    except MediaError:
        raise
    except Exception as exc:  # av.error.* for broken or unsupported files
        raise MediaError(
            f"cannot decode {path}: {exc}",
            fix="convert it with `ffmpeg -i INPUT -ar 16000 -ac 1 out.wav` or pick another file",
        ) from exc
    if not any_samples:
        raise MediaError(f"{path} contains no audio samples", fix="pick another file")


def check_file(path: str | Path) -> None:
    """Open ``path`` and decode its first samples: raises :class:`MediaError` where
    :func:`iter_file` would, so a broken file fails before the show, not in it."""
    blocks = iter_file(path)
    try:
        next(blocks)
    finally:
        blocks.close()


def decode_file(path: str | Path) -> np.ndarray:
    """The whole file as 16 kHz mono float32 (benchmarks and offline passes; a show streams
    with :func:`iter_file`). Raises :class:`MediaError` as :func:`iter_file` does."""
    return np.concatenate(list(iter_file(path))).astype(np.float32, copy=False)


def _rechunk(blocks: Iterable[np.ndarray], step: int) -> Iterator[np.ndarray]:
    """``step``-sample pieces of a stream of blocks of any size; the last may be shorter."""
    held = np.zeros(0, np.float32)
    for block in blocks:
        held = np.concatenate([held, block]) if len(held) else block
        whole = len(held) - len(held) % step
        for i in range(0, whole, step):
            yield held[i : i + step]
        held = held[whole:]
    if len(held):
        yield held


@dataclass(frozen=True)
class FileSpan:
    """Where one file's audio sits in the stream of a :class:`FileSource` (seconds)."""

    path: Path
    start: float
    end: float
    play: int = 0


class FileSource:
    """One or more audio/video files played as a stream.

    ``realtime=True`` paces chunks as a microphone would deliver them (the benchmarks and the
    demo); ``False`` delivers them as fast as the consumer takes them (tests). ``gap_s`` of
    silence is put between files; ``repeat_until_s`` loops the list until the stream is that long.
    Every file is opened and its first samples decoded before ``start`` returns, so a broken
    file fails there, not mid-session; then each is decoded while it plays, a chunk at a time
    (decoding whole files first held 715 MB for an hour of audio, 1.65 GB for three).
    """

    def __init__(
        self,
        paths: str | Path | Sequence[str | Path],
        *,
        realtime: bool = True,
        gap_s: float = 0.0,
        lead_in_s: float = 0.0,
        repeat_until_s: float | None = None,
        capacity_s: float = 2.0,
        name: str | None = None,
    ) -> None:
        if isinstance(paths, (str, Path)):
            paths = [paths]
        self.paths = [Path(p) for p in paths]
        if not self.paths:
            raise MediaError("no audio file given", fix="pass --audio FILE")
        self.realtime = realtime
        self.gap_s = gap_s
        self.lead_in_s = lead_in_s
        self.repeat_until_s = repeat_until_s
        self.name = name or f"file:{self.paths[0].name}" + (
            f"+{len(self.paths) - 1}" if len(self.paths) > 1 else ""
        )
        # BLOCK: a file is not a real-time producer; it waits for the consumer.
        n = max(1, int(capacity_s / CHUNK_S))
        self._channel: Channel[AudioChunk] = Channel(n, Overflow.BLOCK, name="file-chunks")
        self._spans: list[FileSpan] = []
        self._spans_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @property
    def spans(self) -> list[FileSpan]:
        """Where each played file sits in the stream (grows as the stream plays)."""
        with self._spans_lock:
            return list(self._spans)

    def start(self) -> None:
        for path in self.paths:
            check_file(path)
        self._thread = threading.Thread(
            target=self._produce, name=f"audio-{self.name}", daemon=True
        )
        self._thread.start()

    def _produce(self) -> None:
        step = int(CHUNK_S * SAMPLE_RATE)
        gap = np.zeros(int(self.gap_s * SAMPLE_RATE), np.float32)
        position = 0  # samples emitted
        t0 = monotonic()
        try:
            if self.lead_in_s > 0:
                position = self._emit(
                    [np.zeros(int(self.lead_in_s * SAMPLE_RATE), np.float32)], position, t0, step
                )
            play = 0
            while not self._stop.is_set():
                for path in self.paths:
                    start = position / SAMPLE_RATE
                    position = self._emit(iter_file(path), position, t0, step)
                    with self._spans_lock:
                        self._spans.append(FileSpan(path, start, position / SAMPLE_RATE, play))
                    if len(gap):
                        position = self._emit([gap], position, t0, step)
                    if self._stop.is_set():
                        break
                play += 1
                if self.repeat_until_s is None or position / SAMPLE_RATE >= self.repeat_until_s:
                    break
        except BaseException as exc:  # surfaced to the reader by read()
            self._error = exc
        finally:
            self._channel.close()

    def _emit(self, blocks: Iterable[np.ndarray], position: int, t0: float, step: int) -> int:
        try:
            return self._emit_pieces(_rechunk(blocks, step), position, t0)
        finally:
            if isinstance(blocks, Generator):
                blocks.close()  # the file, when the show stopped in the middle of it

    def _emit_pieces(self, pieces: Iterator[np.ndarray], position: int, t0: float) -> int:
        for piece in pieces:
            if self._stop.is_set():
                return position
            end = (position + len(piece)) / SAMPLE_RATE
            if self.realtime:
                # Pace like a microphone: a chunk exists only once its last sample was "spoken".
                delay = t0 + end - monotonic()
                if delay > 0 and self._stop.wait(delay):
                    return position
                # Its capture time is when it was spoken, not when the reader took it: a reader
                # that falls behind blocks this thread, and stamping the later time would hide
                # that lag from the caption latency.
                captured = t0 + end
            else:
                captured = monotonic()
            self._channel.put(AudioChunk(piece, position / SAMPLE_RATE, captured))
            position += len(piece)
        return position

    def read(self, timeout: float | None = None) -> AudioChunk | _End | None:
        item = self._channel.get(timeout)
        if isinstance(item, _End) and self._error is not None:
            error, self._error = self._error, None
            if isinstance(error, MediaError):
                raise error
            raise MediaError(
                f"reading {self.name} failed: {error}", fix="check the file"
            ) from error
        return item

    def stop(self) -> None:
        self._stop.set()
        self._channel.close()
        if self._thread is not None:
            self._thread.join(timeout=2)
