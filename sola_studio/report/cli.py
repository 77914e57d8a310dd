"""``sola-studio report``: export one session's report from the profile's session database.

Opening the store marks sessions whose process died as interrupted and applies retention, so
the report always reflects what the database holds now. This command reads the database and
writes files the seller asked for; it never sends anything.
"""

from __future__ import annotations

import argparse
import logging
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger(__name__)

FORMATS = ("html", "csv", "json", "srt", "vtt")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "session", nargs="?", default=None, help="session id (default: the latest session)"
    )
    parser.add_argument("--format", choices=FORMATS, default="html", help="what to write")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="file to write (default: <profile>/exports/session-<id>.<format>)",
    )
    parser.add_argument("--profile", default="default", help="seller profile (default: default)")
    parser.add_argument(
        "--real-names",
        action="store_true",
        help="show viewers' display names instead of pseudonyms",
    )
    parser.add_argument("--list", action="store_true", help="list the sessions and exit")
    parser.add_argument(
        "--retention-days", type=float, default=None, help="retention period to apply on open"
    )


def main(args: argparse.Namespace) -> int:
    from sola_studio.core.errors import StoreError
    from sola_studio.report.build import build_report, list_sessions
    from sola_studio.report.export import write
    from sola_studio.store.repository import RetentionPolicy, SessionStore, profile_dir

    retention = RetentionPolicy(days=args.retention_days) if args.retention_days else None
    with SessionStore.open_profile(args.profile, retention=retention) as store:
        if args.list:
            for s in list_sessions(store.db):
                started = datetime.fromtimestamp(s["started_wall"], tz=timezone.utc)
                print(f"{s['id']:>5}  {started:%Y-%m-%d %H:%M}  {s['status']:<12} {s['title']}")
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
        report = build_report(store.db, session_id, real_names=args.real_names)
    out = args.out or (
        profile_dir(args.profile) / "exports" / f"session-{report.session_id}.{args.format}"
    )
    for path in write(report, args.format, out):
        print(path)
    return 0
