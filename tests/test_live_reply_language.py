"""A live show's replies hold the viewer's language only (issue 15): a sheet text the seller
wrote in English alone is machine-translated once, through the engines the show already loaded,
into the viewer's language, and kept beside the sheet for the seller to review.

A real ``LiveSession`` (Whisper loaded, real Bergamot en<->pt, real desk and store), not
started: the comments go straight to the desk.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import sheet_show_options

from sola_studio.core.events import Comment
from sola_studio.live.session import LiveSession

SHEET = """
seller_language: en
currency: BRL
audience_languages: [en, pt]
pinned: chair
products:
  - id: chair
    name: Cadeira Brisa
    price: 199.00
    material: recycled aluminium frame with a woven seat
    variants:
      - {size: one size, colour: black, stock: 9}
"""


@pytest.mark.slow
def test_a_portuguese_viewer_gets_the_english_only_sheet_text_in_portuguese(
    tmp_path: Path, bergamot: object
) -> None:
    options = sheet_show_options(tmp_path, SHEET)
    live = LiveSession(options, translation_engines=[bergamot])
    try:
        assert live.desk is not None and live.clock is not None
        clock = live.clock
        c = Comment("c1", "manual", "v1", "v1", "do que é feita a cadeira?", clock.monotonic(), 0)
        draft = live.desk.process(c)
        assert draft is not None
        text = draft.text.lower()
        # the viewer reads Portuguese only: no English sheet wording mixed in
        assert "recycled" not in text and "woven" not in text, draft.text
        assert "alumínio" in text or "aluminio" in text, draft.text
        cache = tmp_path / "sheet.translations.json"
        kept = json.loads(cache.read_text(encoding="utf-8"))["texts"]
        assert any(e["to"] == "pt" and "recycled" in e["source"] for e in kept), kept
    finally:
        live.stop()
