"""Translation quality and speed on the shared human translations: chrF (sacrebleu) and
per-sentence latency, for the raw engine and for the same engine under the glossary layer.

Run ``python -m sola_studio.translate.evaluate [--sample 200] [--json]``. It reads
``../shared/data/mt`` and never writes anywhere; the numbers go in docs/translation.md.

``--numbers`` measures where numbers land instead: on :data:`SELLER_NUMBERS` (seller talk with
numbers, each with the "number + noun" phrase a viewer must read) and on every shared en->pt
sentence holding a number, with plain integers left to the engine (the glossary's technique)
and with every number as a placeholder (the technique before it).
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
from sola_studio.translate.glossary import NUMBER_RE, Glossary, GlossaryTranslator

log = logging.getLogger(__name__)

# (file, source column, reference column, keep only sentence-like rows)
SETS = {
    "oscar-en-pt": ("gettext-django-oscar-4.2.1.en-pt.tsv", "en", "pt", True),
    "gnome-en-pt": ("gnome-help.en-pt_BR.tsv", "en", "pt_BR", False),
}


@dataclass(frozen=True)
class NumberCase:
    """A seller sentence with numbers and the phrases (regexes) that must be in its translation:
    each number in front of its noun, as a viewer reads it."""

    source: str
    target: str
    text: str
    expect: tuple[str, ...]


def _cases(
    source: str, target: str, rows: Sequence[tuple[str, tuple[str, ...]]]
) -> list[NumberCase]:
    return [NumberCase(source, target, text, expect) for text, expect in rows]


# Seller talk with numbers, written by hand (the sample talk's sentences with digits, as whisper
# writes them, and more from furniture and gadget shows).
SELLER_NUMBERS: tuple[NumberCase, ...] = (
    *_cases(
        "en",
        "pt",
        [
            ("You can pay in 12 instalments without interest.", (r"12 (prestações|parcelas)",)),
            ("Returns are free for 30 days.", (r"30 dias",)),
            ("It comes in 3 colours: black, white and blue.", (r"3 cores",)),
            ("We have 4 sizes: small, medium, large and extra large.", (r"4 tamanhos",)),
            ("Shipping to Portugal takes 8 to 15 days.", (r"8 a 15 dias",)),
            ("The warranty covers sewing defects for 3 months.", (r"3 meses",)),
            ("Buy 3 shirts and get 15 percent off.", (r"3 camis", r"15 ?(%|por cento)")),
            ("Only 2 pieces left in medium black!", (r"2 peças",)),
            ("The fabric weighs 180 grams per square metre.", (r"180 gramas",)),
            ("We ship to 12 countries.", (r"12 países",)),
            ("I have 40 comments already, thank you!", (r"40 comentários",)),
            ("This sofa seats 3 people and has 2 cushions.", (r"3 pessoas", r"2 almofadas")),
            ("The table is 180 centimetres long and seats 6 people.", (r"180 cent", r"6 pessoas")),
            ("The battery lasts 2 days and charges in 90 minutes.", (r"2 dias", r"90 minutos")),
            ("The camera has 3 lenses.", (r"3 lentes",)),
            ("Size 42 is back in white.", (r"42",)),
            ("In 5 minutes I will show you the next product.", (r"5 minutos",)),
            ("We sold 500 shirts last month.", (r"500 camis",)),
            ("There are 12 shirts left in white and 9 in black.", (r"12 camis", r"9 em preto")),
            ("The runners come in 5 sizes, from 38 to 42.", (r"5 tamanhos", r"38 a 42")),
        ],
    ),
    *_cases(
        "pt",
        "en",
        [
            ("Dá pra pagar em 12 parcelas sem juros.", (r"12 install?ments",)),
            ("A devolução é grátis em 30 dias.", (r"30 days",)),
            ("Tem 3 cores: preto, branco e azul.", (r"3 colou?rs",)),
            ("O frete para Portugal leva de 8 a 15 dias.", (r"8 to 15 days",)),
            ("A garantia é de 3 meses contra defeitos de costura.", (r"3 months",)),
            ("Levando 3 camisetas você ganha 15 por cento de desconto.", (r"3 T-shirts", r"15")),
            ("Só restam 2 peças no M preto!", (r"2 pieces",)),
            ("Enviamos para 12 países.", (r"12 countries",)),
            ("Essa mesa acomoda 6 pessoas.", (r"6 people",)),
            ("Em 5 minutos eu mostro o próximo produto.", (r"5 minutes",)),
        ],
    ),
)


@dataclass(frozen=True)
class NumberResult:
    """Where numbers landed under one technique."""

    dataset: str
    technique: str
    sentences: int
    numbers: int
    kept: int  # numbers found verbatim in the translation
    in_place: int | None  # expected "number + noun" phrases found (seller set only)
    phrases: int | None


def measure_numbers(engine: Translator) -> list[NumberResult]:
    """Plain integers left to the engine vs every number a placeholder, on the seller set and
    on the shared en->pt sentences with numbers."""
    import re

    shared = [(s, "en", "pt") for s, _ in _shared_with_numbers()]
    seller = [(c.text, c.source, c.target) for c in SELLER_NUMBERS]
    results = []
    for technique, inline in (("plain integers kept", True), ("all placeholders", False)):
        wrapped = GlossaryTranslator(engine, Glossary(), plain_numbers_inline=inline)
        for name, rows in (("seller talk", seller), ("shared en->pt", shared)):
            outs = [wrapped.translate([t], src, [tgt])[tgt][0] for t, src, tgt in rows]
            numbers = kept = 0
            for (text, _, _), out in zip(rows, outs, strict=True):
                for m in NUMBER_RE.finditer(text):
                    numbers += 1
                    kept += m.group(0).strip() in out
            in_place = phrases = None
            if name == "seller talk":
                phrases = sum(len(c.expect) for c in SELLER_NUMBERS)
                in_place = sum(
                    re.search(e, out, re.IGNORECASE) is not None
                    for c, out in zip(SELLER_NUMBERS, outs, strict=True)
                    for e in c.expect
                )
            results.append(
                NumberResult(name, technique, len(rows), numbers, kept, in_place, phrases)
            )
    return results


def _shared_with_numbers() -> list[tuple[str, str]]:
    pairs = []
    for name in SETS:
        pairs += [(s, r) for s, r in load_pairs(name, 10**9) if NUMBER_RE.search(s)]
    return pairs


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
    parser.add_argument("--numbers", action="store_true", help="where numbers land, see above")
    args = parser.parse_args(argv)
    if args.numbers:
        with BergamotTranslator.default() as bergamot:
            found = measure_numbers(bergamot)
        if args.json:
            print(json.dumps([asdict(r) for r in found], indent=2))
        for n in found:
            place = f", number + noun {n.in_place}/{n.phrases}" if n.phrases else ""
            print(
                f"{n.dataset} ({n.sentences} sentences), {n.technique}: "
                f"verbatim {n.kept}/{n.numbers}{place}"
            )
        return 0
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


__all__ = [
    "SELLER_NUMBERS",
    "SETS",
    "NumberCase",
    "NumberResult",
    "QualityResult",
    "load_pairs",
    "main",
    "measure",
    "measure_numbers",
]
