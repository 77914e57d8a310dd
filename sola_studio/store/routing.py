"""Routes bus events to :class:`~sola_studio.store.repository.SessionStore` ``record_*`` calls.

:class:`EventRouter` is subscribed by the composition root; the store does not import this
module (it knows nothing of the bus).

One function per event type, so each flow's event maps onto the store's typed methods in one
visible place. This module must never transform what is stored beyond choosing fields; it
holds no state. :func:`products_from_sheet` turns the seller's product sheet into the snapshots
the store keeps (the composition root calls ``store.record_products`` when a sheet is loaded or
changed, since loading a sheet is not a bus event).
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sola_studio.captions.speccards import SpecCard
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.chat.events import ViewerActivity
from sola_studio.comments import events as ce
from sola_studio.core.bus import Bus, Handler
from sola_studio.core.events import Caption, Comment, ErrorEvent
from sola_studio.plan import events as pe
from sola_studio.plan.stored import record_plan_started, record_said, record_segment
from sola_studio.store.activity import record_activity
from sola_studio.store.records import ProductSnapshot

if TYPE_CHECKING:
    from sola_studio.store.repository import SessionStore

log = logging.getLogger(__name__)


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a dataclass tree (Decimal as its exact string, enums as values)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def products_from_sheet(sheet: ProductSheet) -> list[ProductSnapshot]:
    """Every product of the sheet as the snapshot the store keeps."""
    out = []
    for p in sheet.products:
        details = _plain(p)
        details["pinned"] = p.id == sheet.pinned_id
        details["stock_levels"] = {v.sku: sheet.stock_level(v).value for v in p.variants}
        out.append(ProductSnapshot(product_id=p.id, name=p.name, details=details))
    return out


def variant_label(entities: ce.Entities) -> str | None:
    """What the report calls the variant asked about: the size/colour named, else the SKU."""
    label = " / ".join(x for x in (entities.size, entities.colour) if x)
    return label or entities.variant_sku


def _comment(store: SessionStore, c: Comment) -> None:
    store.record_comment(c)  # returns the viewer's pseudonym, which the bus has no use for


def _understood(store: SessionStore, u: ce.UnderstoodComment) -> None:
    store.record_comment(u.comment)  # no-op when the raw comment was already recorded
    store.record_comment_understood(
        u.comment.id,
        language=u.language,
        translation=u.translation,
        translated_to=store.seller_language,
        intent=u.intent.value,
        intents=[i.value for i in (u.intents or (u.intent,))],
        is_question=u.intent.is_question,
        entities=_plain(u.entities),
        product_id=u.entities.product_id,
        variant=variant_label(u.entities),
        flags=[f.value for f in u.flags],
    )


def _draft(store: SessionStore, d: ce.Draft) -> None:
    store.record_draft(
        d.comment_id,
        comment_id=d.comment_id,
        text=d.text,
        language=d.language,
        translation=d.seller_text,
        sources=[f.id for f in d.facts],
        t_ready=d.t_emit,
        time_to_draft_s=d.time_to_draft,
        intent=d.intent.value,
        confidence=d.confidence,
        flags=[f.value for f in d.flags],
    )


def _review(store: SessionStore, r: ce.ReviewChanged) -> None:
    store.record_review(r.comment_id, r.state.value, by=r.by, text=r.text)
    if r.error is not None:
        store.record_problem(
            stage="reply",
            error_type=type(r.error).__name__,
            message=r.error.message,
            fix=r.error.fix,
            t_emit=r.t_emit,
        )


def _reply(store: SessionStore, r: ce.ReplySent) -> None:
    store.record_reply(
        f"{r.comment_id}@{r.t_emit:.6f}",
        text=r.text,
        comment_ids=[r.comment_id],
        draft_id=r.comment_id,
        language=r.language,
        channel=r.sender,
    )


def _group(store: SessionStore, g: ce.GroupAnswerProposal) -> None:
    store.record_draft(
        g.id,
        comment_id=g.comment_ids[0] if g.comment_ids else None,
        text="\n".join(f"[{lang}] {text}" for lang, text in g.texts.items()),
        language=None,
        translation=g.seller_text,
        sources=[f.id for f in g.facts],
        t_ready=g.t_emit,
        time_to_draft_s=g.t_emit - g.t_capture,
        intent=g.intent.value,
    )


def _demand(store: SessionStore, d: ce.DemandCounted) -> None:
    store.record_demand(
        "ask",
        product_id=d.key.product_id,
        variant=d.key.variant_sku,
        count=d.count,
        detail={
            "language": d.key.language,
            "country": d.key.country,
            "intent": d.intent.value,
            "comment_id": d.comment_id,
        },
    )


def _restock(store: SessionStore, a: ce.RestockAlert) -> None:
    store.record_alert(
        "restock",
        message=f"{a.asks} asks for {a.variant_label or a.variant_sku} "
        f"({a.level.value.replace('_', ' ')}, {a.stock} left)",
        product_id=a.product_id,
        variant=a.variant_label or a.variant_sku,
        count=a.asks,
        detail={
            "variant_sku": a.variant_sku,
            "stock": a.stock,
            "level": a.level.value,
            "threshold": a.threshold,
            "by_language": dict(a.by_language),
            "by_country": dict(a.by_country),
        },
    )


def _card(store: SessionStore, c: ce.OnScreenCard) -> None:
    store.record_spec_card(product_id=None, title=c.title, language=None, fields=dict(c.lines))


def _spec_card(store: SessionStore, c: SpecCard) -> None:
    """A spec card from the captions (issue 9): its text per viewer language, as drawn."""
    lang = store.seller_language or "en"
    texts = {language: c.text_in(language) for language in c.fact}
    store.record_spec_card(
        product_id=c.product_id,
        title=c.label.get(lang) or c.label.get("en") or c.attribute,
        language=None,  # one card, every viewer language (``fields``: language -> text)
        fields={language: text for language, text in texts.items() if text is not None},
        duration_s=c.duration_s,
        attribute=c.attribute,
        keyword=c.keyword,
        caption_id=c.caption_id,
        stream_start=c.start,
        stream_end=c.start + c.duration_s,
    )


def _dropped(store: SessionStore, d: ce.CommentDropped) -> None:
    store.record_problem(
        stage="comments",
        error_type="CommentDropped",
        message=f"comment {d.comment_id}: {d.reason}",  # which one: every comment accounted for
        t_emit=d.t_emit,
    )


class EventRouter:
    """Routes the flows' bus events to one store's ``record_*`` methods.

    The composition root subscribes it (``EventRouter(store).subscribe(bus)``); the store
    itself knows nothing of the bus. Events of flows not known here are ignored; a failed
    write is logged by the bus and never reaches the publisher.
    """

    def __init__(self, store: SessionStore) -> None:
        self.store = store

    def routes(self) -> list[tuple[type, Handler]]:
        """(event type, handler) pairs for every event type the store knows."""
        store = self.store

        def bind(fn: Callable[[SessionStore, Any], None]) -> Callable[[Any], None]:
            # through the store's write path, so a write any route makes (also one added
            # later, e.g. the plan's) waits in memory on a full disk instead of failing
            return lambda event: store.write_or_keep(fn, event)

        return [
            (Caption, store.record_caption),
            (Comment, bind(_comment)),
            (ErrorEvent, store.record_error),
            (ce.UnderstoodComment, bind(_understood)),
            (ce.Draft, bind(_draft)),
            (ce.ReviewChanged, bind(_review)),
            (ce.ReplySent, bind(_reply)),
            (ce.GroupAnswerProposal, bind(_group)),
            (ce.DemandCounted, bind(_demand)),
            (ce.RestockAlert, bind(_restock)),
            (ce.OnScreenCard, bind(_card)),
            (SpecCard, bind(_spec_card)),
            (ce.CommentDropped, bind(_dropped)),
            (ViewerActivity, bind(record_activity)),
            (pe.PlanStarted, bind(record_plan_started)),
            (pe.SegmentChanged, bind(record_segment)),
            (pe.PlanLineSaid, bind(record_said)),
        ]

    def subscribe(self, bus: Bus) -> Callable[[], None]:
        """Subscribe every route; returns a function that unsubscribes them all."""
        unsubscribers = [bus.subscribe(kind, handler) for kind, handler in self.routes()]

        def unsubscribe() -> None:
            for u in unsubscribers:
                u()

        return unsubscribe
