"""``sola-studio run``: the command line resolved into
:class:`~sola_studio.live.options.LiveOptions`, one :class:`~sola_studio.live.session.LiveSession`
run until its inputs end or the seller presses Ctrl+C, and the console printing it."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from sola_studio import paths
from sola_studio.core.errors import ConfigError, MediaError
from sola_studio.live.options import (
    DEMO_AUDIO,
    DEMO_COMMENTS,
    DEMO_OUT,
    DEMO_PLAN,
    DEMO_PROFILE,
    DEMO_TARGETS,
    DEMO_VIDEO,
    SAMPLE_SHEET,
    LiveOptions,
)
from sola_studio.report.words import LANGUAGES as REPORT_LANGUAGES


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
        nargs="+",
        metavar="SOURCE",
        help="viewer comments, one or more of: tiktok:@user, youtube:auto, youtube:VIDEO_ID, "
        "webhook[:PORT], twitch:#channel, FILE.jsonl, none "
        "(default: the sample replay with --demo, else none)",
    )
    g.add_argument("--sheet", type=Path, help="your product sheet, YAML or CSV (default: sample)")
    g.add_argument(
        "--plan",
        help="your show plan (YAML, docs/plan.md): teleprompter, and captions showing its "
        "approved lines (default: the sample plan with --demo; none: no plan)",
    )
    g.add_argument(
        "--auto-greetings",
        action="store_true",
        help="send greeting replies without review (the only automatic replies there are)",
    )
    g.add_argument("--twitch-nick", help="your Twitch login (token from the system keyring)")
    g.add_argument("--twitch-server", default="irc.chat.twitch.tv:6697", help=argparse.SUPPRESS)
    g.add_argument("--twitch-ca-file", type=Path, help=argparse.SUPPRESS)
    g.add_argument(
        "--webhook-secret",
        default=os.environ.get("SOLA_WEBHOOK_SECRET") or None,
        help="the secret the local comment endpoint requires (or SOLA_WEBHOOK_SECRET)",
    )
    g.add_argument(
        "--youtube-client",
        type=Path,
        metavar="FILE.json",
        help="your Google OAuth client (Desktop app) for YouTube Live chat",
    )
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
    g.add_argument(
        "--report-language",
        choices=REPORT_LANGUAGES,
        default=None,
        help="the report's own words (headings, labels, dates) in this language (default: the "
        "sheet's seller_language where the report has it, else en)",
    )
    g.add_argument(
        "--profile",
        help="seller profile (its own database; default: default, or demo with --demo)",
    )
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
    comments = ",".join(args.comments) if args.comments else (str(DEMO_COMMENTS) if demo else None)
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
        plan=_plan(args.plan, demo),
        glossary=args.glossary,
        phrasebook=args.phrasebook,
        auto_greetings=args.auto_greetings,
        twitch_nick=args.twitch_nick,
        twitch_server=args.twitch_server,
        twitch_ca_file=args.twitch_ca_file,
        webhook_secret=args.webhook_secret,
        youtube_client=args.youtube_client,
        # the demo stores its sample show in its own profile, never among the seller's sessions
        profile=args.profile or (DEMO_PROFILE if demo else "default"),
        report=args.report or demo,
        report_language=args.report_language or "",
        title=args.title or ("Demo show" if demo else ""),
    )


def _plan(value: str | None, demo: bool) -> Path | None:
    """``--plan``: a file, ``none``, or the sample plan with ``--demo``."""
    if value == "none":
        return None
    if value:
        return Path(value)
    return DEMO_PLAN if demo else None


class _StopRequest:
    """Ctrl+C and SIGTERM ask the session to stop; a second Ctrl+C stops at once."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._previous: dict[int, signal._HANDLER] = {}

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
    # The command boundary: the models and native libraries load from here on, so that
    # `sola-studio --help` stays instant.
    from sola_studio.live.console import Console, print_header, print_summary
    from sola_studio.live.demo_profile import unlock_demo_profile
    from sola_studio.live.session import LiveSession

    options = options_from_args(args)
    if options.profile == DEMO_PROFILE:
        unlock_demo_profile()  # its key in a file: the demo needs no keyring (demo_profile.py)
    try:
        options.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, a read-only place: one message, no traceback
        raise ConfigError(
            f"--out {options.out} cannot be the session's folder: {exc.strerror or exc}",
            fix="pass --out a folder (new or existing) in a place you can write to",
        ) from exc
    stop = _StopRequest()
    stop.install()
    try:
        if not args.json:
            print("loading models...", flush=True)
        live = LiveSession(options)
        console = Console(live, partials=args.show_partials, as_json=args.json)
        console.subscribe(live.bus)
        if not args.json:
            print_header(live.header())
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
        print_summary(live, console, outcome)
    if live.fatal:
        raise live.fatal[0].error
    return 0
