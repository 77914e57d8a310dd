"""Draft a reply in the viewer's language from the product sheet alone.

For each intent of an understood comment the drafter picks the sheet facts that answer it
(intent rules; FAQ entries by their keywords, or by E5 similarity when an embedder is given)
and renders each fact through a hand-written template, in the viewer's language and in the
seller's. Only sheet values reach a template. When the sheet holds nothing that answers, the
draft says the seller will check and is flagged. Every draft is checked with
:func:`sola_studio.comments.facts.invented_facts` before it leaves; a :class:`Polisher`
(a later LLM, say) may reword a draft, and its wording is dropped if it adds any fact.

It never sends anything and never reads the viewer's words into the reply.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from sola_studio import lang as lang_data
from sola_studio.catalog.schema_v2 import spec_fields
from sola_studio.catalog.sheet import Product, ProductSheet, SpecField, StockLevel, Variant
from sola_studio.comments import templates as tpl
from sola_studio.comments.currencies import currency_cues_of
from sola_studio.comments.events import (
    Draft,
    FactKind,
    FactRef,
    FlagReason,
    Intent,
    UnderstoodComment,
)
from sola_studio.comments.facts import SheetFact, invented_facts, sheet_facts
from sola_studio.comments.lexicon import INTENT_CUES, find_cues, fold, is_latin_cue
from sola_studio.comments.memory import Interaction
from sola_studio.comments.mixing import foreign_sheet_texts
from sola_studio.comments.sheet_texts import MissingText, SheetTexts

log = logging.getLogger(__name__)

MAX_INTENTS = 2  # a reply answers at most two questions; longer ones read badly in chat
MAX_OPTIONS = 6  # variants listed in one reply
_INTEREST_CUES = lang_data.all_words("interest_cues")  # "and the interest?" after instalments
_WARRANTY_CUES = lang_data.all_words("warranty_cues")  # "warranty?" puts the warranty first
# Words that ask about the material itself: a "material and quality" question without one of
# them ("where is it made?") is answered by the spec it names, not by the material.
_MATERIAL_CUES = tuple(c for cues in INTENT_CUES[Intent.MATERIAL].values() for c in cues)
# Questions about a product spec, per spec name the sheets use (folded: lower case, no Latin
# accents; "$" ends a word), from each language file's ``spec_cues``. The spec's own name and its
# values of two words or more ("made in brazil", "regular fit") count too. Written by hand from
# the held-out misses and the sample sheet's specs; a sheet's other specs are found by their name
# and values.
SPEC_CUES: dict[str, tuple[str, ...]] = {
    name: tuple(c for cues in by_lang.values() for c in cues)
    for name, by_lang in lang_data.per_language("spec_cues").items()
}
# Spec names that say what the product is ("kind: {en: table}"): glossary words, not answers.
_IDENTITY_SPECS = lang_data.common().identity_specs


class Polisher(Protocol):
    """Rewords a draft (never adds facts). ``facts`` are what the draft may state."""

    def polish(self, text: str, language: str, facts: Sequence[FactRef]) -> str: ...


Render = Callable[[str], str]


@dataclass(frozen=True)
class Statement:
    """One sentence of a reply: how to say it in a language, the fact it states, and the
    sheet texts it quotes (to flag a machine translation)."""

    say: Render
    fact: FactRef | None
    texts: tuple[tpl.Mapping[str, str], ...] = ()


# intents the understander may find the sheet silent on (SHEET_SILENT): a field nobody can
# tell, a payment method or a kind of product the sheet does not have
_SILENT_ANSWERS = (Intent.MATERIAL, Intent.PAYMENT, Intent.SIZE_STOCK)
# intents whose answer depends on the product (an ambiguous product is asked about first)
_ABOUT_A_PRODUCT = (Intent.PRICE, Intent.SIZE_STOCK, Intent.MATERIAL, Intent.RETURNS, Intent.OTHER)


class ReplyDrafter:
    """See the module docstring. ``faq_matcher`` (text -> faq id or None) is optional."""

    def __init__(
        self,
        sheet: ProductSheet,
        *,
        clock: Callable[[], float],
        polisher: Polisher | None = None,
        faq_matcher: Callable[[str, Product], str | None] | None = None,
        sheet_texts: Callable[[ProductSheet], SheetTexts] | None = None,
    ) -> None:
        self._make_texts = sheet_texts or SheetTexts
        self.set_sheet(sheet)
        self._clock = clock
        self.polisher = polisher
        self.faq_matcher = faq_matcher

    def set_sheet(self, sheet: ProductSheet) -> None:
        old = getattr(self, "texts", None)
        self.sheet = sheet
        self.facts: dict[str, SheetFact] = sheet_facts(sheet)
        if old is not None and _same_texts(old.sheet, sheet):
            old.sheet = sheet  # only the pin changed: the translations still hold
        else:
            self.texts = self._make_texts(sheet)

    def _t(self, text: tpl.Mapping[str, str], lang: str, neutral: bool = False) -> str:
        return self.texts.text(text, lang, neutral=neutral)

    def _name(self, p: Product, lang: str) -> str:
        return self.texts.name(p, lang)

    def draft(
        self,
        u: UnderstoodComment,
        previous: Interaction | None = None,
        revision: int = 0,
    ) -> Draft:
        language = u.language if u.language in tpl.LANGUAGES else "en"
        flags = list(u.flags)
        if language != u.language:
            flags.append(FlagReason.NO_TEMPLATE)
        product = self.sheet.product(u.entities.product_id or "") or self.sheet.pinned
        folded = fold(u.clean_text)
        statements: list[Statement] = []
        silent = False
        questions = [i for i in u.intents if i.is_question][:MAX_INTENTS] or [u.intent]
        candidates = [self.sheet.product(c) for c in u.entities.candidates]
        options = [c for c in candidates if c is not None]
        if len(options) >= 2 and any(i in _ABOUT_A_PRODUCT for i in questions):
            # "how much is the lamp?" with two lamps: ask which one, answer nothing yet
            flags.append(FlagReason.WHICH_PRODUCT)
            questions = []
            statements.append(
                Statement(
                    lambda lang: tpl.render(
                        "which_product",
                        lang,
                        options=tpl.join([self._name(o, lang) for o in options], lang),
                    ),
                    None,
                )
            )
        for intent in questions:
            got, intent_flags = self._answer(intent, u, product, folded, previous)
            flags.extend(intent_flags)
            if not got:
                silent = True
            statements.extend(got)
        specs, spec_cues = self._specs(product, folded)
        if specs:
            rest = folded
            for cue in spec_cues:  # "fabrica" (es: is made) is not the material cue "fabric"
                rest = re.sub(cue.rstrip("$") if is_latin_cue(cue) else re.escape(cue), " ", rest)
            if not find_cues(rest, _MATERIAL_CUES):
                # "where is it made?": the spec asked for, not the material (an E5 "material
                # and quality" guess, or "made" read as material)
                statements = [
                    s for s in statements if s.fact is None or s.fact.kind is not FactKind.MATERIAL
                ]
            known = {s.fact.id for s in statements if s.fact is not None}
            statements.extend(x for x in specs if x.fact is not None and x.fact.id not in known)
            if u.intent in (Intent.OTHER, Intent.MATERIAL):
                silent = False
        faq = self._faq(u, product, folded)
        if faq is not None:
            if u.intent is Intent.OTHER:
                statements, silent = [faq], False
            elif all(
                s.fact is None or faq.fact is None or s.fact.id != faq.fact.id for s in statements
            ):
                statements.append(faq)
        asks = _asks(u)
        check = "check" if asks else "check_plain"  # "Good question!" only for a question
        if FlagReason.WHICH_PRODUCT in flags:
            pass
        elif (silent or not statements) and u.intent is not Intent.GREETING:
            statements.append(Statement(lambda lang: tpl.render(check, lang), None))
            flags.append(FlagReason.SHEET_SILENT)

        cited = tuple(dict.fromkeys(s.fact for s in statements if s.fact is not None))
        seller = self.sheet.seller_language if self.sheet.seller_language in tpl.LANGUAGES else "en"
        # the viewer's language; where a sheet text has no wording in it and no engine makes
        # one, the whole reply in English or the seller's language (flagged), never mixed
        rendered = None
        if statements and _render_all(statements[:1], language, self.sheet) is not None:
            # the answer itself is sayable in the viewer's language: leave out what is not
            # (a return condition written in Korean only) rather than switch languages
            sayable = [x for x in statements if _render_all([x], language, self.sheet)]
            if len(sayable) < len(statements):
                statements = sayable
                cited = tuple(dict.fromkeys(x.fact for x in statements if x.fact is not None))
        for candidate in dict.fromkeys((language, "en", seller, *tpl.LANGUAGES)):
            rendered = _render_all(statements, candidate, self.sheet)
            if rendered is not None:
                if candidate != language:
                    flags.append(FlagReason.NO_LANGUAGE)
                language = candidate
                break
        if rendered is None:  # no one language holds every text: what the seller's holds
            language = seller
            flags.append(FlagReason.NO_LANGUAGE)
            statements = [x for x in statements if _render_all([x], seller, self.sheet)]
            if not statements:
                statements = [Statement(lambda lang: tpl.render(check, lang), None)]
                flags.append(FlagReason.SHEET_SILENT)
            cited = tuple(dict.fromkeys(x.fact for x in statements if x.fact is not None))
            rendered = _render_all(statements, seller, self.sheet) or ""
        text = rendered
        seller_text = _render_all(statements, seller, self.sheet) or text
        if any(self.texts.is_machine(t, language) for t in _texts_of(statements)):
            flags.append(FlagReason.MACHINE_TRANSLATED)
        if FlagReason.WHICH_PRODUCT in flags:
            # "which one: the 3-in-1 Dock or the PowerCell 20K?" states the products' names,
            # digits included: their price facts hold the names' numbers
            named = (self._fact(f"price:{o.id}") for o in options)
            cited = tuple(dict.fromkeys((*cited, *(r for r in named if r is not None))))
        problems = invented_facts(text, cited, self.facts)
        if problems:  # a template/sheet bug: never let it reach a viewer
            log.error("draft for %s would invent %s; replaced", u.comment.id, problems)
            text = tpl.render(check, language)
            seller_text = tpl.render(check, self.sheet.seller_language)
            cited = ()
            flags.append(FlagReason.SHEET_SILENT)
        if self.polisher is not None and cited:
            polished = self.polisher.polish(text, language, cited)
            if invented_facts(polished, cited, self.facts):
                flags.append(FlagReason.POLISH_REJECTED)
            else:
                text = polished
        confidence = u.intent_confidence * (1.0 if cited or u.intent is Intent.GREETING else 0.5)
        if u.language_confidence < 0.3:
            confidence *= 0.8
        return Draft(
            comment_id=u.comment.id,
            viewer_id=u.comment.viewer_id,
            language=language,
            intent=u.intent,
            text=text,
            seller_text=seller_text,
            facts=cited,
            confidence=round(min(1.0, confidence), 3),
            flags=tuple(dict.fromkeys(flags)),
            t_capture=u.comment.t_capture,
            t_emit=self._clock(),
            revision=revision,
            platform=u.comment.platform,
        )

    # --- one intent -------------------------------------------------------------------------

    def _fact(self, fact_id: str) -> FactRef | None:
        fact = self.facts.get(fact_id)
        return fact.ref if fact is not None else None

    def _answer(
        self,
        intent: Intent,
        u: UnderstoodComment,
        p: Product,
        folded: str,
        previous: Interaction | None,
    ) -> tuple[list[Statement], list[FlagReason]]:
        e = u.entities
        out: list[Statement] = []
        flags: list[FlagReason] = []
        if intent is Intent.GREETING:
            out.append(Statement(lambda lang: tpl.render("greeting", lang), None))
        elif intent is Intent.PRICE:
            variant = p.variant(e.variant_sku) if e.variant_sku else None
            price = p.price_in(self._currency(u, folded), variant)
            fid = (
                f"price:{p.id}"
                if variant is None or variant.price is None
                else f"variant:{variant.sku}"
            )
            out.append(
                Statement(
                    lambda lang: tpl.render(
                        "price_plural" if tpl.plural(p.type_names, lang) else "price",
                        lang,
                        product=self._name(p, lang),
                        price=tpl.money(price, lang),
                    ),
                    self._fact(fid),
                )
            )
        elif intent in _SILENT_ANSWERS and FlagReason.SHEET_SILENT in u.flags:
            pass  # no field, method or kind of the sheet is what is asked: the seller checks
        elif intent is Intent.SIZE_STOCK:
            out, flags = self._stock(u, p)
        elif intent is Intent.SHIPPING:
            out, flags = self._shipping(e.country, p)
        elif intent is Intent.MATERIAL and u.fields:
            out.extend(self._fields(p, u.fields))
            asked_material = p.material and find_cues(folded, _MATERIAL_CUES)
            if asked_material and not any(f.endswith(":material") for f in u.fields):
                out.insert(0, self._material(p))
        elif intent is Intent.MATERIAL:
            if p.material:
                out.append(
                    Statement(
                        lambda lang: tpl.render(
                            "material",
                            lang,
                            product=self._name(p, lang),
                            material=self._t(p.material, lang),
                        ),
                        self._fact(f"material:{p.id}"),
                    )
                )
        elif intent is Intent.PAYMENT:
            follow_interest = bool(find_cues(folded, _INTEREST_CUES))
            asks_instalments = bool(find_cues(folded, _INSTALMENT_CUES))
            plan_of = p.payment.instalments if p.payment is not None else None
            if asks_instalments and plan_of is None:
                pass  # "can I pay in instalments?" and the sheet says nothing: the seller checks
            elif p.payment is not None:
                pay = p.payment
                if pay.methods and not follow_interest:
                    out.append(
                        Statement(
                            lambda lang: tpl.render(
                                "pay_methods",
                                lang,
                                methods=tpl.join([tpl.method(m, lang) for m in pay.methods], lang),
                            ),
                            self._fact(f"payment:{p.id}"),
                        )
                    )
                plan = pay.instalments
                if plan is not None:
                    out.append(Statement(tpl.instalments(plan), self._fact(f"instalments:{p.id}")))
        elif intent is Intent.RETURNS:
            warranty_first = bool(find_cues(folded, _WARRANTY_CUES))
            parts: list[Statement] = []
            if p.returns is not None:
                r = p.returns
                parts.append(
                    Statement(
                        self._with_text(
                            "returns_free" if r.free else "returns",
                            "conditions",
                            r.conditions,
                            days=str(r.days),
                        ),
                        self._fact(f"returns:{p.id}"),
                        (r.conditions,),
                    )
                )
            if p.warranty is not None:
                w = p.warranty
                # one year is said in months: the templates' "years" is plural ("1 anos")
                key, amount = (
                    ("warranty_years", {"years": str(w.years)})
                    if w.years and w.years > 1
                    else ("warranty", {"months": str(w.months)})
                )
                parts.append(
                    Statement(
                        self._with_text(key, "covers", w.covers, **amount),
                        self._fact(f"warranty:{p.id}"),
                        (w.covers,),
                    )
                )
            elif p.no_warranty:
                parts.append(Statement(_say("warranty_none"), self._fact(f"warranty:{p.id}")))
            out = list(reversed(parts)) if warranty_first else parts
        elif intent is Intent.DISCOUNT:
            for d in p.discounts:
                if d.percent is None:
                    continue
                fact = self._fact(f"discount:{p.id}:{d.id}")
                pct = format(d.percent.normalize(), "f")
                if d.code:
                    code = d.code
                    out.append(
                        Statement(
                            _say("discount_code", pct=pct, code=code),
                            fact,
                        )
                    )
                elif d.min_quantity:
                    n = str(d.min_quantity)
                    out.append(
                        Statement(
                            _say("discount_bundle", pct=pct, n=n),
                            fact,
                        )
                    )
        return out, flags

    def _stock(self, u: UnderstoodComment, p: Product) -> tuple[list[Statement], list[FlagReason]]:
        e = u.entities
        out: list[Statement] = []
        flags: list[FlagReason] = []
        if not p.variants:
            return out, flags
        variants_fact = self._fact(f"variants:{p.id}")
        if e.variant_sku:
            v = p.variant(e.variant_sku)
            assert v is not None
            out.append(self._stock_line(v))
            if self.sheet.stock_level(v) is StockLevel.OUT:
                alts = [
                    x
                    for x in p.variants_matching(v.size, None) + p.variants_matching(None, v.colour)
                    if x.stock > 0 and x.sku != v.sku
                ]
                if alts:
                    out.append(self._options(alts, variants_fact))
            return out, flags
        offered = {x.casefold() for x in p.sizes}
        if e.size and offered and e.size.casefold() not in offered:
            # A size the product never comes in ("size 44 in the runners?"): say so without
            # repeating the viewer's number (no sheet fact holds it), and list the sizes in stock.
            flags.append(FlagReason.UNKNOWN_VARIANT)
            out.append(
                Statement(
                    lambda lang: tpl.render("no_size", lang, product=self._name(p, lang)),
                    variants_fact,
                )
            )
            sizes = list(dict.fromkeys(v.size for v in p.variants if v.size and v.stock > 0))
            if sizes:
                out.append(
                    Statement(
                        lambda lang: tpl.render(
                            "sizes_in_stock", lang, sizes=tpl.join(sizes, lang)
                        ),
                        variants_fact,
                    )
                )
            return out, flags
        if e.size or e.colour:
            matches = p.variants_matching(e.size, e.colour) or self._named_colour(
                p, e.size, e.colour
            )
            if not matches:
                flags.append(FlagReason.UNKNOWN_VARIANT)
                what_size, what_colour = e.size, e.colour
                out.append(
                    Statement(
                        lambda lang: tpl.render(
                            "not_offered",
                            lang,
                            product=self._name(p, lang),
                            what=" / ".join(
                                x
                                for x in (
                                    what_size,
                                    tpl.colour(what_colour, lang) if what_colour else None,
                                )
                                if x
                            ),
                        ),
                        variants_fact,
                    )
                )
                in_stock = [v for v in p.variants if v.stock > 0]
                if in_stock:
                    out.append(self._options(in_stock, variants_fact))
                return out, flags
            out.extend(self._stock_line(v) for v in matches[:MAX_OPTIONS])
            if any(v.stock > 0 for v in matches):
                return out, flags  # else what is in stock instead, below
        in_stock = [v for v in p.variants if v.stock > 0]
        if in_stock:
            out.append(self._options(in_stock, variants_fact))
        return out, flags

    def _stock_line(self, v: Variant) -> Statement:
        level = self.sheet.stock_level(v)
        key = {
            StockLevel.IN_STOCK: "stock_ok",
            StockLevel.LOW: "stock_low",
            StockLevel.OUT: "stock_out",
        }[level]
        return Statement(
            lambda lang: tpl.render(key, lang, variant=self._label(v, lang), n=str(v.stock)),
            self._fact(f"variant:{v.sku}"),
        )

    def _named_colour(self, p: Product, size: str | None, colour: str | None) -> list[Variant]:
        said = [v for v in p.variants_matching(size, None) if v.colour]
        return tpl.variants_in_colour(said, colour, self.sheet.seller_language)

    def _label(self, v: Variant, lang: str) -> str:
        """A variant's size and colour; its colour alone where every variant of its product has
        the one size ("Negro está agotado", not "80 cm / negro")."""
        p = next((p for p in self.sheet.products if v in p.variants), None)
        one_size = v.colour and p is not None and len({x.size for x in p.variants}) == 1
        return _label(replace(v, size=None) if one_size else v, lang)

    def _options(self, variants: Sequence[Variant], fact: FactRef | None) -> Statement:
        picked = list(dict.fromkeys(variants))[:MAX_OPTIONS]
        if len(picked) == 1 and not self._label(picked[0], "en"):
            # a product with no size or colour: its stock, never "Available: ."
            v = picked[0]
            p = next(p for p in self.sheet.products if v in p.variants)
            key = "stock_low" if self.sheet.stock_level(v) is StockLevel.LOW else "stock_ok"
            n = str(v.stock)
            return Statement(
                lambda lang: tpl.render(key, lang, variant=self._name(p, lang), n=n),
                self._fact(f"variant:{v.sku}"),
            )
        return Statement(
            lambda lang: tpl.render(
                "available", lang, options=tpl.join([self._label(v, lang) for v in picked], lang)
            ),
            fact,
        )

    def _shipping(
        self, country: str | None, p: Product
    ) -> tuple[list[Statement], list[FlagReason]]:
        if not p.shipping:
            return [], []
        if country is None:
            codes = [r.country for r in p.shipping if r.country != "*" and not r.never]
            return [
                Statement(
                    lambda lang: tpl.render(
                        "ship_ask",
                        lang,
                        countries=tpl.join([tpl.country(c, lang) for c in codes], lang),
                    ),
                    None,
                )
            ], []
        rule = p.shipping_to(country)
        if rule is None:
            return [], []
        fact = self._fact(f"shipping:{p.id}:{rule.country}")
        if rule.never:
            return [
                Statement(
                    lambda lang: tpl.render("ship_never", lang, country=tpl.country(country, lang)),
                    fact,
                )
            ], []
        out = [
            Statement(
                lambda lang: tpl.render(
                    "ship_free" if rule.cost.is_zero else "ship",
                    lang,
                    country=tpl.country(country, lang),
                    cost=tpl.money(rule.cost, lang),
                    dmin=str(rule.days_min),
                    dmax=str(rule.days_max),
                ),
                fact,
            )
        ]
        if rule.carrier:
            carrier = rule.carrier
            out.append(Statement(_say("carrier", carrier=carrier), fact))
        if rule.free_over is not None and not rule.cost.is_zero:
            over = rule.free_over
            out.append(
                Statement(
                    lambda lang: tpl.render("ship_free_over", lang, amount=tpl.money(over, lang)),
                    fact,
                )
            )
        return out, []

    def _material(self, p: Product) -> Statement:
        return Statement(
            lambda lang: tpl.render(
                "material", lang, product=self._name(p, lang), material=self._t(p.material, lang)
            ),
            self._fact(f"material:{p.id}"),
            (p.material,),
        )

    def _fields(self, p: Product, fields: Sequence[str]) -> list[Statement]:
        """The fields retrieval found (``spec:width``, ``faq:wash``), said from the sheet."""
        out: list[Statement] = []
        by_key = {f.key: f for f in spec_fields(p, self.sheet.seller_language)}
        answered = False
        for ref in fields:
            kind, _, key = ref.partition(":")
            if kind == "faq":
                entry = next((f for f in p.faq if f.id == key), None)
                if entry is not None:
                    out.append(
                        Statement(
                            self._with_text("faq", "answer", entry.answer),
                            self._fact(f"faq:{p.id}:{entry.id}"),
                            (entry.answer,),
                        )
                    )
                continue
            field = by_key.get(key)
            if field is None or (answered and tpl.yes_no(field.value) is not None):
                continue  # one yes or no per reply: a second reads "No. Yes." without labels
            answered = answered or tpl.yes_no(field.value) is not None
            fact = self._fact(f"spec:{p.id}:{key}") or self._fact(f"material:{p.id}")
            quoted = (field.label,) if field.neutral else (field.value, field.label)
            out.append(Statement(self._say_field(p, field), fact, quoted))
        return out

    def _say_field(self, p: Product, field: SpecField) -> Render:
        answer = tpl.yes_no(field.value)  # "dishwasher_safe: true" says yes first, not "True"
        key = "field" if answer is None else ("field_yes" if answer else "field_no")

        def say(lang: str) -> str:
            value = self._t(field.value, lang, neutral=field.neutral)
            try:
                label = self._t(field.label, lang)
            except MissingText:
                if answer is not None:  # a bare "はい。" says yes to what? The label's language
                    raise
                # no label in this language: the product's name stands for it ("Nube: 210 cm")
                return tpl.render("spec", lang, product=self._name(p, lang), value=value)
            return tpl.render(key, lang, label=label, value=value)

        return say

    def _with_text(self, key: str, slot: str, text: tpl.Mapping[str, str], **values: str) -> Render:
        """Template ``key`` with a sheet text in ``slot``; its ``_plain`` form (no slot) when the
        sheet leaves the text out, so a reply never says "within 30 days ()"."""

        def say(lang: str) -> str:
            if text:
                try:
                    return tpl.render(key, lang, **{slot: self._t(text, lang)}, **values)
                except MissingText:
                    if not tpl.has_template(f"{key}_plain", lang):
                        raise
            # no text, or none in this language: the sentence without it, never "()"
            return tpl.render(f"{key}_plain", lang, **values)

        return say

    def _currency(self, u: UnderstoodComment, folded: str) -> str | None:
        """The currency a price question asks in: one it names (reais, €, USD), else the
        market of the country it names, else the sheet's own."""
        for code, cues in _CURRENCY_CUES.items():
            if find_cues(folded, cues) and any(code in p.prices for p in self.sheet.products):
                return code
        for code, cues in currency_cues_of(self.sheet, u.language).items():
            if find_cues(folded, cues):
                return code  # its name in CLDR, in the audience's languages ("в долларах")
        country = u.entities.country or _LANGUAGE_COUNTRY.get(u.language)
        market = self.sheet.market_for(country)
        return market.currency if market is not None else None

    def _specs(self, p: Product, folded: str) -> tuple[list[Statement], list[str]]:
        """The product's specs the comment asks about (by :data:`SPEC_CUES`, by the spec's
        name, or by one of its values of two words or more), and the cues that matched."""
        out: list[Statement] = []
        matched: list[str] = []
        for name, value in p.specs.items():
            if name in _IDENTITY_SPECS or name.startswith("colour"):
                continue
            cues = [*SPEC_CUES.get(name, ()), fold(name.replace("_", " ")) + "$"]
            for v in value.values():
                if len(v.split()) >= 2 and len(v) < 40:  # Latin cues are regexes: escape
                    cues.append(re.escape(fold(v)) if is_latin_cue(fold(v)) else fold(v))
            hits = find_cues(folded, cues)
            if not hits:
                continue
            matched.extend(hits)
            out.append(Statement(self._say_spec(p, value), self._fact(f"spec:{p.id}:{name}")))
        return out, matched

    def _say_spec(self, p: Product, value: tpl.Mapping[str, str]) -> Render:
        return lambda lang: tpl.render(
            "spec", lang, product=self._name(p, lang), value=self._t(value, lang)
        )

    def _faq(self, u: UnderstoodComment, p: Product, folded: str) -> Statement | None:
        entry = None
        best: tuple[int, int] | None = None
        for f in p.faq:
            hits = find_cues(folded, f.keywords)
            if not hits:
                continue
            # most keywords wins; on a tie the one named first ("shrink after washing")
            first = min(folded.find(h.rstrip("$")) % (len(folded) + 1) for h in hits)
            score = (len(hits), -first)
            if best is None or score > best:
                entry, best = f, score
        if entry is None and self.faq_matcher is not None and u.intent is Intent.OTHER:
            fid = self.faq_matcher(u.clean_text, p)
            entry = next((f for f in p.faq if f.id == fid), None)
        if entry is None:
            return None
        answer = entry.answer
        return Statement(
            lambda lang: tpl.render("faq", lang, answer=self._t(answer, lang)),
            self._fact(f"faq:{p.id}:{entry.id}"),
            (answer,),
        )


def _say(key: str, **values: str) -> Render:
    return lambda lang: tpl.render(key, lang, **values)


# "can I pay in instalments?" (folded): without a plan in the sheet the seller will check
_INSTALMENT_CUES = (
    "instal",
    "parcel",
    "cuota",
    "a plazos",
    "meses sin",
    "raten",
    "en plusieurs fois",
    "mensualit",
    "a rate$",
    "分期",
    "分割",
    "할부",
    "ผ่อน",
    "cicil",
    "tra gop",
    "taksit",
    "рассрочк",
    "किस्त",
    "تقسيط",
    "\\d+ ?x$",
)
# a language spoken in one market's country: its price list unless the comment says otherwise
# (pt, es, en, fr, ar span many countries: no guess)
_LANGUAGE_COUNTRY = {
    "ko": "KR",
    "ja": "JP",
    "zh": "CN",
    "de": "DE",
    "it": "IT",
    "id": "ID",
    "vi": "VN",
    "th": "TH",
    "ru": "RU",
    "tr": "TR",
    "hi": "IN",
}
# currency names viewers use (folded); symbols are matched as written
_CURRENCY_CUES: dict[str, tuple[str, ...]] = {
    "BRL": ("r[$]", "reais$", "real$", "brl$", "em reais"),
    "EUR": ("€", "euro", "eur$"),
    "USD": ("us[$]", "usd$", "dolar", "dollar"),
    "GBP": ("£", "gbp$", "pound", "libra"),
    "JPY": ("円", "jpy$", "yen$"),
    "CNY": ("元", "rmb$", "cny$", "人民币"),
    "MXN": ("mxn$", "pesos?$"),
    "INR": ("₹", "rupee", "inr$", "रुपये"),
    "KRW": ("원", "krw$", "won$"),
}


def _render_all(statements: Sequence[Statement], lang: str, sheet: ProductSheet) -> str | None:
    """The statements said in ``lang``; None when a sheet text has no wording in it or the
    reply would quote sheet text of another language."""
    try:
        text = " ".join(tpl.sentence(x.say(lang)) for x in statements)
    except MissingText:
        return None
    return None if foreign_sheet_texts(text, lang, sheet) else text


def _asks(u: UnderstoodComment) -> bool:
    """The viewer visibly asked: a question mark and a question intent (not a joke or chat:
    "are you single?"). Without the mark the
    intent may be a guess (praise read as a spec question: "와 텐트 너무 예쁘다"), and "Good
    question!" to a compliment, a joke or an order reads as a bot; the plain "the seller will
    check" costs nothing when it was a question after all."""
    asked = any(ch in u.clean_text for ch in "?？؟¿")
    return asked and u.intent not in (Intent.OTHER, Intent.GREETING)


def _texts_of(statements: Sequence[Statement]) -> list[tpl.Mapping[str, str]]:
    return [t for s in statements for t in s.texts]


def _same_texts(a: ProductSheet, b: ProductSheet) -> bool:
    return a.products is b.products or a.products == b.products


def _label(v: Variant, lang: str) -> str:
    return " / ".join(x for x in (v.size, tpl.colour(v.colour, lang) if v.colour else None) if x)
