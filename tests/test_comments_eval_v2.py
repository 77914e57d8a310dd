"""The blind-set evaluator: it reads a set, replays it through a real desk and counts what a
seller would count (a must-fact missing, the wrong product, a reply in two languages)."""

from __future__ import annotations

from pathlib import Path

from sola_studio.catalog import load_sheet
from sola_studio.comments.evaluate_blind import evaluate_blind, load_blind_set
from sola_studio.comments.mixing import foreign_sheet_texts

REPO = Path(__file__).resolve().parent.parent
SET = REPO / "tests" / "desk_v2"


def test_mixed_language_finds_sheet_text_of_another_language() -> None:
    sheet = load_sheet(SET / "sheets" / "home.yaml")
    assert foreign_sheet_texts("O Nube 3-seat sofa custa R$ 4.490,00.", "pt", sheet) == [
        "nube 3-seat sofa"
    ]
    assert foreign_sheet_texts("Sofá Nube de 3 lugares: R$ 4.490,00.", "pt", sheet) == []
    assert foreign_sheet_texts("Largura: 210 cm.", "pt", sheet) == []  # a plain value is neutral
    assert foreign_sheet_texts("Capa: recycled polyester bouclé.", "pt", sheet) == [
        "recycled polyester bouclé"
    ]


def test_blind_set_metrics_have_every_key_and_count_misses() -> None:
    blind = load_blind_set(SET)
    assert len(blind.items) >= 16 and set(blind.sheets) == {"home"}
    report = evaluate_blind(blind)
    m = report.metrics()
    for key in (
        "intent_accuracy",
        "must_fact_rate",
        "wrong_product_rate",
        "mixed_language_rate",
        "invented_facts",
    ):
        assert key in m
    assert m["size"] == len(blind.items)
    assert m["invented_facts"] == 0
    # every miss names the line, and a must miss names the string that was lacking
    for miss in report.misses:
        assert miss.item.id.startswith("H-")
        if miss.what == "must":
            assert miss.got
