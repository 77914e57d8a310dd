"""Speech recognition for live captions: the VAD gate (``vad``), the Whisper engine (``engine``),
hallucination guards (``guards``) and the streaming policy with its worker thread (``streaming``).

Heavy libraries (faster-whisper, CTranslate2) are imported by the classes that need them, so
importing this package is cheap.
"""
