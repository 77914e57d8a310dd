"""Sola Studio: a desktop streaming studio for solo live sellers.

The core (everything outside ``sola_studio.ui``) is plain Python and never imports Qt, so it
runs headless from files for tests and benchmarks. See ``../shared/DESIGN.md`` for the map.
"""

__version__ = "0.1.0"
