"""The speech recogniser: one Whisper decode of a short audio buffer (faster-whisper/CTranslate2).

:class:`WhisperEngine` is constructed with a model path, device and compute type (DESIGN rule 2)
and turns a buffer of 16 kHz audio into a :class:`Decoded` hypothesis: text, words with times
relative to the buffer, and the confidence figures the hallucination guards need. It never keeps
state between calls: the streaming policy (``sola_studio.asr.streaming``) owns the buffer, the
prompt and what is committed.

What this module must never do: read settings, loop over a stream, or decide what to commit.
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from sola_studio.core.errors import ModelMissing
from sola_studio.core.events import Word

if TYPE_CHECKING:
    from sola_studio.models.compute import ComputePlan

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decoded:
    """One decode of a buffer. Word times are seconds from the buffer's first sample."""

    text: str
    words: tuple[Word, ...]
    language: str
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    seconds: float  # compute time of the decode


WHISPER_WINDOW_S = 30  # the window Whisper was trained on
WHISPER_SAMPLE_RATE = 16_000  # what Whisper hears (and the audio sources deliver)
FRAMES_PER_SECOND = 100  # mel frames


@dataclass(frozen=True)
class DecodeOptions:
    """Per-call decoding choices (the streaming policy picks them per pass).

    ``window_s``: the seconds of audio (speech plus silence padding) the encoder sees. Whisper pads
    every buffer to 30 s, and the encoder's cost grows faster than linearly with the window, so on
    a CPU a 30 s window is most of a pass's cost whatever the speech length (measured, base int8,
    2 threads, load 6: encoding 30 s took 1.83 s, 10 s 0.14 s). A window a little longer than the
    buffer gives the same text on our recordings (``docs/captions.md``) for a fraction of the cost.
    The window's tail is faster-whisper's zero-feature padding, as in its 30 s windows; padding the
    audio with real silence instead (as Whisper's training did) was measured worse: base, real
    time, the 8 English recordings, WER 5.0 % vs 2.0 % ("ill disposed" -> "ild sposed").
    """

    beam_size: int = 1
    word_timestamps: bool = True
    prompt: str | None = None
    window_s: int = WHISPER_WINDOW_S
    max_tokens_per_s: float | None = None

    def max_new_tokens(self, audio_s: float) -> int | None:
        """The most tokens a pass over ``audio_s`` of audio may write (``max_tokens_per_s``;
        None: Whisper's own limit, 448 with the prompt). Speech is 2-5 tokens a second; a pass
        that loops ("uh, uh, uh, ...", "Words, words, words, ...") writes until the limit, and
        on 2 cores that took a greedy partial pass 3-4 s instead of 0.3 s (issue 16)."""
        if self.max_tokens_per_s is None:
            return None
        return 8 + math.ceil(audio_s * self.max_tokens_per_s)


class AsrEngine(Protocol):
    name: str

    def transcribe(
        self, audio: np.ndarray, language: str | None, options: DecodeOptions
    ) -> Decoded: ...

    def detect_language(self, audio: np.ndarray, candidates: Sequence[str]) -> tuple[str, float]:
        """The most likely of ``candidates`` (all languages when empty) and its probability."""
        ...


def default_threads() -> int:
    """CTranslate2 intra-op threads on CPU: every core but leave one for audio/MT/UI on big
    machines; on 2 cores both (measured: 1 thread is ~1.8x slower on a base pass)."""
    cores = os.cpu_count() or 2
    return cores if cores <= 4 else cores - 1


def _load_windowed(path: str, **kwargs: Any) -> Any:
    """faster-whisper's model with an encoder window that can be shorter than 30 s.

    faster-whisper pads every buffer's features to 3000 frames before ``encode``; the subclass
    cuts them to ``window_frames`` there, which is the only change. Everything after the encoder
    (decoding, word alignment, language detection) reads the encoder output's own length.
    """
    from faster_whisper import WhisperModel

    class WindowedWhisperModel(WhisperModel):
        window_frames = WHISPER_WINDOW_S * FRAMES_PER_SECOND

        def encode(self, features: np.ndarray) -> Any:
            return super().encode(features[..., : self.window_frames])

    return WindowedWhisperModel(path, **kwargs)


_shared: dict[tuple[str, str, str, int | None], WhisperEngine] = {}
_shared_lock = threading.Lock()


class WhisperEngine:
    """faster-whisper on CTranslate2. ``device``: ``cpu``/``cuda``/``auto``."""

    def __init__(
        self,
        model_path: str | Path,
        *,
        device: str = "cpu",
        compute_type: str = "int8",
        cpu_threads: int | None = None,
    ) -> None:
        path = Path(model_path)
        if not (path / "model.bin").is_file():
            raise ModelMissing(
                f"no Whisper model at {path}", fix="run `sola-studio models install base`"
            )
        self.name = f"whisper:{path.name}"
        self.model_path = path
        self._model = _load_windowed(
            str(path),
            device=device,
            compute_type=compute_type,
            cpu_threads=cpu_threads or default_threads(),
        )
        self.multilingual: bool = bool(self._model.model.is_multilingual)
        # The encoder window is set per call on the shared model: one call at a time.
        self._lock = threading.Lock()

    @classmethod
    def shared(
        cls,
        model_path: str | Path,
        *,
        device: str = "cpu",
        compute_type: str = "int8",
        cpu_threads: int | None = None,
    ) -> WhisperEngine:
        """The engine for these settings, loaded once per process and kept for the next show.

        Loading takes ~0.6 s for ``base`` here, and ~150 ms of it (the tokenizer, parsed in Rust)
        holds Python's global lock: done at each Go live it froze the studio window. The studio
        loads it once before its window shows
        (:meth:`sola_studio.live.session.LiveSession.preload`); only the most recent settings
        are kept, so switching models frees the old one.
        """
        key = (str(Path(model_path).resolve()), device, compute_type, cpu_threads)
        with _shared_lock:
            engine = _shared.get(key)
            if engine is None:
                engine = cls(
                    model_path, device=device, compute_type=compute_type, cpu_threads=cpu_threads
                )
                _shared.clear()
                _shared[key] = engine
            return engine

    def transcribe(
        self, audio: np.ndarray, language: str | None, options: DecodeOptions
    ) -> Decoded:
        t0 = time.perf_counter()
        window = max(1, min(WHISPER_WINDOW_S, options.window_s))
        with self._lock:
            self._model.window_frames = window * FRAMES_PER_SECOND
            try:
                return self._transcribe(audio, language, options, t0)
            finally:
                self._model.window_frames = WHISPER_WINDOW_S * FRAMES_PER_SECOND

    def _transcribe(
        self, audio: np.ndarray, language: str | None, options: DecodeOptions, t0: float
    ) -> Decoded:
        segments, info = self._model.transcribe(
            audio,
            language=language if self.multilingual else "en",
            beam_size=options.beam_size,
            best_of=1,
            # One temperature: a fallback re-decode doubles a pass's cost on 2 cores and the
            # guards below reject what the fallback would have retried.
            temperature=0.0,
            condition_on_previous_text=False,
            initial_prompt=options.prompt or None,
            without_timestamps=True,
            word_timestamps=options.word_timestamps,
            vad_filter=False,  # the gate already did it, incrementally
            compression_ratio_threshold=None,
            log_prob_threshold=None,
            no_speech_threshold=None,
            max_new_tokens=options.max_new_tokens(len(audio) / WHISPER_SAMPLE_RATE),
        )
        texts: list[str] = []
        words: list[Word] = []
        logprobs: list[float] = []
        no_speech = 0.0
        ratio = 0.0
        # Buffers are shorter than Whisper's 30 s window, so without timestamps the first segment
        # covers all of it. With word timestamps faster-whisper would then seek to the last word
        # and decode the trailing padding again, which is where "Thank you." came from on every
        # utterance in our first runs: stop after the first segment (it also saves that pass).
        for seg in itertools.islice(segments, 1):
            texts.append(seg.text)
            logprobs.append(seg.avg_logprob)
            no_speech = max(no_speech, seg.no_speech_prob)
            ratio = max(ratio, seg.compression_ratio)
            for w in seg.words or ():
                words.append(Word(w.word, float(w.start), float(w.end), float(w.probability)))
        return Decoded(
            text="".join(texts).strip(),
            words=tuple(words),
            language=info.language,
            avg_logprob=float(np.mean(logprobs)) if logprobs else 0.0,
            no_speech_prob=no_speech,
            compression_ratio=ratio,
            seconds=time.perf_counter() - t0,
        )

    def detect_language(self, audio: np.ndarray, candidates: Sequence[str]) -> tuple[str, float]:
        if not self.multilingual:
            return "en", 1.0
        with self._lock:
            _, _, probs = self._model.detect_language(audio=audio)
        allowed = [(lang, p) for lang, p in probs if not candidates or lang in candidates]
        if not allowed:
            return (candidates[0] if candidates else "en"), 0.0
        lang, p = max(allowed, key=lambda lp: lp[1])
        return lang, float(p)

    def transcribe_file_offline(
        self, audio: np.ndarray, language: str | None, temperature: float | None = None
    ) -> str:
        """One offline pass over a whole recording (beam 5, faster-whisper's defaults): the
        reference the streaming penalty is measured against. ``temperature``: one fixed
        temperature (no fallback, so the pass repeats exactly; ``None``: faster-whisper's
        fallback schedule, which samples at random)."""
        kwargs: dict[str, Any] = {} if temperature is None else {"temperature": temperature}
        with self._lock:
            segments, _ = self._model.transcribe(audio, language=language, beam_size=5, **kwargs)
            return "".join(s.text for s in segments).strip()


def resolve_asr_model(name: str) -> Path:
    """Folder of an ASR model by name or path, through the model registry (raises its typed
    ``ModelMissing``/``ModelCorrupt`` naming the install command)."""
    from sola_studio.models import resolve_model

    return resolve_model(name).path


@dataclass(frozen=True)
class LoadedEngine:
    """A speech engine loaded from the seller's settings, and the compute plan it runs on."""

    engine: WhisperEngine
    plan: ComputePlan

    @property
    def where(self) -> str:
        """``cpu int8``: the device and compute type, for a status bar."""
        return f"{self.plan.device.value} {self.plan.compute_type}"


def load_speech_engine(
    model: str,
    device: str = "auto",
    compute_type: str = "auto",
    cpu_threads: int | None = None,
    *,
    shared: bool = True,
) -> LoadedEngine:
    """The one place a speech engine is built from the seller's settings (a live show, the
    window's preload, the benches): the compute plan chosen for ``device``/``compute_type``,
    the model resolved by name or folder, the engine loaded (``shared``: once per process,
    :meth:`WhisperEngine.shared`; a bench passes ``False`` for a fresh copy)."""
    from sola_studio.models.compute import choose_compute

    plan = choose_compute(device, compute_type, cpu_threads)
    load = WhisperEngine.shared if shared else WhisperEngine
    engine = load(
        resolve_asr_model(model),
        device=plan.device.value,
        compute_type=plan.compute_type,
        cpu_threads=plan.cpu_threads,
    )
    return LoadedEngine(engine, plan)
