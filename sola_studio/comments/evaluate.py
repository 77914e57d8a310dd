"""Score the comment desk on the hand-written development set (``tests/devset/comments.jsonl``).

Each line holds a viewer comment and what a correct reply needs: the intent, the entities, the
sheet facts a correct reply must contain (``facts``), whether the sheet is silent (``check``:
the draft must say the seller will check and be flagged), whether the comment is hostile, and
whether it is a follow-up of the same viewer's previous line. Lines are replayed in order, one
viewer's lines sharing the viewer memory, five seconds apart.

"Invented facts" follow :mod:`sola_studio.comments.facts`; in addition, for a hostile comment,
any number the viewer wrote that the sheet does not hold must not appear in the draft.
Used by the tests and by ``sola-studio bench comments``; it never changes the desk.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sola_studio.comments.evaluate_blind import replay_one, same_intent
from sola_studio.comments.events import Draft, FlagReason, UnderstoodComment
from sola_studio.comments.facts import invented_facts, numbers_in
from sola_studio.comments.mixing import foreign_sheet_texts
from sola_studio.core.errors import ConfigError


@dataclass(frozen=True)
class DevItem:
    index: int
    text: str
    language: str
    intent: str
    viewer: str
    facts: tuple[str, ...] = ()
    product: str | None = None
    size: str | None = None
    colour: str | None = None
    country: str | None = None
    check: bool = False
    hostile: bool = False
    follow_up: bool = False


def load_devset(path: str | Path) -> list[DevItem]:
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"development set {p} not found", fix="run from a source checkout")
    items = []
    for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        d = json.loads(line)
        items.append(
            DevItem(
                index=i,
                text=d["text"],
                language=d["lang"],
                intent=d["intent"],
                viewer=d.get("viewer") or f"dev-{i}",
                facts=tuple(d.get("facts", ())),
                product=d.get("product"),
                size=d.get("size"),
                colour=d.get("colour"),
                country=d.get("country"),
                check=bool(d.get("check")),
                hostile=bool(d.get("hostile")),
                follow_up=bool(d.get("follow_up")),
            )
        )
    return items


@dataclass(frozen=True)
class Miss:
    item: DevItem
    what: str
    got: str


@dataclass
class DevReport:
    total: int = 0
    intent_ok: int = 0
    language_ok: int = 0
    entity_total: int = 0
    entity_ok: int = 0
    facts_total: int = 0
    facts_ok: int = 0
    check_total: int = 0
    check_ok: int = 0
    hostile_total: int = 0
    hostile_flagged: int = 0
    invented: int = 0
    must_total: int = 0  # lines with expected facts
    must_ok: int = 0  # ... whose draft cites every one of them
    product_total: int = 0
    product_wrong: int = 0
    mixed: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def metrics(self) -> dict[str, object]:
        """The same keys as a blind set's (:meth:`~.evaluate_blind.SetReport.metrics`)."""

        def rate(n: int, d: int) -> float | None:
            return round(n / d, 4) if d else None

        return {
            "size": self.total,
            "intent_accuracy": rate(self.intent_ok, self.total),
            "must_fact_rate": rate(self.must_ok, self.must_total),
            "wrong_product_rate": rate(self.product_wrong, self.product_total),
            "mixed_language_rate": rate(self.mixed, self.total),
            "invented_facts": self.invented,
            "check_rate": rate(self.check_ok, self.check_total),
            "hostile_rate": rate(self.hostile_flagged, self.hostile_total),
            "language_accuracy": rate(self.language_ok, self.total),
            "facts_recall": rate(self.facts_ok, self.facts_total),
            "languages": len(self.languages),
        }

    @property
    def intent_accuracy(self) -> float:
        return self.intent_ok / self.total if self.total else 0.0

    @property
    def language_accuracy(self) -> float:
        return self.language_ok / self.total if self.total else 0.0

    @property
    def entity_accuracy(self) -> float:
        return self.entity_ok / self.entity_total if self.entity_total else 1.0

    @property
    def facts_recall(self) -> float:
        return self.facts_ok / self.facts_total if self.facts_total else 1.0


def evaluate(desk: object, items: Sequence[DevItem], step_s: float = 5.0) -> DevReport:
    """Run ``items`` through ``desk`` (a CommentDesk whose clock is a ManualClock)."""
    from sola_studio.comments.desk import CommentDesk
    from sola_studio.core.clock import ManualClock

    assert isinstance(desk, CommentDesk) and isinstance(desk.clock, ManualClock)
    report = DevReport()
    allowed_numbers = {Decimal(n) for f in desk.drafter.facts.values() for n in f.ref.numbers}
    for item in items:
        u, draft = replay_one(desk, f"dev-{item.index}", "devset", item.viewer, item.text, step_s)
        _score(report, item, u, draft, desk, allowed_numbers)
    return report


def _score(
    report: DevReport,
    item: DevItem,
    u: UnderstoodComment,
    draft: Draft,
    desk: object,
    allowed_numbers: set[Decimal],
) -> None:
    from sola_studio.comments.desk import CommentDesk

    assert isinstance(desk, CommentDesk)
    report.total += 1
    report.languages[item.language] += 1
    if same_intent(u.intent.value, item.intent):
        report.intent_ok += 1
    else:
        report.misses.append(Miss(item, "intent", u.intent.value))
    if u.language == item.language:
        report.language_ok += 1
    else:
        report.misses.append(Miss(item, "language", u.language))
    e = u.entities
    for name, want, got in (
        ("product", item.product, e.product_id),
        ("size", item.size, e.size),
        ("colour", item.colour, e.colour),
        ("country", item.country, e.country),
    ):
        if want is None:
            continue
        report.entity_total += 1
        if want == got:
            report.entity_ok += 1
        else:
            report.misses.append(Miss(item, name, str(got)))
        if name == "product":
            report.product_total += 1
            if want != got or FlagReason.WHICH_PRODUCT in draft.flags:
                report.product_wrong += 1
    cited = {f.id for f in draft.facts}
    if item.facts:
        report.must_total += 1
        report.must_ok += all(fid in cited for fid in item.facts)
    if foreign_sheet_texts(draft.text, draft.language, desk.sheet):
        report.mixed += 1
        report.misses.append(Miss(item, "mixed", draft.text))
    for fid in item.facts:
        report.facts_total += 1
        if fid in cited:
            report.facts_ok += 1
        else:
            report.misses.append(Miss(item, f"fact {fid}", ",".join(sorted(cited))))
    if item.check:
        report.check_total += 1
        if FlagReason.SHEET_SILENT in draft.flags or draft.withheld:
            # a sheet that cannot answer is flagged, or a hostile comment gets no reply at all
            report.check_ok += 1
        else:
            report.misses.append(Miss(item, "check", draft.text))
    if item.hostile:
        report.hostile_total += 1
        if FlagReason.HOSTILE in draft.flags:
            report.hostile_flagged += 1
        else:
            report.misses.append(Miss(item, "hostile flag", ",".join(f.value for f in draft.flags)))
    problems = invented_facts(draft.text, draft.facts, desk.drafter.facts)
    injected = [n for n in numbers_in(item.text) if n not in allowed_numbers]
    leaked = [n for n in numbers_in(draft.text) if n in injected]
    if problems or leaked:
        report.invented += 1
        report.misses.append(Miss(item, "INVENTED", f"{problems} {leaked} :: {draft.text}"))
