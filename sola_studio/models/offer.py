"""What the window's model page offers: each speech model with what it would take here and now.

A model is installed, can be prepared from an installed package (no network), can be
downloaded, or (offline) needs the internet, which the page shows disabled with that reason
instead of offering a choice that fails later. Each offer carries its size, its licence and what
it is for, so the seller decides before a download. :func:`remove_model` deletes a cached copy
and any kept partial download; :func:`partial_bytes` says how much a resume would reuse.

No Qt and no network here: ``online`` comes from the caller (the window asks
:meth:`~sola_studio.models.download.HubClient.reachable` on a worker thread).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sola_studio.models.catalog import lookup
from sola_studio.models.registry import ModelEntry, ModelRegistry, ModelStatus
from sola_studio.models.resolution import ModelSource

#: OpenAI's Whisper weights and their CTranslate2 conversions (Systran, distil-whisper,
#: mobiuslabs' turbo) are all published under the MIT licence.
WHISPER_LICENCE = "MIT"


class Availability(str, Enum):
    INSTALLED = "installed"
    PREPARE = "prepare"  # joined from an installed package, no network
    DOWNLOAD = "download"
    NEEDS_INTERNET = "needs internet"  # a download, and the hub cannot be reached
    BROKEN = "broken"


class Purpose(str, Enum):
    """What a model suits, by its size (measured on 2 CPU cores: base keeps up, small barely)."""

    FASTEST = "fastest"  # tiny: keeps up on any laptop, more mistakes
    LAPTOPS = "laptops"  # base: the default
    ACCURATE = "accurate"  # small, distil-small: needs a recent CPU
    GPU = "gpu"  # medium, large: real time only with a GPU
    UNKNOWN = "unknown"  # a folder the seller put in place


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
    folder = registry.cache_dir / f".download-{name}"
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


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
