"""Score the comment desk on a blind evaluation set (``tests/blind/<set>/``): schema-2 sheets
and comments written by someone who never read the desk's code.

A set is a folder with ``sheets/<name>.yaml`` and ``comments.jsonl``; each line holds a comment,
the product on screen when it arrived (``pinned``), the viewer, its true language, and what a
correct reply needs: the intent, the product (``null`` when not about one, ``"ask"`` when a good
reply asks which one), strings it must hold (``must``, all of them; ``must_any``, one of each
list) and must not hold (``must_not``), whether the sheet is silent (``check``), hostile, a
follow-up. Lines are replayed in file order, five seconds apart, one desk per sheet (viewer
memory and the show's pins carry over from line to line, as in a real show).

Metrics (each a share of the lines it applies to):
  * ``intent_accuracy``: the desk's intent is the expected one (``spec`` = the desk's
    ``material``, the old sets' name for it);
  * ``must_fact_rate``: among lines with ``must``/``must_any``, drafts holding every one;
  * ``wrong_product_rate``: among lines about a product, drafts answered for another product, or
    for any product when the line expects "which one?" (the draft must carry WHICH_PRODUCT),
    or asking which one when the product was clear;
  * ``mixed_language_rate``: drafts holding sheet text in another language than their own
    (:mod:`sola_studio.comments.mixing`);
  * ``invented_facts``: drafts stating what their cited facts do not hold
    (:func:`~sola_studio.comments.facts.invented_facts`), or repeating a number the viewer
    wrote that the sheet does not hold (count, not a rate);
  * ``must_not_rate``, ``check_rate`` (silent sheet flagged, or no reply drafted to a hostile
    comment: ``Draft.withheld``), ``hostile_rate`` (flagged),
    ``language_accuracy`` (the draft is in the comment's language).
It never changes the desk and never edits a set.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.events import Draft, FlagReason, UnderstoodComment
from sola_studio.comments.facts import invented_facts, numbers_in
from sola_studio.comments.mixing import foreign_sheet_texts
from sola_studio.core.errors import ConfigError
from sola_studio.core.events import Comment

_INTENT_ALIASES = {"material": "spec"}


def same_intent(got: str, want: str) -> bool:
    return _INTENT_ALIASES.get(got, got) == _INTENT_ALIASES.get(want, want)


@dataclass(frozen=True)
class BlindItem:
    id: str
    sheet: str
    pinned: str
    viewer: str
    lang: str
    text: str
    intent: str
    product: str | None
    must: tuple[str, ...] = ()
    must_any: tuple[tuple[str, ...], ...] = ()
    must_not: tuple[str, ...] = ()
    check: bool = False
    hostile: bool = False
    follow_up: bool = False


@dataclass(frozen=True)
class BlindSet:
    folder: Path
    sheets: dict[str, ProductSheet]
    items: list[BlindItem]


def load_blind_set(folder: str | Path) -> BlindSet:
    root = Path(folder)
    path = root / "comments.jsonl"
    if not path.is_file():
        raise ConfigError(f"no comments.jsonl in {root}", fix="pass a blind set folder")
    sheets = {p.stem: load_sheet(p) for p in sorted((root / "sheets").glob("*.yaml"))}
    items: list[BlindItem] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{n}: not JSON: {exc}", fix="fix the line") from exc
        if d["sheet"] not in sheets:
            raise ConfigError(f"{path}:{n}: no sheet {d['sheet']!r}", fix="add the sheet")
        items.append(
            BlindItem(
                id=str(d.get("id") or f"{d['sheet']}-{n}"),
                sheet=d["sheet"],
                pinned=d.get("pinned") or sheets[d["sheet"]].pinned_id,
                viewer=str(d.get("viewer") or f"v{n}"),
                lang=d["lang"],
                text=d["text"],
                intent=d["intent"],
                product=d.get("product"),
                must=tuple(str(x) for x in d.get("must") or ()),
                must_any=tuple(tuple(str(x) for x in alt) for alt in d.get("must_any") or ()),
                must_not=tuple(str(x) for x in d.get("must_not") or ()),
                check=bool(d.get("check")),
                hostile=bool(d.get("hostile")),
                follow_up=bool(d.get("follow_up")),
            )
        )
    return BlindSet(root, sheets, items)


@dataclass(frozen=True)
class BlindMiss:
    item: BlindItem
    what: str
    got: str
    draft: str


@dataclass
class SetReport:
    """Counts on one set; :meth:`metrics` gives the rates the bench reports."""

    total: int = 0
    intent_ok: int = 0
    language_ok: int = 0
    must_total: int = 0
    must_ok: int = 0
    must_not_total: int = 0
    must_not_ok: int = 0
    product_total: int = 0
    product_wrong: int = 0
    mixed: int = 0
    invented: int = 0
    check_total: int = 0
    check_ok: int = 0
    hostile_total: int = 0
    hostile_ok: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    misses: list[BlindMiss] = field(default_factory=list)
    drafts: list[tuple[BlindItem, Draft]] = field(default_factory=list)

    def metrics(self) -> dict[str, Any]:
        def rate(n: int, d: int) -> float | None:
            return round(n / d, 4) if d else None

        return {
            "size": self.total,
            "intent_accuracy": rate(self.intent_ok, self.total),
            "must_fact_rate": rate(self.must_ok, self.must_total),
            "wrong_product_rate": rate(self.product_wrong, self.product_total),
            "mixed_language_rate": rate(self.mixed, self.total),
            "invented_facts": self.invented,
            "must_not_rate": rate(self.must_not_ok, self.must_not_total),
            "check_rate": rate(self.check_ok, self.check_total),
            "hostile_rate": rate(self.hostile_ok, self.hostile_total),
            "language_accuracy": rate(self.language_ok, self.total),
            "languages": len(self.languages),
        }


DeskFactory = Callable[[ProductSheet], Any]


def sheet_translator() -> Any | None:
    """The installed engines for sheet texts (Bergamot en<->pt here), glossary-protected;
    None when none is installed."""
    try:
        from sola_studio.translate.bergamot import BergamotTranslator
        from sola_studio.translate.glossary import GlossaryTranslator

        engine = BergamotTranslator.default()
    except Exception:  # no engine installed: replies fall back to the seller's language
        return None
    return GlossaryTranslator(engine) if engine.pairs else None


def _default_desk(sheet: ProductSheet, holdout: str = "") -> Any:
    """The desk as a show builds it; the set being scored (``holdout``) does not vote on its own
    lines' intents (:mod:`sola_studio.comments.neighbours`)."""
    from sola_studio.comments.desk import CommentDesk, DeskConfig
    from sola_studio.core.clock import ManualClock

    config = DeskConfig(neighbour_holdout=(holdout,) if holdout else ())
    return CommentDesk(
        sheet, clock=ManualClock(), config=config, sheet_translator=sheet_translator()
    )


def replay_one(
    desk: Any, comment_id: str, platform: str, viewer: str, text: str, step_s: float
) -> tuple[UnderstoodComment, Draft]:
    """One set line through ``desk``, ``step_s`` after the last on its clock: what the desk
    understood and drafted (shared by the development and the blind-set evaluators)."""
    desk.clock.advance(step_s)
    comment = Comment(
        id=comment_id,
        platform=platform,
        viewer_id=viewer,
        viewer_name=viewer,
        text=text,
        t_capture=desk.clock.monotonic(),
        t_wall=desk.clock.wall(),
    )
    draft = desk.process(comment)
    u = desk.understood(comment.id)
    assert u is not None
    return u, draft


def evaluate_blind(
    blind: BlindSet, make_desk: DeskFactory | None = None, step_s: float = 5.0
) -> SetReport:
    """Replay ``blind`` through one desk per sheet (see the module docstring)."""
    make = make_desk or (lambda sheet: _default_desk(sheet, blind.folder.name))
    desks: dict[str, Any] = {}
    report = SetReport()
    for item in blind.items:
        desk = desks.get(item.sheet)
        if desk is None:
            desk = desks[item.sheet] = make(blind.sheets[item.sheet])
        if desk.sheet.pinned_id != item.pinned:
            desk.pin(item.pinned)
        u, draft = replay_one(desk, item.id, "blind", item.viewer, item.text, step_s)
        score(report, item, u, draft, desk)
    return report


def _numbers_of(desk: Any) -> set[Decimal]:
    return {Decimal(n) for f in desk.drafter.facts.values() for n in f.ref.numbers}


def _same_amount(want: str, low: str, said: Sequence[Decimal]) -> bool:
    """``want`` is one amount of 1000 or more, alone or beside a currency sign or code
    ("2490000", "R$ 4490", "89000 ₩"), and the draft says that amount however it groups its
    digits ("2.490.000 ₫", "₩89,000", "4 490,00 zł"), with the same sign or code where one is
    given. The frozen sets write amounts as the sheets do, ungrouped; a draft writes them as
    the viewer's locale does."""
    numbers = numbers_in(want)
    if len(numbers) != 1 or numbers[0] < 1000:
        return False
    rest = re.sub(r"[\d.,\s\u00a0\u202f]+", " ", want).strip().casefold()
    if rest and (len(rest) > 4 or rest not in low):
        return False
    return numbers[0] in said


def score(
    report: SetReport, item: BlindItem, u: UnderstoodComment, draft: Draft, desk: Any
) -> None:
    report.total += 1
    report.languages[item.lang] += 1
    report.drafts.append((item, draft))
    text = draft.text
    low = text.casefold()

    def miss(what: str, got: str) -> None:
        report.misses.append(BlindMiss(item, what, got, text))

    if same_intent(u.intent.value, item.intent):
        report.intent_ok += 1
    else:
        miss("intent", u.intent.value)
    if draft.language == item.lang:
        report.language_ok += 1
    else:
        miss("language", draft.language)
    said = numbers_in(text)

    def holds(want: str) -> bool:
        return want.casefold() in low or _same_amount(want, low, said)

    if item.must or item.must_any:
        report.must_total += 1
        lacking = [m for m in item.must if not holds(m)]
        lacking += ["|".join(alt) for alt in item.must_any if not any(holds(a) for a in alt)]
        if lacking:
            miss("must", ", ".join(lacking))
        else:
            report.must_ok += 1
    if item.must_not:
        report.must_not_total += 1
        present = [m for m in item.must_not if holds(m)]
        if present:
            miss("must_not", ", ".join(present))
        else:
            report.must_not_ok += 1
    if item.product is not None:
        report.product_total += 1
        asked = FlagReason.WHICH_PRODUCT in draft.flags
        if item.product == "ask":
            wrong = not asked
        else:
            wrong = asked or u.entities.product_id != item.product
        if wrong:
            report.product_wrong += 1
            miss("product", "ask" if asked else str(u.entities.product_id))
    foreign = foreign_sheet_texts(text, draft.language, desk.sheet)
    if foreign:
        report.mixed += 1
        miss("mixed", "; ".join(foreign))
    if item.check:
        report.check_total += 1
        if FlagReason.SHEET_SILENT in draft.flags or draft.withheld:
            # a sheet that cannot answer is flagged, or a hostile comment gets no reply at all
            report.check_ok += 1
        else:
            miss("check", "not flagged")
    if item.hostile:
        report.hostile_total += 1
        if FlagReason.HOSTILE in draft.flags:
            report.hostile_ok += 1
        else:
            miss("hostile", ",".join(f.value for f in draft.flags))
    problems = invented_facts(text, draft.facts, desk.drafter.facts)
    allowed = _numbers_of(desk)
    planted = [n for n in numbers_in(item.text) if n not in allowed]
    leaked = [n for n in numbers_in(text) if n in planted]
    if problems or leaked:
        report.invented += 1
        miss("INVENTED", f"{problems} {leaked}")


def main(argv: list[str] | None = None) -> int:
    """``python -m sola_studio.comments.evaluate_blind FOLDER [--misses]``: the figures, and with
    ``--misses`` every miss (for a development set only: reading a validation set's misses
    tunes the desk to it)."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--drafts", type=int, default=0, help="print this many drafts")
    args = parser.parse_args(argv)
    report = evaluate_blind(load_blind_set(args.folder))
    if args.misses:
        for m in report.misses:
            print(f"{m.item.id} [{m.item.lang}] {m.item.text!r}: {m.what} -> {m.got} :: {m.draft}")
    for item, draft in report.drafts[: args.drafts]:
        print(
            f"{item.id} [{item.lang}/{item.intent}/{item.product}] {item.text!r}\n"
            f"   -> {draft.text}"
        )
    print(json.dumps(report.metrics()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
