"""Drafts that answer what was asked: a spec question gets that spec (origin, fit), not the
material, and a size the product never comes in is said so with the sizes in stock (the
reported misses "where is it made" and "size 44 in the runners?")."""

from __future__ import annotations

import pytest
from helpers import SAMPLE_SHEET

from sola_studio.catalog import load_sheet
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.events import Draft, FlagReason
from sola_studio.comments.facts import numbers_in
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Comment

SHEET = load_sheet(SAMPLE_SHEET)


@pytest.fixture(scope="module", params=[False, True], ids=["lexicons", "with-e5"])
def desk(request: pytest.FixtureRequest) -> CommentDesk:
    # both ways an intent can be found: cues only, and the E5 fallback (which calls
    # "where is it made" a material question)
    return CommentDesk(SHEET, clock=ManualClock(), config=DeskConfig(embeddings=request.param))


def _draft(desk: CommentDesk, text: str) -> Draft:
    clock = desk.clock
    assert isinstance(clock, ManualClock)
    clock.advance(1)
    n = int(clock.monotonic() * 1000)
    return desk.process(
        Comment(f"c{n}", "manual", f"v{n}", "viewer", text, clock.monotonic(), clock.wall())
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("where is it made", "made in Brazil"),
        ("is it made in china?", "made in Brazil"),
        ("é feita onde?", "feita no Brasil"),
        ("de onde é essa camiseta?", "feita no Brasil"),
        ("¿dónde se fabrica?", "hecha en Brasil"),
        ("wo wird das hergestellt?", "hergestellt in Brasilien"),
        ("这件是哪里产的", "巴西制造"),
        ("どこ製ですか", "ブラジル製"),
    ],
)
def test_where_is_it_made_gets_the_origin_not_the_material(
    desk: CommentDesk, text: str, expected: str
) -> None:
    draft = _draft(desk, text)
    assert [f.id for f in draft.facts] == ["spec:tee:origin"], draft
    assert expected in draft.text
    assert SHEET.pinned.material["en"] not in draft.seller_text
    assert FlagReason.SHEET_SILENT not in draft.flags


def test_material_and_origin_together(desk: CommentDesk) -> None:
    draft = _draft(desk, "is it made in brazil and is it cotton?")
    assert [f.id for f in draft.facts] == ["material:tee", "spec:tee:origin"]
    assert "organic cotton" in draft.text and "made in Brazil" in draft.text


def test_made_of_is_still_the_material(desk: CommentDesk) -> None:
    draft = _draft(desk, "what are the sneakers made of")
    assert [f.id for f in draft.facts] == ["material:runner"]


def test_the_fit_is_answered_from_its_spec(desk: CommentDesk) -> None:
    draft = _draft(desk, "what is the fit like?")
    assert "spec:tee:fit" in [f.id for f in draft.facts] and "regular fit" in draft.text


@pytest.mark.parametrize(
    ("text", "language", "says"),
    [
        ("size 44 in the runners?", "en", "does not come in that size"),
        ("tem o tênis no 44?", "pt", "não tem esse tamanho"),
        ("las zapatillas en talla 45?", "es", "no viene en esa talla"),
    ],
)
def test_a_size_not_offered_lists_the_sizes_in_stock(
    desk: CommentDesk, text: str, language: str, says: str
) -> None:
    draft = _draft(desk, text)
    assert draft.language == language
    assert says in draft.text, draft.text
    # the sizes the runners come in and have in stock (41 is sold out), never the asked size
    assert [int(n) for n in numbers_in(draft.text)] == [38, 39, 40, 42], draft.text
    assert [f.id for f in draft.facts] == ["variants:runner"]
    assert FlagReason.UNKNOWN_VARIANT in draft.flags
    assert FlagReason.SHEET_SILENT not in draft.flags
