"""Where Sola Studio keeps things on the seller's machine.

Everything is under per-user folders from platformdirs, overridable with ``SOLA_STUDIO_HOME``
(tests point it at a temporary folder so they never touch the real profile).
"""

from __future__ import annotations

import importlib.metadata
import os
import sys
from pathlib import Path

import platformdirs

APP = "sola-studio"
REPO_ROOT = Path(__file__).resolve().parent.parent


def _find_assets() -> Path:
    """The ``assets/`` folder in a checkout, a PyInstaller app, or an installed wheel.

    A checkout (editable install included) has it next to the package; the PyInstaller spec
    (packaging/sola_studio.spec) puts it at ``<sys._MEIPASS>/assets``; a wheel installs it as
    data files under ``<prefix>/share/sola-studio/assets`` (``[tool.setuptools.data-files]``),
    found through the distribution's file list so venv, ``--user`` and system prefixes all work.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen) / "assets"] if frozen else []
    candidates.append(REPO_ROOT / "assets")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    try:
        files = importlib.metadata.distribution(APP).files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    marker = ("share", APP, "assets")
    for f in files:
        parts = f.parts
        for i in range(len(parts) - len(marker)):
            if parts[i : i + len(marker)] == marker:
                return Path(str(f.locate())).resolve().parents[len(parts) - i - len(marker) - 1]
    return candidates[-1]  # missing: callers' own errors then name the missing file


ASSETS = _find_assets()
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def home() -> Path | None:
    value = os.environ.get("SOLA_STUDIO_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    """Profiles, session databases, exports."""
    h = home()
    return (h / "data") if h else Path(platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    """Downloaded and joined models."""
    h = home()
    return (h / "cache") if h else Path(platformdirs.user_cache_dir(APP))


def config_dir() -> Path:
    h = home()
    return (h / "config") if h else Path(platformdirs.user_config_dir(APP))


def model_cache_dir() -> Path:
    return cache_dir() / "models"


def repo_models_dir() -> Path:
    """The repository's own ``models/`` folder (first place after an explicit path)."""
    return REPO_ROOT / "models"
