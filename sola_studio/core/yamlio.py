"""YAML read with libyaml's C parser when PyYAML has it (it does on every wheel we ship).

PyYAML's pure-Python parser took ~80 ms for the sample product sheet on this 2-core machine,
switching Python's lock with the studio window's thread all the while (a 90 ms stall at Go live
in ``bench ui``); the C parser reads the same document in a few milliseconds. Same safe subset.
"""

from __future__ import annotations

from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` through the C parser when available."""
    return yaml.load(text, Loader=_Loader)
