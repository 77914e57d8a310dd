"""Spec cards: when the seller mentions an attribute of the pinned product (battery, camera,
material, load, size, price, shipping...), a small card shows that fact from the sheet in each
viewer language, for a few seconds.

Detection is keyword lexicons per spoken language (the ``spec_cards`` words of each language file
in :mod:`sola_studio.lang`, shared with the comment desk; none of the desk's code) plus the
sheet's own words (spec names and their values in every language), matched on committed
captions only. A card carries the sheet's text, never a generated one: an attribute the sheet
does not hold produces no card, and a language the sheet has no text for falls back to the
seller's language. The seller turns cards off per product with ``SpecCardSettings``.

This module decides *which* card and *when*; it never draws (the video renderer does) and
never writes the store (the session records the ``SpecCard`` events it receives).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sola_studio import lang as lang_data
from sola_studio.core.clock import monotonic
from sola_studio.core.events import Caption
from sola_studio.translate.glossary import term_pattern

log = logging.getLogger(__name__)

# attribute -> spoken language -> keywords, from the language files' ``spec_cards.keywords``.
# Written by hand; lower case; CJK without spaces.
LEXICON: Mapping[str, Mapping[str, tuple[str, ...]]] = lang_data.per_language("card_keywords")

# Card titles: attribute -> viewer language -> label (``spec_cards.labels``). Labels, not facts
# (facts come only from the sheet). Every language file has every label English has, so no card
# title falls back to English; "origin", "fit", "weight" and "dimensions" are spec names sheets
# commonly use.
LABELS: Mapping[str, Mapping[str, str]] = {
    attribute: {data.code: data.cards.labels[attribute] for data in lang_data.tables().each()}
    for attribute in lang_data.tables()[lang_data.REFERENCE].cards.labels
}


def _unit(name: str, language: str) -> str:
    """Unit word (``months``, ``days``) for facts built from numbers in the sheet ("3 months");
    English's when the language file has none."""
    data = lang_data.language(language)
    if data is None or name not in data.cards.units:
        data = lang_data.tables()[lang_data.REFERENCE]
    return data.cards.units[name]


@dataclass(frozen=True)
class SpecCard:
    """One card to show: ``fact`` maps viewer language -> the sheet's text for ``attribute``.

    ``start``/``end`` are stream seconds of the caption that triggered it; the renderer shows
    the card from ``start`` for ``duration_s``. ``t_capture`` is the caption's, ``t_emit`` when
    the card was decided.
    """

    product_id: str
    attribute: str
    label: Mapping[str, str]
    fact: Mapping[str, str]
    caption_id: int
    keyword: str
    start: float
    end: float
    duration_s: float
    t_capture: float
    t_emit: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", MappingProxyType(dict(self.label)))
        object.__setattr__(self, "fact", MappingProxyType(dict(self.fact)))

    def text_in(self, language: str) -> str | None:
        """``"Label: fact"`` in ``language``; None when the card has no text for it."""
        fact = self.fact.get(language)
        if fact is None:
            return None
        label = self.label.get(language) or self.label.get("en") or self.attribute
        return f"{label}: {fact}"


@dataclass(frozen=True)
class SpecCardSettings:
    """Seller choices: products whose cards are off, how long a card shows, and how long the
    same attribute stays quiet after its card (stream seconds)."""

    disabled_products: frozenset[str] = frozenset()
    duration_s: float = 6.0
    cooldown_s: float = 30.0

    def with_product(self, product_id: str, enabled: bool) -> SpecCardSettings:
        off = set(self.disabled_products)
        (off.discard if enabled else off.add)(product_id)
        return SpecCardSettings(frozenset(off), self.duration_s, self.cooldown_s)


def _money(m: Any) -> str:
    return f"{m.amount:.2f} {m.currency}"


def _local(text: Mapping[str, str], languages: Sequence[str], seller: str) -> dict[str, str]:
    """The sheet's text per viewer language; the seller's own text where a language is missing."""
    out = {}
    for lang in languages:
        value = text.get(lang) or text.get(seller)
        if value:
            out[lang] = value
    return out


def product_facts(
    product: Any, languages: Sequence[str], seller_language: str
) -> dict[str, dict[str, str]]:
    """attribute -> language -> fact, from the sheet only. Attributes with no fact are absent."""
    facts: dict[str, dict[str, str]] = {}
    langs = list(dict.fromkeys([*languages, seller_language]))
    for key, text in product.specs.items():
        if key.startswith("colour") or key in lang_data.common().identity_specs:
            continue  # these feed the glossary (what the product is called), not a card
        facts[key] = _local(text, langs, seller_language)
    if product.material:
        facts["material"] = _local(product.material, langs, seller_language)
    if product.sizes and "size" not in facts:
        facts["size"] = {lang: ", ".join(product.sizes) for lang in langs}
    if product.colours:
        # the sheet's own colour text per language, else each colour key in the viewer's
        # language from the language files' colour names (a name, not a fact)
        colour_names = product.specs.get("colours", {})
        facts["colour"] = {
            lang: colour_names.get(lang)
            or lang_data.join([lang_data.colour_name(c, lang) for c in product.colours], lang)
            for lang in langs
        }
    facts["price"] = {lang: _money(product.price) for lang in langs}
    if product.shipping:
        costs = sorted(r.cost.amount for r in product.shipping)
        rules = product.shipping
        days = (min(r.days_min for r in rules), max(r.days_max for r in rules))
        currency = product.shipping[0].cost.currency
        span = f"{costs[0]:.2f}" if costs[0] == costs[-1] else f"{costs[0]:.2f}–{costs[-1]:.2f}"
        facts["shipping"] = {
            lang: f"{span} {currency}, {days[0]}–{days[1]} {_unit('days', lang)}" for lang in langs
        }
    if product.warranty is not None:
        facts["warranty"] = {}
        for lang in langs:
            covers = product.warranty.covers.get(lang) or product.warranty.covers.get(
                seller_language, ""
            )
            months = f"{product.warranty.months} {_unit('months', lang)}"
            facts["warranty"][lang] = f"{months} ({covers})" if covers else months
    if product.returns is not None:
        facts["returns"] = {lang: f"{product.returns.days} {_unit('days', lang)}" for lang in langs}
    return {k: v for k, v in facts.items() if v}


def _label(attribute: str, language: str, seller_language: str) -> str:
    """The card title in ``language``: the table's, else the seller's language's, else English,
    else the sheet's own spec name."""
    known = LABELS.get(attribute, {})
    return (
        known.get(language)
        or known.get(seller_language)
        or known.get("en")
        or attribute.replace("_", " ").capitalize()
    )


class SpecCardDetector:
    """Turns committed captions into spec cards for the pinned product.

    ``viewer_languages`` are the caption languages on screen. ``lexicon`` defaults to
    :data:`LEXICON`; the sheet's spec names and values (every language) are added as keywords
    of their own attribute. Call :meth:`set_product` when the seller pins another product.
    """

    def __init__(
        self,
        product: Any,
        seller_language: str,
        viewer_languages: Sequence[str],
        settings: SpecCardSettings | None = None,
        lexicon: Mapping[str, Mapping[str, Iterable[str]]] = LEXICON,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.seller_language = seller_language
        self.viewer_languages = tuple(viewer_languages)
        self.settings = settings or SpecCardSettings()
        self._lexicon = lexicon
        self._clock = clock
        self._last_shown: dict[str, float] = {}
        self.set_product(product)

    def set_product(self, product: Any) -> None:
        self.product = product
        self._facts = product_facts(product, self.viewer_languages, self.seller_language)
        self._last_shown.clear()
        patterns: dict[str, dict[str, list[re.Pattern[str]]]] = {}
        for attribute in self._facts:
            by_lang = patterns.setdefault(attribute, {})
            for lang, words in self._lexicon.get(attribute, {}).items():
                by_lang.setdefault(lang, []).extend(term_pattern(w) for w in words)
            # The sheet's own words: the spec name and its short values in every language.
            sheet_words = [attribute.replace("_", " ")]
            sheet_words += [v for v in product.specs.get(attribute, {}).values() if len(v) < 30]
            by_lang.setdefault("*", []).extend(term_pattern(w) for w in sheet_words if w)
        self._patterns = patterns
        log.info("spec cards for %s: %s", product.id, sorted(self._facts))

    def set_settings(self, settings: SpecCardSettings) -> None:
        self.settings = settings

    @property
    def attributes(self) -> tuple[str, ...]:
        """The attributes this product can show a card for (those the sheet holds)."""
        return tuple(sorted(self._facts))

    def detect(self, caption: Caption) -> list[SpecCard]:
        """Cards for a committed caption, in the order their keywords were spoken."""
        if not caption.committed or self.product.id in self.settings.disabled_products:
            return []
        hits: list[tuple[int, str, str]] = []
        for attribute, by_lang in self._patterns.items():
            for pattern in (*by_lang.get(caption.language, ()), *by_lang.get("*", ())):
                m = pattern.search(caption.text)
                if m:
                    hits.append((m.start(), attribute, m.group(0)))
                    break
        cards = []
        for _pos, attribute, keyword in sorted(hits):
            last = self._last_shown.get(attribute)
            if last is not None and caption.start - last < self.settings.cooldown_s:
                continue
            self._last_shown[attribute] = caption.start
            fact = {
                lang: text
                for lang, text in self._facts[attribute].items()
                if lang in self.viewer_languages or lang == caption.language
            }
            label = {lang: _label(attribute, lang, self.seller_language) for lang in fact}
            cards.append(
                SpecCard(
                    product_id=self.product.id,
                    attribute=attribute,
                    label=label,
                    fact=fact,
                    caption_id=caption.id,
                    keyword=keyword,
                    start=caption.start,
                    end=caption.end,
                    duration_s=self.settings.duration_s,
                    t_capture=caption.t_capture,
                    t_emit=self._clock(),
                )
            )
        return cards


def cards_at(cards: Sequence[SpecCard], t: float) -> list[SpecCard]:
    """The cards on screen at stream time ``t`` (for the renderer and for tests)."""
    return [c for c in cards if c.start <= t < c.start + c.duration_s]


__all__ = [
    "LABELS",
    "LEXICON",
    "SpecCard",
    "SpecCardDetector",
    "SpecCardSettings",
    "cards_at",
    "product_facts",
]
