"""Shared fixtures. Tests never touch the real user profile: SOLA_STUDIO_HOME points at a
temporary folder for every test session; models are resolved from the installed packages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
SPEECH = SHARED_DATA / "speech"


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    if "SOLA_STUDIO_TEST_HOME" in os.environ:
        os.environ["SOLA_STUDIO_HOME"] = os.environ["SOLA_STUDIO_TEST_HOME"]
    else:
        os.environ["SOLA_STUDIO_HOME"] = str(tmp_path_factory.mktemp("sola-home"))


@pytest.fixture
def speech_dir() -> Path:
    return SPEECH
