"""Model registry: find, join, download and load the models Sola Studio runs (no Qt here).

Public API::

    resolve_model(name_or_path, *, allow_download=False, progress=None) -> ResolvedModel
    install_model(name, *, offline_only=False, force=False, progress=None) -> ResolvedModel
    list_models() -> list[ModelEntry]
    load_whisper(resolved, device="auto", compute_type="auto", cpu_threads=None) -> WhisperModel
    choose_compute(device="auto", compute_type="auto", cpu_threads=None) -> ComputePlan
    add_compute_arguments(parser); plan_from_args(args) -> ComputePlan   (--device ... flags)
    bergamot_model_files(src, tgt) -> BergamotFiles | None
    install_translation_model(name, *, offline_only=False, force=False, progress=None)
        -> InstalledTranslation          (bergamot:xx-yy, opus-mt-xx-yy, nllb-200-distilled-600M)
    resolve_translation_model(name) -> InstalledTranslation
    list_translation_models() -> list[TranslationEntry]

Both kinds resolve in one order (:mod:`sola_studio.models.resolution`): an explicit path, the
repository's ``models/``, the user's cache, an installed package, then a download on request.

See ``docs/models.md``.
"""

from __future__ import annotations

from sola_studio.models.bergamot import BergamotFiles, bergamot_model_files, bergamot_pairs
from sola_studio.models.catalog import CATALOG, DEFAULT_ASR_MODEL, WhisperModelInfo
from sola_studio.models.compute import (
    ComputePlan,
    Device,
    add_compute_arguments,
    choose_compute,
    cuda_device_count,
    load_whisper,
    plan_from_args,
)
from sola_studio.models.download import HubClient
from sola_studio.models.progress import Progress, ProgressCallback, Step
from sola_studio.models.registry import (
    ModelEntry,
    ModelRegistry,
    ModelStatus,
    ResolvedModel,
    install_model,
    list_models,
    resolve_model,
)
from sola_studio.models.resolution import ModelSource
from sola_studio.models.translation import (
    InstalledTranslation,
    TranslationEntry,
    TranslationKind,
    TranslationModels,
    install_translation_model,
    list_translation_models,
    resolve_translation_model,
    translation_model_info,
)

__all__ = [
    "CATALOG",
    "DEFAULT_ASR_MODEL",
    "BergamotFiles",
    "ComputePlan",
    "Device",
    "HubClient",
    "InstalledTranslation",
    "ModelEntry",
    "ModelRegistry",
    "ModelSource",
    "ModelStatus",
    "Progress",
    "ProgressCallback",
    "ResolvedModel",
    "Step",
    "TranslationEntry",
    "TranslationKind",
    "TranslationModels",
    "WhisperModelInfo",
    "add_compute_arguments",
    "bergamot_model_files",
    "bergamot_pairs",
    "choose_compute",
    "cuda_device_count",
    "install_model",
    "install_translation_model",
    "list_models",
    "list_translation_models",
    "load_whisper",
    "plan_from_args",
    "resolve_model",
    "resolve_translation_model",
    "translation_model_info",
]
