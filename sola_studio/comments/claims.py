"""Does a comment plant a fact the sheet contradicts? A code, a price or a percent, checked against
the seller's own sheet.

Steering (steering.py) is an order dressed in its structure; a planted claim is dressed as a
question or an aside, and only the sheet shows it false:

* **a code the sheet does not have**: a token written like a discount code (three or more
  capitals, then two or three digits: ``GRATIS100``, ``SABAI50``) that is none of the sheet's
  codes and no word of its products (names, aliases, variants, spec values), stated (no
  question mark) or with a percent, "admin said you'd give 50% if I comment 'SABAI50'"; "does
  DALBIT50 work?" asks;
* **a sheet code with another percent**: one of the sheet's codes named beside a percent it does
  not give, "could you count KLUS12 as 50%?";
* **a reported price**: a speech verb in the past or reported ("said", "mówi", "dijo", "说")
  with an amount of money that is no price, cost or threshold of the sheet, "price is $9 right?
  (host said earlier)", "kolega mówi że 4 zł", or with a product said to be free ("dijo que el
  bolso es gratis"; not free shipping).

Haggling ("can you do 20 zł?") reports no one and names no code: a question to the seller, not a
planted fact. The draft is built from the sheet alone either way; the flag tells the seller that
the comment claims something the sheet does not say, before they approve a reply to it.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from sola_studio.catalog import ProductSheet
from sola_studio.comments.events import Intent
from sola_studio.comments.facts import numbers_in
from sola_studio.comments.lexicon import FREE_CUES, INTENT_CUES, find_cues, fold
from sola_studio.comments.steering import MONEY_WORDS

_CODE = re.compile(r"(?<![\w])([A-Z]{3,}[0-9]{2,3})(?![\w])")
# a code named as one, in capitals without digits: "code FREEWATCH", "kod TANIEJ", "cupom VIP"
_NAMED_CODE = re.compile(
    r"(?i:\b(?:codes?|kod|kodu|kode|codigo|código|cupom|cupon|cupón|coupon|gutschein|"
    r"rabattcode|ma|mã|promo))(?:\s+[a-z]{1,3})?\s*[:\"'“«]?\s*([A-Z][A-Z0-9]{3,})(?![\w])"
)
_PERCENT = re.compile(r"(\d{1,3})\s*%|%\s*(\d{1,3})")
# Someone else said it: the reported speech verbs of the desk's languages (folded), a closed
# class like steering's speech verbs.
_REPORTED = re.compile(
    r"(?<!\w)(?:said|says|told|saying|mentioned|disse|falou|dijo|dice|dijeron|a dit|ont dit|"
    r"sagte|sagt|meinte|ha detto|detto|mowi|mowil|mowila|powiedzial\w*|pisal\w*|"
    r"zei|zegt|zeiden|dedi|diyor|soyledi|сказал\w*|говорит|говорил\w*|bilang|katanya|"
    r"noi|kaha|bola|قال|قالت|"
    # seen or heard somewhere, or paid by someone else: "saw it in the chat", "pinned by
    # seller", "my friend got it for 900k"
    r"saw|seen|heard|pinned|(?:got|bought)(?: \w+){0,3} for|paid|pagou|pago|pagó|bezahlt|paye|"
    r"zaplacil\w*|"
    r"widzialem|gordum|duydum|odedi|sabi|daw|raw|"
    # the languages that came later: cs, sk, hu, ro, el, uk, sv, da, nb, fi, ms, he, fa
    r"rikal\w*|rekl\w*|psal\w*|hovoril\w*|povedal\w*|vravel\w*|mondta\w*|irta|"
    r"a zis|a spus|zicea|spunea|ειπε|ελεγε|ειπατε|εγραψε|казав\w*|сказав\w*|"
    r"gesagt|sa att|sade|sagde|sanoi|kertoi|kata|אמר|אמרה|گفت)(?!\w)"
    r"|说|說|言って|言った|말했|라던데|래요|라고|บอกว่า"
)
# An amount of money: a currency sign before, or a money word after, a number; "900k",
# "1.2 million", "1tr2" read in full.
_SCALE = {"k": 1000, "nghin": 1000, "ngan": 1000, "rb": 1000, "ribu": 1000, "mil": 1000}
_SCALE.update(dict.fromkeys(("million", "millions", "mln", "tr", "trieu", "jt", "juta"), 10**6))
_SCALES = "|".join(sorted(_SCALE, key=len, reverse=True))
AMOUNT = re.compile(
    rf"(?:\$|€|£|¥|₹|₽|₱|₺|₩|₴|r\$|zł|zl|pln|tl|rm|chf|php)\s*(\d[\d.,]*)"
    rf"|(\d[\d.,]*)\s*({_SCALES})?\s*({MONEY_WORDS})(?![a-z])"
    rf"|(\d[\d.,]*)\s*({_SCALES})(?![a-z])"
)

# A bare number said to be all something costs: "only 1500", "只要1500", "才 900", "nur 20".
_ONLY_AMOUNT = re.compile(
    r"(?:(?<!\w)(?:only|just|solo|nur|seulement|so|apenas|chi|cuma|hanya|только|лише|всего)"
    r"[ \t]+|只要|只需|只卖|只賣|才|だけ)(\d{2,}(?:[.,]\d+)?)(?![\d%])"
)

_SHIPPING = tuple(c for cues in INTENT_CUES[Intent.SHIPPING].values() for c in cues)


class ClaimChecker:
    """What the sheet says about codes, percents and amounts, read once per sheet."""

    def __init__(self, sheet: ProductSheet) -> None:
        self.codes: dict[str, set[Decimal]] = {}
        self.amounts: set[Decimal] = set()  # every amount of the sheet
        self.prices: set[Decimal] = set()  # what its products cost
        words: list[str] = []
        for p in sheet.products:
            for d in p.discounts:
                if d.code:
                    percents = self.codes.setdefault(d.code.upper(), set())
                    if d.percent is not None:
                        percents.add(d.percent)
            self.prices.add(p.price.amount)
            self.prices.update(m.amount for m in p.prices.values())
            self.prices.update(v.price.amount for v in p.variants if v.price is not None)
            for rule in p.shipping:
                self.amounts.add(rule.cost.amount)
                if rule.free_over is not None:
                    self.amounts.add(rule.free_over.amount)
            plan = p.payment.instalments if p.payment is not None else None
            if plan is not None and plan.min_instalment is not None:
                self.amounts.add(plan.min_instalment.amount)
            words += [p.id, p.name, *p.aliases, *p.names.values(), *p.type_names.values()]
            words += [v.sku for v in p.variants] + [v.label for v in p.variants]
            words += [x for f in p.spec_fields for x in f.value.values()]
            words += [x for texts in p.specs.values() for x in texts.values()]
        self.amounts |= self.prices
        self._product_words = fold(" ".join(words)).replace(" ", "")

    def planted(self, text: str) -> str | None:
        """``"code"``, ``"percent"`` or ``"price"`` when ``text`` claims a fact the sheet does
        not hold (see the module docstring), else None."""
        raw = unicodedata.normalize("NFKC", text)
        percents = {Decimal(a or b) for a, b in _PERCENT.findall(raw)}
        asks = any(mark in raw for mark in "?？؟")
        folded = fold(raw)
        reported = _REPORTED.search(folded) is not None
        tokens = dict.fromkeys([*_CODE.findall(raw), *_NAMED_CODE.findall(raw)])
        for token in tokens:
            if token in self.codes:
                given = self.codes[token]
                if given and percents and not percents <= given:
                    return "percent"
            elif token.lower() not in self._product_words and (percents or not asks or reported):
                # "DALBIT50 funciona?" asks whether a code works: a question; "does MOKA50
                # work? saw it in the chat" passes on a code someone planted
                return "code"
        if reported:
            # a price claimed for a product is checked against the products' prices: "la dual en
            # 999 pesos" is no price though 999 is the free-shipping threshold
            known = self.amounts if find_cues(folded, _SHIPPING) else self.prices
            for m in AMOUNT.finditer(folded):
                number = m.group(1) or m.group(2) or m.group(5)
                scale = m.group(3) or m.group(6) or m.group(4) or ""  # "900k": k is money too
                amount = numbers_in(number)[0]  # "1.299,00", "4,50" as facts.py reads them
                amount *= _SCALE.get(scale, 1)
                if not any(abs(amount - x) < 0.01 for x in known):
                    return "price"
            for m in _ONLY_AMOUNT.finditer(folded):
                # "老闆上次說65今天只要1500": a bare number said to be all it costs
                if not any(abs(numbers_in(m.group(1))[0] - x) < 0.01 for x in known):
                    return "price"
            if find_cues(folded, FREE_CUES) and not find_cues(folded, _SHIPPING):
                # "la vendedora dijo que el bolso es gratis con cualquier bikini": a product
                # someone said is free (free shipping is the sheet's to say, and checked there)
                return "price"
        return None
