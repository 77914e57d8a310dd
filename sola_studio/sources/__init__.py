"""Inputs of a session: audio (microphone, files) and, beside them, video and comment sources.

Audio: :class:`AudioSource` is the contract; :class:`MicrophoneSource` and :class:`FileSource`
are its implementations (``sola_studio.sources.audio``).
"""

from sola_studio.sources.audio import (
    SAMPLE_RATE,
    AudioChunk,
    AudioSource,
    FileSource,
    FileSpan,
    MicrophoneSource,
    decode_file,
    find_input_device,
)

__all__ = [
    "SAMPLE_RATE",
    "AudioChunk",
    "AudioSource",
    "FileSource",
    "FileSpan",
    "MicrophoneSource",
    "decode_file",
    "find_input_device",
]
