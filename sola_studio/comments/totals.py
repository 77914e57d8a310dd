"""A total asked of several products: "total for the 210 gyuto and the petty 120 in aud?",
"so total for 1 big peshtemal and 2 hand towels in gbp?", "la shortboard + quillas en pesos
cuánto queda todo?".

Each product the comment names is one line of the order; the words between it and the next
product's name pick its variant (a number an option starts with: "210", "5'10") and how many
("2 hand towels"). Each line is priced as the price answer prices it (a market's price where
the sheet has one and the variant has no price of its own; else the sheet's currency, every
line then in it) and the sum is said after the lines.

Only sheet amounts are added, and the sum is cited as a total fact
(:func:`~sola_studio.comments.facts.total_fact`) that the invented-fact check adds up again.
Where a line cannot be priced for sure (a product whose variants differ in price with none
named, a type noun two products share and neither pinned, one product alone) there is no total
and the drafter says each product's prices instead: a wrong sum is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import Discount, Money, Product, ProductSheet, Variant
from sola_studio.comments import templates as tpl
from sola_studio.comments.answers import Statement
from sola_studio.comments.events import FactRef, Intent
from sola_studio.comments.facts import discounted, total_fact
from sola_studio.comments.lexicon import find_cues, fold, intent_hits, without_notes
from sola_studio.comments.products import ProductFinder

# "total", "insgesamt", "合計", "todo junto", "toplam": a sum is asked (each language file's
# ``total_cues``); a "+" between two names asks it too ("short 5'10 + fins in BRL?")
TOTAL_CUES = lang_data.all_words("total_cues")
_PLUS = re.compile(r"\S\s*\+\s*\S")
# the number an option value starts with ("210 mm", "5'10\" / 29.8 L", "1.5 m"); a comment's
# numbers the same way
_NUMBER = re.compile(r"\d+(?:[.,']\d+)?")
# how many, just before a product's name: "2 hand towels", "2x petty", "3 x"
_COUNT_BEFORE = re.compile(r"(?<![\d.,'])(\d{1,2})\s*(?:x|×|\*)?\s*(?:(?:the|de|da|do|of)\s+)?$")
_MAX_COUNT = 20
# what a comment naming products with "+" may ask instead of their sum
_NOT_A_SUM = (Intent.DISCOUNT, Intent.SHIPPING, Intent.PAYMENT, Intent.RETURNS)


def sum_asked(folded: str) -> str | None:
    """ "total" where a word asks a sum, "+" where only a plus sign joins names, else None."""
    if find_cues(folded, TOTAL_CUES):
        return "total"
    return "+" if _PLUS.search(folded) else None


def asks_a_sum(folded: str, finder: ProductFinder, price_cue: bool) -> bool:
    """A sum of two products or more is asked: a total word, or a "+" beside a price cue, and
    no shipping, payment, discount or returns cue ("tank + light, any bundle deal?")."""
    said = sum_asked(folded)
    if not said or (said == "+" and not price_cue):
        return False
    if asks_another(folded, finder):
        return False
    return len({ids for _a, _b, ids in finder.mentions(folded)}) >= 2


def asks_another(folded: str, finder: ProductFinder) -> bool:
    """A shipping, payment, discount or returns cue outside the products' names ("tank +
    light, any bundle deal?"; not "carteira", a wallet sold, read as a payment word)."""
    return any(h.intent in _NOT_A_SUM for h in intent_hits(finder.strip(folded)))


@dataclass(frozen=True)
class Line:
    product: Product
    variant: Variant | None  # the one named, where the product has variants
    count: int
    price: Money
    facts: tuple[FactRef, ...]  # the price's fact, and the variant's (its label's digits)
    part: str  # the fact id the amount is the sheet's in


class Totals:
    """Finds a total question and its lines on one sheet (rebuilt when the sheet changes)."""

    def __init__(self, sheet: ProductSheet) -> None:
        self.sheet = sheet
        self.finder = ProductFinder(sheet)

    def named(self, folded: str) -> list[tuple[Product, int, int]] | None:
        """The products the comment names, in order, with where each one's name starts and
        ends; None where it names fewer than two or a type noun that could be several."""
        picked: list[tuple[Product, int, int]] = []
        for start, end, ids in self.finder.mentions(folded):
            pid = next(iter(ids)) if len(ids) == 1 else None
            if pid is None and self.sheet.pinned_id in ids:
                pid = self.sheet.pinned_id
            product = self.sheet.product(pid or "")
            if product is None:
                return None  # "the peshtemal" of two: which one is not for a sum to guess
            if picked and picked[-1][0].id == product.id:
                continue  # "the shortboard, the short 5'10": one line
            picked.append((product, start, end))
        return picked if len(picked) >= 2 else None

    def lines(
        self, folded: str, currency: str | None, fact: Callable[[str], FactRef | None]
    ) -> list[Line] | None:
        """The order's lines priced in one currency (``currency`` where every line has a price
        in it, else the sheet's), or None where the comment is not a sum this can work out."""
        picked = self.named(folded)
        if picked is None:
            return None
        lines = []
        for i, (product, start, end) in enumerate(picked):
            before = folded[picked[i - 1][2] if i else 0 : start]
            after = folded[end : picked[i + 1][1] if i + 1 < len(picked) else len(folded)]
            line = self._line(product, before, after, currency, fact)
            if line is None and currency is not None:
                return self.lines(folded, None, fact)  # one line has no price in it
            if line is None:
                return None
            lines.append(line)
        if len({line.price.currency for line in lines}) > 1:
            return self.lines(folded, None, fact) if currency is not None else None
        return lines

    def _line(
        self,
        p: Product,
        before: str,
        after: str,
        currency: str | None,
        fact: Callable[[str], FactRef | None],
    ) -> Line | None:
        said = set(_NUMBER.findall(" ".join(before.split()[-4:]) + " " + after))  # its words
        variants = [v for v in p.variants if _leading_numbers(v) & said]
        count_at = _COUNT_BEFORE.search(before)
        count = 1
        if count_at is not None and not any(
            count_at.group(1) in _leading_numbers(v) for v in variants
        ):
            count = int(count_at.group(1))
        if not 1 <= count <= _MAX_COUNT:
            return None
        if len({v.price or p.price for v in variants}) > 1:
            return None  # "the 30 and 40 cm" of a bag at two prices: which one is not for a sum
        own = next((v for v in variants if v.price is not None and v.price != p.price), None)
        variant = own or (variants[0] if variants else None)
        market = currency not in (None, self.sheet.currency) and currency in p.prices
        if own is not None and own.price is not None:
            price, part = own.price, f"variant:{own.sku}"
        elif market and currency is not None:
            price, part = p.prices[currency], f"price:{p.id}"
        elif currency not in (None, self.sheet.currency):
            return None  # no price in the currency asked: the caller tries the sheet's
        elif not variants and len({v.price or p.price for v in p.variants}) > 1:
            return None  # priced by variant and none named
        else:
            price, part = p.price, f"price:{p.id}"
        refs = [fact(part), *(fact(f"variant:{v.sku}") for v in variants[:1])]
        return Line(p, variant, count, price, tuple(r for r in refs if r is not None), part)

    def statement(
        self,
        lines: list[Line],
        name: Callable[[Product, str], str],
        label: Callable[[Variant, str], str],
        fact: Callable[[str], FactRef | None],
    ) -> Statement:
        """The lines and their sum, said in a language ("A (210 mm): A$199.00 + B (120 mm):
        A$105.00 = A$304.00 in total.")."""
        currency = lines[0].price.currency
        parts = [(line.part, line.price.amount, line.count) for line in lines]
        amount = Money(sum((x.price.amount * x.count for x in lines), Decimal(0)), currency)
        rule = bundle_reached(lines)
        extra: tuple[FactRef, ...] = ()
        if rule is not None and rule.percent is not None:
            pid = lines[0].product.id
            rule_fact = f"discount:{pid}:{rule.id}"
            total = total_fact(currency, parts, (rule_fact, rule.percent))
            extra = tuple(f for f in (fact(rule_fact),) if f is not None)
            pct = format(rule.percent.normalize(), "f")
            after = Money(discounted(amount.amount, rule.percent, currency), currency)
        else:
            total = total_fact(currency, parts)

        def say(lang: str) -> str:
            items = []
            for line in lines:
                item = name(line.product, lang)
                said = without_notes(label(line.variant, lang)) if line.variant else ""
                if said and said not in item:
                    item = f"{item} ({said})"
                money = tpl.money(line.price, lang)
                # a colon after the name: "Vesuvino 13 399,00 €" reads as 13,399 euros (and the
                # invented-fact check read it so, round 27)
                items.append(
                    f"{item}: {line.count} × {money}" if line.count > 1 else f"{item}: {money}"
                )
            text = tpl.render("total", lang, items=" + ".join(items), total=tpl.money(amount, lang))
            if rule is None or rule.min_quantity is None:
                return text
            # the sheet's bundle rule the order reaches ("10 % from 3 pieces"), and the sum
            # after it: a careful seller says what the viewer will pay (round 28, SAU-096)
            rule_text = tpl.render("discount_bundle", lang, pct=pct, n=str(rule.min_quantity))
            less = f"{tpl.money(amount, lang)} − {pct}%"
            after_text = tpl.render("total", lang, items=less, total=tpl.money(after, lang))
            return f"{text} {rule_text} {after_text}"

        facts = tuple(dict.fromkeys(f for line in lines for f in (*line.facts, *extra)))
        return Statement(say, total, also=facts)


def bundle_reached(lines: list[Line]) -> Discount | None:
    """The quantity discount every line's product has (no code, no minimum order, no note of
    what it is for) that the order's pieces reach; of several, the one from the most pieces."""
    pieces = sum(line.count for line in lines)
    common: dict[tuple[str, Decimal, int], Discount] | None = None
    for line in lines:
        own = {
            (d.id, d.percent, d.min_quantity): d
            for d in line.product.discounts
            if d.percent and d.min_quantity and not d.code and d.min_order is None and not d.note
        }
        common = own if common is None else {k: d for k, d in common.items() if k in own}
    reached = [d for d in (common or {}).values() if (d.min_quantity or 0) <= pieces]
    return max(reached, key=lambda d: (d.min_quantity or 0, d.percent or 0)) if reached else None


def _leading_numbers(v: Variant) -> set[str]:
    """The numbers a variant's options start with ("210 mm": "210")."""
    out = set()
    for _key, value in v.options:
        m = _NUMBER.match(fold(value).strip())
        if m is not None:
            out.add(m.group())
    for said in (v.size, v.colour):
        m = _NUMBER.match(fold(said or "").strip())
        if m is not None:
            out.add(m.group())
    return out
