"""The caption track: recognised speech becomes :class:`~sola_studio.core.events.Caption` events,
with the original text and every target language, start/end times and per-stage timestamps.

For each committed utterance the track publishes twice on the bus, under one caption ``id``:
at once with the original only (``stages["asr"]``), so the renderer shows the seller's words
without waiting for translation; then, from the translation thread, with every translation
filled in (``stages["translate"]``). Subscribers that need the finished caption (subtitles, the
store) wait for ``translations`` to cover every target.

A committed caption the recogniser heard again with the speech after it (an ``AsrUpdate``
revision, ``LookBackOptions.revise_words``) is published again under the same id: the new
original (``stages["revise"]``) with no translations, then its translations. Every subscriber
replaces a caption by id; those that show it keep the old translation until the new one comes.

Partial text is published with ``committed=False`` and the id the next committed caption will
have, carrying the partial translations on screen so far (re-translation, issue 16): the
growing partial is translated again into every target, through the same translator (glossary
and phrasebook) as committed captions, and :mod:`sola_studio.captions.retranslation` decides
what of each translation is shown. The committed translation replaces it. A subscriber that
receives the committed original before its translation keeps showing the partial translation
until the committed one arrives (the renderer, the overlay, the window do).

One translation thread does both, committed captions first: a bounded queue of commits, and a
single slot for the newest partial (a newer partial replaces one still waiting: stale partials
are dropped, never translated). Partial translations are rate-limited so they cost at most
``PartialOptions.cpu_share`` of one core (by their measured cost) and skipped while the
recogniser is behind (``max_asr_lag_s``), so they never compete with the ASR keeping up. The
ASR thread never waits on translation. If the commit queue is full (translation 64 captions
behind) the caption is published with the original only and the error is reported.

What this module must never do: replace the original by a translation, or block the ASR thread
on a translation.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from sola_studio.asr.streaming import AsrUpdate
from sola_studio.captions.retranslation import (
    ErasureBudget,
    FlickerOptions,
    FlickerPolicy,
)
from sola_studio.core.bus import Bus
from sola_studio.core.clock import monotonic
from sola_studio.core.errors import SolaError, TranslationUnavailable
from sola_studio.core.events import Caption, ErrorEvent
from sola_studio.translate.base import Translator

log = logging.getLogger(__name__)

_REVISABLE = 8  # committed captions kept for a revision (one is ever revised: the newest)


@dataclass(frozen=True)
class PartialOptions:
    """Re-translation of partial captions.

    ``enabled``: translate partials at all. ``flicker``: what of a partial translation is shown.
    ``cpu_share``: partial translations run at most this share of one core (the next one waits
    ``measured cost / cpu_share`` after the last; Bergamot en->pt+... costs 10-40 ms a partial,
    partials come every 0.5-1.7 s, so this bites only on a slow engine). ``erasure_target``:
    per target language, an :class:`~sola_studio.captions.retranslation.ErasureBudget` holds
    back more words while the show's normalized erasure runs above it (None: always
    ``flicker.hold_back``; replayed French partials: NE 0.54 -> 0.30 for +0.45 s median
    latency, English unchanged within 0.1 s). ``max_asr_lag_s``: a
    partial whose newest audio is older than this when its turn comes is not translated (the
    recogniser is behind; the next partial or the commit will come).
    """

    enabled: bool = True
    flicker: FlickerOptions = field(default_factory=FlickerOptions)
    erasure_target: float | None = 0.2
    cpu_share: float = 0.1
    max_asr_lag_s: float = 2.0


class ScriptedText(Protocol):
    """A caption that says planned lines of the show plan (:mod:`sola_studio.plan.script`)."""

    @property
    def lines(self) -> tuple[str, ...]: ...

    @property
    def gaps(self) -> tuple[str, ...]: ...

    def covered(self, targets: Sequence[str]) -> tuple[str, ...]: ...

    def translations(
        self, targets: Sequence[str], gaps: Mapping[str, Sequence[str]] | None = None
    ) -> dict[str, str]: ...


class CaptionScript(Protocol):
    """Captions from the script (issue 20): the approved translations of the planned lines a
    caption says, shown instead of machine translation in the languages they cover."""

    def scripted(self, text: str, language: str, committed: bool) -> ScriptedText | None: ...


def plan_stages(scripted: ScriptedText, now: float) -> dict[str, float]:
    """How a caption shown from the script is marked (``stages``, stored with it)."""
    return {"plan": now, **{f"plan:{line}": now for line in scripted.lines}}


@dataclass(frozen=True)
class RetranslationStats:
    """What re-translating partials did and cost (``bench captions`` reports it)."""

    translated: int = 0  # partial translation calls made
    superseded: int = 0  # partials replaced by a newer one before their turn
    stale: int = 0  # partials skipped because the recogniser was behind
    seconds: float = 0.0  # wall time inside the translator for partials
    published: int = 0  # partial captions whose shown translation changed


@dataclass(frozen=True)
class _PartialJob:
    id: int
    language: str
    source: str
    t_capture: float


@dataclass
class _Shown:
    """The partial translations on screen for the caption being spoken."""

    id: int
    policies: dict[str, FlickerPolicy]
    text: str = ""  # the newest partial source text
    previous: str = ""  # the one before it
    translated_source: str = ""
    caption: Caption | None = None
    planned: dict[str, str] = field(default_factory=dict)  # approved lines shown (the script)

    def translations(self) -> dict[str, str]:
        shown = {lang: p.text for lang, p in self.policies.items() if p.shown}
        return {**shown, **self.planned}


class CaptionTrack:
    """Turns :class:`AsrUpdate` events into captions on ``bus``, translated into ``targets``.

    ``translator`` may be ``None`` when there are no targets. Call :meth:`on_update` from the ASR
    thread; :meth:`close` waits for the committed translations still queued.
    """

    def __init__(
        self,
        bus: Bus,
        targets: Sequence[str] = (),
        translator: Translator | None = None,
        *,
        queue_size: int = 64,
        partials: PartialOptions | None = None,
        script: CaptionScript | None = None,
    ) -> None:
        self.bus = bus
        self.script = script
        self._scripted: dict[int, ScriptedText] = {}  # committed captions that say planned lines
        self.targets = tuple(targets)
        self.translator = translator
        self.partial_options = partials or PartialOptions()
        if self.targets and translator is None:
            raise TranslationUnavailable(
                f"captions in {', '.join(self.targets)} need a translator",
                fix="install a translation model (`sola-studio models list`) or drop --languages",
            )
        self._next_id = 1
        self._queue_size = queue_size
        self._commits: collections.deque[Caption] = collections.deque()
        self._partial: _PartialJob | None = None
        self._closing = False
        self._cond = threading.Condition()
        # Partial publications (ASR thread and translation thread) and the commit's original
        # are made under this lock, so a partial never reaches the bus after its commit or with
        # older translations than one already published.
        self._publish = threading.Lock()
        self._shown: _Shown | None = None
        # per target: the hold-back that keeps erasure near its target, fed by each commit
        self._budgets = {
            t: ErasureBudget(self.partial_options.flicker, target)
            for t in self.targets
            if (target := self.partial_options.erasure_target) is not None
        }
        self._committing: dict[int, dict[str, FlickerPolicy]] = {}  # shown partials by id
        self._newest: dict[int, Caption] = {}  # the newest committed originals, by caption id
        self._by_seq: dict[int, int] = {}  # their AsrUpdate.seq -> caption id
        self._revised = 0
        self._stats = RetranslationStats()
        self._partial_cost = 0.02  # seconds, moving average of partial translation calls
        self._next_partial_at = 0.0
        self._thread: threading.Thread | None = None
        self.committed: list[Caption] = []  # finished captions, in order (for reports and tests)
        self._lock = threading.Lock()
        if self.targets:
            self._thread = threading.Thread(target=self._translate_loop, name="mt", daemon=True)
            self._thread.start()

    @property
    def retranslation(self) -> RetranslationStats:
        return self._stats

    @property
    def revised(self) -> int:
        """Committed captions published again with a revised original."""
        return self._revised

    @property
    def hold_back(self) -> dict[str, int]:
        """Target words held back now, per language (the erasure budget's choice)."""
        return {t: b.hold_back for t, b in self._budgets.items()}

    def _targets_for(self, language: str) -> list[str]:
        return [t for t in self.targets if t != language]

    # -- the ASR thread ------------------------------------------------------------------------

    def on_update(self, update: AsrUpdate) -> None:
        if update.revision:
            self._on_revision(update)
            return
        now = monotonic()
        caption = Caption(
            id=self._next_id,
            language=update.language,
            text=update.text,
            start=update.start,
            end=update.end,
            committed=update.committed,
            t_capture=update.t_capture,
            t_emit=now,
            audio_end_t=update.audio_end_t,
            words=update.words,
            stages={"asr": update.t_emit},
        )
        if not update.committed:
            self._on_partial(caption)
            return
        targets = self._targets_for(update.language)
        with self._publish:
            self._next_id += 1
            if self._shown is not None and self._shown.id == caption.id and self._budgets:
                self._committing[caption.id] = self._shown.policies
            self._shown = None
            with self._cond:
                if self._partial is not None and self._partial.id == caption.id:
                    self._partial = None
            self._newest[caption.id] = caption
            if update.seq:
                self._by_seq[update.seq] = caption.id
            self._forget()
            self.bus.publish(caption)
        self._queue_commit(caption, targets, now)

    def _on_revision(self, update: AsrUpdate) -> None:
        """A committed caption heard again with the speech after it (``LookBackOptions.
        revise_words``): published again under its id with the new original (``stages["revise"]``)
        and no translations, then translated again; a translation of the old text still under
        way is not published. Subscribers replace the caption by id (those that show it keep its
        old translation until the new one arrives)."""
        now = monotonic()
        with self._publish:
            cid = self._by_seq.get(update.seq)
            first = self._newest.get(cid) if cid is not None else None
            if first is None or not update.text.strip() or update.text == first.text:
                log.debug("revision of update %d not applied: %r", update.seq, update.text)
                return
            stages = {k: v for k, v in first.stages.items() if not k.startswith("translate")}
            caption = replace(
                first,
                text=update.text,
                start=update.start,
                end=update.end,
                words=update.words,
                t_emit=now,
                translations={},
                stages={**stages, "revise": now},
            )
            self._newest[caption.id] = caption
            self._revised += 1
            self.bus.publish(caption)
        self._queue_commit(caption, self._targets_for(caption.language), now)

    def _forget(self) -> None:
        """Keep the newest few committed captions (a revision replaces the one before the next
        commit; callers hold ``self._publish``)."""
        for kept in (self._newest, self._by_seq):
            while len(kept) > _REVISABLE:
                del kept[next(iter(kept))]

    def _queue_commit(self, caption: Caption, targets: list[str], now: float) -> None:
        if not targets:
            self._finished(caption)
            return
        scripted = self._script(caption)
        with self._cond:
            queued = len(self._commits) < self._queue_size and not self._closing
            if queued:
                if scripted is not None and scripted.covered(targets):
                    self._scripted[caption.id] = scripted
                # a revision replaces its caption's commit still waiting for translation
                kept = [c for c in self._commits if c.id != caption.id]
                if len(kept) < len(self._commits):
                    self._commits = collections.deque(kept)
                self._commits.append(caption)
                self._cond.notify()
        if not queued:
            with self._publish:
                self._committing.pop(caption.id, None)
            err = TranslationUnavailable(
                f"translation is {len(self._commits)} captions behind; caption {caption.id} "
                "is shown untranslated",
                fix="choose fewer target languages or a faster translation model",
            )
            self.bus.publish(ErrorEvent("translate", err, now))
            self._finished(caption)

    def _on_partial(self, caption: Caption) -> None:
        targets = self._targets_for(caption.language)
        options = self.partial_options
        with self._publish:
            shown = self._shown
            if shown is None or shown.id != caption.id:
                policies = {
                    t: self._budgets[t].policy()
                    if t in self._budgets
                    else FlickerPolicy(options.flicker)
                    for t in targets
                }
                shown = self._shown = _Shown(caption.id, policies)
            shown.previous, shown.text = shown.text, caption.text
            scripted = self._script(caption) if targets else None
            shown.planned = scripted.translations(targets) if scripted is not None else {}
            caption = replace(caption, translations=shown.translations())
            if scripted is not None and shown.planned:
                stages = {**caption.stages, **plan_stages(scripted, caption.t_emit)}
                caption = replace(caption, stages=stages)
            shown.caption = caption
            self.bus.publish(caption)
            if not targets or not options.enabled:
                return
            source = options.flicker.source(shown.previous, shown.text)
            if not source or source == shown.translated_source:
                return
        job = _PartialJob(caption.id, caption.language, source, caption.t_capture)
        with self._cond:
            if self._closing:
                return
            if self._partial is not None:
                self._count(superseded=1)
            self._partial = job
            self._cond.notify()

    def _script(self, caption: Caption) -> ScriptedText | None:
        """The planned lines ``caption`` says (None without a plan); never raises."""
        if self.script is None:
            return None
        try:
            return self.script.scripted(caption.text, caption.language, caption.committed)
        except Exception:
            log.exception("show plan: caption %d not matched", caption.id)
            return None

    def _count(self, **add: float) -> None:
        """Add to the re-translation counters (callers hold ``self._cond``)."""
        s = self._stats
        self._stats = replace(s, **{k: getattr(s, k) + v for k, v in add.items()})

    def _finished(self, caption: Caption) -> None:
        with self._lock:
            # a revision replaces its caption (one of the newest: it comes before the next commit)
            newest = len(self.committed) - 1
            for i in range(newest, max(-1, newest - _REVISABLE), -1):
                if self.committed[i].id == caption.id:
                    self.committed[i] = caption
                    return
            self.committed.append(caption)

    # -- the translation thread ----------------------------------------------------------------

    def _next_job(self) -> Caption | _PartialJob | None:
        """The next commit, else the newest partial once its rate allows; None: closed."""
        with self._cond:
            while True:
                if self._commits:
                    return self._commits.popleft()
                if self._closing:
                    return None
                if self._partial is not None:
                    wait = self._next_partial_at - monotonic()
                    if wait <= 0:
                        job, self._partial = self._partial, None
                        return job
                    self._cond.wait(wait)
                else:
                    self._cond.wait()

    def _translate_loop(self) -> None:
        assert self.translator is not None
        while True:
            job = self._next_job()
            if job is None:
                return
            if isinstance(job, Caption):
                self._translate_commit(job)
            else:
                self._translate_partial(job)

    def _translate(self, text: str, language: str, targets: list[str]) -> Mapping[str, str]:
        assert self.translator is not None
        try:
            result = self.translator.translate([text], language, targets)
            return {t: result[t][0] for t in targets if result.get(t)}
        except SolaError as exc:
            log.warning("not translated: %s", exc)
            self.bus.publish(ErrorEvent("translate", exc, monotonic()))
        except Exception as exc:
            log.exception("translator %s failed", getattr(self.translator, "name", "?"))
            err = TranslationUnavailable(f"translation failed: {exc}", fix="see the log")
            self.bus.publish(ErrorEvent("translate", err, monotonic()))
        return {}

    def _translate_commit(self, item: Caption) -> None:
        targets = self._targets_for(item.language)
        with self._cond:
            scripted = self._scripted.pop(item.id, None)
        covered = scripted.covered(targets) if scripted is not None else ()
        rest = [t for t in targets if t not in covered]
        translations = dict(self._translate(item.text, item.language, rest)) if rest else {}
        stages: dict[str, float] = {}
        if scripted is not None and covered:
            # the approved lines as they are; only the unplanned text between them is translated
            gaps: dict[str, list[str]] = {t: [] for t in covered}
            for gap in scripted.gaps:
                piece = self._translate(gap, item.language, list(covered))
                for t in covered:
                    gaps[t].append(piece.get(t, ""))
            translations.update(scripted.translations(covered, gaps))
            stages = plan_stages(scripted, monotonic())
        with self._publish:
            shown = self._committing.pop(item.id, {})
        for lang, policy in shown.items():
            if lang in translations and lang in self._budgets:
                self._budgets[lang].committed(policy, translations[lang])
        now = monotonic()
        done = replace(
            item,
            t_emit=now,
            translations=translations,
            stages={**item.stages, **stages, "translate": now},
        )
        with self._publish:
            newest = self._newest.get(item.id)
            if newest is not None and newest.text != item.text:
                return  # revised while it was translated: the revision's translation comes next
            self.bus.publish(done)
        self._finished(done)

    def _translate_partial(self, job: _PartialJob) -> None:
        options = self.partial_options
        if monotonic() - job.t_capture > options.max_asr_lag_s:
            with self._cond:
                self._count(stale=1)
            return
        targets = self._targets_for(job.language)
        started = time.perf_counter()
        translations = self._translate(job.source, job.language, targets)
        cost = time.perf_counter() - started
        self._partial_cost = 0.7 * self._partial_cost + 0.3 * cost
        self._next_partial_at = monotonic() + self._partial_cost / max(options.cpu_share, 1e-3)
        with self._cond:
            self._count(translated=1, seconds=cost)
        with self._publish:
            shown = self._shown
            if shown is None or shown.id != job.id or shown.caption is None:
                return  # committed meanwhile: the committed translation replaces it
            shown.translated_source = job.source
            changed = False
            for lang, text in translations.items():
                policy = shown.policies.get(lang)
                if policy is not None and policy.update(text):
                    changed = True
            if not changed:
                return
            now = monotonic()
            caption = replace(
                shown.caption,
                t_emit=now,
                translations=shown.translations(),
                stages={**shown.caption.stages, "translate:partial": now},
            )
            shown.caption = caption
            with self._cond:
                self._count(published=1)
            self.bus.publish(caption)

    def close(self, timeout: float = 30.0) -> None:
        """Finish the queued committed translations (partials still waiting are dropped), then
        stop the translation thread."""
        with self._cond:
            self._closing = True
            self._partial = None
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
