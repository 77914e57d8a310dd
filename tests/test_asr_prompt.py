"""Issue 17, fourth pass (real clips of ``tests/speech_eval/dev``, real Silero VAD, real
Whisper): every pass is prompted with the end of the committed text from the start of a whole
word, and an unsure decode of a breath that only says the last committed word again is
dropped."""

from __future__ import annotations

import numpy as np
import pytest
from test_asr_unseen import DEV, _feed, _silence, tiny  # noqa: F401 (tiny: a fixture)

from sola_studio.asr.engine import Decoded, DecodeOptions, WhisperEngine, resolve_asr_model
from sola_studio.asr.guards import GuardOptions, is_prompt_echo
from sola_studio.asr.streaming import StreamingOptions, UtteranceStreamer
from sola_studio.asr.words import prompt_tail
from sola_studio.core.events import Word
from sola_studio.sources.audio import decode_file


def test_the_prompt_starts_at_a_whole_word() -> None:
    said = ["Hace algunas semanas que, entreteniendo nuestros ocios.", "Y recordarás que"]
    full = " ".join(said)
    for chars in range(1, len(full) + 5):
        prompt = prompt_tail(said, chars)
        assert len(prompt) <= chars
        assert full.endswith(prompt)
        if prompt:  # it begins where a word of the committed text begins
            assert f" {full}".endswith(f" {prompt}"), (chars, prompt)
    assert prompt_tail(said, 30) == "ocios. Y recordarás que"  # not "iendo nuestros ..."
    assert prompt_tail(said, 0) == ""


def test_text_without_spaces_is_cut_anywhere() -> None:
    # Chinese and Japanese have no spaces between words: the prompt is not dropped for that.
    assert prompt_tail(["我们今天在这里", "很好"], 4) == "里 很好"
    assert prompt_tail(["我们今天在这里很好"], 4) == "这里很好"


class Prompts:
    """A real engine that remembers the prompt of every pass."""

    def __init__(self, engine: WhisperEngine) -> None:
        self.engine = engine
        self.name = engine.name
        self.prompts: list[str] = []

    def transcribe(
        self, audio: np.ndarray, language: str | None, options: DecodeOptions
    ) -> Decoded:
        if options.prompt:
            self.prompts.append(options.prompt)
        return self.engine.transcribe(audio, language, options)

    def detect_language(self, audio: np.ndarray, candidates: tuple[str, ...]) -> tuple[str, float]:
        return self.engine.detect_language(audio, candidates)


@pytest.mark.slow
def test_a_stream_never_prompts_with_half_a_word(tiny: WhisperEngine) -> None:  # noqa: F811
    # Three read sentences (21 s): the committed text passes the 120-character prompt early.
    clips = ("en_LJ001-0001.flac", "en_LJ001-0003.flac", "en_LJ001-0004.flac")
    parts = [_silence(0.5)]
    for clip in clips:
        parts += [decode_file(DEV / clip), _silence(1.2)]
    engine = Prompts(tiny)
    policy = UtteranceStreamer(engine, StreamingOptions(languages=("en",)))  # type: ignore[arg-type]
    committed = _feed(policy, np.concatenate(parts))
    said = " ".join(u.text for u in committed)
    assert len(said) > 2 * policy.options.prompt_chars
    long_prompts = [p for p in engine.prompts if len(p) > policy.options.prompt_chars - 20]
    assert long_prompts  # the cut was needed on the later passes
    words = set(said.split())
    for prompt in engine.prompts:
        assert len(prompt) <= policy.options.prompt_chars
        assert prompt.split()[0] in words, prompt  # a word the stream committed, not its end


def _decoded(text: str, logprob: float, no_speech: float) -> Decoded:
    words = tuple(Word(f" {w}", 0.1 * i, 0.1 * i + 0.1) for i, w in enumerate(text.split()))
    return Decoded(text, words, "en", logprob, no_speech, 1.0, 0.1)


def test_an_unsure_echo_of_the_last_word_is_dropped() -> None:
    said = _words_of("here's some more word, word, word.")
    o = GuardOptions()
    # The lone 0.32 s sound after the run, as base decoded it (no-speech 0.46, logprob -0.62).
    assert is_prompt_echo(_decoded("word word word word", -0.62, 0.46), said, 0.32, o)
    assert is_prompt_echo(_decoded("Word.", -0.2, 0.46), said, 0.32, o)
    # Kept: a sure decode, a longer burst, any other word, or nothing committed before.
    assert not is_prompt_echo(_decoded("word", -0.2, 0.05), said, 0.32, o)
    assert not is_prompt_echo(_decoded("word", -0.62, 0.46), said, 0.6, o)
    assert not is_prompt_echo(_decoded("world", -0.62, 0.46), said, 0.32, o)
    assert not is_prompt_echo(_decoded("word more", -0.62, 0.46), said, 0.32, o)
    assert not is_prompt_echo(_decoded("word", -0.62, 0.46), (), 0.32, o)
    off = GuardOptions(echo_speech_s=0.0)
    assert not is_prompt_echo(_decoded("word", -0.62, 0.46), said, 0.32, off)


def _words_of(text: str) -> tuple[Word, ...]:
    return tuple(Word(f" {w}", float(i), i + 0.5) for i, w in enumerate(text.split()))


@pytest.mark.slow
def test_a_breath_after_a_repeated_word_is_not_one_more() -> None:
    # "montreal forced aligner word another word here's some more word word word word word",
    # then a lone 0.32 s sound: base wrote "word" six times, as offline Whisper does.
    base = WhisperEngine(resolve_asr_model("base"), device="cpu", compute_type="int8")
    audio = np.concatenate([_silence(0.5), decode_file(DEV / "en_mfa-words.flac"), _silence(1.0)])
    committed = _feed(UtteranceStreamer(base, StreamingOptions(languages=("en",))), audio)
    words = " ".join(u.text for u in committed).lower().replace(",", "").replace(".", "").split()
    assert words[:3] == ["montreal", "forced", "aligner"]
    assert words.count("word") == 7  # "word", "another word", then the five of the run
