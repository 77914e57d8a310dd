"""Issue 15, ninth round: a FAQ written at the top of the sheet with short names (q / a), as
the ninth blind set's writer wrote it, answers a viewer's question (it was ignored with a
warning, and the desk said it would check). Lines written for this test, on
``tests/desk_v2/sheets/home.yaml``."""

from __future__ import annotations

from pathlib import Path

from desk_support import HOME, ask, desk_on_edited

from sola_studio.comments.events import FlagReason

TOP_FAQ = (
    "\nfaq:\n"
    "  - id: dimmer\n"
    "    q: {en: Can the lamp be dimmed?}\n"
    "    a: {en: 'Yes, with the touch dimmer on the pole'}\n"
    "products:\n"
)


def test_a_top_level_faq_answers_the_viewer(tmp_path: Path) -> None:
    desk = desk_on_edited(HOME, "\nproducts:\n", TOP_FAQ, tmp_path)
    draft, u = ask(desk, "can the floor lamp be dimmed??", pin="lamp")
    assert u.entities.product_id == "lamp"
    assert "touch dimmer on the pole" in draft.text, draft.text
    assert FlagReason.SHEET_SILENT not in draft.flags
    # the sofa has its own FAQ, which still answers for it
    draft, _ = ask(desk, "is the sofa cover removable?", pin="sofa")
    assert "zip off" in draft.text, draft.text


def test_a_question_the_sheet_does_not_hold_is_not_answered_by_the_nearest_faq(
    tmp_path: Path,
) -> None:
    """ "is the sofa waterproof?" was answered "Yes, the seat cushion covers zip off and can be
    washed at 30 °C": the nearest entry, far from near enough, and no word of the question in
    the sheet. The seller checks instead."""
    desk = desk_on_edited(HOME, "\nproducts:\n", TOP_FAQ, tmp_path)
    draft, _ = ask(desk, "is the sofa waterproof?", pin="sofa")
    assert FlagReason.SHEET_SILENT in draft.flags, draft.text
    assert "zip off" not in draft.text and not draft.text.startswith("Yes")


def test_a_sheet_wide_faq_entry_naming_one_product_stays_with_it(tmp_path: Path) -> None:
    """The dimmer entry names the floor lamp: the desk lamp does not answer with it (the ninth
    set's "Does the moka pot work on induction?" was appended to questions about its beans)."""
    faq = TOP_FAQ.replace("Can the lamp", "Can the Lua floor lamp")
    assert faq != TOP_FAQ
    desk = desk_on_edited(HOME, "\nproducts:\n", faq, tmp_path)
    lamp, desk_lamp = desk.sheet.product("lamp"), desk.sheet.product("desk_lamp")
    assert lamp is not None and desk_lamp is not None
    assert [f.id for f in lamp.faq] == ["dimmer"]
    assert desk_lamp.faq == ()
