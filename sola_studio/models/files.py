"""Model folders on disk: what makes one complete, its manifest, and atomic writes.

A folder in the model cache is only ever created by renaming a fully written and verified
staging folder into place, so a half-written join or download is never seen under a model's
name. Each cache folder carries ``sola-model.json``: the size and sha256 of every file as
verified when it was written, so later checks are a cheap size comparison.

This module must never reach the network and never write outside the folder it is given.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from sola_studio.core.errors import ModelCorrupt
from sola_studio.models.progress import Progress, ProgressCallback, Step

log = logging.getLogger(__name__)

MANIFEST = "sola-model.json"
# faster-whisper cannot run without these; a tokenizer.json missing would make it fetch one
# from the hub at load time, which must never happen behind the seller's back.
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
VOCABULARY_FILES = ("vocabulary.txt", "vocabulary.json")
# 1 MiB reads: sha256 of the 145 MB base model takes ~0.4 s on this machine either way.
CHUNK = 1 << 20
# Multilingual Whisper vocabularies have 51865 entries, English-only ones 51864.
MULTILINGUAL_VOCAB = 51865


@dataclass(frozen=True)
class FileDigest:
    size: int
    sha256: str | None = None


@dataclass(frozen=True)
class Manifest:
    """What was verified when a cache folder was written."""

    name: str
    source: str
    files: Mapping[str, FileDigest]

    def __post_init__(self) -> None:
        object.__setattr__(self, "files", MappingProxyType(dict(self.files)))


def missing_files(folder: Path) -> list[str]:
    """Names of the files a model folder lacks (empty when complete)."""
    missing = [f for f in REQUIRED_FILES if not (folder / f).is_file()]
    if not any((folder / f).is_file() for f in VOCABULARY_FILES):
        missing.append("vocabulary.txt")
    return missing


def is_model_folder(folder: Path) -> bool:
    return folder.is_dir() and (folder / "model.bin").is_file()


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def multilingual_from_folder(folder: Path) -> bool | None:
    """Read the vocabulary size; None when there is no vocabulary to read."""
    txt = folder / "vocabulary.txt"
    if txt.is_file():
        data = txt.read_bytes()  # one C pass: a Python loop over 51k lines held the GIL ~60 ms
        lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
        return lines >= MULTILINGUAL_VOCAB
    js = folder / "vocabulary.json"
    if js.is_file():
        return len(json.loads(js.read_text(encoding="utf-8"))) >= MULTILINGUAL_VOCAB
    return None


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def read_manifest(folder: Path) -> Manifest | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        files = {
            name: FileDigest(int(d["size"]), d.get("sha256")) for name, d in raw["files"].items()
        }
        return Manifest(name=str(raw["name"]), source=str(raw["source"]), files=files)
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("unreadable manifest %s: %s", path, exc)
        return None


def write_manifest(folder: Path, manifest: Manifest) -> None:
    data = {
        "name": manifest.name,
        "source": manifest.source,
        "files": {name: {"size": d.size, "sha256": d.sha256} for name, d in manifest.files.items()},
    }
    (folder / MANIFEST).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def check_against_manifest(folder: Path, manifest: Manifest, *, full: bool = False) -> list[str]:
    """Problems found in ``folder`` (empty when it matches). ``full`` also re-hashes every file."""
    problems = []
    for name, expected in manifest.files.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is missing")
            continue
        size = path.stat().st_size
        if size != expected.size:
            problems.append(f"{name} is {size} bytes, expected {expected.size}")
        elif full and expected.sha256 and sha256_file(path) != expected.sha256:
            problems.append(f"{name} fails its sha256 checksum")
    return problems


def join_parts(
    parts: Sequence[Path],
    dest: Path,
    *,
    expected_size: int | None,
    expected_sha256: str | None,
    model: str,
    fix: str,
    progress: ProgressCallback | None = None,
) -> FileDigest:
    """Concatenate ``parts`` into ``dest`` through a temporary file, verified before the rename.

    On a size or checksum mismatch the temporary file is deleted and :class:`ModelCorrupt` is
    raised; ``dest`` is never created from bad data.
    """
    sizes = [p.stat().st_size for p in parts]
    total = sum(sizes)
    if expected_size is not None and total != expected_size:
        detail = ", ".join(f"{p.name}={s}" for p, s in zip(parts, sizes, strict=True))
        raise ModelCorrupt(
            f"the parts of model {model!r} add up to {total} bytes, expected {expected_size} "
            f"({detail}): a part is truncated or from another version",
            fix=fix,
        )
    with _atomic_file(dest) as tmp:
        h = hashlib.sha256()
        done = 0
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as f:
                    while chunk := f.read(CHUNK):
                        out.write(chunk)
                        h.update(chunk)
                        done += len(chunk)
                        if progress:
                            progress(
                                Progress(model, Step.JOIN, dest.name, done, total, done, total)
                            )
            out.flush()
            os.fsync(out.fileno())
        digest = h.hexdigest()
        if done != total or (expected_sha256 is not None and digest != expected_sha256):
            raise ModelCorrupt(
                f"joining model {model!r} gave {done} bytes with sha256 {digest}, "
                f"expected {expected_size} bytes with sha256 {expected_sha256}",
                fix=fix,
            )
    log.info("joined %d parts into %s (%d bytes, sha256 %s)", len(parts), dest, done, digest)
    return FileDigest(done, digest)


def copy_file(src: Path, dest: Path) -> FileDigest:
    """Copy a small side file (config, tokenizer, vocabulary) and record its digest."""
    with _atomic_file(dest) as tmp:
        shutil.copyfile(src, tmp)
    return FileDigest(dest.stat().st_size, sha256_file(dest))


@contextlib.contextmanager
def _atomic_file(dest: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``dest``; rename it to ``dest`` only if the block succeeds."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; a model is no secret
    try:
        yield tmp
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def staging_folder(final: Path) -> Iterator[Path]:
    """A fresh folder beside ``final``; on success of the block it replaces ``final`` atomically.

    On failure the staging folder is removed and ``final`` is left as it was.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".staging", dir=final.parent))
    os.chmod(staging, 0o755)
    try:
        yield staging
        commit_folder(staging, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def commit_folder(staging: Path, final: Path) -> None:
    """Rename a complete ``staging`` folder to ``final``, replacing what was there.

    When ``final`` did not exist but appears meanwhile (another process finished the same join
    first), that copy was verified too: ours is dropped.
    """
    if not final.exists():
        try:
            os.rename(staging, final)
            return
        except OSError:
            if not final.exists():
                raise
            log.info("%s was installed by another process meanwhile; keeping that copy", final)
            shutil.rmtree(staging, ignore_errors=True)
            return
    # Replacing a broken folder: move it aside first, so the name never points at a mix of old
    # and new files.
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(final, old)
    os.replace(staging, final)
    shutil.rmtree(old, ignore_errors=True)
