"""Issue 15, twentieth round: what the round-23 blind set and its judge found wrong.

- Swedish, Danish, Norwegian, Finnish and Tagalog viewers were answered in English (or in
  Indonesian, or in German: "sender dere til Bergen?" got the German rate). Each is a desk
  language now, a file each (sola_studio/lang/data/{sv,da,nb,fi,tl}.yaml).
- "boleh hantar ke KL tak? nak driver carbon ni" is Malay: one romanised Hindi word ("tak")
  outweighed its four once lingua ranked more languages; KL is Kuala Lumpur.
- A city of 250,000 people names its country (Bergen), and so does an Indonesian province
  (Bali, Yogyakarta): "which country?" had been asked of viewers who had said.
- "yo whats up from san diego 🏌️‍♂️" was flagged hostile: the joiner inside the emoji was read as
  hidden text.
- "the large one in usd?" of brushes sold as "小楷 small, tip 18 mm" and "大楷 large, tip 32 mm"
  got the small one's price; "木盒版的多少？" (how much is the wooden-box one?) got the contents.

Sheets and lines written for these tests."""

from __future__ import annotations

import pytest
from desk_support import ask, desk_on_text, says

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import FlagReason, Intent

WOOL = """\
schema: 2
seller_name: Ullbod Visby
seller_language: en
currency: EUR
audience_languages: [en, sv, da, nb, fi, tl, ms, id]
defaults:
  shipping:
    - {country: SE, cost: 6.90, days_min: 1, days_max: 3, carrier: PostNord}
    - {country: DK, cost: 9.90, days_min: 2, days_max: 4, carrier: PostNord}
    - {country: "NO", cost: 14.90, days_min: 3, days_max: 6, carrier: PostNord}
    - {country: FI, cost: 11.90, days_min: 2, days_max: 5, carrier: PostNord}
    - {country: PH, cost: 24.00, days_min: 7, days_max: 14, carrier: DHL}
    - {country: ID, cost: 26.00, days_min: 7, days_max: 15, carrier: DHL}
  payment:
    methods: [card, bank transfer]
  returns: {days: 30, free: false, conditions: {en: unworn, sv: oanvända}}
products:
  - id: socks
    name: {en: Gotland wool socks, sv: Gotlandsstrumpor}
    aliases: {en: [socks, wool socks], sv: [strumpor, sockor]}
    type: {en: socks}
    price: 24.00
    prices: {USD: 26.00}
    specs:
      - key: wool
        label: {en: Wool, sv: Ull}
        value: {en: "100 % Gotland lambswool", sv: "100 % gotländsk lammull"}
    variants:
      - {size: "small, EU 36-39", stock: 8}
      - {size: "large, EU 40-45", stock: 3, price: 27.00}
  - id: blanket
    name: {en: Visby wool blanket, sv: Visbyfilt}
    aliases: {en: [blanket, throw], sv: [filt, pläd]}
    type: {en: blanket}
    price: 129.00
    variants:
      - {colour: grey, stock: 4}
      - {colour: natural, stock: 0}
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    return desk_on_text(WOOL, tmp_path_factory.mktemp("wool"))


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        ("hur mycket kostar filten?", "sv", "kostar"),
        ("hvad koster tæppet?", "da", "koster"),
        ("hva koster pleddet?", "nb", "koster"),
        ("paljonko viltti maksaa?", "fi", "maksaa"),
        ("magkano po yung blanket?", "tl", "presyo"),
    ],
)
def test_a_nordic_or_filipino_viewer_gets_the_price_in_their_language(
    desk: CommentDesk, text: str, language: str, word: str
) -> None:
    draft, u = ask(desk, text, pin="blanket")
    assert u.language == language, (u.language, u.language_confidence)
    assert u.intent is Intent.PRICE
    assert draft.language == language and word in draft.text.lower(), draft.text
    assert says(draft.text, "129")
    assert FlagReason.NO_LANGUAGE not in draft.flags


@pytest.mark.parametrize(
    ("text", "language", "amount"),
    [
        ("skickar ni till Göteborg? vad kostar frakten", "sv", "6,90"),
        ("sender I til Aarhus? hvad koster fragten", "da", "9,90"),
        ("sender dere til Bergen? hvor lang tid tar det", "nb", "14,90"),
        ("toimitatteko Suomeen? paljonko postikulut", "fi", "11,90"),
        ("pwede po ba ipadala sa Cebu? magkano shipping", "tl", "24"),
    ],
)
def test_a_city_names_the_country_and_the_rate_is_said_in_the_viewers_language(
    desk: CommentDesk, text: str, language: str, amount: str
) -> None:
    draft, u = ask(desk, text, pin="socks")
    assert u.language == language, (u.language, u.language_confidence)
    assert u.intent is Intent.SHIPPING
    assert amount in draft.text, draft.text
    assert draft.language == language


def test_malay_with_a_word_romanised_hindi_writes_stays_malay_and_kl_is_malaysia(
    desk: CommentDesk,
) -> None:
    draft, u = ask(desk, "boleh hantar ke KL tak? nak stokin ni", pin="socks")
    assert u.language == "ms", u.language
    assert u.entities.country == "MY"
    # Malaysia has no row: the seller checks, in Malay
    assert FlagReason.SHEET_SILENT in draft.flags
    assert draft.language == "ms"


@pytest.mark.parametrize("text", ["kak bisa kirim ke Bali ga?", "kirim ke Yogyakarta berapa lama?"])
def test_an_indonesian_province_names_indonesia(desk: CommentDesk, text: str) -> None:
    draft, u = ask(desk, text, pin="socks")
    assert u.entities.country == "ID"
    assert says(draft.text, "26"), draft.text


def test_a_greeting_with_a_joined_emoji_is_welcomed_not_flagged(desk: CommentDesk) -> None:
    draft, u = ask(
        desk, "yo whats up from san diego \U0001f3cc\ufe0f\u200d\u2642\ufe0f", pin="socks"
    )
    assert u.intent is Intent.GREETING
    assert FlagReason.HOSTILE not in draft.flags
    assert "welcome" in draft.text.lower()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("the large one in usd?", "en"),
        ("yang besar berapa?", "id"),
        ("den stora, vad kostar den?", "sv"),
    ],
)
def test_a_size_word_inside_a_variant_label_names_that_variant(
    desk: CommentDesk, text: str, language: str
) -> None:
    draft, u = ask(desk, text, pin="socks")
    assert u.entities.size == "large, EU 40-45", u.entities.size
    assert says(draft.text, "27"), draft.text
    assert not says(draft.text, "24"), draft.text  # the small pair's price is not the answer


CALLIGRAPHY = """\
schema: 2
seller_name: 墨香
seller_language: zh
currency: TWD
audience_languages: [zh, en]
defaults:
  shipping:
    - {country: TW, cost: 80, days_min: 1, days_max: 3}
products:
  - id: starter
    name: {zh: 書法入門組, en: Calligraphy starter set}
    aliases: {zh: [入門組], en: [starter set]}
    type: {zh: 書法套組, en: calligraphy set}
    price: 1680
    specs:
      - key: contents
        label: {zh: 內容物, en: Contents}
        value: {zh: "毛筆1支、墨汁1瓶、硯台1個", en: "1 brush, 1 bottle of ink, 1 inkstone"}
    variants:
      - {box: "藍布盒 blue cloth box", stock: 8}
      - {box: "木盒 wooden box", stock: 2, price: 1980}
  - id: brush
    name: {zh: 狼毫筆, en: Wolf-hair brush}
    aliases: {zh: [狼毫], en: [wolf brush]}
    type: {zh: 毛筆, en: brush}
    price: 380
    specs:
      - key: hardness
        label: {zh: 硬度, en: Stiffness}
        value: {zh: "中硬", en: "medium stiff"}
"""


@pytest.fixture(scope="module")
def ink_desk(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    return desk_on_text(CALLIGRAPHY, tmp_path_factory.mktemp("ink"))


def test_how_much_after_a_counting_word_is_the_price(ink_desk: CommentDesk) -> None:
    draft, u = ask(ink_desk, "木盒版的多少？送人比較好看", pin="starter")
    assert u.intent is Intent.PRICE
    assert says(draft.text, "1980"), draft.text


def test_how_much_after_a_measure_is_still_that_measure(ink_desk: CommentDesk) -> None:
    draft, u = ask(ink_desk, "這支狼毫硬度多少？", pin="brush")
    assert u.intent is not Intent.PRICE
    assert "中硬" in draft.text, draft.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ist er groß genug für zwei?", "de"),
        ("hoeveel kost het?", "nl"),
        ("czy są jeszcze w rozmiarze M?", "pl"),
        ("berapa lama pengiriman ke Jakarta kak?", "id"),
        ("e a versão grande, quanto fica?", "pt"),
        # lingua's shares among eighteen languages are smaller: put back on the scale the
        # weights were set on, one romanised Hindi word ("in") does not outweigh English
        ("red ones in stock?", "en"),
        ("turmeric 500g in stock?", "en"),
        ("y envian a Mexico tambien?", "es"),
    ],
)
def test_a_language_with_a_file_before_keeps_its_comments(
    desk: CommentDesk, text: str, language: str
) -> None:
    # five more languages ranked by lingua: none takes a comment from one answered before
    _, u = ask(desk, text, pin="socks")
    assert u.language == language, (u.language, u.language_confidence)


@pytest.mark.parametrize(
    "text", ["what's the wool on the cheaper one?", "is the pair cheaper than the blanket?"]
)
def test_the_cheaper_one_names_a_product_and_asks_no_discount(desk: CommentDesk, text: str) -> None:
    _, u = ask(desk, text, pin="socks")
    assert Intent.DISCOUNT not in u.intents, u.intents


CLUBS = """\
schema: 2
seller_name: Haeundae Golf
seller_language: ko
currency: KRW
audience_languages: [ko, en]
defaults:
  shipping:
    - {country: KR, cost: 3000, days_min: 1, days_max: 2}
faq:
  - id: tradein
    q: {ko: "쓰던 클럽 보상 판매 되나요?", en: "Do you take trade-ins?"}
    a:
      ko: "쓰던 드라이버를 보내주시면 최대 100000원 할인"
      en: "send your old driver for up to 100000 won off"
products:
  - id: driver
    name: {ko: 티타늄 드라이버, en: Titanium driver}
    aliases: {ko: [드라이버], en: [driver]}
    type: {ko: 드라이버, en: driver}
    price: 590000
    specs:
      - {key: loft, label: {ko: 로프트, en: Loft}, value: "9°"}
    variants:
      - {flex: R, stock: 5}
      - {flex: S, stock: 6, price: 620000}
      - {flex: X, stock: 0, price: 650000}
"""


@pytest.fixture(scope="module")
def club_desk(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    return desk_on_text(CLUBS, tmp_path_factory.mktemp("clubs"))


@pytest.mark.parametrize(
    ("text", "word"), [("X강도 재고 있나여?", "품절"), ("is X flex in stock?", "sold out")]
)
def test_an_option_of_one_capital_letter_is_that_variant(
    club_desk: CommentDesk, text: str, word: str
) -> None:
    # the golf shaft's X flex: its stock (sold out), not the trade-in FAQ nor the list alone
    draft, u = ask(club_desk, text, pin="driver")
    assert u.intent is Intent.SIZE_STOCK
    assert u.entities.variant_sku is not None and u.entities.variant_sku.endswith("X")
    assert word in draft.text, draft.text


def test_a_letter_between_numbers_is_no_variant(club_desk: CommentDesk) -> None:
    _, u = ask(club_desk, "is the box 2 X 3 m?", pin="driver")
    assert u.entities.variant_sku is None


@pytest.mark.parametrize(
    ("text", "country"),
    [("posíláte do Brna? kolik stojí poštovné?", "CZ"), ("wysyłacie do Osla?", "NO")],
)
def test_a_city_in_o_said_after_do_names_its_country(
    desk: CommentDesk, text: str, country: str
) -> None:
    # Czech and Polish say "to Brno" as "do Brna" (round 24's judge: "which country?")
    _, u = ask(desk, text, pin="socks")
    assert u.entities.country == country


def test_a_persian_word_joined_by_a_non_joiner_is_no_trick(desk: CommentDesk) -> None:
    # "هزینه‌اش" is written with a zero-width non-joiner: spelling, not hidden text
    draft, u = ask(desk, "سلام، به تهران ارسال دارید؟ هزینه\u200cاش چقدره؟", pin="socks")
    assert FlagReason.HOSTILE not in draft.flags
    assert u.intent is Intent.SHIPPING
    assert draft.text  # a reply for the seller to send: the sheet has no row for Iran


def test_swedish_lingua_is_sure_of_is_swedish_without_a_listed_word(desk: CommentDesk) -> None:
    _, u = ask(desk, "Blir strumporna mjuka efter tvätt?", pin="socks")
    assert u.language == "sv", (u.language, u.language_confidence)
