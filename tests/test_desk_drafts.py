"""Issue 15, fourth round, the drafts: what a seller reads, on a sheet written for these tests
(``tests/desk_drafts/kitchen.yaml``: kitchenware, a Portuguese seller, fields that are a yes
or a no) with lines written for them, not copied from a set."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from sola_studio.catalog import load_sheet
from sola_studio.comments import templates as tpl
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.events import Draft, FlagReason, UnderstoodComment
from sola_studio.comments.mixing import foreign_sheet_texts
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Comment

KITCHEN = Path(__file__).resolve().parent / "desk_drafts" / "kitchen.yaml"
_ids = itertools.count()


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return CommentDesk(load_sheet(KITCHEN), clock=ManualClock(), config=DeskConfig())


def ask(desk: CommentDesk, text: str, pin: str = "box") -> tuple[Draft, UnderstoodComment]:
    assert isinstance(desk.clock, ManualClock)
    if desk.sheet.pinned_id != pin:
        desk.pin(pin)
    desk.clock.advance(5)
    n = next(_ids)
    c = Comment(f"k{n}", "test", f"v{n}", "v", text, desk.clock.monotonic(), desk.clock.wall())
    draft = desk.process(c)
    u = desk.understood(c.id)
    assert u is not None
    return draft, u


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("is the lunch box dishwasher safe?", "Yes"),
        ("pode lavar na lava-louças?", "Sim"),
        ("¿se puede meter en el lavavajillas?", "Sí"),
        ("ist die Box spülmaschinenfest?", "Ja"),
    ],
)
def test_a_yes_field_answers_yes_first_in_the_viewers_language(
    desk: CommentDesk, text: str, first: str
) -> None:
    draft, u = ask(desk, text)
    assert u.fields[:1] == ("spec:dishwasher",), u.fields
    assert first in draft.text, draft.text
    assert "True" not in draft.text and "true" not in draft.text, draft.text


@pytest.mark.parametrize(
    ("text", "first"),
    [("can it go in the microwave?", "No"), ("posso usar no micro-ondas?", "Não")],
)
def test_a_false_field_answers_no(desk: CommentDesk, text: str, first: str) -> None:
    draft, u = ask(desk, text)
    assert u.fields[:1] == ("spec:microwave",), u.fields
    assert first in draft.text, draft.text
    assert "False" not in draft.text and "Yes" not in draft.text, draft.text


def test_a_yes_or_no_is_never_said_without_its_label(
    desk: CommentDesk,
) -> None:
    # the sheet has no Japanese labels: a bare "いいえ。 はい。" says no and yes to what? The
    # reply is in a language the labels are written in, flagged, one yes or no in it
    draft, _ = ask(desk, "電子レンジで使えますか？")
    assert "はい" not in draft.text and "いいえ" not in draft.text, draft.text
    assert FlagReason.NO_LANGUAGE in draft.flags, draft
    assert not ("Yes" in draft.text and "No" in draft.text), draft.text


def test_a_value_with_more_than_yes_or_no_is_said_as_written(desk: CommentDesk) -> None:
    draft, _ = ask(desk, "what is the capacity?")
    assert "850 ml" in draft.text, draft.text
    assert not draft.text.startswith(("Yes", "No")), draft.text


def test_yes_no_reads_only_a_whole_yes_or_no() -> None:
    assert tpl.yes_no({"en": "True"}) is True
    assert tpl.yes_no({"pt": "sim", "en": "yes"}) is True
    assert tpl.yes_no({"pt": "não", "en": "No."}) is False
    assert tpl.yes_no({"en": "no BPA"}) is None  # more than a no: said as written
    assert tpl.yes_no({"pt": "sim", "en": "no"}) is None  # the languages disagree
    assert tpl.yes_no({"en": "IPX4"}) is None
    # a desk language's own yes and no: Italian "Sì", Turkish "Hayır" (dotless i), Polish
    assert tpl.yes_no({"it": "Sì"}) is True
    assert tpl.yes_no({"tr": "Hayır"}) is False
    assert tpl.yes_no({"pl": "Tak", "nl": "Ja"}) is True
    assert tpl.yes_no({"pl": "Nie", "nl": "Nee", "en": "No"}) is False


@pytest.mark.parametrize(
    ("text", "answer", "label"),
    [
        ("czy miska nadaje się do mikrofalówki?", "Nie", "Mikrofalówka"),
        ("kan de kom in de magnetron?", "Nee", "Magnetron"),
    ],
)
def test_a_polish_sheets_no_is_said_first(text: str, answer: str, label: str) -> None:
    """The pottery sheet's microwave field is "Nie" / "Nee" / "No": a Polish or Dutch viewer
    reads the no first, with what it says no to, not "Mikrofalówka: Nie." to decode."""
    import desk_support

    pottery = desk_support.desk_on(desk_support.CALIBRATION / "pottery.yaml")
    draft, _ = desk_support.ask(pottery, text)
    assert draft.text.startswith(answer + " ("), draft.text
    assert label in draft.text, draft.text


def test_every_language_says_yes_and_no_with_the_label() -> None:
    for lang in tpl.LANGUAGES:
        for key in ("field_yes", "field_no"):
            text = tpl.render(key, lang, label="LABEL")
            assert "LABEL" in text and text.strip() != "LABEL", (lang, key, text)


@pytest.mark.parametrize("text", ["still got it in red?", "et en rouge ?", "tem na cor verde?"])
def test_a_reply_that_opens_with_a_colour_starts_with_a_capital(
    desk: CommentDesk, text: str
) -> None:
    draft, _ = ask(desk, text)
    assert draft.text[:1].isupper(), draft.text


def test_a_word_with_a_capital_inside_keeps_its_case() -> None:
    assert tpl.sentence("black: 6 in stock.") == "Black: 6 in stock."
    assert tpl.sentence("iPhone case: 3 left.") == "iPhone case: 3 left."
    assert tpl.sentence("42 mm / rose gold") == "42 mm / rose gold"


@pytest.mark.parametrize(
    ("text", "pin", "verb"),
    [
        ("how much are the tongs?", "tongs", " cost R$"),
        ("quanto custam os pegadores?", "tongs", " custam "),
        ("¿cuánto cuestan las pinzas?", "tongs", " cuestan "),
        ("how much is the glass?", "glass", " costs "),  # -ss is no plural
        ("quanto custa a marmita?", "box", " custa "),
    ],
)
def test_the_price_verb_agrees_with_a_plural_product(
    desk: CommentDesk, text: str, pin: str, verb: str
) -> None:
    draft, _ = ask(desk, text, pin=pin)
    assert verb in draft.text, draft.text


# "how does the lid close?" in every language the wizard offers; the lid's text is in
# Portuguese and English only
_LID = {
    "en": "how does the lid close?",
    "pt": "como fecha a tampa?",
    "es": "¿cómo se cierra la tapa?",
    "fr": "comment se ferme le couvercle ?",
    "it": "come si chiude il coperchio?",
    "de": "wie schließt der Deckel?",
    "ru": "как закрывается крышка?",
    "tr": "kapağı nasıl kapanıyor?",
    "ar": "كيف يغلق الغطاء؟",
    "hi": "ढक्कन कैसे बंद होता है?",
    "id": "tutupnya gimana nutupnya kak?",
    "vi": "nắp đóng như thế nào vậy?",
    "th": "ฝาปิดยังไงคะ",
    "ja": "蓋はどうやって閉めますか？",
    "ko": "뚜껑은 어떻게 닫혀요?",
    "zh": "盖子怎么关？",
    "nl": "hoe gaat het deksel dicht?",
    "pl": "jak się zamyka pokrywka?",
    "cs": "jak se zavírá víko?",
    "sk": "ako sa zatvára veko?",
    "uk": "як закривається кришка?",
    "ms": "macam mana nak tutup penutup ni?",
    "ta": "மூடி எப்படி மூடுகிறது?",
    "ml": "അടപ്പ് എങ്ങനെ അടയ്ക്കും?",
    "ur": "ڈھکن کیسے بند ہوتا ہے؟",
    "tl": "paano po isinasara ang takip?",
    "sv": "hur stänger man locket?",
    "da": "hvordan lukker man låget?",
    "nb": "hvordan lukker man lokket?",
    "fi": "miten kansi suljetaan?",
    "el": "πώς κλείνει το καπάκι;",
    "he": "איך נסגר המכסה?",
    "hu": "hogyan záródik a fedél?",
    "ro": "cum se închide capacul?",
    "fa": "درش چطوری بسته می‌شه؟",
    "sr": "kako se zatvara poklopac?",
    "hr": "kako se zatvara poklopac?",
    "bs": "kako se zatvara poklopac?",
    "sl": "kako se zapre pokrov?",
    "bg": "как се затваря капакът?",
    "mk": "како се затвора капакот?",
}


def test_every_wizard_language_gets_one_language_per_reply(desk: CommentDesk) -> None:
    assert set(_LID) == set(tpl.LANGUAGES)
    for lang, text in _LID.items():
        draft, _ = ask(desk, text)
        assert not foreign_sheet_texts(draft.text, draft.language, desk.sheet), (lang, draft)
        if FlagReason.NO_LANGUAGE in draft.flags:  # the seller's language or English
            assert draft.language in ("pt", "en"), (lang, draft.language, draft.text)
        # the lid's text is said only in a language it is written in
        if "clips" in draft.text or "travas" in draft.text:
            assert draft.language in ("pt", "en"), (lang, draft.language, draft.text)


@pytest.mark.parametrize(
    ("text", "said", "unsaid"),
    [
        ("tem a frigideira em preto?", "Preto", "24 cm"),  # one size: the colour alone
        ("the frying pan in black?", "Black", "24 cm"),
    ],
)
def test_a_product_sold_in_one_size_names_its_variants_by_colour(
    desk: CommentDesk, text: str, said: str, unsaid: str
) -> None:
    draft, _ = ask(desk, text, pin="pan")
    assert said in draft.text and unsaid not in draft.text, draft.text


def test_a_product_sold_in_sizes_keeps_the_size_in_its_variants(desk: CommentDesk) -> None:
    draft, _ = ask(desk, "any black pots?", pin="pot")
    assert "20 cm" in draft.text and "24 cm" in draft.text, draft.text


@pytest.mark.parametrize(
    ("text", "said"),
    [("tem a chaleira vermelha?", "Vermelho"), ("do you have the red kettle?", "Red")],
)
def test_a_colour_the_seller_wrote_as_a_word_is_the_colour_asked(
    desk: CommentDesk, text: str, said: str
) -> None:
    # the sheet writes "vermelho", the viewer asks "vermelha" / "red": in stock, not "não tem
    # vermelho. Disponível: vermelho", and said in the viewer's language
    draft, _ = ask(desk, text, pin="kettle")
    assert said in draft.text and "4" in draft.text, draft.text
    assert "não tem" not in draft.text and "Available" not in draft.text, draft.text
    assert "vermelho" not in draft.text.lower() or said == "Vermelho", draft.text


@pytest.mark.parametrize(
    ("text", "instead"), [("tem a chaleira preta?", "vermelho"), ("the black kettle?", "red")]
)
def test_a_sold_out_colour_says_what_is_in_stock_instead(
    desk: CommentDesk, text: str, instead: str
) -> None:
    draft, _ = ask(desk, text, pin="kettle")
    assert instead in draft.text.lower(), draft.text


SHADES = """\
schema: 2
seller_name: Camas Lola
seller_language: es
currency: MXN
audience_languages: [es, en]
products:
  - id: cushion
    name: {es: Cojín Nido, en: Nest cushion}
    type: {es: cojín, en: cushion}
    price: 450
    variants:
      - {size: M, colour: azul marino, stock: 0}
      - {size: L, colour: azul marino, stock: 4}
      - {size: M, colour: gris, stock: 2}
"""


@pytest.mark.parametrize(
    ("text", "sold_out"),
    [("tienen el M en azul?", "agotado"), ("is the M in blue available?", "sold out")],
)
def test_a_shade_of_the_colour_asked_says_its_stock(
    tmp_path: Path, text: str, sold_out: str
) -> None:
    """'azul' asked of a sheet that sells 'azul marino': the navy M is sold out, not a colour
    the cushion "does not come in"."""
    sheet = tmp_path / "shades.yaml"
    sheet.write_text(SHADES, encoding="utf-8")
    shades = CommentDesk(load_sheet(sheet), clock=ManualClock(), config=DeskConfig())
    draft, _ = ask(shades, text, pin="cushion")
    assert sold_out in draft.text, draft.text
    assert FlagReason.UNKNOWN_VARIANT not in draft.flags, draft.text


@pytest.mark.parametrize("text", ["ile kosztuje wysyłka?", "kiedy dostawa?"])
def test_a_polish_viewer_of_a_polish_seller_gets_polands_shipping(text: str) -> None:
    """Polish is spoken in one country: a Polish seller's Polish viewer asking about delivery,
    naming no country, reads Poland's rule (free, 1-3 days), not "to which country?"."""
    import desk_support

    pottery = desk_support.desk_on(desk_support.CALIBRATION / "pottery.yaml")
    draft, _ = desk_support.ask(pottery, text)
    assert "Darmowa wysyłka" in draft.text and "1-3" in draft.text, draft.text
    assert "?" not in draft.text, draft.text


def test_a_dutch_viewer_is_asked_which_country() -> None:
    """Dutch is spoken in the Netherlands and Belgium: no guess, the desk asks."""
    import desk_support

    pottery = desk_support.desk_on(desk_support.CALIBRATION / "pottery.yaml")
    draft, _ = desk_support.ask(pottery, "hoeveel kost verzending?")
    assert draft.text.startswith("Naar welk land?"), draft.text
