"""Streaming recognition: turns a live 16 kHz stream into partial and committed text.

The policy (:class:`UtteranceStreamer`) follows whisper_streaming's four verbs (insert audio,
process, finish, a hypothesis that commits only what two passes agree on) but is built around
the cost structure of Whisper on a 2-core CPU, where the encoder is most of a pass's cost and
faster-whisper pads every buffer to a 30 s window (measured with base int8 on 2 threads: a greedy
pass over 3 s and over 11 s of audio cost the same to within noise), so we encode a shorter one:

- the VAD gate (:mod:`sola_studio.asr.vad`) cuts speech into utterances; silence never reaches
  Whisper, and the buffer is trimmed to a few hundred ms while nobody speaks;
- while an utterance goes on, a greedy *partial* pass runs every ``step`` seconds of new audio
  (``step`` grows with the measured pass cost so at most ``cpu_share`` of the CPU goes to
  partials, up to ``cpu_share_max`` while commits leave room, :mod:`sola_studio.asr.cadence`,
  and a final pass never waits long for a partial one; none starts once a pause began);
- when the gate sees ``min_silence_s`` of silence the utterance is decoded once more and
  committed whole (one caption per utterance: whole clauses translate better than fragments);
- every pass encodes a window just longer than its audio (``window_pad_s``, at least
  ``window_min_s``) instead of Whisper's padded 30 s: on a CPU the 30 s encoder was most of a
  pass's cost (measured: 5x cheaper passes, same WER on our recordings);
- long speech is cut by the gate where the speaker draws breath (after ``split_after_s``, the
  first dip of ``split_pause_s``; see :class:`~sola_studio.asr.vad.GateOptions`), and each piece
  is committed like an utterance. Where commits fall, and what audio each commit pass decodes,
  depend on the audio alone, so the captions are the same on a fast machine and a loaded one. The
  buffer is trimmed at every commit, so memory and per-pass cost stay flat for hours;
- optionally (``agree_after_s``; off by default, kept to compare policies in ``bench
  streaming``), an utterance past ``agree_after_s`` commits early the prefix two successive
  greedy passes agree on (LocalAgreement-2), cut at a clause end ``tail_guard_s`` before the
  newest audio, anywhere past ``max_segment_s``, whatever the last pass said past
  ``hard_max_s``. It was the default until the gate split long speech: where it cut depended on
  when passes ended, so two runs of the same recording differed (French WER 16-19 % across
  simulated machine speeds, 16.6 % with the split at every speed);
- each pass is given the end of the committed text as its prompt; a pass the prompt sends into a
  loop (compression ratio over Whisper's 2.4) is decoded again without it (a commit pass that
  still loops, in a 30 s window), and after a cut forced inside speech, words at the head of a
  pass that repeat the tail just committed are dropped (:func:`repeated_head`);
- a lone short utterance (under ``hold_short_s`` of speech) waits up to ``hold_gap_s`` for the
  next and is decoded with it, and a commit pass does not reach back into the tail of the speech
  committed before it (``commit_tail_s``), so a word said twice across a pause stays twice
  (issue 17: speech the engine was not tuned on, ``tests/speech_eval``).

Why not whisper_streaming as is: DESIGN.md measured it at median 9.6 s on 2 cores (beam 5, word
timestamps on every pass over a growing buffer). Why not fixed 5 s chunks: every caption waits for
its chunk to fill and words cut at chunk edges are misheard (median 1.40 s, p95 4.34 s, WER 17.2 %
vs 12.5 % offline). :class:`FixedChunkStreamer` keeps that baseline measurable.

What this module must never do: block on anything but its own decode, touch a translator, or keep
audio it has committed.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from sola_studio.asr.cadence import PartialCadence, Speculated
from sola_studio.asr.engine import WHISPER_WINDOW_S, AsrEngine, Decoded, DecodeOptions
from sola_studio.asr.guards import (
    clean_words,
    collapse_text_repetitions,
    drop_mismatch_text,
    is_silence_hallucination,
)

# StreamingOptions (options.py) and the word helpers (words.py) moved out when this module
# passed 800 lines; the ``X as X`` imports keep them importable from here.
from sola_studio.asr.lookback import LookBack
from sola_studio.asr.options import StreamingOptions as StreamingOptions
from sola_studio.asr.vad import SpeechGate, Utterance
from sola_studio.asr.words import ABBREVIATIONS as ABBREVIATIONS
from sola_studio.asr.words import CLAUSE_END as CLAUSE_END
from sola_studio.asr.words import SENTENCE_END as SENTENCE_END
from sola_studio.asr.words import _agreed_prefix, _ends_with, _text_of, prompt_tail
from sola_studio.asr.words import repeated_head as repeated_head
from sola_studio.core.channels import _End
from sola_studio.core.clock import monotonic
from sola_studio.core.errors import SolaError
from sola_studio.core.events import ErrorEvent, Word
from sola_studio.sources.audio import SAMPLE_RATE, AudioChunk, AudioSource

log = logging.getLogger(__name__)

_TAIL_WORDS = 5
_Revised = tuple[int, tuple[Word, ...], str]  # a committed update's seq, words, language


@dataclass(frozen=True)
class AsrUpdate:
    """Text recognised in the stream. Word and span times are stream seconds.

    ``committed`` text is replaced only by a ``revision`` with its ``seq`` (committed updates are
    numbered from 1; a partial has 0), sent where a pass that heard the speech after it heard it
    differently (``LookBack``); a partial is replaced by the next update.
    ``audio_end_t`` is the monotonic capture time of the end of the last word (caption latency's
    reference point); ``t_capture`` that of the newest audio the pass saw.
    """

    text: str
    words: tuple[Word, ...]
    start: float
    end: float
    language: str
    committed: bool
    t_capture: float
    t_emit: float
    audio_end_t: float | None
    decode_s: float = 0.0
    seq: int = 0
    revision: bool = False


class StreamingPolicy(Protocol):
    """insert_audio, ready/process, finish (whisper_streaming's verbs)."""

    def insert_audio(self, chunk: AudioChunk) -> None: ...

    def ready(self) -> bool:
        """True when :meth:`process` has work to do with the audio inserted so far."""
        ...

    def process(self) -> list[AsrUpdate]: ...

    def finish(self) -> list[AsrUpdate]:
        """End of stream: commit everything still pending."""
        ...

    @property
    def buffer_seconds(self) -> float:
        """Seconds of audio held right now (bounded; tests watch it over long replays)."""
        ...


class _ClockMap:
    """Stream seconds -> monotonic capture time, from the chunks' stamps (recent ones only)."""

    def __init__(self) -> None:
        self._chunks: collections.deque[tuple[float, float]] = collections.deque()

    def add(self, chunk: AudioChunk) -> None:
        self._chunks.append((chunk.end, chunk.t_capture))

    def forget_before(self, stream_s: float) -> None:
        while len(self._chunks) > 1 and self._chunks[1][0] < stream_s:
            self._chunks.popleft()

    def at(self, stream_s: float) -> float | None:
        for end, t in self._chunks:
            if end >= stream_s:
                return t - (end - stream_s)
        if self._chunks:
            end, t = self._chunks[-1]
            return t - (end - stream_s)
        return None

    @property
    def latest(self) -> float:
        return self._chunks[-1][1] if self._chunks else monotonic()


class _Buffer:
    """The audio not yet committed, from ``start`` (stream seconds)."""

    def __init__(self) -> None:
        self.start = 0.0
        self._parts: list[np.ndarray] = []
        self._n = 0
        self._joined: np.ndarray | None = None

    def append(self, samples: np.ndarray) -> None:
        self._parts.append(samples)
        self._n += len(samples)
        self._joined = None

    @property
    def end(self) -> float:
        return self.start + self._n / SAMPLE_RATE

    @property
    def seconds(self) -> float:
        return self._n / SAMPLE_RATE

    def _all(self) -> np.ndarray:
        if self._joined is None:
            self._joined = np.concatenate(self._parts) if self._parts else np.zeros(0, np.float32)
            self._parts = [self._joined]
        return self._joined

    def slice(self, a: float, b: float) -> np.ndarray:
        i = max(0, round((a - self.start) * SAMPLE_RATE))
        j = max(i, round((b - self.start) * SAMPLE_RATE))
        return self._all()[i:j]

    def trim_before(self, stream_s: float) -> None:
        cut = round((stream_s - self.start) * SAMPLE_RATE)
        if cut <= 0:
            return
        rest = self._all()[cut:].copy()
        self._parts = [rest]
        self._joined = rest
        self._n = len(rest)
        self.start += cut / SAMPLE_RATE


def _merged(first: Utterance, second: Utterance) -> Utterance:
    """One utterance from ``first`` to ``second`` (a short one held for the next)."""
    return Utterance(first.start, second.end, first.speech_s + second.speech_s, second.cut_at)


class UtteranceStreamer:
    """VAD-segmented streaming with partial passes and LocalAgreement commits for long speech."""

    def __init__(
        self,
        engine: AsrEngine,
        options: StreamingOptions | None = None,
        gate: SpeechGate | None = None,
    ) -> None:
        self.engine = engine
        self.options = options or StreamingOptions()
        self._vocabulary = self.options.vocabulary
        self._gate = gate or SpeechGate(self.options.gate)
        self._buf = _Buffer()
        self._clock = _ClockMap()
        self._finals: list[Utterance] = []
        self._commit_t = 0.0  # audio before this has been committed or discarded
        self._prev: tuple[Word, ...] = ()  # last partial pass's words (absolute times)
        self._last_pass_end = 0.0
        self._pass_cost = 0.5  # seconds, moving average of measured passes
        self.cadence = PartialCadence(self.options)  # how often partial passes run
        self._language: str | None = (
            self.options.languages[0] if len(self.options.languages) == 1 else None
        )
        self._utt_language: str | None = None
        self._committed_text: collections.deque[str] = collections.deque(maxlen=8)
        self._tail: tuple[Word, ...] = ()  # the last few committed words (absolute times)
        self._held: Utterance | None = None  # a short utterance merged into the one under way
        self._cut_in_speech = False  # the last commit ended at a cut with no breath at it
        self._spec: Speculated | None = None  # a commit pass run before its utterance ended
        self._lookback = LookBack(self.options, self._run, self._clean, self._prompt)
        self._seq = 0  # committed updates so far (AsrUpdate.seq)
        self.max_buffer_seconds = 0.0
        self.passes = 0
        self.compute_s = 0.0  # seconds spent decoding (for the real-time factor)

    # -- the four verbs ------------------------------------------------------------------------

    def insert_audio(self, chunk: AudioChunk) -> None:
        self._buf.append(chunk.samples)
        self._clock.add(chunk)
        self._gate.push(chunk.samples)
        self._take_finished()
        if not self._gate.in_speech and not self._finals and self._held is None:
            # Nobody speaks: keep only the padding the next utterance's onset needs.
            keep_from = self._buf.end - self.options.gate.pad_s - 0.1
            rescue = self._gate.rescue_start
            if rescue is not None:  # a loud stretch the gate may yet hand on
                keep_from = min(keep_from, rescue - self.options.gate.pad_s)
            self._commit_t = max(self._commit_t, keep_from)
            self._trim()
        self.max_buffer_seconds = max(self.max_buffer_seconds, self._buf.seconds)

    @property
    def buffer_seconds(self) -> float:
        return self._buf.seconds

    def ready(self) -> bool:
        if (self._finals and self._next_final() is not None) or self._lookback.owed:
            return True  # an owed revision pass: after a commit, before the next partial
        return not self._finals and (self._speculation_due() or self._partial_due())

    def process(self) -> list[AsrUpdate]:
        if self._finals and self._next_final() is not None:
            return self._commit_utterance(self._finals.pop(0))
        if self._lookback.owed or self._finals:
            return self._revise_owed()  # none owed: nothing
        if self._speculation_due():
            return self._speculate()
        if self._partial_due():
            return self._partial_pass()
        return []

    def finish(self) -> list[AsrUpdate]:
        self._gate.flush()
        self._take_finished()
        if self._held is not None:  # what it was merged into was no speech after all
            self._finals.insert(0, self._held)
            self._held = None
        out: list[AsrUpdate] = []
        while self._finals:
            out.extend(self._commit_utterance(self._finals.pop(0)))
            out.extend(self._revise_owed())
        return out

    # -- short utterances ----------------------------------------------------------------------

    def _take_finished(self) -> None:
        for utt in self._gate.pop_finished():
            if self._held is not None:
                utt = _merged(self._held, utt)
                self._held = None
            self._finals.append(utt)

    def _is_short(self, utt: Utterance) -> bool:
        o = self.options
        return o.hold_short_s is not None and utt.cut_at is None and utt.speech_s < o.hold_short_s

    def _next_final(self) -> Utterance | None:
        """The next utterance to commit once its commit pass can run (``None``: not yet). A short
        one first waits ``hold_gap_s`` for the next to start, and is merged with it if it does."""
        o = self.options
        while self._finals:
            utt = self._finals[0]
            assert utt.end is not None
            if not self._is_short(utt):
                return utt if self._final_due() else None
            if len(self._finals) > 1:
                nxt = self._finals[1]
                if nxt.start - utt.end <= o.hold_gap_s:
                    self._finals[:2] = [_merged(utt, nxt)]
                    continue
                return utt if self._final_due() else None
            cur = self._gate.current
            if cur is not None and cur.start - utt.end <= o.hold_gap_s:
                if cur.speech_s >= self.options.gate.min_speech_s:
                    # Speech again: decode the two as one when the gate ends it.
                    self._held = self._finals.pop(0)
                return None  # (or not yet known to be speech: wait)
            if self._gate.processed_s < utt.end + o.hold_gap_s:
                return None
            return utt if self._final_due() else None
        return None

    # -- passes --------------------------------------------------------------------------------

    def _span_start(self, utt_start: float) -> float:
        if self._held is not None:
            utt_start = min(utt_start, self._held.start)
        return max(self._commit_t, utt_start - self.options.gate.pad_s, self._buf.start)

    def _commit_end(self, utt: Utterance) -> float:
        """Where the audio of an utterance's commit pass ends: ``pad_s`` after its last speech,
        or where the gate split long speech (in the breath it was split at)."""
        assert utt.end is not None
        o = self.options
        end = utt.end + (o.gate.pad_s if o.commit_pad_s is None else o.commit_pad_s)
        return end if utt.cut_at is None else min(end, utt.cut_at)

    def _speculation_due(self) -> bool:
        o, g = self.options, self._gate
        utt = g.current
        if o.speculate_after_s is None or utt is None or g.trailing_silence_s < o.speculate_after_s:
            return False
        if utt.speech_s < o.gate.short_speech_s:
            return False  # the gate waits longer after a short one (``short_silence_s``)
        end = self._commit_end(dataclasses.replace(utt, end=g.last_speech_end))
        spec = self._spec
        return self._buf.end >= end - 1e-6 and (spec is None or abs(spec.b - end) > 1e-6)

    def _speculate(self) -> list[AsrUpdate]:
        """Run the commit pass of the utterance now pausing (kept for its commit, if it comes)."""
        utt = self._gate.current
        assert utt is not None
        a = self._span_start(utt.start)
        b = self._commit_end(dataclasses.replace(utt, end=self._gate.last_speech_end))
        prompt = self._prompt()
        self._spec = Speculated(
            a, b, prompt, self._decode(self._buf.slice(a, b), self.options.final_beam, True)
        )
        return []

    def _final_due(self) -> bool:
        """The next utterance's commit pass can run: all of its audio has arrived (the gate ends
        an utterance after ``min_silence_s``, under ``pad_s``). Waiting for the rest (a chunk or
        two) makes what a commit decodes depend on the audio alone, not on when the pass ran."""
        return self._buf.end >= self._commit_end(self._finals[0]) - 1e-6

    def _next_start(self) -> float | None:
        """Where the speech after the utterance being committed starts, if the gate knows."""
        if self._finals:
            return self._finals[0].start
        cur = self._gate.current
        if cur is not None:
            return cur.start if self._held is None else min(cur.start, self._held.start)
        return None

    def _partial_due(self) -> bool:
        utt = self._gate.current
        if utt is None or not self.options.partials:
            return False
        o = self.options
        if self._gate.trailing_silence_s >= o.skip_partial_silence_s:
            # The speaker paused: the commit pass is likely due within the silence wait, and a
            # partial started now would delay it by a whole pass.
            return False
        if o.skip_partial_falling and self._gate.last_prob < o.gate.threshold:
            return False  # speech fading (issue 16): a pause may be starting
        span = self._buf.end - self._span_start(utt.start)
        step = self.cadence.step(self._pass_cost)
        return span >= 0.5 and self._buf.end - self._last_pass_end >= step

    def set_vocabulary(self, text: str) -> None:
        """The sheet's words for the next passes' prompts (one assignment: a pass running keeps
        the prompt it started with)."""
        self._vocabulary = text

    def _prompt(self) -> str | None:
        said = ""
        if self.options.prompt_chars and self._committed_text:
            said = prompt_tail(self._committed_text, self.options.prompt_chars)
        return " ".join(p for p in (self._vocabulary, said) if p) or None

    def _decode(self, audio: np.ndarray, beam: int, words: bool) -> Decoded:
        language = self._language or self._utt_language
        if language is None:
            if len(audio) < self.options.detect_min_s * SAMPLE_RATE:
                language = self.options.languages[0] if self.options.languages else None
            else:
                language, p = self.engine.detect_language(audio, self.options.languages)
                self._utt_language = language
                log.debug("language %s (p=%.2f)", language, p)
        pad = self.options.window_pad_s
        window = (
            WHISPER_WINDOW_S
            if pad is None
            else math.ceil(max(self.options.window_min_s, len(audio) / SAMPLE_RATE + pad))
        )
        prompt = self._prompt()
        window = max(window, (beam > 1 and not prompt and self.options.first_window_s) or 0)
        decoded = self._run(audio, language, beam, words, prompt, window)
        if prompt and decoded.compression_ratio > self.options.guards.max_compression_ratio:
            # A loop ("il n'y a pas d'équivalent et donc ... est-ce qu'il n'y a pas d'équivalent
            # et donc ..." over 6 s of French, ratio 3.3) started by the prompt: decoded again
            # without it (as Whisper resets its prompt on a fallback), the same audio came out
            # right (ratio 1.1). Rare, so the extra pass costs little overall.
            retry = self._run(audio, language, beam, words, None, window)
            log.debug(
                "loop (ratio %.2f) retried without prompt: ratio %.2f",
                decoded.compression_ratio,
                retry.compression_ratio,
            )
            if retry.compression_ratio < decoded.compression_ratio:
                decoded = dataclasses.replace(retry, seconds=decoded.seconds + retry.seconds)
        ratio = self.options.guards.max_compression_ratio
        if decoded.compression_ratio > ratio and beam > 1 and window < WHISPER_WINDOW_S:
            # Still a loop: a commit pass is decoded once more in Whisper's own 30 s window.
            # "montreal uh uh uh uh uh uh forced aligner" (3.6 s) came out "uh" 150 times in a
            # 10 s or 15 s window, with or without a prompt, at beam 1 or 5; in 30 s at beam 5,
            # "uh, uh, uh, uh, uh, for Stelliner." (ratio 1.2). Rare; it costs one 30 s pass.
            retry = self._run(audio, language, beam, words, None, WHISPER_WINDOW_S)
            log.debug("loop retried in a 30 s window: ratio %.2f", retry.compression_ratio)
            if retry.compression_ratio < decoded.compression_ratio:
                decoded = dataclasses.replace(retry, seconds=decoded.seconds + retry.seconds)
        self._pass_cost = 0.7 * self._pass_cost + 0.3 * decoded.seconds
        self.cadence.passed(self._buf.end, decoded.seconds, commit=beam > 1)
        return decoded

    def _run(
        self,
        audio: np.ndarray,
        language: str | None,
        beam: int,
        words: bool,
        prompt: str | None,
        window: int,
    ) -> Decoded:
        decoded = self.engine.transcribe(
            audio,
            language,
            self.options.decode(beam, words, prompt, window),
        )
        self.passes += 1
        self.compute_s += decoded.seconds
        return decoded

    def _max_repeats(self, compression_ratio: float, speech_s: float) -> int:
        """How often a word (or a phrase under ``phrase_words``) may come back to back before it
        is cut to one: the guard's ``max_repeats`` in a decode that loops, ``said_repeats`` in
        one that does not. People say a word three or five times ("soft, soft, soft", "word
        word word word word"); cut to one, those were words lost (issue 17). But no more than
        one per 0.25 s of speech: a lone "word" (0.29 s) was decoded "Word, word, word, word."."""
        o = self.options
        if compression_ratio > o.guards.max_compression_ratio:
            return o.guards.max_repeats
        return min(max(o.guards.max_repeats, o.said_repeats), max(1, int(speech_s / 0.25)))

    def _clean(self, decoded: Decoded, offset: float, speech_s: float) -> tuple[Word, ...]:
        o = self.options
        repeats = self._max_repeats(decoded.compression_ratio, speech_s)
        said = self._tail
        return clean_words(
            decoded, offset, speech_s, said, repeats, o.min_word_s, o.languages, o.guards
        )

    def _update(
        self, words: Sequence[Word], committed: bool, language: str, decode_s: float, text: str = ""
    ) -> AsrUpdate:
        start = words[0].start if words else self._commit_t
        end = words[-1].end if words else self._buf.end
        return AsrUpdate(
            text=text or _text_of(words),
            words=tuple(words),
            start=start,
            end=end,
            language=language,
            committed=committed,
            t_capture=self._clock.latest,
            t_emit=monotonic(),
            audio_end_t=self._clock.at(end) if words else None,
            decode_s=decode_s,
        )

    def _commit_utterance(self, utt: Utterance) -> list[AsrUpdate]:
        assert utt.end is not None
        a = self._span_start(utt.start)
        b = min(self._commit_end(utt), self._buf.end)
        nxt = self._next_start()
        if self.options.disjoint_commits and utt.cut_at is None and nxt is not None:
            # The next speech began inside this one's tail: leave its onset to its own pass.
            b = max(utt.end, min(b, nxt - 0.05))
        out: list[AsrUpdate] = []
        if b - a >= 0.1:
            spec, self._spec = self._spec, None
            if spec is not None and spec.fits(a, b, self._prompt()):
                decoded = dataclasses.replace(spec.decoded, seconds=0.0)  # paid when it ran
            else:
                decoded = self._decode(self._buf.slice(a, b), self.options.final_beam, True)
            words = self._clean(decoded, a, utt.speech_s)
            words = self._lookback.review(self._buf.slice(a, b), a, decoded, words, utt)
            if self._lookback.revision is not None:
                out.extend(self._revise_owed((*self._lookback.revision, decoded.language)))
            if utt.rescued and not self._sure(decoded):
                log.debug(
                    "rescued stretch not kept (no speech %.2f, logprob %.2f): %r",
                    decoded.no_speech_prob,
                    decoded.avg_logprob,
                    decoded.text,
                )
                words = ()
            # No word ends after the gate heard the speech end: alignment into the silence that
            # pads the window put last words 0.1-0.3 s late on JFK (vs a 30 s window), which
            # would flatter caption latency and hold subtitles too long.
            words = tuple(
                Word(w.text, min(w.start, utt.end), min(w.end, utt.end), w.probability)
                for w in words
            )
            words = self._unrepeated(words)
            self.cadence.committed(self._buf.end - utt.end + decoded.seconds)
            update = self._commit(words, decoded.language, decoded.seconds) if words else None
            out.extend([update] if update is not None else [])
            self._lookback.settle(words, update.seq if update is not None else 0)
        end = utt.end if utt.cut_at is None else utt.cut_at
        if self.options.disjoint_commits and utt.cut_at is None:
            end = min(b, utt.end + self.options.commit_tail_s)
        self._commit_t = max(self._commit_t, end)
        self._cut_in_speech = utt.cut_at is not None and utt.cut_at <= utt.end + 1e-6
        self._prev = ()
        self._last_pass_end = self._commit_t
        if not self._gate.in_speech:
            self._utt_language = None
        self._trim()
        return out

    def _sure(self, decoded: Decoded) -> bool:
        """Whether Whisper is sure enough of a stretch only the loudness rescue heard."""
        o = self.options
        return (
            decoded.no_speech_prob <= o.rescue_no_speech and decoded.avg_logprob >= o.rescue_logprob
        )

    def _partial_pass(self) -> list[AsrUpdate]:
        utt = self._gate.current
        assert utt is not None
        o = self.options
        a = self._span_start(utt.start)
        b = self._buf.end
        self._last_pass_end = b
        long = o.agree_after_s is not None and b - a >= o.agree_after_s
        decoded = self._decode(self._buf.slice(a, b), 1, long)
        out: list[AsrUpdate] = []
        if not long:
            repeats = self._max_repeats(decoded.compression_ratio, utt.speech_s)
            text = collapse_text_repetitions(decoded.text, repeats, o.guards.phrase_words)
            text = drop_mismatch_text(text, decoded.language, o.languages)
            if text and not is_silence_hallucination(
                text, decoded.avg_logprob, decoded.no_speech_prob, utt.speech_s, o.guards
            ):
                out.append(self._update((), False, decoded.language, decoded.seconds, text))
            return out
        words = self._unrepeated(self._clean(decoded, a, utt.speech_s))
        cut = self._choose_cut(words, b - a, b)
        if not cut and b - a >= o.hard_max_s:
            # Long "speech" that yields no words (music the gate let through): let it go.
            self._commit_t = b - o.tail_guard_s
            self._trim()
        if cut:
            out.append(self._commit(words[:cut], decoded.language, decoded.seconds))
            nxt = words[cut].start if cut < len(words) else words[cut - 1].end
            self._commit_t = (words[cut - 1].end + nxt) / 2
            self._cut_in_speech = True
            self._trim()
            words = words[cut:]
        self._prev = words
        if words:
            out.append(self._update(words, False, decoded.language, decoded.seconds))
        return out

    def _choose_cut(self, words: tuple[Word, ...], span: float, newest: float) -> int:
        """How many leading words to commit now (0: none)."""
        o = self.options
        if span >= o.hard_max_s:
            # Nothing agreed for too long: commit all but the words near the newest audio.
            return sum(1 for w in words if w.end <= newest - o.tail_guard_s)
        agreed = _agreed_prefix(self._prev, words)
        stable = [i for i in range(agreed) if words[i].end <= newest - o.tail_guard_s]
        if not stable:
            return 0
        for ends in (SENTENCE_END, CLAUSE_END):
            cuts = [i for i in stable if _ends_with(words[i].text, ends)]
            if cuts:
                return cuts[-1] + 1
        if span >= o.max_segment_s:
            return stable[-1] + 1
        return 0

    def _unrepeated(self, words: tuple[Word, ...]) -> tuple[Word, ...]:
        if self.options.disjoint_commits and not self._cut_in_speech:
            # No audio was heard twice: a word that repeats the last one was said twice.
            return words
        n = repeated_head(self._tail, words)
        if n:
            log.debug("dropped repeated %r", _text_of(words[:n]))
        return words[n:]

    def _commit(self, words: Sequence[Word], language: str, decode_s: float) -> AsrUpdate:
        self._seq += 1
        update = dataclasses.replace(self._update(words, True, language, decode_s), seq=self._seq)
        self._committed_text.append(update.text)
        self._tail = (*self._tail, *words)[-_TAIL_WORDS:]
        return update

    def _revise_owed(self, owed: _Revised | None = None) -> list[AsrUpdate]:
        """Committed update ``seq`` again, as ``owed`` (else the owed pass) heard it, in place."""
        seq, words, language = owed or self._lookback.revise_owed() or (0, (), "")
        update = self._update(words, True, language, 0.0)
        return [dataclasses.replace(update, seq=seq, revision=True)] if seq else []

    def _trim(self) -> None:
        self._buf.trim_before(self._commit_t)
        self._clock.forget_before(self._buf.start - 1.0)


class FixedChunkStreamer:
    """The plain baseline: decode every ``chunk_s`` seconds of audio on its own and commit it
    whole (beam 5, word timestamps, no VAD, no context). Kept for ``bench captions``."""

    def __init__(self, engine: AsrEngine, language: str | None, chunk_s: float = 5.0) -> None:
        self.engine = engine
        self.language = language
        self.chunk_s = chunk_s
        self._buf = _Buffer()
        self._clock = _ClockMap()
        self.max_buffer_seconds = 0.0
        self.compute_s = 0.0

    def insert_audio(self, chunk: AudioChunk) -> None:
        self._buf.append(chunk.samples)
        self._clock.add(chunk)
        self.max_buffer_seconds = max(self.max_buffer_seconds, self._buf.seconds)

    @property
    def buffer_seconds(self) -> float:
        return self._buf.seconds

    def ready(self) -> bool:
        return self._buf.seconds >= self.chunk_s

    def process(self) -> list[AsrUpdate]:
        if not self.ready():
            return []
        return self._decode_until(self._buf.start + self.chunk_s)

    def finish(self) -> list[AsrUpdate]:
        out: list[AsrUpdate] = []
        while self._buf.seconds >= 0.1:
            out.extend(self._decode_until(min(self._buf.start + self.chunk_s, self._buf.end)))
        return out

    def _decode_until(self, b: float) -> list[AsrUpdate]:
        a = self._buf.start
        decoded = self.engine.transcribe(
            self._buf.slice(a, b), self.language, DecodeOptions(beam_size=5, word_timestamps=True)
        )
        self.compute_s += decoded.seconds
        self._buf.trim_before(b)
        self._clock.forget_before(a - 1.0)
        words = tuple(
            Word(w.text, a + w.start, a + w.end, w.probability)
            for w in decoded.words
            if w.text.strip()
        )
        if not words:
            return []
        return [
            AsrUpdate(
                text=_text_of(words),
                words=words,
                start=words[0].start,
                end=words[-1].end,
                language=decoded.language,
                committed=True,
                t_capture=self._clock.latest,
                t_emit=monotonic(),
                audio_end_t=self._clock.at(words[-1].end),
                decode_s=decoded.seconds,
            )
        ]


class AsrWorker:
    """The ASR thread: reads an :class:`AudioSource`, drives a policy, hands updates on.

    Before every pass it takes all audio already queued, so a slow pass makes the next one see
    more audio rather than making the stream fall further behind. ``on_update`` runs on this
    thread and must return quickly (the caption track hands translation to its own thread).
    """

    def __init__(
        self,
        source: AudioSource,
        policy: StreamingPolicy,
        on_update: Callable[[AsrUpdate], None],
        on_error: Callable[[ErrorEvent], None] | None = None,
        *,
        max_drain_s: float = 10.0,
    ) -> None:
        self.source = source
        self.max_drain_s = max_drain_s
        self.policy = policy
        self.on_update = on_update
        self.on_error = on_error
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.done = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="asr", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)

    def _emit(self, updates: list[AsrUpdate]) -> None:
        for u in updates:
            self.on_update(u)

    def _run(self) -> None:
        try:
            ended = False
            while not ended and not self._stop.is_set():
                item = self.source.read(timeout=0.5)
                if item is None:
                    continue
                if isinstance(item, _End):
                    break
                self.policy.insert_audio(item)
                taken = item.duration
                # Bounded: a file replayed as fast as possible never runs dry.
                while taken < self.max_drain_s:
                    more = self.source.read(timeout=0)
                    if more is None:
                        break
                    if isinstance(more, _End):
                        ended = True
                        break
                    self.policy.insert_audio(more)
                    taken += more.duration
                while self.policy.ready() and not self._stop.is_set():
                    self._emit(self.policy.process())
            self._emit(self.policy.finish())
        except SolaError as exc:
            log.error("ASR stopped: %s", exc)
            if self.on_error:
                self.on_error(ErrorEvent("asr", exc, monotonic(), recoverable=False))
        except Exception as exc:
            log.exception("ASR failed")
            if self.on_error:
                err = SolaError(f"speech recognition failed: {exc}", fix="see the log; restart")
                self.on_error(ErrorEvent("asr", err, monotonic(), recoverable=False))
        finally:
            self.done.set()
