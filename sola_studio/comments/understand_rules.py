"""The rules :mod:`sola_studio.comments.understand` decides an intent by, as plain functions of
cue hits, field hits and entities: which intent the word lists rank first, whose language the
cues are written in, whether a spec field answers rather than a cue's intent, how sure the field
ranking is, and how a follow-up's slots merge with the question it continues. Split from
``understand.py`` (which runs them on a comment) so that neither grows past the line limit;
the thresholds are tuned on the blind development set (see docs/comments.md).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import Product, ProductSheet
from sola_studio.comments.entities import said_value
from sola_studio.comments.events import Entities, Intent
from sola_studio.comments.intent_embedder import IntentEmbedder
from sola_studio.comments.language import TWINS
from sola_studio.comments.lexicon import (
    INTENT_PRIORITY,
    WHOLESALE_MIN,
    asks_wholesale,
    fold,
    is_latin_cue,
    strip_cues,
    without_notes,
)
from sola_studio.comments.memory import Interaction
from sola_studio.comments.neighbours import IntentNeighbours
from sola_studio.comments.options import NUMBER, leading_number, letter_option, measures
from sola_studio.comments.products import ProductFinder
from sola_studio.comments.retrieval import STOP_WORDS, FieldHit, spelt_units
from sola_studio.core.errors import SolaError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Context:
    """What the understander knows of the viewer before this comment."""

    previous: Interaction | None = None
    previous_language: str | None = None
    shown: tuple[str, ...] = ()  # products pinned earlier in the show, the latest first
    country: str | None = None  # the one the viewer named last (UnderstoodComment.viewer_country)


# Retrieval over the sheet's fields (tuned on the blind development set, see docs/comments.md).
# A field's similarity alone says little (E5 puts "how much is it?" at 0.89 from "Width: 210
# cm"); what counts is whether the question is closer to a field than to any other intent's
# examples.
SPEC_MIN = 0.86  # a field this similar answers a material/spec question with no other sign
FIELD_MIN = 0.80  # below this, no field is named (the drafter says material, or will check)
SPEC_OVER_INTENT = -0.02  # a cue-less question: spec this close to the best intent wins
SPEC_OVER_CUE = 0.0  # a question with another intent's cue: the field must beat that intent
SPEC_OVER_CUE_UNNAMED = 0.005  # ... by this much when no word of the question names the field
LEXICAL_BONUS = 0.03  # the question holds a word of the field's label or key
SPEC_KEEP = 0.02  # the fields within this of the best are answered too (at most two)
_SPEC_OVERRIDES = (Intent.SHIPPING, Intent.SIZE_STOCK, Intent.OTHER, Intent.PRICE)
# Intents the word lists find alone, with the sheet's own words (currencies, codes, payment
# methods): on the blind development set no comment without one of their cues was of these
# intents, while E5 put 4 spec questions among them ("dá pra nadar com ele?" as payment at
# 0.92). Where the word lists beat retrieval, retrieval does not second-guess them.
CUE_ONLY = (Intent.PRICE, Intent.SHIPPING, Intent.PAYMENT, Intent.DISCOUNT)
# Calibration of "which field": when the best two fields are this close, neither named by a
# word of the question, and the best is not this similar, the sheet is treated as silent
# (blind dev: 3 of 6 such answers were to silent-sheet questions, the rest mostly wrong fields).
UNSURE_MARGIN = 0.0025
UNSURE_BELOW = 0.85
# two unnamed fields this close are no answer against a stock or price cue, however
# similar ("เหลือกี่ตัวคะ", how many are left: "handmade" 0.870, "weight" 0.867)
CUE_TIE_MARGIN = 0.005
# The silent sheet: a question none of whose words is in the product's texts, whose best field
# is not this far ahead of the next, asks what the sheet does not say (blind dev and round 3:
# such near-ties were 10 silent-sheet questions and 4 answerable ones; a field clearly ahead,
# "taş gerçek firuze mi" -> the stone, is kept)
SILENT_MARGIN = 0.015
GREETING_WITH_QUESTION_WORDS = 5  # words beside a greeting that may ask without a "?"


# The question words themselves name the language where lingua, limited to the show's audience,
# cannot ("gibt es Garantie?" read as Spanish, "kirim ke jakarta?" as Turkish on the blind set):
# two cues of one language and none of the guessed one, or one cue when the guess is weak.
CUE_LANGUAGE_WEAK_GUESS = 0.4


def _cue_language(hits: Sequence[Any], guessed: str, confidence: float) -> str | None:
    """The language the comment's intent cues are written in, when it overrules the guess."""
    cues: dict[str, set[str]] = {}
    for h in hits:
        cues.setdefault(h.language, set()).add(h.cue)
    if not cues or guessed in cues:
        return None
    ranked = sorted(cues.items(), key=lambda kv: len(kv[1]), reverse=True)
    top, n = ranked[0][0], len(ranked[0][1])
    if len(ranked) > 1 and len(ranked[1][1]) == n:
        return None  # a tie ("ship" is English and Vietnamese chat)
    if TWINS.get(top) == guessed or TWINS.get(guessed) == top:
        # Malay and Indonesian were told apart by their own words already: a cue of the one
        # ("garansi") in the other's chat is a word both write ("nozzle ni garansi tak?")
        return None
    if n >= 2 or confidence < CUE_LANGUAGE_WEAK_GUESS:
        return top
    return None


# a Latin word of four letters, or two letters of a script written without inflection
# markers between words (Hangul, Han, kana, Thai: "백탁 있어요?")
_CONTENT_WORD = re.compile(r"[a-z\u00c0-\u024f]{4,}|[^\W\d_a-z\u00c0-\u024f]{2,}")


def _more_than_cues(folded: str, hits: Sequence[Any]) -> bool:
    """Words beside the intent cues and the products' names: something else is asked about
    ("quanto ci mette a ricaricarsi?", not "how mutch for the sneakers")."""
    # a Latin cue matches a word's start: strip the whole word ("ship" of "shipping" leaves
    # no "ping")
    whole = [
        h.cue + ("[a-z]*" if is_latin_cue(h.cue) and not h.cue.endswith("$") else "") for h in hits
    ]
    rest = strip_cues(folded, whole)
    return any(w not in STOP_WORDS for w in _CONTENT_WORD.findall(rest))


def _letter_words(text: str) -> int:
    """Words holding a letter (an emoji is no word)."""
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def _unsure(hits: Sequence[FieldHit]) -> bool:
    if len(hits) < 2:
        return False
    top, second = hits[0], hits[1]
    return top.score < UNSURE_BELOW and top.score - second.score < UNSURE_MARGIN


def _tied(hits: Sequence[FieldHit]) -> bool:
    """The best two fields within ``CUE_TIE_MARGIN``: retrieval cannot tell which is asked."""
    return len(hits) >= 2 and hits[0].score - hits[1].score < CUE_TIE_MARGIN


def cue_backed(
    neighbours: IntentNeighbours | None, query: Any, intent: Intent, hits: Sequence[FieldHit]
) -> bool:
    """A stock or price cue stands against fields no word of the question names
    where the nearest real comments vote its intent first ("còn mấy cái shop", how many are
    left, 0.61 stock, against a gift FAQ at 0.909), or where the two best fields are tied and
    the comments do not vote a field question ("wie viele Gleise sind im Ergänzungspaket?" is
    one, 0.68)."""
    tied = _tied(hits)
    if neighbours is None or query is None:
        return tied
    voted = neighbours.vote(query)[0]
    return voted is intent or (tied and voted is not Intent.MATERIAL)


def _near_tie(hits: Sequence[FieldHit]) -> bool:
    """The best field is not clearly ahead of the next (see SILENT_MARGIN)."""
    return len(hits) >= 2 and hits[0].score - hits[1].score < SILENT_MARGIN


def _method_cues(sheet: ProductSheet) -> tuple[str, ...]:
    """The sheet's payment methods as cues ("MB WAY", "Multibanco", "Pix"): a comment naming
    one asks about paying, in any language. Generic methods the language files translate
    ("card": an SD card is no payment) are left to the intent cues."""
    english = lang_data.language("en")
    generic = set(english.payment_methods) if english is not None else set()
    names = {
        fold(without_notes(m))
        for p in sheet.products
        if p.payment is not None
        for m in p.payment.methods
    } - generic
    return (
        tuple(
            (re.escape(n).replace("\\ ", " ") + "$") if is_latin_cue(n) else n
            for n in sorted(names)
            if len(n) >= 3
        )
        + WALLETS
    )


# Payment services known by name worldwide: "klarna?" asks about paying whether or not the
# sheet lists it (the draft then says which methods it has). Not "ideal" (English) nor "dana"
# (a name): only names no other word shares.
WALLETS: tuple[str, ...] = (
    "klarna$",
    "paypal$",
    "apple pay$",
    "google pay$",
    "afterpay$",
    "blik$",
    "bancontact$",
    "alipay$",
    "wechat pay$",
    "gopay$",
    "shopeepay$",
    "venmo$",
    "zelle$",
    "revolut$",
    "twint$",
    "przelewy24$",
    "satispay$",
    "scalapay$",
    "mb way$",
    "mercado pago$",
    "paytm$",
    "phonepe$",
    "promptpay$",
    "momo$",
    "zalopay$",
    "kakaopay$",
    "카카오페이",
    "支付宝",
    "微信支付",
)


def _spec_question(
    intents: list[Intent],
    hits: Sequence[FieldHit],
    entities: Entities,
    query: Any,
    embedder: IntentEmbedder | None,
    colour_asked: bool = False,
) -> tuple[float, tuple[str, ...]] | None:
    """``(confidence, fields)`` when the question asks about the product's own fields."""
    if not hits or embedder is None or query is None:
        return None
    top = hits[0]
    top_score = top.score + (LEXICAL_BONUS if top.lexical else 0.0)
    fields = tuple(
        f"{h.kind}:{h.key}"
        for h in hits[:2]
        if h.score >= top.score - SPEC_KEEP
        and h.score >= FIELD_MIN
        and (h.lexical or not top.lexical or h is top)
    )
    scores = embedder.scores(query)
    others = {i: v for i, v in scores.items() if i is not Intent.MATERIAL}
    if not intents:
        others = {i: v for i, v in others.items() if i not in CUE_ONLY}
    if intents and intents[0] is Intent.MATERIAL:
        # a material cue ("made of", "tecido"): the field retrieval is sure of, else the
        # product's material as before
        strong = top.score >= SPEC_MIN or (top.lexical and top.score >= FIELD_MIN)
        return (0.95, fields) if strong and fields else None
    if not intents:
        best_other = max(others.values())
        proto = scores.get(Intent.MATERIAL, -1.0)
        # the question is nearer a field, or the spec examples, than any other intent
        by_field = top_score >= best_other + SPEC_OVER_INTENT
        by_examples = proto >= best_other + SPEC_OVER_INTENT
        if not (by_field or by_examples):
            return None
        return 0.85, fields
    # a colour asked by the word "colour" counts as named ("クリーム色まだある？": the cream
    # one, though no colour word of the language files says cream)
    named = entities.size or entities.colour or entities.country or colour_asked
    if intents[0] in _SPEC_OVERRIDES and not named and fields:
        cue_score = scores.get(intents[0], -1.0)
        # a field no word of the question names must win clearly ("is shipping free?" beside
        # two product names is still shipping)
        need = SPEC_OVER_CUE if top.lexical else SPEC_OVER_CUE_UNNAMED
        if top_score >= cue_score + need:
            return 0.85, fields
    return None


def _rank(hits: Sequence[Any]) -> list[Intent]:
    counts: dict[Intent, int] = {}
    for hit in hits:
        counts[hit.intent] = counts.get(hit.intent, 0) + 1
    if not counts:
        return []
    questions = {i: n for i, n in counts.items() if i is not Intent.GREETING}
    ordered: list[Intent] = sorted(questions, key=INTENT_PRIORITY.index)
    if Intent.GREETING in counts:
        ordered.append(Intent.GREETING)
    return ordered


def _merge(now: Entities, before: Entities) -> Entities:
    """Fill what this comment left out from the earlier one (same product unless renamed)."""
    same_product = now.product_implied or now.product_id == before.product_id
    if not same_product:
        return now
    if now.product_implied and before.product_implied and now.product_id != before.product_id:
        # neither named a product and the seller has pinned another one since: the viewer is
        # asking about what is on screen now, not what was then
        return replace(now, country=now.country or before.country)
    return replace(
        now,
        product_id=before.product_id if now.product_implied else now.product_id,
        product_implied=now.product_implied and before.product_implied,
        size=now.size or before.size,
        colour=now.colour or before.colour,
        country=now.country or before.country,
    )


_UNIT_AFTER_NUMBER = re.compile(r"\d\s?([^\W\d_]{2,3})(?![^\W_])")  # "300 ml" -> "ml"
_ONE_LETTER_UNIT = re.compile(r"\d\s?([lgmvwh])(?![^\W_])")  # "3 l teneke" -> "l"


def in_variant(product: Product, sku: str | None, folded: str) -> bool:
    """A measure the comment gives ("55 cm") is one the variant ``sku`` is named by, or a
    value of it in words or the number its option starts with ("Long Handle", "left",
    "kit de 50" of "50 pedras") that not every variant has, or its one-letter option ("X")."""
    variant = product.variant(sku or "")
    if variant is None:
        return False
    return (
        bool(measures(fold(variant.label)) & measures(folded))
        or bool(variant_words(product, variant.sku, folded))
        or any(_one_letter_said(value, folded) for _k, value in variant.options)
    )


def variant_words(product: Product, sku: str | None, folded: str) -> tuple[str, ...]:
    """The values of the variant ``sku`` the comment names in words or by the number an option
    starts with, leaving out values every variant has ("men" of gloves sold only for men)."""
    variant = product.variant(sku or "")
    if variant is None:
        return ()
    values = [v for v in (variant.size, variant.colour, *(x for _k, x in variant.options)) if v]
    shared = {
        v
        for v in values
        if all(v in (o.size, o.colour, *dict(o.options).values()) for o in product.variants)
    }
    options = {x for _k, x in variant.options}
    numbers = set(NUMBER.findall(folded))
    return tuple(
        value
        for value in values
        if value not in shared
        and (said_value(folded, value) or (value in options and leading_number(value) in numbers))
    )


def _one_letter_said(value: str, folded: str) -> bool:
    """An option of one capital consonant ("X" flex) said alone ("X강도 재고 있나여?")."""
    if not letter_option(value):
        return False
    return re.search(r"(?<![a-z0-9])" + value.lower() + r"(?![a-z0-9])", folded) is not None


def variant_unit(product: Product, folded: str) -> bool:
    """The comment names a unit (two letters at least: "ml", "kg"; or one spelt out in any
    language: "а 3 литра", "2 litros") the product's variants are measured in ("300 ml",
    "1 kg", "3 L teneke")."""
    labels = [fold(v.label) for v in product.variants]
    units = {u for label in labels for u in _UNIT_AFTER_NUMBER.findall(label)}
    said = set(re.findall(r"[^\W\d_]+", folded))
    if units & said:
        return True
    units |= {u for label in labels for u in _ONE_LETTER_UNIT.findall(label)}
    return bool(units & spelt_units(folded, said))


def names_a_code(sheet: ProductSheet, text: str) -> bool:
    """The comment holds a word like one of the sheet's discount codes (its letters and any
    digits: "DALBIT50" for DALBIT25)."""
    # a code is written with digits or in capitals ("DALBIT50"), not "live" in a sentence
    words = {
        w.upper()
        for w in re.findall(r"[A-Za-z]{3,}\d*", text)
        if any(ch.isdigit() for ch in w) or w.isupper()
    }
    for p in sheet.products:
        for d in p.discounts:
            if d.code:
                code = d.code.upper()
                if code in words:
                    return True  # the code itself, however short ("OTO8 使えますか")
                stem = re.sub(r"\d+$", "", code)
                if len(stem) >= 4 and any(w.startswith(stem) for w in words):
                    return True
    return False


def translate_comment(
    translator: Any | None, text: str, language: str, target: str
) -> tuple[str | None, str | None]:
    """The comment in the seller's language ``target`` and a note for the seller when it
    cannot be (no engine, no model for the pair, a failure: each with the command that fixes it)."""
    if language == target:
        return text, None
    fix = f"sola-studio models install bergamot:{language}-{target}"
    if translator is None:
        return None, f"no translation engine loaded (fix: {fix})"
    if not translator.supports(language, target):
        return None, f"no translation model for {language}->{target} (fix: {fix})"
    try:
        out = translator.translate([text], language, [target])
        return out[target][0], None
    except SolaError as exc:
        log.warning("translation %s->%s failed: %s", language, target, exc)
        return None, f"translation failed: {exc.message} (fix: {exc.fix or fix})"


def greeting_asks(hits: Sequence[Any], folded: str, intents: list[Intent], asks: bool) -> bool:
    """A greeting that may hold a question: with a "?", or five words or more beside its cues
    ("gorgeous lamp, how tall is it": chat often leaves the question mark out)."""
    if intents != [Intent.GREETING]:
        return False
    cues = [h.cue for h in hits if h.intent is Intent.GREETING]
    return asks or _letter_words(strip_cues(folded, cues)) >= GREETING_WITH_QUESTION_WORDS


def wholesale_intents(
    folded: str, intents: list[Intent], sheet: ProductSheet
) -> list[Intent] | None:
    """A shop asking to buy to sell on ("mam sklep, jest jakaś cena hurtowa?", "do you do
    wholesale?"): an FAQ entry the seller wrote on it answers it (None: read as before); else
    the sheet's discount from many pieces, in place of the price list "cena" asks for; else
    no price (the seller says, or the discounts there are where one was asked: a bundle of
    three is no wholesale rate). None where no wholesale word is said."""
    if not asks_wholesale(folded):
        return None
    entries = {f.id: f for p in sheet.products for f in p.faq}.values()
    if any(asks_wholesale(fold(" ".join([f.question, *f.questions.values()]))) for f in entries):
        return None
    rest = [i for i in intents if i not in (Intent.PRICE, Intent.GREETING)]
    if any((d.min_quantity or 0) >= WHOLESALE_MIN for p in sheet.products for d in p.discounts):
        return [Intent.DISCOUNT, *(i for i in rest if i not in (Intent.DISCOUNT, Intent.OTHER))]
    return rest or [Intent.OTHER]  # "bulk discount?" still lists the discounts there are


def chosen_product(
    products: ProductFinder, folded: str, intents: list[Intent], prev: Interaction
) -> str | None:
    """The product a short reply picks among those the desk asked the viewer to choose from,
    by a word of its names no other has ("a de ferro", "the black one"), or None."""
    candidates = prev.entities.candidates
    if len(candidates) < 2 or len(folded.split()) > 6:
        return None
    if intents and intents != [Intent.GREETING] and intents[0] is not prev.intent:
        return None
    return products.among(folded, candidates)
