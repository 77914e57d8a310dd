"""A starting plan from the product sheet: an intro, one segment per product, the offers, the
close; points in the seller's language, each stating facts of the sheet only.

Every point names the sheet facts it states (``facts``: the fact ids of
:mod:`sola_studio.comments.facts`) and is checked with the drafts' invented-fact check
(:func:`~sola_studio.comments.facts.invented_facts`) before it goes in: a point that would state
a number or a "free" the cited facts do not hold is left out (logged), never reworded.
The sentences are templates per language (:data:`TEMPLATES`, English and Portuguese; another
seller language gets English ones and a warning). This module never translates.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sola_studio.catalog.sheet import LocalText, Product, ProductSheet, StockLevel, text_in
from sola_studio.comments.facts import SheetFact, invented_facts, sheet_facts
from sola_studio.plan.model import PlanLine, Segment, SegmentKind, ShowPlan

log = logging.getLogger(__name__)

#: the sentences of a generated plan, per seller language ({name} fields from the sheet)
TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "hello": "Hello everyone, and welcome to the live show of {seller}!",
        "hello_plain": "Hello everyone, and welcome to the live show!",
        "what": "Now I am showing you the {name}.",
        "material": "It is made of {material}.",
        "spec": "{value}.",
        "sizes": "It comes in sizes {sizes}.",
        "colours": "It comes in {colours}.",
        "low": "Only a few left in {variant}.",
        "out": "{variant} is sold out.",
        "price": "The {name} costs {price}.",
        "discount": "The code {code} gives you {percent} percent off.",
        "bundle": "Buy {quantity} pieces and you get {percent} percent off.",
        "instalments": "You can pay in up to {max} instalments, {free} of them without interest.",
        "methods": "You can pay with {methods}.",
        "warranty": "It has a warranty of {months} months against {covers}.",
        "shipping": "Shipping to {country} costs {cost} and takes {low} to {high} days.",
        "free_over": "Shipping to {country} is free over {amount}.",
        "returns_free": "Returns are free for {days} days, {conditions}.",
        "returns": "You can return it within {days} days, {conditions}.",
        "questions": "If you have a question, write it in the comments, in any language.",
        "bye": "Thank you for watching, and see you in the next live!",
        "and": "and",
        "intro": "Welcome",
        "offer": "Price and offers",
        "close": "Questions and goodbye",
    },
    "pt": {
        "hello": "Olá a todos, e bem-vindos à live da {seller}!",
        "hello_plain": "Olá a todos, e bem-vindos à live!",
        "what": "Agora vou mostrar {name}.",
        "material": "É feita de {material}.",
        "spec": "{value}.",
        "sizes": "Tem nos tamanhos {sizes}.",
        "colours": "Tem nas cores {colours}.",
        "low": "Restam poucas em {variant}.",
        "out": "{variant} está esgotado.",
        "price": "{name} custa {price}.",
        "discount": "O cupom {code} dá {percent} por cento de desconto.",
        "bundle": "Comprando {quantity} peças, você ganha {percent} por cento de desconto.",
        "instalments": "Dá para pagar em até {max} parcelas, {free} delas sem juros.",
        "methods": "Dá para pagar com {methods}.",
        "warranty": "Tem garantia de {months} meses contra {covers}.",
        "shipping": "O frete para {country} custa {cost} e leva de {low} a {high} dias.",
        "free_over": "O frete para {country} é grátis acima de {amount}.",
        "returns_free": "A devolução é grátis em até {days} dias, {conditions}.",
        "returns": "Dá para devolver em até {days} dias, {conditions}.",
        "questions": "Se tiver alguma pergunta, escreva nos comentários, em qualquer idioma.",
        "bye": "Obrigada por assistirem, e até a próxima live!",
        "and": "e",
        "intro": "Boas-vindas",
        "offer": "Preço e ofertas",
        "close": "Perguntas e despedida",
    },
}

#: seconds: an intro or a close, and each point of a product segment
INTRO_BOX_S = 30.0
CLOSE_BOX_S = 30.0
POINT_S = 8.0
MAX_SHIPPING_POINTS = 3


@dataclass(frozen=True)
class Rejected:
    """A point the invented-fact check left out, and why."""

    line_id: str
    text: str
    problems: tuple[str, ...]


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


class _Points:
    def __init__(self, facts: Mapping[str, SheetFact], rejected: list[Rejected]) -> None:
        self.facts = facts
        self.rejected = rejected
        self.points: list[PlanLine] = []

    def add(self, line_id: str, text: str, *fact_ids: str) -> None:
        cited = [self.facts[f].ref for f in fact_ids if f in self.facts]
        problems = invented_facts(text, cited, self.facts)
        if problems or len(cited) != len(fact_ids):
            why = tuple(f"{p.what}: {p.detail}" for p in problems) or ("fact not in the sheet",)
            self.rejected.append(Rejected(line_id, text, why))
            log.warning("plan point %s left out (%s): %s", line_id, "; ".join(why), text)
            return
        self.points.append(PlanLine(line_id, text, facts=tuple(fact_ids)))


def _local(text: LocalText, language: str) -> str | None:
    found = text_in(text, language, language)
    return found[0] if found else None


def _product_points(
    sheet: ProductSheet, p: Product, t: Mapping[str, str], pts: _Points, language: str
) -> None:
    name = _local(p.names, language) or p.name
    pts.add(f"{p.id}-what", t["what"].format(name=name), f"price:{p.id}")
    material = _local(p.material, language)
    if material:
        pts.add(f"{p.id}-material", t["material"].format(material=material), f"material:{p.id}")
    for key, value in p.specs.items():
        text = _local(value, language)
        if text:
            said = t["spec"].format(value=text[:1].upper() + text[1:])
            pts.add(f"{p.id}-{_slug(key)}", said, f"spec:{p.id}:{key}")
    if p.variants:
        if p.sizes:
            sizes = _join(list(p.sizes), t["and"])
            pts.add(f"{p.id}-sizes", t["sizes"].format(sizes=sizes), f"variants:{p.id}")
        if p.colours:
            colours = _join(list(p.colours), t["and"])
            pts.add(f"{p.id}-colours", t["colours"].format(colours=colours), f"variants:{p.id}")
        for v in p.variants:
            level = sheet.stock_level(v)
            if level is StockLevel.LOW:
                pts.add(
                    f"{p.id}-low-{_slug(v.label)}",
                    t["low"].format(variant=v.label),
                    f"variant:{v.sku}",
                )
            elif level is StockLevel.OUT:
                said = t["out"].format(variant=v.label)
                pts.add(
                    f"{p.id}-out-{_slug(v.label)}", said[:1].upper() + said[1:], f"variant:{v.sku}"
                )
    pts.add(
        f"{p.id}-price",
        t["price"].format(name=name, price=f"{p.price.canonical()} {p.price.currency}"),
        f"price:{p.id}",
    )
    for d in p.discounts:
        if d.percent is None:
            continue
        fid = f"discount:{p.id}:{d.id}"
        percent = format(d.percent.normalize(), "f")
        if d.code:
            pts.add(
                f"{p.id}-{_slug(d.id)}", t["discount"].format(code=d.code, percent=percent), fid
            )
        elif d.min_quantity:
            said = t["bundle"].format(quantity=d.min_quantity, percent=percent)
            pts.add(f"{p.id}-{_slug(d.id)}", said, fid)
    if p.payment is not None:
        pts.add(
            f"{p.id}-methods",
            t["methods"].format(methods=_join(list(p.payment.methods), t["and"])),
            f"payment:{p.id}",
        )
        plan = p.payment.instalments
        if plan is not None and plan.max_months and plan.interest_free_months:
            said = t["instalments"].format(max=plan.max_months, free=plan.interest_free_months)
            pts.add(f"{p.id}-instalments", said, f"instalments:{p.id}")
    if p.warranty is not None and p.warranty.months:
        covers = _local(p.warranty.covers, language)
        if covers:
            said = t["warranty"].format(months=p.warranty.months, covers=covers)
            pts.add(f"{p.id}-warranty", said, f"warranty:{p.id}")
    for rule in [r for r in p.shipping if not r.never][:MAX_SHIPPING_POINTS]:
        fid = f"shipping:{p.id}:{rule.country}"
        where = "other countries" if rule.country == "*" else rule.country
        said = t["shipping"].format(
            country=where,
            cost=f"{rule.cost.canonical()} {rule.cost.currency}",
            low=rule.days_min,
            high=rule.days_max,
        )
        pts.add(f"{p.id}-ship-{_slug(rule.country)}", said, fid)
        if rule.free_over is not None:
            amount = f"{rule.free_over.canonical()} {rule.free_over.currency}"
            said = t["free_over"].format(country=where, amount=amount)
            pts.add(f"{p.id}-ship-free-{_slug(rule.country)}", said, fid)
    if p.returns is not None:
        conditions = _local(p.returns.conditions, language) or ""
        key = "returns_free" if p.returns.free else "returns"
        said = t[key].format(days=p.returns.days, conditions=conditions).replace(", .", ".")
        pts.add(f"{p.id}-returns", said, f"returns:{p.id}")


def generate_plan(
    sheet: ProductSheet, languages: tuple[str, ...] = (), *, sheet_path: str | None = None
) -> tuple[ShowPlan, list[Rejected]]:
    """A starting plan for ``sheet`` in the seller's language, with caption ``languages`` to
    fill (:func:`sola_studio.plan.translate.fill_versions`), and the points left out."""
    language = sheet.seller_language
    t = TEMPLATES.get(language)
    if t is None:
        log.warning("no plan templates in %s; the starting plan is in English", language)
        t = TEMPLATES["en"]
    facts = sheet_facts(sheet)
    rejected: list[Rejected] = []
    segments: list[Segment] = []
    intro = _Points(facts, rejected)
    hello = t["hello"].format(seller=sheet.seller_name) if sheet.seller_name else t["hello_plain"]
    intro.add("hello", hello)
    segments.append(
        Segment("intro", SegmentKind.INTRO, t["intro"], INTRO_BOX_S, tuple(intro.points))
    )
    for p in sheet.products:
        pts = _Points(facts, rejected)
        _product_points(sheet, p, t, pts, language)
        title = _local(p.names, language) or p.name
        box = max(60.0, POINT_S * len(pts.points))
        segments.append(
            Segment(p.id, SegmentKind.PRODUCT, title, box, tuple(pts.points), product=p.id)
        )
    close = _Points(facts, rejected)
    close.add("close-questions", t["questions"])
    close.add("close-bye", t["bye"])
    segments.append(
        Segment("close", SegmentKind.CLOSE, t["close"], CLOSE_BOX_S, tuple(close.points))
    )
    targets = tuple(x for x in dict.fromkeys(languages) if x != language)
    return ShowPlan(language, targets, tuple(segments), sheet_path), rejected
