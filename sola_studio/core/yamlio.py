"""YAML read with libyaml's C parser when PyYAML has it (it does on every wheel we ship).

PyYAML's pure-Python parser took ~80 ms for the sample product sheet on this 2-core machine,
switching Python's lock with the studio window's thread all the while (a 90 ms stall at Go live
in ``bench ui``); the C parser reads the same document in a few milliseconds. Same safe subset.

Booleans are read as YAML 1.2 has them: only ``true`` and ``false``. PyYAML follows YAML 1.1,
where ``yes``, ``no``, ``on``, ``off``, ``y`` and ``n`` are booleans too, so a seller who ships
to Norway (``country: NO``) or writes a Norwegian text (``no: ...``) got ``False`` instead: the
sheet failed to load with "country is missing" (found by the sixth blind desk set).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOOL_TAG = "tag:yaml.org,2002:bool"
_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class Loader(_Base):  # type: ignore[misc]
    """The safe loader with YAML 1.2's two booleans; everything else as PyYAML reads it."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


Loader.add_implicit_resolver(_BOOL_TAG, _BOOL_12, list("tTfF"))


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` through the C parser when available, with YAML 1.2 booleans."""
    return yaml.load(text, Loader=Loader)
