"""The intent vote of real viewer comments: the nearest labelled comments of the blind sets already
read (``data/intent_neighbours.npz``, built by ``scripts/make_intent_neighbours.py``) vote on
what a new comment asks, by cosine similarity of the E5 query embedding the desk has already
made for field retrieval.

The word lists know the phrasings someone wrote down; the vote knows how 6,700 comments in 30
languages, written by people who never read the desk, asked for a price, a country, the stock.
Scored leave-one-set-out over the twenty read sets (each set's comments voted on by the other
nineteen), the vote alone gets 81 % of intents right, close to the whole desk on an unseen set.
It overrules the desk only where it is sure (``NEIGHBOUR_MIN`` of the weight of the 15 nearest):
the desk's reading stays wherever the vote is split.

A set's own lines never vote on that set when the bench scores it (``holdout``): figures on the
read sets are leave-one-set-out, not the vote recalling its own examples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from sola_studio.comments.events import Intent

DATA = Path(__file__).parent / "data" / "intent_neighbours.npz"
K = 15
NEIGHBOUR_MIN = 0.8  # share of the K nearest's weight; leave-one-set-out, docs/comments.md


@cache
def _load(path: Path) -> dict[str, Any]:
    import numpy as np

    with np.load(path) as z:
        vectors = z["vectors"].astype("float32") * z["scale"][:, None]
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return {
            "vectors": vectors,
            "labels": z["labels"].astype("int64"),
            "label_names": [str(x) for x in z["label_names"]],
            "sets": z["sets"].astype("int64"),
            "set_names": [str(x) for x in z["set_names"]],
            "ids": [str(x) for x in z["ids"]],
        }


class IntentNeighbours:
    """The K nearest labelled comments' vote (weights: similarity to the fourth power)."""

    def __init__(self, holdout: Iterable[str] = (), path: Path = DATA) -> None:
        import numpy as np

        self._np = np
        data = _load(path)
        self.set_names: list[str] = data["set_names"]
        self.ids: list[str] = data["ids"]
        self._labels = [Intent(name) for name in data["label_names"]]
        keep = ~np.isin(
            data["sets"], [self.set_names.index(s) for s in holdout if s in self.set_names]
        )
        self._vectors = data["vectors"][keep]
        self._y = data["labels"][keep]

    def __len__(self) -> int:
        return len(self._y)

    def vote(self, q: Any) -> tuple[Intent, float]:
        """The intent most of the nearest comments were labelled with, and its share."""
        np = self._np
        sims = self._vectors @ np.asarray(q, dtype="float32")
        near = np.argpartition(-sims, K)[:K]
        weights = np.clip(sims[near], 0.0, None) ** 4
        totals = np.bincount(self._y[near], weights=weights, minlength=len(self._labels))
        total = float(totals.sum())
        top = int(totals.argmax())
        return self._labels[top], (float(totals[top]) / total if total > 0 else 0.0)

    def overrule(
        self, q: Any, intents: Sequence[Intent], field_keys: Sequence[str], placed: bool = False
    ) -> tuple[list[Intent], float, tuple[str, ...]] | None:
        """The vote's intents, confidence and fields where it is sure and differs from the
        desk's first intent; ``None`` keeps the desk's. A spec question needs a field to
        answer from: the nearest field (``field_keys``; none where the desk found the sheet
        silent), else the desk's reading stays. ``placed``: the comment names a country, not
        as where something goes ("is there a store in germany?"): no shipping question."""
        voted, share = self.vote(q)
        if share < NEIGHBOUR_MIN or (intents and intents[0] is voted):
            return None
        if voted is Intent.SHIPPING and placed:
            return None
        if voted is Intent.MATERIAL:
            if not field_keys or intents[:1] == [Intent.OTHER]:
                return None  # a field nearest a question the desk found no field for is a guess
            return [voted], share, tuple(field_keys[:1])
        rest = [i for i in intents if i is not voted and i is not Intent.MATERIAL]
        return [voted, *rest] if voted in intents else [voted], share, ()
