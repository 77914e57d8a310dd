"""Segmented re-translation (issue 16, sixth pass): a clause two partials agree on, with a later
clause begun, keeps its translation for the rest of the caption and in the committed caption,
so later source words cannot change target words a viewer already reads."""

from __future__ import annotations

from typing import Any

import pytest

from sola_studio.bench.segments import ClauseMemory, SegmentOptions, split_clauses
from sola_studio.translate.factory import build_translator


def test_split_at_sentence_ends_and_optionally_commas() -> None:
    text = "Hello there. This one is red, and that one is blue? The last"
    assert split_clauses(text) == [
        "Hello there.",
        "This one is red, and that one is blue?",
        "The last",
    ]
    assert split_clauses(text, SegmentOptions(commas=True)) == [
        "Hello there.",
        "This one is red,",
        "and that one is blue?",
        "The last",
    ]
    # A trailing ellipsis is a cut word, not a sentence end; a short clause keeps its comma.
    assert split_clauses("So, well... the") == ["So, well... the"]
    assert split_clauses("Done.") == ["Done.", ""]


def test_a_clause_is_frozen_only_once_two_partials_agree_and_dropped_when_it_changes() -> None:
    memory = ClauseMemory()
    assert memory.plan("This is red. And") == ([], "This is red. And")
    new, rest = memory.plan("This is red. And this")
    assert (new, rest) == (["This is red."], "And this")
    memory.freeze("This is red.", {"pt": "Isto é vermelho."})
    assert memory.plan("This is red. And this is") == ([], "And this is")
    assert memory.commit_plan("This is red. And this is blue.") == (1, "And this is blue.")
    whole = ClauseMemory(SegmentOptions(commit_reuse=False), frozen=list(memory.frozen))
    assert whole.commit_plan("This is red. And this is blue.") == (
        0,
        "This is red. And this is blue.",
    )
    # The recogniser rewrote the first sentence: its frozen translation goes.
    assert memory.plan("This is read. And this is") == ([], "This is read. And this is")
    assert memory.frozen == []


@pytest.fixture(scope="module")
def translator() -> Any:
    t = build_translator("en", ["pt"])
    yield t
    t.close()


def test_frozen_translation_stays_on_screen_words_through_the_commit(translator: Any) -> None:
    partials = [
        "The bag is made of leather. It",
        "The bag is made of leather. It comes in",
        "The bag is made of leather. It comes in three colours",
    ]
    committed = "The bag is made of leather. It comes in three colours and two sizes."
    memory = ClauseMemory()

    def translate(texts: list[str]) -> list[str]:
        return list(translator.translate(texts, "en", ["pt"])["pt"]) if texts else []

    outputs = []
    for text in partials:
        new, rest = memory.plan(text)
        out = translate([*new, rest])
        for clause, tr in zip(new, out, strict=False):
            memory.freeze(clause, {"pt": tr})
        outputs.append(memory.joined(len(memory.frozen), "pt", out[-1]))
    n, rest = memory.commit_plan(committed)
    final = memory.joined(n, "pt", translate([rest])[0])
    frozen = memory.frozen[0][1]["pt"]
    assert n == 1 and frozen
    assert all(o.startswith(frozen) for o in outputs[1:])
    assert final.startswith(frozen + " ")
    assert "couro" in final.lower()


def test_simulated_stream_with_segments_keeps_frozen_words_until_the_commit(
    translator: Any,
) -> None:
    from sola_studio.asr.streaming import AsrUpdate
    from sola_studio.bench.retranslation import simulate
    from sola_studio.captions.retranslation import FlickerOptions, words_of

    texts = [
        "The bag is made of leather, it",
        "The bag is made of leather, it comes in",
        "The bag is made of leather, it comes in three colours",
        "The bag is made of leather, it comes in three colours and two sizes.",
    ]
    updates = [
        AsrUpdate(t, (), 0.0, 1.0 + i, "en", i == len(texts) - 1, 1.0 + i, 1.0 + i, 1.0 + i)
        for i, t in enumerate(texts)
    ]
    flicker = FlickerOptions(hold_back=0, confirm=False)
    captions, _sim = simulate(
        updates, translator, ["pt"], flicker, segments=SegmentOptions(commas=True)
    )
    frozen = translator.translate(["The bag is made of leather,"], "en", ["pt"])["pt"][0]
    shown = [c.text_in("pt") or "" for c in captions if not c.committed and c.text_in("pt")]
    final = next(c.text_in("pt") for c in captions if c.committed and c.text_in("pt"))
    assert shown and final
    # Once frozen, every later screen and the committed caption start with the clause's words.
    later = shown[shown.index(next(s for s in shown if s.startswith(frozen))) :]
    assert later and all(words_of(s)[: len(words_of(frozen))] == words_of(frozen) for s in later)
    # The commit reuses the frozen clause and translates only the rest (the whole caption
    # translated at once reads "..., vem em três cores": another final).
    rest = translator.translate(["it comes in three colours and two sizes."], "en", ["pt"])["pt"][0]
    assert final == f"{frozen} {rest}"
