"""The show plan (issue 20): the file round-trips and names a mistake's line, the matcher finds
the planned lines and refuses the near misses written before it, the generated plan states only
sheet facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REPO_ROOT

from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.facts import invented_facts, sheet_facts
from sola_studio.core import yamlio
from sola_studio.core.errors import ConfigError
from sola_studio.plan.generate import Rejected, _Points, generate_plan
from sola_studio.plan.io import dump_plan, load_plan, save_plan
from sola_studio.plan.matcher import PlanMatcher, matcher_precision
from sola_studio.plan.model import LineState, Version
from sola_studio.plan.translate import fill_versions
from sola_studio.translate.bergamot import BergamotTranslator

SAMPLE_PLAN = REPO_ROOT / "assets" / "sample_plan.yaml"
CHECK_SET = REPO_ROOT / "tests" / "fixtures" / "plan" / "near_misses.yaml"


def check_set() -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    d = yamlio.safe_load(CHECK_SET.read_text(encoding="utf-8"))
    positives = [
        (p["text"], tuple(p["expect"]) if isinstance(p["expect"], list) else (p["expect"],))
        for p in d["positives"]
    ]
    return positives, list(d["near_misses"])


def test_sample_plan_loads_and_round_trips(tmp_path: Path) -> None:
    plan = load_plan(SAMPLE_PLAN)
    assert [s.id for s in plan.segments] == ["intro", "tee", "offer", "close"]
    assert plan.line("tee-material") is not None
    assert plan.counts()["approved"] == 19 and plan.counts()["missing"] == 19
    edited = plan.with_version("hello", "es", Version("¡Hola a todos!", LineState.APPROVED))
    save_plan(edited, tmp_path / "plan.yaml")
    again = load_plan(tmp_path / "plan.yaml")
    assert again == edited
    assert again.line("hello").approved("es") == "¡Hola a todos!"  # type: ignore[union-attr]
    assert dump_plan(again) == (tmp_path / "plan.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("language: en\nsegments: []\n", "line 2: segments: a plan needs at least one segment"),
        (
            "language: en\nsegments:\n  - id: a\n    kind: talk\n",
            "line 4: segments.0.kind: kind 'talk' is not one of intro, product, offer, close",
        ),
        (
            "language: en\nsegments:\n  - id: a\n    kind: intro\n    points:\n"
            "      - id: p\n        versions: {pt: hi}\n",
            "line 6: segments.0.points.0.say: say is missing",
        ),
        (
            "language: en\nsegments:\n  - id: a\n    kind: intro\n    box: soon\n",
            "line 5: segments.0.box: box must be seconds",
        ),
        (
            "language: en\nsegments:\n  - id: a\n    kind: product\n",
            "segments.0.product: a product segment names its product",
        ),
    ],
)
def test_a_mistake_names_its_line_and_field(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_plan(path)
    assert said in str(err.value)
    assert err.value.fix


def test_matcher_precision_on_the_check_set_written_first() -> None:
    positives, near = check_set()
    figures = matcher_precision(PlanMatcher(load_plan(SAMPLE_PLAN)), positives, near)
    assert figures["plan_matcher_false"] == []
    assert figures["plan_matcher_precision"] >= 0.98
    assert figures["plan_matcher_recall"] >= 0.9


def test_a_partial_matches_only_a_whole_sentence_exactly() -> None:
    m = PlanMatcher(load_plan(SAMPLE_PLAN))
    text = "Hello everyone, and welcome to the live show from our shop in Brazil. Thank you for"
    assert [x.line_id for x in m.find(text, committed=False)] == ["hello"]
    # one word dropped: good enough once committed, not while the caption may still change
    dropped = "It is made of 100% organic cotton, and it is in Brazil."
    assert [x.line_id for x in m.find(dropped)] == ["tee-material"]
    assert m.find(dropped, committed=False) == []


def test_a_plan_generated_from_the_sample_sheet_holds_only_sheet_facts(
    sample_sheet: ProductSheet,
) -> None:
    plan, rejected = generate_plan(sample_sheet, ("pt", "es"))
    facts = sheet_facts(sample_sheet)
    assert rejected == []
    assert [s.id for s in plan.segments] == ["intro", "tee", "runner", "tote", "close"]
    tee = plan.segments[1]
    said = " ".join(ln.say for ln in tee.points)
    for fact in ("89.90 BRL", "100% organic cotton", "LIVE10", "30 days", "S, M, L and XL"):
        assert fact in said
    for _, line in plan.lines():
        cited = [facts[f].ref for f in line.facts]  # a KeyError: a fact the sheet lacks
        assert invented_facts(line.say, cited, facts) == [], line


def test_a_point_stating_what_the_sheet_does_not_hold_is_left_out(
    sample_sheet: ProductSheet,
) -> None:
    rejected: list[Rejected] = []
    points = _Points(sheet_facts(sample_sheet), rejected)
    points.add("price", "The t-shirt costs 79.90 BRL.", "price:tee")
    points.add("ship", "Shipping is free everywhere.", "shipping:tee:PT")
    points.add("ok", "The t-shirt costs 89.90 BRL.", "price:tee")
    assert [p.id for p in points.points] == ["ok"]
    assert [r.line_id for r in rejected] == ["price", "ship"]


def test_versions_are_filled_by_the_installed_engines_and_missing_ones_marked(
    sample_sheet: ProductSheet, bergamot: BergamotTranslator
) -> None:
    plan = load_plan(SAMPLE_PLAN)
    plan = plan.with_version("tee-fit", "pt", Version("", LineState.MISSING))
    filled, report = fill_versions(plan, engines=[bergamot], sheet=sample_sheet)
    fit = filled.line("tee-fit")
    assert fit is not None and fit.versions["pt"].state is LineState.MACHINE
    assert "regular" in fit.versions["pt"].text.lower()
    assert fit.versions["es"].state is LineState.MISSING
    assert "es" in report.missing and "bergamot:en-es" in report.missing["es"]
    # approved versions are the seller's: never translated again
    assert filled.line("hello") == plan.line("hello")
    assert report.translated == 1
