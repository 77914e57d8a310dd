"""``sola-studio bench partials``: translated partials replayed, and which translated words come
late and why (issue 16).

One set's clips of one language are played as one stream (``GAP_S`` apart, as ``bench
streaming --one-stream``) through :func:`~sola_studio.bench.retranslation.record_updates` (the
streaming policy in simulated real time, ``bench streaming``'s cost model at ``--speed``), then
through :func:`~sola_studio.bench.retranslation.simulate` (the flicker policy with real
translation calls on the simulated clock). The recorded updates are cached by model, audio,
speed and options (``~/.cache/sola-studio/bench/updates``), so flicker settings are compared on
the very same partials in seconds. ``--options`` tries ``StreamingOptions``, ``--flicker``
``FlickerOptions``, ``--retranslation`` the replay's own settings (``cpu_share``).

Printed: translated-word latency p50/p95 with partials and commits only, NE (and at the swap to
the commit), commit latency on the simulated clock, and every final word later than ``--late``
seconds by kind (:func:`late_words`):

- ``stayed``: a partial put it on screen and it stayed, but late (the partial itself was late);
- ``taken_back``: a partial showed it (the screen agreed with the final text up to it) and a later
  version took it back;
- ``no_partial``: no partial translation of its caption was ever on screen before the commit
  (``no_partial_single``: the recogniser made at most one partial of it, a lone word or a short
  utterance; ``no_partial_unagreed``: two or more, none translated: ``start_agree``);
- ``held_back``: partial translations were on screen, agreeing with the final text, but never
  reached that word (the hold-back, or no partial since it was heard);
- ``other_word``: a partial showed another word at or before it.

The validation set is reported whole: its late captions are not listed. Then, for pieces
longer than ``--long`` seconds, how often partial passes and partial
translations came while they grew past that length (the cadence inside long pieces).

No chrF is printed: the replay translates each committed text alone, as commits-only does, so
its final translations are the commit-only ones by construction (``bench captions`` measures
chrF in real time, where a partial could in principle leave its mark).

What this module must never do: assert; it measures.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import pickle
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sola_studio.asr.streaming import AsrUpdate, StreamingOptions
from sola_studio.bench.retranslation import (
    _pct,
    caption_timelines,
    commit_only_chrf,
    record_updates,
    simulate,
    translated_word_metrics,
)
from sola_studio.bench.segments import SegmentOptions
from sola_studio.bench.streaming import (
    GAP_S,
    LEAD_IN_S,
    SETS,
    ModelledCost,
    cache_dir,
    set_recordings,
    streaming_options,
)
from sola_studio.captions.retranslation import FlickerOptions, common_prefix, words_of
from sola_studio.core.events import Caption
from sola_studio.sources.audio import SAMPLE_RATE, decode_file

KINDS = (
    "stayed",
    "taken_back",
    "no_partial_single",
    "no_partial_unagreed",
    "held_back",
    "other_word",
)


@dataclasses.dataclass(frozen=True)
class WordTiming:
    """One word of a caption's final translation: when it was on screen to stay, and why then."""

    caption: int
    index: int
    word: str
    latency: float  # seconds after the end of the source speech it translates
    kind: str  # one of KINDS


def word_timings(captions: Sequence[Caption], language: str) -> list[WordTiming]:
    """Every final translated word's latency (as
    :func:`~sola_studio.bench.retranslation.translated_word_metrics` measures it) and its kind
    (see the module docstring), from the captions in the order they were published."""
    timelines, finals = caption_timelines(captions, language)
    sources: dict[int, set[str]] = {}
    for c in captions:
        if not c.committed:
            sources.setdefault(c.id, set()).add(c.text)
    out: list[WordTiming] = []
    for cid, final in finals.items():
        target = words_of(final.text_in(language) or "")
        versions = timelines[cid]
        last = max(i for i, (t, _w) in enumerate(versions) if t <= final.t_emit)
        versions = versions[: 1 + last]
        if final.audio_end_t is None or not target:
            continue
        span = final.end - final.start
        agree = [common_prefix(words, target) for _t, words in versions]
        partial = versions[:-1]
        for i in range(len(target)):
            j = len(versions) - 1
            while j > 0 and agree[j - 1] > i:
                j -= 1
            spoken = final.audio_end_t - span * (1 - (i + 1) / len(target))
            if j < len(versions) - 1:
                kind = "stayed"
            elif any(agree[k] > i for k in range(len(partial))):
                kind = "taken_back"
            elif not partial:
                single = len(sources.get(cid, ())) <= 1
                kind = "no_partial_single" if single else "no_partial_unagreed"
            elif all(agree[k] == len(w) for k, (_t, w) in enumerate(partial)):
                kind = "held_back"
            else:
                kind = "other_word"
            out.append(WordTiming(cid, i, target[i], versions[j][0] - spoken, kind))
    return out


def late_words(captions: Sequence[Caption], language: str, late_s: float = 3.0) -> dict[str, Any]:
    """How many final words came later than ``late_s``, by kind, and the captions they are in
    (id, original text, late words, and the kinds)."""
    timings = word_timings(captions, language)
    late = [w for w in timings if w.latency > late_s]
    finals = {c.id: c for c in captions if c.committed and "translate" in c.stages}
    per_caption: dict[int, list[WordTiming]] = {}
    for w in late:
        per_caption.setdefault(w.caption, []).append(w)
    rows = []
    for cid, words in sorted(per_caption.items(), key=lambda kv: -len(kv[1])):
        c = finals[cid]
        kinds: dict[str, int] = {}
        for w in words:
            kinds[w.kind] = kinds.get(w.kind, 0) + 1
        rows.append(
            {
                "caption": cid,
                "text": c.text,
                "span_s": round(c.end - c.start, 2),
                "commit_s": round(c.t_emit - (c.audio_end_t or c.t_emit), 2),
                "late_words": len(words),
                "kinds": kinds,
            }
        )
    return {
        "words": len(timings),
        "late_s": late_s,
        "late": len(late),
        "kinds": {k: sum(w.kind == k for w in late) for k in KINDS},
        "kinds_all": {k: sum(w.kind == k for w in timings) for k in KINDS},
        "captions": rows,
    }


def cadence_in_long_pieces(
    updates: Sequence[AsrUpdate], log: Sequence[tuple[float, int, str]], long_s: float = 3.0
) -> dict[str, Any]:
    """Intervals (simulated seconds) between the partial passes, and between the partial
    translations, of each utterance once its audio is over ``long_s`` long; ``log`` is
    :func:`simulate`'s (time, caption id, source translated) per partial call."""
    pass_gaps: list[float] = []
    mt_gaps: list[float] = []
    cid = 1
    times: dict[int, list[float]] = {}
    for u in updates:
        if u.committed:
            cid += 1
            continue
        if u.end - u.start > long_s:
            times.setdefault(cid, []).append(u.t_emit)
    for ts in times.values():
        pass_gaps += [b - a for a, b in itertools.pairwise(ts)]
    calls: dict[int, list[float]] = {}
    for t, c, _source in log:
        if c in times and t >= times[c][0]:
            calls.setdefault(c, []).append(t)
    for ts in calls.values():
        mt_gaps += [b - a for a, b in itertools.pairwise(ts)]
    return {
        "long_s": long_s,
        "pieces": len(times),
        "partial_pass_gap_p50_s": _pct(pass_gaps, 0.5),
        "partial_pass_gap_p95_s": _pct(pass_gaps, 0.95),
        "partial_translation_gap_p50_s": _pct(mt_gaps, 0.5),
        "partial_translation_gap_p95_s": _pct(mt_gaps, 0.95),
        "partial_passes": sum(len(t) for t in times.values()),
        "partial_translations": sum(len(t) for t in calls.values()),
    }


def one_stream(set_name: str, language: str) -> np.ndarray:
    """A set's clips of ``language`` as one stream: ``LEAD_IN_S`` of silence, then the clips
    ``GAP_S`` apart (as ``bench streaming --one-stream``)."""
    pieces = [np.zeros(round(LEAD_IN_S * SAMPLE_RATE), np.float32)]
    for r in set_recordings(set_name, language):
        pieces += [decode_file(r.path), np.zeros(round(GAP_S * SAMPLE_RATE), np.float32)]
    return np.concatenate(pieces)


def updates_cached(
    model: str, audio: np.ndarray, options: StreamingOptions, speed: float, cache: Path | None
) -> list[AsrUpdate]:
    """:func:`record_updates` of ``audio``, read from ``cache`` when the same model, audio,
    options and speed were recorded before."""
    h = hashlib.sha256()
    h.update(f"{model}|{speed}|{options!r}".encode())
    h.update(audio.tobytes())
    path = cache / f"{h.hexdigest()[:32]}.pickle" if cache else None
    if path is not None and path.exists():
        with path.open("rb") as f:
            got: list[AsrUpdate] = pickle.load(f)
            return got
    from sola_studio.asr.engine import load_speech_engine

    engine = load_speech_engine(model, "cpu", "int8", shared=False).engine
    updates = record_updates(ModelledCost(engine, speed), audio, options)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            pickle.dump(updates, f)
    return updates


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="base", help="speech model (default: base)")
    parser.add_argument(
        "--set",
        default="dev",
        help=f"clips to play as one stream: {', '.join(SETS)} (old: the "
        "English loop's 8 recordings, played once)",
    )
    parser.add_argument("--language", default="en", help="the clips' language (default: en)")
    parser.add_argument("--targets", default="pt", help="target languages (default: pt)")
    parser.add_argument("--speed", type=float, default=1.0, help="pass cost factor (default 1)")
    parser.add_argument("--late", type=float, default=3.0, help="a late word, seconds (3.0)")
    parser.add_argument("--long", type=float, default=3.0, help="a long piece, seconds (3.0)")
    parser.add_argument("--options", default="{}", help="StreamingOptions as JSON")
    parser.add_argument("--flicker", default="{}", help="FlickerOptions as JSON")
    parser.add_argument(
        "--retranslation",
        default="{}",
        help='simulate() settings as JSON ({"cpu_share": 0.1, "segments": {"commas": true}})',
    )
    parser.add_argument("--commits-only", action="store_true", help="no partial translations")
    parser.add_argument("--no-cache", action="store_true", help="record the updates again")


def replay(
    updates: Sequence[AsrUpdate],
    targets: Sequence[str],
    translator: Any,
    flicker: FlickerOptions | None,
    settings: Mapping[str, Any],
    late_s: float = 3.0,
    long_s: float = 3.0,
) -> dict[str, Any]:
    """The figures of one simulated replay of ``updates`` (see the module docstring)."""
    log: list[tuple[float, int, str]] = []
    settings = dict(settings)
    if isinstance(settings.get("segments"), dict):
        settings["segments"] = SegmentOptions(**settings["segments"])
    captions, sim = simulate(
        updates, translator, targets, flicker, adaptive=True, log=log, **settings
    )
    out: dict[str, Any] = {"partial_calls": sim["partial_calls"]}
    commits = [u for u in updates if u.committed and u.words]
    lat = [u.t_emit - u.end for u in commits]
    out["latency_commit_p50_s"] = _pct(lat, 0.5)
    out["latency_commit_p95_s"] = _pct(lat, 0.95)
    out["partial_passes"] = sum(not u.committed for u in updates)
    for target in targets:
        out[target] = translated_word_metrics(captions, target)
        out[f"late_{target}"] = late_words(captions, target, late_s)
        # The finals against the committed texts translated whole (segments reuse clauses).
        out[target]["chrf_vs_commit_only"] = commit_only_chrf(captions, translator, target)
    out["cadence"] = cadence_in_long_pieces(updates, log, long_s)
    return out


def main(args: argparse.Namespace) -> int:
    from sola_studio.translate.factory import build_translator

    if args.set not in SETS:
        print(f"unknown set {args.set!r}: use one of {', '.join(SETS)}")
        return 2
    targets = [t for t in args.targets.split(",") if t]
    options = streaming_options(args.language, json.loads(args.options))
    flicker = None if args.commits_only else FlickerOptions(**json.loads(args.flicker))
    t0 = time.perf_counter()
    audio = one_stream(args.set, args.language)
    cache = None if args.no_cache else cache_dir().parent / "updates"
    updates = updates_cached(args.model, audio, options, args.speed, cache)
    translator = build_translator(args.language, targets)
    translator.translate(["Hello."], args.language, targets)  # load before the clock matters
    out = replay(
        updates, targets, translator, flicker, json.loads(args.retranslation), args.late, args.long
    )
    out["set"] = args.set
    if args.set == "validation":
        for target in targets:  # scored whole, never read caption by caption
            del out[f"late_{target}"]["captions"]
    out["audio_s"] = len(audio) / SAMPLE_RATE
    out["wall_s"] = time.perf_counter() - t0
    if hasattr(translator, "close"):
        translator.close()
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    _print(out, targets)
    return 0


def _f(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _print(out: Mapping[str, Any], targets: Sequence[str]) -> None:
    print(
        f"{out['set']}: {out['audio_s']:.0f} s of audio, {out['partial_passes']} partial passes, "
        f"{out['partial_calls']} partial translations; commit p50/p95 "
        f"{_f(out['latency_commit_p50_s'])}/{_f(out['latency_commit_p95_s'])} s"
    )
    for t in targets:
        m, late = out[t], out[f"late_{t}"]
        print(
            f"  {t}: translated word p50/p95 {_f(m['latency_translated_word_p50_s'])}/"
            f"{_f(m['latency_translated_word_p95_s'])} s (commits only "
            f"{_f(m['latency_translated_word_commit_only_p50_s'])}/"
            f"{_f(m['latency_translated_word_commit_only_p95_s'])}), NE "
            f"{_f(m['normalized_erasure'], 3)} ({_f(m['normalized_erasure_at_commit'], 3)} at "
            f"the commit), {m['translated_words']} words, chrF vs whole commits "
            f"{_f(m.get('chrf_vs_commit_only'), 1)}"
        )
        kinds = ", ".join(f"{k} {n}" for k, n in late["kinds"].items())
        print(f"  {late['late']} words later than {late['late_s']} s: {kinds}")
        for row in late.get("captions", ()):
            kinds = ", ".join(f"{k} {n}" for k, n in row["kinds"].items())
            print(
                f"    #{row['caption']} {row['late_words']} late ({kinds}); span "
                f"{row['span_s']} s, committed {row['commit_s']} s after: {row['text'][:70]}"
            )
    c = out["cadence"]
    print(
        f"  pieces over {c['long_s']} s: {c['pieces']}; partial passes every "
        f"{_f(c['partial_pass_gap_p50_s'])} s (p95 {_f(c['partial_pass_gap_p95_s'])}), partial "
        f"translations every {_f(c['partial_translation_gap_p50_s'])} s "
        f"(p95 {_f(c['partial_translation_gap_p95_s'])}); {c['partial_passes']} passes, "
        f"{c['partial_translations']} translations"
    )
    print(f"  ({out['wall_s']:.0f} s)")
