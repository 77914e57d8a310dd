"""Issue 15, sixth round, understanding: the language of a comment among every language the
product supports (not only the sheet's audience), a language the product has no templates for
told apart, and hostile lines found by their structure. Lines written for these tests, on the
tea sheet of ``tests/desk_calibration`` (a Spanish seller; audience es, en, ru, ar, ko, de)."""

from __future__ import annotations

import desk_support
import pytest
from desk_support import CALIBRATION, desk_on

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import FlagReason
from sola_studio.comments.language import SUPPORTED, LanguageIdentifier

TEA = CALIBRATION / "tea.yaml"
AUDIENCE = ("es", "en", "ru", "ar", "ko", "de")


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return desk_on(TEA)


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier(AUDIENCE)


# -- a supported language outside the sheet's audience is the comment's language -------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("quanto costa la teiera nera?", "it"),
        ("çaydanlık ne kadar, Türkiye'ye kargo var mı?", "tr"),
        ("ấm trà này giá bao nhiêu vậy shop?", "vi"),
        ("berapa harga teko ini kak?", "id"),
        ("combien coûte la théière noire ?", "fr"),
    ],
)
def test_a_viewer_outside_the_audience_gets_their_own_language(
    desk: CommentDesk, text: str, language: str
) -> None:
    assert language not in AUDIENCE
    draft, u = desk_support.ask(desk, text, "teapot")
    assert u.language == language, (u.language, u.language_confidence)
    # whatever the reply's language, never a third one: the viewer's, English or the seller's
    assert draft.language in (language, "en", "es"), draft.language


# -- a language the product has no templates for: named, answered in English/seller's, flagged -


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("hoeveel kost die theepot van zwarte klei?", "nl"),
        ("ile kosztuje ten czajniczek z gliny?", "pl"),
        ("hur mycket kostar tekannan av svart lera?", "sv"),
        ("скільки коштує цей чайник з глини?", "uk"),
        ("Πόσο κοστίζει η τσαγιέρα;", "el"),
    ],
)
def test_a_language_the_product_lacks_is_told_apart_and_flagged(
    desk: CommentDesk, text: str, language: str
) -> None:
    assert language not in SUPPORTED
    draft, u = desk_support.ask(desk, text, "teapot")
    assert u.language == language, (u.language, u.language_confidence)
    assert draft.language in ("en", "es"), draft.language
    assert {FlagReason.NO_TEMPLATE, FlagReason.NO_LANGUAGE} & set(draft.flags), draft.flags


@pytest.mark.parametrize(
    "text",
    [
        "me lo dejas en 300 el de barro? porfa",  # short Spanish: no Latvian, no Catalan
        "cuánto tarda en llegar a Monterrey la tetera?",
        "was kostet die Teekanne aus schwarzem Ton?",
        "a chaleira é de barro mesmo? quero comprar duas",
        "berapa lama pengiriman ke Jakarta kak, pakai kurir apa?",
    ],
)
def test_chat_in_a_supported_language_is_never_taken_for_an_unsupported_one(
    identifier: LanguageIdentifier, text: str
) -> None:
    assert identifier.guess(text).language in SUPPORTED


def test_the_audience_leans_only_where_lingua_is_unsure() -> None:
    vi_show = LanguageIdentifier(("vi", "en", "id"))
    pt_show = LanguageIdentifier(("pt", "en", "es"))
    # two words good in several languages: the show's audience decides
    assert pt_show.guess("e preto?").language == "pt"
    # a sentence lingua is sure of is read as written, whoever the show is for
    assert vi_show.guess("Wie lange dauert der Versand nach München?").language == "de"
    assert vi_show.guess("quanto costa la versione blu, per favore?").language == "it"


def test_unsupported_guesses_do_not_become_the_sessions_usual_language() -> None:
    identifier = LanguageIdentifier(("es", "en"))
    for _ in range(3):
        assert identifier.guess("hoeveel kost die theepot van zwarte klei?").language == "nl"
    assert identifier.usual == "es"  # a comment with no words gets a language with templates
    assert identifier.guess("XXL?").language == "es"
