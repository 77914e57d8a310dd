"""The seller's approval of a machine-translated sheet text (issue 15): it is kept in the
translations file beside the sheet, the desk uses the seller's wording and never translates it
again, and a file written before approvals existed still loads."""

from __future__ import annotations

import json
from pathlib import Path

from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.sheet_texts import CachedText, SheetTexts, read_cache, write_cache
from sola_studio.translate.bergamot import BergamotTranslator


def test_an_old_cache_without_approved_loads_as_not_approved(tmp_path: Path) -> None:
    old = tmp_path / "sheet.translations.json"
    old.write_text(
        json.dumps({"texts": [{"from": "en", "to": "pt", "source": "Tote", "text": "Sacola"}]}),
        encoding="utf-8",
    )
    assert read_cache(old) == [CachedText("en", "pt", "Tote", "Sacola", approved=False)]


def test_an_approved_edit_survives_the_desk_translating_the_rest(
    tmp_path: Path, sample_sheet: ProductSheet, bergamot: BergamotTranslator
) -> None:
    cache = tmp_path / "sheet.translations.json"
    tee = sample_sheet.product("tee")
    assert tee is not None
    mine = CachedText("en", "pt", tee.name, "Camiseta Clássica da Sola", approved=True)
    write_cache(cache, [mine])
    texts = SheetTexts(sample_sheet, translator=bergamot, cache_file=cache, languages=["pt"])
    assert texts.name(tee, "pt") == "Camiseta Clássica da Sola"
    kept = read_cache(cache)
    assert mine in kept  # not translated over, still approved
    assert len(kept) > 1 and not all(e.approved for e in kept)  # the rest were made now
