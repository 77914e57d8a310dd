"""Fill a plan's versions in its caption languages through the installed engines, via the same
glossary layer as the captions (:func:`~sola_studio.translate.factory.build_translator`, with
each product segment's terms from the sheet): a version becomes ``machine`` for the seller to
approve or correct. A language no installed engine reaches is marked ``missing`` (the seller
writes it). Approved versions are never touched; a ``machine`` version is filled again only with
``refresh``. This module never decides what is approved.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sola_studio.catalog.sheet import ProductSheet
from sola_studio.plan.model import LineState, PlanLine, Segment, ShowPlan, Version
from sola_studio.translate.base import Translator
from sola_studio.translate.factory import build_translator, install_hint
from sola_studio.translate.glossary import Glossary
from sola_studio.translate.product_terms import glossary_from_product

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FillReport:
    """What :func:`fill_versions` did: versions translated, languages no engine reaches (with
    the command that installs one)."""

    translated: int
    missing: dict[str, str]


def fill_versions(
    plan: ShowPlan,
    *,
    engines: Sequence[Translator] | None = None,
    sheet: ProductSheet | None = None,
    refresh: bool = False,
) -> tuple[ShowPlan, FillReport]:
    """``plan`` with every version not approved filled by machine translation (or marked
    missing). ``engines``: the installed engines (discovered when None); ``sheet``: product
    terms for the glossary of each product segment."""
    source, targets = plan.language, [t for t in plan.languages if t != plan.language]
    if not targets:
        return plan, FillReport(0, {})
    translator = build_translator(source, targets, engines=engines, strict=False)
    missing = {t: install_hint(source, t) for t in targets if t in translator.unavailable}
    reached = [t for t in targets if t not in missing]
    translated = 0
    segments: list[Segment] = []
    try:
        for segment in plan.segments:
            product = sheet.product(segment.product) if sheet and segment.product else None
            if product is not None and reached:
                translator.set_glossary(glossary_from_product(product, reached, source))
            elif reached:
                translator.set_glossary(Glossary())
            points: list[PlanLine] = []
            todo = [
                (i, t)
                for i, ln in enumerate(segment.points)
                for t in reached
                if _wants(ln, t, refresh)
            ]
            texts = sorted({segment.points[i].say for i, _ in todo})
            done: dict[tuple[str, str], str] = {}
            if texts:
                langs = sorted({t for _, t in todo})
                result = translator.translate(texts, source, langs)
                for t in langs:
                    for text, out in zip(texts, result.get(t, []), strict=False):
                        done[(text, t)] = out
            for ln in segment.points:
                versions = dict(ln.versions)
                for t in targets:
                    if t in missing:
                        if _wants(ln, t, refresh):
                            versions[t] = Version("", LineState.MISSING)
                    elif (ln.say, t) in done and _wants(ln, t, refresh):
                        versions[t] = Version(done[(ln.say, t)], LineState.MACHINE)
                        translated += 1
                points.append(PlanLine(ln.id, ln.say, versions, ln.facts))
            segments.append(_with_points(segment, points))
    finally:
        translator.close()
    for t, fix in missing.items():
        log.warning("plan: no engine translates %s->%s; left for the seller (%s)", source, t, fix)
    filled = ShowPlan(plan.language, plan.languages, tuple(segments), plan.sheet)
    return filled, FillReport(translated, missing)


def _wants(line: PlanLine, language: str, refresh: bool) -> bool:
    v = line.versions.get(language)
    if v is None or v.state is LineState.MISSING:
        return True
    return refresh and v.state is LineState.MACHINE


def _with_points(segment: Segment, points: list[PlanLine]) -> Segment:
    return replace(segment, points=tuple(points))
