"""Translation quality and speed on the shared human translations: chrF (sacrebleu) and
per-sentence latency, for the raw engine and for the same engine under the glossary layer.

Run ``python -m sola_studio.translate.evaluate [--sample 200] [--json]``. It reads
``../shared/data/mt`` and never writes anywhere; the numbers go in docs/translation.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sola_studio import paths
from sola_studio.translate.base import Translator
from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.glossary import Glossary, GlossaryTranslator

log = logging.getLogger(__name__)

# (file, source column, reference column, keep only sentence-like rows)
SETS = {
    "oscar-en-pt": ("gettext-django-oscar-4.2.1.en-pt.tsv", "en", "pt", True),
    "gnome-en-pt": ("gnome-help.en-pt_BR.tsv", "en", "pt_BR", False),
}


@dataclass(frozen=True)
class QualityResult:
    dataset: str
    engine: str
    sentences: int
    chrf: float
    latency_p50_ms: float
    latency_p95_ms: float


def load_pairs(name: str, sample: int, seed: int = 0) -> list[tuple[str, str]]:
    file, src_col, ref_col, sentence_only = SETS[name]
    with (paths.SHARED_DATA / "mt" / file).open(encoding="utf-8") as f:
        rows = [
            (r[src_col], r[ref_col])
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            if r[src_col] and r[ref_col] and (not sentence_only or r.get("sentence_like") == "1")
        ]
    random.Random(seed).shuffle(rows)
    return rows[:sample]


def measure(
    engine: Translator, pairs: Sequence[tuple[str, str]], dataset: str, label: str
) -> QualityResult:
    import sacrebleu

    hyps, times = [], []
    for src, _ in pairs:
        t0 = time.perf_counter()
        hyps.append(engine.translate([src], "en", ["pt"])["pt"][0])
        times.append((time.perf_counter() - t0) * 1000)
    chrf = sacrebleu.corpus_chrf(hyps, [[ref for _, ref in pairs]]).score
    times.sort()
    return QualityResult(
        dataset=dataset,
        engine=label,
        sentences=len(pairs),
        chrf=round(chrf, 1),
        latency_p50_ms=round(statistics.median(times), 1),
        latency_p95_ms=round(times[int(0.95 * (len(times) - 1))], 1),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=200, help="sentences per data set")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = []
    with BergamotTranslator.default() as bergamot:
        bergamot.translate(["Warm-up."], "en", ["pt"])  # loads the model outside the timing
        wrapped = GlossaryTranslator(bergamot, Glossary())
        for dataset in SETS:
            pairs = load_pairs(dataset, args.sample)
            results.append(measure(bergamot, pairs, dataset, "bergamot"))
            results.append(measure(wrapped, pairs, dataset, "bergamot+glossary"))
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
    else:
        print(f"{'data set':<14}{'engine':<20}{'n':>5}{'chrF':>7}{'p50 ms':>9}{'p95 ms':>9}")
        for r in results:
            print(
                f"{r.dataset:<14}{r.engine:<20}{r.sentences:>5}{r.chrf:>7.1f}"
                f"{r.latency_p50_ms:>9.1f}{r.latency_p95_ms:>9.1f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["SETS", "QualityResult", "load_pairs", "main", "measure"]
