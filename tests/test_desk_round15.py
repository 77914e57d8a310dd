"""Issue 15, fifteenth round, from the eighteenth set's blind judge: viewers who write Tamil in
Latin letters ("stock irukka?") answered in Malay, English or French; a Hinglish accusation
answered in Malay. Sheets and lines written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_support import ask, desk_on_text, says

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import Intent

SHEET = """\
schema: 2
seller_name: Kanchipuram Silks
seller_language: en
currency: INR
audience_languages: [en, ta, hi, ko]
defaults:
  shipping:
    - {country: IN, cost: 80, days_min: 3, days_max: 6}
  returns: {days: 7}
products:
  - id: stole
    name: {en: Silk stole, ta: பட்டு துப்பட்டா, hi: रेशमी दुपट्टा}
    aliases: {en: [stole]}
    type: {en: stole}
    price: 1450
    specs:
      - {key: care, label: {en: Care}, value: {en: dry clean only; store folded in muslin}}
      - {key: weave, label: {en: Weave}, value: {en: handloom; zari border on both ends}}
    variants:
      - {colour: Maroon, stock: 6}
      - {colour: Peacock, stock: 2}
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    return desk_on_text(SHEET, Path(tmp_path_factory.mktemp("silks")))


@pytest.mark.parametrize(
    "text",
    ["stole evlo akka?", "enakku maroon venum, stock irukka?", "vanakkam akka, chennai la irundhu"],
)
def test_tamil_written_in_latin_letters_is_answered_in_tamil(desk: CommentDesk, text: str) -> None:
    draft, u = ask(desk, text, pin="stole")
    assert u.language == "ta", (text, u.language)
    assert draft.language == "ta" and any("\u0b80" <= c <= "\u0bff" for c in draft.text), draft.text


def test_a_tamil_price_question_in_latin_letters_gets_the_price(desk: CommentDesk) -> None:
    draft, u = ask(desk, "stole evlo akka?", pin="stole")
    assert u.intent is Intent.PRICE, u.intents
    assert says(draft.text, "1450"), draft.text


def test_a_hinglish_accusation_is_read_as_hindi(desk: CommentDesk) -> None:
    draft, u = ask(desk, "tumhara silk nakli hai, fraud ho tum log, sab dhyan rakho!!", pin="stole")
    assert u.language == "hi", u.language
    assert draft.language == "hi", draft.text


SHORTS = """\
schema: 2
seller_name: Chang Gym
seller_language: th
currency: THB
audience_languages: [th, en, es, ja]
markets:
  - {currency: EUR, countries: [ES, DE, FR]}
  - {currency: GBP, countries: [GB]}
defaults:
  shipping:
    - {country: TH, cost: 0, days_min: 1, days_max: 3}
    - {country: "*", cost: 1200, days_min: 8, days_max: 20}
products:
  - id: shorts
    name: {th: กางเกงมวยไทย, en: Muay Thai shorts}
    aliases: {en: [shorts, short]}
    type: {en: shorts}
    price: 890
    prices: {EUR: 24.00, GBP: 21.00}
    specs:
      - {key: length, label: {en: Length, th: ความยาว}, value: {en: 38 cm at size M}}
  - id: gloves
    name: {th: นวมชกมวย, en: Boxing gloves}
    aliases: {en: [gloves]}
    type: {en: gloves, th: นวม}
    price: 1890
    variants:
      - {weight: 8 oz, colour: red, stock: 4}
      - {weight: 10 oz, colour: red, stock: 6, price: 1990}
      - {weight: 10 oz, colour: black, stock: 3, price: 1990}
      - {weight: 12 oz, colour: black, stock: 5, price: 2090}
"""


@pytest.fixture(scope="module")
def shorts(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    return desk_on_text(SHORTS, Path(tmp_path_factory.mktemp("shorts")))


def test_cuanto_sale_asks_the_price_not_for_a_sale(shorts: CommentDesk) -> None:
    # "sale" (es: it comes to) had matched the English discount word: the discount codes came
    draft, u = ask(shorts, "el short cuanto sale en euros?", pin="shorts")
    assert u.intent is Intent.PRICE, u.intents
    assert "24,00" in draft.text, draft.text


def test_quid_are_pounds(shorts: CommentDesk) -> None:
    draft, _ = ask(shorts, "price in quid for the shorts?", pin="shorts")
    assert says(draft.text, "21") and "£" in draft.text, draft.text


def test_how_long_is_the_product_asks_its_length_not_the_shipping(shorts: CommentDesk) -> None:
    draft, u = ask(shorts, "how long are the shorts?", pin="shorts")
    assert Intent.SHIPPING not in u.intents, u.intents
    assert "38 cm" in draft.text, draft.text
    _, u = ask(shorts, "how long is shipping to spain?", pin="shorts")
    assert u.intent is Intent.SHIPPING, u.intents


def test_a_weight_two_colours_share_is_priced_by_it(shorts: CommentDesk) -> None:
    # "10 oz" names two variants (red and black) of one price: that price, not the 8 oz one's
    draft, _ = ask(shorts, "นวม 10 ออนซ์ ราคาเท่าไหร่คะ", pin="gloves")
    assert says(draft.text, "1990") and "10 oz" in draft.text, draft.text
    assert not says(draft.text, "1890"), draft.text


def test_what_about_a_country_asks_the_shipping_there(shorts: CommentDesk) -> None:
    # "what about Australia? Brisbane" had been read as a spec question and got "will check",
    # although the sheet's rule for every other country answers it
    draft, u = ask(shorts, "what about Australia? Brisbane", pin="shorts")
    assert u.intent is Intent.SHIPPING, u.intents
    assert says(draft.text, "1200"), draft.text
