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

    def send(self, reply: OutgoingReply) -> str | None:
        """Deliver ``reply``; raise ConnectorError when it cannot. Returns how it went when
        that is not :attr:`name` (``"clipboard"``), so the window and the store say so."""
        ...


@runtime_checkable
class Clipboard(Protocol):
    """The system clipboard. The window passes one backed by QClipboard; headless runs and
    tests use :class:`MemoryClipboard`."""

    def set_text(self, text: str) -> None: ...


class MemoryClipboard:
    """A clipboard without a window: keeps the last text (and all of them, for tests)."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._lock = threading.Lock()

    def set_text(self, text: str) -> None:
        with self._lock:
            self.texts.append(text)

    @property
    def text(self) -> str:
        with self._lock:
            return self.texts[-1] if self.texts else ""


class PlatformSender:
    """Posts the reply in the chat the comment came from, through the source it came from.

    Where no supported way to post exists (TikTok LIVE, comments from the local endpoint),
    the reply is copied to ``clipboard`` for the seller to paste, and the send returns
    ``"clipboard"``: the desk marks the comment answered and the window says it was copied.
    Without a clipboard such a send is a ConnectorError with that fix.
    """

    name = "platform"

    def __init__(
        self, sources: dict[str, CommentSource], clipboard: Clipboard | None = None
    ) -> None:
        self._sources = sources
        self._clipboard = clipboard

    def send(self, reply: OutgoingReply) -> str | None:
        source = self._sources.get(reply.comment.platform)
        if source is None or not source.can_send:
            if self._clipboard is not None:
                self._clipboard.set_text(reply.text)
                return "clipboard"
            raise ConnectorError(
                f"{reply.comment.platform} cannot send replies from here",
                fix="copy the reply to the clipboard and paste it in the platform's chat",
            )
        source.send(reply.text, reply_to=reply.comment)
        return None


class ClipboardSender:
    name = "clipboard"

    def __init__(self, clipboard: Clipboard) -> None:
        self._clipboard = clipboard

    def send(self, reply: OutgoingReply) -> str | None:
        self._clipboard.set_text(reply.text)
        return None


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

    def send(self, reply: OutgoingReply) -> str | None:
        self._publish(
            OnScreenCard(
                id=f"card-{reply.comment.id}",
                title=reply.comment.text[:80],
                lines={reply.language: reply.text},
                duration_s=self.duration_s,
                t_emit=self._clock(),
            )
        )
        return None


class DryRunSender:
    """Appends each reply as one JSON line to ``path`` (rehearsals, tests, benchmarks)."""

    name = "dry-run"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def send(self, reply: OutgoingReply) -> str | None:
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
        return None
