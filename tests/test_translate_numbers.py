"""Numbers in the seller's talk arrive exactly and in their place (real Bergamot, en<->pt).

A number as a placeholder used to be read as a name and moved away from its noun
("30 days" -> "os dias do 30"); plain integers are now left to the engine and checked after.
"""

from __future__ import annotations

import re

import pytest

from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.evaluate import SELLER_NUMBERS, NumberCase
from sola_studio.translate.glossary import (
    Glossary,
    GlossaryTranslator,
    ProtectedSpan,
    keep_plain_numbers,
    restore,
)


@pytest.mark.parametrize("case", SELLER_NUMBERS, ids=lambda c: c.text[:32])
def test_numbers_stay_in_front_of_their_noun(
    bergamot: BergamotTranslator, case: NumberCase
) -> None:
    translator = GlossaryTranslator(bergamot, Glossary())
    [checked] = translator.translate_checked([case.text], case.source, [case.target])[case.target]
    for number in re.findall(r"\d+", case.text):
        assert re.search(rf"(?<!\d){number}(?!\d)", checked.text), (case.text, checked)
    for phrase in case.expect:
        assert re.search(phrase, checked.text, re.IGNORECASE), (phrase, checked.text)
    assert checked.appended == ()


def test_the_bug_reports(bergamot: BergamotTranslator) -> None:
    """The two sentences reported: the numbers kept their place."""
    translator = GlossaryTranslator(bergamot, Glossary())
    pt = translator.translate(["Returns are free for 30 days."], "en", ["pt"])["pt"][0]
    assert "30 dias" in pt and "dias do 30" not in pt and "dias 30" not in pt
    en = translator.translate(["Dá pra pagar em 12 parcelas sem juros."], "pt", ["en"])["en"][0]
    assert "12 installments" in en


def test_placeholders_for_numbers_were_the_cause(bergamot: BergamotTranslator) -> None:
    """The technique before the fix moves the number (if this fails, the model changed and the
    measurement in docs/translation.md must be redone)."""
    old = GlossaryTranslator(bergamot, Glossary(), plain_numbers_inline=False)
    out = old.translate(["It comes in 3 colours.", "We ship to 12 countries."], "en", ["pt"])
    assert "3 cores" not in out["pt"][0] or "12 países" not in out["pt"][1]


def test_prices_and_units_are_still_placeholders() -> None:
    spans = [
        ProtectedSpan(0, 2, "12", "12", False),
        ProtectedSpan(5, 11, "$49.99", "$49.99", False),
        ProtectedSpan(15, 19, "1.2 kg", "1.2 kg", False),
        ProtectedSpan(20, 22, "X2", "X2", False),
    ]
    kept = keep_plain_numbers(spans)
    assert [s.inline for s in kept] == [True, False, False, False]


def test_a_lost_plain_number_is_noticed_not_found_inside_another() -> None:
    """The check after translation: "12" is not found in "120" or "1.200"."""
    from sola_studio.translate.glossary import prepare

    spans = keep_plain_numbers([ProtectedSpan(7, 9, "12", "12", False)])
    prepared = prepare("pay in 12 instalments", spans)
    assert prepared.text == "pay in 12 instalments" and not prepared.placeholders
    assert restore("pague em 120 parcelas", prepared)[1] == ("12",)
    assert restore("pague em 1.200 parcelas", prepared)[1] == ("12",)
    assert restore("pague em 12 parcelas", prepared)[1] == ()


def test_an_engine_that_drops_the_number_gets_it_as_placeholder_on_retry() -> None:
    """An engine that spells numbers out: the retry sends the number as a placeholder."""

    class SpellsNumbers:
        name = "spells"

        def __init__(self) -> None:
            self.seen: list[str] = []

        def supports(self, source: str, target: str) -> bool:
            return True

        def translate(self, texts: list[str], source: str, targets: list[str]) -> dict:
            self.seen.extend(texts)
            return {t: [x.replace("12", "doze") for x in texts] for t in targets}

    engine = SpellsNumbers()
    [checked] = GlossaryTranslator(engine, Glossary()).translate_checked(
        ["pay in 12 instalments"], "en", ["pt"]
    )["pt"]
    assert engine.seen == ["pay in 12 instalments", "pay in ZQX0 instalments"]
    assert checked.retried and checked.text == "pay in 12 instalments" and not checked.appended
