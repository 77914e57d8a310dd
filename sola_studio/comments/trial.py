"""A comment tried against the sheet: the draft the desk would make, kept out of the show.

The seller types a comment in the window ("quanto custa com LIVE10?") to see how the desk
understands it and what it would answer from the current sheet. :class:`TrialDesk` runs the
same understanding and drafting as :class:`~sola_studio.comments.desk.CommentDesk` (the show's
own desk when live, so the pinned product and the sheet in effect are the same), but never
publishes on the bus, never enters the review queue, the viewer memory, the demand counts or
the store: nothing of a trial can reach a viewer or a report. No Qt.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.drafter import ReplyDrafter
from sola_studio.comments.events import Draft, UnderstoodComment
from sola_studio.comments.language import SUPPORTED, LanguageIdentifier
from sola_studio.comments.sheet_texts import SheetTexts
from sola_studio.comments.understand import Context, Understander
from sola_studio.core.errors import ConfigError
from sola_studio.core.events import Comment

if TYPE_CHECKING:
    from sola_studio.comments.desk import CommentDesk

TRIAL_PLATFORM = "trial"
_ids = itertools.count(1)


@dataclass(frozen=True)
class TrialDraft:
    """What the desk made of a tried comment: ``understood`` (language, translation for the
    seller, intents), ``draft`` (the reply in the viewer's language and ``seller_text`` in the
    seller's), and ``detected``: the language the desk identified, which differs from
    ``understood.language`` when the seller picked another one."""

    understood: UnderstoodComment
    draft: Draft
    detected: str

    @property
    def picked(self) -> bool:
        return self.detected != self.understood.language


class TrialDesk:
    """Understands and drafts one typed comment on the calling thread, touching nothing else."""

    def __init__(self, understander: Understander, drafter: ReplyDrafter) -> None:
        self.understander = understander
        self.drafter = drafter

    @classmethod
    def of(cls, desk: CommentDesk) -> TrialDesk:
        """The show's desk: its sheet, pinned product, translator and sheet texts."""
        return cls(desk.understander, desk.drafter)

    @classmethod
    def for_sheet(
        cls,
        sheet: ProductSheet,
        *,
        translator: Any | None = None,
        languages: tuple[str, ...] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> TrialDesk:
        """A desk for ``sheet`` outside a show (keyword intents; no embeddings to load, so a
        trial answers at once). ``translator`` translates the comment for the seller."""
        langs = languages or tuple(sheet.audience_languages or SUPPORTED)
        understander = Understander(
            sheet,
            languages=langs,
            identifier=LanguageIdentifier(langs),
            translator=translator,
            clock=clock,
        )
        drafter = ReplyDrafter(
            sheet, clock=clock, sheet_texts=lambda s: SheetTexts(s, None, None, langs)
        )
        return cls(understander, drafter)

    def draft(self, text: str, language: str | None = None) -> TrialDraft:
        """Draft ``text`` as if a viewer wrote it; ``language`` (an ISO code) overrides the
        detected language, ``None`` lets the desk detect it."""
        if not text.strip():
            raise ConfigError(
                "the comment to try is empty", fix="type a comment as a viewer would write it"
            )
        now = time.monotonic()
        comment = Comment(
            id=f"trial-{next(_ids)}",
            platform=TRIAL_PLATFORM,
            viewer_id="trial",
            viewer_name="trial",
            text=text,
            t_capture=now,
            t_wall=time.time(),
        )
        u = self.understander.understand(comment, Context())
        detected = u.language
        if language and language != detected:
            seller = self.understander.seller_language
            u = replace(
                u,
                language=language,
                translation=u.clean_text if language == seller else u.translation,
            )
        return TrialDraft(understood=u, draft=self.drafter.draft(u), detected=detected)
