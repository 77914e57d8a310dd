"""The review queue: every draft waits here for the seller; nothing leaves without approval.

States: drafted -> (edited)* -> approved -> sent | failed (-> approved again to retry);
drafted/edited -> rejected; drafted/edited -> expired after ``ttl_s``. A state change is
published as :class:`ReviewChanged`. Order (:meth:`ReviewQueue.pending`): questions before
greetings and praise; among questions each viewer's oldest waiting question first, in the
order the viewers first asked, so a viewer who asks three times keeps their place instead of
going to the back, and cannot push everyone else back with a flood either. Greetings older than
``praise_promote_s`` are promoted so they are never starved.

Memory: an item stays in the queue while the seller can still act on it (drafted, edited,
approved, failed); once final (sent, rejected, expired) it moves to a short list of the latest
``keep_done`` finished items (so a late click on one still gets its state, not "no comment"),
and the oldest of those are forgotten. The store has the whole record.

Auto-send is opt-in and only for greetings: a queue built with ``auto_send_greetings=True``
approves greeting drafts itself (``by="auto"``). It never sends; :class:`CommentDesk` does.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace

from sola_studio.comments.events import Draft, Intent, ReviewChanged, ReviewState
from sola_studio.core.errors import ConfigError, SolaError

log = logging.getLogger(__name__)

_ALLOWED: dict[ReviewState, frozenset[ReviewState]] = {
    ReviewState.DRAFTED: frozenset(
        {
            ReviewState.EDITED,
            ReviewState.APPROVED,
            ReviewState.REJECTED,
            ReviewState.EXPIRED,
            ReviewState.DRAFTED,
        }
    ),
    ReviewState.EDITED: frozenset(
        {
            ReviewState.EDITED,
            ReviewState.APPROVED,
            ReviewState.REJECTED,
            ReviewState.EXPIRED,
            ReviewState.DRAFTED,
        }
    ),
    ReviewState.APPROVED: frozenset({ReviewState.SENT, ReviewState.FAILED}),
    ReviewState.FAILED: frozenset({ReviewState.APPROVED, ReviewState.REJECTED, ReviewState.EDITED}),
    ReviewState.SENT: frozenset(),
    ReviewState.REJECTED: frozenset(),
    ReviewState.EXPIRED: frozenset(),
}

_WAITING = (ReviewState.DRAFTED, ReviewState.EDITED, ReviewState.FAILED)


@dataclass(frozen=True)
class ReviewItem:
    draft: Draft
    state: ReviewState
    text: str  # what would be sent now (the draft, or the seller's edit)
    arrived: float  # monotonic arrival of the comment


class ReviewError(ConfigError):
    """A command that the item's state does not allow (approve a sent reply, ...)."""


class ReviewQueue:
    def __init__(
        self,
        publish: Callable[[object], None],
        clock: Callable[[], float],
        *,
        ttl_s: float = 600.0,
        praise_promote_s: float = 120.0,
        auto_send_greetings: bool = False,
        keep_done: int = 1000,
    ) -> None:
        self._publish = publish
        self._clock = clock
        self.ttl_s = ttl_s
        self.praise_promote_s = praise_promote_s
        self.auto_send_greetings = auto_send_greetings
        self.keep_done = keep_done
        self._items: dict[str, ReviewItem] = {}  # the seller can still act on these
        self._done: OrderedDict[str, ReviewItem] = OrderedDict()  # the latest finished ones
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """Items the seller can still act on (finished ones are in the store)."""
        return len(self._items)

    def _lookup(self, comment_id: str) -> ReviewItem | None:
        item = self._items.get(comment_id)
        return item if item is not None else self._done.get(comment_id)

    def _put(self, item: ReviewItem) -> None:
        cid = item.draft.comment_id
        if not item.state.is_final:
            self._items[cid] = item
            return
        self._items.pop(cid, None)
        self._done[cid] = item
        while len(self._done) > self.keep_done:
            self._done.popitem(last=False)

    def get(self, comment_id: str) -> ReviewItem:
        with self._lock:
            item = self._lookup(comment_id)
        if item is None:
            raise ReviewError(
                f"no comment {comment_id!r} in the review queue", fix="pick a comment from the list"
            )
        return item

    def add(self, draft: Draft) -> ReviewItem:
        """Queue a new draft (or replace the draft of a comment being regenerated)."""
        with self._lock:
            old = self._lookup(draft.comment_id)
            if old is not None and old.state.is_final:
                return old
            item = ReviewItem(draft, ReviewState.DRAFTED, draft.text, draft.t_capture)
            self._put(item)
        self._emit(item, old.state if old else None, by="drafter")
        if self.auto_send_greetings and draft.intent is Intent.GREETING and not draft.flagged:
            return self.approve(draft.comment_id, by="auto")
        return item

    def _move(
        self,
        comment_id: str,
        state: ReviewState,
        text: str | None = None,
        by: str = "seller",
        error: SolaError | None = None,
    ) -> ReviewItem:
        with self._lock:
            item = self._lookup(comment_id)
            if item is None:
                raise ReviewError(
                    f"no comment {comment_id!r} in the review queue",
                    fix="pick a comment from the list",
                )
            if state not in _ALLOWED[item.state]:
                raise ReviewError(
                    f"cannot move comment {comment_id} from {item.state.value} to {state.value}",
                    fix="refresh the comment list",
                )
            new = replace(item, state=state, text=item.text if text is None else text)
            self._put(new)
        self._emit(new, item.state, by=by, error=error)
        return new

    def edit(self, comment_id: str, text: str) -> ReviewItem:
        if not text.strip():
            raise ReviewError("an empty reply cannot be sent", fix="type a reply or reject")
        return self._move(comment_id, ReviewState.EDITED, text.strip())

    def approve(self, comment_id: str, text: str | None = None, by: str = "seller") -> ReviewItem:
        if text is not None and text.strip() and text.strip() != self.get(comment_id).text:
            self.edit(comment_id, text)
        return self._move(comment_id, ReviewState.APPROVED, by=by)

    def reject(self, comment_id: str) -> ReviewItem:
        return self._move(comment_id, ReviewState.REJECTED)

    def mark_sent(self, comment_id: str, by: str = "seller") -> ReviewItem:
        return self._move(comment_id, ReviewState.SENT, by=by)

    def mark_failed(self, comment_id: str, error: SolaError) -> ReviewItem:
        return self._move(comment_id, ReviewState.FAILED, error=error, by="sender")

    def expire(self) -> list[ReviewItem]:
        """Expire drafts older than ``ttl_s`` (the live has moved on); returns them."""
        now = self._clock()
        with self._lock:
            old = [
                i.draft.comment_id
                for i in self._items.values()
                if i.state in (ReviewState.DRAFTED, ReviewState.EDITED)
                and now - i.arrived > self.ttl_s
            ]
        return [self._move(cid, ReviewState.EXPIRED, by="expiry") for cid in old]

    def waiting(self) -> int:
        """How many items :meth:`pending` would list (without ordering them)."""
        with self._lock:
            return sum(1 for i in self._items.values() if i.state in _WAITING)

    def pending(self) -> list[ReviewItem]:
        """Items waiting for the seller, in the order to show them (module docstring)."""
        now = self._clock()
        with self._lock:
            waiting = [i for i in self._items.values() if i.state in _WAITING]
        first: dict[str, float] = {}
        rank: dict[str, int] = {}
        for item in sorted(waiting, key=lambda i: i.arrived):
            v = item.draft.viewer_id
            first.setdefault(v, item.arrived)
            rank[item.draft.comment_id] = sum(
                1
                for o in waiting
                if o.draft.viewer_id == v
                and o.arrived < item.arrived
                and o.draft.intent.is_question == item.draft.intent.is_question
            )

        def key(i: ReviewItem) -> tuple[int, int, float, float]:
            praise = not i.draft.intent.is_question and now - i.arrived < self.praise_promote_s
            return (int(praise), rank[i.draft.comment_id], first[i.draft.viewer_id], i.arrived)

        return sorted(waiting, key=key)

    def _emit(
        self,
        item: ReviewItem,
        previous: ReviewState | None,
        by: str,
        error: SolaError | None = None,
    ) -> None:
        self._publish(
            ReviewChanged(
                comment_id=item.draft.comment_id,
                state=item.state,
                previous=previous,
                text=item.text,
                t_capture=item.draft.t_capture,
                t_emit=self._clock(),
                by=by,
                error=error,
            )
        )
