"""Where an approved reply goes: the platform's chat, the clipboard, an on-screen card, or a
dry-run log. A sender is called only by :class:`~sola_studio.comments.desk.CommentDesk` for an
approved item; it never decides whether to send.

The clipboard belongs to the window (Qt), so the core only defines :class:`Clipboard`; the UI
passes an object with ``set_text``. :class:`OnScreenCardSender` publishes an
:class:`OnScreenCard` event that the captions renderer draws on the video.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from sola_studio.comments.events import OnScreenCard
from sola_studio.comments.sources import CommentSource
from sola_studio.core.errors import ConnectorError
from sola_studio.core.events import Comment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutgoingReply:
    comment: Comment
    text: str
    language: str


@runtime_checkable
class ReplySender(Protocol):
    name: str

    def send(self, reply: OutgoingReply) -> None:
        """Deliver ``reply``; raise ConnectorError when it cannot."""
        ...


class PlatformSender:
    """Posts the reply in the chat the comment came from."""

    name = "platform"

    def __init__(self, sources: dict[str, CommentSource]) -> None:
        self._sources = sources

    def send(self, reply: OutgoingReply) -> None:
        source = self._sources.get(reply.comment.platform)
        if source is None or not source.can_send:
            raise ConnectorError(
                f"{reply.comment.platform} cannot send replies from here",
                fix="copy the reply to the clipboard and paste it in the platform's chat",
            )
        source.send(reply.text, reply_to=reply.comment)


@runtime_checkable
class Clipboard(Protocol):
    def set_text(self, text: str) -> None: ...


class ClipboardSender:
    name = "clipboard"

    def __init__(self, clipboard: Clipboard) -> None:
        self._clipboard = clipboard

    def send(self, reply: OutgoingReply) -> None:
        self._clipboard.set_text(reply.text)


class OnScreenCardSender:
    """Shows the reply as a card on the video for ``duration_s`` seconds."""

    name = "card"

    def __init__(
        self,
        publish: Callable[[object], None],
        clock: Callable[[], float],
        duration_s: float = 10.0,
    ) -> None:
        self._publish = publish
        self._clock = clock
        self.duration_s = duration_s

    def send(self, reply: OutgoingReply) -> None:
        self._publish(
            OnScreenCard(
                id=f"card-{reply.comment.id}",
                title=reply.comment.text[:80],
                lines={reply.language: reply.text},
                duration_s=self.duration_s,
                t_emit=self._clock(),
            )
        )


class DryRunSender:
    """Appends each reply as one JSON line to ``path`` (rehearsals, tests, benchmarks)."""

    name = "dry-run"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def send(self, reply: OutgoingReply) -> None:
        line = json.dumps(
            {
                "comment_id": reply.comment.id,
                "platform": reply.comment.platform,
                "viewer": reply.comment.viewer_id,
                "language": reply.language,
                "text": reply.text,
            },
            ensure_ascii=False,
        )
        with self._lock, self.path.open("a", encoding="utf-8") as f:
            f.write(line + "\n")
