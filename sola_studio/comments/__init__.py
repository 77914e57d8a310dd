"""The comment flow: sources -> understanding -> grounded drafts -> review -> senders.

Start with :class:`sola_studio.comments.desk.CommentDesk`; events are in
:mod:`sola_studio.comments.events`. See ``docs/comments.md``.
"""
