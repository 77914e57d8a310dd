"""Issue 15, twenty-fourth round: what the round-27 blind set and its judge found wrong.

- Malay chat in a Malaysian seller's show was answered in Indonesian ("bingkai ni brp?",
  "8R ada?", "500ml ada lg?": 22 of round 27's lines) or in Swedish ("kole ni brp berat?":
  Swedish "ni"): lingua has no Malay model and reads it as Indonesian, and the seller's language
  leaned the pick only when lingua ranked it, which it never does for Malay. Now the seller's
  Malay leans Indonesian, lingua's reading of it, and a tie between the two goes to the seller's;
  "berapa" and "brp" are words of the two (they outweigh Swedish "ni"); "xde", "takde", "nk",
  "mcm" are Malay chat's own.
- A city of 100,000 to 250,000 people was not known ("ship to geneva?", "livraison à Rouen ?",
  "pos ke penang brp sis": "which country?"): the city table kept cities of 250,000 or more.
  A smaller city counts now where no other city of its name is a fifth of its size; a large
  city is still weighed against the large ones only (Vancouver, Canada, not Washington), and a
  region's name beats a smaller city ("Ontario").
- "rug to dublin?", "kit to edinburgh?": a city right after "to", in a question with no cue of
  its own, is where it ships (was read as a question about the rug's size chart).
- "my head is 54cm, which size?", "main 19,5 cm quelle taille ?" got the whole size chart; now
  the row the measurement fits, or the two around it (fit.py).

Guards (pass on the starting code too): Indonesian chat in an Indonesian seller's show, a large
city against a smaller namesake, a city named as where the viewer is, a chart asked without a
measurement.

The sheets and lines are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_support import ask, desk_on_text, says

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import FlagReason

PEWTER = """\
schema: 2
seller_name: Timah Indah
seller_language: ms
currency: MYR
audience_languages: [ms, en, id, zh, sv]
defaults:
  shipping:
    - {country: MY, cost: 10, days_min: 1, days_max: 3, carrier: Pos Laju}
    - {country: SG, cost: 25, days_min: 3, days_max: 5, carrier: DHL}
    - {country: IE, cost: 61, days_min: 7, days_max: 12, carrier: DHL}
    - {country: CH, cost: 73, days_min: 7, days_max: 12, carrier: DHL}
    - {country: CA, cost: 84, days_min: 8, days_max: 14, carrier: DHL}
    - {country: GB, cost: 57, days_min: 7, days_max: 12, carrier: DHL}
    - {country: US, cost: 92, days_min: 8, days_max: 14, carrier: DHL}
  payment:
    methods: [FPX, GrabPay]
products:
  - id: bingkai
    name: {ms: Bingkai Gambar Songket, en: Songket photo frame, id: Bingkai foto Songket}
    aliases: {ms: [bingkai], en: [frame]}
    type: {ms: bingkai gambar, en: photo frame, id: bingkai foto}
    price: 149
    variants:
      - {size: 4R, stock: 12}
      - {size: 5R, stock: 5, price: 189}
      - {size: 8R, stock: 0, price: 249}
  - id: kole
    name: {ms: Kole Pewter Tempa, en: Hammered pewter tankard, id: Gelas pewter tempa}
    aliases: {ms: [kole], en: [tankard]}
    type: {ms: kole, en: tankard, id: gelas}
    price: 289
    specs:
      - {key: weight, label: {ms: Berat, en: Weight}, value: {ms: "520 g", en: "520 g"}}
    variants:
      - {size: 500ml, stock: 8}
      - {size: 350ml, stock: 6, price: 229}
"""

BATIK = PEWTER.replace("seller_language: ms", "seller_language: id").replace(
    "audience_languages: [ms, en, id, zh, sv]", "audience_languages: [id, en, ms]"
)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    return desk_on_text(PEWTER, tmp_path_factory.mktemp("pewter"))


@pytest.mark.parametrize(
    "text",
    ["bingkai ni brp?", "8R ada?", "500ml ada lg?", "kole ni brp berat?", "sis kole ni brp?"],
)
def test_malay_chat_in_a_malaysian_sellers_show_is_answered_in_malay(
    desk: CommentDesk, text: str
) -> None:
    draft, u = ask(desk, text, pin="bingkai")
    assert u.language == "ms", (u.language, u.language_confidence)
    assert draft.language == "ms", draft.text


def test_malay_chat_words_tell_malay_from_indonesian(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """In an Indonesian seller's show, Malay chat's own spellings still say Malay."""
    batik = desk_on_text(BATIK, tmp_path_factory.mktemp("batik"))
    _draft, u = ask(batik, "5R xde stok ke? nk beli", pin="bingkai")
    assert u.language == "ms", (u.language, u.language_confidence)


@pytest.mark.parametrize("text", ["berapa harganya kak?", "bingkai yg 5R ready gak kak?"])
def test_indonesian_chat_in_an_indonesian_sellers_show_stays_indonesian(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    batik = desk_on_text(BATIK, tmp_path_factory.mktemp("batik"))
    _draft, u = ask(batik, text, pin="bingkai")
    assert u.language == "id", (u.language, u.language_confidence)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("shipping to geneva?", "73"),  # 200,000 people; Geneva, Illinois is a tenth of it
        ("how much is shipping to Klang?", "10"),  # 240,000
        ("shipping to vancouver?", "84"),  # Vancouver, Washington is smaller by far
        ("ship to Manchester?", "57"),  # Manchester, New Hampshire is too
    ],
)
def test_a_city_names_the_country_it_ships_to(desk: CommentDesk, text: str, amount: str) -> None:
    draft, u = ask(desk, text, pin="kole")
    assert u.intents[0].value == "shipping", u.intents
    assert says(draft.text, amount), draft.text


@pytest.mark.parametrize(
    ("text", "amount"),
    [("tankard to dublin?", "61"), ("frame to Edinburgh?", "57"), ("kole to geneva?", "73")],
)
def test_a_city_after_to_asks_the_shipping(desk: CommentDesk, text: str, amount: str) -> None:
    draft, u = ask(desk, text, pin="kole")
    assert u.intents[0].value == "shipping", (u.intents, u.fields)
    assert says(draft.text, amount), draft.text


@pytest.mark.parametrize(
    "text",
    [
        "hello from Dublin! how heavy is the tankard?",
        # read sets: the city after "to" does not end the question
        "how heavy is the tankard? taking it back to Dublin",
    ],
)
def test_a_city_where_the_viewer_is_or_goes_asks_no_shipping(desk: CommentDesk, text: str) -> None:
    _draft, u = ask(desk, text, pin="kole")
    assert u.intents[0].value != "shipping", u.intents


HELMETS = """\
schema: 2
seller_name: Sellerie du Bocage
seller_language: fr
currency: EUR
audience_languages: [fr, en, de]
defaults:
  shipping:
    - {country: FR, cost: 5.90, days_min: 2, days_max: 4, carrier: Colissimo}
products:
  - id: casque
    name: {fr: Casque d'équitation Bocage, en: Bocage riding helmet, de: Reithelm Bocage}
    aliases: {fr: [casque], en: [helmet], de: [Reithelm]}
    type: {fr: casque, en: helmet, de: Helm}
    price: 129
    specs:
      - {key: head, label: {fr: Tour de tête, en: Head size, de: Kopfumfang},
         value: {fr: "S = 53-55 cm, M = 56-58 cm, L = 59-61 cm",
                 en: "S = 53-55 cm, M = 56-58 cm, L = 59-61 cm",
                 de: "S = 53-55 cm, M = 56-58 cm, L = 59-61 cm"}}
    variants:
      - {size: S, stock: 4}
      - {size: M, stock: 0}
      - {size: L, stock: 3}
  - id: gants
    name: {fr: Gants d'équitation, en: Riding gloves, de: Reithandschuhe}
    aliases: {fr: [gants], en: [gloves], de: [Handschuhe]}
    type: {fr: gants, en: gloves, de: Handschuhe}
    price: 29
    specs:
      - {key: hand, label: {fr: Tour de main, en: Hand size, de: Handumfang},
         value: {fr: "T6 = 15-16 cm, T7 = 17-18 cm, T8 = 19-20 cm (mesuré sous les jointures)",
                 en: "T6 = 15-16 cm, T7 = 17-18 cm, T8 = 19-20 cm (measured below the knuckles)",
                 de: "T6 = 15-16 cm, T7 = 17-18 cm, T8 = 19-20 cm (unter den Knöcheln gemessen)"}}
    variants:
      - {size: T6, stock: 5}
      - {size: T7, stock: 5}
      - {size: T8, stock: 5}
"""


@pytest.fixture(scope="module")
def saddlery(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    return desk_on_text(HELMETS, tmp_path_factory.mktemp("helmets"))


@pytest.mark.parametrize(
    ("text", "pin", "fits", "not_said"),
    [
        ("my head is 54cm, which size?", "casque", "S = 53-55 cm", "M = 56-58"),
        ("j'ai 57 cm de tour de tête, quelle taille ?", "casque", "M = 56-58 cm", "S = 53-55"),
        ("main 19,5 cm quelle taille ?", "gants", "T8 = 19-20 cm", "T6"),
        ("what size for a 17cm hand?", "gants", "T7 = 17-18 cm", "T8"),
    ],
)
def test_a_measurement_gets_the_chart_row_it_fits(
    saddlery: CommentDesk, text: str, pin: str, fits: str, not_said: str
) -> None:
    """After round 27's judge: "my head is 54cm, which size?" got the whole chart."""
    draft, _u = ask(saddlery, text, pin=pin)
    assert fits in draft.text, draft.text
    assert not_said not in draft.text, draft.text


def test_a_measurement_between_two_rows_gets_both(saddlery: CommentDesk) -> None:
    draft, _u = ask(saddlery, "my hand is 16.5 cm, what size?", pin="gants")
    assert "T6 = 15-16 cm" in draft.text and "T7 = 17-18 cm" in draft.text, draft.text
    assert "T8" not in draft.text and "knuckles" in draft.text, draft.text


def test_a_size_question_without_a_measurement_gets_the_whole_chart(
    saddlery: CommentDesk,
) -> None:
    draft, _u = ask(saddlery, "what are the helmet sizes in cm?", pin="casque")
    assert all(row in draft.text for row in ("S = 53-55", "M = 56-58", "L = 59-61")), draft.text


def test_a_total_of_a_name_ending_in_a_number_is_not_read_as_a_bigger_amount(
    tmp_path: Path,
) -> None:
    """Round 27: "Vesuvino 13 399,00 €" in a total read as 13,399 euros; the invented-fact
    check replaced the right draft by "the seller will check"."""
    sheet = HELMETS.replace("Bocage riding helmet", "Bocage riding helmet 13").replace(
        "Casque d'équitation Bocage", "Casque d'équitation Bocage 13"
    )
    desk = desk_on_text(sheet, tmp_path)
    draft, _u = ask(desk, "1 casque S + 1 gants T7, quel total ?", pin="gants")
    assert FlagReason.SHEET_SILENT not in draft.flags, draft.text
    assert says(draft.text, "158") and not says(draft.text, "13129"), draft.text
