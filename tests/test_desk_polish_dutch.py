"""Issue 15, seventh round: Polish and Dutch are desk languages (a data file each, and lingua
ranks them). A Polish seller's Polish viewers and Dutch viewers get replies wholly in their own
language, from the sheet's own texts in that language; short chat is told by its words.
Lines written for these tests, on ``tests/desk_calibration/pottery.yaml`` (a Polish seller;
audience pl, nl, en; every text in the three)."""

from __future__ import annotations

import desk_support
import pytest
from desk_support import CALIBRATION, desk_on

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import Intent
from sola_studio.comments.language import SUPPORTED, LanguageIdentifier

POTTERY = CALIBRATION / "pottery.yaml"


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return desk_on(POTTERY)


def test_polish_and_dutch_are_supported_languages() -> None:
    assert {"pl", "nl"} <= set(SUPPORTED)


@pytest.mark.parametrize(
    ("text", "language", "intent", "must", "must_not"),
    [
        ("ile kosztuje kubek?", "pl", Intent.PRICE, ["89,00 zł", "Kubek z gliny"], ["Stoneware"]),
        ("a miska ile kosztuje?", "pl", Intent.PRICE, ["120,00 zł", "Miska do ramenu"], []),
        ("ile zostało niebieskich?", "pl", Intent.SIZE_STOCK, ["Niebieski", "2 sztuki"], []),
        ("czy wysyłacie do Niemiec?", "pl", Intent.SHIPPING, ["Niemcy", "60,00 zł", "6-12"], []),
        # a city in the genitive names its country: the home country ships free
        ("wysyłacie do Krakowa?", "pl", Intent.SHIPPING, ["Darmowa wysyłka", "1-3 dni"], ["?"]),
        ("a do Wrocławia ile idzie paczka?", "pl", Intent.SHIPPING, ["Darmowa wysyłka"], ["?"]),
        ("jaka pojemność tego kubka?", "pl", Intent.MATERIAL, ["Pojemność", "350 ml"], []),
        ("mogę zapłacić blikiem?", "pl", Intent.PAYMENT, ["BLIK"], ["pay"]),
        ("biały jest?", "pl", Intent.SIZE_STOCK, ["Biały", "11 sztuk"], []),  # "is there white?"
        # a Dutch viewer pays in the sheet's euro market (twenty-sixth round: the languages of
        # one country name its market, as German and Italian did)
        ("hoeveel kost de mok?", "nl", Intent.PRICE, ["Stenen mok", "kost", "€"], ["Kubek", "zł"]),
        ("kan de mok in de vaatwasser?", "nl", Intent.MATERIAL, ["Vaatwasser", "ja, tot 60"], []),
        ("verzenden jullie naar België?", "nl", Intent.SHIPPING, ["België", "6 tot 12 dagen"], []),
        ("heb je de kom ook in het groen?", "nl", Intent.SIZE_STOCK, ["Groen", "5"], []),
        ("welke kleur heb je nog?", "nl", Intent.SIZE_STOCK, ["blauw", "wit"], []),
    ],
)
def test_a_question_gets_its_answer_in_the_viewers_language(
    desk: CommentDesk,
    text: str,
    language: str,
    intent: Intent,
    must: list[str],
    must_not: list[str],
) -> None:
    draft, u = desk_support.ask(desk, text, "mug")
    assert (u.language, u.intent) == (language, intent), (u.language, u.intent, draft.text)
    assert draft.language == language and not draft.flags, (draft.language, draft.flags)
    text = draft.text.replace("\xa0", " ")  # money is written with a no-break space
    for fact in must:
        assert fact in text, (fact, text)
    for word in must_not:
        assert word not in text, (word, text)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("hejka z Gdańska 👋", "pl", "witaj"),
        ("dzięki, do zobaczenia!", "pl", "do zobaczenia"),
        ("hoi allemaal, groetjes uit Utrecht", "nl", "welkom"),
        # a goodbye with no question is small talk, not a question the seller must check
        ("dzięki za live, do następnego! ❤️", "pl", "do zobaczenia"),
        ("bedankt voor de live, tot volgende week!", "nl", "tot de volgende keer"),
        ("thanks for the live, see you next week!", "en", "see you next time"),
    ],
)
def test_small_talk_is_answered_in_kind(
    desk: CommentDesk, text: str, language: str, expected: str
) -> None:
    draft, u = desk_support.ask(desk, text, "mug")
    assert u.intent is Intent.GREETING and not draft.flags, (u.intent, draft.flags)
    assert u.language == language and draft.language == language
    assert expected in draft.text.lower(), draft.text


def test_a_bare_word_outside_the_show_is_read_in_the_shows_languages() -> None:
    """Eleven Latin-script languages ranked on one word is noise ("wow" scored Polish): one or
    two words with none of a language's own words stay with the show's languages."""
    es_show = LanguageIdentifier(("es", "en"))
    for word in ("ok", "wow", "omg", "cool"):
        assert es_show.guess(word).language in ("es", "en"), word
    # a word that is the language's own still names it, and sentences are read as written
    assert es_show.guess("dzięki, pozdrawiam").language == "pl"
    assert es_show.guess("is er nog een in het rood?").language == "nl"


@pytest.mark.parametrize("text", ["a grafitowa miska jest?", "ile grafitowych zostało?"])
def test_a_colour_the_seller_named_is_found_inflected(desk: CommentDesk, text: str) -> None:
    """The sheet says "grafitowy"; a Polish viewer writes it as the sentence needs it."""
    draft, u = desk_support.ask(desk, text, "bowl")
    assert u.intent is Intent.SIZE_STOCK and u.entities.colour == "grafitowy"
    assert "Grafitowy" in draft.text and "4 sztuki" in draft.text, draft.text
