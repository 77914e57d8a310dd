"""The comment desk: sources -> understanding -> draft -> review queue -> senders, as one object
the window (or a headless run) drives.

Sources call :meth:`CommentDesk.submit`, which only enqueues into a bounded intake channel
(5000 comments). A live platform's reader never waits: when the intake is full its comment is
refused with a :class:`CommentDropped` event (stored with its reason), so a flood is never silent.
A file replay passes ``wait=True`` and waits for room instead (back-pressure), so nothing of a
file is dropped. Every comment taken in ends drafted or as a :class:`CommentDropped` with its
reason; :meth:`CommentDesk.stop` drains the intake before it returns (the store closes after).
One worker thread understands and drafts each comment and
publishes every result on the desk's :class:`~sola_studio.core.bus.Bus`. The seller's decisions
come back as commands: :meth:`approve`, :meth:`edit`, :meth:`reject`, :meth:`regenerate`,
:meth:`approve_group`, :meth:`pin`. A reply leaves only through :meth:`approve` (or the opt-in
greeting auto-send), through the sender the seller picked.

Errors stay typed: a failed send publishes a FAILED :class:`ReviewChanged` carrying the
:class:`~sola_studio.core.errors.ConnectorError`; a stage failure publishes an ErrorEvent and
the desk keeps running. The desk never imports Qt.

Memory is bounded by what the seller can still act on, not by the show's length: every result
is in the store as it happens (the record; the report reads it), so the desk keeps a comment's
understanding while its review item is open (drafted, edited, approved, failed) plus the latest
:attr:`CommentDesk.KEEP_RECENT`; drafts older than ``review_ttl_s`` are expired as the show goes
on (:meth:`CommentDesk.expire`, at most every :attr:`CommentDesk.EXPIRE_EVERY_S`), and group
answers are kept while their askers' items can still be open.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.clean import whole_comment
from sola_studio.comments.drafter import Polisher, ReplyDrafter
from sola_studio.comments.events import (
    CommentDropped,
    DeskStats,
    Draft,
    GroupAnswerProposal,
    ReplySent,
    ReviewChanged,
    ReviewState,
    UnderstoodComment,
)
from sola_studio.comments.insights import DemandCounter, GroupAnswerer
from sola_studio.comments.language import SUPPORTED, LanguageIdentifier
from sola_studio.comments.memory import InMemoryViewerMemory, Interaction, ViewerMemory
from sola_studio.comments.neighbours import IntentNeighbours
from sola_studio.comments.retrieval import FieldIndex
from sola_studio.comments.review import ReviewError, ReviewItem, ReviewQueue
from sola_studio.comments.senders import OutgoingReply, PlatformSender, ReplySender
from sola_studio.comments.sheet_texts import SheetTexts
from sola_studio.comments.sources import CommentSource
from sola_studio.comments.understand import (
    PROTOTYPES,
    Context,
    Embedder,
    IntentEmbedder,
    Understander,
    default_embedder,
)
from sola_studio.core.bus import Bus
from sola_studio.core.channels import END, Channel, Overflow
from sola_studio.core.clock import Clock, SystemClock
from sola_studio.core.errors import ConnectorError, SolaError
from sola_studio.core.events import Comment, ErrorEvent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeskConfig:
    """Settings of one desk. Tune: ``group_window_s``/``group_min_viewers`` decide how eagerly a
    group answer is proposed; ``restock_threshold`` how many asks for a scarce variant raise an
    alert; ``retention_days`` how far back viewer memory reaches."""

    session_id: str = "session"
    languages: tuple[str, ...] = SUPPORTED
    intake_size: int = 5000  # a 500-comment burst fits ten times over
    retention_days: float = 90.0
    group_window_s: float = 60.0
    group_min_viewers: int = 3
    restock_threshold: int = 5
    review_ttl_s: float = 600.0
    auto_send_greetings: bool = False
    embeddings: bool = True  # E5: retrieval over the sheet's fields, intent fallback
    neighbour_holdout: tuple[str, ...] = ()  # blind sets left out of the intent vote (bench)
    # where the sheet's machine-translated texts are kept (the seller reviews them there);
    # None keeps them in memory only
    translation_cache: Path | None = None

    def languages_for(self, sheet: ProductSheet) -> tuple[str, ...]:
        """The languages the desk understands for ``sheet``: its audience, else these."""
        return tuple(sheet.audience_languages or self.languages)


class CommentDesk:
    def __init__(
        self,
        sheet: ProductSheet,
        *,
        sources: Sequence[CommentSource] = (),
        senders: Sequence[ReplySender] = (),
        bus: Bus | None = None,
        memory: ViewerMemory | None = None,
        translator: Any | None = None,
        embedder: Embedder | None = None,
        polisher: Polisher | None = None,
        clock: Clock | None = None,
        config: DeskConfig | None = None,
        sheet_translator: Any | None = None,
    ) -> None:
        self.config = config or DeskConfig()
        self.sheet = sheet
        self.bus = bus or Bus()
        self.clock = clock or SystemClock()
        self.memory: ViewerMemory = memory or InMemoryViewerMemory()
        self.sources = list(sources)
        self.senders: list[ReplySender] = list(senders) or [
            PlatformSender({s.platform: s for s in self.sources})
        ]
        languages = self.config.languages_for(sheet)
        intent_embedder = None
        if self.config.embeddings:
            intent_embedder = IntentEmbedder(embedder or default_embedder(), PROTOTYPES)
        now = self.clock.monotonic
        self.field_index = (
            FieldIndex(intent_embedder.embed_many) if intent_embedder is not None else None
        )
        self.understander = Understander(
            sheet,
            languages=languages,
            identifier=LanguageIdentifier(languages),
            intent_embedder=intent_embedder,
            translator=translator,
            clock=now,
            field_index=self.field_index,
            neighbours=(
                IntentNeighbours(self.config.neighbour_holdout)
                if intent_embedder is not None
                else None
            ),
        )
        self.sheet_translator = sheet_translator  # seller's language -> viewers' (sheet texts)
        self.drafter = ReplyDrafter(
            sheet, clock=now, polisher=polisher, sheet_texts=self._sheet_texts
        )
        self.review = ReviewQueue(
            self.bus.publish,
            now,
            ttl_s=self.config.review_ttl_s,
            auto_send_greetings=self.config.auto_send_greetings,
        )
        self.demand = DemandCounter(
            sheet, self.bus.publish, now, threshold=self.config.restock_threshold
        )
        self.groups = GroupAnswerer(
            self.bus.publish,
            now,
            self._draft_in,
            sheet.seller_language,
            window_s=self.config.group_window_s,
            min_viewers=self.config.group_min_viewers,
        )
        # BLOCK so a file replay can wait for room; a live source's put never waits (timeout 0)
        self._intake: Channel[Comment] = Channel(
            self.config.intake_size, Overflow.BLOCK, name="comment-intake"
        )
        self._abandon = threading.Event()  # stop(): what is still queued is dropped, with why
        # understanding of comments whose review item is open, and of the latest ones
        self._open: dict[str, UnderstoodComment] = {}
        self._recent: OrderedDict[str, UnderstoodComment] = OrderedDict()
        self._languages: Counter[str] = Counter()  # every comment understood, by language
        self._proposals: dict[str, GroupAnswerProposal] = {}
        self._last_expiry = self.clock.monotonic()
        self._shown: list[str] = []  # products pinned before the pinned one, the latest first
        self._worker: threading.Thread | None = None
        self._busy = threading.Condition()
        self._in_flight = 0
        self._lock = threading.Lock()
        self.received = self.drafted = self.sent = self.dropped = 0
        self.bus.subscribe(GroupAnswerProposal, self._keep_proposal)
        self.bus.subscribe(ReviewChanged, self._on_review)

    #: Understood comments kept after their review item finished (late lookups, evaluation).
    KEEP_RECENT = 1000
    #: How often (desk clock, seconds) drafting also expires drafts older than review_ttl_s.
    EXPIRE_EVERY_S = 5.0

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Warm the models, start the worker, then the sources (which may raise ConnectorError)."""
        self.understander.identifier.warm_up()
        self.understander.warm_up()
        self._worker = threading.Thread(target=self._work, name="comment-desk", daemon=True)
        self._worker.start()
        for source in self.sources:
            source.start(self.submit)

    #: How long :meth:`stop` waits for the worker to finish a comment once told to abandon.
    STOP_JOIN_S = 60.0

    def stop(self, drain_s: float | None = None) -> None:
        """Stop the sources, then drain the intake: every queued comment is drafted, or (after
        ``drain_s`` seconds; ``None`` waits for all) published as a :class:`CommentDropped`
        saying the show stopped first. Returns once the worker has ended, so whatever stores
        the desk's events can close after this."""
        for source in self.sources:
            try:
                source.stop()
            except SolaError as exc:
                log.warning("stopping %s: %s", source.platform, exc)
        self._intake.close()
        if self._worker is None:
            self._abandon.set()
            self._drop_queued()
            return
        self._worker.join(timeout=drain_s)
        if self._worker.is_alive():
            self._abandon.set()
            self._worker.join(timeout=self.STOP_JOIN_S)
        if self._worker.is_alive():
            log.error("the comment desk did not finish within %.0f s", self.STOP_JOIN_S)

    def _drop_queued(self) -> None:
        for item in self._intake.drain():
            self._refused(item, "the show stopped before it was drafted")
            with self._busy:
                self._in_flight -= 1
                self._busy.notify_all()

    def _refused(self, comment: Comment, reason: str) -> None:
        with self._lock:
            self.dropped += 1
        self.bus.publish(CommentDropped(comment.id, reason, self.clock.monotonic()))

    def submit(self, comment: Comment, wait: bool = False) -> bool:
        """Take a comment in. A live source's call never blocks: False (and a CommentDropped
        event, "intake full") when the intake is full. ``wait``: a file replay's call waits for
        room instead (back-pressure); False only once the desk stopped (also a CommentDropped)."""
        comment = whole_comment(comment)  # every source: no lone surrogate goes further
        with self._busy:
            self._in_flight += 1
        ok = self._intake.put(comment, timeout=None if wait else 0)
        if not ok:
            with self._busy:
                self._in_flight -= 1
                self._busy.notify_all()
            closed = self._intake.closed
            self._refused(comment, "the desk had stopped" if closed else "intake full")
        return ok

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every submitted comment is drafted (tests, bench, replays)."""
        with self._busy:
            return self._busy.wait_for(lambda: self._in_flight == 0, timeout)

    def process(self, comment: Comment) -> Draft:
        """Understand and draft one comment on the calling thread (no intake queue)."""
        return self._handle(comment)

    # --- the worker -----------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            item = self._intake.get()
            if item is END:
                break
            if item is None or not isinstance(item, Comment):
                continue
            try:
                if self._abandon.is_set():
                    self._refused(item, "the show stopped before it was drafted")
                else:
                    self._handle(item)
            except SolaError as exc:
                self.bus.publish(ErrorEvent("comments", exc, self.clock.monotonic()))
                self._refused(item, f"not drafted: {exc.message}")
            except Exception as exc:  # one odd comment must not stop the desk
                log.exception("comment %s failed", item.id)
                self._refused(item, f"internal error: {exc!r}")
            finally:
                with self._busy:
                    self._in_flight -= 1
                    self._busy.notify_all()

    def _context(self, comment: Comment) -> Context:
        since = comment.t_wall - self.config.retention_days * 86400
        recent = self.memory.recent(comment.platform, comment.viewer_id, since, limit=10)
        prev = recent[0] if recent else None
        with self._lock:
            shown = tuple(self._shown)
        # the country they named last ("desde Mar del Plata", "ship to Perth?"), as far back as
        # memory keeps them
        said = (i.entities.country for i in recent)
        return Context(
            previous=prev,
            previous_language=prev.language if prev else None,
            shown=shown,
            country=next((c for c in said if c), None),
        )

    def _handle(self, comment: Comment) -> Draft:
        with self._lock:
            self.received += 1
        ctx = self._context(comment)
        u = self.understander.understand(comment, ctx)
        with self._lock:
            self._languages[u.language] += 1
            self._recent[comment.id] = u
            self._recent.move_to_end(comment.id)
            while len(self._recent) > self.KEEP_RECENT:
                self._recent.popitem(last=False)
        self.bus.publish(u)
        self.memory.remember(
            Interaction(
                comment_id=comment.id,
                session_id=self.config.session_id,
                platform=comment.platform,
                viewer_id=comment.viewer_id,
                t_wall=comment.t_wall,
                language=u.language,
                intent=u.intent,
                entities=u.entities,
                text=u.clean_text,
            )
        )
        draft = self.drafter.draft(u, ctx.previous)
        with self._lock:
            self.drafted += 1
            self._open[comment.id] = u  # until its review item is final (_on_review)
        self.bus.publish(draft)
        self.review.add(draft)
        self.demand.count(u)
        self.groups.observe(u, draft)
        self._expire_due()
        return draft

    def _expire_due(self) -> None:
        now = self.clock.monotonic()
        if now - self._last_expiry >= self.EXPIRE_EVERY_S:
            self._last_expiry = now
            self.expire()

    def _understood_of(self, comment_id: str) -> UnderstoodComment | None:
        with self._lock:
            u = self._open.get(comment_id)
            return u if u is not None else self._recent.get(comment_id)

    def _sheet_texts(self, sheet: ProductSheet) -> SheetTexts:
        return SheetTexts(
            sheet,
            self.sheet_translator,
            self.config.translation_cache,
            self.config.languages_for(sheet),
        )

    def _draft_in(self, u: UnderstoodComment, language: str) -> Draft:
        from dataclasses import replace

        return self.drafter.draft(replace(u, language=language))

    # --- the seller's commands --------------------------------------------------------------

    def approve(
        self, comment_id: str, text: str | None = None, via: str | None = None
    ) -> ReviewItem:
        """Approve (optionally with the seller's final text) and send through ``via``
        (a sender name; the first sender by default). Returns the item as SENT or FAILED."""
        item = self.review.approve(comment_id, text)
        return self._send(item, via, by="seller")

    def edit(self, comment_id: str, text: str) -> ReviewItem:
        return self.review.edit(comment_id, text)

    def reject(self, comment_id: str) -> ReviewItem:
        return self.review.reject(comment_id)

    def regenerate(self, comment_id: str) -> Draft:
        """Draft again (after the sheet changed or the seller pinned another product)."""
        u = self._understood_of(comment_id)
        if u is None:
            raise ReviewError(f"no comment {comment_id!r}", fix="pick a comment from the list")
        old = self.review.get(comment_id)
        draft = self.drafter.draft(u, revision=old.draft.revision + 1)
        self.bus.publish(draft)
        self.review.add(draft)
        return draft

    def approve_group(self, proposal_id: str, via: str | None = None) -> list[ReviewItem]:
        """Send the group answer to every asker still waiting; one message per language."""
        proposal = self._proposals.get(proposal_id)
        if proposal is None:
            raise ReviewError(f"no group answer {proposal_id!r}", fix="pick a proposal")
        done = []
        for cid in proposal.comment_ids:
            try:
                item = self.review.get(cid)
            except ReviewError:
                continue  # finished long ago (sent, skipped or expired): nothing to send
            if item.state in (ReviewState.DRAFTED, ReviewState.EDITED):
                text = proposal.texts.get(item.draft.language, item.text)
                approved = self.review.approve(cid, text, by="group")
                done.append(self._send(approved, via, by="group"))
        return done

    def card_for(self, proposal_id: str) -> None:
        """Put a group answer on screen as a Q&A card (published as OnScreenCard)."""
        proposal = self._proposals.get(proposal_id)
        if proposal is None:
            raise ReviewError(f"no group answer {proposal_id!r}", fix="pick a proposal")
        self.bus.publish(self.groups.card(proposal, proposal.seller_text))

    def pin(self, product_id: str) -> None:
        """The seller put another product on camera; later drafts default to it, and the one
        it replaces is remembered as shown ("the lamp from before")."""
        previous = self.sheet.pinned_id
        self.set_sheet(self.sheet.with_pinned(product_id))
        if previous != product_id:
            with self._lock:
                self._shown = [previous, *(p for p in self._shown if p != previous)][:20]

    def set_sheet(self, sheet: ProductSheet) -> None:
        self.sheet = sheet
        self.understander.set_sheet(sheet)
        self.drafter.set_sheet(sheet)
        self.demand.sheet = sheet

    def expire(self) -> int:
        """Expire drafts older than ``review_ttl_s``, and forget group answers whose askers'
        items are all that old; returns how many drafts expired."""
        expired = len(self.review.expire())
        stale = self.clock.monotonic() - self.config.review_ttl_s - self.config.group_window_s
        with self._lock:
            for pid in [p.id for p in self._proposals.values() if p.t_emit < stale]:
                del self._proposals[pid]
        return expired

    def stats(self) -> DeskStats:
        waiting = self.review.waiting()
        with self._lock:
            return DeskStats(
                self.received,
                self.drafted,
                self.sent,
                self.dropped,
                waiting,
                self.clock.monotonic(),
                dict(self._languages),
            )

    def understood(self, comment_id: str) -> UnderstoodComment | None:
        """The comment understood, while its review item is open or it is among the latest
        :attr:`KEEP_RECENT` (the store has every one)."""
        return self._understood_of(comment_id)

    # --- sending -------------------------------------------------------------------------------

    def _sender(self, via: str | None) -> ReplySender:
        if via is None:
            return self.senders[0]
        for s in self.senders:
            if s.name == via:
                return s
        names = ", ".join(s.name for s in self.senders)
        raise ReviewError(f"no sender named {via!r}", fix=f"use one of: {names}")

    def _send(self, item: ReviewItem, via: str | None, by: str) -> ReviewItem:
        u = self._understood_of(item.draft.comment_id)
        if u is None:
            raise ReviewError(
                f"no comment {item.draft.comment_id!r} to answer",
                fix="pick a comment from the list",
            )
        comment = u.comment
        sender = self._sender(via)
        try:
            # a platform send may end on the clipboard (TikTok): record how it really went
            how = sender.send(OutgoingReply(comment, item.text, item.draft.language))
        except ConnectorError as exc:
            return self.review.mark_failed(comment.id, exc)
        sent = self.review.mark_sent(comment.id, by=by)
        with self._lock:
            self.sent += 1
        self.memory.answered(comment.id, item.text, tuple(f.id for f in item.draft.facts))
        self.bus.publish(
            ReplySent(
                comment_id=comment.id,
                viewer_id=comment.viewer_id,
                platform=comment.platform,
                sender=how or sender.name,
                language=item.draft.language,
                text=item.text,
                t_capture=comment.t_capture,
                t_emit=self.clock.monotonic(),
            )
        )
        return sent

    def _keep_proposal(self, proposal: GroupAnswerProposal) -> None:
        with self._lock:
            self._proposals[proposal.id] = proposal

    def _on_review(self, event: ReviewChanged) -> None:
        if event.state.is_final:  # sent, skipped or expired: the store has it
            with self._lock:
                self._open.pop(event.comment_id, None)
        # greeting auto-send (opt-in): the queue approved it itself; the desk sends it
        if event.state is ReviewState.APPROVED and event.by == "auto":
            try:
                self._send(self.review.get(event.comment_id), None, by="auto")
            except SolaError as exc:
                self.bus.publish(ErrorEvent("comments.auto_send", exc, self.clock.monotonic()))
