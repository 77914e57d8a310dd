"""Finds a font that can draw each caption language, on any machine.

Search order (first hit wins), per script (Latin, Han/Kana/Hangul, Arabic, Devanagari):

1. the project's own ``assets/fonts/`` and the user's ``<config>/fonts/`` folder (a seller can
   drop a font file there to change the look);
2. the Noto fonts shipped by the ``sola-studio[fonts]`` extra (``noto-cjk-sans-otc``,
   ``fontpkg-noto-sans*``), so a clean Windows or macOS machine without CJK fonts still renders
   every caption, and the look is the same on every machine that has them;
3. the system's fonts: fontconfig (``fc-match``) where it exists, then well-known file names in
   the Windows and macOS font folders, then any Noto/DejaVu file under the Linux font folders.

A candidate counts only if it really has glyphs for the script: a sample string is drawn and
compared with the font's ``.notdef`` box (:func:`covers`), the same test the pixel tests use.
When nothing covers a script, :class:`~sola_studio.core.errors.DeviceUnavailable`'s sibling
:class:`~sola_studio.core.errors.ConfigError` names the fix (install the fonts extra).

This module never downloads anything and never imports Qt.
"""

from __future__ import annotations

import enum
import functools
import importlib.util
import logging
import os
import platform
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from sola_studio import paths
from sola_studio.core.errors import ConfigError

log = logging.getLogger(__name__)


class Script(enum.Enum):
    LATIN = "latin"
    HAN_SC = "han-sc"  # Simplified Chinese
    HAN_TC = "han-tc"  # Traditional Chinese
    JAPANESE = "ja"
    KOREAN = "ko"
    ARABIC = "arabic"
    DEVANAGARI = "devanagari"


# Strings that only draw right with the script's own font (the test of :func:`covers`).
SAMPLES: dict[Script, str] = {
    Script.LATIN: "Aa Çã Ñ",
    Script.HAN_SC: "这电池续航",
    Script.HAN_TC: "這電池續航",
    Script.JAPANESE: "あア電池",
    Script.KOREAN: "배터리한글",
    Script.ARABIC: "بطارية",
    Script.DEVANAGARI: "बैटरी",
}

# fontconfig language tags, for ``fc-match :lang=...``
_FC_LANG = {
    Script.LATIN: "en",
    Script.HAN_SC: "zh-cn",
    Script.HAN_TC: "zh-tw",
    Script.JAPANESE: "ja",
    Script.KOREAN: "ko",
    Script.ARABIC: "ar",
    Script.DEVANAGARI: "hi",
}

# The family names inside a Noto CJK collection (.ttc), to pick the right face index.
_CJK_FAMILY_SUFFIX = {
    Script.HAN_SC: " SC",
    Script.HAN_TC: " TC",
    Script.JAPANESE: " JP",
    Script.KOREAN: " KR",
}

_LANGUAGE_SCRIPT = {
    "zh": Script.HAN_SC,
    "zh-cn": Script.HAN_SC,
    "zh-hans": Script.HAN_SC,
    "zh-tw": Script.HAN_TC,
    "zh-hk": Script.HAN_TC,
    "zh-hant": Script.HAN_TC,
    "yue": Script.HAN_TC,
    "ja": Script.JAPANESE,
    "ko": Script.KOREAN,
    "ar": Script.ARABIC,
    "fa": Script.ARABIC,
    "ur": Script.ARABIC,
    "hi": Script.DEVANAGARI,
    "mr": Script.DEVANAGARI,
    "ne": Script.DEVANAGARI,
}

# Well-known system font files on Windows and macOS, per script, best first.
_KNOWN_FILES: dict[Script, tuple[str, ...]] = {
    Script.LATIN: ("segoeui.ttf", "arial.ttf", "Helvetica.ttc", "Arial.ttf", "SFNS.ttf"),
    Script.HAN_SC: (
        "msyh.ttc",
        "simhei.ttf",
        "PingFang.ttc",
        "Hiragino Sans GB.ttc",
        "STHeiti Medium.ttc",
    ),
    Script.HAN_TC: ("msjh.ttc", "PingFang.ttc", "STHeiti Medium.ttc"),
    Script.JAPANESE: (
        "YuGothM.ttc",
        "meiryo.ttc",
        "msgothic.ttc",
        "ヒラギノ角ゴシック W3.ttc",
        "Hiragino Sans GB.ttc",
    ),
    Script.KOREAN: ("malgun.ttf", "AppleSDGothicNeo.ttc"),
    Script.ARABIC: ("segoeui.ttf", "arial.ttf", "GeezaPro.ttc", "SFArabic.ttf"),
    Script.DEVANAGARI: (
        "Nirmala.ttf",
        "NirmalaUI.ttf",
        "mangal.ttf",
        "Kohinoor.ttc",
        "DevanagariMT.ttc",
        "ITFDevanagari.ttc",
    ),
}

# File-name hints when walking Linux font folders without fontconfig.
# Also ranks the files of the project and package tiers, so the script's own font wins over a
# font that merely covers it (Noto Sans CJK has Latin, but Latin captions read better in Noto Sans).
_LINUX_HINTS: dict[Script, tuple[str, ...]] = {
    Script.LATIN: ("NotoSans-Regular", "NotoSans[", "DejaVuSans.ttf", "LiberationSans-Regular"),
    Script.HAN_SC: ("NotoSansCJK-Regular", "NotoSansCJKsc", "wqy"),
    Script.HAN_TC: ("NotoSansCJK-Regular", "NotoSansCJKtc"),
    Script.JAPANESE: ("NotoSansCJK-Regular", "NotoSansCJKjp"),
    Script.KOREAN: ("NotoSansCJK-Regular", "NotoSansCJKkr"),
    Script.ARABIC: ("NotoSansArabic-Regular", "NotoSansArabic[", "NotoNaskhArabic-Regular"),
    Script.DEVANAGARI: ("NotoSansDevanagari-Regular", "NotoSansDevanagari[", "Lohit-Devanagari"),
}
# Faces a caption should not use when a plain one exists.
_AVOID = (
    "Italic",
    "Bold",
    "Black",
    "Light",
    "Thin",
    "Mono",
    "Serif",
    "Kufi",
    "Display",
    "Condensed",
)


def _rank(path: Path, script: Script) -> tuple[int, int]:
    hints = _LINUX_HINTS[script]
    hint = next((i for i, h in enumerate(hints) if h in path.name), len(hints))
    return hint, sum(word in path.name for word in _AVOID)


_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


@dataclass(frozen=True)
class FontFace:
    """A font file and, for collections, the face inside it."""

    path: Path
    index: int = 0
    origin: str = "system"  # project | user | package | system

    def load(self, size: int) -> ImageFont.FreeTypeFont:
        return load_font(str(self.path), self.index, size)


def script_for(language: str) -> Script:
    """The script a caption language is written in (unknown languages: Latin)."""
    lang = language.lower().replace("_", "-")
    return _LANGUAGE_SCRIPT.get(lang) or _LANGUAGE_SCRIPT.get(lang.split("-")[0], Script.LATIN)


def is_rtl(language: str) -> bool:
    return script_for(language) is Script.ARABIC


@functools.lru_cache(maxsize=256)
def load_font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    """A FreeType font with the RAQM layout engine (shaping, bidi) when Pillow has it."""
    from PIL import features

    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size=size, index=index, layout_engine=engine)


def _ink(font: ImageFont.FreeTypeFont, text: str) -> bytes:
    mask = font.getmask(text)
    return bytes(mask)


def covers(face: FontFace, script: Script) -> bool:
    """True when ``face`` draws ``script``'s sample with real glyphs, not ``.notdef`` boxes.

    Each sample character is drawn alone and compared with the drawing of U+FFFF (a
    noncharacter that every font draws as ``.notdef``): a glyph identical to it is tofu.
    """
    try:
        font = face.load(32)
    except OSError:
        return False
    notdef = _ink(font, "\uffff")
    for ch in SAMPLES[script].replace(" ", ""):
        ink = _ink(font, ch)
        if not ink.strip(b"\x00") or ink == notdef:
            return False
    return True


def _faces_in(path: Path, script: Script, origin: str) -> list[FontFace]:
    """Faces of a font file to try for ``script``, the right CJK face of a collection first."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return [FontFace(path, 0, origin)]
    faces: list[FontFace] = []
    suffix = _CJK_FAMILY_SUFFIX.get(script)
    for index in range(16):
        try:
            family, _style = ImageFont.truetype(str(path), size=12, index=index).getname()
        except OSError:
            break
        face = FontFace(path, index, origin)
        if suffix and family and family.endswith(suffix) and "Mono" not in family:
            faces.insert(0, face)
        else:
            faces.append(face)
    return faces


def _files_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES)


#: The packages of the ``sola-studio[fonts]`` extra, by import name.
FONT_PACKAGES = (
    "noto_cjk_sans_otc",
    "fontpkg_noto_sans",
    "fontpkg_noto_sans_arabic",
    "fontpkg_noto_sans_devanagari",
)


def package_font_files() -> list[tuple[Path, str]]:
    """(font file, package) for the fonts of the ``sola-studio[fonts]`` extra that are installed;
    the renderer picks from them and ``scripts/third_party_notices.py`` lists their licences."""
    found: list[tuple[Path, str]] = []
    for module in FONT_PACKAGES:
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.submodule_search_locations:
            continue
        for location in spec.submodule_search_locations:
            found.extend((p, module) for p in _files_in(Path(location)))
    return found


def _package_files() -> list[Path]:
    """Font files of the ``sola-studio[fonts]`` extra that are installed."""
    return [p for p, _ in package_font_files()]


def _fc_match(script: Script) -> list[Path]:
    if shutil.which("fc-match") is None:
        return []
    try:
        out = subprocess.run(
            ["fc-match", "-s", "-f", "%{file}\n", f"sans-serif:lang={_FC_LANG[script]}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line) for line in out.splitlines()[:8] if line]


def system_font_dirs() -> list[Path]:
    system = platform.system()
    if system == "Windows":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        return [windir / "Fonts", local]
    if system == "Darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            Path.home() / "Library" / "Fonts",
        ]
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".local/share/fonts",
    ]


def _system_candidates(script: Script) -> Iterable[Path]:
    for folder in system_font_dirs():
        for name in _KNOWN_FILES[script]:
            candidate = folder / name
            if candidate.is_file():
                yield candidate
    hinted = [
        path
        for folder in system_font_dirs()
        for path in _files_in(folder)
        if any(h in path.name for h in _LINUX_HINTS[script])
    ]
    yield from sorted(hinted, key=lambda p: _rank(p, script))
    yield from _fc_match(script)


class FontResolver:
    """Resolves (and caches) the font face for each caption language.

    ``search_dirs`` overrides the project/user folders (tests pass a temporary one);
    ``use_packages``/``use_system`` switch off a whole tier (tests check each tier alone).
    """

    def __init__(
        self,
        search_dirs: Sequence[Path] | None = None,
        *,
        use_packages: bool = True,
        use_system: bool = True,
    ) -> None:
        if search_dirs is None:
            search_dirs = (paths.ASSETS / "fonts", paths.config_dir() / "fonts")
        self._dirs = tuple(Path(d) for d in search_dirs)
        self._use_packages = use_packages
        self._use_system = use_system
        self._cache: dict[Script, FontFace] = {}

    def _candidates(self, script: Script) -> Iterable[tuple[Path, str]]:
        for folder in self._dirs:
            origin = "project" if folder == paths.ASSETS / "fonts" else "user"
            for path in sorted(_files_in(folder), key=lambda p: _rank(p, script)):
                yield path, origin
        if self._use_packages:
            for path in sorted(_package_files(), key=lambda p: _rank(p, script)):
                yield path, "package"
        if self._use_system:
            for path in _system_candidates(script):
                yield path, "system"

    def face_for_script(self, script: Script) -> FontFace:
        if script in self._cache:
            return self._cache[script]
        seen: set[Path] = set()
        for path, origin in self._candidates(script):
            if path in seen:
                continue
            seen.add(path)
            for face in _faces_in(path, script, origin):
                if covers(face, script):
                    log.info("font for %s: %s#%d (%s)", script.value, path, face.index, origin)
                    self._cache[script] = face
                    return face
        raise ConfigError(
            f"no installed font can draw {script.value} captions",
            fix="pip install 'sola-studio[fonts]' (Noto fonts for every caption language), "
            "or put a .ttf/.otf that covers it in " + str(paths.config_dir() / "fonts"),
        )

    def face_for(self, language: str) -> FontFace:
        return self.face_for_script(script_for(language))

    def font(self, language: str, size: int) -> ImageFont.FreeTypeFont:
        return self.face_for(language).load(size)
