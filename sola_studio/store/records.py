"""The plain values of the session store: session states, the retention policy, product
snapshots and purge results, and where a seller profile lives.

Kept apart from :mod:`sola_studio.store.repository` so that the store's helpers (privacy,
routing, viewer memory) can name them without importing the store itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sola_studio import paths
from sola_studio.core.errors import StoreError

DB_NAME = "sessions.db"
_PROFILE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class SessionStatus:
    """Values of ``sessions.status``."""

    RUNNING = "running"
    FINISHED = "finished"
    INTERRUPTED = "interrupted"
    FAILED = "failed"  # it never ran (a failed start) or ended on a fatal error (errors rows)


@dataclass(frozen=True)
class RetentionPolicy:
    """How long viewer identifiers and comment text are kept.

    ``days``: age after which a comment's text, translation, entities and viewer link, the drafts
    and replies written for it, and viewers not seen since, are purged (default 30).
    ``check_every_s``: while the store is open, purging runs again after this many seconds
    (it always runs when the store opens).
    """

    days: float = 30.0
    check_every_s: float = 3600.0

    def __post_init__(self) -> None:
        if self.days <= 0:
            raise ValueError("retention days must be positive")


@dataclass(frozen=True)
class ProductSnapshot:
    """A product as the sheet described it during the session (name, price, variants, stock)."""

    product_id: str
    name: str
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PurgeResult:
    comments: int
    viewers: int
    drafts: int
    replies: int
    memory: int = 0  # viewer-memory rows deleted (sola_studio.store.viewer_memory)


def profile_dir(profile: str = "default") -> Path:
    """The folder of one seller profile: ``<data_dir>/profiles/<profile>/``."""
    if not _PROFILE_RE.match(profile):
        raise StoreError(
            f"profile name {profile!r} is not allowed",
            fix="use letters, digits, '.', '_' or '-' (up to 64 characters)",
        )
    return paths.data_dir() / "profiles" / profile
