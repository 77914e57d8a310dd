"""What a question asks for that the sheet does not list: a payment method by name ("Можно
оплатить картой МИР?") or a kind of product ("vous avez la même en bracelet ?"). Either is for
the seller to answer ("the seller will check"), not answered with the methods or colours the
sheet does have. Split from :mod:`sola_studio.comments.understand`, which decides the intent
and asks these two checks of a payment or a stock question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.entities import EntityFinder
from sola_studio.comments.events import Intent
from sola_studio.comments.lexicon import INTENT_CUES, CueHit, fold
from sola_studio.comments.retrieval import STOP_WORDS, FieldIndex

# "in <a kind>": the word after "in" (en, de, it), "en"/"comme" (fr, es), "em"/"como" (pt),
# "als" (de), an article between ("la même en bracelet", "tem em couro?")
_IN_A_KIND = re.compile(
    r"(?<![a-z])(?:in|en|em|als|como|comme)\s+(?:(?:la|le|les|el|a|o|un|une|uno|una|um|uma|the"
    r"|an|einem|einer|eine|ein)\s+)?([a-z\u00c0-\u024f]{4,})(?![a-z])"
)
# a word of two letters or more, any alphabet (a proper name the payment check reads)
_PROPER = re.compile(r"[^\W\d_]{2,}")


class Unlisted:
    """The two checks for one sheet (built again when the sheet changes)."""

    def __init__(
        self, sheet: ProductSheet, entities: EntityFinder, field_index: FieldIndex | None
    ) -> None:
        self._named = sheet_names(sheet)
        self._entities = entities
        self._field_index = field_index
        self._methods = [m for p in sheet.products if p.payment for m in p.payment.methods]

    def method(self, text: str) -> bool:
        """The comment names something by a name written in capitals ("картой МИР?", "SEPA
        ok?") that is no payment method, product, currency or country the sheet or the
        language files know. Only capitals: German writes every noun with a capital ("geht
        Klarna auch in 3 Raten?"). A comment written all in capitals names nothing so."""
        if text.upper() == text or other_payment_service(self._methods, fold(text)):
            return False  # a service by name is said not to be one of the sheet's (answers.py)
        for m in _PROPER.finditer(text):
            word = m.group(0)
            if not word.isupper() or len(word) < 3:
                continue
            folded = fold(word)
            if folded in self._named or self._entities.find(folded, word).country is not None:
                continue
            return True
        return False

    def kind(self, folded: str, hits: Sequence[CueHit]) -> bool:
        """A stock question asks for the product "in" something no text of the sheet names
        ("la même en bracelet", "gibt es den auch als Kissen?"): the word after "in" and its
        kin in the desk's languages, less the cues, when the sheet has no word like it."""
        if self._field_index is None:
            return False
        cued = {w for h in hits for w in re.findall(r"[a-z]+", h.cue)}  # "in stock"
        return any(
            w not in STOP_WORDS and w not in cued and not self._field_index.sheet_knows(w)
            for w in _IN_A_KIND.findall(folded)
        )


def sheet_names(sheet: ProductSheet) -> frozenset[str]:
    """Every word (folded) the sheet or the language files name things with: payment methods
    and payment cues in every language, products' names, aliases and types, the seller,
    currencies."""
    texts: list[str] = [sheet.seller_name, sheet.currency]
    texts.extend(c for m in sheet.markets for c in (m.currency, *m.countries))
    for data in lang_data.tables().each():
        texts.extend(data.payment_methods)
        texts.extend(data.payment_methods.values())
    # the payment cues name generic ways to pay ("COD hai kya?", "EMI milti hai?"): the
    # sheet's list answers them
    texts.extend(c for cues in INTENT_CUES.get(Intent.PAYMENT, {}).values() for c in cues)
    for p in sheet.products:
        texts.extend((p.name, *p.aliases, *p.names.values(), *p.type_names.values()))
        texts.extend(a for v in p.alias_names.values() for a in v)
        texts.extend(p.prices)
        if p.payment is not None:
            texts.extend(p.payment.methods)
    return frozenset(fold(w) for t in texts if t for w in _PROPER.findall(t))


def other_payment_service(methods: Sequence[str], folded: str) -> str | None:
    """A payment service the comment names (``payment_brands`` in ``common.yaml``, as its maker
    writes it) that none of the sheet's ``methods`` is: "pwede po ba GCash?" of a sheet taking
    cards and PayPal. None where the comment names none, or one the sheet takes."""
    taken = " | ".join(fold(m) for m in methods)
    for brand, pattern in _payment_services():
        if pattern.search(folded) and not pattern.search(taken):
            return brand
    return None


@lru_cache(maxsize=1)
def _payment_services() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # "Mercado Pago" is "mercadopago" too, "Touch 'n Go" "touch n go"
    return tuple(
        (brand, re.compile(r"(?<![^\W_])" + r"[\W_]*".join(words) + r"(?![^\W_])"))
        for brand in lang_data.common().payment_brands
        if (words := re.findall(r"[^\W_]+", fold(brand)))
    )
