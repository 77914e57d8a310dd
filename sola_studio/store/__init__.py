"""The session store: one SQLite file per seller profile, written as events happen, with
retention, forget-viewer and export-viewer, and platform tokens kept in the OS keyring.

Nothing here sends data anywhere or imports Qt.
"""

from sola_studio.store.repository import (
    ProductSnapshot,
    PurgeResult,
    RetentionPolicy,
    SessionStatus,
    SessionStore,
    profile_dir,
)

__all__ = [
    "ProductSnapshot",
    "PurgeResult",
    "RetentionPolicy",
    "SessionStatus",
    "SessionStore",
    "profile_dir",
]
