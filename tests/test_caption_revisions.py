"""A committed caption the recogniser heard again with the speech after it (issue 17: an
``AsrUpdate`` revision, ``LookBackOptions.revise_words``) replaces that caption everywhere a
viewer or the seller reads it: translated again by the real Bergamot engine, its subtitle cues
rewritten in place, its stored row updated, and never shown over a newer caption."""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import caption_files_and_store, wait_until

from sola_studio.asr.streaming import AsrUpdate
from sola_studio.captions.subtitles import SubtitleWriter
from sola_studio.captions.track import CaptionTrack
from sola_studio.core.bus import Bus
from sola_studio.core.clock import monotonic
from sola_studio.core.events import Caption, Word
from sola_studio.sinks.overlay import OverlayServer
from sola_studio.translate.factory import build_translator

MISHEARD = "The seller is nut an ill disposed young man."
HEARD = "The seller is not an ill-disposed young man."
NEXT = "He ships to Portugal every Monday."


def said(text: str, start: float, seq: int, *, revision: bool = False) -> AsrUpdate:
    now = monotonic()
    words = tuple(
        Word(" " + w, start + i * 0.3, start + i * 0.3 + 0.25, 0.9)
        for i, w in enumerate(text.split())
    )
    return AsrUpdate(
        text, words, start, words[-1].end, "en", True, now, now, now - 0.3, seq=seq,
        revision=revision,
    )  # fmt: skip


class Seen:
    def __init__(self, bus: Bus) -> None:
        self.captions: list[Caption] = []
        self._lock = threading.Lock()
        bus.subscribe(Caption, self._add)

    def _add(self, c: Caption) -> None:
        with self._lock:
            self.captions.append(c)

    def of(self, cid: int) -> list[Caption]:
        with self._lock:
            return [c for c in self.captions if c.id == cid]


@pytest.fixture(scope="module")
def translator() -> Any:
    t = build_translator("en", ["pt"])
    yield t
    t.close()


def test_a_revised_caption_is_translated_again_and_replaces_its_subtitles_and_row(
    translator: Any, tmp_path: Path
) -> None:
    bus = Bus()
    seen = Seen(bus)
    writer, store = caption_files_and_store(bus, tmp_path)
    track = CaptionTrack(bus, ["pt"], translator)
    track.on_update(said(MISHEARD, 0.0, 1))
    wait_until(lambda: any(c.translations for c in seen.of(1)), what="first translation")
    old_pt = next(c for c in seen.of(1) if c.translations).translations["pt"]
    track.on_update(said(HEARD, 0.0, 1, revision=True))
    track.on_update(said(NEXT, 3.0, 2))
    track.close()
    writer.close()

    versions = seen.of(1)
    revised = [c for c in versions if c.revised]
    assert [c.text for c in revised] == [HEARD, HEARD] and not revised[0].translations
    new_pt = revised[-1].translations["pt"]
    assert new_pt and new_pt != old_pt and "não" in new_pt  # "not", which the first lacked
    assert [c.text for c in track.committed] == [HEARD, NEXT] and track.revised == 1

    en = (tmp_path / "captions.en.srt").read_text("utf-8")
    assert en.count("-->") == 2 and HEARD in en and MISHEARD not in en
    assert en.startswith("1\n") and "\n2\n" in en
    pt = (tmp_path / "captions.pt.vtt").read_text("utf-8")
    assert pt.startswith("WEBVTT") and pt.count("-->") == 2
    assert new_pt in pt and old_pt not in pt

    rows = list(store.db.query("SELECT caption_id, text FROM captions ORDER BY caption_id"))
    assert [(r["caption_id"], r["text"]) for r in rows] == [(1, HEARD), (2, NEXT)]
    stored = list(
        store.db.query(
            "SELECT t.text FROM caption_translations t JOIN captions c ON c.id = t.caption_pk"
            " WHERE c.caption_id = 1 AND t.language = 'pt'"
        )
    )
    assert [r["text"] for r in stored] == [new_pt]


class Gated:
    """The real translator, held at the door until ``gate`` opens."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name = inner, "gated"
        self.gate, self.entered = threading.Event(), threading.Event()

    def translate(self, texts: list[str], source: str, targets: list[str]) -> Any:
        self.entered.set()
        self.gate.wait(10)
        return self.inner.translate(texts, source, targets)


def test_a_translation_of_the_old_text_is_never_shown_after_its_revision(translator: Any) -> None:
    bus = Bus()
    seen = Seen(bus)
    gated = Gated(translator)
    track = CaptionTrack(bus, ["pt"], gated)
    track.on_update(said(MISHEARD, 0.0, 1))
    wait_until(gated.entered.is_set, what="the first commit in the translator")
    track.on_update(said(HEARD, 0.0, 1, revision=True))  # while the old text is translated
    gated.gate.set()
    track.close()
    texts = [c.text for c in seen.of(1)]
    assert texts == [MISHEARD, HEARD, HEARD]  # no translated MISHEARD after HEARD
    assert seen.of(1)[-1].translations["pt"]


def test_a_revision_that_changes_nothing_or_names_no_caption_is_not_published() -> None:
    bus = Bus()
    seen = Seen(bus)
    track = CaptionTrack(bus, [], None)
    track.on_update(said(HEARD, 0.0, 1))
    track.on_update(said(HEARD, 0.0, 1, revision=True))
    track.on_update(said(NEXT, 0.0, 9, revision=True))  # no committed update 9
    track.close()
    assert [c.text for c in seen.captions] == [HEARD] and track.revised == 0


def test_subtitles_rewrite_a_revised_cue_in_place_and_keep_the_cues_after_it(
    tmp_path: Path,
) -> None:
    def cap(cid: int, text: str, start: float, **stages: float) -> Caption:
        return Caption(cid, "en", text, start, start + 2.0, True, 0.0, 0.0, stages=stages)

    with SubtitleWriter(tmp_path) as writer:
        writer.on_caption(cap(1, MISHEARD, 0.0))
        writer.on_caption(cap(2, NEXT, 3.0))
        writer.on_caption(cap(1, HEARD, 0.0, revise=1.0))
        writer.on_caption(cap(3, "Last one.", 6.0))
    srt = (tmp_path / "captions.en.srt").read_text("utf-8")
    assert srt == (
        "1\n00:00:00,000 --> 00:00:02,000\n" + HEARD + "\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\n" + NEXT + "\n\n"
        "3\n00:00:06,000 --> 00:00:08,000\nLast one.\n\n"
    )
    vtt = (tmp_path / "captions.en.vtt").read_text("utf-8")
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n" + HEARD)
    assert vtt.count("-->") == 3 and MISHEARD not in vtt


def test_the_overlay_page_never_goes_back_to_a_revised_older_caption() -> None:
    server = OverlayServer(["en"]).start()
    try:
        host, port = server.address
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", "/events/en")
        resp = conn.getresponse()
        bus = Bus()
        bus.subscribe(Caption, server.publish)
        track = CaptionTrack(bus, [], None)
        track.on_update(said(MISHEARD, 0.0, 1))
        partial = replace(said("He ships", 3.0, 0), committed=False)
        track.on_update(partial)  # caption 2 is on screen, growing
        track.on_update(said(HEARD, 0.0, 1, revision=True))
        track.on_update(said(NEXT, 3.0, 2))
        track.close()
        events: list[dict[str, Any]] = []
        while not (events and events[-1]["committed"] and events[-1]["id"] == 2):
            line = resp.fp.readline().decode()
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
        assert [(e["id"], e["text"]) for e in events] == [
            (1, MISHEARD),
            (2, "He ships"),
            (2, NEXT),
        ]
    finally:
        server.stop()
