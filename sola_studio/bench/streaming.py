"""``sola-studio bench streaming``: the streaming penalty in simulated real time, repeatably.

``bench captions`` replays in real time, so two runs of the same code differ: when a pass ends
depends on the machine's load, which decides what audio the next pass sees and where commits
fall. On the French recordings one policy measured French WER 17 % in one run and 21 % in the
next. That is the truth a seller lives with, but it hides a change's effect under noise.

This bench plays the same recordings through :class:`UtteranceStreamer` in *simulated* real time:
audio arrives while a pass decodes (a pass that costs ``c`` seconds lets ``c`` seconds more audio
in before the streamer looks again, as :class:`AsrWorker` does on a live source), but the cost
of a pass is modelled from its encoder window and its word count (fitted on 400 measured passes
of base int8 on 2 cores: mean error 0.06 s on a mean of 0.51 s) instead of read from the clock.
Decoding is deterministic on a CPU, so a run repeats exactly and runs at compute speed (a minute
and a half for the French, German and English recordings). ``--speeds`` replays at several
machine speeds (cost x0.8, x1, x1.25), since a policy that wins at one speed only is noise.

Offline WER is the same single faster-whisper pass as ``bench captions``, with the language
forced, computed in the same run, at one fixed temperature (``--offline-temperature``, 0: the
default fallback samples at random, and moved the ratio from run to run) and cached between
runs (``~/.cache/sola-studio/bench/offline``, ``--no-cache``). Each clip is replayed as a show
of its own, a new streamer with a clean context, as offline decodes it alone (``--one-stream``:
one stream, the clips 1 s apart). ``--sets`` scores the old development files (``old``:
``../shared/data/speech``) and the frozen real-speech set ``tests/speech_eval`` (``dev``,
``validation``; issue 17) per language: stream and offline WER, their ratio, the reference
words, and the clips where the stream says back to back words the speaker said once
(:func:`~sola_studio.bench.captions.repeated_ngrams`). ``validation`` is only ever reported
whole: no clip of it is printed.

Latency on the simulated clock (``latency_*``): a committed caption's emission (the end of the
pass that committed it, in simulated seconds) minus the end of its last word (``word``: of
every word), a partial's minus the newest audio its pass heard. They follow the cost model, so
they compare policies (a change that waits longer shows), not machines.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from sola_studio.asr.engine import AsrEngine, Decoded, DecodeOptions
from sola_studio.asr.lookback import LookBackOptions
from sola_studio.asr.streaming import AsrUpdate, StreamingOptions, UtteranceStreamer
from sola_studio.asr.vad import GateOptions
from sola_studio.bench.captions import (
    EVAL_SPLITS,
    WER_LANGUAGES,
    _pct,
    _per_play_text,
    _Recording,
    _recordings,
    eval_recordings,
    normalise,
    score,
    scored_words,
)
from sola_studio.sources.audio import CHUNK_S, SAMPLE_RATE, AudioChunk, decode_file

LEAD_IN_S = 0.5
GAP_S = 1.0

# seconds = A + B * encoder window (s) + C * words + D * words when beam > 1, at least MIN_S
# (least squares over the passes of one French and one English replay, base int8, 2 threads).
A, B, C, D, MIN_S = -0.3555, 0.0595, 0.0144, 0.0105, 0.15


def modelled_seconds(options: DecodeOptions, words: int) -> float:
    """What a pass of base int8 on 2 CPU cores costs, from its window and its output length."""
    beam = 1 if options.beam_size > 1 else 0
    return max(MIN_S, A + B * options.window_s + C * words + D * words * beam)


class ModelledCost:
    """An engine whose passes report the modelled cost (times ``speed``) instead of their own."""

    def __init__(self, engine: AsrEngine, speed: float = 1.0) -> None:
        self.engine = engine
        self.speed = speed
        self.name = engine.name
        self.spent = 0.0

    def transcribe(
        self, audio: np.ndarray, language: str | None, options: DecodeOptions
    ) -> Decoded:
        decoded = self.engine.transcribe(audio, language, options)
        words = len(decoded.words) if decoded.words else len(decoded.text.split())
        seconds = self.speed * modelled_seconds(options, words)
        self.spent += seconds
        return dataclasses.replace(decoded, seconds=seconds)

    def detect_language(self, audio: np.ndarray, candidates: Sequence[str]) -> tuple[str, float]:
        return self.engine.detect_language(audio, candidates)


class _Span(NamedTuple):
    start: float
    end: float


@dataclass
class Replayed:
    """One simulated replay: each recording's committed text, the policy (its counters), and
    latencies on the simulated clock (seconds)."""

    texts: list[str]
    policy: UtteranceStreamer  # the last recording's (the only one's without ``fresh``)
    commit_latency: list[float] = field(default_factory=list)
    word_latency: list[float] = field(default_factory=list)
    partial_latency: list[float] = field(default_factory=list)
    passes: int = 0  # decoder passes over all recordings
    revisions: int = 0  # committed updates a later pass revised


def replay(
    engine: ModelledCost,
    recordings: Sequence[_Recording],
    options: StreamingOptions,
    *,
    fresh: bool = True,
) -> tuple[list[str], UtteranceStreamer]:
    """The committed text of each recording. ``fresh``: each recording is a show of its own (a
    new streamer: no prompt, held utterance or commit tail from the one before, as offline decodes
    each clip alone); else all are one stream, played one after another ``GAP_S`` apart."""
    done = replay_timed(engine, recordings, options, fresh=fresh)
    return done.texts, done.policy


def replay_timed(
    engine: ModelledCost,
    recordings: Sequence[_Recording],
    options: StreamingOptions,
    *,
    fresh: bool = True,
) -> Replayed:
    """:func:`replay` with latencies on the simulated clock."""
    if not fresh or len(recordings) <= 1:
        return _play(engine, recordings, options)
    out: Replayed | None = None
    for r in recordings:
        one = _play(engine, [r], options)
        if out is None:
            out = one
            continue
        out.texts += one.texts
        out.policy = one.policy
        out.commit_latency += one.commit_latency
        out.word_latency += one.word_latency
        out.partial_latency += one.partial_latency
        out.passes += one.passes
        out.revisions += one.revisions
    assert out is not None
    return out


def _play(
    engine: ModelledCost, recordings: Sequence[_Recording], options: StreamingOptions
) -> Replayed:
    """One stream: ``LEAD_IN_S`` of silence, then the recordings ``GAP_S`` apart."""
    pieces = [np.zeros(round(LEAD_IN_S * SAMPLE_RATE), np.float32)]
    spans: list[_Span] = []
    t = LEAD_IN_S
    for r in recordings:
        audio = decode_file(r.path)
        spans.append(_Span(t, t + len(audio) / SAMPLE_RATE))
        pieces += [audio, np.zeros(round(GAP_S * SAMPLE_RATE), np.float32)]
        t += len(audio) / SAMPLE_RATE + GAP_S
    audio = np.concatenate(pieces)
    policy = UtteranceStreamer(engine, options)
    step = round(CHUNK_S * SAMPLE_RATE)
    fed = 0
    now = 0.0  # simulated seconds of audio that have arrived
    committed: list[AsrUpdate] = []
    out = Replayed([], policy)
    while fed < len(audio):
        now = max(now, (fed + step) / SAMPLE_RATE)
        while fed < len(audio) and (fed + step) / SAMPLE_RATE <= now:
            due = (fed + step) / SAMPLE_RATE  # when its last sample was "captured"
            policy.insert_audio(AudioChunk(audio[fed : fed + step], fed / SAMPLE_RATE, due))
            fed += step
        while policy.ready():
            before = engine.spent
            updates = policy.process()
            now += engine.spent - before
            for u in updates:
                if not u.committed:
                    out.partial_latency.append(now - u.end)
                    continue
                if u.revision:
                    _revise(committed, u)
                    continue
                committed.append(u)
                if u.words:
                    out.commit_latency.append(now - u.end)
                    out.word_latency += [now - w.end for w in u.words]
    for u in policy.finish():
        if u.revision:
            _revise(committed, u)
        else:
            committed.append(u)
    out.revisions = policy._lookback.revised
    out.texts = _per_play_text(spans, committed)
    out.passes = policy.passes
    return out


def _revise(committed: list[AsrUpdate], revision: AsrUpdate) -> None:
    """A revision replaces the committed update of its ``seq``."""
    for i, u in enumerate(committed):
        if u.seq == revision.seq:
            committed[i] = revision
            return
    raise ValueError(f"revision of update {revision.seq}, which was never committed")


def streaming_options(language: str, extra: dict[str, Any]) -> StreamingOptions:
    """``StreamingOptions`` for one language from ``--options`` JSON (``"gate": {...}`` sets
    :class:`GateOptions` fields, ``"lookback": {...}`` :class:`LookBackOptions` ones)."""
    extra = dict(extra)
    gate = GateOptions(**extra.pop("gate", {}))
    lookback = LookBackOptions(**extra.pop("lookback", {}))
    return StreamingOptions(languages=(language,), gate=gate, lookback=lookback, **extra)


SETS = ("old", *EVAL_SPLITS)


def set_recordings(name: str, language: str | None) -> list[_Recording]:
    """The recordings of one set (``old``, ``dev``, ``validation``), one language or all."""
    if name == "old":
        langs = [language] if language else list(WER_LANGUAGES)
        return [r for lang in langs for r in _recordings(lang)]
    if name in EVAL_SPLITS:
        return eval_recordings(name, language)
    raise ValueError(f"unknown set {name!r}: use one of {', '.join(SETS)}")


#: faster-whisper's temperature fallback (the default offline pass) samples at random.
OFFLINE_FALLBACK = "fallback"


def cache_dir() -> Path:
    """Where offline passes are kept between runs (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sola-studio" / "bench" / "offline"


def offline_key(model: str, audio: np.ndarray, language: str, temperature: str) -> str:
    """The cache key of one offline pass: the model, the clip's samples, the pass's options."""
    import faster_whisper

    h = hashlib.sha256()
    options = {
        "model": model,
        "language": language,
        "beam_size": 5,
        "temperature": temperature,
        "faster_whisper": faster_whisper.__version__,
    }
    h.update(json.dumps(options, sort_keys=True).encode())
    h.update(np.ascontiguousarray(audio, np.float32).tobytes())
    return h.hexdigest()[:32]


def offline_text(
    whisper: Any, model: str, path: Path, language: str, temperature: str, cache: Path | None
) -> str:
    """The offline reference for one clip (``whisper.transcribe_file_offline``), from ``cache``
    when a run with the same model, samples and options already decoded it (``None``: always
    decode). ``temperature``: ``"fallback"`` or one fixed temperature (``"0"``)."""
    audio = decode_file(path)
    key = offline_key(model, audio, language, temperature)
    file = cache / f"{key}.json" if cache is not None else None
    if file is not None and file.is_file():
        return str(json.loads(file.read_text(encoding="utf-8"))["text"])
    fixed = None if temperature == OFFLINE_FALLBACK else float(temperature)
    text = str(whisper.transcribe_file_offline(audio, language, fixed))
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"clip": path.name, "text": text}), encoding="utf-8")
        tmp.replace(file)
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="base", help="speech model (default: base)")
    parser.add_argument(
        "--speeds", default="0.8,1,1.25", help="machine speeds to simulate (pass cost factors)"
    )
    parser.add_argument(
        "--sets",
        default="old",
        help="sets to score: old (../shared/data/speech), dev, validation (tests/speech_eval)",
    )
    parser.add_argument(
        "--languages", default="", help="languages to score (default: every one the set has)"
    )
    parser.add_argument(
        "--offline-temperature",
        default="0",
        help="the offline reference's temperature: one fixed value (default 0: it repeats "
        "exactly) or 'fallback' (faster-whisper's schedule, which samples at random)",
    )
    parser.add_argument(
        "--one-stream",
        action="store_true",
        help="play a set's clips of one language as one stream, 1 s apart (each clip's first "
        "pass prompted with the last one's text); default: each clip is a show of its own",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=f"decode every offline pass again instead of reading it from {cache_dir()}",
    )
    parser.add_argument(
        "--options",
        default="{}",
        help='StreamingOptions to try, as JSON (e.g. \'{"gate": {"split_pause_s": 0.2}}\')',
    )


def _languages(name: str, wanted: list[str]) -> list[str]:
    present = list(dict.fromkeys(r.language for r in set_recordings(name, None)))
    return [x for x in present if not wanted or x in wanted]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def main(args: argparse.Namespace) -> int:
    from sola_studio.asr.engine import WhisperEngine, load_speech_engine

    whisper = load_speech_engine(args.model, "cpu", "int8", shared=False).engine
    assert isinstance(whisper, WhisperEngine)  # the offline reference pass is Whisper's
    wanted = [x for x in args.languages.split(",") if x]
    sets = [x for x in args.sets.split(",") if x]
    for name in sets:
        if name not in SETS:
            print(f"unknown set {name!r}: use one of {', '.join(SETS)}")
            return 2
    extra = json.loads(args.options)
    temperature = str(args.offline_temperature)
    if temperature != OFFLINE_FALLBACK:
        try:
            float(temperature)
        except ValueError:
            print(f"--offline-temperature {temperature!r}: use a number (0) or {OFFLINE_FALLBACK}")
            return 2
    # A random fallback is decoded afresh every run (caching one draw would hide its spread).
    cache = None if args.no_cache or temperature == OFFLINE_FALLBACK else cache_dir()
    offline: dict[Path, str] = {}
    out: dict[str, Any] = {
        "model": args.model,
        "options": extra,
        "offline_temperature": temperature,
        "runs": [],
    }
    for speed in [float(x) for x in args.speeds.split(",") if x]:
        t0 = time.perf_counter()
        run: dict[str, Any] = {"speed": speed, "sets": {}}
        errors_s = errors_o = words_all = 0
        lat: list[float] = []
        word_lat: list[float] = []
        partial_lat: list[float] = []
        for name in sets:
            per_language: dict[str, Any] = {}
            for language in _languages(name, wanted):
                recs = set_recordings(name, language)
                for r in recs:
                    if r.path not in offline:
                        offline[r.path] = offline_text(
                            whisper, args.model, r.path, language, temperature, cache
                        )
                done = replay_timed(
                    ModelledCost(whisper, speed),
                    recs,
                    streaming_options(language, extra),
                    fresh=not args.one_stream,
                )
                figures = score(recs, done.texts, [offline[r.path] for r in recs], language)
                figures["passes"] = done.passes
                figures["revisions"] = done.revisions
                figures["latency_commit_p50_s"] = _pct(done.commit_latency, 0.5)
                figures["latency_commit_p95_s"] = _pct(done.commit_latency, 0.95)
                figures["latency_word_p50_s"] = _pct(done.word_latency, 0.5)
                figures["latency_partial_p50_s"] = _pct(done.partial_latency, 0.5)
                if name.startswith("validation"):  # validation, validation2
                    del figures["per_clip"]  # kept aside: scored whole, never read clip by clip
                per_language[language] = figures
                errors_s += figures["errors_stream"]
                errors_o += figures["errors_offline"]
                words_all += figures["reference_words"]
                lat += done.commit_latency
                word_lat += done.word_latency
                partial_lat += done.partial_latency
            run["sets"][name] = per_language
        run["wer_stream_all"] = errors_s / words_all if words_all else None
        run["wer_offline_all"] = errors_o / words_all if words_all else None
        ws, wo = run["wer_stream_all"], run["wer_offline_all"]
        run["wer_ratio_all"] = ws / wo if ws is not None and wo else None
        run["latency_commit_p50_s"] = _pct(lat, 0.5)
        run["latency_commit_p95_s"] = _pct(lat, 0.95)
        run["latency_word_p50_s"] = _pct(word_lat, 0.5)
        run["latency_word_p95_s"] = _pct(word_lat, 0.95)
        run["latency_partial_p50_s"] = _pct(partial_lat, 0.5)
        run["wall_s"] = time.perf_counter() - t0
        out["runs"].append(run)
    out["wer_ratio_mean"] = _mean(
        [r["wer_ratio_all"] for r in out["runs"] if r["wer_ratio_all"] is not None]
    )
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        _print(out)
    return 0


def _f(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _print(out: dict[str, Any]) -> None:
    for run in out["runs"]:
        print(
            f"speed x{run['speed']}: pooled ratio {_f(run['wer_ratio_all'])} "
            f"({_f(run['wer_stream_all'])}/{_f(run['wer_offline_all'])}); simulated latency "
            f"commit p50/p95 {_f(run['latency_commit_p50_s'], 2)}/"
            f"{_f(run['latency_commit_p95_s'], 2)} s, word p50/p95 "
            f"{_f(run['latency_word_p50_s'], 2)}/{_f(run['latency_word_p95_s'], 2)} s, "
            f"partial p50 {_f(run['latency_partial_p50_s'], 2)} s  ({run['wall_s']:.0f} s)"
        )
        for name, per_language in run["sets"].items():
            for language, f in per_language.items():
                unit = "chars" if language in ("ja", "zh") else "words"
                print(
                    f"  {name:10s} {language}  stream {_f(f['wer_stream'])}  offline "
                    f"{_f(f['wer_offline'])}  ratio {_f(f['wer_ratio'], 2):>5}  "
                    f"({f['reference_words']} {unit}, {f['clips']} clips)  repeats "
                    f"{f['repeat_clips']} (offline {f['repeat_clips_offline']})  commit p50 "
                    f"{_f(f['latency_commit_p50_s'], 2)} s  passes {f['passes']}"
                )
        for name, per_language in run["sets"].items():
            for language, f in per_language.items():
                for c in f.get("per_clip", ()):
                    differs = scored_words(c["stream"], language) != scored_words(
                        c["offline"], language
                    )
                    if not differs and not c["repeated_stream"]:
                        continue
                    print(
                        f"\n[{name} {language}] {c['file']}  errors stream {c['errors_stream']} "
                        f"offline {c['errors_offline']}"
                        + (f"  REPEATED {c['repeated_stream']}" if c["repeated_stream"] else "")
                    )
                    print(f"  reference: {normalise(c['reference'])}")
                    print(f"  offline:   {normalise(c['offline'])}")
                    print(f"  stream:    {normalise(c['stream'])}")
    if out["wer_ratio_mean"] is not None:
        print(f"mean WER ratio (stream / offline, pooled): {out['wer_ratio_mean']:.3f}")
