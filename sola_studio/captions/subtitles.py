"""Subtitle files written as the session runs: SRT and WebVTT for the spoken language and for
every translation, one pair of files per language (``<stem>.<lang>.srt`` / ``.vtt``).

Each cue is appended and flushed the moment its caption is final in that language, so a crash
loses at most the caption in flight. The original-language cue is written as soon as the
caption commits; a translated cue when its translation arrives.

A revised caption (:attr:`Caption.revised`: the recogniser heard it again with the speech after
it) rewrites its cue in place: the file is cut back to where that cue began and it is written
again with the cues after it. Revisions only reach the newest captions, so this rewrites a few
cues at the end of the file, never the whole file.

What this module must never do: reorder cues already on disk, rewrite any but the newest few,
or block for long on the bus's thread (one small append per cue).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
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


_REWRITABLE = 8  # the newest cues a revision may rewrite, per language


def _span(caption: Caption) -> tuple[float, float]:
    """A cue's start and end: the caption's, stretched to ``MIN_CUE_S``."""
    return caption.start, max(caption.end, caption.start + MIN_CUE_S)


@dataclass
class _Cue:
    id: int
    number: int
    start: float
    end: float
    text: str
    srt_at: int  # where the cue begins in each file
    vtt_at: int


@dataclass
class _LanguageFiles:
    srt: TextIO
    vtt: TextIO
    cues: int = 0
    recent: list[_Cue] = field(default_factory=list)  # the newest cues, oldest first


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
                if not text:
                    continue
                if (caption.id, language) not in self._written:
                    self._written.add((caption.id, language))
                    self._append(language, caption, text.strip())
                elif caption.revised:
                    self._revise(language, caption, text.strip())

    def _append(self, language: str, caption: Caption, text: str) -> None:
        files = self._open(language)
        files.cues += 1
        start, end = _span(caption)
        cue = _Cue(caption.id, files.cues, start, end, text, files.srt.tell(), files.vtt.tell())
        files.recent = [*files.recent[1 - _REWRITABLE :], cue]
        self._write(files, cue)

    def _revise(self, language: str, caption: Caption, text: str) -> None:
        """Write the cue of ``caption`` again where its text or times changed."""
        files = self._files[language]
        at = next((i for i, c in enumerate(files.recent) if c.id == caption.id), None)
        if at is None:
            log.info("caption %d revised too late to rewrite its %s cue", caption.id, language)
            return
        cue = files.recent[at]
        start, end = _span(caption)
        if (cue.text, cue.start, cue.end) == (text, start, end):
            return
        cue.text, cue.start, cue.end = text, start, end
        for f, offset in ((files.srt, cue.srt_at), (files.vtt, cue.vtt_at)):
            f.seek(offset)
            f.truncate()
        for later in files.recent[at:]:
            later.srt_at, later.vtt_at = files.srt.tell(), files.vtt.tell()
            self._write(files, later)

    @staticmethod
    def _write(files: _LanguageFiles, cue: _Cue) -> None:
        span = f"{srt_time(cue.start)} --> {srt_time(cue.end)}"
        files.srt.write(f"{cue.number}\n{span}\n{cue.text}\n\n")
        files.vtt.write(f"{vtt_time(cue.start)} --> {vtt_time(cue.end)}\n{cue.text}\n\n")
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
