"""Viewers' emoji survive translation: "boa noite gente!! 💛" through the real Bergamot pt->en
came out "good night people!! The s". Emoji never reach the engine; the ones that open or
close a comment are put back with their spacing, the ones inside it come back in place."""

from __future__ import annotations

import pytest

from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.factory import StudioTranslator, build_translator
from sola_studio.translate.glossary import split_symbol_edges


@pytest.fixture(scope="module")
def pt_en(bergamot: BergamotTranslator) -> StudioTranslator:
    return build_translator("pt", ["en"], engines=[bergamot], strict=False)


def english(translator: StudioTranslator, text: str) -> str:
    return translator.translate([text], "pt", ["en"])["en"][0]


def test_the_reported_comment_keeps_its_heart(pt_en: StudioTranslator) -> None:
    out = english(pt_en, "boa noite gente!! 💛")
    assert out.endswith("!! 💛")
    assert out.lower().startswith("good night")
    assert "The s" not in out


@pytest.mark.parametrize(
    ("comment", "emoji", "words"),
    [
        ("amei 😍😍 quanto custa?", ["😍😍"], ["cost"]),
        ("🇧🇷 manda pro Brasil? 🙏🏽", ["🇧🇷", "🙏🏽"], ["Brazil"]),
        ("oi 👋🏽 tudo bem ❤️\u200d🔥", ["👋🏽", "❤️\u200d🔥"], []),
        ("tem G? 👍 valeu", ["👍"], ["G"]),
    ],
)
def test_emoji_come_back_whole_and_the_words_are_translated(
    pt_en: StudioTranslator, comment: str, emoji: list[str], words: list[str]
) -> None:
    out = english(pt_en, comment)
    for e in emoji:
        assert out.count(e) == comment.count(e), out
    for w in words:
        assert w in out, out
    # the engine's fillers for symbols it cannot read ("- - - -", '" " "') are gone
    assert "- -" not in out and '" "' not in out, out
    # nothing is appended in parentheses: the emoji came back in place
    assert "(" not in out, out


def test_a_comment_of_emoji_alone_is_left_as_it_is(pt_en: StudioTranslator) -> None:
    assert english(pt_en, "💛💛🔥") == "💛💛🔥"


def test_emoji_never_reach_the_engine(pt_en: StudioTranslator) -> None:
    prepared = pt_en.prepared(["🇧🇷 amei 😍 manda pro Brasil? 🙏🏽"], "pt", ["en"])["en"][0]
    assert prepared.text == "amei ZQX0 manda pro Brasil?"
    assert dict(prepared.placeholders) == {"ZQX0": "😍"}


def test_units_and_marks_below_the_symbol_blocks_stay_with_the_text() -> None:
    edges = split_symbol_edges("aguenta 30°C ™")
    assert (edges.lead, edges.core, edges.trail) == ("", "aguenta 30°C ™", "")
    edges = split_symbol_edges("  oi  ")
    assert (edges.lead, edges.core, edges.trail) == ("", "  oi  ", "")
