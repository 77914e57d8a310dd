"""Subtitle files written as the session runs: SRT and WebVTT for the spoken language and for
every translation, one pair of files per language (``<stem>.<lang>.srt`` / ``.vtt``).

Each cue is appended and flushed the moment its caption is final in that language, so a crash
loses at most the caption in flight. The original-language cue is written as soon as the
caption commits; a translated cue when its translation arrives.

What this module must never do: rewrite or reorder cues already on disk, or block for long on
the bus's thread (one small append per cue).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sola_studio.core.errors import StoreError
from sola_studio.core.events import Caption

log = logging.getLogger(__name__)

MIN_CUE_S = 0.5  # a cue shorter than this flashes by; stretch it


def _clock(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def srt_time(seconds: float) -> str:
    return _clock(seconds, ",")


def vtt_time(seconds: float) -> str:
    return _clock(seconds, ".")


@dataclass
class _LanguageFiles:
    srt: TextIO
    vtt: TextIO
    cues: int = 0


class SubtitleWriter:
    """Appends committed captions to per-language SRT and VTT files in ``folder``.

    Subscribe :meth:`on_caption` to the bus (``bus.subscribe(Caption, writer.on_caption)``);
    close it at the end of the session (also a context manager).
    """

    def __init__(self, folder: str | Path, stem: str = "captions") -> None:
        self.folder = Path(folder)
        self.stem = stem
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the subtitle folder {self.folder}: {exc}",
                fix="pick a folder you can write to with --out",
            ) from exc
        self._files: dict[str, _LanguageFiles] = {}
        self._written: set[tuple[int, str]] = set()
        self._lock = threading.Lock()

    def paths(self, language: str) -> tuple[Path, Path]:
        """The SRT and VTT paths for ``language``."""
        base = self.folder / f"{self.stem}.{language}"
        return base.with_suffix(base.suffix + ".srt"), base.with_suffix(base.suffix + ".vtt")

    @property
    def languages(self) -> list[str]:
        return sorted(self._files)

    def _open(self, language: str) -> _LanguageFiles:
        files = self._files.get(language)
        if files is None:
            srt_path, vtt_path = self.paths(language)
            try:
                srt = srt_path.open("w", encoding="utf-8")
                vtt = vtt_path.open("w", encoding="utf-8")
            except OSError as exc:
                raise StoreError(
                    f"cannot write subtitles to {self.folder}: {exc}",
                    fix="free disk space or pick another folder with --out",
                ) from exc
            vtt.write("WEBVTT\n\n")
            vtt.flush()
            files = self._files[language] = _LanguageFiles(srt, vtt)
        return files

    def on_caption(self, caption: Caption) -> None:
        if not caption.committed or not caption.text.strip():
            return
        with self._lock:
            for language in (caption.language, *caption.translations):
                text = caption.text_in(language)
                if not text or (caption.id, language) in self._written:
                    continue
                self._written.add((caption.id, language))
                self._append(language, caption, text.strip())

    def _append(self, language: str, caption: Caption, text: str) -> None:
        files = self._open(language)
        files.cues += 1
        start = caption.start
        end = max(caption.end, start + MIN_CUE_S)
        files.srt.write(f"{files.cues}\n{srt_time(start)} --> {srt_time(end)}\n{text}\n\n")
        files.vtt.write(f"{vtt_time(start)} --> {vtt_time(end)}\n{text}\n\n")
        files.srt.flush()
        files.vtt.flush()

    def close(self) -> None:
        with self._lock:
            for files in self._files.values():
                files.srt.close()
                files.vtt.close()

    def __enter__(self) -> SubtitleWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
