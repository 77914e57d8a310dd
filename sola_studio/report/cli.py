"""``sola-studio report``: export one session's report from the profile's session database.

Opening the store marks sessions whose process died as interrupted and applies retention, so
the report always reflects what the database holds now. This command reads the database and
writes files the seller asked for; it never sends anything.
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sola_studio.store.records import RetentionPolicy
    from sola_studio.store.repository import SessionStore

log = logging.getLogger(__name__)

FORMATS = ("html", "csv", "json", "srt", "vtt")
LANGUAGES = ("zh_CN", "en")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session", nargs="?", default=None, help="session id (default: the latest session)"
    )
    parser.add_argument("--format", choices=FORMATS, default="html", help="what to write")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="file or existing folder to write to (default: <profile>/exports/; "
        "the file is named session-<id>.<format> in a folder)",
    )
    parser.add_argument("--profile", default="default", help="seller profile (default: default)")
    parser.add_argument(
        "--real-names",
        action="store_true",
        help="show viewers' display names instead of pseudonyms",
    )
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        default=None,
        help="the report's own words (headings, labels, dates) in this language; viewers' and "
        "the seller's texts stay as written (default: the window language of the settings, "
        "else en)",
    )
    parser.add_argument("--list", action="store_true", help="list the sessions and exit")
    parser.add_argument(
        "--retention-days",
        type=_days,
        default=None,
        help="retention period to apply on open (days, above 0)",
    )


def _days(text: str) -> float:
    """A retention period: a number of days above 0 (argparse says so on the command line)."""
    try:
        days = float(text)
    except ValueError:
        days = math.nan
    if not math.isfinite(days) or days <= 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of days above 0 (e.g. 30; viewers' texts older than "
            "that are removed)"
        )
    return days


def main(args: argparse.Namespace) -> int:
    from sola_studio.core.errors import ConfigError, StoreError
    from sola_studio.report.build import build_report, list_sessions
    from sola_studio.report.export import write
    from sola_studio.store.errors import DB_READ_ERRORS, classify
    from sola_studio.store.repository import RetentionPolicy, profile_dir

    retention = RetentionPolicy(days=args.retention_days) if args.retention_days else None
    with _open(args.profile, retention) as store:
        if args.list:
            # read-only: a session whose process is gone is shown as it will be marked
            gone = set(store.orphaned_sessions()) if store.read_only else set()
            for s in list_sessions(store.db):
                started = datetime.fromtimestamp(s["started_wall"], tz=timezone.utc)
                status = "interrupted" if s["id"] in gone else s["status"]
                print(f"{s['id']:>5}  {started:%Y-%m-%d %H:%M}  {status:<12} {s['title']}")
            return 0
        session_id: int | None = None
        if args.session not in (None, "latest"):
            try:
                session_id = int(args.session)
            except ValueError:
                raise StoreError(
                    f"{args.session!r} is not a session id",
                    fix="give a number from: sola-studio report --list",
                ) from None
        try:
            report = build_report(store.db, session_id, real_names=args.real_names)
        except DB_READ_ERRORS as exc:  # a damaged page met while reading
            raise classify(exc, store.path, "read", encrypted=store.encrypted) from exc
    name = f"session-{report.session_id}.{args.format}"
    out: Path = args.out or profile_dir(args.profile) / "exports" / name
    if out.is_dir():  # a folder: the report goes in it under its usual name
        out = out / name
    try:
        written = write(report, args.format, out, language=args.language or settings_language())
    except OSError as exc:
        raise ConfigError(
            f"cannot write the report to {out}: {exc.strerror or exc}",
            fix="pass --out a file (or an existing folder) in a place you can write to",
        ) from exc
    for path in written:
        print(path)
    return 0


def settings_language() -> str:
    """The report language the settings imply: the window's language when the seller chose
    one (Settings › Window language), else English; a settings file that cannot be read gives
    English too (a report must not fail on it)."""
    from sola_studio import config
    from sola_studio.core.errors import ConfigError
    from sola_studio.report.words import normalize

    try:
        chosen = config.load().ui_language
    except ConfigError as exc:
        log.warning("report in English: %s", exc)
        return "en"
    return normalize(chosen)


def _open(profile: str, retention: RetentionPolicy | None) -> SessionStore:
    """The profile's store; on a full, read-only, locked or damaged file, the same file opened
    read-only (nothing marked or purged), so reports can still be read (issue 21.4, 21.6)."""
    from sola_studio.live.demo_profile import unlock_demo_profile
    from sola_studio.live.options import DEMO_PROFILE
    from sola_studio.store.errors import StoreCorrupt, StoreFull, StoreLocked, StoreReadOnly
    from sola_studio.store.repository import SessionStore

    if profile == DEMO_PROFILE:
        unlock_demo_profile(create=False)  # the demo's key is in its file, not the keyring
    try:
        return SessionStore.open_profile(profile, retention=retention)
    except (StoreFull, StoreReadOnly, StoreLocked, StoreCorrupt) as exc:
        store = SessionStore.open_profile(profile, read_only=True)
        print(f"note: {exc.message}; reading it as it is (read-only)", file=sys.stderr)
        return store
