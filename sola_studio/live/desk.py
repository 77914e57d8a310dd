"""The comment flow of a show: CommentSources (a replay, TikTok, YouTube, the local endpoint,
Twitch; :mod:`sola_studio.chat`) -> the
:class:`~sola_studio.comments.desk.CommentDesk` (understand, draft, review; headless: a dry-run
sender, nothing reaches a viewer unless the seller opted in to greeting auto-send) -> events on
the bus. The desk follows the product sheet by subscribing to
:class:`~sola_studio.catalog.events.SheetChanged` / :class:`~sola_studio.catalog.events.PinChanged`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sola_studio.catalog.events import PinChanged, SheetChanged, SheetEvent
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.chat import ChatSettings, parse_comment_sources
from sola_studio.chat.events import Publish, discard
from sola_studio.comments.clean import whole_comment
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.language import SUPPORTED
from sola_studio.comments.senders import Clipboard, DryRunSender, PlatformSender, ReplySender
from sola_studio.comments.sources import CommentSource, ReplaySource
from sola_studio.core.bus import Bus
from sola_studio.core.clock import StreamClock
from sola_studio.core.errors import SolaError
from sola_studio.core.events import Comment
from sola_studio.live.options import LiveOptions
from sola_studio.live.stages import CallbackStage, Session
from sola_studio.store.repository import SessionStore
from sola_studio.store.viewer_memory import SqliteViewerMemory
from sola_studio.translate.base import Translator
from sola_studio.translate.factory import (
    BySourceTranslator,
    comment_translator,
    sheet_text_translator,
)

log = logging.getLogger(__name__)

#: When the seller stops the show, how long the desk keeps drafting what is queued; the rest
#: is recorded as dropped with its reason (nothing taken in is ever silently lost).
INTERRUPTED_DRAIN_S = 5.0


def open_comment_sources(
    options: LiveOptions, clock: StreamClock | None, publish: Publish = discard
) -> list[CommentSource]:
    """The comment sources of ``options`` (none, a replay on the show's timeline in a fast
    replay, TikTok, YouTube, the local endpoint, Twitch; several at once), not yet started.
    ``publish``: where the connectors' status and viewer activity go (the show's bus)."""
    o = options
    settings = ChatSettings(
        realtime=o.realtime,
        twitch_nick=o.twitch_nick,
        twitch_server=o.twitch_server,
        twitch_ca_file=o.twitch_ca_file,
        webhook_secret=o.webhook_secret,
        youtube_client=o.youtube_client,
    )
    return parse_comment_sources(o.comments, settings, clock=clock, publish=publish)


def audience_translator(sheet: ProductSheet, engines: Sequence[Translator]) -> BySourceTranslator:
    """Comments from every audience language of the sheet (all supported ones when it names
    none) into the seller's language, through the engines the show already loaded."""
    return comment_translator(sheet.seller_language, sheet.audience_languages or SUPPORTED, engines)


def reply_translator(sheet: ProductSheet, engines: Sequence[Translator]) -> BySourceTranslator:
    """The sheet's texts from the seller's language into every audience language an engine the
    show already loaded reaches, so a reply holds the viewer's language only."""
    return sheet_text_translator(
        sheet.seller_language, sheet.audience_languages or SUPPORTED, engines
    )


def translation_cache_for(sheet_file: Path) -> Path:
    """Where the sheet's machine-translated texts are kept for the seller to review: beside
    the sheet (``my_sheet.yaml`` -> ``my_sheet.translations.json``)."""
    return sheet_file.with_name(sheet_file.stem + ".translations.json")


@dataclass(frozen=True)
class DeskHandle:
    """What :func:`build_desk` built: the desk, its sources and where dry-run replies go."""

    desk: CommentDesk
    sources: tuple[CommentSource, ...]
    replies_log: Path
    translator: BySourceTranslator


class DeskFollowsSheet:
    """The desk's drafts, understanding and demand follow the sheet in effect."""

    def __init__(self, desk: CommentDesk) -> None:
        self.desk = desk

    def on_sheet(self, event: SheetEvent) -> None:
        self.desk.set_sheet(event.sheet)

    def subscribe(self, bus: Bus) -> None:
        bus.subscribe((SheetChanged, PinChanged), self.on_sheet)


def build_desk(
    session: Session,
    sheet: ProductSheet,
    sources: Sequence[CommentSource],
    store: SessionStore,
    translator: BySourceTranslator,
    *,
    session_id: int | None,
    replies_log: Path,
    clock: StreamClock | None,
    auto_greetings: bool,
    closing: threading.Event,
    clipboard: Clipboard | None = None,
    embeddings: bool = True,
    sheet_translator: BySourceTranslator | None = None,
    translation_cache: Path | None = None,
) -> DeskHandle | None:
    """Compose the comment flow into ``session`` (``None`` without comment sources).

    ``closing``: set when the seller stopped the show; what arrives after that is not taken.
    ``clipboard``: the window's; with it and a live chat source, what the seller approves goes
    back to the platform, or onto the clipboard where the platform cannot take it (TikTok).
    ``embeddings``: False leaves out the E5 retrieval (load tests, the soak bench's fast mode)."""
    if not sources:
        return None
    bus = session.bus
    # Headless there is no seller to approve: nothing is sent, except greetings when the
    # seller opted in (--auto-greetings), through the platform when it can send.
    senders: list[ReplySender] = [DryRunSender(replies_log)]
    platforms = {s.platform: s for s in sources if s.can_send}
    live_chats = {s.platform: s for s in sources if not isinstance(s, ReplaySource)}
    if clipboard is not None and live_chats:
        senders.insert(0, PlatformSender(live_chats, clipboard=clipboard))
    elif platforms and auto_greetings:
        senders.insert(0, PlatformSender(platforms))
    desk = CommentDesk(
        sheet,
        senders=senders,
        bus=bus,
        memory=SqliteViewerMemory(store),
        translator=translator,
        clock=clock,
        config=DeskConfig(
            session_id=str(session_id),
            retention_days=store.retention.days,
            auto_send_greetings=auto_greetings,
            embeddings=embeddings,
            translation_cache=translation_cache,
        ),
        sheet_translator=sheet_translator,
    )
    DeskFollowsSheet(desk).subscribe(bus)

    # lingua's models load now (~2 s), not while the talk and the replay are starting
    desk.understander.identifier.warm_up()

    def taker(wait: bool) -> Callable[[Comment], bool]:
        def arrived(comment: Comment) -> bool:
            """False when not taken, so a source that can say so (the local endpoint answers
            503 with Retry-After) keeps the comment and sends it again. Taken in = stored: it
            then ends drafted or as a CommentDropped with its reason (stored too)."""
            if closing.is_set():
                return False  # the seller stopped the show; what arrives after is not taken
            # a lone surrogate (from any platform's JSON) would fail the store's write: made
            # whole here, before it is stored (the desk's submit does the same for its callers)
            comment = whole_comment(comment)
            bus.publish(comment)  # stored as it arrives, before it is understood
            return desk.submit(comment, wait=wait)

        return arrived

    def start_sources() -> None:
        for s in sources:
            # a file waits for room in the desk's intake (back-pressure); a live chat never
            # waits: its overflow is dropped, with the reason stored
            s.start(taker(wait=isinstance(s, ReplaySource)))

    def stop_sources() -> None:
        for s in sources:
            try:
                s.stop()
            except SolaError as exc:
                log.warning("stopping %s: %s", s.platform, exc)
        if not closing.is_set():
            desk.wait_idle(10)

    def stop_desk() -> None:
        # drains before it returns, so the store (closed after the stages) sees every result:
        # all of it when the show ended, INTERRUPTED_DRAIN_S when the seller stopped it (the
        # rest is stored as dropped, "the show stopped before it was drafted")
        desk.stop(INTERRUPTED_DRAIN_S if closing.is_set() else None)

    # stopped in reverse: the sources first, then what they sent is drafted, then the desk
    session.add_stage(CallbackStage(desk.start, stop_desk, "desk"))
    replay = next((s for s in sources if isinstance(s, ReplaySource)), None)
    done = replay.done if replay is not None else None
    session.add_stage(CallbackStage(start_sources, stop_sources, "comments"), done)
    return DeskHandle(desk, tuple(sources), replies_log, translator)
