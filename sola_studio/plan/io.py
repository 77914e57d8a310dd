"""Read and write a show plan: a YAML file beside the product sheet (format: docs/plan.md).

A mistake is one :class:`~sola_studio.core.errors.ConfigError` naming the file, the line and the
field (line numbers come from the catalog's :class:`~sola_studio.catalog.schema_v2.Lines`).
:func:`save_plan` writes what :func:`load_plan` reads back unchanged (the editor round-trips).
This module never translates or matches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from sola_studio.catalog.schema_v2 import Lines
from sola_studio.core import yamlio
from sola_studio.core.errors import ConfigError
from sola_studio.plan.model import LineState, PlanLine, Segment, SegmentKind, ShowPlan, Version

FORMAT = 1
_FIX = "edit the plan (see assets/sample_plan.yaml and docs/plan.md for every field)"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
#: a plan is a script, not a book: bounds that keep the matcher and the editor quick
MAX_SEGMENTS = 100
MAX_POINTS = 1000
MAX_PLAN_BYTES = 2 * 1024 * 1024


class _Reader:
    def __init__(self, source: str, text: str | None) -> None:
        self.source = source
        self.lines = Lines(text)

    def fail(self, path: tuple[str | int, ...], what: str) -> ConfigError:
        line = self.lines.line(path)
        where = ".".join(str(p) for p in path) or "top level"
        at = f"line {line}: " if line else ""
        return ConfigError(f"{self.source}: {at}{where}: {what}", fix=_FIX)

    def text(self, d: Mapping[str, Any], key: str, path: tuple[str | int, ...]) -> str:
        value = d.get(key)
        if value is None or str(value).strip() == "":
            raise self.fail((*path, key), f"{key} is missing")
        if not isinstance(value, (str, int, float)):
            raise self.fail((*path, key), f"{key} must be text")
        return str(value).strip()

    def ident(self, d: Mapping[str, Any], key: str, path: tuple[str | int, ...]) -> str:
        value = self.text(d, key, path)
        if not _ID.match(value):
            raise self.fail((*path, key), f"{value!r} is not an id (letters, digits, - _ .)")
        return value

    def mapping(self, value: Any, path: tuple[str | int, ...]) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, "must be a mapping (key: value)")
        return value

    def seq(self, value: Any, path: tuple[str | int, ...]) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, "must be a list (- item)")
        return value


def _fields(known: str) -> str:
    return f"unknown field (known: {known})"


def _seconds(r: _Reader, value: Any, path: tuple[str | int, ...]) -> float:
    """A time box: seconds (``45``) or ``m:ss`` (``1:30``)."""
    text = str(value).strip()
    m = re.fullmatch(r"(\d+):([0-5]\d)", text)
    try:
        seconds = int(m.group(1)) * 60 + int(m.group(2)) if m else float(text)
    except ValueError as exc:
        raise r.fail(
            path, f"box must be seconds (45) or minutes:seconds (1:30), not {text!r}"
        ) from exc
    if not 0 < seconds <= 24 * 3600:
        raise r.fail(path, f"box must be between 1 second and 24 hours, not {text!r}")
    return float(seconds)


def plan_from_raw(raw: Any, source: str = "plan", text: str | None = None) -> ShowPlan:
    """Validate a plain structure (as parsed from YAML) into a :class:`ShowPlan`."""
    r = _Reader(source, text)
    top = r.mapping(raw, ())
    unknown = set(top) - {"plan", "language", "languages", "sheet", "segments"}
    if unknown:
        raise r.fail((sorted(unknown)[0],), _fields("plan, language, languages, sheet, segments"))
    if top.get("plan", FORMAT) != FORMAT:
        raise r.fail(
            ("plan",), f"format {top.get('plan')!r} is unknown; this version reads {FORMAT}"
        )
    language = r.text(top, "language", ())
    languages = tuple(
        str(x).strip() for x in r.seq(top.get("languages") or [], ("languages",)) if str(x).strip()
    )
    if language in languages:
        raise r.fail(("languages",), f"{language} is the seller's; list caption languages")
    sheet = top.get("sheet")
    segments: list[Segment] = []
    seen: set[str] = set()
    raw_segments = r.seq(top.get("segments"), ("segments",))
    if not raw_segments:
        raise r.fail(("segments",), "a plan needs at least one segment")
    if len(raw_segments) > MAX_SEGMENTS:
        raise r.fail(("segments",), f"{len(raw_segments)} segments; at most {MAX_SEGMENTS}")
    points_total = 0
    for i, raw_seg in enumerate(raw_segments):
        path: tuple[str | int, ...] = ("segments", i)
        d = r.mapping(raw_seg, path)
        extra = set(d) - {"id", "kind", "title", "box", "points", "product"}
        if extra:
            raise r.fail(
                (*path, sorted(extra)[0]), _fields("id, kind, title, box, product, points")
            )
        sid = r.ident(d, "id", path)
        if sid in seen:
            raise r.fail((*path, "id"), f"id {sid!r} is used twice")
        seen.add(sid)
        kind_text = r.text(d, "kind", path)
        try:
            kind = SegmentKind(kind_text)
        except ValueError as exc:
            kinds = ", ".join(k.value for k in SegmentKind)
            raise r.fail((*path, "kind"), f"kind {kind_text!r} is not one of {kinds}") from exc
        product = str(d["product"]).strip() if d.get("product") else None
        if kind is SegmentKind.PRODUCT and product is None:
            raise r.fail((*path, "product"), "a product segment names its product (the sheet's id)")
        box = _seconds(r, d.get("box", 60), (*path, "box"))
        points: list[PlanLine] = []
        for j, raw_pt in enumerate(r.seq(d.get("points") or [], (*path, "points"))):
            ppath: tuple[str | int, ...] = (*path, "points", j)
            points.append(_line(r, raw_pt, ppath, language, seen))
        points_total += len(points)
        if points_total > MAX_POINTS:
            raise r.fail((*path, "points"), f"more than {MAX_POINTS} points in the plan")
        segments.append(
            Segment(sid, kind, str(d.get("title") or sid).strip(), box, tuple(points), product)
        )
    return ShowPlan(language, languages, tuple(segments), str(sheet) if sheet else None)


def _line(
    r: _Reader, raw: Any, path: tuple[str | int, ...], language: str, seen: set[str]
) -> PlanLine:
    d = r.mapping(raw, path)
    extra = set(d) - {"id", "say", "versions", "facts"}
    if extra:
        raise r.fail((*path, sorted(extra)[0]), _fields("id, say, versions, facts"))
    lid = r.ident(d, "id", path)
    if lid in seen:
        raise r.fail((*path, "id"), f"id {lid!r} is used twice")
    seen.add(lid)
    say = r.text(d, "say", path)
    versions: dict[str, Version] = {}
    for lang, raw_v in r.mapping(d.get("versions") or {}, (*path, "versions")).items():
        vpath = (*path, "versions", str(lang))
        if str(lang) == language:
            raise r.fail(vpath, f"{lang} is the line's own language; `say` holds it")
        if isinstance(raw_v, str):  # a plain text is an approved version the seller wrote
            versions[str(lang)] = Version(raw_v.strip(), LineState.APPROVED)
            continue
        v = r.mapping(raw_v, vpath)
        state_text = str(v.get("state") or ("approved" if v.get("text") else "missing"))
        try:
            state = LineState(state_text)
        except ValueError as exc:
            states = ", ".join(s.value for s in LineState)
            raise r.fail((*vpath, "state"), f"state {state_text!r} is not one of {states}") from exc
        text = str(v.get("text") or "").strip()
        if state is not LineState.MISSING and not text:
            raise r.fail((*vpath, "text"), f"a {state.value} version needs its text")
        versions[str(lang)] = Version(text, state)
    facts = tuple(str(f) for f in r.seq(d.get("facts") or [], (*path, "facts")))
    return PlanLine(lid, say, versions, facts)


def load_plan(path: str | Path) -> ShowPlan:
    """Read a plan file."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(
            f"show plan {p} does not exist",
            fix="pass the path of your plan (the window's plan editor makes one from the sheet)",
        )
    if p.stat().st_size > MAX_PLAN_BYTES:
        raise ConfigError(f"show plan {p} is over {MAX_PLAN_BYTES // 2**20} MB", fix=_FIX)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read show plan {p}: {exc}", fix="save it as UTF-8") from exc
    try:
        raw = yamlio.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{p} is not valid YAML: {exc}", fix=_FIX) from exc
    return plan_from_raw(raw, source=str(p), text=text)


def plan_to_raw(plan: ShowPlan) -> dict[str, Any]:
    """The plain structure :func:`plan_from_raw` reads back into the same plan."""
    segments = []
    for s in plan.segments:
        seg: dict[str, Any] = {"id": s.id, "kind": s.kind.value, "title": s.title}
        if s.product:
            seg["product"] = s.product
        seg["box"] = int(s.box_s) if s.box_s.is_integer() else s.box_s
        points = []
        for ln in s.points:
            pt: dict[str, Any] = {"id": ln.id, "say": ln.say}
            if ln.versions:
                pt["versions"] = {
                    lang: {"state": v.state.value}
                    if v.state is LineState.MISSING
                    else {"text": v.text, "state": v.state.value}
                    for lang, v in ln.versions.items()
                }
            if ln.facts:
                pt["facts"] = list(ln.facts)
            points.append(pt)
        seg["points"] = points
        segments.append(seg)
    out: dict[str, Any] = {"plan": FORMAT, "language": plan.language}
    out["languages"] = list(plan.languages)
    if plan.sheet:
        out["sheet"] = plan.sheet
    out["segments"] = segments
    return out


def dump_plan(plan: ShowPlan) -> str:
    header = "# Show plan (sola-studio; format: docs/plan.md)\n"
    body = yaml.safe_dump(
        plan_to_raw(plan), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    return header + body


def save_plan(plan: ShowPlan, path: str | Path) -> None:
    """Write ``plan`` to ``path`` (atomically: a crash leaves the old file or the new one)."""
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(dump_plan(plan), encoding="utf-8")
    tmp.replace(p)


def plan_beside(sheet: Path) -> Path:
    """Where the plan of a product sheet lives: ``NAME.plan.yaml`` beside ``NAME.yaml`` (the
    sample sheet's is ``assets/sample_plan.yaml``). The window reads and writes it there."""
    from sola_studio import paths

    sample = paths.ASSETS / "sample_sheet.yaml"
    if sheet.resolve() == sample.resolve():
        return paths.ASSETS / "sample_plan.yaml"
    return sheet.with_name(f"{sheet.stem}.plan.yaml")


def existing_plan_beside(sheet: Path) -> Path | None:
    """:func:`plan_beside` when that file exists (a show without one has no plan)."""
    path = plan_beside(sheet)
    return path if path.is_file() else None
