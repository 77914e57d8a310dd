"""The desk's second round on issue 15, on a sheet of another trade (outdoor gear,
tests/desk_calibration/outdoor.yaml): the sheet's own words decide (payment method names, units
of its values), a product mentioned in passing does not take the question from the pinned one,
a product name's digits are no invented fact, and retrieval that cannot tell two fields apart
says the seller will check. A real desk (E5 embeddings, lingua), no mocks."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from desk_support import says

from sola_studio.catalog import load_sheet
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.events import Draft, FlagReason, Intent
from sola_studio.comments.retrieval import FieldHit
from sola_studio.comments.understand import _unsure
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Comment

OUTDOOR = Path(__file__).resolve().parent / "desk_calibration" / "outdoor.yaml"
_ids = itertools.count()


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return CommentDesk(load_sheet(OUTDOOR), clock=ManualClock(), config=DeskConfig())


def ask(desk: CommentDesk, text: str, pinned: str = "tent") -> tuple[Draft, object]:
    if desk.sheet.pinned_id != pinned:
        desk.pin(pinned)
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(5)
    n = next(_ids)
    c = Comment(f"c{n}", "test", f"v{n}", "v", text, desk.clock.monotonic(), desk.clock.wall())
    draft = desk.process(c)
    return draft, desk.understood(c.id)


def test_a_payment_method_the_sheet_names_is_a_payment_question(desk: CommentDesk) -> None:
    d, _ = ask(desk, "aceitam MB Way?")
    assert d.intent is Intent.PAYMENT, d.text
    assert "MB WAY" in d.text and FlagReason.SHEET_SILENT not in d.flags
    # a brand name alone is enough
    d, _ = ask(desk, "Klarna?")
    assert d.intent is Intent.PAYMENT and "Klarna" in d.text


def test_a_unit_of_a_field_beats_a_price_word(desk: CommentDesk) -> None:
    # "cuántos" is a price cue; "mm" is the unit of the tent's waterproof rating only
    d, _ = ask(desk, "cuántos mm de columna?")
    assert d.intent is Intent.MATERIAL, d.text
    assert says(d.text, "3000") and "189" not in d.text
    d, _ = ask(desk, "how many kg?")
    assert "2.1" in d.text or "2,1" in d.text, d.text


def test_a_product_mentioned_in_passing_keeps_the_pinned_one(desk: CommentDesk) -> None:
    d, u = ask(desk, "what's the waterproof rating with the sleeping bag inside")
    assert u.entities.product_id == "tent", d.text
    assert says(d.text, "3000")
    # named before what is asked, the other product is the subject: its own field, or a check
    d, u = ask(desk, "the sleeping bag, what is its comfort temperature?")
    assert u.entities.product_id == "sleeping_bag" and "5" in d.text, d.text


def test_digits_of_a_product_name_in_any_language_are_no_invented_fact(
    desk: CommentDesk,
) -> None:
    # the seller's (pt) name has no digit; the English one ("Serra 2P tent") has
    d, _ = ask(desk, "how much is the tent?")
    assert "189" in d.text and "Serra 2P" in d.text, d.text
    assert FlagReason.SHEET_SILENT not in d.flags


def test_retrieval_that_cannot_tell_two_fields_apart_is_unsure() -> None:
    tied = [FieldHit("a", "spec", 0.84, False), FieldHit("b", "spec", 0.839, False)]
    clear = [FieldHit("a", "spec", 0.84, False), FieldHit("b", "spec", 0.83, False)]
    high = [FieldHit("a", "spec", 0.90, False), FieldHit("b", "spec", 0.899, False)]
    assert _unsure(tied) and not _unsure(clear) and not _unsure(high)


def test_the_question_words_name_a_language_the_audience_leaves_out(desk: CommentDesk) -> None:
    # Indonesian is not among the sheet's audience languages (pt, en, es, de), so lingua cannot
    # say it; "berapa" and "harga" are Indonesian price cues
    d, u = ask(desk, "berapa harga tenda ini kak?")
    assert u.language == "id" and d.intent is Intent.PRICE, (u.language, d.text)
    assert "189" in d.text


def test_units_spelt_out_name_the_field_abbreviated() -> None:
    from sola_studio.comments.retrieval import _words

    assert {"w", "h", "kg"} <= _words("cuantos watts y cuantas horas? 3 kilos")
    assert "w" not in _words("w vs x")  # a bare letter is no unit


def test_a_one_year_warranty_is_said_in_months(desk: CommentDesk) -> None:
    d, _ = ask(desk, "qual é a garantia do saco-cama?", pinned="sleeping_bag")
    assert "12 meses" in d.text and "1 anos" not in d.text, d.text
    d, _ = ask(desk, "qual é a garantia da tenda?")
    assert "2 anos" in d.text, d.text


def test_asking_which_product_may_name_products_with_digits(desk: CommentDesk) -> None:
    d, _ = ask(desk, "how much is the tent?", pinned="sleeping_bag")
    assert FlagReason.WHICH_PRODUCT in d.flags, d.text
    assert "2P" in d.text and "4P" in d.text and FlagReason.SHEET_SILENT not in d.flags


def test_a_follow_up_spec_question_is_looked_up_with_the_question_it_continues(
    desk: CommentDesk,
) -> None:
    desk.pin("tent")
    first = ask_as(desk, "how heavy is it packed?", "hiker")
    assert "2.1" in first.text or "2,1" in first.text, first.text
    d = ask_as(desk, "and in my backpack?", "hiker")
    assert "2.1" in d.text or "2,1" in d.text, d.text
    assert "Available" not in d.text


def ask_as(desk: CommentDesk, text: str, viewer: str) -> Draft:
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(5)
    n = next(_ids)
    c = Comment(f"c{n}", "test", viewer, "v", text, desk.clock.monotonic(), desk.clock.wall())
    return desk.process(c)


@pytest.mark.parametrize("text", ["ainda tem?", "is there stock?", "还有货吗？"])
def test_a_stock_question_stays_one_though_fields_are_looked_at(
    desk: CommentDesk, text: str
) -> None:
    # a stock cue beside other words is checked against the fields ("백탁 있어요?" on the blind
    # set asks about a white cast, not stock); a plain stock question must stay a stock answer
    d, _ = ask(desk, text)
    assert d.intent is Intent.SIZE_STOCK, d.text
