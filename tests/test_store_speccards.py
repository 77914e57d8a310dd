"""Spec cards (issue 9 item 4): cards the detector decides from the seller's captions, published
on a real bus, land in a real session database, and the report lists which were shown, when,
and what they said in each language."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import SAMPLE_SHEET

from sola_studio.captions.speccards import SpecCardDetector, SpecCardSettings
from sola_studio.catalog.loader import load_sheet
from sola_studio.core.bus import Bus
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Caption
from sola_studio.report.build import build_report
from sola_studio.report.export import to_html, to_json
from sola_studio.store import SessionStore, schema
from sola_studio.store.routing import EventRouter, products_from_sheet


def _caption(i: int, text: str, start: float) -> Caption:
    return Caption(i, "pt", text, start, start + 3, True, t_capture=0.0, t_emit=0.0)


def test_cards_shown_are_recorded_and_listed_in_the_report(tmp_path: Path) -> None:
    sheet = load_sheet(SAMPLE_SHEET)
    clock = ManualClock()
    store = SessionStore(tmp_path / "sessions.db", key=b"k" * 32, clock=clock)
    sid = store.start_session(
        title="Live", seller_language=sheet.seller_language, caption_languages=["en", "zh"]
    )
    store.record_products(products_from_sheet(sheet))
    bus = Bus()
    EventRouter(store).subscribe(bus)
    detector = SpecCardDetector(
        sheet.pinned, sheet.seller_language, ["en", "zh"], SpecCardSettings(duration_s=6.0)
    )

    talk = [
        (1, "Bom dia, gente! Hoje temos camisetas lindas.", 2.0),
        (2, "O tecido é algodão orgânico, bem macio.", 12.0),
        (3, "E tem garantia de três meses.", 31.0),
    ]
    shown = []
    for caption_id, text, start in talk:
        clock.advance(start - clock.monotonic())
        for card in detector.detect(_caption(caption_id, text, start)):
            bus.publish(card)
            shown.append(card)
    assert [c.attribute for c in shown] == ["material", "warranty"]  # the talk triggers two cards

    report = build_report(store.db, sid)
    assert [c.attribute for c in report.spec_cards] == ["material", "warranty"]
    material, warranty = report.spec_cards
    assert material.product_id == "tee" and material.product_name == "Camiseta Sola Classic"
    assert material.at_s == 12.0 and material.stream_s == 12.0 and material.shown_for_s == 6.0
    assert warranty.at_s == 31.0 and warranty.stream_s == 31.0 and warranty.keyword == "garantia"
    # what the card said, per viewer language, straight from the sheet
    assert material.texts["en"] == f"Material: {sheet.pinned.material['en']}"
    assert material.texts["zh"] == f"材质: {sheet.pinned.material['zh']}"
    assert set(material.texts) == set(shown[0].fact) >= {"en", "zh"}
    assert material.title == "Material"  # the label in the seller's language
    assert material.keyword and material.keyword.lower() in "o tecido é algodão orgânico"

    html = to_html(report)
    section = html[html.index('<section id="spec-cards">') :]
    section = section[: section.index("</section>")]
    assert "Spec cards shown" in section
    assert "0:12" in section and "0:31" in section
    assert "100% organic cotton, 180 g/m² jersey" in section
    assert "100% 有机棉，180 g/m² 针织布" in section
    assert "Camiseta Sola Classic" in section
    assert "3 months (sewing defects)" in section

    data = json.loads(to_json(report))
    assert [c["attribute"] for c in data["spec_cards"]] == ["material", "warranty"]


def test_a_session_without_cards_says_so(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=ManualClock())
    sid = store.start_session()
    report = build_report(store.db, sid)
    assert report.spec_cards == ()
    assert "No spec card was shown in this session." in to_html(report)


def test_a_version_1_database_gets_the_spec_card_columns(tmp_path: Path) -> None:
    """Opening a database made before migration 2 adds the columns and keeps its old cards."""
    import sqlite_utils

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db.conn.isolation_level = None
    old = schema.MIGRATIONS
    try:
        schema.MIGRATIONS = old[:1]
        schema.LATEST = 1
        schema.migrate(db, 0.0)
    finally:
        schema.MIGRATIONS = old
        schema.LATEST = old[-1].version
    db.execute("INSERT INTO sessions (id, status, started_wall) VALUES (1, 'finished', 0)")
    db.execute(
        "INSERT INTO spec_cards (session_id, product_id, title, fields, shown_wall)"
        " VALUES (1, 'tee', 'Material', '{\"en\": \"cotton\"}', 5)"
    )
    db.close()

    store = SessionStore(path, key=b"k" * 32, clock=ManualClock())
    assert schema.current_version(store.db) == schema.LATEST
    (card,) = build_report(store.db, 1).spec_cards
    assert (card.title, card.texts, card.attribute, card.stream_s) == (
        "Material",
        {"en": "cotton"},
        None,
        None,
    )
