"""The ``sola-studio`` command: the studio window by default, and the same core headless.

Each subcommand lives in its own module that exposes ``add_arguments(parser)`` and
``main(args) -> int``. Those modules import heavy libraries (models, Qt) inside ``main`` only,
so ``sola-studio --help`` stays instant. This file only wires them together.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from sola_studio import __version__
from sola_studio.core.errors import SolaError

# name -> (module, help)
COMMANDS: dict[str, tuple[str, str]] = {
    "studio": ("sola_studio.ui.main", "open the studio window (the default)"),
    "run": ("sola_studio.live.run", "run a headless session from files or devices"),
    "bench": ("sola_studio.bench", "measure latency, speed and memory"),
    "models": ("sola_studio.models.cli", "list, install and locate models"),
    "doctor": ("sola_studio.doctor", "check this machine: GPU, audio, camera, fonts, models"),
    "report": ("sola_studio.report.cli", "export a session report"),
    "chat": ("sola_studio.chat.cli", "sign in to YouTube, keep a Twitch token (system keyring)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sola-studio",
        description="Sola Studio: live multilingual captions and a comment desk for live sellers.",
    )
    parser.add_argument("--version", action="version", version=f"sola-studio {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:  # a part not installed (the ui extra) still lists its command
            p.set_defaults(_unavailable=f"{name} is unavailable: {exc}")
            continue
        module.add_arguments(p)
        p.set_defaults(_main=module.main)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not any(a in COMMANDS for a in argv) and not {"-h", "--help", "--version"} & set(argv):
        argv = (
            [a for a in argv if a in ("-v", "-vv", "--verbose")]
            + ["studio"]
            + [a for a in argv if a not in ("-v", "-vv", "--verbose")]
        )
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if getattr(args, "_unavailable", None):
        print(args._unavailable, file=sys.stderr)
        return 2
    try:
        return int(args._main(args) or 0)
    except SolaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
