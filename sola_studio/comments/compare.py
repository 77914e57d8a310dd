"""The difference between two products, asked ("what's the difference between the M23 and the
C120?", "bedanya sama alya yg biasa apa kak?", "青紙とVG10の違いは？"): each product's price and
the sheet's fields the two hold different values in.

Every blind set has asked it of its look-alike pair, and the desk answered with one field of one
product (a "how to tell apart" note, the lining) or "the seller will check". The two products are
the ones the comment names; else one named (or the one on screen) and the only other product of
its type on the sheet (the look-alike); a type noun two products share names both ("the 2 round
bags"). Where no pair can be told, nothing is compared and the question takes its usual way.

The words that ask a difference are ``difference_cues`` in ``common.yaml``, per language.
"""

from __future__ import annotations

from collections.abc import Sequence

from sola_studio import lang as lang_data
from sola_studio.catalog.schema_v2 import spec_fields
from sola_studio.catalog.sheet import Product, ProductSheet
from sola_studio.comments.events import Intent
from sola_studio.comments.lexicon import find_cues
from sola_studio.comments.products import ProductFinder

DIFFERENCE_CUES = tuple(w for words in lang_data.common().difference_cues.values() for w in words)
_ELSEWHERE = (Intent.SHIPPING, Intent.PAYMENT, Intent.DISCOUNT, Intent.RETURNS)
MAX_FIELDS = 3  # the fields said per product, in the sheet's order: a reply, not a data sheet


class Compare:
    """Finds a difference question and its two products on one sheet."""

    def __init__(self, sheet: ProductSheet, finder: ProductFinder | None = None) -> None:
        self.sheet = sheet
        self.finder = finder or ProductFinder(sheet)

    def asks(self, folded: str) -> bool:
        return bool(find_cues(folded, DIFFERENCE_CUES))

    def asked(
        self, folded: str, product_id: str | None, intents: Sequence[Intent], hostile: bool
    ) -> tuple[Product, Product] | None:
        """The pair a comment asks the difference of, where it asks nothing else the pair
        cannot answer ("shipping to the UK vs the US?": shipping, payment, discount, returns)
        and is no hostile comment."""
        if hostile or any(i in _ELSEWHERE for i in intents):
            return None
        return self.pair(folded, product_id)

    def pair(self, folded: str, product_id: str | None) -> tuple[Product, Product] | None:
        """The two products a difference question is about, or None where they cannot be told
        (``product_id``: the product the desk took the comment to be about, or the pinned)."""
        if not self.asks(folded):
            return None
        ids: list[str] = []
        for _start, _end, named in self.finder.mentions(folded):
            if len(named) == 2 and not ids:
                ids.extend(sorted(named, key=self._order))  # "the 2 round bags"
            elif len(named) == 1:
                ids.extend(i for i in named if i not in ids)
        for pid in (product_id, self.sheet.pinned_id):
            if pid and pid not in ids and len(ids) < 2:
                ids.append(pid)
        if len(ids) == 1:
            first = self.sheet.product(ids[0])
            twins = [
                p.id
                for p in self.sheet.products
                if first is not None and p.id != first.id and _same_type(p, first)
            ]
            if len(twins) == 1:
                ids.append(twins[0])  # its look-alike: the only other product of its type
        products = [p for p in (self.sheet.product(i) for i in ids[:2]) if p is not None]
        if len(products) < 2 or products[0].id == products[1].id:
            return None
        return products[0], products[1]

    def differing(self, a: Product, b: Product) -> list[str]:
        """The spec keys both products hold, with different values, in ``a``'s order (at most
        ``MAX_FIELDS``); the product's type and name are not differences worth saying."""
        seller = self.sheet.seller_language
        other = {f.key: f for f in spec_fields(b, seller)}
        identity = lang_data.common().identity_specs
        keys = [
            f.key
            for f in spec_fields(a, seller)
            if f.key in other
            and f.key not in identity
            and dict(f.value) != dict(other[f.key].value)
        ]
        return keys[:MAX_FIELDS]

    def both(self, a: Product, b: Product, key: str) -> bool:
        """Both products hold the field ``key`` (one the comment names: "in the microwave?")."""
        seller = self.sheet.seller_language
        return all(any(f.key == key for f in spec_fields(p, seller)) for p in (a, b))

    def material_differs(self, a: Product, b: Product) -> bool:
        """Both products name a material (the sheet's ``material``), not the same one, and no
        field of theirs says it already ("Fabric: 40% bamboo" is the material again)."""
        if not (a.material and b.material and dict(a.material) != dict(b.material)):
            return False
        seller = self.sheet.seller_language
        return not any(
            dict(f.value) == dict(p.material) for p in (a, b) for f in spec_fields(p, seller)
        )

    def _order(self, pid: str) -> int:
        return next((n for n, p in enumerate(self.sheet.products) if p.id == pid), 0)


def _same_type(a: Product, b: Product) -> bool:
    ta = {t.casefold() for t in a.type_names.values()} if a.type_names else set()
    tb = {t.casefold() for t in b.type_names.values()} if b.type_names else set()
    return bool(ta & tb)
