"""The selling-talk phrasebook: starter sets, seller edits, and renderings through real Bergamot."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.core.errors import ConfigError
from sola_studio.translate.factory import build_translator
from sola_studio.translate.phrasebook import (
    Phrasebook,
    PhrasebookSpans,
    load_phrasebook,
    starter_phrasebook,
)


@pytest.mark.parametrize("language", ["zh", "en", "es", "pt"])
def test_starter_sets_load_and_render_into_the_other_three(language: str) -> None:
    book = starter_phrasebook(language)
    assert book.language == language
    assert len(book.phrases) >= 6
    others = {"zh", "en", "es", "pt"} - {language}
    for phrase in book.phrases:
        assert phrase.meaning.strip()
        assert others <= set(phrase.renderings), phrase.expression


def test_chinese_expressions_are_found_without_spaces() -> None:
    spans = PhrasebookSpans([starter_phrasebook("zh")])
    from sola_studio.translate.glossary import find_spans

    found = find_spans("家人们，这款真的绝了，上链接！", spans.matchers("zh", "pt"))
    renderings = [s.rendering for s in found]
    assert renderings == ["pessoal", "isto é incrível", "o link de compra está no ar"]


def test_english_selling_talk_to_portuguese_as_configured() -> None:
    translator = build_translator("en", ["pt"])
    out = translator.translate(
        ["This jacket is an absolute steal, only $19.90!", "Drop the link, it's a no-brainer."],
        "en",
        ["pt"],
    )["pt"]
    assert "uma pechincha" in out[0] and "$19.90" in out[0]
    assert "roubo" not in out[0]  # the literal rendering the phrasebook exists to avoid
    assert "o link de compra está no ar" in out[1].lower()
    assert "uma escolha óbvia" in out[1]


def test_portuguese_selling_talk_to_english_as_configured() -> None:
    translator = build_translator("pt", ["en"])
    out = translator.translate(["Gente, tá baratinho, link na tela!"], "pt", ["en"])["en"][0]
    assert "everyone" in out.lower()
    assert "the price is really low" in out
    assert "the buy link is live now" in out


def test_without_a_rendering_the_engine_sees_the_plain_meaning(tmp_path: Path) -> None:
    seller = tmp_path / "phrasebook.yaml"
    seller.write_text(
        "language: en\n"
        "phrases:\n"
        "  - expression: absolute steal\n"
        "    variants: [an absolute steal]\n"
        "    meaning: a very low price\n"
        "    renderings: {es: una ganga}\n",
        encoding="utf-8",
    )
    book = load_phrasebook("en", seller)
    assert book.find("an absolute steal").renderings == {"es": "una ganga"}  # seller wins
    assert book.find("drop the link") is not None  # starter entries stay
    translator = build_translator("en", ["pt"], phrasebook=book)
    out = translator.translate(["It is an absolute steal."], "en", ["pt"])["pt"][0]
    assert "preço muito baixo" in out
    assert "roubo" not in out


def test_broken_phrasebook_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("phrases: []\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Phrasebook.from_yaml(path)
    assert "language" in err.value.message
    path.write_text("language: en\nphrases:\n  - {expression: x}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        Phrasebook.from_yaml(path)
    with pytest.raises(ConfigError):
        starter_phrasebook("en").merged(starter_phrasebook("pt"))
