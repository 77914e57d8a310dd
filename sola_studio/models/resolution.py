"""The one resolution order of every model Sola Studio runs (DESIGN "Models").

An explicit path, the repository's ``models/`` folder, the user's model cache, an installed
model package, and only when asked the network. Speech models
(:class:`~sola_studio.models.registry.ModelRegistry`) and translation models
(:class:`~sola_studio.models.translation.TranslationModels`) each say how to look in one
place (a :class:`Locations`); the order itself lives here, once.

A place that has the model but a broken copy raises :class:`ModelCorrupt` (naming the fix);
one that does not have it returns None and the next place is asked.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Protocol, TypeVar

from sola_studio.core.errors import ModelMissing

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class ModelSource(str, Enum):
    """Where a resolved model's files are."""

    PATH = "path"  # an explicit folder the seller named
    REPO = "repo"  # the repository's models/ folder
    CACHE = "cache"  # the user's model cache (joined from a package or downloaded)
    PACKAGE = "package"  # used in place inside an installed Python package


#: The local places, in the order they are asked.
LOCAL_ORDER = (ModelSource.REPO, ModelSource.CACHE, ModelSource.PACKAGE)


class Locations(Protocol[T_co]):
    """How one kind of model is looked for in each place (and fetched)."""

    def at_path(self, path: Path) -> T_co:
        """The model in the folder the seller named; raises when it is not one."""
        ...

    def find(self, name: str, source: ModelSource) -> T_co | None:
        """The model ``name`` in the place ``source`` (REPO, CACHE or PACKAGE), or None."""
        ...

    def download(self, name: str) -> T_co:
        """Fetch ``name`` over the network into the cache."""
        ...

    def missing(self, name: str) -> ModelMissing:
        """The error for a model found nowhere, naming the command that installs it."""
        ...


def find_installed(locations: Locations[T], name: str) -> T | None:
    """``name`` from the first local place that has it (repository, cache, package)."""
    for source in LOCAL_ORDER:
        found = locations.find(name, source)
        if found is not None:
            return found
    return None


def resolve(locations: Locations[T], target: str | Path, *, allow_download: bool = False) -> T:
    """The model ``target`` names: a :class:`~pathlib.Path` is used as given; a name is looked
    for in :data:`LOCAL_ORDER`, then downloaded when ``allow_download``, else
    :meth:`Locations.missing` is raised."""
    if isinstance(target, Path):
        return locations.at_path(target)
    found = find_installed(locations, target)
    if found is not None:
        return found
    if allow_download:
        return locations.download(target)
    raise locations.missing(target)
