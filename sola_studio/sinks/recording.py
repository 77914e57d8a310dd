"""The recording: an MP4 of the output (captions burned in) with the microphone audio muxed in,
and subtitle files beside it.

Video frames carry their output tick ``index``: frame ``i`` is shown at ``(i - first) / fps``, so
a missed tick leaves the previous picture on screen a little longer instead of shifting
everything after it. Audio chunks carry the monotonic time of their last sample; each sample is
placed at ``t_sample - t0``, where ``t0`` is the monotonic time of the first video frame, and
gaps are filled with silence (overlaps trimmed), so audio and video share one clock and stay in
sync however the two devices drift.

:meth:`Recorder.write_audio` may be called from any thread and only enqueues (bounded, 10 min of
audio; when full the newest chunk is refused and counted in ``audio_dropped``); all encoding
happens on the pipeline's sink thread in :meth:`Recorder.send` and :meth:`Recorder.close`.

Subtitles: by default a :class:`sola_studio.captions.subtitles.SubtitleWriter` writes
``<stem>.<lang>.srt``/``.vtt`` beside the video; every caption given to
:meth:`Recorder.on_caption` reaches it (or the caption sinks passed as ``subtitles``), and they
are closed with the recording. Cue times are the captions' stream seconds, which match the
video's when the recording starts with the session.

Never imports Qt. A recording that is stopped (or whose process dies) keeps what was written:
MP4 needs ``close()`` for its index, so long sessions should prefer ``.mkv``, which stays
playable when cut short.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Protocol

import av
import numpy as np

from sola_studio.core.channels import Channel, Overflow
from sola_studio.core.errors import MediaError
from sola_studio.core.events import Caption
from sola_studio.sinks.base import OutputFormat, OutputFrame

log = logging.getLogger(__name__)


class TimedSamples(Protocol):
    """An audio chunk: mono float32 ``samples``; ``t_capture`` is its last sample's monotonic time
    (:class:`sola_studio.sources.audio.AudioChunk` is one)."""

    @property
    def samples(self) -> np.ndarray: ...
    @property
    def t_capture(self) -> float: ...


class CaptionSink(Protocol):
    def on_caption(self, caption: Caption) -> None: ...
    def close(self) -> None: ...


class Recorder:
    """Writes ``path`` (.mp4 or .mkv): H.264 video at the output rate, AAC audio.

    ``crf``/``preset``/``tune``/``threads``: the x264 settings (``threads=0``: x264's own choice).
    """

    name = "recording"

    def __init__(
        self,
        path: str | Path,
        *,
        audio_rate: int = 16_000,
        subtitles: Sequence[CaptionSink] | None = None,
        crf: int = 23,
        preset: str = "superfast",
        tune: str | None = "zerolatency",
        threads: int = 1,
        audio_queue_s: float = 600.0,
    ) -> None:
        self.path = Path(path)
        self.audio_rate = audio_rate
        if subtitles is None:
            from sola_studio.captions.subtitles import SubtitleWriter

            subtitles = (SubtitleWriter(self.path.parent, stem=self.path.stem),)
        self._subtitles = tuple(subtitles)
        self._crf = crf
        self._preset = preset
        self._tune = tune
        self._threads = threads
        # ~10 chunks a second from the microphone
        self._audio: Channel[TimedSamples] = Channel(
            max(16, int(audio_queue_s * 10)), Overflow.DROP_NEWEST, "recording-audio"
        )
        self._container: av.container.OutputContainer | None = None
        self._vstream: av.VideoStream | None = None
        self._astream: av.AudioStream | None = None
        self._fps = 30.0
        self._first_index: int | None = None
        self._t0: float | None = None
        self._samples_written = 0
        self._last_pts = -1
        self.frames_written = 0

    @property
    def audio_dropped(self) -> int:
        return self._audio.dropped

    def subtitle_path(self, language: str, suffix: str) -> Path:
        """Where a subtitle file for ``language`` belongs: beside the video, same stem."""
        return self.path.with_name(f"{self.path.stem}.{language}{suffix}")

    def open(self, fmt: OutputFormat) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            container = av.open(str(self.path), "w")
        except (OSError, av.FFmpegError) as exc:
            raise MediaError(
                f"cannot write the recording {self.path}: {exc}",
                fix="choose a folder you can write to, with free disk space",
            ) from exc
        rate = Fraction(fmt.fps).limit_denominator(1001)
        v = container.add_stream("libx264", rate=rate)
        v.width, v.height, v.pix_fmt = fmt.width, fmt.height, "yuv420p"
        v.time_base = 1 / rate
        # The recorder shares the CPU with live speech recognition: one x264 thread, a cheap
        # preset and no lookahead (tune zerolatency) so Whisper keeps its core (veryfast, CRF 20,
        # x264's automatic threads dropped frames in `run --demo`; docs/captions.md has the
        # before/after). CRF 23 is x264's default quality.
        options: dict[str, object] = {"crf": str(self._crf), "preset": self._preset}
        if self._tune:
            options["tune"] = self._tune
        if self._threads > 0:  # 0: x264 picks (one per core and more)
            options["threads"] = str(self._threads)
            v.thread_count = self._threads
        v.options = options
        a = container.add_stream("aac", rate=self.audio_rate)
        a.layout = "mono"
        a.time_base = Fraction(1, self.audio_rate)
        self._container, self._vstream, self._astream = container, v, a
        self._fps = fmt.fps

    def write_audio(self, chunk: TimedSamples) -> None:
        """Queue microphone audio (any thread; never blocks)."""
        self._audio.put(chunk)

    def on_caption(self, caption: Caption) -> None:
        for sink in self._subtitles:
            sink.on_caption(caption)

    def send(self, frame: OutputFrame) -> None:
        if self._container is None or self._vstream is None:
            return
        if self._first_index is None:
            self._first_index = frame.index
            self._t0 = frame.t
        pts = frame.index - self._first_index
        if pts <= self._last_pts:
            return
        self._last_pts = pts
        vf = av.VideoFrame.from_ndarray(frame.image, format="bgr24")
        vf.pts = pts
        for packet in self._vstream.encode(vf):
            self._container.mux(packet)
        self.frames_written += 1
        self._drain_audio()

    def _drain_audio(self) -> None:
        if self._t0 is None:
            return
        for chunk in self._audio.drain():
            self._encode_audio(chunk)

    def _encode_audio(self, chunk: TimedSamples) -> None:
        assert self._container is not None and self._astream is not None and self._t0 is not None
        samples = np.asarray(chunk.samples, dtype=np.float32).reshape(-1)
        start_t = chunk.t_capture - len(samples) / self.audio_rate
        position = round((start_t - self._t0) * self.audio_rate)
        if position < self._samples_written:  # overlap or before the first frame: trim
            samples = samples[self._samples_written - position :]
            position = self._samples_written
        gap = position - self._samples_written
        if gap > 0:
            samples = np.concatenate([np.zeros(gap, dtype=np.float32), samples])
        if samples.size == 0:
            return
        af = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
        af.sample_rate = self.audio_rate
        af.pts = self._samples_written
        af.time_base = Fraction(1, self.audio_rate)
        self._samples_written += samples.size
        for packet in self._astream.encode(af):
            self._container.mux(packet)

    def close(self) -> None:
        if self._container is None:
            return
        self._audio.close()
        self._drain_audio()
        assert self._vstream is not None and self._astream is not None
        for packet in self._vstream.encode(None):
            self._container.mux(packet)
        for packet in self._astream.encode(None):
            self._container.mux(packet)
        self._container.close()
        self._container = None
        for sink in self._subtitles:
            sink.close()
        log.info(
            "recording %s closed: %d frames, %.1f s of audio",
            self.path,
            self.frames_written,
            self._samples_written / self.audio_rate,
        )
