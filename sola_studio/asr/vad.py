"""The speech gate: Silero VAD (the ONNX model faster-whisper ships) run incrementally on the
live stream, so only speech ever reaches Whisper and silence, music and noise produce no text.

:class:`StreamingVad` keeps the LSTM state and the 64-sample context between calls, which gives
exactly the probabilities of ``faster_whisper.vad`` run on the whole recording (checked: maximum
difference 0.0 on the JFK recording fed in uneven blocks). :class:`SpeechGate` turns those
probabilities into utterances with hysteresis (speech above ``threshold``, silence below
``neg_threshold`` for ``min_silence_s``).

What this module must never do: decide what was said, or hold more than one window of audio.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

WINDOW = 512  # samples per VAD decision at 16 kHz (32 ms)
CONTEXT = 64
SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class GateOptions:
    """How the gate cuts the stream into utterances.

    ``threshold``/``neg_threshold``: speech starts above the first and ends only once the
    probability stays below the second. ``min_silence_s``: the pause that ends an utterance; it is
    paid on every caption's latency, so it is short (0.35 s; 0.5 s before: measured in the same
    real-time run, load ~4.7, median commit latency 1.36 -> 1.29 s, p95 4.99 -> 1.68 s, WER
    unchanged at 2.0 %). The guard: an utterance with under ``short_speech_s`` of speech ends only
    after ``short_silence_s``, so a single word said before a breath is not committed (and
    translated) alone. ``min_speech_s``: shorter bursts (clicks, a cough) are not utterances.
    ``split_after_s``/``split_pause_s``/``min_piece_s``/``max_utterance_s``: long speech is cut
    where the speaker draws breath, decided from the audio alone. Once an utterance has gone on
    ``split_after_s``, the first dip of at least ``split_pause_s`` below ``neg_threshold`` ends
    it and the speech after the dip starts the next; at ``max_utterance_s`` without such a dip it
    is cut at the longest dip it had after ``min_piece_s`` (at the newest audio if none, as
    Silero's ``max_speech_duration_s`` does). ``None``: utterances end at pauses only.
    Chosen on ``bench streaming`` (French, 565 words, offline 15.4 %), each setting replayed with
    the talk starting at three offsets (0.5, 0.61, 0.77 s) so the VAD windows fall differently:
    after 6 s at 0.15 s dips 16.6/16.6/16.6 %; after 6 s at 0.25 s 16.5/18.6/18.6 %; after 8 s at
    0.25 s (14 s max) 16.5/18.1/18.1 %; after 4 s at 0.15 s 17.2 % (one offset, an earlier
    tail); LocalAgreement before it 17.0/15.9/16.3 %, and 16.3-19.1 % at the same offset across
    machine speeds. Shorter pieces would commit long talk sooner, but cost words: after 4 s or
    5 s 17.7 % (offset 0.5); a 9 s limit 16.5/18.9/18.9 %, 8 s 18.4/20.4/20.4 %.
    ``pad_s``: audio kept before the first and after the last speech window so Whisper hears the
    word onsets and tails. 0.4 s, not 0.2: ``bench captions`` one real-time pass each, same load
    (~0.5), streaming/offline WER over the 698 scored words (en, fr, de) 16.2 %/13.8 % (ratio
    1.18) -> 15.9 %/13.8 % (1.16); JFK's "ask not" after a pause stopped coming out "Is not".

    ``rescue_s``/``rescue_rms``/``rescue_prob`` (issue 17): a loud stretch (window RMS of at
    least ``rescue_rms``, gaps under ``min_silence_s``) that the VAD never opened is handed on as
    a *rescued* utterance when it had ``rescue_s`` of loud windows, lasted at most
    ``max_utterance_s`` and its mean speech probability, the larger of two window alignments
    (:class:`TwoAlignmentVad`), is at least ``rescue_prob``; the streamer keeps its text only if
    Whisper is sure of it (``StreamingOptions.rescue_no_speech``/``rescue_logprob``). A falsetto
    voice in ``tests/speech_eval/dev`` peaks at 0.26 in Silero and never opened the gate; its
    loud 1.3 s reads a mean of 0.14-0.19 over eight alignments, hiss, hums, tones and a tone
    melody 0.08 at most (``tests/test_asr_vad_rescue.py``). ``None``: no rescue.
    ``two_alignments``: the gate itself decides on the larger of the two alignments' probability
    (off: measured on dev English it moved cuts by a window and cost 3 words and one repeat).
    """

    threshold: float = 0.5
    neg_threshold: float = 0.35
    min_silence_s: float = 0.35
    short_speech_s: float = 1.0
    short_silence_s: float = 0.6
    min_speech_s: float = 0.25
    pad_s: float = 0.4
    split_after_s: float | None = 6.0
    split_pause_s: float = 0.15
    min_piece_s: float = 1.5
    max_utterance_s: float = 12.0
    two_alignments: bool = False
    rescue_s: float | None = 1.0
    rescue_rms: float = 0.01
    rescue_prob: float = 0.12


class StreamingVad:
    """Silero speech probabilities for consecutive 32 ms windows of a 16 kHz stream."""

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self._h = np.zeros((1, 1, 128), np.float32)
        self._c = np.zeros((1, 1, 128), np.float32)
        self._context = np.zeros(CONTEXT, np.float32)
        self._pending = np.zeros(0, np.float32)
        self.windows_done = 0

    def push(self, samples: np.ndarray) -> np.ndarray:
        """Probabilities of every window completed by ``samples`` (possibly none)."""
        audio = np.concatenate([self._pending, samples.astype(np.float32, copy=False)])
        n = len(audio) // WINDOW
        self._pending = audio[n * WINDOW :].copy()
        if n == 0:
            return np.zeros(0, np.float32)
        windows = audio[: n * WINDOW].reshape(n, WINDOW)
        contexts = np.concatenate([self._context[None, :], windows[:-1, -CONTEXT:]], axis=0)
        self._context = windows[-1, -CONTEXT:].copy()
        batch = np.concatenate([contexts, windows], axis=1)
        out, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        self.windows_done += n
        return np.asarray(out, np.float32).reshape(-1)


class TwoAlignmentVad:
    """Silero run twice, the second time half a window (16 ms) earlier; each window's
    probability is the larger of its own and that of the window straddling its start.

    Silero's output on some voices depends on where its 32 ms windows fall: a falsetto clip in
    ``tests/speech_eval/dev`` peaks at 0.26 as replayed and at 0.54 shifted by 256 samples. The
    second alignment costs a second (cheap) ONNX call per block and no latency: the straddling
    window ends 16 ms before the window it is compared with.
    """

    def __init__(self) -> None:
        self._own = StreamingVad()
        self._early = StreamingVad()
        self._early.push(np.zeros(WINDOW // 2, np.float32))
        self._early_probs = np.zeros(0, np.float32)

    @property
    def windows_done(self) -> int:
        return self._own.windows_done

    def push(self, samples: np.ndarray) -> np.ndarray:
        return self.push_pair(samples)[1]

    def push_pair(self, samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The windows' own probabilities, and the larger of the two alignments'."""
        own = self._own.push(samples)
        self._early_probs = np.concatenate([self._early_probs, self._early.push(samples)])
        early, self._early_probs = self._early_probs[: len(own)], self._early_probs[len(own) :]
        return own, np.maximum(own, early)


@dataclass(frozen=True)
class Utterance:
    """A stretch of speech in stream seconds; ``end`` is None while it goes on."""

    start: float
    end: float | None
    speech_s: float
    cut_at: float | None = None  # set when long speech was split: the next piece starts here
    rescued: bool = False  # heard by the loudness rescue, not the VAD: Whisper must be sure


@dataclass
class _LoudRun:
    start: float
    end: float = 0.0
    loud: int = 0
    windows: int = 0
    probs: float = 0.0
    too_long: bool = False


class SpeechGate:
    """Utterance boundaries from VAD probabilities, with hysteresis.

    Feed audio with :meth:`push`; read :attr:`current` (the utterance in progress or just ended,
    or ``None``) and pop finished ones with :meth:`pop_finished`.
    """

    def __init__(
        self, options: GateOptions | None = None, vad: StreamingVad | TwoAlignmentVad | None = None
    ) -> None:
        self.options = options or GateOptions()
        if vad is None:
            two = self.options.two_alignments or self.options.rescue_s is not None
            vad = TwoAlignmentVad() if two else StreamingVad()
        self._vad = vad
        self._in_speech = False
        self._start = 0.0
        self._last_speech_end = 0.0
        self._speech_windows = 0
        self._dip_start: float | None = None  # a dip below neg_threshold inside speech
        self._best_dip: tuple[float, float] | None = None  # the longest so far: (start, end)
        self._finished: list[Utterance] = []
        self.last_prob = 0.0
        self.splits = 0
        self._rms_pending = np.zeros(0, np.float32)
        self._run: _LoudRun | None = None  # a loud stretch the VAD has not opened (rescue)
        self.rescued = 0

    @property
    def in_speech(self) -> bool:
        return self._in_speech

    @property
    def processed_s(self) -> float:
        """Stream time up to which the gate has decided."""
        return self._vad.windows_done * WINDOW / SAMPLE_RATE

    @property
    def current(self) -> Utterance | None:
        if not self._in_speech:
            return None
        return Utterance(self._start, None, self._speech_windows * WINDOW / SAMPLE_RATE)

    @property
    def trailing_silence_s(self) -> float:
        """How long the utterance in progress has been silent (0 outside speech)."""
        if not self._in_speech:
            return 0.0
        return max(0.0, self.processed_s - self._last_speech_end)

    @property
    def last_speech_end(self) -> float:
        return self._last_speech_end

    @property
    def rescue_start(self) -> float | None:
        """Start of a loud stretch the rescue may still hand on (its audio must be kept)."""
        run = self._run
        return None if run is None or run.too_long else run.start

    def _window_rms(self, samples: np.ndarray) -> np.ndarray:
        audio = np.concatenate([self._rms_pending, samples.astype(np.float32, copy=False)])
        n = len(audio) // WINDOW
        self._rms_pending = audio[n * WINDOW :].copy()
        windows = audio[: n * WINDOW].reshape(n, WINDOW)
        return np.asarray(np.sqrt((windows.astype(np.float64) ** 2).mean(axis=1)), np.float32)

    def push(self, samples: np.ndarray) -> None:
        o = self.options
        first = self._vad.windows_done
        if isinstance(self._vad, TwoAlignmentVad):
            own, best = self._vad.push_pair(samples)
            probs = best if o.two_alignments else own
        else:
            probs = best = self._vad.push(samples)
        rms = self._window_rms(samples) if o.rescue_s is not None else None
        for k, prob in enumerate(probs):
            self.last_prob = float(prob)
            w_start = (first + k) * WINDOW / SAMPLE_RATE
            w_end = w_start + WINDOW / SAMPLE_RATE
            if rms is not None:
                self._rescue_window(w_start, w_end, float(best[k]), float(rms[k]))
            if prob >= o.threshold or (self._in_speech and prob >= o.neg_threshold):
                if not self._in_speech:
                    self._in_speech = True
                    self._start = w_start
                    self._speech_windows = 0
                    self._best_dip = None
                elif self._dip_start is not None:
                    self._dip_ended(self._dip_start, w_start)
                self._dip_start = None
                self._speech_windows += 1
                self._last_speech_end = w_end
                self._split_if_too_long(w_end)
            elif self._in_speech and w_end - self._last_speech_end >= self._end_silence_s():
                self._in_speech = False
                self._dip_start = None
                speech_s = self._speech_windows * WINDOW / SAMPLE_RATE
                if speech_s >= o.min_speech_s:
                    self._finished.append(Utterance(self._start, self._last_speech_end, speech_s))
                    self._run = None  # the VAD heard this stretch: nothing to rescue
                else:
                    log.debug("ignored %.2f s burst at %.2f s", speech_s, self._start)
            elif self._in_speech:
                if self._dip_start is None:
                    self._dip_start = self._last_speech_end
                self._split_if_too_long(w_end)

    def _rescue_window(self, w_start: float, w_end: float, prob: float, rms: float) -> None:
        """Follow a loud stretch; once it goes quiet for ``min_silence_s`` outside speech, hand
        it on as a rescued utterance if it had ``rescue_s`` of loud windows and a mean speech
        probability of at least ``rescue_prob`` (Whisper's confidence then decides). An
        utterance the VAD accepts drops the stretch; a burst it ignores does not."""
        o = self.options
        run = self._run
        if rms >= o.rescue_rms:
            if run is None:
                run = self._run = _LoudRun(w_start)
            run.end = w_end
            run.loud += 1
        if run is None:
            return
        if w_end - run.end < o.min_silence_s or self._in_speech:
            run.probs += prob
            run.windows += 1
            # Longer than an utterance may be: steady noise or music, not a voice.
            run.too_long = run.too_long or w_end - run.start > o.max_utterance_s
            return
        self._run = None
        loud_s = run.loud * WINDOW / SAMPLE_RATE
        mean = run.probs / max(1, run.windows)
        assert o.rescue_s is not None
        log.debug("loud run %.2f s at %.2f s (mean p %.2f)", loud_s, run.start, mean)
        if o.rescue_s <= loud_s and not run.too_long and mean >= o.rescue_prob:
            log.debug("rescued %.2f s at %.2f s (mean p %.2f)", loud_s, run.start, mean)
            self._finished.append(Utterance(run.start, run.end, loud_s, rescued=True))
            self.rescued += 1

    def _dip_ended(self, d0: float, d1: float) -> None:
        """Speech resumed after a dip ``d0``..``d1``: cut there, or remember it as a candidate."""
        o = self.options
        if o.split_after_s is None or d0 - self._start < o.min_piece_s:
            return
        if d0 - self._start >= o.split_after_s and d1 - d0 >= o.split_pause_s:
            self._split(d0, d1)
        elif self._best_dip is None or d1 - d0 >= self._best_dip[1] - self._best_dip[0]:
            self._best_dip = (d0, d1)

    def _split_if_too_long(self, now: float) -> None:
        o = self.options
        if o.split_after_s is None or now - self._start < o.max_utterance_s:
            return
        if self._best_dip is not None:
            self._split(*self._best_dip)
        else:
            self._split(now, now)

    def _split(self, d0: float, d1: float) -> None:
        """End the utterance at ``d0`` and go on with one that starts at ``d1``."""
        cut = (d0 + d1) / 2
        total = self._speech_windows * WINDOW / SAMPLE_RATE
        span = max(1e-6, self._last_speech_end - self._start)
        first = total * min(1.0, (d0 - self._start) / span)
        self._finished.append(Utterance(self._start, d0, first, cut_at=cut))
        self._run = None
        log.debug("split long speech at %.2f s (pause %.2f s)", cut, d1 - d0)
        self.splits += 1
        self._start = d1
        self._speech_windows = max(0, round((total - first) * SAMPLE_RATE / WINDOW))
        self._best_dip = None
        if self._dip_start is not None and self._dip_start < d1:  # cut inside this dip
            self._dip_start = d1

    def _end_silence_s(self) -> float:
        o = self.options
        speech_s = self._speech_windows * WINDOW / SAMPLE_RATE
        return o.min_silence_s if speech_s >= o.short_speech_s else o.short_silence_s

    def pop_finished(self) -> list[Utterance]:
        done, self._finished = self._finished, []
        return done

    def flush(self) -> None:
        """End of stream: an utterance still open ends at its last speech window."""
        if self._in_speech:
            self._in_speech = False
            speech_s = self._speech_windows * WINDOW / SAMPLE_RATE
            if speech_s >= self.options.min_speech_s:
                self._finished.append(Utterance(self._start, self._last_speech_end, speech_s))
