"""Events the chat connectors publish besides comments: what viewers did (joined, liked, sent a
gift, shared, followed) and how each connection is doing (connected, reconnecting, stopped).

Both are context for the desk, the window's status line and the report; neither ever becomes a
draft. Frozen, typed, with monotonic ``t_capture``/``t_emit`` as every event (DESIGN rule 3).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from sola_studio.core.errors import SolaError


class ActivityKind(enum.Enum):
    JOIN = "join"
    LIKE = "like"
    GIFT = "gift"
    SHARE = "share"
    FOLLOW = "follow"
    MEMBER = "member"  # a paid membership or super-chat style support


@dataclass(frozen=True)
class ViewerActivity:
    """A viewer did something that is not a comment. ``count`` is how many (likes in one
    burst, gifts in a combo); ``detail`` is the gift's name or the amount as the platform wrote
    it; ``viewer_id`` is the platform's id (pseudonymised before it is stored)."""

    platform: str
    kind: ActivityKind
    viewer_id: str
    viewer_name: str
    count: int
    detail: str
    t_capture: float
    t_wall: float


class ChatState(enum.Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"  # the connection dropped; trying again after a pause
    STOPPED = "stopped"  # given up (``error`` says why and how to fix it) or stopped by the seller


@dataclass(frozen=True)
class ChatStatus:
    """A connector's connection changed. ``retry_in_s`` is the pause before the next attempt
    (RECONNECTING only); ``error`` is the typed error that caused the change, if any."""

    platform: str
    source: str  # the spec the seller gave: ``tiktok:@shop``, ``youtube:auto``, ``webhook:8765``
    state: ChatState
    t_emit: float
    retry_in_s: float = 0.0
    error: SolaError | None = None


Publish = Callable[[object], object]


def discard(_event: object) -> None:
    """The default ``publish`` of a connector nobody listens to."""
