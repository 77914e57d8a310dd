"""Glossary entries from the product sheet, for caption translation (issue 19.4).

:func:`glossary_from_sheet` protects what the whole sheet names, whichever product is pinned:
discount codes (written as the sheet spells them, "live 10" -> "LIVE10"), the brand (the
seller's name), every product's name (in the target language's form where the sheet gives one,
``name: {en: Night Owl Lamp, pt: Luminária Night Owl}``, else verbatim) and model numbers, and
payment services' names ("Pix", "PayPal"), and the identifier-like terms
:mod:`sola_studio.catalog.vocabulary` extracts for the recogniser (one token with a digit or an
inner capital: "GH6", "USB-C"). The pinned product's own
terms go on top (:func:`glossary_from_product`): its sizes stay verbatim, and every text the
sheet gives per language (material, specs such as ``kind: {en: table, pt: mesa}``) becomes a
term with the seller's renderings. A "table" in a furniture sheet therefore reaches a
Portuguese viewer as "mesa", never as "tabela".

A sheet edit or another pinned product means calling :func:`glossary_from_sheet` again and
handing the result to ``StudioTranslator.set_glossary`` (``live.voice.ProductGlossary`` does it
on every ``SheetChanged``/``PinChanged``). This module only reads the sheet; it never adds a
rendering the sheet does not hold. Multi-word spec phrases and common hyphenated words
("pre-shrunk") are not kept verbatim: an English phrase inside a Portuguese caption is worse
than the engine's translation; the sheet's own per-language texts render them where it has any.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from sola_studio.catalog.sheet import ProductSheet
from sola_studio.catalog.vocabulary import recognition_vocabulary
from sola_studio.translate.glossary import Glossary, GlossaryEntry, TermKind

# A model number: letters and digits mixed in one token (X2, GH6, WH-1000XM5, A15).
_MODEL_NUMBER = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9\-./]*$")
# Longer texts (a whole material description) are seldom spoken word for word; they are
# still entries (harmless when they do not match), but only up to this many words.
_MAX_TERM_WORDS = 6


class ProductLike(Protocol):
    """The fields of :class:`sola_studio.catalog.sheet.Product` this module reads."""

    @property
    def name(self) -> str: ...
    @property
    def names(self) -> Mapping[str, str]: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def material(self) -> Mapping[str, str]: ...
    @property
    def specs(self) -> Mapping[str, Mapping[str, str]]: ...
    @property
    def sizes(self) -> tuple[str, ...]: ...
    @property
    def colours(self) -> tuple[str, ...]: ...


def _local_term(
    text: Mapping[str, str], seller_language: str, targets: Sequence[str], kind: TermKind
) -> GlossaryEntry | None:
    spoken = text.get(seller_language)
    if not spoken or len(spoken.split()) > _MAX_TERM_WORDS:
        return None
    renderings = {t: text[t] for t in targets if t in text and t != seller_language}
    if not renderings:
        return None  # nothing the sheet prescribes: the engine translates it
    return GlossaryEntry(spoken, kind, renderings)


def name_entries(
    product: ProductLike, seller_language: str, targets: Sequence[str]
) -> list[GlossaryEntry]:
    """A product's name as spoken (the sheet's name in the seller's language), rendered as the
    sheet names it in each target where it gives a name there, else kept verbatim; and the
    model numbers in its name and aliases, verbatim and case-sensitive."""
    spoken = product.names.get(seller_language) or product.name
    renderings = {
        t: product.names[t]
        for t in targets
        if t != seller_language and product.names.get(t) and product.names[t] != spoken
    }
    other = () if product.name.casefold() == spoken.casefold() else (product.name,)
    entries = [GlossaryEntry(spoken, TermKind.PRODUCT, renderings, aliases=other)]
    for token in (*spoken.split(), *product.aliases):
        if _MODEL_NUMBER.match(token):
            entries.append(GlossaryEntry(token, TermKind.MODEL_NUMBER, case_sensitive=True))
    return entries


def code_entry(code: str) -> GlossaryEntry:
    """A discount code, written as the sheet spells it. A code with a digit also matches its
    letters and digits apart and in any case ("live 10", as speech gives it); a code of
    letters only matches as written (a case-blind "SUNNY" would rewrite the word "sunny")."""
    spaced = re.sub(r"(?<=[^\W\d])(?=\d)|(?<=\d)(?=[^\W\d])", " ", code)
    has_digit = any(ch.isdigit() for ch in code)
    aliases = (spaced,) if has_digit and spaced != code else ()
    return GlossaryEntry(code, TermKind.CODE, aliases=aliases, case_sensitive=not has_digit)


#: A term kept verbatim from the recogniser's list: one token with a digit or a capital after
#: its first letter ("PayPal", "GH6", "USB-C"); a capitalised word alone ("Cotton") is not.
_IDENTIFIER = re.compile(r"^(?=\S*(?:\d|\w[A-Z]))\S+$")
_ALL_TERMS = 1_000_000  # no token budget: the glossary is not a prompt


def glossary_from_sheet(
    sheet: ProductSheet,
    target_languages: Sequence[str],
    source_language: str | None = None,
    base: Glossary | None = None,
) -> Glossary:
    """The seller's glossary ``base``, then what the whole sheet protects in every target
    language (codes, brand, every product's name and model numbers, payment services' names,
    identifier-like terms),
    then the pinned product's terms on top (:func:`glossary_from_product`). Terms are matched
    as spoken in ``source_language`` (the captions' language; default the sheet's)."""
    seller = source_language or sheet.seller_language
    targets = [t for t in target_languages if t != seller]
    codes = dict.fromkeys(d.code for p in sheet.products for d in p.discounts if d.code)
    entries = [code_entry(c) for c in codes]
    if sheet.seller_name.strip():
        entries.append(GlossaryEntry(sheet.seller_name.strip(), TermKind.BRAND))
    for product in sheet.products:
        entries += name_entries(product, seller, targets)
    payment = (m for p in sheet.products if p.payment for m in p.payment.methods)
    for method in dict.fromkeys(m.strip() for m in payment):
        if method[:1].isupper():  # a payment service's name ("Pix", "PayPal"), not "card"
            entries.append(GlossaryEntry(method, TermKind.BRAND, case_sensitive=True))
    covered = {form.casefold() for e in entries for form in e.forms}
    for term in recognition_vocabulary(sheet, seller, max_tokens=_ALL_TERMS).terms:
        if term.casefold() not in covered and _IDENTIFIER.match(term):
            entries.append(GlossaryEntry(term, TermKind.MODEL_NUMBER, case_sensitive=True))
            covered.add(term.casefold())
    whole = (base or Glossary()).merged(Glossary(tuple(entries)))
    return glossary_from_product(sheet.pinned, targets, seller, base=whole)


def glossary_from_product(
    product: ProductLike,
    target_languages: Sequence[str],
    seller_language: str,
    base: Glossary | None = None,
) -> Glossary:
    """The seller's glossary ``base`` with the pinned product's terms on top.

    - the product name (the sheet's name in a target language where it gives one) and every
      alias that is a model number: verbatim;
    - sizes: verbatim and case-sensitive ("M" must not match "m");
    - material, every spec, and colours given per language in ``specs["colours"]``
      (``{en: navy, pt: azul-marinho}``): the sheet's rendering per target language.
    """
    entries = name_entries(product, seller_language, target_languages)
    for size in product.sizes:
        entries.append(GlossaryEntry(size, TermKind.SIZE, case_sensitive=True))
    material = _local_term(product.material, seller_language, target_languages, TermKind.MATERIAL)
    if material is not None:
        entries.append(material)
    for key, text in product.specs.items():
        kind = TermKind.COLOUR if key.startswith("colour") else TermKind.TERM
        entry = _local_term(text, seller_language, target_languages, kind)
        if entry is not None:
            entries.append(entry)
    product_glossary = Glossary(tuple(entries))
    return (base or Glossary()).merged(product_glossary)
