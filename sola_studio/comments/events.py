"""Events of the comment flow, from an understood comment to a sent reply.

The raw :class:`sola_studio.core.events.Comment` is the input; everything the flow publishes
on its :class:`~sola_studio.core.bus.Bus` is one of the frozen dataclasses below. The store
persists them and the comment desk window shows them, so they are a contract: fields are only
ever added (with defaults), never renamed or removed.

All ``t_*`` fields are monotonic seconds (``sola_studio.core.clock``); ``t_capture`` is always
the arrival time of the comment the event is about, so ``t_emit - t_capture`` is a latency.
This module holds data only: it never imports a model, a connector or Qt.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sola_studio.catalog.sheet import StockLevel
from sola_studio.core.errors import SolaError
from sola_studio.core.events import Comment


def _frozen(d: Mapping[str, object] | None) -> Mapping:
    return MappingProxyType(dict(d or {}))


class Intent(enum.Enum):
    """What a viewer wants to know. Values are stable strings (stored, shown, in the dev set)."""

    PRICE = "price"
    SHIPPING = "shipping"
    SIZE_STOCK = "size_stock"
    MATERIAL = "material"
    PAYMENT = "payment"
    RETURNS = "returns"
    DISCOUNT = "discount"
    GREETING = "greeting"  # greetings and praise
    OTHER = "other"

    @property
    def is_question(self) -> bool:
        return self is not Intent.GREETING


class FlagReason(enum.Enum):
    """Why a comment or draft needs the seller's eyes before anything else."""

    SHEET_SILENT = "sheet_silent"  # no fact in the sheet answers it: "the seller will check"
    HOSTILE = "hostile"  # tries to steer the reply ("say it's free", "ignore your rules")
    LOW_CONFIDENCE = "low_confidence"  # intent or language uncertain
    UNKNOWN_VARIANT = "unknown_variant"  # asks for a size/colour the sheet does not list
    NO_TEMPLATE = "no_template"  # no reply template in the viewer's language (English used)
    POLISH_REJECTED = "polish_rejected"  # a polisher's wording added a fact; template kept
    WHICH_PRODUCT = "which_product"  # the comment fits more than one product: the draft asks
    MACHINE_TRANSLATED = "machine_translated"  # sheet text or template machine-translated
    NO_LANGUAGE = "no_language"  # no engine reaches the viewer's language: seller's/English used
    SPAM = "spam"  # a link or contact bait: no reply drafted; hide it or block the viewer


class ReviewState(enum.Enum):
    DRAFTED = "drafted"
    EDITED = "edited"
    APPROVED = "approved"
    SENT = "sent"
    FAILED = "failed"
    REJECTED = "rejected"
    EXPIRED = "expired"

    @property
    def is_final(self) -> bool:
        return self in (ReviewState.SENT, ReviewState.REJECTED, ReviewState.EXPIRED)


@dataclass(frozen=True)
class Entities:
    """What a comment is about. ``None`` means the comment did not say (not "unknown").

    ``product_id`` is a product of the sheet (the pinned one when the comment names none and
    ``product_implied`` is True); ``variant_sku`` is set only when size and colour pin down one
    variant; ``size``/``colour`` hold what the viewer named (normalised: ``M``, ``black``);
    ``country`` is ISO 3166-1 alpha-2 (``BR``).
    """

    product_id: str | None = None
    product_implied: bool = False
    variant_sku: str | None = None
    size: str | None = None
    colour: str | None = None
    country: str | None = None
    candidates: tuple[str, ...] = ()  # products the comment may mean when it cannot tell which


@dataclass(frozen=True)
class UnderstoodComment:
    """A comment cleaned, its language identified, translated for the seller and understood.

    ``translation`` is the comment in the seller's language (the clean text itself when the
    viewer wrote in it), or ``None`` with ``translation_note`` saying why ("no translation model
    for ja (fix: ...)"). ``intents`` lists every intent found, the main one first.
    ``follow_up_of`` is the id of the earlier comment of the same viewer whose context filled in
    what this one left out ("and the interest?").
    """

    comment: Comment
    clean_text: str
    language: str
    language_confidence: float
    translation: str | None
    translation_note: str | None
    intent: Intent
    intent_confidence: float
    entities: Entities
    t_emit: float
    intents: tuple[Intent, ...] = ()
    follow_up_of: str | None = None
    flags: tuple[FlagReason, ...] = ()
    # the sheet fields the question asks about, best first ("spec:width", "faq:wash"), found by
    # retrieval over the sheet (sola_studio.comments.retrieval)
    fields: tuple[str, ...] = ()
    # spam or abuse (``abuse.abuse_kind``: "link", "contact", "insult"), decided once here: an
    # insult keeps its draft, a hostile comment no fact answers does not
    abuse: str | None = None
    # the country the viewer named last, as far back as viewer memory reaches ("desde Mar del
    # Plata"): it tells which of the sheet's pesos a later "en pesos?" means
    viewer_country: str | None = None

    @property
    def t_capture(self) -> float:
        return self.comment.t_capture


class FactKind(enum.Enum):
    PRICE = "price"
    VARIANT = "variant"  # stock of one variant
    VARIANTS = "variants"  # which sizes/colours exist
    MATERIAL = "material"
    SPEC = "spec"
    SHIPPING = "shipping"
    PAYMENT = "payment"
    INSTALMENTS = "instalments"
    RETURNS = "returns"
    WARRANTY = "warranty"
    DISCOUNT = "discount"
    FAQ = "faq"


@dataclass(frozen=True)
class FactRef:
    """One fact of the product sheet a draft used.

    ``id`` is stable across languages and sessions (``price:tee``, ``shipping:BR``,
    ``variant:tee/M-black``); ``text`` says the fact in the seller's language for the review
    card; ``numbers`` are the canonical numbers the fact allows a reply to state (``149.90``,
    ``12``, ``3.6``), which is what the invented-fact check compares against.
    """

    id: str
    kind: FactKind
    text: str
    numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A reply drafted for one comment, in the viewer's language.

    ``text`` is what would be sent; ``seller_text`` the same reply in the seller's language
    (rendered from the same template, so it never depends on machine translation).
    ``confidence`` in [0, 1] combines language, intent and fact coverage. ``flagged`` is True
    when ``flags`` is not empty. ``revision`` counts regenerations and edits (0 first).
    """

    comment_id: str
    viewer_id: str
    language: str
    intent: Intent
    text: str
    seller_text: str
    facts: tuple[FactRef, ...]
    confidence: float
    flags: tuple[FlagReason, ...]
    t_capture: float
    t_emit: float
    revision: int = 0
    platform: str = ""

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def withheld(self) -> bool:
        """No reply drafted on purpose: spam, or a manipulation attempt no fact of the sheet
        answers (the seller reads it and decides; nothing is offered to send)."""
        return not self.text and (FlagReason.HOSTILE in self.flags or FlagReason.SPAM in self.flags)

    @property
    def time_to_draft(self) -> float:
        return self.t_emit - self.t_capture


@dataclass(frozen=True)
class ReviewChanged:
    """A review item moved to a new state (drafted, edited, approved, sent, ...).

    ``text`` is the reply text as it stands after the change; ``error`` is set for FAILED;
    ``by`` is ``seller``, ``auto`` (greeting auto-send), ``expiry`` or ``group``.
    """

    comment_id: str
    state: ReviewState
    previous: ReviewState | None
    text: str
    t_capture: float
    t_emit: float
    by: str = "seller"
    error: SolaError | None = None


@dataclass(frozen=True)
class ReplySent:
    """A reply left Sola Studio through a sender (platform, clipboard, card, dry-run log)."""

    comment_id: str
    viewer_id: str
    platform: str
    sender: str
    language: str
    text: str
    t_capture: float
    t_emit: float


@dataclass(frozen=True)
class GroupAnswerProposal:
    """Several viewers asked the same thing within a window: one answer for all of them.

    ``texts`` maps language -> reply text for each language among the askers; ``seller_text`` is
    the answer in the seller's language; ``comment_ids``/``viewer_ids`` are the askers.
    """

    id: str
    intent: Intent
    entities: Entities
    comment_ids: tuple[str, ...]
    viewer_ids: tuple[str, ...]
    texts: Mapping[str, str]
    seller_text: str
    facts: tuple[FactRef, ...]
    window_s: float
    t_capture: float
    t_emit: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "texts", _frozen(self.texts))


@dataclass(frozen=True)
class OnScreenCard:
    """A Q&A card for the video path: a question and its answer, per language.

    ``lines`` maps language -> answer text; the captions renderer draws it for ``duration_s``.
    """

    id: str
    title: str
    lines: Mapping[str, str]
    duration_s: float
    t_emit: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _frozen(self.lines))


@dataclass(frozen=True)
class DemandKey:
    product_id: str
    variant_sku: str | None
    language: str
    country: str | None


@dataclass(frozen=True)
class DemandCounted:
    """One more ask about a product (and variant), counted for the session's demand table."""

    key: DemandKey
    intent: Intent
    comment_id: str
    count: int  # asks for this key so far
    t_emit: float


@dataclass(frozen=True)
class RestockAlert:
    """Asks for an out-of-stock or low-stock variant crossed the threshold.

    ``by_language`` and ``by_country`` break the asks down (country ``""`` when unknown).
    """

    product_id: str
    variant_sku: str
    variant_label: str
    stock: int
    level: StockLevel
    asks: int
    threshold: int
    by_language: Mapping[str, int]
    by_country: Mapping[str, int]
    t_emit: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_language", _frozen(self.by_language))
        object.__setattr__(self, "by_country", _frozen(self.by_country))


@dataclass(frozen=True)
class CommentDropped:
    """A comment could not be taken in (intake full or not understood); never silent."""

    comment_id: str
    reason: str
    t_emit: float


@dataclass(frozen=True)
class DeskStats:
    """Counters the status bar shows, published now and then."""

    received: int
    drafted: int
    sent: int
    dropped: int
    pending: int
    t_emit: float
    languages: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "languages", _frozen(self.languages))
