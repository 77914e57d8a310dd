"""The seller's settings: one plain dataclass saved as JSON in ``paths.config_dir()``.

The window's first-run setup and settings dialog write it; the composition root reads it and hands
each stage only the values it needs through its constructor (DESIGN rule 2). This module must never
import Qt, open a device or load a model: it only reads and writes a small file.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sola_studio import paths
from sola_studio.core.errors import ConfigError

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
SCHEMA_VERSION = 1


class CaptionLayout(enum.Enum):
    """How several caption languages share the picture."""

    STACKED = "stacked"  # original and up to two translations, one above the other
    ROTATING = "rotating"  # more languages, taking turns


@dataclass(frozen=True)
class CaptionLook:
    """The seller's look of burned-in captions (Settings › Captions); sizes are in pixels at
    1080p and scale with the frame. The composition root turns it into the renderer's
    :class:`~sola_studio.captions.render.CaptionStyle`
    (``sola_studio.live.video.renderer_style``)."""

    font_size: int = 44
    outline: bool = True
    box: bool = True
    box_opacity: float = 0.55
    bottom_margin: float = 0.06  # share of the frame height kept free below the captions
    layout: CaptionLayout = CaptionLayout.STACKED
    expire_s: float = 6.0


@dataclass(frozen=True)
class Settings:
    """Everything the seller chooses once and changes rarely.

    ``ui_language`` is ``""`` to follow the system locale, or a locale name such as ``en`` or
    ``zh_CN`` to override it. ``microphone``/``camera`` are device names or indexes as text,
    ``""`` for the system default. ``first_run_done`` is False until the setup finished once.
    """

    seller_language: str = "en"
    audience_languages: tuple[str, ...] = ("pt", "es")
    caption_languages: tuple[str, ...] = ("pt",)
    microphone: str = ""
    camera: str = ""
    # The show's picture: "camera" (the one above), "pattern" (a test picture), "none" (audio
    # only: captions for the overlay), or the path of a video file or a still image.
    picture: str = "camera"
    asr_model: str = "base"
    device: str = "auto"  # auto | cpu | cuda
    product_sheet: str = ""  # path of the seller's sheet; "" means the bundled sample
    # The show plan Go live uses: "" = the one beside the sheet (NAME.plan.yaml) when it exists,
    # "none" = no plan, else the path of a plan file (Settings › Captions › Show plan).
    show_plan: str = ""
    retention_days: int = 30
    caption_style: CaptionLook = field(default_factory=CaptionLook)
    ui_language: str = ""
    first_run_done: bool = False
    # Outputs of a show besides the window's preview: a captioned recording (MP4 with the audio,
    # subtitles beside it) in the session's folder; the virtual camera a streaming app picks up;
    # caption pages on 127.0.0.1 for OBS browser sources (local only, so on by default).
    record: bool = False
    virtual_camera: bool = False
    overlay: bool = True
    # Where viewer comments come from (Settings › Comments, the setup's Comments page): specs as
    # ``sola-studio run --comments`` takes them (sola_studio.chat.specs), e.g. ``tiktok:@shop``,
    # ``youtube:auto``, ``twitch:#shop``, ``webhook:8780``, a replay file. Empty: no comments.
    comment_sources: tuple[str, ...] = ()
    webhook_secret: str = ""  # what the local comment endpoint requires ("" = none)
    youtube_client: str = ""  # the OAuth client JSON; "" = youtube_client.json in config_dir()

    def __post_init__(self) -> None:
        if self.retention_days < 1:
            raise ConfigError(
                f"retention_days must be at least 1, not {self.retention_days}",
                fix="set a retention of one day or more in Settings › Privacy",
            )
        for lang in (self.seller_language, *self.audience_languages, *self.caption_languages):
            if not (2 <= len(lang) <= 3 and lang.isalpha() and lang.islower()):
                raise ConfigError(
                    f"{lang!r} is not an ISO 639-1 language code",
                    fix="use two-letter codes such as en, pt, zh",
                )

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def default_path() -> Path:
    return paths.config_dir() / FILE_NAME


def _to_json(settings: Settings) -> dict[str, Any]:
    data = dataclasses.asdict(settings)
    data["caption_style"]["layout"] = settings.caption_style.layout.value
    data["audience_languages"] = list(settings.audience_languages)
    data["caption_languages"] = list(settings.caption_languages)
    data["comment_sources"] = list(settings.comment_sources)
    data["version"] = SCHEMA_VERSION
    return data


def _from_json(data: dict[str, Any]) -> Settings:
    known = {f.name for f in dataclasses.fields(Settings)}
    values = {k: v for k, v in data.items() if k in known}
    style = dict(values.pop("caption_style", {}) or {})
    style_known = {f.name for f in dataclasses.fields(CaptionLook)}
    style = {k: v for k, v in style.items() if k in style_known}
    if "layout" in style:
        style["layout"] = CaptionLayout(style["layout"])
    for key in ("audience_languages", "caption_languages", "comment_sources"):
        if key in values:
            values[key] = tuple(values[key])
    return Settings(caption_style=CaptionLook(**style), **values)


def load(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when nothing was saved yet.

    Raises :class:`ConfigError` (naming the file) when the file exists but cannot be used.
    """
    path = path or default_path()
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise TypeError("top level is not an object")
        return _from_json(data)
    except ConfigError:
        raise
    except (ValueError, TypeError) as exc:
        raise ConfigError(
            f"the settings file {path} cannot be read: {exc}",
            fix=f"fix or delete {path}; Sola Studio then starts with the first-run setup",
        ) from exc


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write ``settings`` atomically (a crash never leaves half a file)."""
    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(_to_json(settings), fh, ensure_ascii=False, indent=2)
    os.replace(tmp, path)
    log.info("settings saved to %s", path)
    return path
