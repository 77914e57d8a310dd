"""Demand and "answer before asked": counts asks, raises restock alerts, proposes group answers.

:class:`DemandCounter` counts product/variant/stock/price asks per product, variant, language and
country; when asks for an out-of-stock or low-stock variant reach ``threshold`` it raises a
:class:`RestockAlert` (again at every further multiple of the threshold, never twice for one).
:class:`GroupAnswerer` watches questions: when ``min_viewers`` different viewers ask the same
thing (same intent, product, variant, country) within ``window_s`` seconds, it proposes one answer
for all of them, in each of their languages, with an on-screen card for the video.
Neither ever sends anything. Both keep counts and the current window, never every ask, so
their memory does not grow with the show's length.
"""

from __future__ import annotations

import itertools
import threading
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, replace

from sola_studio.catalog.sheet import ProductSheet, StockLevel
from sola_studio.comments.events import (
    DemandCounted,
    DemandKey,
    Draft,
    Entities,
    GroupAnswerProposal,
    Intent,
    OnScreenCard,
    RestockAlert,
    UnderstoodComment,
)

_DEMAND_INTENTS = (Intent.SIZE_STOCK, Intent.PRICE)


class DemandCounter:
    def __init__(
        self,
        sheet: ProductSheet,
        publish: Callable[[object], None],
        clock: Callable[[], float],
        threshold: int = 5,
    ) -> None:
        self.sheet = sheet
        self._publish = publish
        self._clock = clock
        self.threshold = threshold
        self.counts: Counter[DemandKey] = Counter()
        # per variant: asks, and the same asks by language and by country (counts, not asks)
        self._variant_asks: Counter[str] = Counter()
        self._variant_languages: dict[str, Counter[str]] = defaultdict(Counter)
        self._variant_countries: dict[str, Counter[str]] = defaultdict(Counter)
        self._alerted: dict[str, int] = {}
        self._lock = threading.Lock()

    def count(self, u: UnderstoodComment) -> None:
        if not any(i in _DEMAND_INTENTS for i in u.intents) or u.entities.product_id is None:
            return
        e = u.entities
        product = self.sheet.product(e.product_id or "")
        if product is None:
            return
        skus = (
            [e.variant_sku]
            if e.variant_sku
            else [v.sku for v in product.variants_matching(e.size, e.colour)]
            if (e.size or e.colour)
            else []
        )
        keys = [DemandKey(product.id, sku, u.language, e.country) for sku in skus] or [
            DemandKey(product.id, None, u.language, e.country)
        ]
        alerts: list[RestockAlert] = []
        with self._lock:
            for key in keys:
                self.counts[key] += 1
                self._publish(
                    DemandCounted(key, u.intent, u.comment.id, self.counts[key], self._clock())
                )
                if key.variant_sku is None:
                    continue
                self._variant_asks[key.variant_sku] += 1
                self._variant_languages[key.variant_sku][key.language] += 1
                self._variant_countries[key.variant_sku][key.country or ""] += 1
                alert = self._check(product.id, key.variant_sku)
                if alert is not None:
                    alerts.append(alert)
        for alert in alerts:
            self._publish(alert)

    def _check(self, product_id: str, sku: str) -> RestockAlert | None:
        product = self.sheet.product(product_id)
        variant = product.variant(sku) if product else None
        if variant is None:
            return None
        level = self.sheet.stock_level(variant)
        if level is StockLevel.IN_STOCK:
            return None
        asks = self._variant_asks[sku]
        step = asks // self.threshold
        if step == 0 or self._alerted.get(sku, 0) >= step:
            return None
        self._alerted[sku] = step
        return RestockAlert(
            product_id=product_id,
            variant_sku=sku,
            variant_label=variant.label,
            stock=variant.stock,
            level=level,
            asks=asks,
            threshold=self.threshold,
            by_language=Counter(self._variant_languages[sku]),
            by_country=Counter(self._variant_countries[sku]),
            t_emit=self._clock(),
        )

    def table(self) -> dict[DemandKey, int]:
        with self._lock:
            return dict(self.counts)


@dataclass(frozen=True)
class _Ask:
    t: float
    comment_id: str
    viewer_id: str
    language: str
    draft: Draft


class GroupAnswerer:
    def __init__(
        self,
        publish: Callable[[object], None],
        clock: Callable[[], float],
        render: Callable[[UnderstoodComment, str], Draft],
        seller_language: str,
        *,
        window_s: float = 60.0,
        min_viewers: int = 3,
        card_s: float = 12.0,
    ) -> None:
        self._publish = publish
        self._clock = clock
        self._render = render  # (understood, language) -> draft in that language
        self.seller_language = seller_language
        self.window_s = window_s
        self.min_viewers = min_viewers
        self.card_s = card_s
        self._asks: dict[tuple, deque[_Ask]] = defaultdict(deque)
        self._last_proposal: dict[tuple, float] = {}
        self._open: dict[tuple, GroupAnswerProposal] = {}  # proposed, still gathering askers
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    @staticmethod
    def key(u: UnderstoodComment) -> tuple:
        e: Entities = u.entities
        return (
            u.intent,
            e.product_id,
            e.variant_sku or e.size or e.colour,
            e.country if u.intent is Intent.SHIPPING else None,
        )

    def observe(self, u: UnderstoodComment, draft: Draft) -> GroupAnswerProposal | None:
        if not u.intent.is_question or draft.flagged or not draft.facts:
            return None
        key = self.key(u)
        now = u.comment.t_capture
        with self._lock:
            open_ = self._open.get(key)
            since = self._last_proposal.get(key)
            if open_ is not None and since is not None and now - since <= self.window_s:
                # a group answer is waiting for the seller: this asker joins it (every asker
                # of the window gets the answer, not only the first three)
                if u.comment.id in open_.comment_ids:
                    return None
                joined = dict(open_.texts)
                joined.setdefault(draft.language, draft.text)
                grown = replace(
                    open_,
                    comment_ids=(*open_.comment_ids, u.comment.id),
                    viewer_ids=tuple(dict.fromkeys((*open_.viewer_ids, u.comment.viewer_id))),
                    texts=joined,
                )
                self._open[key] = grown
            else:
                grown = None
        if grown is not None:
            self._publish(grown)
            return grown
        with self._lock:
            if len(self._asks) > self.SWEEP_OVER:
                self._sweep(now)
            asks = self._asks[key]
            asks.append(_Ask(now, u.comment.id, u.comment.viewer_id, draft.language, draft))
            while asks and now - asks[0].t > self.window_s:
                asks.popleft()
            viewers = {a.viewer_id for a in asks}
            last = self._last_proposal.get(key)
            if len(viewers) < self.min_viewers or (last is not None and now - last < self.window_s):
                return None
            self._last_proposal[key] = now
            members = list(asks)
            asks.clear()
        texts: dict[str, str] = {}
        for a in members:
            texts.setdefault(a.language, a.draft.text)
        seller = self._render(u, self.seller_language)
        texts.setdefault(self.seller_language, seller.text)
        proposal = GroupAnswerProposal(
            id=f"group-{next(self._ids)}",
            intent=u.intent,
            entities=u.entities,
            comment_ids=tuple(a.comment_id for a in members),
            viewer_ids=tuple(dict.fromkeys(a.viewer_id for a in members)),
            texts=texts,
            seller_text=seller.seller_text,
            facts=draft.facts,
            window_s=self.window_s,
            t_capture=members[0].t,
            t_emit=self._clock(),
        )
        with self._lock:
            self._open[key] = proposal
        self._publish(proposal)
        return proposal

    #: Past this many question kinds seen, those quiet for a window are forgotten.
    SWEEP_OVER = 256

    def _sweep(self, now: float) -> None:
        """Forget the asks, proposals and open groups of question kinds nobody asked within a
        window (they could not join or trigger a group answer any more). Under the lock."""
        for key in [k for k, a in self._asks.items() if not a or now - a[-1].t > self.window_s]:
            del self._asks[key]
        for key in [k for k, t in self._last_proposal.items() if now - t > self.window_s]:
            del self._last_proposal[key]
            self._open.pop(key, None)

    def card(self, proposal: GroupAnswerProposal, title: str) -> OnScreenCard:
        return OnScreenCard(
            id=f"card-{proposal.id}",
            title=title,
            lines=proposal.texts,
            duration_s=self.card_s,
            t_emit=self._clock(),
        )
