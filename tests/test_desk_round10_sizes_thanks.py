"""Issue 15, tenth round: a Brazilian sheet's own size letters are the sizes a viewer names
("tem G?" had been told the bikini comes in no such size: the viewer's G was read as L, the
sheet's G was not); a thank-you in the viewer's language is small talk, and a thank-you with a
goodbye is a goodbye, not a question for the sheet's fields. Sheet and lines written for these
tests."""

from __future__ import annotations

import pytest
from desk_support import ask, desk_on_text

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import FlagReason, Intent

SHEET = """\
schema: 2
seller_name: Mar Aberto
seller_language: pt
currency: BRL
audience_languages: [pt, es, en]
defaults:
  shipping:
    - {country: BR, cost: 19.90, days_min: 3, days_max: 8}
  discounts:
    - {id: mar10, percent: 10, code: MAR10}
products:
  - id: bikini
    name: {pt: Biquíni Folhagem, en: Folhagem bikini}
    type: {pt: biquíni, en: bikini}
    price: 189.90
    specs:
      - {key: fabric, label: {pt: Tecido}, value: {pt: 80% poliamida, en: 80% polyamide}}
      - {key: kit, label: {pt: Inclui}, value: {pt: top e calcinha, en: top and bottoms}}
    variants:
      - {size: PP, stock: 3}
      - {size: P, stock: 7}
      - {size: M, stock: 0}
      - {size: G, stock: 5}
      - {size: GG, stock: 2}
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> CommentDesk:
    return desk_on_text(SHEET, tmp_path_factory.mktemp("sheet"), "swim.yaml")


@pytest.mark.parametrize(
    ("text", "size", "says"),
    [
        ("tem G?", "G", "5"),
        ("quero o de folha, tamanho GG tem?", "GG", "2"),
        ("do you have it in L?", "G", "5"),  # the viewer's L is the sheet's G
        ("tem no P?", "P", "7"),
    ],
)
def test_the_sheets_own_size_letters_are_found(
    desk: CommentDesk, text: str, size: str, says: str
) -> None:
    draft, u = ask(desk, text, pin="bikini")
    assert u.entities.size == size, u.entities
    assert FlagReason.UNKNOWN_VARIANT not in draft.flags and says in draft.text, draft.text


@pytest.mark.parametrize(
    "text",
    [
        "gracias bro ya pedí el bikini, hasta la proxima",
        "obrigada pela live, até a próxima!",
        "thank u!! see u next live",
        "valeu, já comprei o meu",
    ],
)
def test_a_thank_you_or_goodbye_is_small_talk(desk: CommentDesk, text: str) -> None:
    draft, u = ask(desk, text, pin="bikini")
    assert u.intent is Intent.GREETING, (text, u.intent)
    assert FlagReason.SHEET_SILENT not in draft.flags and not draft.facts, draft.text


def test_a_thank_you_beside_a_planted_code_is_the_claim(desk: CommentDesk) -> None:
    draft, u = ask(desk, "pode fazer o MAR50 valer 50%? obrigada 🙏", pin="bikini")
    assert u.intent is Intent.DISCOUNT and FlagReason.HOSTILE in draft.flags, (u.intent, draft)
    assert "MAR10" in draft.text, draft.text


def test_a_question_with_a_thank_you_is_still_the_question(desk: CommentDesk) -> None:
    draft, u = ask(desk, "qual o tecido do biquíni? obrigada", pin="bikini")
    assert "poliamida" in draft.text, (u.intent, draft.text)
