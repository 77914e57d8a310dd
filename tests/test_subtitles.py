"""SRT and WebVTT files are appended per language as captions commit, readable at every moment."""

from __future__ import annotations

from pathlib import Path

from sola_studio.captions.subtitles import SubtitleWriter, srt_time, vtt_time
from sola_studio.core.events import Caption


def cap(id_: int, text: str, start: float, end: float, **kw) -> Caption:
    return Caption(id_, "en", text, start, end, True, 0.0, 0.0, **kw)


def test_times() -> None:
    assert srt_time(3723.456) == "01:02:03,456"
    assert vtt_time(0.0416) == "00:00:00.042"


def test_cues_appear_on_disk_as_captions_commit(tmp_path: Path) -> None:
    w = SubtitleWriter(tmp_path)
    w.on_caption(cap(1, "Hello everyone.", 0.5, 1.7))
    srt, vtt = w.paths("en")
    # Flushed at once: a crash now would keep this cue.
    assert srt.read_text() == "1\n00:00:00,500 --> 00:00:01,700\nHello everyone.\n\n"
    assert vtt.read_text() == "WEBVTT\n\n00:00:00.500 --> 00:00:01.700\nHello everyone.\n\n"
    # The translated version of the same caption adds the pt cue once, not a second en cue.
    w.on_caption(cap(1, "Hello everyone.", 0.5, 1.7, translations={"pt": "Olá a todos."}))
    w.on_caption(cap(2, "Size M is 39 dollars.", 2.0, 2.1))
    w.close()
    assert srt.read_text().count("-->") == 2
    assert "2\n00:00:02,000 --> 00:00:02,500\nSize M is 39 dollars." in srt.read_text()
    pt_srt, pt_vtt = w.paths("pt")
    assert pt_srt.read_text() == "1\n00:00:00,500 --> 00:00:01,700\nOlá a todos.\n\n"
    assert pt_vtt.read_text().startswith("WEBVTT\n\n00:00:00.500 --> 00:00:01.700\nOlá a todos.")


def test_partials_are_not_written(tmp_path: Path) -> None:
    w = SubtitleWriter(tmp_path)
    w.on_caption(Caption(1, "en", "Hello ev", 0.5, 1.0, False, 0.0, 0.0))
    w.close()
    assert w.languages == []
