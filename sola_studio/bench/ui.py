"""``sola-studio bench ui``: the worst event-loop stall of the studio window during a live show.

The measurement itself lives in :mod:`sola_studio.ui.bench` (the only package that imports Qt);
this module only declares the command. Keys: ``max_stall_ms``, ``p99_stall_ms``.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seconds", type=float, default=60.0, help="seconds live (default 60)")
    parser.add_argument(
        "--approve-every", type=float, default=3.0, help="press A every N seconds (default 3)"
    )
    parser.add_argument("--interval-ms", type=int, default=5, help="heartbeat period (default 5)")


def main(args: argparse.Namespace) -> int:
    from sola_studio.ui.bench import run

    return run(args)
