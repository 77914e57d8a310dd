"""Translation through a pivot language (English) where no direct model exists.

``pt -> de`` with only ``pt -> en`` and ``en -> de`` installed becomes two batched calls: every
text once into English, then the English into every pivoted target in one call. Targets the
first engine reaches directly are not pivoted. This module never pivots a pair that has a
direct model, and never pivots twice.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from sola_studio.core.errors import TranslationUnavailable
from sola_studio.translate.base import (
    TranslationRequest,
    Translator,
    translate_requests,
    translate_via_requests,
)

log = logging.getLogger(__name__)


class PivotTranslator:
    """``source -> pivot`` with ``first``, then ``pivot -> target`` with ``second``."""

    def __init__(self, first: Translator, second: Translator, pivot: str = "en") -> None:
        self.first = first
        self.second = second
        self.pivot = pivot
        self.name = f"pivot({first.name}>{pivot}>{second.name})"

    def supports(self, source: str, target: str) -> bool:
        if self.pivot in (source, target):
            return False
        return self.first.supports(source, self.pivot) and self.second.supports(self.pivot, target)

    def translate(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[str]]:
        return translate_via_requests(self, texts, source, targets)

    def translate_requests(self, requests: Sequence[TranslationRequest]) -> list[str]:
        for r in requests:
            if not self.supports(r.source, r.target):
                raise TranslationUnavailable(
                    f"cannot pivot {r.source}->{self.pivot}->{r.target}",
                    fix=f"install models for {r.source}-{self.pivot} and {self.pivot}-{r.target}",
                )
        # Leg 1: each distinct (text, source) once into the pivot language, in one call.
        firsts = list(dict.fromkeys((r.text, r.source) for r in requests))
        english = translate_requests(
            self.first, [TranslationRequest(t, s, self.pivot) for t, s in firsts]
        )
        in_pivot = dict(zip(firsts, english, strict=True))
        # Leg 2: every (pivot text, target) in one call.
        return translate_requests(
            self.second,
            [
                TranslationRequest(in_pivot[(r.text, r.source)], self.pivot, r.target)
                for r in requests
            ],
        )
