"""Translated captions while the seller speaks (issue 16): the figures, and a replay to tune the
flicker policy without the machine's noise.

Figures, per target language, from the :class:`~sola_studio.core.events.Caption` events as they
were published (the renderer, the overlay and the window show each as it comes):

- ``latency_translated_word_p50_s``/``_p95_s``: for each word of a caption's final (committed)
  translation, the first moment it is on screen *and stays* (from then on every version shown
  has the same words up to and including it, compared without edge punctuation), minus the
  capture time of the end of the source speech it translates. Alignment is proportional: word
  ``i`` of ``n`` translates the source up to ``start + (i + 1) / n`` of the caption's source span.
  ``latency_translated_word_commit_only_*`` is the same with partial translations ignored (what
  viewers had before).
- ``normalized_erasure``: target words taken back across all versions shown (including the swap
  to the committed translation), over the words of the final translations (Arivazhagan et al.).
- ``chrf_vs_commit_only``: chrF of the final translations against the same committed texts
  translated again on their own after the run (100: partials left the final text as it was).

:func:`simulate` replays recorded ASR updates (``record_updates``: the streaming policy in
simulated real time, ``bench streaming``'s cost model) through the same retranslation policy and
real translation calls on a simulated clock, so a flicker setting is compared on the exact same
partials. Its latency is modelled (the ASR's passes by the cost model, translation by its own
measured cost); the real-time ``bench captions`` is the truth.

What this module must never do: assert; it measures.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from sola_studio.asr.streaming import AsrUpdate, StreamingOptions, UtteranceStreamer
from sola_studio.bench.segments import ClauseMemory, SegmentOptions
from sola_studio.captions.retranslation import (
    ErasureBudget,
    FlickerOptions,
    FlickerPolicy,
    common_prefix,
    erased,
    without_cut_word,
    words_of,
)
from sola_studio.captions.track import CaptionTrack
from sola_studio.core.events import Caption
from sola_studio.translate.base import Translator


def _pct(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def chrf(hypotheses: Sequence[str], references: Sequence[str]) -> float | None:
    """Corpus chrF (sacrebleu's defaults), 0-100."""
    if not hypotheses:
        return None
    import sacrebleu

    return float(sacrebleu.corpus_chrf(list(hypotheses), [list(references)]).score)


def caption_timelines(
    captions: Sequence[Caption], language: str
) -> tuple[dict[int, list[tuple[float, list[str]]]], dict[int, Caption]]:
    """Per caption id, every version shown in ``language`` (time published, its words) in the
    order published, and the committed, translated caption that ends each one."""
    timelines: dict[int, list[tuple[float, list[str]]]] = {}
    finals: dict[int, Caption] = {}
    for c in captions:
        text = c.text_in(language)
        if text is None:
            continue
        timelines.setdefault(c.id, []).append((c.t_emit, words_of(text)))
        if c.committed and "translate" in c.stages:
            finals[c.id] = c
    return timelines, finals


def translated_word_metrics(captions: Sequence[Caption], language: str) -> dict[str, Any]:
    """Latency of translated words and normalized erasure in ``language`` from the captions in
    the order they were published (see the module docstring)."""
    timelines, finals = caption_timelines(captions, language)
    latency: list[float] = []
    commit_only: list[float] = []
    erasures = 0
    at_commit = 0  # of which at the swap to the committed translation
    final_words = 0
    for cid, final in finals.items():
        target = words_of(final.text_in(language) or "")
        versions = timelines[cid]
        versions = versions[: 1 + max(i for i, (t, _w) in enumerate(versions) if t <= final.t_emit)]
        shown: list[str] = []
        for _t, words in versions:
            erasures += erased(shown, words)
            shown = words
        at_commit += erased(versions[-2][1], versions[-1][1]) if len(versions) > 1 else 0
        final_words += len(target)
        if final.audio_end_t is None or not target:
            continue
        span = final.end - final.start
        agree = [common_prefix(words, target) for _t, words in versions]
        for i in range(len(target)):
            j = len(versions) - 1
            while j > 0 and agree[j - 1] > i:
                j -= 1
            spoken = final.audio_end_t - span * (1 - (i + 1) / len(target))
            latency.append(versions[j][0] - spoken)
            commit_only.append(final.t_emit - spoken)
    return {
        "latency_translated_word_p50_s": _pct(latency, 0.5),
        "latency_translated_word_p95_s": _pct(latency, 0.95),
        "latency_translated_word_commit_only_p50_s": _pct(commit_only, 0.5),
        "latency_translated_word_commit_only_p95_s": _pct(commit_only, 0.95),
        "normalized_erasure": erasures / final_words if final_words else None,
        "normalized_erasure_at_commit": at_commit / final_words if final_words else None,
        "translated_words": final_words,
        "erased_words": erasures,
    }


def commit_only_chrf(
    captions: Sequence[Caption], translator: Translator, language: str
) -> float | None:
    """chrF of the final translations against the committed texts translated again alone."""
    finals = {c.id: c for c in captions if c.committed and "translate" in c.stages}
    pairs = [
        (c.text_in(language) or "", c.text, c.language)
        for c in finals.values()
        if c.text_in(language) is not None
    ]
    if not pairs:
        return None
    again = [translator.translate([src], lang, [language])[language][0] for _h, src, lang in pairs]
    return chrf([h for h, _s, _l in pairs], again)


def stream_figures(
    published: Sequence[Caption],
    targets: Sequence[str],
    translator: Translator | None,
    track: CaptionTrack,
    wall: float,
    label: str = "",
) -> dict[str, Any]:
    """The figures of one stream of ``bench captions``, per target, keyed
    ``..._{label}{target}...`` (``label``: ``""`` for the English loop, ``"fr_"`` for the talk)."""
    out: dict[str, Any] = {}
    for target in targets:
        for key, value in translated_word_metrics(published, target).items():
            if key.startswith("latency_"):
                head, q, unit_ = key.rsplit("_", 2)
                out[f"{head}_{label}{target}_{q}_{unit_}"] = value
            else:
                out[f"{key}_{label}{target}"] = value
        out[f"chrf_vs_commit_only_{label}{target}"] = (
            commit_only_chrf(published, translator, target) if translator is not None else None
        )
    if targets:
        stats = track.retranslation
        tail = f"_{label.rstrip('_')}" if label else ""
        out[f"retranslation_cpu_share{tail}"] = stats.seconds / wall if wall else None
        out[f"retranslation_calls{tail}"] = stats.translated
        out[f"retranslation_superseded{tail}"] = stats.superseded
        out[f"retranslation_stale{tail}"] = stats.stale
        for target, hold in track.hold_back.items():
            out[f"retranslation_hold_back_{label}{target}"] = hold
    return out


# -- the replay ------------------------------------------------------------------------------


def record_updates(
    engine: Any, audio: np.ndarray, options: StreamingOptions, chunk_s: float = 0.032
) -> list[AsrUpdate]:
    """Every update of :class:`UtteranceStreamer` over ``audio`` in simulated real time, with
    stream seconds as the clock (``t_capture``, ``t_emit``, ``audio_end_t``). ``engine`` reports
    each pass's modelled cost (``bench.streaming.ModelledCost``)."""
    from sola_studio.sources.audio import SAMPLE_RATE, AudioChunk

    policy = UtteranceStreamer(engine, options)
    step = round(chunk_s * SAMPLE_RATE)
    fed = 0
    now = 0.0
    out: list[AsrUpdate] = []

    def stamp(u: AsrUpdate) -> AsrUpdate:
        return dataclasses.replace(
            u,
            t_emit=now,
            t_capture=min(now, fed / SAMPLE_RATE),
            audio_end_t=u.end if u.committed else None,
        )

    while fed < len(audio):
        now = max(now, (fed + step) / SAMPLE_RATE)
        while fed < len(audio) and (fed + step) / SAMPLE_RATE <= now:
            end = (fed + step) / SAMPLE_RATE
            policy.insert_audio(AudioChunk(audio[fed : fed + step], fed / SAMPLE_RATE, end))
            fed += step
        while policy.ready():
            before = engine.spent
            updates = policy.process()
            now += engine.spent - before
            out += [stamp(u) for u in updates]
    out += [stamp(u) for u in policy.finish()]
    return out


@dataclasses.dataclass
class _Sim:
    cost_s: float = 0.0
    calls: int = 0


def simulate(
    updates: Sequence[AsrUpdate],
    translator: Translator,
    targets: Sequence[str],
    flicker: FlickerOptions | None,
    *,
    cpu_share: float = 0.1,
    adaptive: bool = False,
    erasure_target: float = 0.2,
    log: list[tuple[float, int, str]] | None = None,
    settle_s: float | None = None,
    segments: SegmentOptions | None = None,
) -> tuple[list[Caption], Mapping[str, float]]:
    """The captions :class:`~sola_studio.captions.track.CaptionTrack` would publish for
    ``updates`` (simulated clock), with partials re-translated under ``flicker`` (None: commits
    only). One translation worker, commits first, the newest partial only, rate-limited to
    ``cpu_share``; each call costs its measured wall time on the simulated clock. ``log`` gets
    (end time, caption id, source text) of every partial translation. ``settle_s`` (a lever
    measured in the fourth round and not kept, so the live track has no such rule): a partial
    whose first word the one before did not agree on (``start_agree``) is translated all the
    same once it has stayed the newest partial this long. ``segments``: segmented
    re-translation (:mod:`sola_studio.bench.segments`), frozen clauses reused by later
    partials and by the commit."""
    import time

    flicker_on = flicker is not None
    budgets = (
        {t: ErasureBudget(flicker, erasure_target) for t in targets} if adaptive and flicker else {}
    )
    captions: list[Caption] = []
    sim = _Sim()
    mt_free = 0.0
    next_partial = 0.0
    avg_cost = 0.02
    cid = 1
    previous = ""
    policies: dict[str, FlickerPolicy] = {}
    pending: AsrUpdate | None = None  # the newest partial not yet translated
    translated_source = ""

    memory = ClauseMemory(segments) if segments else None

    def call(text: str, source: str) -> tuple[Mapping[str, str], float]:
        if memory is None:
            t0 = time.perf_counter()
            out = translator.translate([text], source, list(targets))
            cost = time.perf_counter() - t0
            return {t: out[t][0] for t in targets}, cost
        new, rest = memory.plan(text)
        return joined(new, rest, len(memory.frozen) + len(new), source)

    def joined(new: list[str], rest: str, n: int, source: str) -> tuple[dict[str, str], float]:
        assert memory is not None
        texts = [*new, rest] if rest else new
        t0 = time.perf_counter()
        out = translator.translate(texts, source, list(targets)) if texts else {}
        cost = time.perf_counter() - t0
        for i, clause in enumerate(new):
            memory.freeze(clause, {t: out[t][i] for t in targets})
        tail = {t: out[t][-1] if rest else "" for t in targets}
        return {t: memory.joined(n, t, tail[t]) for t in targets}, cost

    def run_partial(until: float) -> None:
        """Translate the waiting partial if the worker gets to it before ``until``."""
        nonlocal pending, mt_free, next_partial, avg_cost, translated_source
        if pending is None or flicker is None:
            return
        start = max(mt_free, next_partial, pending.t_emit)
        if start >= until:
            return
        source = flicker.source(job_prev[0], pending.text)
        if not source and settle_s is not None:
            # Unagreed: translated once it stayed the newest partial for settle_s.
            start = max(start, pending.t_emit + settle_s)
            if start >= until:
                return
            source = without_cut_word(pending.text) if flicker.drop_cut else pending.text
        job, pending = pending, None
        if not source or source == translated_source:
            return
        result, cost = call(source, job.language)
        sim.cost_s += cost
        sim.calls += 1
        avg_cost = 0.7 * avg_cost + 0.3 * cost
        mt_free = start + cost
        next_partial = mt_free + avg_cost / cpu_share
        translated_source = source
        if log is not None:
            log.append((mt_free, cid, source))
        changed = [lang for lang, text in result.items() if policies[lang].update(text)]
        if changed:
            shown = {lang: p.text for lang, p in policies.items() if p.shown}
            captions.append(_caption(cid, job, mt_free, shown, committed=False))

    job_prev = [""]
    for u in updates:
        run_partial(u.t_emit)
        if not u.committed:
            if not policies:
                policies = {
                    t: budgets[t].policy() if budgets else FlickerPolicy(flicker) for t in targets
                }
            shown = {lang: p.text for lang, p in policies.items() if p.shown}
            captions.append(_caption(cid, u, u.t_emit, shown, committed=False))
            if flicker_on:
                job_prev[0] = previous
                pending = u
            previous = u.text
            continue
        pending = None
        original = _caption(cid, u, u.t_emit, {}, committed=True)
        captions.append(original)
        result: Mapping[str, str]
        if memory is not None:
            n, rest = memory.commit_plan(u.text)
            result, cost = joined([], rest, n, u.language)
            memory.frozen.clear()
            memory.plan("")
        else:
            result, cost = call(u.text, u.language)
        start = max(mt_free, u.t_emit)
        mt_free = start + cost
        captions.append(
            dataclasses.replace(
                original,
                t_emit=mt_free,
                translations=result,
                stages={"asr": u.t_emit, "translate": mt_free},
            )
        )
        for t, budget in budgets.items():
            if t in policies:
                budget.committed(policies[t], result[t])
        cid += 1
        previous = ""
        translated_source = ""
        policies = {}
    captions.sort(key=lambda c: c.t_emit)
    return captions, {"partial_calls": sim.calls, "partial_cost_s": sim.cost_s}


def _caption(
    cid: int, u: AsrUpdate, t: float, translations: Mapping[str, str], *, committed: bool
) -> Caption:
    return Caption(
        id=cid,
        language=u.language,
        text=u.text,
        start=u.start,
        end=u.end,
        committed=committed,
        t_capture=u.t_capture,
        t_emit=t,
        audio_end_t=u.audio_end_t,
        words=u.words,
        translations=translations,
        stages={"asr": u.t_emit},
    )
