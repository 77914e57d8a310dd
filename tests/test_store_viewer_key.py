"""The viewer-pseudonym key is kept like the database key (issue 21 leftover): in the keyring
beside it, or derived from it where no keyring exists, never as a new file in the profile's
folder. An old ``viewer.key`` file moves into the keyring once and is removed (where there is no
keyring it is kept and read), and returning viewers keep their pseudonyms. The keyring is a real
(file-backed) backend installed as the process's keyring; the sample profiles (demo, bench soak)
keep working without one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring_support import file_keyring, no_keyring

from sola_studio.core.events import Comment
from sola_studio.live.demo_profile import unlock_demo_profile
from sola_studio.live.options import DEMO_PROFILE
from sola_studio.store import SessionStore, profile_dir
from sola_studio.store.cipher import (
    KEY_ENV,
    PASSPHRASE_ENV,
    SERVICE,
    VIEWER_SERVICE,
    forget_passphrase,
    remember_passphrase,
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder of its own, and no key in the environment (the suite sets one)."""
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    yield tmp_path / "home"


def _comment(store: SessionStore, cid: str, viewer: str = "12345") -> None:
    store.record_comment(
        Comment(
            id=cid,
            platform="twitch",
            viewer_id=viewer,
            viewer_name="maria",
            text="how much is it?",
            t_capture=1.0,
            t_wall=store.wall_time(),
        )
    )


def _show(store: SessionStore, cid: str) -> None:
    store.start_session(title="show")
    _comment(store, cid)
    store.finish_session()


def _viewers(store: SessionStore) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT viewer_pid FROM comments")}


def _files(profile: str) -> list[str]:
    return sorted(
        p.name for p in profile_dir(profile).iterdir() if not p.name.endswith(("-wal", "-shm"))
    )


def test_the_viewer_key_lives_in_the_keyring_beside_the_database_key(
    home: Path, tmp_path: Path
) -> None:
    with file_keyring(tmp_path / "keyring.json") as kr:
        store = SessionStore.open_profile("shop")
        _show(store, "c1")
        store.close()
        assert _files("shop") == ["sessions.db"]  # no key of the profile is a file in it
        stored = kr.get_password(VIEWER_SERVICE, "shop")
        assert stored is not None and len(bytes.fromhex(stored)) == 32
        assert kr.get_password(SERVICE, "shop") not in (None, stored)

        again = SessionStore.open_profile("shop")  # a later show: the same viewer, same id
        _show(again, "c2")
        assert len(_viewers(again)) == 1
        again.close()


def test_an_old_viewer_key_file_moves_into_the_keyring_and_viewers_keep_their_ids(
    home: Path, tmp_path: Path
) -> None:
    folder = profile_dir("shop")
    folder.mkdir(parents=True)
    old = SessionStore(folder / "sessions.db", key=b"v" * 32)  # as an older version wrote it
    _show(old, "c1")
    old.close()
    (folder / "viewer.key").write_bytes(b"v" * 32)

    with file_keyring(tmp_path / "keyring.json") as kr:
        store = SessionStore.open_profile("shop")
        assert _files("shop") == ["sessions.db"]
        assert kr.get_password(VIEWER_SERVICE, "shop") == (b"v" * 32).hex()
        _show(store, "c2")  # the returning viewer is recognised
        assert len(_viewers(store)) == 1
        store.close()


@pytest.fixture
def keyless(home: Path) -> Iterator[Path]:
    """A machine without a keyring (keyring's "fail" backend); passphrases forgotten after."""
    with no_keyring():
        yield home
    for profile in ("shop", "other", DEMO_PROFILE):
        forget_passphrase(profile)


def test_without_a_keyring_an_old_viewer_key_file_is_kept_and_viewers_keep_their_ids(
    keyless: Path,
) -> None:
    folder = profile_dir("shop")
    folder.mkdir(parents=True)
    old = SessionStore(folder / "sessions.db", key=b"v" * 32)  # as an older version wrote it
    _show(old, "c1")
    old.close()
    (folder / "viewer.key").write_bytes(b"v" * 32)
    remember_passphrase("shop", "correct horse battery staple")
    again = SessionStore.open_profile("shop")  # nowhere safer to move it: it stays, and is read
    _show(again, "c2")
    assert len(_viewers(again)) == 1 and (folder / "viewer.key").read_bytes() == b"v" * 32
    again.close()


def test_without_a_keyring_the_viewer_key_follows_the_passphrase(keyless: Path) -> None:
    remember_passphrase("shop", "correct horse battery staple")
    store = SessionStore.open_profile("shop")
    _show(store, "c1")
    store.close()
    assert _files("shop") == ["sessions.db"]  # no key file is made
    again = SessionStore.open_profile("shop")
    _show(again, "c2")
    assert len(_viewers(again)) == 1
    # another profile with the same passphrase gets other pseudonyms
    remember_passphrase("other", "correct horse battery staple")
    other = SessionStore.open_profile("other")
    assert other.viewer_pid("twitch", "12345") != again.viewer_pid("twitch", "12345")
    other.close()
    again.close()


def test_the_demo_profile_still_opens_without_a_keyring(keyless: Path) -> None:
    assert unlock_demo_profile()
    store = SessionStore.open_profile(DEMO_PROFILE)
    _show(store, "c1")
    store.close()
    again = SessionStore.open_profile(DEMO_PROFILE)
    _show(again, "c2")
    assert len(_viewers(again)) == 1
    again.close()
    assert _files(DEMO_PROFILE) == ["demo.key", "sessions.db"]
