"""Whether two discounts add up: "does the code stack with the 4-item discount?",
"クーポンと4点割引って併用できる？", "cupom e desconto de 3 acumulam?".

Every blind set from the third round on asked it, and no sheet but one said: the answer is the
seller's to give. A discount reply to such a question lists the discounts, as before, and is
flagged for the seller to check, unless a discount's note or the FAQ speaks of combining ("not
combinable with LIVE20"), which is then the answer.

The words are ``stacking_cues`` in ``common.yaml`` (they ask it alone) and
``stacking_weak_cues`` ("together", "both": they ask it only beside two discounts or a code, so
that "the lamp and the vase together, any discount?" stays a bundle question).
"""

from __future__ import annotations

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import Discount, Product, ProductSheet
from sola_studio.comments.events import Intent
from sola_studio.comments.lexicon import (
    WHOLESALE_MIN,
    asks_wholesale,
    find_cues,
    fold,
    intent_hits,
)
from sola_studio.comments.understand_rules import names_a_code

STACKING_CUES = tuple(w for words in lang_data.common().stacking_cues.values() for w in words)
WEAK_CUES = tuple(w for words in lang_data.common().stacking_weak_cues.values() for w in words)


def asks_stacking(sheet: ProductSheet, folded: str, text: str) -> bool:
    """The comment asks whether discounts combine (see the module's docstring)."""
    if find_cues(folded, STACKING_CUES):
        return True
    if not find_cues(folded, WEAK_CUES):
        return False
    cues = {h.cue for h in intent_hits(folded) if h.intent is Intent.DISCOUNT}
    named = len(cues) + names_a_code(sheet, text) + ("%" in text)
    return named >= 2


def stacking_notes(p: Product) -> list[Discount]:
    """The product's discounts whose note speaks of combining ("not combinable with LIVE20")."""
    return [
        d for d in p.discounts if any(find_cues(fold(t), STACKING_CUES) for t in d.note.values())
    ]


def stacking_unsaid(p: Product) -> bool:
    """The product has two discounts or more and no discount note or FAQ entry of it says
    whether they combine: asked, the seller checks."""
    if len([d for d in p.discounts if d.percent is not None]) < 2 or stacking_notes(p):
        return False
    said = [t for f in p.faq for t in (*f.answer.values(), *f.questions.values(), f.question)]
    return not any(find_cues(fold(t), STACKING_CUES) for t in said)


def wholesale_discount(p: Product, folded: str) -> list[Discount]:
    """The discount a shop buying to sell on asks for ("cena hurtowa?", "por mayoreo?"): the
    one from the largest quantity, of WHOLESALE_MIN pieces at least; none where no wholesale
    word is said or no discount is one."""
    if not asks_wholesale(folded):
        return []
    counted = [d for d in p.discounts if (d.min_quantity or 0) >= WHOLESALE_MIN]
    return [max(counted, key=lambda d: d.min_quantity or 0)] if counted else []
