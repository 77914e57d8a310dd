"""Issue 15, fourth round: mechanisms meant to hold on a sheet nobody has seen, each tested on a
sheet of a trade no set has (``tests/desk_calibration/bikes.yaml``: bicycles, a French-speaking
seller pricing in EUR with a Swiss list in CHF) with lines written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_support import ask, desk_on

from sola_studio.catalog import load_sheet
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.entities import city_country
from sola_studio.comments.events import Draft, FlagReason, Intent, UnderstoodComment
from sola_studio.comments.lexicon import fold
from sola_studio.core.clock import ManualClock

BIKES = Path(__file__).resolve().parent / "desk_calibration" / "bikes.yaml"
# every value of the city bike's fields: none may stand in for an answer the sheet lacks
_FIELD_VALUES = ("14.5", "6061", "7-speed", "7 vitesses", "dynamo", "165")


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return desk_on(BIKES)


@pytest.mark.parametrize(
    "text",
    [
        "does it come with a pump?",
        "le vélo est livré avec une pompe ?",
        "is there a kickstand?",
        "il y a une béquille ?",
    ],
)
def test_a_question_the_sheet_is_silent_on_goes_to_the_seller(desk: CommentDesk, text: str) -> None:
    draft, _ = ask(desk, text)
    assert FlagReason.SHEET_SILENT in draft.flags, draft.text
    assert not any(v in draft.text for v in _FIELD_VALUES), draft.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("how heavy is it?", "14.5"),  # a quantity's name, no word of the label
        ("quel est le poids du vélo ?", "14.5"),
        ("what is the frame made of?", "6061"),
        ("does it have lights?", "dynamo"),
        ("how many gears?", "7"),
    ],
)
def test_a_question_the_sheet_answers_is_still_answered(
    desk: CommentDesk, text: str, value: str
) -> None:
    draft, u = ask(desk, text)
    assert u.intent is Intent.MATERIAL, draft.text
    assert FlagReason.SHEET_SILENT not in draft.flags, draft.text
    assert value in draft.text, draft.text


@pytest.mark.parametrize(
    ("text", "country", "says"),
    [
        ("Lieferung nach Zürich?", "CH", "39"),
        ("do you ship to Toronto?", "CA", "120"),
        ("доставка в Москву есть?", "RU", "не доставляем"),  # inflected: Москва
        ("envoi à Nice ?", "FR", "gratuite"),
        ("quanto custa o frete pra Lisboa?", "PT", "60"),  # no rule of its own: the catch-all
    ],
)
def test_a_city_names_the_country_a_shipping_question_is_for(
    desk: CommentDesk, text: str, country: str, says: str
) -> None:
    draft, u = ask(desk, text)
    assert u.intent is Intent.SHIPPING, draft.text
    assert u.entities.country == country, draft.text
    assert says in draft.text, draft.text


def test_a_city_name_that_is_a_word_is_no_city() -> None:
    assert city_country(fold("nice, do you ship? love it"), "nice, do you ship? love it") is None
    assert city_country(fold("envoi à Nice ?"), "envoi à Nice ?") == "FR"
    assert city_country(fold("上海包邮吗"), "上海包邮吗") == "CN"  # a script without spaces


def test_a_country_code_alone_picks_that_market(desk: CommentDesk) -> None:
    draft, u = ask(desk, "CH Preis?")
    assert u.intent is Intent.PRICE and u.entities.country == "CH", draft.text
    assert "940" in draft.text and "890" not in draft.text, draft.text


@pytest.mark.parametrize("text", ["taille FR 42 dispo ?", "IS THE CH PRICE THE SAME?"])
def test_a_size_system_or_a_shouted_word_is_no_country_code(desk: CommentDesk, text: str) -> None:
    _, u = ask(desk, text)
    assert u.entities.country not in ("FR", "CH")


@pytest.fixture()
def rack_desk() -> CommentDesk:
    desk = CommentDesk(load_sheet(BIKES), clock=ManualClock(), config=DeskConfig())
    desk.pin("rack")  # sold in one size
    return desk


@pytest.mark.parametrize("text", ["サイズは？", "size?", "what size is the rack?"])
def test_size_of_a_product_sold_in_one_size_is_its_dimensions(
    rack_desk: CommentDesk, text: str
) -> None:
    draft, u = ask(rack_desk, text)
    assert u.intent is Intent.MATERIAL and u.fields == ("spec:dimensions",), draft.text
    assert "42 x 14" in draft.text, draft.text


def test_stock_of_a_product_sold_in_one_size_is_still_stock(rack_desk: CommentDesk) -> None:
    draft, u = ask(rack_desk, "is it in stock?")
    assert u.intent is Intent.SIZE_STOCK and "42 x 14" not in draft.text, draft.text


def test_sizes_of_a_product_sold_in_sizes_are_still_its_sizes(desk: CommentDesk) -> None:
    draft, u = ask(desk, "which sizes do you have?")
    assert u.intent is Intent.SIZE_STOCK, draft.text
    assert "M" in draft.text and "L" in draft.text, draft.text


@pytest.mark.parametrize(
    ("text", "row", "not_row"),
    [
        ("je fais 170 cm, quelle taille ?", "spec:frame_m", "spec:frame_l"),
        ("I'm 186 cm tall, which size?", "spec:frame_l", "spec:frame_m"),
    ],
)
def test_a_measurement_given_is_answered_from_the_nearest_row_of_the_chart(
    desk: CommentDesk, text: str, row: str, not_row: str
) -> None:
    draft, u = ask(desk, text)
    assert u.intent is Intent.MATERIAL and row in u.fields, draft.text
    assert not_row not in u.fields[:1], draft.text


def ask_as(desk: CommentDesk, viewer: str, text: str) -> tuple[Draft, UnderstoodComment]:
    return ask(desk, text, viewer=viewer)


@pytest.mark.parametrize(
    ("answer", "product", "price"),
    [
        ("the folding one", "folding_bike", "1190"),
        ("le pliant", "folding_bike", "1190"),
        ("the red one", "folding_bike", "1190"),
        ("la ville", "city_bike", "890"),
    ],
)
def test_the_answer_to_which_one_picks_among_the_products_asked_about(
    rack_desk: CommentDesk, answer: str, product: str, price: str
) -> None:
    draft, u = ask_as(rack_desk, "chooser", "how much is the bike?")
    assert FlagReason.WHICH_PRODUCT in draft.flags, draft.text
    assert set(u.entities.candidates) == {"city_bike", "folding_bike"}
    draft, u = ask_as(rack_desk, "chooser", answer)
    assert u.entities.product_id == product, draft.text
    assert u.intent is Intent.PRICE and price in draft.text.replace(",", ""), draft.text


def test_a_word_both_products_share_picks_neither(rack_desk: CommentDesk) -> None:
    ask_as(rack_desk, "undecided", "how much is the bike?")
    draft, u = ask_as(rack_desk, "undecided", "the bike, yes")
    assert u.entities.product_id not in ("city_bike", "folding_bike") or (
        FlagReason.WHICH_PRODUCT in draft.flags
    ), draft.text


def test_a_product_named_in_a_field_does_not_pull_a_stock_question_to_it() -> None:
    tea = load_sheet(Path(__file__).resolve().parent / "desk_calibration" / "tea.yaml")
    desk = CommentDesk(tea, clock=ManualClock(), config=DeskConfig())
    desk.pin("gaiwan")  # its one field is "Gaiwan lid: porcelain with a gold rim"
    draft, u = ask(desk, "is the gaiwan still in stock?")
    assert u.intent is Intent.SIZE_STOCK and "rim" not in draft.text, draft.text
    draft, u = ask(desk, "is the gaiwan lid porcelain?")
    assert u.intent is Intent.MATERIAL and "gold rim" in draft.text, draft.text


def test_of_the_products_named_the_one_in_the_colour_asked_is_meant(desk: CommentDesk) -> None:
    draft, u = ask(desk, "love the helmet! is the bike also in red?")
    assert u.entities.product_id == "folding_bike", draft.text


def test_a_product_named_after_a_city_names_no_country(tmp_path: Path) -> None:
    text = BIKES.read_text(encoding="utf-8").replace(
        "name: {fr: Porte-bagages arrière, en: Rear rack}",
        "name: {fr: Porte-bagages Montréal, en: Montreal rack}",
    )
    sheet = tmp_path / "bikes.yaml"
    sheet.write_text(text, encoding="utf-8")
    desk = CommentDesk(load_sheet(sheet), clock=ManualClock(), config=DeskConfig())
    draft, u = ask(desk, "can you ship the Montreal rack?")
    assert u.intent is Intent.SHIPPING and u.entities.country != "CA", draft.text
    draft, u = ask(desk, "can you ship the Montreal rack to Montreal?")
    assert u.entities.country == "CA", draft.text
