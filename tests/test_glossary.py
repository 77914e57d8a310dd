"""Glossary terms, numbers, prices and sizes through the real Bergamot models."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.core.errors import ConfigError
from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.glossary import (
    NUMBER_RE,
    Glossary,
    GlossaryEntry,
    GlossaryTranslator,
    PreparedText,
    TermKind,
    find_spans,
    prepare,
    restore,
)

SELLER = Glossary(
    (
        GlossaryEntry("AeroLite X2", TermKind.PRODUCT),
        GlossaryEntry("Nuvem", TermKind.BRAND),
        GlossaryEntry("M", TermKind.SIZE, case_sensitive=True),
        GlossaryEntry("navy", TermKind.COLOUR, renderings={"pt": "azul-marinho"}),
    )
)


@pytest.mark.parametrize(
    ("sentence", "must_contain"),
    [
        (
            "The AeroLite X2 weighs 1.2 kg and costs $49.99 in size M.",
            ["AeroLite X2", "1.2 kg", "$49.99", " M"],
        ),
        ("It costs $49.99 or 39,90 € with free shipping.", ["$49.99", "39,90 €"]),
        ("It has a 5000 mAh battery and a 48 MP camera.", ["5000 mAh", "48 MP"]),
        ("Dimensions: 120 x 80 x 75 cm, and it holds 80 kg.", ["120 x 80 x 75 cm", "80 kg"]),
        ("Comes in navy, the jacket is 100% cotton.", ["azul-marinho", "100%"]),
        ("The Nuvem sofa seats 3 people.", ["Nuvem", "3"]),
    ],
)
def test_english_to_portuguese_keeps_every_term_exact(
    bergamot: BergamotTranslator, sentence: str, must_contain: list[str]
) -> None:
    translator = GlossaryTranslator(bergamot, SELLER)
    [checked] = translator.translate_checked([sentence], "en", ["pt"])["pt"]
    for term in must_contain:
        assert term in checked.text, (sentence, checked)
    assert checked.appended == ()  # the technique worked without the last-resort repair
    assert "ZQX" not in checked.text.upper()


def test_without_the_glossary_the_engine_alters_them(bergamot: BergamotTranslator) -> None:
    """The reason the glossary exists (if this starts failing, the model changed)."""
    raw = bergamot.translate(["It costs $49.99 or 39,90 € with free shipping."], "en", ["pt"])
    assert "$49.99" not in raw["pt"][0]


def test_portuguese_seller_to_english(bergamot: BergamotTranslator) -> None:
    glossary = Glossary((GlossaryEntry("Nuvem", TermKind.BRAND),))
    translator = GlossaryTranslator(bergamot, glossary)
    out = translator.translate(
        ["Chegou o sofá Nuvem, custa só R$ 1.299,90 e pesa 32,5 kg."], "pt", ["en"]
    )["en"][0]
    assert "Nuvem" in out and "Cloud" not in out
    assert "R$ 1.299,90" in out and "32,5 kg" in out


def test_set_glossary_switches_terms(bergamot: BergamotTranslator) -> None:
    translator = GlossaryTranslator(bergamot)
    sentence = ["This table is made of oak."]
    assert "tabela" in translator.translate(sentence, "en", ["pt"])["pt"][0].lower()
    translator.set_glossary(Glossary((GlossaryEntry("table", renderings={"pt": "mesa"}),)))
    assert "mesa" in translator.translate(sentence, "en", ["pt"])["pt"][0].lower()


def test_number_pattern() -> None:
    text = "Only $49.99, weighs 1.2 kg, 38-42, 5.7K at 60 fps, costs $5 in size M, 80%"
    found = [m.group(0).strip() for m in NUMBER_RE.finditer(text)]
    assert found == ["$49.99", "1.2 kg", "38-42", "5.7K", "60 fps", "$5", "80%"]


def test_overlapping_spans_keep_the_longest() -> None:
    glossary = Glossary(
        (GlossaryEntry("AeroLite", TermKind.BRAND), GlossaryEntry("AeroLite X2", TermKind.PRODUCT))
    )
    from sola_studio.translate.glossary import GlossarySpans

    spans = find_spans("Buy the AeroLite X2 now", GlossarySpans(glossary).matchers("en", "pt"))
    assert [s.source for s in spans] == ["AeroLite X2"]


def test_restore_tolerates_mangled_placeholders_and_reports_loss() -> None:
    spans = find_spans("costs $49.99 and 3 kg", [(NUMBER_RE, None, False)])
    prepared = prepare("costs $49.99 and 3 kg", spans)
    assert prepared.text == "costs ZQX0 and ZQX1"
    text, missing = restore("custa zqx 0 e", prepared)
    assert text == "custa $49.99 e"
    assert missing == ("3 kg",)
    assert isinstance(prepared, PreparedText)


def test_lost_spans_are_appended_never_dropped(tmp_path: Path) -> None:
    """With an engine that garbles everything (a random tiny model), the facts still arrive."""
    from ct2_tiny import build_opus_tiny

    from sola_studio.translate.ct2 import CTranslate2Translator, describe_model

    engine = CTranslate2Translator(
        [describe_model(build_opus_tiny(tmp_path, "en", "de"))], max_decoding_length=8
    )
    translator = GlossaryTranslator(engine, SELLER)
    [checked] = translator.translate_checked(["The AeroLite X2 costs $49.99 today."], "en", ["de"])[
        "de"
    ]
    assert checked.retried
    for term in ("AeroLite X2", "$49.99"):
        assert term in checked.text


def test_glossary_file(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "terms:\n"
        "  - {term: AeroLite X2, kind: product}\n"
        "  - {term: table, renderings: {pt: mesa, es: mesa}}\n",
        encoding="utf-8",
    )
    glossary = Glossary.from_yaml(path)
    assert glossary.find("TABLE").rendering("pt") == "mesa"  # type: ignore[union-attr]
    assert glossary.find("aerolite x2").rendering("de") == "AeroLite X2"  # type: ignore[union-attr]
    assert glossary.find("table").rendering("de") is None  # type: ignore[union-attr]
    path.write_text("terms:\n  - {kind: product}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Glossary.from_yaml(path)
    assert "term #1" in err.value.message
    path.write_text("terms: [\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        Glossary.from_yaml(path)


def test_a_renumbered_placeholder_is_recovered() -> None:
    text = "If you only have 8 bits (256 levels)"
    prepared = prepare(text, find_spans(text, [(NUMBER_RE, None, False)]))
    assert prepared.text == "If you only have ZQX0 bits (ZQX1 levels)"
    restored, missing = restore("Se você tiver apenas bits ZQX0 (níveis ZQX2)", prepared)
    assert restored == "Se você tiver apenas bits 8 (níveis 256)"
    assert missing == ()
