"""Shared plumbing of the core: events, typed errors, bounded channels and the clock.

Nothing here knows about audio, video or comments in particular, and nothing here imports Qt.
"""
