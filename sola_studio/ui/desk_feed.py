"""Turns the comment flow's events into what the desk panel shows: cards and banners.

The comment flow publishes separate events for one comment (understood, drafted, review state
changed); the panel wants one card per comment. This keeps the latest of each and merges them.
It runs in the GUI thread (fed by the Bus adapter) and only reshapes data: no decisions.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import ProductSheet, StockLevel
from sola_studio.comments.events import (
    Draft,
    FlagReason,
    GroupAnswerProposal,
    ReplySent,
    RestockAlert,
    ReviewChanged,
    UnderstoodComment,
)
from sola_studio.ui.widgets.desk import Banner, CommentCard, intent_label

log = logging.getLogger(__name__)

#: A draft below this confidence is marked "needs you" even when the desk raised no flag (a
#: 69 % draft answered "how to wash?" with the price).
NEEDS_YOU_BELOW = 0.75
#: Intents a draft may answer with whatever the comment asked (a greeting back, a general reply).
_ANY_TOPIC = frozenset({"greeting", "other"})

EVENT_KINDS: tuple[type, ...] = (
    UnderstoodComment,
    Draft,
    ReviewChanged,
    GroupAnswerProposal,
    RestockAlert,
    ReplySent,  # the window says when a reply went to the clipboard instead of the chat
)


# what each flag tells the seller (translated when shown; {0}: the draft's language)
_FLAG_TEXTS = {
    FlagReason.SHEET_SILENT: QT_TRANSLATE_NOOP(
        "DeskFeed", "the sheet does not answer it: the draft says you will check"
    ),
    FlagReason.HOSTILE: QT_TRANSLATE_NOOP(
        "DeskFeed", "tries to steer the reply or plants a price or code: read it first"
    ),
    FlagReason.LOW_CONFIDENCE: QT_TRANSLATE_NOOP("DeskFeed", "unsure what was asked"),
    FlagReason.UNKNOWN_VARIANT: QT_TRANSLATE_NOOP(
        "DeskFeed", "asks for a size or colour the sheet does not list"
    ),
    FlagReason.NO_TEMPLATE: QT_TRANSLATE_NOOP(
        "DeskFeed", "written in {0}: no reply wording in the viewer's language"
    ),
    FlagReason.POLISH_REJECTED: QT_TRANSLATE_NOOP(
        "DeskFeed", "the reworded draft added a fact: the plain one is kept"
    ),
    FlagReason.WHICH_PRODUCT: QT_TRANSLATE_NOOP(
        "DeskFeed", "could mean several products: the draft asks which"
    ),
    FlagReason.MACHINE_TRANSLATED: QT_TRANSLATE_NOOP("DeskFeed", "holds machine-translated text"),
    FlagReason.NO_LANGUAGE: QT_TRANSLATE_NOOP(
        "DeskFeed",
        "written in {0}: no translation into the viewer's language is installed for the "
        "sheet's text",
    ),
    FlagReason.SPAM: QT_TRANSLATE_NOOP("DeskFeed", "spam (a link or contact bait): no reply"),
}


def flag_text(flag: FlagReason, language: str) -> str:
    """What a flag tells the seller, in a sentence ("flagged: no language" was read by a blind
    judge as "could not tell the viewer's language"); ``language``: the draft's."""
    translate = QCoreApplication.translate
    source = _FLAG_TEXTS.get(flag)
    if source is None:
        return translate("DeskFeed", "flagged: {0}").format(flag.value.replace("_", " "))
    data = lang_data.language(language)
    return translate("DeskFeed", str(source)).format(data.name if data is not None else language)


def needs_you(asked: tuple[str, ...], draft: Draft) -> tuple[str, ...]:
    """Why the seller should read ``draft`` before it goes (empty: nothing found): the desk's
    flags, a confidence under :data:`NEEDS_YOU_BELOW`, or a reply about another topic than the
    comment asked (``asked``: the comment's intents)."""
    translate = QCoreApplication.translate
    reasons = [flag_text(f, draft.language) for f in draft.flags]
    if draft.confidence < NEEDS_YOU_BELOW:
        reasons.append(
            translate("DeskFeed", "low confidence ({0})").format(f"{draft.confidence:.0%}")
        )
    topic = draft.intent.value
    if asked and topic not in asked and topic not in _ANY_TOPIC:
        reasons.append(
            translate("DeskFeed", "answers {0}, asked {1}").format(
                intent_label(topic), ", ".join(intent_label(i) for i in asked)
            )
        )
    return tuple(reasons)


class DeskFeed:
    """Merges comment-flow events into :class:`CommentCard` and :class:`Banner` values."""

    def __init__(self) -> None:
        self._cards: dict[str, CommentCard] = {}
        self.proposals: dict[str, GroupAnswerProposal] = {}
        self.alerts: dict[str, RestockAlert] = {}

    def clear(self) -> None:
        """Forget every card and banner (a new show starts with an empty desk)."""
        self._cards.clear()
        self.proposals.clear()
        self.alerts.clear()

    def card(self, comment_id: str) -> CommentCard | None:
        return self._cards.get(comment_id)

    def understood(self, event: UnderstoodComment) -> CommentCard:
        c = event.comment
        old = self._cards.get(c.id)
        intents = tuple(i.value for i in (event.intents or (event.intent,)))
        card = CommentCard(
            id=c.id,
            viewer=c.viewer_name or c.viewer_id,
            language=event.language,
            original=event.clean_text,
            translation=event.translation or "",
            draft=old.draft if old else "",
            state=old.state if old else "pending",
            t_arrived=c.t_capture,
            intents=intents,
            facts=old.facts if old else (),
            confidence=old.confidence if old else None,
            needs_seller=bool(event.flags) or (old.needs_seller if old else False),
            platform=c.platform,
        )
        self._cards[c.id] = card
        return card

    def drafted(self, event: Draft) -> CommentCard | None:
        old = self._cards.get(event.comment_id)
        if old is None:
            log.warning("draft for unknown comment %s", event.comment_id)
            return None
        reasons = needs_you(old.intents, event)
        card = replace(
            old,
            draft=event.text,
            facts=tuple(f.text for f in event.facts),
            confidence=event.confidence,
            needs_seller=bool(reasons),
            needs_reasons=reasons,
            state="drafted" if old.state == "pending" else old.state,
            withheld=(
                ("spam" if FlagReason.SPAM in event.flags else "hostile") if event.withheld else ""
            ),
        )
        self._cards[card.id] = card
        return card

    def review(self, event: ReviewChanged) -> CommentCard | None:
        old = self._cards.get(event.comment_id)
        if old is None:
            return None
        card = replace(old, state=event.state.value, draft=event.text or old.draft)
        self._cards[card.id] = card
        return card

    def sent(self, event: ReplySent) -> CommentCard | None:
        """The reply left through ``event.sender`` (``clipboard``: the seller pastes it)."""
        old = self._cards.get(event.comment_id)
        if old is None:
            return None
        card = replace(old, sent_by=event.sender, platform=event.platform or old.platform)
        self._cards[card.id] = card
        return card

    def solved_restocks(self, sheet: ProductSheet) -> list[str]:
        """The restock banners ``sheet`` solves (the variant is in stock again), forgotten
        here; the window removes them."""
        solved = []
        for key, alert in list(self.alerts.items()):
            product = sheet.product(alert.product_id)
            variant = product.variant(alert.variant_sku) if product is not None else None
            if variant is not None and sheet.stock_level(variant) is StockLevel.IN_STOCK:
                del self.alerts[key]
                solved.append(key)
        return solved

    def proposal(self, event: GroupAnswerProposal) -> Banner:
        self.proposals[event.id] = event
        text = QCoreApplication.translate(
            "DeskFeed", "{0} viewers asked about {1}. One answer for all: “{2}”"
        ).format(len(event.viewer_ids), intent_label(event.intent.value), event.seller_text)
        detail = tuple(f"{lang}: {t}" for lang, t in event.texts.items())
        return Banner(
            f"group:{event.id}",
            "group",
            text,
            QCoreApplication.translate("DeskFeed", "Send to all"),
            detail,
        )

    def restock(self, event: RestockAlert) -> Banner:
        key = f"restock:{event.product_id}:{event.variant_sku}"
        self.alerts[key] = event
        text = QCoreApplication.translate(
            "DeskFeed", "Restock: {0} asks for {1}, {2} left."
        ).format(event.asks, event.variant_label or event.variant_sku, event.stock)
        langs = ", ".join(f"{k} {v}" for k, v in event.by_language.items())
        return Banner(key, "restock", text, "", (langs,) if langs else ())
