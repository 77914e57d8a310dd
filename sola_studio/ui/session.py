"""The studio's live session: the captions, video, comment and store flows composed for the window.

This is composition only, with no Qt import, on top of :mod:`sola_studio.app`'s
:class:`~sola_studio.app.Session` and builders: it turns the seller's
:class:`~sola_studio.config.Settings` and the chosen inputs into constructed stages, then
``start``/``stop`` them in order. It belongs in the composition root; it lives here until
``sola_studio.app`` offers a whole-studio builder, and must never grow business logic.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sola_studio import paths
from sola_studio.config import Settings

log = logging.getLogger(__name__)

SAMPLE = paths.ASSETS / "sample"
SAMPLE_AUDIO = SAMPLE / "seller_talk.ogg"
SAMPLE_VIDEO = SAMPLE / "seller_video.mp4"
SAMPLE_SHEET = paths.ASSETS / "sample_sheet.yaml"
SAMPLE_COMMENTS = paths.ASSETS / "comments" / "demo.jsonl"


@dataclass(frozen=True)
class StudioInputs:
    """Where the show comes from. ``audio``: ``mic`` or a file; ``video``: ``camera`` (the
    settings' camera), ``pattern`` or a file; ``comments``: a replay file or ``None``."""

    audio: str = "mic"
    video: str = "camera"
    comments: Path | None = None
    realtime: bool = True
    width: int = 1280
    height: int = 720
    fps: float = 30.0


DEMO_INPUTS = StudioInputs(
    audio=str(SAMPLE_AUDIO), video=str(SAMPLE_VIDEO), comments=SAMPLE_COMMENTS
)


@dataclass(frozen=True)
class StudioStats:
    """What the status bar shows beyond caption latency (``None`` when not known)."""

    rtf: float | None
    frames_dropped: int | None
    device: str
    asr_model: str
    mt_model: str


def load_sheet_for(settings: Settings) -> Any:
    """The seller's product sheet (or the sample); ``None`` when it cannot be read."""
    from sola_studio.catalog.loader import load_sheet

    try:
        return load_sheet(settings.product_sheet or SAMPLE_SHEET)
    except Exception as exc:
        log.warning("product sheet unavailable: %s", exc)
        return None


class StudioSession:
    """Everything one show runs; built on a worker thread (it loads models)."""

    def __init__(
        self,
        settings: Settings,
        inputs: StudioInputs,
        *,
        engine: Any = None,
        translator: Any = None,
        profile: str = "default",
    ) -> None:
        from sola_studio.app import CaptionSettings, Session, build_captions
        from sola_studio.captions.render import CaptionRenderer
        from sola_studio.core.events import Caption, ErrorEvent
        from sola_studio.sinks.pipeline import VideoPipeline
        from sola_studio.sinks.preview import PreviewSlot
        from sola_studio.store.repository import RetentionPolicy, SessionStore

        self.settings = settings
        self.inputs = inputs
        self.session = Session()
        self.bus = self.session.bus
        self.sheet = load_sheet_for(settings)
        targets = tuple(t for t in settings.caption_languages if t != settings.seller_language)
        self.caption_settings = CaptionSettings(
            model=settings.asr_model,
            spoken=(settings.seller_language,),
            targets=targets,
            device=settings.device,
        )

        retention = RetentionPolicy(days=settings.retention_days)
        self.store = SessionStore.open_profile(profile, retention=retention)
        self._unsubscribe_store = self.store.subscribe(self.bus)

        self.track = build_captions(
            self.session,
            self._audio_source(),
            self.caption_settings,
            translator=translator,
            engine=engine,
        )
        self.preview = PreviewSlot()
        languages = (settings.seller_language, *targets)
        renderer = CaptionRenderer(inputs.width, inputs.height, languages)
        self.video = VideoPipeline(
            self._video_source(),
            renderer,
            [self.preview],
            fps=inputs.fps,
            on_error=self.bus.publish,
        )
        self.bus.subscribe(Caption, self.video.on_caption)

        stamp = time.strftime("%Y%m%d-%H%M%S")
        self.out_dir = paths.data_dir() / "sessions" / stamp
        self.replies_path = self.out_dir / "replies.jsonl"
        self.desk = self._comment_desk(stamp)
        self._errors: list[ErrorEvent] = []
        self.session_id: int | None = None
        self._started_at: float | None = None

    def _comment_desk(self, stamp: str) -> Any:
        """The comment flow on the same bus. Approved replies go to the dry-run log (and to the
        platform when a platform source that can send is connected)."""
        from sola_studio.comments.desk import CommentDesk, DeskConfig
        from sola_studio.comments.senders import DryRunSender, PlatformSender
        from sola_studio.comments.sources import CommentSource, ReplaySource

        if self.sheet is None:
            return None
        sources = [ReplaySource(self.inputs.comments)] if self.inputs.comments else []
        senders: list[Any] = [DryRunSender(self.replies_path)]
        platforms: dict[str, CommentSource] = {s.platform: s for s in sources if s.can_send}
        if platforms:
            senders.insert(0, PlatformSender(platforms))
        desk = CommentDesk(
            self.sheet,
            sources=sources,
            senders=senders,
            bus=self.bus,
            translator=self.track.translator,
            config=DeskConfig(session_id=stamp, retention_days=self.settings.retention_days),
        )
        self.session.add_stage(desk)
        return desk

    def _audio_source(self) -> Any:
        from sola_studio.sources.audio import FileSource, MicrophoneSource

        if self.inputs.audio == "mic":
            return MicrophoneSource(self.settings.microphone or None)
        return FileSource(self.inputs.audio, realtime=self.inputs.realtime)

    def _video_source(self) -> Any:
        from sola_studio.sources.video import CameraSource, TestPatternSource, VideoFileSource

        i = self.inputs
        if i.video == "camera":
            cam = self.settings.camera or "0"
            return CameraSource(int(cam) if cam.isdigit() else cam, i.width, i.height, i.fps)
        if i.video == "pattern":
            return TestPatternSource(i.width, i.height, i.fps)
        return VideoFileSource(i.video, loop=True, paced=True)

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        self.session_id = self.store.start_session(
            title=time.strftime("Live %Y-%m-%d %H:%M"),
            platform="replay" if self.inputs.comments else "studio",
            seller_language=self.settings.seller_language,
            caption_languages=self.caption_settings.targets,
        )
        self.video.source.start()
        self.video.start()
        self.session.start()
        self._started_at = time.monotonic()

    def stop(self) -> None:
        self.session.stop()
        self.video.stop()
        self.video.source.stop()
        self._unsubscribe_store()
        self.store.finish_session()

    def wait(self, timeout: float | None = None) -> bool:
        """Until the audio input ended (a file), or ``timeout``."""
        return self.session.wait(timeout)

    # -- what the window reads and asks ------------------------------------------------------

    def stats(self) -> StudioStats:
        video = self.video.stats
        translator = getattr(self.track, "translator", None)
        # Real-time factor of a live input: decoding seconds per second on air (audio arrives at
        # wall-clock pace); unknown for the first seconds.
        rtf = None
        compute_s = getattr(getattr(self.track, "policy", None), "compute_s", None)
        if compute_s is not None and self._started_at is not None:
            on_air = time.monotonic() - self._started_at
            rtf = compute_s / on_air if on_air >= 5.0 else None
        return StudioStats(
            rtf=rtf,
            frames_dropped=video.frames_dropped,
            device=self.settings.device,
            asr_model=self.caption_settings.model,
            mt_model=getattr(translator, "name", "") if translator is not None else "",
        )

    def pin(self, product_id: str) -> None:
        if self.sheet is not None:
            self.sheet = self.sheet.with_pinned(product_id)
        if self.desk is not None:
            self.desk.pin(product_id)

    def export_report(self, out: Path | None = None, fmt: str = "html") -> Path:
        """Build this session's report from the store and write it; returns the main file."""
        return export_report(self.store, self.session_id, fmt, out)


def export_report(
    store: Any, session_id: int | None, fmt: str = "html", out: Path | None = None
) -> Path:
    from sola_studio.report.build import build_report
    from sola_studio.report.export import write

    report = build_report(store.db, session_id)
    if out is None:
        out = paths.data_dir() / "reports" / f"session-{report.session_id}.{fmt}"
    return write(report, fmt, out)[0]


def open_store(settings: Settings, profile: str = "default") -> Any:
    from sola_studio.store.repository import RetentionPolicy, SessionStore

    return SessionStore.open_profile(
        profile, retention=RetentionPolicy(days=settings.retention_days)
    )


def list_sessions(store: Any) -> list[dict[str, Any]]:
    from sola_studio.report.build import list_sessions as rows

    return rows(store.db)


def session_factory(
    settings: Settings, *, demo: bool = False, inputs: StudioInputs | None = None
) -> Callable[[], StudioSession]:
    chosen = inputs or (DEMO_INPUTS if demo else StudioInputs())
    return lambda: StudioSession(settings, chosen)
