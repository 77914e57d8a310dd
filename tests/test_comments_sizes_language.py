"""Size-only comments and sizes a product does not have (the reported nits): "XXL?" is not German
(a comment with no words keeps the viewer's language, else the seller's, else the session's
usual one), and "tem tamanho 37?" on the T-shirt is a size ask for a size it never comes in, so
the draft says so and lists the sizes in stock instead of the whole stock list."""

from __future__ import annotations

import pytest
from helpers import SAMPLE_SHEET

from sola_studio.catalog import load_sheet
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.events import Draft, FlagReason, Intent
from sola_studio.comments.facts import numbers_in
from sola_studio.comments.language import LanguageIdentifier
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Comment

SHEET = load_sheet(SAMPLE_SHEET)  # seller en; audience pt, en, es, de, ...


@pytest.fixture
def desk() -> CommentDesk:
    return CommentDesk(SHEET, clock=ManualClock(), config=DeskConfig(embeddings=False))


def _say(desk: CommentDesk, viewer: str, text: str) -> Draft:
    clock = desk.clock
    assert isinstance(clock, ManualClock)
    clock.advance(5)
    n = int(clock.monotonic() * 1000)
    return desk.process(
        Comment(f"c{n}", "manual", viewer, viewer, text, clock.monotonic(), clock.wall())
    )


@pytest.mark.parametrize(
    ("text", "size"),
    [("XXL?", "XXL"), ("xxl??", "XXL"), ("3XL?", "XXXL"), ("GG?", "XL"), ("42??", None)],
)
def test_a_comment_of_sizes_alone_is_in_the_sellers_language(
    desk: CommentDesk, text: str, size: str | None
) -> None:
    understood = desk.understander.understand(
        Comment("u", "manual", "v", "v", text, 0.0, desk.clock.wall())
    )
    assert (understood.language, understood.language_confidence) == ("en", 0.0)
    assert understood.entities.size == size  # 42 is no T-shirt size, nor a size word's number
    draft = _say(desk, "new-viewer", text)
    assert draft.language == "en", draft  # the live is hosted in English, never lingua's German
    if size is not None:
        assert draft.intent is Intent.SIZE_STOCK


def test_a_comment_of_sizes_alone_keeps_the_viewers_language(desk: CommentDesk) -> None:
    assert _say(desk, "ana", "quanto custa a camiseta?").language == "pt"
    draft = _say(desk, "ana", "XXL?")
    assert draft.language == "pt"
    assert "não tem esse tamanho" in draft.text, draft.text  # XXL is not a T-shirt size
    assert FlagReason.UNKNOWN_VARIANT in draft.flags
    assert _say(desk, "hans", "was kostet das T-Shirt?").language == "de"
    assert _say(desk, "hans", "XXL?").language == "de"  # German because Hans writes German


def test_without_the_sellers_language_the_sessions_usual_one_is_used() -> None:
    identifier = LanguageIdentifier(["es", "pt"])  # a seller hosting in English, not listed
    assert identifier.guess("XXL?", seller="en").language == "es"  # nothing yet: the first
    for text in ("quanto custa a camiseta?", "tem na cor preta?", "qual o prazo de entrega?"):
        assert identifier.guess(text, seller="en").language == "pt"
    assert identifier.guess("¿cuánto cuesta?", seller="en").language == "es"
    guess = identifier.guess("XXL?", seller="en")
    assert (guess.language, guess.confidence) == ("pt", 0.0)  # 3 confident pt to 1 es
    # words around a size still decide: the size letters are only left out of the count
    assert identifier.guess("¿tienen XXL en negro?").language == "es"


@pytest.mark.parametrize(
    ("text", "language", "says"),
    [
        ("tem tamanho 37?", "pt", "não tem esse tamanho"),
        ("do you have it in size 9?", "en", "does not come in that size"),
        ("¿hay talla 40?", "es", "no viene en esa talla"),
        ("37码有吗", "zh", "没有这个尺码"),
    ],
)
def test_a_numbered_size_the_tshirt_never_comes_in_is_said_so(
    desk: CommentDesk, text: str, language: str, says: str
) -> None:
    understood = desk.understander.understand(
        Comment("u", "manual", "v", "v", text, 0.0, desk.clock.wall())
    )
    assert understood.entities.size is not None and understood.entities.size in text
    assert understood.entities.product_id == "tee"
    draft = _say(desk, f"v-{language}", text)
    assert draft.language == language
    assert says in draft.text, draft.text
    # the sizes the T-shirt has in stock, never the asked number (no sheet fact holds it)
    assert numbers_in(draft.text) == [], draft.text
    for size in ("S", "M", "L", "XL"):
        assert size in draft.text
    assert [f.id for f in draft.facts] == ["variants:tee"]
    assert FlagReason.UNKNOWN_VARIANT in draft.flags
    assert FlagReason.SHEET_SILENT not in draft.flags


def test_a_numbered_size_the_runners_have_is_answered_with_its_stock(desk: CommentDesk) -> None:
    draft = _say(desk, "v", "size 40 in the runners?")
    assert FlagReason.UNKNOWN_VARIANT not in draft.flags, draft.text
    assert "40" in draft.text and "does not come in" not in draft.text
