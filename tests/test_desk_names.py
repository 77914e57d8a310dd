"""Issue 15, ninth round: a product the sheet names in no language of the viewer is quoted by
its English name inside a reply in the viewer's language ("Royal Oud Eau de Parfum kostet
96,00 €"), not answered wholly in English; a variant chosen by the seller's own field (a volume)
is listed by it. Lines written for these tests, on ``tests/desk_v2/sheets/home.yaml``."""

from __future__ import annotations

from pathlib import Path

from desk_support import HOME, ask, desk_on_edited

from sola_studio.catalog import load_sheet
from sola_studio.comments.events import FlagReason
from sola_studio.comments.mixing import foreign_sheet_texts

LAMP = "    name: {en: Lua floor lamp}\n"


def test_a_name_in_no_language_of_the_viewer_is_quoted_in_their_reply(tmp_path: Path) -> None:
    # the lamp gets a Japanese name besides its English one: two names, none in German or Polish
    desk = desk_on_edited(
        HOME, LAMP, "    name: {en: Lua floor lamp, ja: ルアのフロアランプ}\n", tmp_path
    )
    draft, u = ask(desk, "wie viel kostet die lampe?", pin="lamp")
    assert u.language == "de" and draft.language == "de", (u.language, draft.text)
    assert draft.text.startswith("Lua floor lamp kostet"), draft.text
    assert FlagReason.NO_LANGUAGE not in draft.flags
    draft, _ = ask(desk, "ile kosztuje lampa?", pin="lamp")
    assert draft.language == "pl" and "Lua floor lamp" in draft.text, draft.text


def test_a_name_the_sheet_gives_in_the_replys_language_must_be_used() -> None:
    """The sofa is named in Portuguese: its English name in a Portuguese reply is still mixed."""
    sheet = load_sheet(HOME)
    assert foreign_sheet_texts("O Nube 3-seat sofa custa R$ 4.490,00.", "pt", sheet)
    assert not foreign_sheet_texts("Lua floor lamp custa US$ 149,00.", "pt", sheet)


def test_a_variant_chosen_by_volume_is_listed_by_it(tmp_path: Path) -> None:
    old = "      - {colour: sand, stock: 4}\n      - {colour: grey, stock: 0}"
    new = "      - {volume: 50 ml, stock: 4}\n      - {volume: 100 ml, stock: 7}"
    desk = desk_on_edited(HOME, old, new, tmp_path)
    draft, _ = ask(desk, "what is in stock?", pin="sofa")
    assert "50 ml" in draft.text and "100 ml" in draft.text, draft.text
    assert FlagReason.SHEET_SILENT not in draft.flags
