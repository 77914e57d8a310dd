"""Issue 17, streaming on speech it was not tuned on (real clips of ``tests/speech_eval/dev``,
real Silero VAD, real Whisper): a lone short word is decoded with the speech that follows it,
a commit pass does not decode again the tail of the speech before it, words said twice stay
twice, and a repeated word needs the speech to say it."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from test_asr_streaming import _words

from sola_studio.asr.engine import Decoded, DecodeOptions, WhisperEngine, resolve_asr_model
from sola_studio.asr.streaming import AsrUpdate, StreamingOptions, UtteranceStreamer
from sola_studio.bench.captions import SPEECH_EVAL
from sola_studio.core.events import Word
from sola_studio.sources.audio import CHUNK_S, SAMPLE_RATE, AudioChunk, decode_file

DEV = SPEECH_EVAL / "dev"


class Recorded:
    """A real engine that remembers what each commit pass (beam > 1) was given."""

    def __init__(self, engine: WhisperEngine) -> None:
        self.engine = engine
        self.name = engine.name
        self.commit_audio: list[np.ndarray] = []
        self.windows: list[int] = []

    def transcribe(
        self, audio: np.ndarray, language: str | None, options: DecodeOptions
    ) -> Decoded:
        if options.beam_size > 1:
            self.commit_audio.append(audio)
            self.windows.append(options.window_s)
        return self.engine.transcribe(audio, language, options)

    def detect_language(self, audio: np.ndarray, candidates: tuple[str, ...]) -> tuple[str, float]:
        return self.engine.detect_language(audio, candidates)


@pytest.fixture(scope="module")
def tiny() -> WhisperEngine:
    return WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), np.float32)


def _feed(policy: UtteranceStreamer, audio: np.ndarray) -> list[AsrUpdate]:
    step = round(CHUNK_S * SAMPLE_RATE)
    out: list[AsrUpdate] = []
    for i in range(0, len(audio), step):
        t = (i + step) / SAMPLE_RATE
        policy.insert_audio(AudioChunk(audio[i : i + step], i / SAMPLE_RATE, t))
        while policy.ready():
            out += policy.process()
    out += policy.finish()
    return [u for u in out if u.committed]


@pytest.mark.slow
def test_a_lone_short_word_is_decoded_with_the_speech_that_follows(tiny: WhisperEngine) -> None:
    # "ten of clubs" (0.8 s of speech), a 0.74 s pause, "in being comparatively modern".
    audio = np.concatenate(
        [
            _silence(0.5),
            decode_file(DEV / "en_cards_001.flac"),
            _silence(0.6),
            decode_file(DEV / "en_LJ001-0002.flac"),
            _silence(1.0),
        ]
    )
    held = _feed(UtteranceStreamer(tiny, StreamingOptions(languages=("en",))), audio)
    assert len(held) == 1
    text = held[0].text.lower()
    assert text.startswith(("ten", "10")) and "comparatively modern" in text  # one caption
    alone = _feed(
        UtteranceStreamer(tiny, StreamingOptions(languages=("en",), hold_short_s=None)), audio
    )
    assert len(alone) == 2  # as before: the short one committed on its own


@pytest.mark.slow
def test_a_commit_pass_does_not_decode_the_tail_of_the_speech_before(tiny: WhisperEngine) -> None:
    # Two read sentences, their speech 0.5 s apart (the files' own silences): before, the
    # second pass began right where the first one's speech ended, in the tail it had decoded.
    first = decode_file(DEV / "en_LJ001-0004.flac")
    second = decode_file(DEV / "en_test.flac")
    audio = np.concatenate([_silence(0.5), first, second, _silence(1.0)])  # speech 0.5 s apart
    engine = Recorded(tiny)
    commits = _feed(UtteranceStreamer(engine, StreamingOptions(languages=("en",))), audio)  # type: ignore[arg-type]
    assert len(commits) >= 2
    decoded = sum(len(a) for a in engine.commit_audio) / SAMPLE_RATE
    assert decoded <= len(audio) / SAMPLE_RATE
    words = [w for u in commits for w in u.words]
    assert all(a.end <= b.start + 0.3 for a, b in itertools.pairwise(words))
    overlapping = Recorded(tiny)
    _feed(
        UtteranceStreamer(
            overlapping,  # type: ignore[arg-type]
            StreamingOptions(languages=("en",), disjoint_commits=False),
        ),
        audio,
    )
    assert sum(len(a) for a in overlapping.commit_audio) / SAMPLE_RATE > decoded


def test_a_word_said_again_after_a_breath_stays() -> None:
    policy = UtteranceStreamer.__new__(UtteranceStreamer)
    policy.options = StreamingOptions(languages=("en",))
    policy._tail = _words("Montreal forced", 1.0)  # committed; the gate cut at a pause
    again = _words("forced aligner", 2.0)
    policy._cut_in_speech = False
    assert policy._unrepeated(again) == again  # the speaker said it twice
    policy._cut_in_speech = True  # a cut forced inside speech: the word was heard twice
    assert policy._unrepeated(again) == again[1:]


def test_words_said_three_times_are_kept_unless_the_decode_loops() -> None:
    policy = UtteranceStreamer.__new__(UtteranceStreamer)
    policy.options = StreamingOptions(languages=("en",))
    assert policy._max_repeats(1.2, speech_s=3.0) == 6
    assert policy._max_repeats(3.0, speech_s=3.0) == 2  # a loop: the guard's own limit
    # A lone 0.29 s "word" decoded "Word, word, word, word.": one per 0.25 s of speech.
    assert policy._max_repeats(1.2, speech_s=0.29) == 1
    assert policy._max_repeats(1.2, speech_s=0.6) == 2


def test_a_run_of_one_word_is_cut_to_what_its_time_allows() -> None:
    from sola_studio.asr.guards import collapse_fast_runs

    # base, beam 5, on "here's some more word word word word word" (five, in 0.86 s): six.
    times = [(4.64, 4.86), (4.9, 5.06), (5.1, 5.18), (5.18, 5.28), (5.28, 5.34), (5.34, 5.5)]
    said = (Word(" more", 4.56, 4.64), *(Word(" word,", a, b) for a, b in times))
    kept = collapse_fast_runs(said, 0.15)
    assert [w.text for w in kept] == [" more", *[" word,"] * 5]
    assert kept[-1].end == 5.5  # the run still ends where the speech does
    # Said at a speaking pace, every one stays ("words words words words" over 1.5 s; "soft,
    # soft, soft"), and so do different words said quickly.
    slow = tuple(Word(" words", 20.8 + 0.4 * i, 21.1 + 0.4 * i) for i in range(4))
    assert collapse_fast_runs(slow, 0.15) == slow
    quick = tuple(Word(f" w{i}", 0.1 * i, 0.1 * i + 0.08) for i in range(6))
    assert collapse_fast_runs(quick, 0.15) == quick
    assert collapse_fast_runs(said, 0.0) == said
