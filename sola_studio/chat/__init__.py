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

from sola_studio.chat.specs import ChatSettings, describe_specs, parse_comment_sources, split_specs

__all__ = ["ChatSettings", "describe_specs", "parse_comment_sources", "split_specs"]
