"""Which caption languages an installed translation model reaches from the speech language, and
what would install each one that none reaches (size, licence, NLLB-200's non-commercial
warning), from the translation model registry (``models.translation.TranslationModels``).

The setup and Settings show this for every caption language the seller picks, and a language no
engine reaches stays chosen and is shown as such (never dropped silently); Go live says the same
through ``ShowLanguages.unavailable``. Only the local model folders are read: no network, and no
engine is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sola_studio.core.errors import ModelCorrupt, ModelMissing
from sola_studio.models.translation import (
    BERGAMOT_DOWNLOAD_MB,
    NLLB_DOWNLOAD_MB,
    NLLB_NAME,
    OPUS_MT_DOWNLOAD_MB,
    PIVOT,
    TranslationKind,
    TranslationModels,
    default_translation_models,
    license_note,
)

#: The licence of each installable kind, as the seller reads it before installing.
LICENCES = {
    TranslationKind.BERGAMOT: "MPL-2.0",  # Mozilla's Firefox Translations models
    TranslationKind.OPUS_MT: "CC-BY 4.0",  # Helsinki-NLP Opus-MT
    TranslationKind.NLLB: "CC-BY-NC 4.0, non-commercial use only",  # Meta's NLLB-200
}


@dataclass(frozen=True)
class InstallOption:
    """One model that would reach a language: its name for ``sola-studio models install`` and
    the window's installer, its download size, licence and warning (NLLB: non-commercial)."""

    name: str
    kind: TranslationKind
    download_mb: int
    licence: str
    warning: str = ""

    @property
    def command(self) -> str:
        return f"sola-studio models install {self.name}"


@dataclass(frozen=True)
class CaptionReach:
    """A caption language from the speech language: ``engine`` is the installed model that
    reaches it ("" when none does; ``"spoken"`` for the speech language itself), ``warning``
    its licence warning, ``options`` what would install it when none does (best first)."""

    language: str
    engine: str
    warning: str = ""
    options: tuple[InstallOption, ...] = ()

    @property
    def reached(self) -> bool:
        return bool(self.engine)


def install_options(source: str, target: str) -> tuple[InstallOption, ...]:
    """What would reach ``source -> target``: a Bergamot pair (smallest), an Opus-MT pair, or
    NLLB-200 (every pair, non-commercial)."""
    kinds = (
        (f"bergamot:{source}-{target}", TranslationKind.BERGAMOT, BERGAMOT_DOWNLOAD_MB),
        (f"opus-mt-{source}-{target}", TranslationKind.OPUS_MT, OPUS_MT_DOWNLOAD_MB),
        (NLLB_NAME, TranslationKind.NLLB, NLLB_DOWNLOAD_MB),
    )
    return tuple(
        InstallOption(name, kind, mb, LICENCES[kind], license_note(kind))
        for name, kind, mb in kinds
    )


def _installed(models: TranslationModels, name: str) -> bool:
    try:
        models.resolve(name)
    except (ModelMissing, ModelCorrupt):
        return False
    return True


def _engine_for(models: TranslationModels, source: str, target: str) -> tuple[str, str]:
    """The installed model reaching ``source -> target`` and its licence warning, or ("", "")."""
    for name, kind in (
        (f"bergamot:{source}-{target}", TranslationKind.BERGAMOT),  # resolves via English too
        (f"opus-mt-{source}-{target}", TranslationKind.OPUS_MT),
    ):
        if _installed(models, name):
            return name, license_note(kind)
    if PIVOT not in (source, target):
        first, second = f"opus-mt-{source}-{PIVOT}", f"opus-mt-{PIVOT}-{target}"
        if _installed(models, first) and _installed(models, second):
            return f"{first} + {second}", ""
    if _installed(models, NLLB_NAME):
        return NLLB_NAME, license_note(TranslationKind.NLLB)
    return "", ""


def caption_reach(
    source: str, targets: Sequence[str], models: TranslationModels | None = None
) -> tuple[CaptionReach, ...]:
    """For each caption language (in order, each once), whether an installed model reaches it
    from ``source`` (the speech language) and, if not, what would install it."""
    models = models or default_translation_models()
    out = []
    for target in dict.fromkeys(targets):
        if target == source:
            out.append(CaptionReach(target, "spoken"))
            continue
        engine, warning = _engine_for(models, source, target)
        options = () if engine else install_options(source, target)
        out.append(CaptionReach(target, engine, warning, options))
    return tuple(out)
