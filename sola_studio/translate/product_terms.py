"""Glossary entries from the pinned product: its name and model numbers stay verbatim, its
sizes stay verbatim, and every text the sheet gives per language (material, specs such as
``kind: {en: table, pt: mesa}``) becomes a term with the seller's renderings. A "table" in a
furniture sheet therefore reaches a Portuguese viewer as "mesa", never as "tabela".

Switching the pinned product means calling :func:`glossary_from_product` again and handing the
result to ``StudioTranslator.set_glossary``. This module only reads the sheet; it never adds a
rendering the sheet does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol

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


def glossary_from_product(
    product: ProductLike,
    target_languages: Sequence[str],
    seller_language: str,
    base: Glossary | None = None,
) -> Glossary:
    """The seller's glossary ``base`` with the pinned product's terms on top.

    - the product name and every alias that is a model number: verbatim;
    - sizes: verbatim and case-sensitive ("M" must not match "m");
    - material, every spec, and colours given per language in ``specs["colours"]``
      (``{en: navy, pt: azul-marinho}``): the sheet's rendering per target language.
    """
    entries: list[GlossaryEntry] = [GlossaryEntry(product.name, TermKind.PRODUCT)]
    for token in (*product.name.split(), *product.aliases):
        if _MODEL_NUMBER.match(token):
            entries.append(GlossaryEntry(token, TermKind.MODEL_NUMBER, case_sensitive=True))
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
