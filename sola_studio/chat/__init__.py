"""Chat connectors: where viewer comments come from besides a replay file and typing.

- :mod:`~sola_studio.chat.tiktok`: TikTok LIVE, read only, through the unofficial TikTokLive
  library (an optional extra, never bundled); replies go to the clipboard;
- :mod:`~sola_studio.chat.youtube`: YouTube Live, read and reply, official Data API v3;
- :mod:`~sola_studio.chat.webhook`: any other platform through a loopback HTTP endpoint;
- Twitch chat is :class:`~sola_studio.comments.sources.TwitchIrcSource` (IRC over TLS);
- :mod:`~sola_studio.chat.specs`: ``--comments tiktok:@user youtube:auto ...`` -> sources.

Every connector implements :class:`~sola_studio.comments.sources.CommentSource`, emits
:class:`~sola_studio.core.events.Comment` carrying its platform, and publishes what else viewers
do (:class:`~sola_studio.chat.events.ViewerActivity`) and how its connection is
(:class:`~sola_studio.chat.events.ChatStatus`). None listens on anything but 127.0.0.1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sola_studio.chat.specs import (
        ChatSettings,
        describe_specs,
        parse_comment_sources,
        split_specs,
    )

__all__ = ["ChatSettings", "describe_specs", "parse_comment_sources", "split_specs"]


def __getattr__(name: str) -> Any:
    # Lazy: comments.sources imports chat.events, and importing this package must not pull
    # chat.specs (which imports comments.sources) back in half-way through.
    if name in __all__:
        from sola_studio.chat import specs

        return getattr(specs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
