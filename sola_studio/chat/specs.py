"""From what the seller typed after ``--comments`` (or picked in the wizard) to comment sources.

One spec per source; several sources at once, given as several words or comma-separated::

    tiktok:@shop          TikTok LIVE of @shop (unofficial, needs the tiktok extra)
    youtube:auto          the one active broadcast of the signed-in YouTube channel
    youtube:VIDEO_ID      that broadcast's chat
    webhook[:PORT]        the local endpoint on 127.0.0.1 (default port 8780)
    twitch:#channel       Twitch chat over TLS
    FILE.jsonl            a replay file
    none                  no comments

Nothing here opens a socket or a file beyond checking that a replay file exists and reading a
setting; sources connect when the show starts them. Every mistake is a ConfigError naming the
spec and the fix.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sola_studio import paths
from sola_studio.chat.events import Publish, discard
from sola_studio.comments.sources import CommentSource, ReplaySource, TwitchIrcSource
from sola_studio.core.clock import Clock
from sola_studio.core.errors import ConfigError, ConnectorError, SolaError
from sola_studio.store.tokens import TokenVault

LIVE_PLATFORMS = ("tiktok", "youtube", "webhook", "twitch")
_LIVE_NAMES = {
    "tiktok": "TikTok LIVE chat",
    "youtube": "YouTube Live chat",
    "webhook": "the local comment endpoint",
    "twitch": "Twitch chat",
}
TWITCH_SERVER = "irc.chat.twitch.tv:6697"
SPEC_HELP = (
    "tiktok:@user, youtube:auto, youtube:VIDEO_ID, webhook[:PORT], twitch:#channel, FILE.jsonl"
)
_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,64}$")
_TIKTOK = re.compile(r"^@?[A-Za-z0-9_.]{1,64}$")


@dataclass(frozen=True)
class ChatSettings:
    """What connecting needs beyond the spec (the command line's or the Settings window's).

    ``twitch_server``: ``HOST:PORT`` over TLS, or ``irc://HOST:PORT`` for a plain local test
    server (read-only: a token is never sent over it). ``youtube_client``: the OAuth client JSON
    (default: ``youtube_client.json`` in the app's config folder). ``webhook_secret``: the
    shared secret the local endpoint requires (none: any local program may post).
    """

    realtime: bool = True
    twitch_nick: str | None = None
    twitch_server: str = TWITCH_SERVER
    twitch_ca_file: Path | None = None
    webhook_secret: str | None = None
    youtube_client: Path | None = None
    youtube_api_base: str | None = None
    tiktok_sign_api_key: str | None = None
    vault: TokenVault | None = None  # where platform tokens are (default: the OS keyring)


def split_specs(specs: str | Sequence[str] | None) -> list[str]:
    """``["tiktok:@a,youtube:auto", "b.jsonl"]`` -> each spec once, in order; ``none`` drops out.
    A word that is an existing file is one spec even with a comma in its name."""
    if specs is None:
        return []
    words = [specs] if isinstance(specs, str) else list(specs)
    out: list[str] = []
    for word in words:
        parts = [word] if Path(word).is_file() else word.split(",")
        for part in parts:
            spec = part.strip()
            if spec and spec.lower() != "none" and spec not in out:
                out.append(spec)
    return out


def parse_comment_sources(
    specs: str | Sequence[str] | None,
    settings: ChatSettings | None = None,
    *,
    clock: Clock | None = None,
    publish: Publish = discard,
) -> list[CommentSource]:
    """The comment sources for ``specs`` (see the module docstring), not yet started.

    ``clock``: a fast replay's show timeline (replays advance it); ``publish``: where the
    connectors' :class:`~sola_studio.chat.events.ChatStatus` and viewer activity go (the bus).
    """
    s = settings or ChatSettings()
    sources: list[CommentSource] = []
    platforms: dict[str, str] = {}
    for spec in split_specs(specs):
        kind, _, rest = spec.partition(":")
        kind = kind.lower()
        if kind in LIVE_PLATFORMS:
            if not s.realtime:
                raise ConfigError(
                    f"--fast replays files; {_LIVE_NAMES[kind]} is live ({spec})",
                    fix="drop --fast, or give a replay file",
                )
            if kind in platforms:
                raise ConfigError(
                    f"two {kind} sources: {platforms[kind]} and {spec}",
                    fix=f"one {kind} source per show (a reply goes back to the one it came from)",
                )
            platforms[kind] = spec
        if kind == "tiktok":
            sources.append(_tiktok(spec, rest, s, publish))
        elif kind == "youtube":
            sources.append(_youtube(spec, rest, s, publish))
        elif kind == "webhook":
            sources.append(_webhook(spec, rest, s, publish))
        elif kind == "twitch":
            sources.append(_twitch(rest, s, publish))
        else:
            sources.append(_replay(spec, clock))
    return sources


def check_spec(spec: str) -> None:
    """Whether ``spec`` is well formed, without connecting, importing a platform's library or
    reading a token (the Settings window checks as the seller types); a ConfigError with the
    fix when not. A replay file must exist."""
    kind, _, rest = spec.strip().partition(":")
    kind = kind.lower()
    rest = rest.strip()
    if kind == "tiktok" and not _TIKTOK.match(rest):
        raise ConfigError(f"{spec!r} does not name a TikTok account", fix="for example @yourshop")
    if kind == "youtube" and (rest or "auto") != "auto" and not _VIDEO_ID.match(rest):
        raise ConfigError(
            f"{rest!r} is not a YouTube video id",
            fix="use auto, or the id after watch?v= in your broadcast's URL",
        )
    if kind == "twitch" and not rest.strip("#"):
        raise ConfigError("no Twitch channel given", fix="for example #yourchannel")
    if kind == "webhook" and rest and not (rest.isdigit() and 1 <= int(rest) <= 65535):
        raise ConfigError(f"{rest!r} is not a port number", fix="for example 8780")
    if kind not in LIVE_PLATFORMS and not Path(spec).is_file():
        if ":" in spec and len(kind) > 1 and kind.isalpha():
            raise ConfigError(f"unknown comment source {spec!r}", fix=f"use one of: {SPEC_HELP}")
        raise ConfigError(f"the replay file {spec} does not exist", fix="pick a .jsonl file")


def describe_specs(specs: str | Sequence[str] | None) -> str:
    """How the seller's console names the sources: ``tiktok:@shop, webhook
    (http://127.0.0.1:8780/comments), demo.jsonl``."""
    from sola_studio.chat.webhook import DEFAULT_PORT, LOOPBACK

    names = []
    for spec in split_specs(specs):
        kind, _, rest = spec.partition(":")
        if kind.lower() == "webhook":
            port = rest.strip() or DEFAULT_PORT
            names.append(f"{spec} (POST http://{LOOPBACK}:{port}/comments)")
        elif kind.lower() in LIVE_PLATFORMS:
            names.append(spec)
        else:
            names.append(Path(spec).name)
    return ", ".join(names)


def _tiktok(spec: str, rest: str, s: ChatSettings, publish: Publish) -> CommentSource:
    from sola_studio.chat.tiktok import TikTokOptions, TikTokSource, load_library

    if not _TIKTOK.match(rest.strip()):
        raise ConfigError(
            f"{spec!r} does not name a TikTok account", fix="pass --comments tiktok:@yourname"
        )
    load_library()  # missing or too old: say so now, before the show loads its models
    options = TikTokOptions(sign_api_key=s.tiktok_sign_api_key)
    return TikTokSource(rest.strip(), options=options, publish=publish, spec=spec)


def _youtube(spec: str, rest: str, s: ChatSettings, publish: Publish) -> CommentSource:
    from sola_studio.chat.youtube import (
        API_BASE,
        LOGIN_FIX,
        OAuthClient,
        YouTubeApi,
        YouTubeAuth,
        YouTubeLiveSource,
    )

    target = rest.strip() or "auto"
    if target != "auto" and not _VIDEO_ID.match(target):
        raise ConfigError(
            f"{spec!r}: {target!r} is not a YouTube video id",
            fix="use youtube:auto, or the id after watch?v= in your broadcast's URL",
        )
    client_file = s.youtube_client or paths.config_dir() / "youtube_client.json"
    if not client_file.is_file():
        raise ConfigError(
            f"YouTube needs your OAuth client file, and {client_file} does not exist",
            fix="in Google Cloud Console enable 'YouTube Data API v3', create an OAuth client "
            f"ID of type Desktop app, save its JSON as {client_file} (or pass "
            "--youtube-client FILE), then sign in once: sola-studio chat youtube login "
            f"--client {client_file}",
        )
    auth = YouTubeAuth(OAuthClient.from_file(client_file), vault=s.vault)
    if not auth.signed_in():  # say so now, before the show loads its models
        raise ConnectorError(
            "Sola Studio is not signed in to YouTube", fix=f"{LOGIN_FIX} --client {client_file}"
        )
    api = YouTubeApi(auth, s.youtube_api_base or API_BASE)
    return YouTubeLiveSource(api, target, publish=publish, spec=spec)


def _webhook(spec: str, rest: str, s: ChatSettings, publish: Publish) -> CommentSource:
    from sola_studio.chat.webhook import DEFAULT_PORT, WebhookSource

    port = DEFAULT_PORT
    if rest.strip():
        if not rest.strip().isdigit() or not 1 <= int(rest) <= 65535:
            raise ConfigError(
                f"{spec!r}: {rest!r} is not a port number", fix="for example webhook:8780"
            )
        port = int(rest)
    return WebhookSource(port, secret=s.webhook_secret, publish=publish, spec=spec)


def _twitch(channel: str, s: ChatSettings, publish: Publish) -> CommentSource:
    if not channel.strip().strip("#"):
        raise ConfigError("no Twitch channel given", fix="pass --comments twitch:#yourchannel")
    server = s.twitch_server
    tls = not server.startswith("irc://")
    host, _, port = server.removeprefix("irc://").removeprefix("ircs://").rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(
            f"--twitch-server {server!r} is not HOST:PORT", fix="for example " + TWITCH_SERVER
        )
    token = None
    nick = s.twitch_nick
    if nick:
        from sola_studio.store.tokens import TokenVault

        try:
            token = TokenVault().get_token("twitch", nick)
        except SolaError:
            token = None  # read-only; the connector says so when a send is tried
    else:
        nick = f"justinfan{int(time.time()) % 100000}"  # Twitch's anonymous read-only login
    return TwitchIrcSource(
        channel.strip(),
        nick,
        token,
        host=host,
        port=int(port),
        tls=tls,
        ca_file=s.twitch_ca_file,
        publish=publish,
    )


def _replay(spec: str, clock: Clock | None) -> CommentSource:
    if ":" in spec and not Path(spec).exists() and spec.split(":", 1)[0].isalpha():
        kind = spec.split(":", 1)[0]
        if len(kind) > 1:  # not a Windows drive letter
            raise ConfigError(f"unknown comment source {spec!r}", fix=f"use one of: {SPEC_HELP}")
    if clock is not None:  # on the show's timeline (speed 0 advances the clock)
        return ReplaySource(spec, speed=0, clock=clock)
    return ReplaySource(spec, speed=1.0)
