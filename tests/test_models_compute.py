"""Compute selection and model loading: the CPU path for real (this machine has no GPU), the
CUDA branch through the capabilities CTranslate2 would report, and load failures as typed
errors. Also the Bergamot model files the translation engine loads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sola_studio.core.errors import DeviceUnavailable, ModelCorrupt
from sola_studio.models import (
    Device,
    ModelRegistry,
    bergamot_model_files,
    bergamot_pairs,
    choose_compute,
    cuda_device_count,
    load_whisper,
    resolve_model,
)

CUDA_TYPES = frozenset({"float32", "float16", "int8_float16", "int8", "int8_float32"})


def test_auto_on_this_machine_matches_what_ctranslate2_sees() -> None:
    plan = choose_compute()
    if cuda_device_count() == 0:
        assert (plan.device, plan.compute_type) == (Device.CPU, "int8")
        assert 1 <= plan.cpu_threads <= min(os.cpu_count() or 1, 8)
        assert plan.reason == "no CUDA GPU found"
    else:
        assert plan.device is Device.CUDA


def test_a_gpu_gets_float16() -> None:
    plan = choose_compute(cuda_devices=1, supported=CUDA_TYPES)
    assert (plan.device, plan.compute_type) == (Device.CUDA, "float16")


def test_a_gpu_without_float16_gets_int8_float16() -> None:
    plan = choose_compute(cuda_devices=1, supported=frozenset({"int8_float16", "float32"}))
    assert plan.compute_type == "int8_float16"


def test_overrides_win() -> None:
    plan = choose_compute("cpu", "float32", 3, cuda_devices=1)
    assert (plan.device, plan.compute_type, plan.cpu_threads) == (Device.CPU, "float32", 3)
    plan = choose_compute("cuda", "int8_float16", cuda_devices=1, supported=CUDA_TYPES)
    assert (plan.device, plan.compute_type) == (Device.CUDA, "int8_float16")


def test_cuda_without_a_gpu_is_device_unavailable_with_the_fix() -> None:
    with pytest.raises(DeviceUnavailable, match="sees no GPU") as err:
        choose_compute("cuda", cuda_devices=0)
    assert "--device cpu" in str(err.value)


def test_an_unsupported_compute_type_names_the_supported_ones() -> None:
    with pytest.raises(DeviceUnavailable, match="float16") as err:
        choose_compute("cpu", "float16", supported=frozenset({"int8", "float32"}))
    assert err.value.fix is not None and "int8" in err.value.fix


@pytest.mark.slow
def test_load_whisper_runs_the_real_tiny_model_on_the_cpu(speech_dir: Path) -> None:
    model = load_whisper(resolve_model("tiny.en"), device="cpu", cpu_threads=2)
    segments, _ = model.transcribe(str(speech_dir / "en" / "whispercpp_jfk.wav"), beam_size=1)
    assert "ask not what your country" in " ".join(s.text for s in segments).lower()


def test_a_garbage_model_bin_is_model_corrupt(tmp_path: Path) -> None:
    real = resolve_model("tiny.en").path
    folder = tmp_path / "broken"
    folder.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (folder / name).write_bytes((real / name).read_bytes())
    (folder / "model.bin").write_bytes(b"not a ctranslate2 model" * 100)
    resolved = ModelRegistry(repo_dir=tmp_path, cache_dir=tmp_path / "c").resolve(folder)
    with pytest.raises(ModelCorrupt, match="cannot load model") as err:
        load_whisper(resolved, device="cpu")
    assert str(folder) in str(err.value)


def test_load_on_cuda_without_a_gpu_is_device_unavailable() -> None:
    if cuda_device_count():
        pytest.skip("this machine has a GPU")
    with pytest.raises(DeviceUnavailable):
        load_whisper(resolve_model("tiny.en"), device="cuda")


def test_bergamot_files_are_found_in_the_package_and_translate() -> None:
    import fxtranslate

    files = bergamot_model_files("en", "pt")
    assert files is not None
    assert files.model.name.startswith("model.enpt") and files.lex is not None
    translator = fxtranslate.Translator(
        files.model.read_bytes(),
        files.vocab_source.read_bytes(),
        files.vocab_target.read_bytes(),
        files.lex.read_bytes(),
    )
    assert "obrigad" in translator.translate("Thank you very much.").lower()
    assert {(p.source, p.target) for p in bergamot_pairs()} >= {("en", "pt"), ("pt", "en")}


def test_bergamot_pair_not_installed_is_none() -> None:
    assert bergamot_model_files("en", "zh") is None


def test_command_line_flags_make_a_plan() -> None:
    import argparse

    from sola_studio.models import add_compute_arguments, plan_from_args

    parser = argparse.ArgumentParser()
    add_compute_arguments(parser)
    plan = plan_from_args(parser.parse_args(["--device", "cpu", "--cpu-threads", "1"]))
    assert (plan.device, plan.compute_type, plan.cpu_threads) == (Device.CPU, "int8", 1)
    with pytest.raises(SystemExit):
        parser.parse_args(["--device", "tpu"])
