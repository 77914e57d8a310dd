"""Issue 15, ninth round: a FAQ written at the top of the sheet with short names (q / a), as
the ninth blind set's writer wrote it, answers a viewer's question (it was ignored with a
warning, and the desk said it would check). Lines written for this test, on
``tests/desk_v2/sheets/home.yaml``."""

from __future__ import annotations

from pathlib import Path

from desk_support import ask, desk_on_edited

from sola_studio.comments.events import FlagReason

HOME = Path(__file__).resolve().parent / "desk_v2" / "sheets" / "home.yaml"
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
