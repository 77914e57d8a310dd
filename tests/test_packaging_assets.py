"""What the packaged app carries: the sample media the demo plays, the icons and desktop entry,
and ``assets/`` being found in a checkout, a PyInstaller app and an installed wheel."""

from __future__ import annotations

import fnmatch
import importlib
import subprocess
import sys
from configparser import ConfigParser
from pathlib import Path

import av
import pytest
from helpers import REPO_ROOT as REPO
from helpers import SAMPLE_SHEET
from PIL import Image

from sola_studio import paths

SAMPLE = REPO / "assets" / "sample"
MAX_SAMPLE_BYTES = 2 * 1024 * 1024


def _tracked(folder: str) -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", folder], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    return [REPO / line for line in out.splitlines() if line]


def test_seller_talk_is_a_minute_or_more_of_speech_under_2_mb() -> None:
    talk = SAMPLE / "seller_talk.ogg"
    assert talk.stat().st_size < MAX_SAMPLE_BYTES
    with av.open(str(talk)) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.name == "opus"
        seconds = float(container.duration or 0) / av.time_base
    assert 60 <= seconds <= 90, seconds
    rows = (SAMPLE / "seller_talk.tsv").read_text().splitlines()[1:]
    sentences = [ln.strip() for ln in (SAMPLE / "seller_talk.txt").read_text().splitlines()]
    assert [r.split("\t")[2] for r in rows] == [s for s in sentences if s]
    ends = [float(r.split("\t")[1]) for r in rows]
    assert ends == sorted(ends) and ends[-1] <= seconds


def test_seller_talk_presents_the_pinned_product_of_the_sample_sheet() -> None:
    import yaml

    sheet = yaml.safe_load((SAMPLE_SHEET).read_text())
    pinned = next(p for p in sheet["products"] if p["id"] == sheet["pinned"])
    talk = (SAMPLE / "seller_talk.txt").read_text().lower()
    assert "organic cotton" in pinned["material"]["en"].lower() and "organic cotton" in talk
    for colour in {v["colour"] for v in pinned["variants"]}:
        assert colour in talk, colour
    for size in ("small", "medium", "large", "extra large"):
        assert size in talk
    assert "t-shirt" in talk and "t-shirt" in [a.lower() for a in pinned["aliases"]]


def test_seller_video_is_720p_h264_loopable_and_small() -> None:
    video = SAMPLE / "seller_video.mp4"
    assert video.stat().st_size < MAX_SAMPLE_BYTES
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert (stream.codec_context.width, stream.codec_context.height) == (1280, 720)
        seconds = float(container.duration or 0) / av.time_base
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
    assert 10 <= seconds <= 20
    first, middle, last = frames[0], frames[len(frames) // 2], frames[-1]
    # the shirt moves (not a still), and the last frame leads back into the first (no jump)
    assert abs(first.astype(int) - middle.astype(int)).mean() > 2.0
    assert abs(first.astype(int) - last.astype(int)).mean() < 2.0


def test_icons_exist_at_every_size_and_the_desktop_entry_names_them() -> None:
    icons = REPO / "assets" / "icons"
    for size in (16, 32, 48, 128, 256, 512):
        with Image.open(icons / f"sola-studio-{size}.png") as img:
            assert img.size == (size, size) and img.mode == "RGBA"
            assert img.getpixel((0, 0))[3] < 16  # a transparent corner: the rounded square
    assert (icons / "sola-studio.svg").read_text().startswith("<svg")
    with Image.open(icons / "sola-studio.ico") as ico:
        assert (256, 256) in ico.info["sizes"]
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(REPO / "packaging" / "linux" / "sola-studio.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "Sola Studio"
    assert desktop["Icon"] == "sola-studio" and desktop["Exec"].split()[0] == "sola-studio"
    assert desktop["Categories"].endswith(";")


def test_every_asset_folder_goes_into_the_wheel() -> None:
    """pyproject's data-files lists each folder of assets/; a new folder must be added there."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    data_files: dict[str, list[str]] = config["tool"]["setuptools"]["data-files"]
    for path in _tracked("assets"):
        rel = path.relative_to(REPO).as_posix()
        target = "share/sola-studio/" + str(Path(rel).parent.as_posix())
        patterns = data_files.get(target, [])
        assert any(fnmatch.fnmatch(rel, p) for p in patterns), (
            f"{rel} would be missing from an installed wheel: add "
            f'"{target}" = ["{Path(rel).parent.as_posix()}/*.*"] to '
            "[tool.setuptools.data-files] in pyproject.toml"
        )


def test_assets_are_found_inside_a_pyinstaller_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "assets").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths._find_assets() == tmp_path / "assets"
    monkeypatch.delattr(sys, "_MEIPASS")
    assert paths._find_assets() == REPO / "assets"
    importlib.reload(paths)  # back to the checkout for the other tests
    assert paths.ASSETS == REPO / "assets"


@pytest.mark.slow
def test_an_installed_wheel_finds_its_assets(tmp_path: Path) -> None:
    """Build the wheel (pip, PEP 517), install it into a fresh venv and ask it where assets are.

    The install goes into its own venv through ``pip --python``: installing the wheel with
    ``--prefix`` from the dev venv's pip uninstalls the dev venv's editable install.
    """
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        check=True,
        timeout=300,
    )
    wheel = next(wheels.glob("sola_studio-*.whl"))
    import zipfile

    carried = set(zipfile.ZipFile(wheel).namelist())
    for data in ("cities.json", "intent_neighbours.npz"):  # the desk's own data files
        assert f"sola_studio/comments/data/{data}" in carried
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", wheel],
        check=True,
        timeout=300,
    )
    deps = tmp_path / "deps"  # the one import paths.py needs, without the dev venv's editable
    deps.mkdir()
    import platformdirs

    (deps / "platformdirs").symlink_to(Path(platformdirs.__file__).parent)
    probe = (
        "import sola_studio.paths as p, sola_studio; "
        "print(sola_studio.__file__); print(p.ASSETS); "
        "print((p.ASSETS / 'sample' / 'seller_talk.ogg').stat().st_size)"
    )
    out = subprocess.run(
        [str(python), "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(deps), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.splitlines()
    assert out[0].startswith(str(venv)), out  # the wheel's package, not the checkout
    assert Path(out[1]) == (venv / "share" / "sola-studio" / "assets").resolve()
    assert int(out[2]) == (SAMPLE / "seller_talk.ogg").stat().st_size


@pytest.mark.slow
def test_whisper_base_understands_the_seller_talk() -> None:
    """The demo's captions come from this audio: whisper base must get the product words."""
    import jiwer
    from faster_whisper import WhisperModel

    from sola_studio.models.registry import resolve_model

    model = WhisperModel(
        str(resolve_model("base").path), device="cpu", compute_type="int8", cpu_threads=2
    )
    segments, _ = model.transcribe(str(SAMPLE / "seller_talk.ogg"), language="en", beam_size=5)
    heard = " ".join(s.text.strip() for s in segments).lower()
    product_words = ("organic cotton", "t-shirt", "black", "blue", "extra large", "pre-shrunk")
    for words in product_words:
        assert words in heard, (words, heard)
    normalise = jiwer.Compose(
        [jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces()]
    )
    reference = " ".join((SAMPLE / "seller_talk.txt").read_text().split())
    # measured 8.6 %, nearly all number formatting ("100%" for "one hundred percent")
    assert jiwer.wer(normalise(reference), normalise(heard)) < 0.15
