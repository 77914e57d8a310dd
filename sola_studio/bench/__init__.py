"""``sola-studio bench KIND``: benchmarks that print a readable table, or JSON with ``--json``.

Each kind lives in ``sola_studio/bench/<kind>.py`` with ``add_arguments(parser)`` and
``main(args) -> int``; the JSON keys are the ones DESIGN.md ("Measuring") names.
"""

from __future__ import annotations

import argparse
import importlib

KINDS = {
    "captions": "latency, real-time factor, lag growth and WER of the live captions",
    "streaming": "the streaming WER penalty in simulated real time (repeatable, for tuning)",
    "video": "per-frame compositing cost and achieved frame rate",
    "comments": "time to draft, throughput and a burst of comments",
    "store": "session store write latency and report time, clear text against SQLCipher",
    "ui": "worst event-loop stall of the studio window during a replayed session",
    "plan": "the show plan: captions showing approved lines, their latency, matcher precision",
    "soak": "a whole show for --minutes: every comment accounted for, memory, threads, files",
    "partials": "translated partials replayed: word latency, erasure, which words come late",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="bench_kind", metavar="KIND", required=True)
    for kind, help_text in KINDS.items():
        p = sub.add_parser(kind, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="print one JSON object")
        try:
            module = importlib.import_module(f"sola_studio.bench.{kind}")
        except ImportError as exc:
            p.set_defaults(_bench_unavailable=str(exc))
            continue
        module.add_arguments(p)
        p.set_defaults(_bench_main=module.main)


def main(args: argparse.Namespace) -> int:
    if getattr(args, "_bench_unavailable", None):
        print(f"bench {args.bench_kind} is unavailable: {args._bench_unavailable}")
        return 2
    return int(args._bench_main(args) or 0)
