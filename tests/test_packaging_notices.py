"""THIRD_PARTY_NOTICES covers every library the app carries, its fonts and the models it offers.

The list of runtime libraries is worked out here independently of the generator: from
pyproject's dependencies and the bundled extras, following each installed distribution's
requirements.
"""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import re
import subprocess
import sys

import pytest
from helpers import REPO_ROOT as REPO
from packaging.requirements import Requirement

from sola_studio.models.catalog import CATALOG

SCRIPT = REPO / "scripts" / "third_party_notices.py"
COMMITTED = REPO / "packaging" / "THIRD_PARTY_NOTICES"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_names() -> dict[str, str]:
    """Normalised name -> version of what ``sola-studio[ui,fonts]`` pulls in at run time."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    todo = list(project["dependencies"])
    for extra in ("ui", "fonts"):
        todo += project["optional-dependencies"][extra]
    seen: dict[str, str] = {}
    while todo:
        req = Requirement(todo.pop())
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = _norm(req.name)
        if name in seen or name in ("pip", "setuptools", "wheel"):
            continue
        try:
            dist = md.distribution(req.name)
        except md.PackageNotFoundError:
            continue
        seen[name] = dist.version
        for line in dist.requires or []:
            child = Requirement(line)
            wanted = ("", *req.extras)
            if child.marker is None or any(child.marker.evaluate({"extra": e}) for e in wanted):
                extras = f"[{','.join(sorted(child.extras))}]" if child.extras else ""
                todo.append(child.name + extras)  # its marker was just evaluated
    return seen


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("notices") / "THIRD_PARTY_NOTICES"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, timeout=120)
    return out.read_text(encoding="utf-8")


def _entries(text: str) -> dict[str, list[str]]:
    """Section 1's entries: normalised name -> its lines (name+version line first)."""
    section = text.split("1. Libraries in the app", 1)[1].split("2. Fonts bundled", 1)[0]
    entries: dict[str, list[str]] = {}
    for block in section.strip("-\n").split("\n\n"):
        lines = block.strip().splitlines()
        if lines and lines[0] and not lines[0].startswith(" ") and " " in lines[0]:
            entries[_norm(lines[0].rsplit(" ", 1)[0])] = lines
    return entries


def test_every_runtime_library_is_listed_with_its_version_and_licence(generated: str) -> None:
    runtime = _runtime_names()
    assert {"faster-whisper", "ctranslate2", "pyside6-essentials", "av", "numpy"} <= set(runtime)
    entries = _entries(generated)
    missing = sorted(set(runtime) - set(entries))
    assert not missing, f"libraries in the app but not in the notices: {missing}"
    for name, version in runtime.items():
        lines = entries[name]
        assert lines[0].endswith(f" {version}"), lines[0]
        licence = next(ln for ln in lines if ln.strip().startswith("Licence:"))
        assert len(licence.split(":", 1)[1].strip()) > 2, lines


def test_licence_texts_are_included_not_only_named(generated: str) -> None:
    texts = generated.split("4. Licence texts", 1)[1]
    assert "Permission is hereby granted, free of charge" in texts  # MIT
    assert "Apache License" in texts and "Version 2.0" in texts
    assert "SIL OPEN FONT LICENSE" in texts.upper()
    faster_whisper = _entries(generated)["faster-whisper"]
    ref = re.search(r"T\d+", next(ln for ln in faster_whisper if "Licence text" in ln))
    assert ref is not None and f"[{ref.group()}]" in texts


def test_fonts_and_models_are_covered(generated: str) -> None:
    fonts = generated.split("2. Fonts bundled", 1)[1].split("3. Models", 1)[0]
    if importlib.util.find_spec("noto_cjk_sans_otc") is not None:
        assert "NotoSansCJK" in fonts and "OFL-1.1" in fonts
    models = generated.split("3. Models", 1)[1].split("4. Licence texts", 1)[0]
    for name, info in CATALOG.items():
        assert f"{name}: https://huggingface.co/{info.hub_repo}" in models
    assert "Bergamot" in models and "MPL-2.0" in models
    assert "Silero VAD" in models and "multilingual-e5-small" in models


def test_copyleft_libraries_are_called_out(generated: str) -> None:
    section = generated.split("Copyleft libraries", 1)[1].split("2. Fonts bundled", 1)[0]
    assert "PySide6" in section
    assert "pyvirtualcam" in section  # GPL-2.0: see docs/packaging.md, Licences


def test_the_committed_notices_cover_every_runtime_library() -> None:
    entries = _entries(COMMITTED.read_text(encoding="utf-8"))
    missing = sorted(set(_runtime_names()) - set(entries))
    assert not missing, (
        f"{COMMITTED} misses {missing}: run .venv/bin/python scripts/third_party_notices.py"
    )


def test_every_data_file_that_names_an_outside_source_is_in_the_notices() -> None:
    """A data file the app carries from someone else (it says so in its "source") is credited."""
    import json

    notices = COMMITTED.read_text(encoding="utf-8")
    sourced = []
    for path in sorted((REPO / "sola_studio").rglob("data/*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(data, dict) and "source" in data:
            sourced.append(path.relative_to(REPO).as_posix())
    assert "sola_studio/comments/data/cities.json" in sourced
    assert [p for p in sourced if p not in notices] == []
