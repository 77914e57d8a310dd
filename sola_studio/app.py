"""The composition root and ``sola-studio run``: builds a live session from parts and runs it.

A :class:`Session` is a :class:`~sola_studio.core.bus.Bus` plus an ordered list of stages
(anything with ``start()``/``stop()``), started in order and stopped in reverse. The captions
flow is composed here (AudioSource -> VAD/StreamingASR -> CaptionTrack -> SubtitleWriter); the
video flow (VideoSource -> CaptionRenderer -> FrameSinks), the comment flow and the SessionStore
plug in the same way: subscribe to the bus, then ``session.add_stage(stage)``.

What this module must never do: hold business logic. It reads command-line arguments and passes
hardware, models and settings to constructors; the stages never read them themselves.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sola_studio.core.bus import Bus
from sola_studio.core.errors import MediaError, TranslationUnavailable
from sola_studio.core.events import Caption, ErrorEvent

log = logging.getLogger(__name__)

DEMO_AUDIO = Path(__file__).resolve().parent.parent / "assets" / "sample" / "seller_talk.ogg"


class Stage(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...


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
    def __init__(self, start: Callable[[], None], stop: Callable[[], None]) -> None:
        self.start = start
        self.stop = stop


class Session:
    """A running studio session: a bus and the stages that publish on it."""

    def __init__(self, bus: Bus | None = None) -> None:
        self.bus = bus or Bus()
        self._stages: list[Any] = []
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

    def start(self) -> None:
        self._started = True
        for stage in self._stages:
            stage.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Until every finite stage is done (a file source ended) or ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for event in self._done:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not event.wait(left):
                return False
        return True

    def stop(self) -> None:
        for stage in reversed(self._stages):
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


def build_translator(source: str, targets: Sequence[str]) -> Any:
    """A Translator for ``source`` -> every target, or a typed error naming what to install.

    Uses ``sola_studio.translate.build_translator`` when the translation package offers it,
    else the Bergamot models installed on this machine.
    """
    targets = [t for t in targets if t != source]
    if not targets:
        return None
    import sola_studio.translate as translate

    factory = getattr(translate, "build_translator", None)
    if factory is not None:
        return factory(source, targets)
    from sola_studio.translate.bergamot import BergamotTranslator

    translator = BergamotTranslator.default()
    missing = [t for t in targets if not translator.supports(source, t)]
    if missing:
        translator.close()
        have = ", ".join(f"{s}->{t}" for s, t in translator.pairs) or "none"
        raise TranslationUnavailable(
            f"no translation model for {', '.join(f'{source}->{t}' for t in missing)} "
            f"(installed: {have})",
            fix="`sola-studio models list` shows translation models; pick --languages among them",
        )
    return translator


def build_captions(
    session: Session,
    source: Any,
    settings: CaptionSettings,
    *,
    out: Path | None = None,
    translator: Any = None,
    engine: Any = None,
) -> Any:
    """Compose the voice flow into ``session``; returns the :class:`CaptionTrack`.

    ``engine`` and ``translator`` may be passed in (tests, a studio that already loaded them);
    otherwise they are built from ``settings``.
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
    worker = AsrWorker(source, policy, track.on_update, session.bus.publish)
    if out is not None:
        writer = SubtitleWriter(out)
        unsubscribe = session.bus.subscribe(Caption, writer.on_caption)

        def close_writer() -> None:
            unsubscribe()
            writer.close()

        session.add_stage(_CallbackStage(lambda: None, close_writer))
    # Stopped in reverse: the source first (no more audio), then the ASR thread finishes what
    # it holds, then the track's translations drain, then the writer closes.
    session.add_stage(_CallbackStage(lambda: None, track.close))
    session.add_stage(_CallbackStage(worker.start, lambda: _stop_worker(worker)), worker.done)
    session.add_stage(source)
    track.policy = policy  # type: ignore[attr-defined]  # for benchmarks and tests
    return track


def _stop_worker(worker: Any) -> None:
    worker.join(timeout=60)
    worker.stop()


# -- sola-studio run -----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--audio", metavar="FILE|mic", help="an audio/video file, or `mic` for the microphone"
    )
    parser.add_argument(
        "--mic-device", metavar="NAME|INDEX", help="microphone by name or index (default: system)"
    )
    parser.add_argument(
        "--language",
        metavar="xx[,yy]",
        help="the language(s) you speak; several: detected among them only (default: detect)",
    )
    parser.add_argument(
        "--languages", metavar="pt,es,de", help="caption languages to translate into"
    )
    parser.add_argument("--out", type=Path, help="folder for SRT/VTT subtitles per language")
    parser.add_argument("--model", default="base", help="speech model name or folder (base)")
    parser.add_argument(
        "--realtime",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="pace a file like a live microphone (default), or --no-realtime / --fast",
    )
    parser.add_argument("--fast", dest="realtime", action="store_false", help="as fast as possible")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
    parser.add_argument("--compute-type", default="auto", help="auto, int8, float16, ...")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads for the model")
    parser.add_argument(
        "--show-partials", action="store_true", help="also print partial (uncommitted) text"
    )
    parser.add_argument(
        "--demo", action="store_true", help="the sample session: the bundled seller talk"
    )


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip().lower() for v in (value or "").split(",") if v.strip())


def _clock(seconds: float) -> str:
    m, s = divmod(max(0.0, seconds), 60)
    h, m = divmod(int(m), 60)
    return f"{h:02d}:{m:02d}:{s:04.1f}"


class _Printer:
    """Prints captions as they commit, with their latency (and translations as they arrive)."""

    def __init__(self, targets: Sequence[str], partials: bool) -> None:
        self.targets = tuple(targets)
        self.partials = partials
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, event: object) -> None:
        with self._lock:
            if isinstance(event, ErrorEvent):
                print(f"error in {event.stage}: {event.error}", file=sys.stderr, flush=True)
                return
            assert isinstance(event, Caption)
            span = f"[{_clock(event.start)} -> {_clock(event.end)}]"
            lat = f"{event.latency:+.2f}s" if event.latency is not None else "  n/a"
            if not event.committed:
                if self.partials:
                    print(f"  ... {span} {event.text}", flush=True)
                return
            if "translate" not in event.stages:
                self.count += 1
                print(f"{span} ({lat}) [{event.language}] {event.text}", flush=True)
            for lang, text in event.translations.items():
                print(f"{' ' * 29}({lat}) [{lang}] {text}", flush=True)


def main(args: argparse.Namespace) -> int:
    from sola_studio.sources.audio import FileSource, MicrophoneSource

    spoken = _split(args.language)
    targets = _split(args.languages)
    audio = args.audio
    if args.demo:
        audio = audio or str(DEMO_AUDIO)
        spoken = spoken or ("en",)
        if not targets:
            try:
                build_translator("en", ("pt",)).close()
                targets = ("pt",)
            except TranslationUnavailable as exc:
                log.warning("demo without translation: %s", exc)
    if not audio:
        raise MediaError("nothing to listen to", fix="pass --audio FILE, --audio mic or --demo")
    targets = tuple(t for t in targets if t not in spoken[:1])
    if audio == "mic":
        source: Any = MicrophoneSource(args.mic_device)
    else:
        source = FileSource(audio, realtime=args.realtime)
    out = args.out
    if out is None:
        from sola_studio.paths import data_dir

        out = data_dir() / "sessions" / time.strftime("%Y%m%d-%H%M%S")
    settings = CaptionSettings(
        model=args.model,
        spoken=spoken,
        targets=targets,
        device=args.device,
        compute_type=args.compute_type,
        cpu_threads=args.threads,
    )
    session = Session()
    printer = _Printer(targets, args.show_partials)
    session.bus.subscribe((Caption, ErrorEvent), printer)
    track = build_captions(session, source, settings, out=out)
    errors: list[ErrorEvent] = []
    session.bus.subscribe(ErrorEvent, lambda e: errors.append(e) if not e.recoverable else None)
    print(f"listening to {source.name} (model {settings.model}); Ctrl+C stops", flush=True)
    session.start()
    try:
        while not session.wait(timeout=0.5):
            pass
    except KeyboardInterrupt:
        print("stopping...", file=sys.stderr)
    finally:
        session.stop()
    print(f"{len(track.committed)} captions; subtitles in {out}", flush=True)
    if errors:
        raise errors[0].error
    return 0
