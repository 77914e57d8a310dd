"""Comments that ask two things at once: "was kostet der in euro? und versand nach
deutschland?", "how big is the bottle and price", "12g minnow in stock? how much".

Read whole, such a comment gets one intent: the one the rules rank first, or a field whose words
outweigh the other question ("how big is the bottle" beats "price"). The blind sets' judges
counted "only half answered" as the second most common wrong draft. So a comment is cut at its
question marks and at the words that join two questions (``common.yaml`` ``clause_joins``, in
the comment's language and English), each part is understood alone, and where two or more parts
ask different questions the sheet can answer, the comment asks all of them. Everything else the
comment says (its product, size, country, flags) is still read from the whole text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from sola_studio import lang as lang_data
from sola_studio.comments.events import FlagReason, Intent, UnderstoodComment

MAX_PARTS = 3  # a chat line asking more than three things is read whole
PART_SURE = 0.75  # a part's intent counts when found at least this surely (cues: 0.8-0.95)
_QUESTION_END = re.compile(r"[?？؟]+")
# a bare "how much?" right after one of these asks its cost, not the product's price
_PRICED_BEFORE = frozenset((Intent.SHIPPING, Intent.PAYMENT, Intent.RETURNS, Intent.DISCOUNT))
_EDGE = ",.;:!¡¿…-–—()\"'"


@lru_cache(maxsize=32)
def _joins(language: str) -> frozenset[str]:
    table = lang_data.common().clause_joins
    # lower case, accents kept: Italian "è" (is) and Portuguese "é" are no "e" (and)
    return frozenset(w.casefold() for code in (language, "en") for w in table.get(code, ()))


def clause_parts(text: str, language: str) -> list[str]:
    """The parts of ``text`` that may each ask a question: cut at question marks and at join
    words with words on both sides; one part (``[text]``) when there is nothing to cut, and
    the whole text again when it would make more than :data:`MAX_PARTS`."""
    joins = _joins(language)
    parts: list[str] = []
    for piece in _QUESTION_END.split(text):
        words: list[str] = []
        for word in piece.split():
            if word.casefold().strip(_EDGE) in joins:
                if words:
                    parts.append(" ".join(words))
                words = []
            else:
                words.append(word)
        if words:
            parts.append(" ".join(words))
    parts = [p for p in parts if any(ch.isalnum() for ch in p)]
    if len(parts) > MAX_PARTS:
        return [text]
    return parts or [text]


def _answerable(u: UnderstoodComment) -> bool:
    """A part that asks something the sheet answers by its own kind of fact (price, stock,
    shipping, payment, returns, discount), found surely. A part read as a spec question is
    left to the whole comment: cut from its context, "waschen" of "Bezug abnehmen und
    waschen" or "wie viel dB" matched fields the whole did not ask about (the spent sets)."""
    return (
        u.intent.is_question
        and u.intent not in (Intent.OTHER, Intent.MATERIAL)
        and u.intent_confidence >= PART_SURE
        and FlagReason.SHEET_SILENT not in u.flags
        and FlagReason.HOSTILE not in u.flags
    )


def joined(
    whole: UnderstoodComment, parts: list[UnderstoodComment], priced: list[bool]
) -> UnderstoodComment | None:
    """``whole`` asking every question its ``parts`` ask, in their order, after the spec
    question the whole asks (its fields); None when the parts ask no more than the whole.
    ``priced[i]``: part i names a currency ("was kostet der Bikini in Euro")."""
    asked: list[UnderstoodComment] = []
    for p, currency in zip(parts, priced, strict=True):
        after = {a.intent for a in asked}
        bare = p.entities.product_implied and not currency
        if p.intent is Intent.PRICE and bare and _PRICED_BEFORE & after:
            continue  # "se puede enviar a España? cuanto cuesta?": the shipping's cost
        if _answerable(p):
            asked.append(p)
    intents = list(dict.fromkeys(p.intent for p in asked))
    if whole.intent is Intent.MATERIAL and whole.fields and len(asked) < len(parts):
        # a part asks about a field ("cushion covers how much? what size"): the whole's fields
        # answer it. When every part asks something else ("선스틱은 얼마에요? 품절이에요?": price,
        # stock), the field the whole was matched to answers nothing asked
        intents = [Intent.MATERIAL, *intents]
    if len(intents) < 2 or set(intents[:2]) <= set(whole.intents[:2]):
        return None
    rest = [i for i in whole.intents if i not in intents and i.is_question]
    entities = whole.entities
    for p in asked:
        e = p.entities
        if e.product_id != entities.product_id:
            continue
        entities = replace(
            entities,
            variant_sku=entities.variant_sku or e.variant_sku,
            size=entities.size or e.size,
            colour=entities.colour or e.colour,
            country=entities.country or e.country,
        )
    return replace(
        whole,
        intent=intents[0],
        intents=(*intents, *rest),
        intent_confidence=min(whole.intent_confidence, *(p.intent_confidence for p in asked)),
        entities=entities,
        fields=whole.fields if Intent.MATERIAL in intents else (),
        flags=tuple(f for f in whole.flags if f is not FlagReason.SHEET_SILENT),
    )
