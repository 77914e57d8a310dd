"""``sola-studio chat``: sign in to the chat platforms once, before a show.

    sola-studio chat youtube login [--client FILE.json]    # browser sign-in; token -> keyring
    sola-studio chat youtube status|logout [--client FILE.json]
    sola-studio chat twitch login --nick NAME               # paste the token; -> keyring
    sola-studio chat twitch logout --nick NAME

Tokens go to the OS keyring only (:class:`~sola_studio.store.tokens.TokenVault`); nothing is
printed back. TikTok needs no sign-in (read only); the local endpoint needs none either.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import webbrowser
from pathlib import Path

from sola_studio import paths
from sola_studio.core.errors import ConfigError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="platform", metavar="PLATFORM", required=True)
    yt = sub.add_parser("youtube", help="sign in to YouTube (Data API v3, OAuth)")
    yt.add_argument("action", choices=["login", "logout", "status"])
    yt.add_argument(
        "--client",
        type=Path,
        metavar="FILE.json",
        help="your OAuth client (Desktop app) JSON (default: youtube_client.json in the "
        "config folder)",
    )
    tw = sub.add_parser("twitch", help="keep your Twitch chat token in the system keyring")
    tw.add_argument("action", choices=["login", "logout"])
    tw.add_argument("--nick", required=True, help="your Twitch login")


def _youtube(args: argparse.Namespace) -> int:
    from sola_studio.chat.youtube import OAuthClient, YouTubeAuth

    client_file = args.client or paths.config_dir() / "youtube_client.json"
    if not client_file.is_file():
        raise ConfigError(
            f"no YouTube OAuth client at {client_file}",
            fix="create an OAuth client ID of type Desktop app in Google Cloud Console "
            "(YouTube Data API v3 enabled), download its JSON and pass --client FILE.json",
        )
    auth = YouTubeAuth(OAuthClient.from_file(client_file))
    if args.action == "login":

        def show(url: str) -> None:
            print("Opening your browser to sign in to YouTube. If it does not open, visit:")
            print(url, flush=True)
            webbrowser.open(url)

        auth.login(show)
        print("Signed in to YouTube; the token is in your system keyring.")
    elif args.action == "logout":
        print("Signed out of YouTube." if auth.logout() else "Was not signed in to YouTube.")
    else:
        print("YouTube: signed in" if auth.signed_in() else "YouTube: not signed in")
    return 0


def _twitch(args: argparse.Namespace) -> int:
    from sola_studio.store.tokens import TokenVault

    vault = TokenVault()
    if args.action == "logout":
        gone = vault.delete_token("twitch", args.nick)
        print(f"Twitch token for {args.nick} removed." if gone else "There was no token.")
        return 0
    if sys.stdin.isatty():
        token = getpass.getpass("Twitch chat token (oauth:..., scopes chat:read chat:edit): ")
    else:
        token = sys.stdin.readline()
    token = token.strip().removeprefix("oauth:")
    if not token or any(ch.isspace() for ch in token):
        raise ConfigError(
            "that is not a Twitch token",
            fix="paste the token (with or without 'oauth:'), nothing else",
        )
    vault.set_token("twitch", args.nick, token)
    print(f"Twitch token for {args.nick} kept in your system keyring.")
    return 0


def main(args: argparse.Namespace) -> int:
    if args.platform == "youtube":
        return _youtube(args)
    return _twitch(args)
