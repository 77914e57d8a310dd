"""Events that flow between stages: frozen dataclasses with monotonic timestamps (DESIGN rule 3).

``t_capture`` is when the underlying input (audio, frame, comment) was captured or arrived;
``t_emit`` is when the event was published. Both come from ``sola_studio.core.clock.monotonic``
(or an injected clock), so ``t_emit - t_capture`` is a latency anyone can compute.

Flow-specific event types live with their flows (``sola_studio.comments``, ...) but follow the
same rules: frozen, typed fields, no bare tuples.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from sola_studio.core.errors import SolaError

V = TypeVar("V")


def _frozen_map(d: Mapping[str, V] | None) -> Mapping[str, V]:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class Word:
    """One recognised word with its position in the audio stream (seconds from stream start)."""

    text: str
    start: float
    end: float
    probability: float = 1.0


@dataclass(frozen=True)
class Caption:
    """A caption: the spoken text, and its translations once they exist.

    ``start``/``end`` are seconds from the start of the audio stream. ``committed`` is False for
    partial (still changing) text. ``translations`` maps language code -> text and never contains
    the source language: the original is always kept in ``text``. ``stages`` maps a stage name
    (``asr``, ``translate:pt``, ...) to the monotonic time it finished, for latency.
    ``audio_end_t`` is the monotonic time at which the audio of the caption's last word was
    captured, the reference point for caption latency (DESIGN "Measuring").
    """

    id: int
    language: str
    text: str
    start: float
    end: float
    committed: bool
    t_capture: float
    t_emit: float
    audio_end_t: float | None = None
    words: tuple[Word, ...] = ()
    translations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    stages: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "translations", _frozen_map(self.translations))
        object.__setattr__(self, "stages", _frozen_map(self.stages))

    @property
    def revised(self) -> bool:
        """A committed caption published again with the words the recogniser heard in it once
        it had the speech after it (it replaces the caption of the same ``id``)."""
        return "revise" in self.stages

    def text_in(self, language: str) -> str | None:
        """The caption in ``language``: the original when it is the spoken language."""
        if language == self.language:
            return self.text
        return self.translations.get(language)

    @property
    def latency(self) -> float | None:
        """Seconds from the end of the last spoken word to this event's publication."""
        if self.audio_end_t is None:
            return None
        return self.t_emit - self.audio_end_t


@dataclass(frozen=True)
class ErrorEvent:
    """A stage failed at its boundary. ``recoverable`` says whether the stage keeps running."""

    stage: str
    error: SolaError
    t_emit: float
    recoverable: bool = True


@dataclass(frozen=True)
class Comment:
    """A viewer comment as it arrived, before any understanding.

    ``viewer_id`` is the platform's stable id for the viewer (pseudonymised before storage);
    ``platform`` is ``twitch``, ``tiktok``, ``youtube``, ``replay`` or ``manual``.
    ``t_capture`` is the monotonic arrival time; ``t_wall`` the wall-clock arrival time.
    """

    id: str
    platform: str
    viewer_id: str
    viewer_name: str
    text: str
    t_capture: float
    t_wall: float
