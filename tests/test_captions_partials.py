"""Translated captions while the seller speaks (issue 16): the growing partial is translated by
the real Bergamot engine, shown before its commit and replaced by it; the flicker policy on real
partial sequences; the overlay shows partial translations; subtitles and the store keep
committed captions only."""

from __future__ import annotations

import http.client
import itertools
import json
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO_ROOT, caption_files_and_store, wait_until

from sola_studio.asr.streaming import AsrUpdate
from sola_studio.bench.retranslation import translated_word_metrics
from sola_studio.captions.retranslation import (
    FlickerOptions,
    FlickerPolicy,
    common_prefix,
    erased,
    stable_source,
    words_of,
)
from sola_studio.captions.track import CaptionTrack, PartialOptions
from sola_studio.core.bus import Bus
from sola_studio.core.clock import monotonic
from sola_studio.core.events import Caption, Word
from sola_studio.sinks.overlay import OverlayServer
from sola_studio.translate.factory import build_translator

# These tests follow every partial through the track: each one is translated, the first too
# (by default an utterance's first partial waits for the next to agree with it, and a cut-off
# last word is left out: tests/test_retranslation_policy.py).
EVERY = PartialOptions(cpu_share=1.0, flicker=FlickerOptions(start_agree=False, drop_cut=False))

PARTIALS = json.loads((REPO_ROOT / "tests" / "fixtures" / "partials.json").read_text("utf-8"))

SPOKEN = [
    "He was not an",
    "He was not an ill disposed young",
    "He was not an ill disposed young man, unless to be",
    "He was not an ill disposed young man, unless to be rather cold hearted",
]
FINAL = "He was not an ill-disposed young man, unless to be rather cold-hearted and rather selfish."


def update(text: str, committed: bool, start: float = 0.0) -> AsrUpdate:
    now = monotonic()
    words = tuple(
        Word(" " + w, start + i * 0.3, start + i * 0.3 + 0.25, 0.9)
        for i, w in enumerate(text.split())
    )
    return AsrUpdate(
        text=text,
        words=words if committed else (),
        start=start,
        end=words[-1].end,
        language="en",
        committed=committed,
        t_capture=now,
        t_emit=now,
        audio_end_t=now - 0.3 if committed else None,
    )


class Recorder:
    """Every caption published on the bus, in order, from any thread."""

    def __init__(self, bus: Bus) -> None:
        self.seen: list[Caption] = []
        self._lock = threading.Lock()
        bus.subscribe(Caption, self._add)

    def _add(self, c: Caption) -> None:
        with self._lock:
            self.seen.append(c)

    def snapshot(self) -> list[Caption]:
        with self._lock:
            return list(self.seen)


@pytest.fixture(scope="module")
def translator() -> Any:
    t = build_translator("en", ["pt"])
    yield t
    t.close()


def speak(track: CaptionTrack, recorder: Recorder) -> None:
    """The partials of one utterance, each waiting for its translation, then the commit."""
    for i, text in enumerate(SPOKEN):
        track.on_update(update(text, committed=False))
        wait_until(lambda n=i: track.retranslation.translated > n, what=f"partial {i} translated")
    track.on_update(update(FINAL, committed=True))


def test_partial_translation_is_shown_before_the_commit_and_replaced_by_it(
    translator: Any,
) -> None:
    bus = Bus()
    recorder = Recorder(bus)
    track = CaptionTrack(bus, ["pt"], translator, partials=EVERY)
    speak(track, recorder)
    track.close()
    seen = recorder.snapshot()
    commit_at = next(i for i, c in enumerate(seen) if c.committed)
    partial_pt = [c for c in seen[:commit_at] if c.translations.get("pt")]
    assert partial_pt, "a Portuguese partial was shown before the commit"
    assert all(c.id == seen[commit_at].id for c in partial_pt)
    assert "jovem" in partial_pt[-1].translations["pt"].lower()  # "young" -> "jovem"
    # Nothing partial after the commit: the committed translation replaces the partial one.
    assert all(c.committed for c in seen[commit_at:])
    final = seen[-1]
    assert final.committed and "translate" in final.stages
    assert final.translations["pt"] == translator.translate([FINAL], "en", ["pt"])["pt"][0]
    # Shown partial text only grew (no retraction below the revision threshold here).
    shown = [words_of(c.translations["pt"]) for c in partial_pt]
    assert all(erased(a, b) == 0 for a, b in itertools.pairwise(shown))
    metrics = translated_word_metrics(seen, "pt")
    assert metrics["normalized_erasure"] is not None and metrics["normalized_erasure"] <= 0.5
    stats = track.retranslation
    assert stats.translated >= len(SPOKEN) - 1 and stats.seconds > 0


def test_partials_go_through_the_glossary(translator: Any) -> None:
    """The same glossary layer as committed captions: the seller's rendering of a term is in
    the partial translation too."""
    from sola_studio.translate.glossary import Glossary, GlossaryEntry

    translator.set_glossary(Glossary((GlossaryEntry("table", renderings={"pt": "bancada"}),)))
    try:
        bus = Bus()
        recorder = Recorder(bus)
        track = CaptionTrack(bus, ["pt"], translator, partials=EVERY)
        for i, text in enumerate(("The table is light", "The table is light and very strong")):
            track.on_update(update(text, committed=False))
            wait_until(lambda n=i: track.retranslation.translated > n, what="partial translated")
        track.close()
        partial = [c.translations["pt"] for c in recorder.snapshot() if c.translations]
        assert partial and "bancada" in partial[-1].lower()
    finally:
        translator.set_glossary(Glossary())


def test_a_stale_partial_is_not_translated_when_the_recogniser_is_behind(translator: Any) -> None:
    bus = Bus()
    track = CaptionTrack(bus, ["pt"], translator, partials=replace(EVERY, max_asr_lag_s=0.0))
    track.on_update(update("He was not an ill disposed young man", committed=False))
    wait_until(lambda: track.retranslation.stale == 1, what="the stale partial skipped")
    track.close()
    assert track.retranslation.translated == 0


def test_subtitles_and_the_store_keep_committed_captions_only(
    translator: Any, tmp_path: Path
) -> None:
    bus = Bus()
    recorder = Recorder(bus)
    writer, store = caption_files_and_store(bus, tmp_path)
    track = CaptionTrack(bus, ["pt"], translator, partials=EVERY)
    speak(track, recorder)
    track.close()
    writer.close()
    assert any(c.translations.get("pt") for c in recorder.snapshot() if not c.committed)
    final = recorder.snapshot()[-1]
    srt = (tmp_path / "captions.pt.srt").read_text("utf-8")
    assert srt.count("-->") == 1 and final.translations["pt"] in srt
    rows = list(store.db.query("SELECT text FROM caption_translations WHERE language='pt'"))
    assert [r["text"] for r in rows] == [final.translations["pt"]]
    assert list(store.db.query("SELECT text FROM captions")) == [{"text": FINAL}]
    en_srt = (tmp_path / "captions.en.srt").read_text("utf-8")
    assert SPOKEN[-1] not in en_srt.replace(FINAL, "")


def test_the_overlay_page_shows_the_partial_translation_until_the_committed_one(
    translator: Any,
) -> None:
    server = OverlayServer(["en", "pt"]).start()
    try:
        host, port = server.address
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", "/events/pt")
        resp = conn.getresponse()
        bus = Bus()
        recorder = Recorder(bus)
        bus.subscribe(Caption, server.publish)
        track = CaptionTrack(bus, ["pt"], translator, partials=EVERY)
        speak(track, recorder)
        track.close()
        events = []
        while not (events and events[-1]["committed"]):
            line = resp.fp.readline().decode()
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
        partial = [e for e in events if not e["committed"] and e["text"]]
        assert partial and partial[-1]["id"] == events[-1]["id"]
        # The committed original (no pt yet) sent nothing to the pt page: the partial stayed
        # until the committed translation replaced it.
        assert events[-1]["text"] == recorder.snapshot()[-1].translations["pt"]
        assert [e["committed"] for e in events].count(True) == 1
    finally:
        server.stop()


# -- the flicker policy on real partial sequences ---------------------------------------------


def shown_sequence(translations: list[str], options: FlickerOptions) -> list[list[str]]:
    policy = FlickerPolicy(options)
    out = []
    for t in translations:
        policy.update(t)
        out.append(list(policy.shown))
    return out


@pytest.mark.parametrize(
    "options",
    [FlickerOptions(confirm=False), FlickerOptions(hold_back=1, revise_gain=3, confirm=False)],
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_flicker_policy_never_retracts_below_the_threshold_on_real_partials(
    language: str, options: FlickerOptions, translator: Any
) -> None:
    """Real partial sequences of the English loop (translated to pt by Bergamot) and the French
    talk (no fr engine here: the French partials themselves, which change more): every update
    that takes a shown word back shows at least ``revise_gain`` more words than before; every
    other update only appends."""
    utterances = PARTIALS[language]
    for utt in utterances:
        partials = utt["partials"]
        if not partials:
            continue
        if language == "en":
            texts = [translator.translate([p], "en", ["pt"])["pt"][0] for p in partials]
        else:
            texts = list(partials)
        shown = shown_sequence(texts, options)
        before: list[str] = []
        for after in shown:
            lost = erased(before, after)
            if lost:
                assert len(after) - len(before) >= options.revise_gain, (before, after)
            else:
                assert after[: len(before)] == before  # append only: shown words keep spelling
            before = after
    assert sum(len(u["partials"]) for u in utterances) > 25  # the property saw real sequences


def test_policy_holds_back_words_and_agreement_takes_the_common_prefix() -> None:
    policy = FlickerPolicy(FlickerOptions(hold_back=2, revise_gain=2))
    assert not policy.update("Ele não")  # both words held back
    assert policy.update("Ele não era um jovem")
    assert policy.text == "Ele não era"
    assert not policy.update("Ele nunca foi um")  # disagrees, gains nothing: kept as shown
    assert policy.text == "Ele não era"
    assert policy.update("Ele nunca foi um jovem mal disposto a menos que")
    assert policy.text == "Ele nunca foi um jovem mal disposto a"
    assert policy.erased == 2 and policy.revisions == 1
    assert stable_source("c'est la dictée numéro", "C'est la dictée, numéro un") == (
        "C'est la dictée, numéro"
    )
    assert common_prefix(["mundo,"], ["Mundo"]) == 1


def test_translated_word_latency_counts_a_word_from_when_it_stays_on_screen() -> None:
    """Hand-made timeline: a word shown early and kept counts from then; a word shown and then
    taken back counts from when it came back for good; erasures over final words is NE."""

    def cap(t: float, pt: str | None, committed: bool = False, done: bool = False) -> Caption:
        return Caption(
            1,
            "en",
            "a b c d",
            10.0,
            14.0,  # four seconds of speech, ending at monotonic 100.0
            committed,
            t,
            t,
            audio_end_t=100.0,
            translations={"pt": pt} if pt is not None else {},
            stages={"asr": t, **({"translate": t} if done else {})},
        )

    seen = [
        cap(98.0, "um dois"),  # words 1-2 shown 1 s after "dois" (ends at 97.0) was said
        cap(99.0, "um dois tres xis"),  # "xis" is taken back later
        cap(100.6, None, committed=True),  # the committed original: pt unchanged on screen
        cap(101.0, "um dois tres quatro", committed=True, done=True),
    ]
    m = translated_word_metrics(seen, "pt")
    # word i ends at 96 + (i + 1) for a 4-word translation of 4 s ending at 100
    # um: 98 - 97 = 1.0; dois: 98 - 98 = 0; tres: 99 - 99 = 0; quatro: 101 - 100 = 1.0
    assert m["latency_translated_word_p50_s"] == pytest.approx(1.0)
    assert m["latency_translated_word_commit_only_p50_s"] == pytest.approx(3.0)
    assert m["normalized_erasure"] == pytest.approx(1 / 4)  # "xis" once, over 4 final words
    assert m["normalized_erasure_at_commit"] == pytest.approx(1 / 4)


def test_erasure_budget_holds_back_more_while_erasure_runs_high() -> None:
    from sola_studio.captions.retranslation import ErasureBudget

    budget = ErasureBudget(FlickerOptions(hold_back=2), target=0.2)
    assert budget.policy().options.hold_back == 2
    for _ in range(3):  # partials that showed words the committed translation took back
        policy = budget.policy()
        policy.update("um dois tres quatro cinco seis sete")
        budget.committed(policy, "um dois nove dez onze doze treze")
    assert budget.normalized_erasure > 0.2 and budget.hold_back == 5
    for _ in range(30):  # then stable speech: the hold-back comes down again, not below 2
        policy = budget.policy()
        policy.update("a b c d e f g h")
        budget.committed(policy, "a b c d e f g h")
    assert budget.hold_back == 2


class HeldTranslator:
    """The real translator behind a gate the test opens: while it is shut, every call waits (a
    translation engine far slower than speech)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = "held"
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.sources: list[str] = []

    def supports(self, source: str, target: str) -> bool:
        return bool(self.inner.supports(source, target))

    def translate(self, texts: Any, source: str, targets: Any) -> Any:
        self.entered.set()
        self.gate.wait(30)
        self.sources.extend(texts)
        return self.inner.translate(texts, source, targets)


def test_a_slow_translator_never_holds_up_the_recogniser_and_stale_partials_are_dropped(
    translator: Any,
) -> None:
    held = HeldTranslator(translator)
    bus = Bus()
    recorder = Recorder(bus)
    track = CaptionTrack(bus, ["pt"], held, partials=EVERY)
    track.on_update(update(SPOKEN[0], committed=False))
    wait_until(held.entered.is_set, what="the first partial in the translator")
    # The translator is stuck: the ASR thread's calls still return (they only publish and hand
    # the newest partial over), and each newer partial replaces the one waiting.
    for text in SPOKEN[1:]:
        track.on_update(update(text, committed=False))
    track.on_update(update(FINAL, committed=True))
    assert [c.text for c in recorder.snapshot()] == [*SPOKEN, FINAL]
    held.gate.set()
    track.close()
    seen = recorder.snapshot()
    # The partials that were waiting when the commit came were never translated; the commit was.
    assert held.sources == [SPOKEN[0], FINAL]
    assert track.retranslation.superseded == len(SPOKEN) - 2
    assert seen[-1].committed and seen[-1].translations["pt"]
    commit_at = next(i for i, c in enumerate(seen) if c.committed)
    assert all(c.committed for c in seen[commit_at:])  # no partial after its commit
