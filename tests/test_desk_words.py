"""Issue 15, eighth round: a currency's code alone asks the price ("usd?"), a payment service
named alone asks about paying ("klarna?"), "kaç lira" asks the price, a German compound holding
"Karte" ("Kartenetui") is no card payment, and a colour word that the product's own spec uses
("white marks") asks about that spec, not a colour; the colour noun alone ("colors?", "kolory?")
asks which colours. Lines written for these tests, on
``tests/desk_v2/sheets/home.yaml`` (sofa priced in USD, BRL and EUR)."""

from __future__ import annotations

import pytest
from desk_support import HOME, ask, desk_on_edited
from desk_support import says as amount_in

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import Intent


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    old = "      - {key: seat_height, label: {en: Seat height}, value: 45 cm}\n"
    spec = (
        "      - {key: marks, label: {en: White marks}, "
        "value: {en: leaves no white marks on dark floors}}\n"
    )
    return desk_on_edited(HOME, old, old + spec, tmp_path_factory.mktemp("sheet"))


@pytest.mark.parametrize(
    ("text", "intent", "says"),
    [
        ("eur?", Intent.PRICE, "829"),
        ("and in brl", Intent.PRICE, "4490"),
        ("bu koltuk kaç lira?", Intent.PRICE, None),  # Turkish: how many lira
        ("was kostet das sofa mit kartenetui", Intent.PRICE, None),
        ("klarna?", Intent.PAYMENT, "PayPal"),
        ("apple pay ok?", Intent.PAYMENT, "PayPal"),
    ],
)
def test_a_currency_code_or_a_wallet_alone_asks_the_price_or_the_payment(
    desk: CommentDesk, text: str, intent: Intent, says: str | None
) -> None:
    draft, u = ask(desk, text, pin="sofa")
    assert u.intent is intent, (text, u.intent)
    assert says is None or says in draft.text or amount_in(draft.text, says), draft.text


def test_a_colour_word_of_the_products_own_spec_asks_about_the_spec(desk: CommentDesk) -> None:
    draft, u = ask(desk, "does it leave white marks?", pin="sofa")
    assert u.entities.colour is None
    assert "does not come in white" not in draft.text
    _draft, u = ask(desk, "do you have it in white?", pin="sofa")
    assert u.entities.colour == "white"  # a colour the sofa lacks, asked as a colour


@pytest.mark.parametrize("text", ["colors?", "what colours?", "kolory?", "kleuren?", "ألوان؟"])
def test_the_colour_noun_alone_asks_which_colours(desk: CommentDesk, text: str) -> None:
    """It was answered from a spec field or 'the seller will check'."""
    draft, u = ask(desk, text, pin="sofa")
    assert u.intent is Intent.SIZE_STOCK, (text, u.intent)
    assert "sand" in draft.text, draft.text


def test_the_colour_of_a_part_is_no_stock_question(desk: CommentDesk) -> None:
    _draft, u = ask(desk, "colour of the legs?", pin="sofa")
    assert u.intent is not Intent.SIZE_STOCK


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("ile w dolarach?", "899,00"),  # Polish plural forms from CLDR: dolar, dolary, dolarów
        ("a w euro?", "€"),
        ("диван в евро сколько?", "€"),
        ("sofá em reais?", "R$"),
    ],
)
def test_a_currency_the_viewers_language_names_asks_the_price(
    desk: CommentDesk, text: str, says: str
) -> None:
    draft, u = ask(desk, text, pin="sofa")
    assert u.intent is Intent.PRICE, (text, u.intent)
    assert says in draft.text, draft.text


def test_a_country_is_no_currency_word() -> None:
    """ "złoty polski", "real brasileiro", "Schweizer Franken": the country's adjective is not
    a cue for its currency ("do Polski?" asks about shipping to Poland), the noun is."""
    from sola_studio.comments.currencies import currency_cues

    cues = currency_cues(("PLN", "BRL", "CHF", "EUR"), ("de", "en", "pl", "pt"))
    every = {c for cs in cues.values() for c in cs}
    assert not {"polsk", "brasi", "schwe", "brazy"} & every, every
    assert {"zloty", "frank", "dolar"} - every == {"dolar"}  # no USD asked for
    assert any(c.startswith("real") for c in cues["BRL"])


def test_a_currency_name_with_brackets_matches_only_itself() -> None:
    """CLDR's Gujarati name for the dirham is "[UAE] દિરહામ": taken as a cue whole, "[uae]" was a
    regex class matching any u, a or e, so every English comment to a sheet with Gujarati viewers
    and a dirham market asked a price in dirhams ("is it pure silk or art silk")."""
    from sola_studio.comments.currencies import currency_cues
    from sola_studio.comments.lexicon import find_cues, fold

    cues = currency_cues(("AED", "INR", "USD"), ("en", "gu", "hi"))
    assert not find_cues(fold("is it pure silk or art silk"), cues["AED"]), cues["AED"]
    assert find_cues(fold("price in dirhams?"), cues["AED"])
    assert find_cues(fold("કિંમત દિરહામ માં?"), cues["AED"])


@pytest.mark.parametrize(
    ("text", "payment"),
    [
        ("c'est quoi la taille des cartes ?", False),  # playing cards (the tenth set's judge)
        ("le jeu de cartes c'est pour combien de joueurs ?", False),
        ("vous acceptez la carte ?", True),
        ("les cartes bancaires sont acceptées ?", True),
    ],
)
def test_french_cards_to_play_are_no_payment(desk: CommentDesk, text: str, payment: bool) -> None:
    _draft, u = ask(desk, text, pin="sofa")
    assert (u.intent is Intent.PAYMENT) is payment, (text, u.intent)
