"""The sheet's own words for the recogniser: discount codes, product names, the brand, payment
names, distinctive aliases and short spec terms, in the speech language.

Whisper writes what it hears as common words ("the code live ten") unless it has seen the
spelling: :func:`recognition_vocabulary` gives the speech engine a short list to prime with,
as faster-whisper's ``initial_prompt`` and ``hotwords``, so "LIVE10" and "Camiseta Sola
Classic" come out as the sheet writes them. The list is kept small: Whisper's prompt holds at
most ~224 tokens, the streaming policy already gives each pass the end of the committed text,
and a long prompt biases the decoder towards repeating it. Pure data, no model, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sola_studio.catalog.sheet import LocalText, Product, ProductSheet

#: Estimated token budget of the sheet's part of the prompt (of Whisper's ~224).
DEFAULT_MAX_TOKENS = 64
_DISTINCT = re.compile(r"[0-9A-Z\-]")  # a code, a model number, a hyphenated or capitalised term
_MAX_TERM_WORDS = 4
_MAX_TERM_CHARS = 32


@dataclass(frozen=True)
class RecognitionVocabulary:
    """``terms`` in priority order (codes first); ``prompt`` the text for ``initial_prompt``;
    ``hotwords`` the same terms for faster-whisper's ``hotwords``; ``tokens`` the estimate."""

    language: str
    terms: tuple[str, ...]
    tokens: int

    @property
    def prompt(self) -> str:
        return ", ".join(self.terms) + "." if self.terms else ""

    @property
    def hotwords(self) -> str:
        return " ".join(self.terms)


def estimate_tokens(text: str) -> int:
    """A cautious estimate of Whisper's tokens for ``text``: its byte-level BPE averages ~4
    characters a token on Latin text and ~1 a token on CJK; one per 3 UTF-8 bytes, at least
    one a word, covers both without loading the tokenizer."""
    return max(len(text.split()), -(-len(text.encode("utf-8")) // 3))


def _in(text: LocalText, language: str, seller: str) -> str:
    return text.get(language) or (text.get(seller, "") if language == seller else "")


def _short_terms(text: str) -> list[str]:
    """The short parts of a sheet text ("100% organic cotton, 180 g/m² jersey" -> both)."""
    parts = (p.strip(" .;") for p in re.split(r"[,;()，、；]|\band\b", text))
    return [p for p in parts if p and len(p.split()) <= _MAX_TERM_WORDS and _DISTINCT.search(p)]


#: A word Whisper would split or respell: hyphenated ("pre-shrunk") or letters with digits.
_ODD_WORD = re.compile(r"\b\w+(?:-\w+)+\b|\b(?=\w*\d)(?=\w*[^\W\d])\w+\b")


def _product_terms(p: Product, language: str, seller: str) -> tuple[list[str], list[str]]:
    """(names, specs) of a product in ``language``: specs only where a term has a digit, a
    hyphen or a capital (common words need no priming)."""
    names = [p.names.get(language) or p.name]  # a product's name is a name in any language
    names += [a for a in p.alias_names.get(language, ()) if _DISTINCT.search(a)]
    names += [a for a in p.aliases if _DISTINCT.search(a) and a.isascii()]
    specs: list[str] = []
    for text in (p.material, *p.specs.values()):
        specs += _short_terms(_in(text, language, seller))
    for f in p.spec_fields:
        specs += _short_terms(_in(f.value, language, seller))
    for faq in p.faq:  # answers are sentences: only their odd words ("pre-shrunk")
        specs += _ODD_WORD.findall(_in(faq.answer, language, seller))
    return [n for n in names if n], specs


def recognition_vocabulary(
    sheet: ProductSheet, language: str, max_tokens: int = DEFAULT_MAX_TOKENS
) -> RecognitionVocabulary:
    """The sheet's words for speech in ``language``, most useful first, within ``max_tokens``
    (estimated): discount codes, the pinned product's names, the other products' names, the
    brand and payment names, then the pinned product's short spec terms, then the others'."""
    seller = sheet.seller_language
    pinned = sheet.pinned
    products = [pinned, *(p for p in sheet.products if p.id != pinned.id)]
    codes = [d.code for p in products for d in p.discounts if d.code]
    names_specs = [_product_terms(p, language, seller) for p in products]
    brand = [sheet.seller_name] if sheet.seller_name else []
    payment = [m for p in products if p.payment for m in p.payment.methods if _DISTINCT.search(m)]
    ordered = [
        *codes,
        *names_specs[0][0],
        *(n for names, _ in names_specs[1:] for n in names),
        *brand,
        *payment,
        *names_specs[0][1],
        *(s for _, specs in names_specs[1:] for s in specs),
    ]
    terms: list[str] = []
    seen: set[str] = set()
    used = 0
    for term in ordered:
        term = " ".join(term.split())
        key = term.casefold()
        if not term or key in seen or len(term) > _MAX_TERM_CHARS:
            continue
        cost = estimate_tokens(term) + 1  # the separator
        if used + cost > max_tokens:
            continue  # a shorter term further on may still fit
        seen.add(key)
        terms.append(term)
        used += cost
    return RecognitionVocabulary(language, tuple(terms), used)
