"""CTranslate2 engine, pivot and factory, with tiny models the test builds itself (a
sentencepiece model trained on the shared translations, a one-layer transformer written through
ctranslate2's spec API). Output quality is not the point: loading, tokenization, language
prefixes, batching and routing are."""

from __future__ import annotations

from pathlib import Path

import pytest
from ct2_tiny import NLLB_TOKENS, build_nllb_tiny, build_opus_tiny

from sola_studio.core.errors import ModelCorrupt, ModelMissing, TranslationUnavailable
from sola_studio.translate.base import TranslationRequest, translate_requests
from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.ct2 import CT2Family, CTranslate2Translator, describe_model
from sola_studio.translate.factory import build_translator, find_ct2_models
from sola_studio.translate.pivot import PivotTranslator


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ct2")
    build_nllb_tiny(root)
    build_opus_tiny(root, "en", "de")
    return root


def _clean(text: str) -> None:
    assert text.strip(), "empty translation"
    assert "▁" not in text  # sentencepiece pieces were decoded
    assert not any(tok in text for tok in NLLB_TOKENS)  # language tokens are not text


def test_describe_models(models: Path) -> None:
    nllb = describe_model(models / "nllb-tiny")
    assert nllb.family is CT2Family.NLLB
    assert set(nllb.languages) == {"en", "pt", "de", "es"}
    opus = describe_model(models / "opus-mt-en-de")
    assert opus.family is CT2Family.OPUS_MT and opus.pairs == (("en", "de"),)
    assert opus.supports("en", "de") and not opus.supports("de", "en")


def test_multilingual_batch_into_every_target(models: Path) -> None:
    engine = CTranslate2Translator([describe_model(models / "nllb-tiny")], max_decoding_length=16)
    texts = ["Your basket is empty.", "The order has shipped.", ""]
    out = engine.translate(texts, "en", ["pt", "de", "es"])
    assert set(out) == {"pt", "de", "es"}
    for target in out:
        assert len(out[target]) == 3
        _clean(out[target][0])
        _clean(out[target][1])
        assert out[target][2] == ""
    # The target prefix steers the decoder: the same text comes out differently per target.
    assert len({out[t][0] for t in out}) == 3
    # Greedy decoding is deterministic: the same text twice in one batch, the same output.
    twice = engine.translate(["Your basket is empty."] * 2, "en", ["de"])["de"]
    assert twice[0] == twice[1]
    _clean(twice[0])


def test_mixed_requests_go_in_one_batch(models: Path) -> None:
    engine = CTranslate2Translator([describe_model(models / "nllb-tiny")], max_decoding_length=16)
    requests = [
        TranslationRequest("Free shipping.", "en", "pt"),
        TranslationRequest("Frete grátis.", "pt", "en"),
        TranslationRequest("Free shipping.", "en", "es"),
    ]
    out = engine.translate_requests(requests)
    assert len(out) == 3
    for text in out:
        _clean(text)
    assert out == translate_requests(engine, requests)


def test_pair_model_preferred_over_multilingual(models: Path) -> None:
    nllb = describe_model(models / "nllb-tiny")
    opus = describe_model(models / "opus-mt-en-de")
    both = CTranslate2Translator([nllb, opus], max_decoding_length=16)
    only_opus = CTranslate2Translator([opus], max_decoding_length=16)
    text = ["Add to basket"]
    assert both.translate(text, "en", ["de"]) == only_opus.translate(text, "en", ["de"])
    _clean(only_opus.translate(text, "en", ["de"])["de"][0])
    with pytest.raises(TranslationUnavailable) as err:
        only_opus.translate(text, "de", ["en"])
    assert "opus-mt-de-en" in str(err.value.fix)


def test_missing_and_broken_model_folders(tmp_path: Path, models: Path) -> None:
    with pytest.raises(ModelMissing) as err:
        describe_model(tmp_path / "opus-mt-en-fr")
    assert "models install" in str(err.value.fix)
    broken = tmp_path / "opus-mt-en-fr"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"garbage")
    with pytest.raises(ModelCorrupt):
        describe_model(broken)  # no sentencepiece models
    (broken / "source.spm").write_bytes((models / "opus-mt-en-de" / "source.spm").read_bytes())
    (broken / "target.spm").write_bytes((models / "opus-mt-en-de" / "target.spm").read_bytes())
    engine = CTranslate2Translator([describe_model(broken)])
    with pytest.raises(ModelCorrupt):
        engine.translate(["Hello"], "en", ["fr"])


def test_pivot_through_english(models: Path, bergamot: BergamotTranslator) -> None:
    opus = CTranslate2Translator([describe_model(models / "opus-mt-en-de")], max_decoding_length=16)
    pivot = PivotTranslator(bergamot, opus)
    assert pivot.supports("pt", "de")
    assert not pivot.supports("pt", "en")
    out = pivot.translate(["A bateria dura doze horas.", "Frete grátis!"], "pt", ["de"])
    assert len(out["de"]) == 2
    for text in out["de"]:
        _clean(text)
    # The second leg saw Bergamot's English, not the Portuguese.
    english = bergamot.translate(["A bateria dura doze horas."], "pt", ["en"])["en"]
    assert out["de"][0] == opus.translate(english, "en", ["de"])["de"][0]


def test_factory_routes_each_target_and_reports_the_rest(models: Path) -> None:
    assert {m.path.name for m in find_ct2_models([models])} == {"nllb-tiny", "opus-mt-en-de"}
    translator = build_translator(
        "pt", ["en", "de", "es", "ja"], ct2_folders=[models], strict=False
    )
    assert translator.engine_for("en") == "bergamot"  # a Bergamot model is preferred
    assert translator.engine_for("de") == "ctranslate2"  # the multilingual model reaches pt->de
    assert set(translator.unavailable) == {"ja"}
    assert "models install" in str(translator.unavailable["ja"].fix)
    out = translator.translate(["A bateria dura doze horas."], "pt", ["en", "de", "es"])
    assert "battery" in out["en"][0].lower()
    _clean(out["de"][0])
    _clean(out["es"][0])


def test_factory_pivots_when_no_direct_model(models: Path) -> None:
    translator = build_translator("pt", ["de"], ct2_folders=[models / "opus-mt-en-de"])
    assert translator.engine_for("de") == "pivot(bergamot>en>ctranslate2)"
    _clean(translator.translate(["Frete grátis!"], "pt", ["de"])["de"][0])


def test_factory_strict_names_every_missing_pair(tmp_path: Path) -> None:
    with pytest.raises(TranslationUnavailable) as err:
        build_translator("en", ["pt", "ja", "ko"], ct2_folders=[tmp_path])
    assert "en->ja" in err.value.message and "en->ko" in err.value.message
    assert "bergamot:en-ja" in str(err.value.fix)
