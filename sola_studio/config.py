"""The seller's settings: one plain dataclass saved as JSON in ``paths.config_dir()``.

The window's first-run setup and settings dialog write it; the composition root reads it and hands
each stage only the values it needs through its constructor (DESIGN rule 2). This module must never
import Qt, open a device or load a model: it only reads and writes a small file.

No secret is written to the file. The local comment endpoint's shared secret is kept in the
system keyring (:func:`set_webhook_secret`, :func:`webhook_secret`; the same helper as the
store's keys, :mod:`sola_studio.core.keyring_store`) and the file keeps only whether one is set
(``webhook_secret_set``). ``SOLA_WEBHOOK_SECRET`` in the environment overrides it (as for
``run --webhook-secret``). A secret an older version wrote into the file moves into the keyring
on the next :func:`load` and the file is rewritten without it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import json
import logging
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend

from sola_studio import paths
from sola_studio.core import keyring_store
from sola_studio.core.errors import ConfigError
from sola_studio.core.keyring_store import KeyringUnavailable

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
SCHEMA_VERSION = 1
WEBHOOK_SECRET_ENV = "SOLA_WEBHOOK_SECRET"
WEBHOOK_SERVICE = "sola-studio:webhook"  # the keyring entry of the local endpoint's secret
WEBHOOK_ACCOUNT = "local-endpoint"


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
    # The show's sound, the voice the captions follow: "microphone" (the one above) or the path
    # of an audio file (a recorded talk: a machine without a microphone still goes live).
    sound: str = "microphone"
    # The show's picture size, width x height: landscape 1280x720 or 1920x1080, portrait
    # 720x1280 or 1080x1920 for TikTok LIVE (Settings › Captions, the setup's Camera page).
    output_size: tuple[int, int] = (1280, 720)
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
    # whether the local comment endpoint requires a shared secret; the secret itself is in the
    # system keyring (webhook_secret(), set_webhook_secret()), never in the settings file
    webhook_secret_set: bool = False
    youtube_client: str = ""  # the OAuth client JSON; "" = youtube_client.json in config_dir()

    def __post_init__(self) -> None:
        if self.retention_days < 1:
            raise ConfigError(
                f"retention_days must be at least 1, not {self.retention_days}",
                fix="set a retention of one day or more in Settings › Privacy",
            )
        size = tuple(self.output_size)
        if len(size) != 2 or min(size) < 16 or size[0] % 2 or size[1] % 2:
            raise ConfigError(
                f"the picture size {'x'.join(map(str, size))} cannot be encoded",
                fix="choose a picture shape in Settings › Captions (1280x720, 720x1280, ...)",
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
    for key in ("audience_languages", "caption_languages", "comment_sources", "output_size"):
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
        legacy = data.pop("webhook_secret", None)  # written in clear by older versions
        settings = _from_json(data)
        if isinstance(legacy, str) and legacy:
            settings = _move_secret_to_keyring(settings, legacy, path)
        return settings
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


# -- the local comment endpoint's shared secret -------------------------------------------------

_held: dict[str, str] = {}  # an old file's secret no keyring could take (this process only)
_held_key = "webhook"


def webhook_secret(settings: Settings, backend: KeyringBackend | None = None) -> str | None:
    """The secret the local comment endpoint requires: ``SOLA_WEBHOOK_SECRET`` when set, else
    the keyring's when ``settings.webhook_secret_set``, else None (no secret). A secret that is
    set but cannot be read is an error with its fix, never an endpoint open to any program."""
    env = os.environ.get(WEBHOOK_SECRET_ENV)
    if env:
        return env
    if not settings.webhook_secret_set:
        return None
    held = _held.get(_held_key)
    if held:
        return held
    try:
        secret = keyring_store.get_secret(WEBHOOK_SERVICE, WEBHOOK_ACCOUNT, backend)
    except KeyringUnavailable as exc:
        raise ConfigError(
            f"the local comment endpoint's shared secret cannot be read: {exc.message}",
            fix=f"unlock the system keyring, or set {WEBHOOK_SECRET_ENV} to the secret before "
            "starting Sola Studio",
        ) from exc
    if not secret:
        raise ConfigError(
            "the local comment endpoint's shared secret is not in the system keyring",
            fix=f"enter it again in Settings › Comments, or set {WEBHOOK_SECRET_ENV}",
        )
    return secret


def set_webhook_secret(secret: str, backend: KeyringBackend | None = None) -> bool:
    """Keep ``secret`` in the system keyring (``""`` removes it); returns the flag Settings
    keeps (``webhook_secret_set``). Raises :class:`ConfigError` where no keyring can keep it."""
    _held.pop(_held_key, None)
    if not secret:
        with contextlib.suppress(KeyringUnavailable):  # none: nothing can have been kept
            keyring_store.delete_secret(WEBHOOK_SERVICE, WEBHOOK_ACCOUNT, backend)
        return False
    try:
        keyring_store.set_secret(WEBHOOK_SERVICE, WEBHOOK_ACCOUNT, secret, backend)
    except KeyringUnavailable as exc:
        raise ConfigError(
            f"no system keyring can keep the local endpoint's shared secret ({exc.message})",
            fix=f"set {WEBHOOK_SECRET_ENV} to the secret before starting Sola Studio, or "
            "install and unlock a keyring (gnome-keyring, KWallet)",
        ) from exc
    return True


def can_keep_secrets(backend: KeyringBackend | None = None) -> bool:
    """Whether a keyring can keep the shared secret on this machine."""
    return keyring_store.usable(backend) is not None


def _move_secret_to_keyring(settings: Settings, secret: str, path: Path) -> Settings:
    """An older version's clear-text secret: into the keyring, then the file rewritten without
    it (its old bytes overwritten before they are unlinked). Where no keyring can take it, the
    file is left as it was (the secret is not lost) and this process still requires it."""
    settings = settings.replace(webhook_secret_set=True)
    try:
        set_webhook_secret(secret)
    except ConfigError as exc:
        _held[_held_key] = secret
        log.warning("the shared secret stays in %s: %s (%s)", path, exc.message, exc.fix)
        return settings
    old = path.with_name(f".settings-{os.getpid()}.old")  # a handle on the clear bytes
    try:
        os.link(path, old)
        linked = True
    except OSError:
        linked = False
    save(settings, path)
    if linked:
        _overwrite(old)
    log.info("moved the local endpoint's shared secret from %s into the system keyring", path)
    return settings


def _overwrite(path: Path) -> None:
    try:
        with open(path, "r+b") as f:
            f.write(secrets.token_bytes(path.stat().st_size))
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        log.warning("could not overwrite %s before removing it: %s", path, exc.strerror)
    path.unlink(missing_ok=True)
