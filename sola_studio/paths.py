"""Where Sola Studio keeps things on the seller's machine.

Everything is under per-user folders from platformdirs, overridable with ``SOLA_STUDIO_HOME``
(tests point it at a temporary folder so they never touch the real profile).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "sola-studio"
REPO_ROOT = Path(__file__).resolve().parent.parent
ASSETS = REPO_ROOT / "assets"
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
