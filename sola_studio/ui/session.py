"""The window's handle on a show: the seller's settings in, a
:class:`~sola_studio.live.session.LiveSession` out.

The composition root (``sola_studio.live``) builds and wires every stage, for ``sola-studio run``
and for the window alike. This adapter only turns :class:`~sola_studio.config.Settings` and the
chosen inputs into :class:`~sola_studio.live.options.LiveOptions`, hands the root a preview slot
as one more frame sink, and gives the window, as typed methods, what it reads (the preview,
stats, where the outputs go) and asks (the desk's commands, pin a product, replace the sheet,
export a report). No Qt import. It must never build or wire a stage: anything the window needs
from the show is added to ``sola_studio/live/``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sola_studio import config, paths
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.config import Settings
from sola_studio.core.bus import Bus
from sola_studio.core.errors import ConfigError
from sola_studio.live.options import (
    DEMO_AUDIO,
    DEMO_COMMENTS,
    DEMO_VIDEO,
    SAMPLE_SHEET,
    LiveOptions,
    LiveStats,
    Outcome,
)
from sola_studio.plan.events import PlanAction
from sola_studio.plan.io import existing_plan_beside
from sola_studio.plan.tracker import TeleprompterState

if TYPE_CHECKING:
    from sola_studio.asr.engine import AsrEngine
    from sola_studio.comments.desk import CommentDesk
    from sola_studio.comments.review import ReviewItem
    from sola_studio.comments.senders import Clipboard
    from sola_studio.comments.trial import TrialDraft
    from sola_studio.live.session import LiveSession
    from sola_studio.sinks.preview import PreviewSlot
    from sola_studio.store.repository import SessionStore
    from sola_studio.translate.base import Translator

log = logging.getLogger(__name__)

__all__ = [
    "DEMO_INPUTS",
    "DEMO_PROFILE",
    "SAMPLE_SHEET",
    "Outputs",
    "StudioInputs",
    "StudioSession",
    "export_report",
    "list_sessions",
    "live_options",
    "load_sheet_for",
    "open_store",
    "session_factory",
]


@dataclass(frozen=True)
class StudioInputs:
    """Where the show comes from. ``audio``: ``mic`` or a file; ``video``: ``camera`` (the
    settings' camera), ``pattern`` or a file; ``comments``: a replay file or ``None``.
    ``realtime=False`` replays files as fast as the machine goes (``run --fast``)."""

    audio: str = "mic"
    video: str = "camera"
    comments: Path | None = None
    realtime: bool = True
    width: int | None = None  # None: the seller's picture size (Settings › Captions)
    height: int | None = None
    fps: float | None = None  # None: the file's rate, or 30 for a camera


DEMO_INPUTS = StudioInputs(audio=str(DEMO_AUDIO), video=str(DEMO_VIDEO), comments=DEMO_COMMENTS)
#: The demo's own profile: its sessions, reports and settings never mix with the seller's.
DEMO_PROFILE = "demo"


@dataclass(frozen=True)
class Outputs:
    """Where the show goes besides the window: for the seller to see and copy."""

    folder: Path
    recording: Path | None = None
    virtual_camera: str | None = None  # the device the streaming app picks
    overlay_urls: Mapping[str, str] = field(default_factory=dict)  # language -> browser source
    replies_log: Path | None = None
    missing_languages: Mapping[str, str] = field(default_factory=dict)  # language -> the fix


def live_options(
    settings: Settings,
    inputs: StudioInputs,
    *,
    out: Path,
    profile: str = "default",
    title: str = "",
) -> LiveOptions:
    """The seller's settings and inputs as the composition root's options."""
    seller = settings.seller_language
    video: str | None = inputs.video
    if video == "camera":  # the window's own inputs: the seller's picture (Settings › Devices)
        video = picture_spec(settings)
    return LiveOptions(
        # the window's own inputs ("mic"): the seller's sound (Settings › Devices)
        audio=sound_spec(settings) if inputs.audio == "mic" else inputs.audio,
        out=out,
        spoken=(seller,),
        targets=tuple(t for t in settings.caption_languages if t != seller),
        # A caption language without a model: the show goes on without it and the window says
        # what to install (a seller mid-setup should still be able to go live).
        strict_targets=False,
        model=settings.asr_model,
        device=settings.device,
        mic_device=settings.microphone or None,
        realtime=inputs.realtime,
        video=video,
        # the seller's picture size (Settings › Captions) unless the inputs give one
        size=(inputs.width, inputs.height)
        if inputs.width and inputs.height
        else settings.output_size,
        fps=inputs.fps,
        record=out / "show.mp4" if settings.record else None,
        virtual_camera=settings.virtual_camera,
        overlay=settings.overlay,
        # the demo's replay, else the seller's sources (Settings › Comments)
        comments=str(inputs.comments)
        if inputs.comments
        else (",".join(settings.comment_sources) or None),
        webhook_secret=config.webhook_secret(settings),  # from the keyring
        youtube_client=Path(settings.youtube_client) if settings.youtube_client else None,
        sheet=Path(settings.product_sheet) if settings.product_sheet else SAMPLE_SHEET,
        # the show plan beside the sheet, when the seller made one (the window's plan editor)
        plan=plan_for(settings),
        profile=profile,
        title=title or time.strftime("Live %Y-%m-%d %H:%M"),
        retention_days=settings.retention_days,
        caption_look=settings.caption_style,
    )


def plan_for(settings: Settings) -> Path | None:
    """The show plan Go live uses: the one chosen in Settings (``"none"``: no plan), else the
    plan beside the sheet (``NAME.plan.yaml``) when the seller made one. A chosen file that is
    gone is returned all the same: Go live says so (a ConfigError with the fix), never ignores
    the choice."""
    if settings.show_plan == "none":
        return None
    if settings.show_plan:
        return Path(settings.show_plan)
    return existing_plan_beside(
        Path(settings.product_sheet) if settings.product_sheet else SAMPLE_SHEET
    )


def picture_spec(settings: Settings) -> str | None:
    """The seller's picture as the composition root's ``video``: ``camera[:N]``, ``pattern``,
    a file (video or still image), or ``None`` for an audio-only show."""
    picture = settings.picture.strip() or "camera"
    if picture == "none":
        return None
    if picture == "pattern":
        return "pattern"
    if picture == "camera":
        return f"camera:{settings.camera}" if settings.camera else "camera"
    return picture


def sound_spec(settings: Settings) -> str:
    """The seller's sound as the composition root's ``audio``: ``mic`` or an audio file."""
    sound = settings.sound.strip() or "microphone"
    return "mic" if sound == "microphone" else sound


def preload(settings: Settings, progress: Callable[[str], None] | None = None) -> None:
    """Load, before the window shows, what would otherwise freeze it at Go live (see
    :meth:`sola_studio.live.session.LiveSession.preload`)."""
    from sola_studio.live.session import LiveSession  # the native libraries load from here

    options = live_options(settings, StudioInputs(), out=paths.data_dir() / "sessions")
    LiveSession.preload(options, progress)


class StudioSession:
    """One show for the window: a :class:`~sola_studio.live.session.LiveSession` and its
    preview slot.

    Built on a worker thread (models load); raises the root's typed errors (a missing model,
    no virtual camera, a broken sheet) with their fix, having released what it opened.
    """

    def __init__(
        self,
        settings: Settings,
        inputs: StudioInputs,
        *,
        profile: str = "default",
        out: Path | None = None,
        engine: AsrEngine | None = None,
        translation_engines: Sequence[Translator] | None = None,
        clipboard: Clipboard | None = None,
    ) -> None:
        # Built on the window's worker thread: the models and native libraries load from here.
        from sola_studio.live.session import LiveSession
        from sola_studio.sinks.preview import PreviewSlot

        self.settings = settings
        self.inputs = inputs
        self.profile = profile
        self.out_dir = out or paths.data_dir() / "sessions" / time.strftime("%Y%m%d-%H%M%S")
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.preview: PreviewSlot = PreviewSlot()
        self.options = live_options(settings, inputs, out=self.out_dir, profile=profile)
        self.live: LiveSession = LiveSession(
            self.options,
            engine=engine,
            translation_engines=translation_engines,
            sinks=[self.preview],
            clipboard=clipboard,
        )
        self.bus: Bus = self.live.bus
        self.outcome: Outcome | None = None

    # -- what the window reads -----------------------------------------------------------------

    @property
    def sheet(self) -> ProductSheet:
        return self.live.sheet

    @property
    def has_desk(self) -> bool:
        """Whether the show takes comments (a comment source was chosen)."""
        return self.live.desk is not None

    @property
    def session_id(self) -> int | None:
        return self.live.session_id

    @property
    def replies_path(self) -> Path:
        """The dry-run sender's log: every reply the seller approved, as it was sent."""
        return Path(self.live.replies_log)

    def outputs(self) -> Outputs:
        live = self.live
        header = live.header()
        camera = live.virtual_camera
        return Outputs(
            folder=self.out_dir,
            recording=live.recorder.path if live.recorder is not None else None,
            virtual_camera=(camera.device or "virtual camera") if camera is not None else None,
            overlay_urls=dict(header.overlay_urls),
            replies_log=self.replies_path if live.desk is not None else None,
            missing_languages={
                lang: exc.fix or str(exc) for lang, exc in live.languages.unavailable.items()
            },
        )

    def stats(self) -> LiveStats:
        return self.live.stats()

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the show; when a stage fails to start, the session is stopped (its store
        session finished, its models released) and the error raised."""
        try:
            self.live.start()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> Outcome:
        """The seller pressed Stop: the inputs stop now, what they sent is finished and stored,
        the recording and subtitles closed. Safe to call twice."""
        if self.outcome is None:
            self.outcome = self.live.stop(interrupted=True)
        return self.outcome

    # -- what the window asks ------------------------------------------------------------------
    # Called on the window's command thread (a send may go over the network). The desk's
    # commands raise ConfigError when the show takes no comments.

    def _desk(self) -> CommentDesk:
        desk = self.live.desk
        if desk is None:
            raise ConfigError("this show takes no comments", fix="choose a comment source")
        return desk

    def approve(self, comment_id: str, text: str | None = None) -> ReviewItem:
        """Send the reply to ``comment_id`` (``text``: the seller's edit, else the draft)."""
        return self._desk().approve(comment_id, text)

    def reject(self, comment_id: str) -> ReviewItem:
        return self._desk().reject(comment_id)

    def edit(self, comment_id: str, text: str) -> ReviewItem:
        return self._desk().edit(comment_id, text)

    def regenerate(self, comment_id: str) -> None:
        self._desk().regenerate(comment_id)

    def approve_group(self, proposal_id: str) -> None:
        self._desk().approve_group(proposal_id)

    def plan_state(self) -> TeleprompterState | None:
        """The teleprompter's state (None: the show has no plan); any thread."""
        tracker = self.live.plan_tracker
        return tracker.state() if tracker is not None else None

    def plan_command(self, action: PlanAction) -> None:
        """The seller moved the teleprompter (its key)."""
        self.live.plan_command(action)

    def pin(self, product_id: str) -> None:
        """Another product on camera: captions' glossary, spec cards and drafts follow it."""
        self.live.pin(product_id)

    def set_sheet(self, sheet: ProductSheet) -> None:
        """The seller saved the product sheet while live: drafts, glossary and cards follow."""
        self.live.set_sheet(sheet)

    def try_comment(self, text: str, language: str | None = None) -> TrialDraft:
        """The draft the show's desk would make for ``text`` (its sheet and pinned product),
        kept out of the queue, the bus and the store."""
        from sola_studio.comments.trial import TrialDesk

        return TrialDesk.of(self._desk()).draft(text, language)

    def export_report(self, out: Path | None = None, fmt: str = "html") -> Path:
        """Build this show's report from the store and write it; returns the main file."""
        store = open_store(self.settings, self.profile)
        try:
            return export_report(store, self.session_id, fmt, out)
        finally:
            store.close()


def load_sheet_for(settings: Settings) -> ProductSheet | None:
    """The seller's product sheet (or the sample); ``None`` when it cannot be read."""
    from sola_studio.catalog.loader import load_sheet

    try:
        return load_sheet(settings.product_sheet or SAMPLE_SHEET)
    except Exception as exc:
        log.warning("product sheet unavailable: %s", exc)
        return None


def export_report(
    store: SessionStore,
    session_id: int | None,
    fmt: str = "html",
    out: Path | None = None,
    language: str | None = None,
) -> Path:
    """Write a session's report; its own words in ``language``, by default the window's."""
    from sola_studio.report.build import build_report
    from sola_studio.report.export import write
    from sola_studio.ui import i18n

    report = build_report(store.db, session_id)
    if out is None:
        out = paths.data_dir() / "reports" / f"session-{report.session_id}.{fmt}"
    return write(report, fmt, out, language=language or i18n.current())[0]


def open_store(settings: Settings, profile: str = "default") -> SessionStore:
    from sola_studio.store.records import RetentionPolicy
    from sola_studio.store.repository import SessionStore

    return SessionStore.open_profile(
        profile, retention=RetentionPolicy(days=settings.retention_days)
    )


def list_sessions(store: SessionStore) -> list[dict[str, Any]]:
    from sola_studio.report.build import list_sessions as rows

    return rows(store.db)


def session_factory(
    *,
    demo: bool = False,
    inputs: StudioInputs | None = None,
    profile: str | None = None,
    clipboard: Clipboard | None = None,
) -> Callable[[Settings], StudioSession]:
    """What the window calls (on a worker thread) at each Go live, with the settings of then.
    ``clipboard`` (a :class:`~sola_studio.ui.clipboard.QtClipboard` made on the GUI thread)
    takes the approved replies a platform cannot (TikTok)."""
    chosen = inputs or (DEMO_INPUTS if demo else StudioInputs())
    name = profile or (DEMO_PROFILE if demo else "default")
    return lambda settings: StudioSession(settings, chosen, profile=name, clipboard=clipboard)
