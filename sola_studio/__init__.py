"""Sola Studio: a desktop streaming studio for solo live sellers.

The core (everything outside ``sola_studio.ui``) is plain Python and never imports Qt, so it
runs headless from files for tests and benchmarks. See ``../shared/DESIGN.md`` for the map.
"""

import os

__version__ = "0.1.0"

# onnxruntime (Silero VAD, through faster-whisper) writes a persistent device id and a telemetry
# database under ~/.cache/Microsoft/DeveloperTools/ when it loads, unless this is set before it
# is imported (its disable_telemetry_events() comes too late). Nothing of Sola's is written
# outside its own folders; set here, first, so every entry point and the helper process have it.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
