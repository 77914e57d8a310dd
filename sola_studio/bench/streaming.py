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

Offline WER is the same single faster-whisper pass as ``bench captions``. Latency is not
measured here: the cost model is for ordering events, not for timing them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from sola_studio.asr.engine import AsrEngine, Decoded, DecodeOptions
from sola_studio.asr.streaming import AsrUpdate, StreamingOptions, UtteranceStreamer
from sola_studio.asr.vad import GateOptions
from sola_studio.bench.captions import (
    WER_LANGUAGES,
    _per_play_text,
    _Recording,
    _recordings,
    _wer,
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


def replay(
    engine: ModelledCost, recordings: Sequence[_Recording], options: StreamingOptions
) -> tuple[list[str], UtteranceStreamer]:
    """The committed text of each recording, played one after another with ``GAP_S`` between."""
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
    while fed < len(audio):
        now = max(now, (fed + step) / SAMPLE_RATE)
        while fed < len(audio) and (fed + step) / SAMPLE_RATE <= now:
            policy.insert_audio(AudioChunk(audio[fed : fed + step], fed / SAMPLE_RATE, now))
            fed += step
        while policy.ready():
            before = engine.spent
            committed += [u for u in policy.process() if u.committed]
            now += engine.spent - before
    committed += policy.finish()
    return _per_play_text(spans, committed), policy


def streaming_options(language: str, extra: dict[str, Any]) -> StreamingOptions:
    """``StreamingOptions`` for one language from ``--options`` JSON (``"gate": {...}`` sets
    :class:`GateOptions` fields)."""
    extra = dict(extra)
    gate = GateOptions(**extra.pop("gate", {}))
    return StreamingOptions(languages=(language,), gate=gate, **extra)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="base", help="speech model (default: base)")
    parser.add_argument(
        "--speeds", default="0.8,1,1.25", help="machine speeds to simulate (pass cost factors)"
    )
    parser.add_argument(
        "--languages", default=",".join(WER_LANGUAGES), help="recordings to score (en,fr,de)"
    )
    parser.add_argument(
        "--options",
        default="{}",
        help='StreamingOptions to try, as JSON (e.g. \'{"gate": {"split_pause_s": 0.2}}\')',
    )


def main(args: argparse.Namespace) -> int:
    from sola_studio.asr.engine import WhisperEngine, load_speech_engine

    whisper = load_speech_engine(args.model, "cpu", "int8", shared=False).engine
    assert isinstance(whisper, WhisperEngine)  # the offline reference pass is Whisper's
    languages = [x for x in args.languages.split(",") if x]
    extra = json.loads(args.options)
    offline: dict[str, list[str]] = {}
    out: dict[str, Any] = {"model": args.model, "options": extra, "runs": []}
    for speed in [float(x) for x in args.speeds.split(",") if x]:
        t0 = time.perf_counter()
        run: dict[str, Any] = {"speed": speed}
        refs: list[str] = []
        stream: list[str] = []
        off: list[str] = []
        for language in languages:
            recs = _recordings(language)
            if not recs:
                continue
            if language not in offline:
                offline[language] = [
                    whisper.transcribe_file_offline(decode_file(r.path), language) for r in recs
                ]
            options = streaming_options(language, extra)
            texts, policy = replay(ModelledCost(whisper, speed), recs, options)
            run[f"wer_stream_{language}"] = _wer([r.reference for r in recs], texts)
            run[f"wer_offline_{language}"] = _wer([r.reference for r in recs], offline[language])
            run[f"passes_{language}"] = policy.passes
            refs += [r.reference for r in recs]
            stream += texts
            off += offline[language]
        run["wer_stream_all"] = _wer(refs, stream)
        run["wer_offline_all"] = _wer(refs, off)
        ws, wo = run["wer_stream_all"], run["wer_offline_all"]
        run["wer_ratio_all"] = ws / wo if ws is not None and wo else None
        run["wall_s"] = time.perf_counter() - t0
        out["runs"].append(run)
    ratios = [r["wer_ratio_all"] for r in out["runs"] if r["wer_ratio_all"] is not None]
    out["wer_ratio_mean"] = sum(ratios) / len(ratios) if ratios else None
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for run in out["runs"]:
            print(
                f"speed x{run['speed']:<5} ratio {run['wer_ratio_all']:.3f}  "
                + "  ".join(
                    f"{lang} {run[f'wer_stream_{lang}']:.3f}/{run[f'wer_offline_{lang}']:.3f}"
                    for lang in languages
                    if f"wer_stream_{lang}" in run
                )
                + f"  ({run['wall_s']:.0f} s)"
            )
        if out["wer_ratio_mean"] is not None:
            print(f"mean WER ratio (stream / offline, pooled): {out['wer_ratio_mean']:.3f}")
    return 0
