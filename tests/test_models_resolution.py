"""The one resolution order both model kinds use: path, repository, cache, package, then a
download only when asked; a broken copy stops the search with its own error."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.core.errors import ModelCorrupt, ModelMissing
from sola_studio.models.resolution import LOCAL_ORDER, ModelSource, find_installed, resolve


class Places:
    """Locations whose places hold what the test puts there, recording what was asked."""

    def __init__(self, **held: str) -> None:
        self.held = {ModelSource(k): v for k, v in held.items()}
        self.asked: list[str] = []

    def at_path(self, path: Path) -> str:
        self.asked.append("path")
        return f"folder {path}"

    def find(self, name: str, source: ModelSource) -> str | None:
        self.asked.append(source.value)
        value = self.held.get(source)
        if value == "broken":
            raise ModelCorrupt(f"{name} in {source.value} is broken", fix="reinstall it")
        return value

    def download(self, name: str) -> str:
        self.asked.append("download")
        return f"downloaded {name}"

    def missing(self, name: str) -> ModelMissing:
        return ModelMissing(f"{name} is not installed", fix=f"sola-studio models install {name}")


def test_the_order_is_repository_cache_package() -> None:
    assert LOCAL_ORDER == (ModelSource.REPO, ModelSource.CACHE, ModelSource.PACKAGE)
    places = Places(cache="cache copy", package="package copy")
    assert resolve(places, "base") == "cache copy"
    assert places.asked == ["repo", "cache"]
    places = Places(package="package copy")
    assert find_installed(places, "base") == "package copy"
    assert places.asked == ["repo", "cache", "package"]


def test_a_path_is_used_as_given() -> None:
    places = Places(repo="repo copy")
    assert resolve(places, Path("/models/mine")) == "folder /models/mine"
    assert places.asked == ["path"]


def test_downloads_only_when_asked() -> None:
    places = Places()
    with pytest.raises(ModelMissing) as err:
        resolve(places, "small")
    assert err.value.fix == "sola-studio models install small"
    assert "download" not in places.asked
    assert resolve(places, "small", allow_download=True) == "downloaded small"


def test_a_broken_copy_is_reported_not_skipped() -> None:
    places = Places(repo="broken", cache="cache copy")
    with pytest.raises(ModelCorrupt, match="in repo is broken"):
        resolve(places, "base", allow_download=True)
    assert places.asked == ["repo"]
