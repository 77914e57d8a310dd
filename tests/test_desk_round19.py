"""Issue 15, nineteenth round: what the round-22 blind set and its judge found wrong.

- A variant sold by a name in words ("Long Handle", "men", "left") or by the number its option
  starts with ("kit de 50" of "50 pedras") was not read as that variant: "Long Handle है क्या?"
  got the bat's "Handle" field, "kit de 50 tem?" the kit's contents, "left hand gloves mens
  available?" what left and right mean. They ask the variant's stock.
- "Can the code and the 4-item discount be combined?": every blind set asked it, and only one
  sheet said. The draft listed the discounts as if that answered; now it is flagged for the
  seller to check, unless a discount's note says.
- "boleto demora quanto pra compensar?": the method named got the list of methods; the seller's
  FAQ on that method is the answer.
- "o de quartzo rosa volta quando?" of a pendant sold in "quartzo rosa" was read as the quartz
  point: a product's name inside another product's variant value is that product.

Sheets and lines written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_support import ask, desk_on_text

from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.events import FlagReason, Intent

PADEL = """\
schema: 2
seller_name: Padel Norte
seller_language: es
currency: EUR
audience_languages: [es, en, pt, de]
defaults:
  shipping:
    - {country: ES, cost: 4.90, days_min: 1, days_max: 3}
    - {country: PT, cost: 9.90, days_min: 3, days_max: 6}
  payment:
    methods: [Bizum, transferencia bancaria, tarjeta]
  discounts:
    - id: live
      percent: 10
      code: PADEL10
      note: {es: solo durante este directo, en: only during this live}
    - {id: bundle, percent: 5, min_quantity: 3}
faq:
  - id: transfer
    q: {es: "¿Cuánto tarda la transferencia?", en: "How long does a bank transfer take?"}
    a:
      es: "el pedido sale cuando llega el dinero, 1-2 días hábiles"
      en: "we ship once the money arrives, 1-2 working days"
products:
  - id: pala
    name: {es: Pala Control Norte, en: Norte Control racket}
    aliases: {es: [pala, pala control], en: [racket, paddle]}
    type: {es: pala, en: racket}
    price: 129.00
    specs:
      - key: mango
        label: {es: Mango, en: Handle}
        value: {es: "fibra de vidrio, 22 cm", en: "fibreglass, 22 cm"}
      - key: weight
        label: {es: Peso, en: Weight}
        value: "365 g"
    variants:
      - {size: Mango Corto, stock: 6}
      - {size: Mango Largo, stock: 0, price: 139.00}
  - id: repuesto
    name: {es: Mango de repuesto, en: Replacement handle}
    aliases: {es: [mango de repuesto, mango], en: [replacement handle]}
    type: {es: recambio, en: spare part}
    price: 15.00
  - id: guantes
    name: {es: Guante de pádel Grip, en: Grip padel glove}
    aliases: {es: [guante, guantes], en: [glove, gloves]}
    type: {es: guante, en: glove}
    price: 19.00
    specs:
      - key: hand
        label: {es: Mano, en: Hand}
        value: {es: "zurdo se pone en la mano derecha", en: "left-handed goes on the right hand"}
    variants:
      - {size: M, stock: 4, hand: diestro}
      - {size: M, stock: 0, hand: zurdo}
      - {size: L, stock: 3, hand: diestro}
      - {size: L, stock: 2, hand: zurdo}
  - id: pelotas
    name: {es: Pelotas Norte Pro, en: Norte Pro balls}
    aliases: {es: [pelotas, bolas], en: [balls]}
    type: {es: pelotas, en: balls}
    price: 6.50
    specs:
      - key: contents
        label: {es: Contenido, en: Contents}
        value:
          es: "bote de 3 pelotas; packs de 12 y 24 en cajas de botes"
          en: "tube of 3 balls; packs of 12 and 24 in boxes of tubes"
    variants:
      - {pack: 3 pelotas, stock: 40}
      - {pack: 12 pelotas, stock: 0, price: 24.00}
      - {pack: 24 pelotas, stock: 5, price: 45.00}
"""


@pytest.fixture
def padel(tmp_path: Path) -> CommentDesk:
    return desk_on_text(PADEL, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "pin", "sold_out"),
    [
        ("hay mango largo?", "pala", True),  # the size's name holds the field's "mango"
        ("Mango Largo tienen?", "pala", True),
        ("mango corto?", "pala", False),
        ("tienen el pack de 24?", "pelotas", False),  # "24 pelotas", by its number
        ("el de 12 hay?", "pelotas", True),
    ],
)
def test_a_variant_named_in_words_or_by_its_number_asks_its_stock(
    padel: CommentDesk, text: str, pin: str, sold_out: bool
) -> None:
    d, u = ask(padel, text, pin=pin)
    assert u.intent is Intent.SIZE_STOCK, (text, u.intent, u.fields, d.text)
    assert u.entities.variant_sku is not None, (text, u.entities)
    out = "agotad" in d.text.lower() or "no hay" in d.text.lower()
    assert out == sold_out, (text, d.text)
    # the field its name holds is not read out as the answer
    assert "fibra de vidrio" not in d.text and "cajas de botes" not in d.text, d.text


@pytest.mark.slow
def test_a_hand_and_a_size_named_pick_the_glove_out_of_stock(padel: CommentDesk) -> None:
    d, u = ask(padel, "left handed... hay guante zurdo talla M?", pin="guantes")
    assert u.intent is Intent.SIZE_STOCK, (u.intent, u.fields, d.text)
    assert u.entities.variant_sku is not None and "zurdo" in u.entities.variant_sku
    assert "derecha" not in d.text, d.text  # what the hand means is not what was asked


@pytest.mark.slow
def test_a_field_named_beside_the_variant_is_still_the_field(padel: CommentDesk) -> None:
    d, u = ask(padel, "mango largo, cuanto pesa?", pin="pala")
    assert u.intent is Intent.MATERIAL, (u.intent, d.text)
    assert "365" in d.text, d.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "puedo juntar PADEL10 con el descuento de 3?",
        "does the code stack with the 3 item deal?",
        "kann ich PADEL10 mit den 5% kombinieren?",
        "cupom e desconto de 3 acumulam?",
        "can I use PADEL10 and the bundle discount together?",
    ],
)
def test_whether_two_discounts_combine_is_for_the_seller(padel: CommentDesk, text: str) -> None:
    d, u = ask(padel, text, pin="pala")
    assert u.intent is Intent.DISCOUNT, (text, u.intent)
    assert FlagReason.SHEET_SILENT in d.flags, (text, d.text)
    assert "PADEL10" in d.text, d.text  # the discounts are still said


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "hay descuento si compro 3?",
        "any discount if I buy the racket and the balls together?",  # a bundle, not stacking
        "el codigo PADEL10 sirve para las pelotas?",
    ],
)
def test_a_plain_discount_question_is_answered(padel: CommentDesk, text: str) -> None:
    d, u = ask(padel, text, pin="pala")
    assert u.intent is Intent.DISCOUNT, (text, u.intent)
    assert FlagReason.SHEET_SILENT not in d.flags, (text, d.text)


@pytest.mark.slow
def test_a_sheet_that_says_whether_they_combine_answers(tmp_path: Path) -> None:
    said = PADEL.replace(
        "{id: bundle, percent: 5, min_quantity: 3}",
        "{id: bundle, percent: 5, min_quantity: 3, note: {es: no acumulable con PADEL10, "
        "en: not combinable with PADEL10}}",
    )
    desk = desk_on_text(said, tmp_path)
    d, _u = ask(desk, "does the code stack with the 3 item deal?", pin="pala")
    assert FlagReason.SHEET_SILENT not in d.flags, d.text
    assert "not combinable" in d.text.lower(), d.text


@pytest.mark.slow
def test_a_payment_method_asked_about_gets_the_faq_on_it(padel: CommentDesk) -> None:
    d, u = ask(padel, "la transferencia cuanto tarda?", pin="pala")
    assert u.intent is Intent.PAYMENT, (u.intent, d.text)
    assert "1-2" in d.text, d.text
    d, _u = ask(padel, "aceptan bizum?", pin="pala")
    assert "Bizum" in d.text and "1-2" not in d.text, d.text  # no FAQ on Bizum


@pytest.mark.slow
def test_a_name_inside_another_products_variant_is_that_product(padel: CommentDesk) -> None:
    d, u = ask(padel, "hay mango largo?", pin="pelotas")  # "mango" is the spare handle's alias
    assert u.entities.product_id == "pala", (u.entities, d.text)
    assert "agotad" in d.text.lower(), d.text
    d, u = ask(padel, "cuanto cuesta el mango de repuesto?", pin="pala")
    assert u.entities.product_id == "repuesto", (u.entities, d.text)
    assert "15" in d.text, d.text


@pytest.mark.slow
def test_a_price_asked_of_a_variant_named_by_its_number_is_its_price(padel: CommentDesk) -> None:
    # "packs de 12 y 24" is also in the contents field: the price cue asks the 24's price
    d, u = ask(padel, "pack de 24 cuanto?", pin="pelotas")
    assert u.intent is Intent.PRICE, (u.intent, u.fields, d.text)
    assert "45" in d.text, d.text
