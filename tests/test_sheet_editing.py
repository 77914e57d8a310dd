"""The form editor's document (catalog.editing): a sheet opened in the form and saved is read
back by the loader as the same sheet (the sample, a v1 file, as its schema-2 equivalent; the
blind set's v2 sheets exactly), with a backup of the file it replaced; a mistake is located at
the field the loader names."""

from __future__ import annotations

import shutil
from dataclasses import fields, replace
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import REPO_ROOT, SAMPLE_SHEET

from sola_studio.catalog import editing
from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.schema_v2 import names_of, spec_fields
from sola_studio.catalog.sheet import Product
from sola_studio.core import yamlio
from sola_studio.core.errors import ConfigError

BLIND = sorted((REPO_ROOT / "tests" / "blind" / "desk-2026-12-dev" / "sheets").glob("*.yaml"))
_V2_ONLY = ("specs", "names", "alias_names", "prices", "spec_fields", "faq")


def _open_and_save(original: Path, tmp_path: Path) -> Path:
    out = tmp_path / original.name
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(original, out)  # the blind set is read-only: work on a copy
    doc = editing.editable(yamlio.safe_load(out.read_text(encoding="utf-8")))
    editing.save(doc, out)
    return out


@pytest.mark.parametrize("original", BLIND, ids=lambda p: p.stem)
def test_a_v2_sheet_saved_from_the_form_reads_back_the_same(original: Path, tmp_path: Path) -> None:
    saved = _open_and_save(original, tmp_path)
    assert load_sheet(saved) == load_sheet(original)
    assert editing.backup_of(saved).read_bytes() == original.read_bytes()


def test_the_v1_sample_saved_from_the_form_is_the_same_sheet_in_schema_2(tmp_path: Path) -> None:
    before = load_sheet(SAMPLE_SHEET)
    saved = _open_and_save(SAMPLE_SHEET, tmp_path)
    after = load_sheet(saved)
    assert after.schema == 2 and before.schema == 1
    assert replace(after, schema=1) == replace(before, products=after.products)
    lang = before.seller_language
    for old, new in zip(before.products, after.products, strict=True):
        assert spec_fields(new, lang) == spec_fields(old, lang)
        assert names_of(new, lang) == names_of(old, lang)
        assert [(q.id, q.question, q.answer) for q in new.faq] == [
            (q.id, q.question, q.answer) for q in old.faq
        ]
        same = [f.name for f in fields(Product) if f.name not in _V2_ONLY]
        assert {k: getattr(new, k) for k in same} == {k: getattr(old, k) for k in same}
    # saved again, the schema-2 file stays the same sheet
    assert load_sheet(_open_and_save(saved, tmp_path / "again")) == after


def test_money_typed_in_a_local_format_is_written_as_the_number(tmp_path: Path) -> None:
    doc = editing.editable(yamlio.safe_load(SAMPLE_SHEET.read_text(encoding="utf-8")))
    editing.set_in(doc, ("products", 0, "price"), Decimal("59.90"))
    out = tmp_path / "sheet.yaml"
    editing.save(doc, out)
    assert "price: 59.90" in out.read_text(encoding="utf-8")
    assert load_sheet(out).products[0].price.amount == Decimal("59.9")


def test_a_mistake_is_located_at_the_field_the_loader_names(tmp_path: Path) -> None:
    doc = editing.editable(yamlio.safe_load(SAMPLE_SHEET.read_text(encoding="utf-8")))
    editing.set_in(doc, ("products", 1, "variants", 0, "stock"), "lots")
    checked = editing.check(doc)
    assert not checked.ok and checked.error is not None
    assert checked.path == ("products", 1, "variants", 0, "stock")
    assert "whole number" in checked.error.message
    out = tmp_path / "sheet.yaml"
    with pytest.raises(ConfigError):
        editing.save(doc, out)
    assert not out.exists()
