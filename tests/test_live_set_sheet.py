"""Editing the product sheet while live (``LiveSession.set_sheet``): the desk's drafts, the
captions' glossary and the spec cards follow the saved sheet, as they follow ``pin``.

Before, the studio window handed the edited sheet to the comment desk alone: captions kept
translating "table" as the old glossary did and spec cards kept the old facts. A real
``LiveSession`` (Whisper loaded, real Bergamot en->pt, real desk and store), not started: the
captions come from this test, the comments go straight to the desk.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest
from desk_support import says
from helpers import sheet_show_options

from sola_studio.catalog.events import PinChanged, SheetChanged
from sola_studio.catalog.loader import load_sheet
from sola_studio.core.events import Caption, Comment
from sola_studio.live.session import LiveSession
from sola_studio.store.repository import SessionStore

SHEET = """
seller_language: en
currency: BRL
audience_languages: [en, pt]
pinned: table
products:
  - id: table
    name: Mesa Nuvem
    aliases: [NDT-180]
    price: {price}
    material: {{en: solid oak, pt: carvalho maciço}}
    specs:
{specs}
    variants:
      - {{size: 180 x 90 cm, colour: walnut, stock: 4}}
  - id: chair
    name: Cadeira Brisa
    price: 199.00
    variants:
      - {{size: one size, colour: walnut, stock: 9}}
"""
BEFORE = SHEET.format(price="1299.90", specs="      load: {en: holds 80 kg, pt: aguenta 80 kg}")
AFTER = SHEET.format(
    price="999.90",
    specs="      load: {en: holds 120 kg, pt: aguenta 120 kg}\n      kind: {en: table, pt: mesa}",
)


def _caption(index: int, text: str, at: float) -> Caption:
    return Caption(index, "en", text, at - 2, at, True, at, at)


@pytest.mark.slow
def test_an_edited_sheet_reaches_drafts_glossary_and_cards(
    tmp_path: Path, bergamot: object
) -> None:
    options = sheet_show_options(tmp_path, BEFORE)
    path = tmp_path / "sheet.yaml"
    live = LiveSession(options, translation_engines=[bergamot])
    try:
        assert live.translator is not None and live.desk is not None and live.clock is not None
        clock = live.clock

        def ask(cid: str, text: str) -> str:
            # a new viewer each time: no earlier question of theirs gives context
            c = Comment(cid, "manual", cid, cid, text, clock.monotonic(), clock.wall())
            return live.desk.process(c).text  # type: ignore[union-attr]

        # the sheet as loaded: old price, old load, "table" left to the engine
        before = ask("c1", "how much?")
        # the sheet's price, grouped as the reply's language groups digits ("R$1,299.90")
        assert says(before, "1299.90"), before
        [card] = live.spec_cards.detect(_caption(0, "It holds up to 80 kg.", 10.0))
        assert "80 kg" in card.text_in("en")
        assert live.translator.glossary.find("table") is None

        path.write_text(AFTER, encoding="utf-8")
        live.set_sheet(load_sheet(path))

        assert live.sheet.pinned.id == "table"
        assert live.sheet.pinned.price.amount == Decimal("999.90")
        price = ask("c2", "how much?")
        assert says(price, "999.90") and not says(price, "1299.90"), price
        clock.reach(60.0)  # past the load card's cooldown
        [card] = live.spec_cards.detect(_caption(1, "It holds up to 120 kg now.", 60.0))
        assert card.attribute == "load" and "120 kg" in card.text_in("pt")
        [pt] = live.translator.translate(["This table is made of solid oak."], "en", ["pt"])["pt"]
        assert "mesa" in pt.lower() and "tabela" not in pt.lower()

        # a product the seller pinned on camera stays pinned when the saved sheet still has it
        live.pin("chair")
        live.set_sheet(load_sheet(path))  # the file's own pin is the table
        assert live.sheet.pinned.id == "chair" and live.desk.sheet.pinned.id == "chair"
        assert "199" in ask("c3", "how much?")
    finally:
        live.stop()


def _snapshots(store: SessionStore, session_id: int, product_id: str) -> list[dict[str, object]]:
    db = store.connect_another()  # the profile's database is encrypted (issue 21.11)
    try:
        rows = db.execute(
            "SELECT snapshot FROM products WHERE session_id = ? AND product_id = ? ORDER BY rowid",
            (session_id, product_id),
        ).fetchall()
    finally:
        db.close()
    return [json.loads(snapshot) for (snapshot,) in rows]


@pytest.mark.slow
def test_a_sheet_event_on_the_bus_reaches_desk_glossary_cards_and_store(
    tmp_path: Path, bergamot: object
) -> None:
    """The parts follow the sheet by subscribing to it: a SheetChanged published on the bus by
    anyone (here the test, not LiveSession.set_sheet) reaches the desk's drafts, the captions'
    glossary, the spec cards and the store's product snapshots; a PinChanged moves them all to
    the product on camera."""
    options = sheet_show_options(tmp_path, BEFORE)
    path = tmp_path / "sheet.yaml"
    live = LiveSession(options, translation_engines=[bergamot])
    try:
        desk, translator, sid = live.desk, live.translator, live.session_id
        assert desk is not None and translator is not None and sid is not None
        assert translator.glossary.find("table") is None
        assert [s["price"]["amount"] for s in _snapshots(live.store, sid, "table")] == ["1299.9"]

        path.write_text(AFTER, encoding="utf-8")
        edited = load_sheet(path)
        live.bus.publish(SheetChanged(edited, time.monotonic()))

        assert desk.sheet is edited and live.sheet is edited
        c = Comment("c1", "manual", "v1", "v1", "how much?", 0.0, 0.0)
        assert "999" in desk.process(c).text
        assert translator.glossary.find("table") is not None  # the new sheet's spec "kind"
        assert live.spec_cards.product.specs["load"]["en"] == "holds 120 kg"
        snapshots = _snapshots(live.store, sid, "table")
        assert [s["price"]["amount"] for s in snapshots] == ["1299.9", "999.9"]

        chair = edited.with_pinned("chair")
        live.bus.publish(PinChanged(chair, "chair", time.monotonic()))
        assert desk.sheet.pinned.id == "chair" and live.sheet.pinned.id == "chair"
        assert live.spec_cards.product.id == "chair"
        assert translator.glossary.find("table") is None  # the chair's terms now
    finally:
        live.stop()
