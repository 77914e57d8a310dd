"""``bench partials`` (issue 16): which final translated words came late, and why. The kinds are
what the next round acts on, so each is checked on a caption history written for it."""

from __future__ import annotations

from dataclasses import replace

from sola_studio.bench.partials import late_words, word_timings
from sola_studio.core.events import Caption


def _c(cid: int, t: float, pt: str | None, *, text: str = "x", committed: bool = False) -> Caption:
    return Caption(
        id=cid,
        language="en",
        text=text,
        start=0.0,
        end=4.0,
        committed=committed,
        t_capture=t,
        t_emit=t,
        audio_end_t=10.0 if committed else None,
        translations={"pt": pt} if pt is not None else {},
        stages={"asr": t, "translate": t} if committed else {"asr": t},
    )


def _final(cid: int, t: float, pt: str) -> list[Caption]:
    original = replace(_c(cid, t, None, text="final", committed=True), stages={"asr": t})
    return [original, _c(cid, t + 0.01, pt, text="final", committed=True)]


def _kinds(captions: list[Caption]) -> list[str]:
    return [w.kind for w in word_timings(captions, "pt")]


def test_a_word_a_partial_showed_and_kept_counts_from_that_partial() -> None:
    captions = [_c(1, 9.0, "o gato"), *_final(1, 11.0, "o gato dorme")]
    timings = word_timings(captions, "pt")
    assert [w.kind for w in timings] == ["stayed", "stayed", "held_back"]
    # Word 1 of 3 translates the source up to 1/3 of its 4 s span: spoken at 10 - 4 * 2/3.
    assert abs(timings[0].latency - (9.0 - (10.0 - 4.0 * 2 / 3))) < 1e-9
    assert abs(timings[2].latency - 1.01) < 1e-9


def test_a_word_shown_then_taken_back_is_told_from_one_never_shown() -> None:
    captions = [
        _c(1, 8.0, "o gato"),
        _c(1, 9.0, "um gato"),  # "o" taken back
        *_final(1, 11.0, "o cão"),
    ]
    assert _kinds(captions) == ["taken_back", "other_word"]


def test_a_caption_without_partial_translations_says_whether_the_recogniser_made_partials() -> None:
    lone = [_c(1, 9.0, None, text="Montreal."), *_final(1, 12.0, "Montreal.")]
    assert _kinds(lone) == ["no_partial_single"]
    unagreed = [
        _c(2, 8.0, None, text="Hello."),
        _c(2, 8.6, None, text="Unless to be"),
        *_final(2, 11.0, "A menos que"),
    ]
    assert _kinds(unagreed) == ["no_partial_unagreed"] * 3


def test_late_words_counts_only_words_over_the_threshold_per_caption() -> None:
    captions = [
        _c(1, 9.0, "o gato"),
        *_final(1, 11.0, "o gato dorme"),
        _c(2, 20.0, None, text="Montreal."),
        *_final(2, 30.0, "Montreal."),
    ]
    late = late_words(captions, "pt", late_s=3.0)
    assert late["words"] == 4
    # Caption 2 is committed 30 - 10 = 20 s after its speech; caption 1's words are under 3 s.
    assert late["late"] == 1
    assert late["kinds"]["no_partial_single"] == 1
    assert [row["caption"] for row in late["captions"]] == [2]
