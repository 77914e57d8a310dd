"""The demo's own profile (``demo``) and the key of its database.

The demo (``make demo``, ``sola-studio run --demo``, ``studio --demo``) replays the bundled
sample: the seller talk, the video and a comment replay written for it. Its profile never holds
a real viewer's data, only what the sample made. Its database is encrypted like every profile's
(one code path in the store), but its key is a random 256-bit one kept in a file inside the
demo's own profile folder (``demo.key``, mode 0600), not in the system keyring: the README's
first command has to run on a fresh machine without a keyring (a server, a container, a CI
runner, a desktop whose keyring is locked) without asking anyone for a passphrase. A file beside
the database protects the sample data as much as it needs; the seller's own profiles keep the
store's rule (a key in the keyring, else a passphrase the seller chooses: ``store/cipher.py``).

An encrypted demo database made before the key file existed (with the keyring's key) is left to
that rule: the key file is only created for a demo profile with no database yet, or a clear-text
one (which the store then encrypts with it).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from sola_studio.live.options import DEMO_PROFILE
from sola_studio.store import cipher
from sola_studio.store.errors import StoreKeyError, is_clear_text
from sola_studio.store.records import DB_NAME, profile_dir

KEY_FILE = "demo.key"


#: profiles that only ever hold sample or synthetic data, and so keep their key in a file
SAMPLE_PROFILES = (DEMO_PROFILE, "bench-soak")


def demo_key_file(profile: str = DEMO_PROFILE) -> Path:
    """Where the demo profile (or another sample profile) keeps its database key."""
    return profile_dir(profile) / KEY_FILE


def unlock_demo_profile(*, create: bool = True, profile: str = DEMO_PROFILE) -> bool:
    """Make every store this process opens for the demo profile use the key in its file
    (created first when ``create`` and the profile has no encrypted database yet). Returns
    whether the demo's key file is in use; ``False`` leaves the profile to the store's rule.

    ``profile`` may name another of :data:`SAMPLE_PROFILES` (``bench soak``'s synthetic show);
    a seller's profile is refused: its key belongs in the keyring or a passphrase."""
    if profile not in SAMPLE_PROFILES:
        raise ValueError(f"{profile!r} is not a sample profile; its key is not kept in a file")
    path = demo_key_file(profile)
    if not path.exists():
        db = path.with_name(DB_NAME)
        made_elsewhere = db.exists() and db.stat().st_size > 0 and not is_clear_text(db)
        if not create or made_elsewhere:
            return False
        _create(path)
    cipher.remember_passphrase(profile, _read(path))
    return True


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two demos starting at once keep the first one's key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_hex(32) + "\n")
        f.flush()
        os.fsync(f.fileno())


def _read(path: Path) -> str:
    key = path.read_text(encoding="ascii", errors="replace").strip()
    if not re.fullmatch(r"[0-9a-f]{64}", key):
        raise StoreKeyError(
            f"the sample profile's database key {path} is damaged",
            fix=f"delete the profile folder {path.parent} (it holds only sample or synthetic "
            "sessions) and run the demo or the bench again",
        )
    return key
