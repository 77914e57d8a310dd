"""Spec cards: when the seller mentions an attribute of the pinned product (battery, camera,
material, load, size, price, shipping...), a small card shows that fact from the sheet in each
viewer language, for a few seconds.

Detection is keyword lexicons per spoken language (en, pt, es, zh, de, fr, it, ja) plus the
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

from sola_studio.core.clock import monotonic
from sola_studio.core.events import Caption
from sola_studio.translate.glossary import term_pattern

log = logging.getLogger(__name__)

# attribute -> spoken language -> keywords. Written by hand; lower case; CJK without spaces.
LEXICON: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "battery": {
        "en": ("battery", "batteries", "charge", "charging", "battery life"),
        "pt": ("bateria", "carga", "autonomia"),
        "es": ("batería", "bateria", "carga", "autonomía"),
        "zh": ("电池", "续航", "充电"),
        "de": ("akku", "batterie", "laufzeit"),
        "fr": ("batterie", "autonomie", "charge"),
        "it": ("batteria", "autonomia"),
        "ja": ("バッテリー", "電池", "充電"),
    },
    "camera": {
        "en": ("camera", "cameras", "lens", "megapixel", "megapixels"),
        "pt": ("câmera", "camera", "câmara", "lente"),
        "es": ("cámara", "camara", "lente"),
        "zh": ("相机", "摄像头", "镜头", "拍照"),
        "de": ("kamera", "objektiv"),
        "fr": ("caméra", "appareil photo", "objectif"),
        "it": ("fotocamera", "obiettivo"),
        "ja": ("カメラ", "レンズ"),
    },
    "material": {
        "en": ("material", "made of", "fabric", "cotton", "wood", "oak", "leather"),
        "pt": ("material", "feito de", "feita de", "tecido", "algodão", "madeira", "couro"),
        "es": ("material", "hecho de", "hecha de", "tela", "algodón", "madera", "cuero"),
        "zh": ("材质", "面料", "材料", "纯棉", "实木"),
        "de": ("material", "stoff", "baumwolle", "holz", "leder"),
        "fr": ("matière", "tissu", "coton", "bois", "cuir"),
        "it": ("materiale", "tessuto", "cotone", "legno", "pelle"),
        "ja": ("素材", "生地", "綿", "木材"),
    },
    "load": {
        "en": ("load", "holds", "hold up to", "weight capacity", "supports"),
        "pt": ("aguenta", "suporta", "carga máxima", "capacidade"),
        "es": ("aguanta", "soporta", "carga máxima", "capacidad"),
        "zh": ("承重", "承载"),
        "de": ("belastbar", "tragkraft", "traglast"),
        "fr": ("charge maximale", "supporte"),
        "it": ("portata", "sostiene"),
        "ja": ("耐荷重",),
    },
    "size": {
        "en": ("size", "sizes", "dimensions", "how big", "measures"),
        "pt": ("tamanho", "tamanhos", "medidas", "dimensões", "mede"),
        "es": ("talla", "tallas", "tamaño", "medidas", "dimensiones", "mide"),
        "zh": ("尺码", "尺寸", "大小", "码数"),
        "de": ("größe", "größen", "maße", "abmessungen"),
        "fr": ("taille", "tailles", "dimensions"),
        "it": ("taglia", "taglie", "misure", "dimensioni"),
        "ja": ("サイズ", "寸法"),
    },
    "colour": {
        "en": ("colour", "colours", "color", "colors"),
        "pt": ("cor", "cores"),
        "es": ("color", "colores"),
        "zh": ("颜色", "配色"),
        "de": ("farbe", "farben"),
        "fr": ("couleur", "couleurs"),
        "it": ("colore", "colori"),
        "ja": ("色", "カラー"),
    },
    "price": {
        "en": ("price", "costs", "cost", "how much"),
        "pt": ("preço", "custa", "valor", "quanto"),
        "es": ("precio", "cuesta", "vale", "cuánto"),
        "zh": ("价格", "多少钱", "价钱", "只要"),
        "de": ("preis", "kostet"),
        "fr": ("prix", "coûte"),
        "it": ("prezzo", "costa"),
        "ja": ("価格", "値段", "円"),
    },
    "shipping": {
        "en": ("shipping", "ships", "delivery", "deliver"),
        "pt": ("frete", "entrega", "envio", "envia"),
        "es": ("envío", "envio", "entrega"),
        "zh": ("包邮", "运费", "发货", "快递"),
        "de": ("versand", "lieferung"),
        "fr": ("livraison", "expédition"),
        "it": ("spedizione", "consegna"),
        "ja": ("送料", "配送", "発送"),
    },
    "warranty": {
        "en": ("warranty", "guarantee"),
        "pt": ("garantia",),
        "es": ("garantía", "garantia"),
        "zh": ("保修", "质保"),
        "de": ("garantie", "gewährleistung"),
        "fr": ("garantie",),
        "it": ("garanzia",),
        "ja": ("保証",),
    },
    "origin": {
        "en": ("made in", "where it is made", "where it's made", "origin", "manufactured in"),
        "pt": ("feito no", "feita no", "feito em", "feita em", "fabricado", "fabricada", "origem"),
        "es": ("hecho en", "hecha en", "fabricado en", "fabricada en", "origen"),
        "zh": ("产地", "制造", "生产"),
        "de": ("hergestellt in", "herkunft", "made in"),
        "fr": ("fabriqué en", "fabriqué au", "fabriquée", "origine"),
        "it": ("prodotto in", "prodotta in", "fatto in", "fatta in", "origine"),
        "ja": ("原産", "産地", "製造国", "で作られ"),
    },
    "fit": {
        "en": ("fit", "fits"),
        "pt": ("caimento", "modelagem"),
        "es": ("corte", "calce"),
        "zh": ("版型",),
        "de": ("passform", "schnitt"),
        "fr": ("coupe",),
        "it": ("vestibilità",),
        "ja": ("シルエット", "フィット"),
    },
    "returns": {
        "en": ("return", "returns", "refund"),
        "pt": ("devolução", "troca", "reembolso"),
        "es": ("devolución", "reembolso"),
        "zh": ("退货", "退换", "退款"),
        "de": ("rückgabe", "umtausch"),
        "fr": ("retour", "remboursement"),
        "it": ("reso", "rimborso"),
        "ja": ("返品", "返金"),
    },
}

# Card titles per viewer language: labels, not facts (facts come only from the sheet). Every
# audience language of the comment desk has a row, so no card title falls back to English;
# "origin", "fit", "weight" and "dimensions" are spec names sheets commonly use.
LABELS: Mapping[str, Mapping[str, str]] = {
    "battery": {"en": "Battery", "pt": "Bateria", "es": "Batería", "zh": "电池", "de": "Akku",
                "fr": "Batterie", "it": "Batteria", "ja": "バッテリー", "ar": "البطارية",
                "hi": "बैटरी"},
    "camera": {"en": "Camera", "pt": "Câmera", "es": "Cámara", "zh": "相机", "de": "Kamera",
               "fr": "Caméra", "it": "Fotocamera", "ja": "カメラ", "ar": "الكاميرا", "hi": "कैमरा"},
    "material": {"en": "Material", "pt": "Material", "es": "Material", "zh": "材质",
                 "de": "Material", "fr": "Matière", "it": "Materiale", "ja": "素材",
                 "ar": "الخامة", "hi": "सामग्री"},
    "load": {"en": "Max load", "pt": "Carga máxima", "es": "Carga máxima", "zh": "承重",
             "de": "Traglast", "fr": "Charge max.", "it": "Portata", "ja": "耐荷重",
             "ar": "الحمولة القصوى", "hi": "अधिकतम भार"},
    "size": {"en": "Sizes", "pt": "Tamanhos", "es": "Tallas", "zh": "尺码", "de": "Größen",
             "fr": "Tailles", "it": "Taglie", "ja": "サイズ", "ar": "المقاسات", "hi": "साइज़"},
    "colour": {"en": "Colours", "pt": "Cores", "es": "Colores", "zh": "颜色", "de": "Farben",
               "fr": "Couleurs", "it": "Colori", "ja": "カラー", "ar": "الألوان", "hi": "रंग"},
    "price": {"en": "Price", "pt": "Preço", "es": "Precio", "zh": "价格", "de": "Preis",
              "fr": "Prix", "it": "Prezzo", "ja": "価格", "ar": "السعر", "hi": "कीमत"},
    "shipping": {"en": "Shipping", "pt": "Frete", "es": "Envío", "zh": "运费", "de": "Versand",
                 "fr": "Livraison", "it": "Spedizione", "ja": "送料", "ar": "الشحن",
                 "hi": "शिपिंग"},
    "warranty": {"en": "Warranty", "pt": "Garantia", "es": "Garantía", "zh": "保修",
                 "de": "Garantie", "fr": "Garantie", "it": "Garanzia", "ja": "保証",
                 "ar": "الضمان", "hi": "वारंटी"},
    "returns": {"en": "Returns", "pt": "Devolução", "es": "Devoluciones", "zh": "退货",
                "de": "Rückgabe", "fr": "Retours", "it": "Resi", "ja": "返品", "ar": "الإرجاع",
                "hi": "वापसी"},
    "origin": {"en": "Origin", "pt": "Origem", "es": "Origen", "zh": "产地", "de": "Herkunft",
               "fr": "Origine", "it": "Origine", "ja": "原産国", "ar": "بلد المنشأ",
               "hi": "मूल देश"},
    "fit": {"en": "Fit", "pt": "Caimento", "es": "Corte", "zh": "版型", "de": "Passform",
            "fr": "Coupe", "it": "Vestibilità", "ja": "シルエット", "ar": "القصة", "hi": "फ़िट"},
    "weight": {"en": "Weight", "pt": "Peso", "es": "Peso", "zh": "重量", "de": "Gewicht",
               "fr": "Poids", "it": "Peso", "ja": "重さ", "ar": "الوزن", "hi": "वज़न"},
    "dimensions": {"en": "Dimensions", "pt": "Dimensões", "es": "Dimensiones", "zh": "尺寸",
                   "de": "Maße", "fr": "Dimensions", "it": "Dimensioni", "ja": "寸法",
                   "ar": "الأبعاد", "hi": "माप"},
}  # fmt: skip

# Spec keys that say what the product *is* ("kind: {en: table, pt: mesa}"): glossary only.
IDENTITY_SPECS = frozenset({"kind", "category", "type", "name"})

# Unit words for facts built from numbers in the sheet ("3 months", "30 days").
_MONTHS = {"en": "months", "pt": "meses", "es": "meses", "zh": "个月", "de": "Monate",
           "fr": "mois", "it": "mesi", "ja": "か月"}  # fmt: skip
_DAYS = {"en": "days", "pt": "dias", "es": "días", "zh": "天", "de": "Tage", "fr": "jours",
         "it": "giorni", "ja": "日"}  # fmt: skip


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
        if key.startswith("colour") or key in IDENTITY_SPECS:
            continue  # these feed the glossary (what the product is called), not a card
        facts[key] = _local(text, langs, seller_language)
    if product.material:
        facts["material"] = _local(product.material, langs, seller_language)
    if product.sizes and "size" not in facts:
        facts["size"] = {lang: ", ".join(product.sizes) for lang in langs}
    if product.colours:
        # the sheet's own colour text per language, else each colour key in the viewer's
        # language from the comment desk's colour table (a name, not a fact)
        from sola_studio.comments import templates

        colour_names = product.specs.get("colours", {})
        facts["colour"] = {
            lang: colour_names.get(lang)
            or templates.join([templates.colour(c, lang) for c in product.colours], lang)
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
            lang: f"{span} {currency}, {days[0]}–{days[1]} {_DAYS.get(lang, _DAYS['en'])}"
            for lang in langs
        }
    if product.warranty is not None:
        facts["warranty"] = {}
        for lang in langs:
            covers = product.warranty.covers.get(lang) or product.warranty.covers.get(
                seller_language, ""
            )
            months = f"{product.warranty.months} {_MONTHS.get(lang, _MONTHS['en'])}"
            facts["warranty"][lang] = f"{months} ({covers})" if covers else months
    if product.returns is not None:
        facts["returns"] = {
            lang: f"{product.returns.days} {_DAYS.get(lang, _DAYS['en'])}" for lang in langs
        }
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
