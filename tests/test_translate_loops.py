"""A translation engine's decoding loop is said once; a speaker's own repetition is kept.

Bergamot en->pt turned a Shakespeare line read in the speech validation set into "Será uma erva
da erva da erva da pequena": a viewer reads a stutter the speaker never made."""

from __future__ import annotations

from sola_studio.translate.base import TranslationRequest, collapse_loops, translate_requests


def test_a_group_repeated_three_times_by_the_engine_is_said_once() -> None:
    assert (
        collapse_loops(
            "Will be a tattered weed of small, worth held.",
            "Será uma erva da erva da erva da pequena, que vale a pena.",
        )
        == "Será uma erva da pequena, que vale a pena."
    )
    assert collapse_loops("Thank you.", "Obrigado obrigado obrigado obrigado.") == "Obrigado."


def test_what_the_speaker_repeated_and_ordinary_pairs_stay() -> None:
    # the speaker's own "soft, soft, soft": the source loops too, nothing is touched
    assert collapse_loops("It's soft, soft, soft.", "É macio, macio, macio.") == (
        "É macio, macio, macio."
    )
    # twice is language, not a loop ("muito muito"; "dia a dia")
    assert collapse_loops("very very good", "muito muito bom") == "muito muito bom"
    assert collapse_loops("day by day", "dia a dia a dia") == "dia a dia a dia"
    assert collapse_loops("", "") == ""


def test_the_real_engine_no_longer_stutters(bergamot) -> None:
    source = "Will be a tattered weed of small, worth held."
    (raw,) = bergamot.translate_requests([TranslationRequest(source, "en", "pt")])
    assert "erva da erva da erva" in raw  # the engine's own output loops here
    (shown,) = translate_requests(bergamot, [TranslationRequest(source, "en", "pt")])
    assert "erva da erva" not in shown and "erva" in shown
    said = bergamot.translate(["It's soft, soft, soft."], "en", ["pt"])["pt"][0]
    assert said.lower().count("macio") == 3
