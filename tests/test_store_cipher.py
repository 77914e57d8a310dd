"""The profile database encrypted at rest (issue 21.11), on real files: SQLCipher through
``sqlcipher3``, the key in a keyring backend chosen explicitly (an in-memory one; never the
developer's keyring), a passphrase where no keyring exists, and a clear-text profile migrated.
What a user would check: the viewers' words are nowhere in the profile's files, the profile
reads back, and a missing or wrong key is a clear error that leaves the file untouched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from chat_support import MemoryKeyring

from sola_studio.cli import main as cli_main
from sola_studio.core.events import Comment
from sola_studio.store import SessionStore, profile_dir
from sola_studio.store.cipher import (
    KEY_ENV,
    PASSPHRASE_ENV,
    SERVICE,
    forget_passphrase,
    remember_passphrase,
)
from sola_studio.store.errors import StoreKeyError, is_clear_text

SECRET_TEXT = "my address is 42 Rua das Flores, apt 7"
VIEWER_NAME = "maria.silva.1987"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder of its own, and no key in the environment (the suite sets one)."""
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    yield tmp_path / "home"


def _show(store: SessionStore) -> None:
    store.start_session(title="spring show")
    store.record_comment(
        Comment(
            id="c1",
            platform="twitch",
            viewer_id="12345",
            viewer_name=VIEWER_NAME,
            text=SECRET_TEXT,
            t_capture=1.0,
            t_wall=store.wall_time(),
        )
    )
    store.finish_session()


def _profile_bytes(profile: str) -> bytes:
    """Every byte of every file in the profile's folder (database, WAL, anything left)."""
    return b"".join(p.read_bytes() for p in sorted(profile_dir(profile).rglob("*")) if p.is_file())


def _texts(store: SessionStore) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT text FROM comments")]


def test_first_run_creates_a_key_in_the_keyring_and_nothing_is_readable_on_disk(
    home: Path,
) -> None:
    kr = MemoryKeyring()
    store = SessionStore.open_profile("shop", keyring_backend=kr)
    _show(store)
    store.close()
    key = kr.passwords[(SERVICE, "shop")]
    assert len(bytes.fromhex(key)) == 32
    data = _profile_bytes("shop")
    assert SECRET_TEXT.encode() not in data and VIEWER_NAME.encode() not in data
    assert not is_clear_text(profile_dir("shop") / "sessions.db")
    again = SessionStore.open_profile("shop", keyring_backend=kr)
    assert _texts(again) == [SECRET_TEXT] and again.encrypted
    again.close()
    assert kr.passwords[(SERVICE, "shop")] == key  # not replaced


def test_a_missing_key_is_a_clear_error_and_never_an_empty_profile(home: Path) -> None:
    kr = MemoryKeyring()
    store = SessionStore.open_profile("shop", keyring_backend=kr)
    _show(store)
    store.close()
    path = profile_dir("shop") / "sessions.db"
    before = path.read_bytes()
    empty = MemoryKeyring()  # another machine, a wiped keyring
    with pytest.raises(StoreKeyError) as err:
        SessionStore.open_profile("shop", keyring_backend=empty)
    assert "not in the system keyring" in err.value.message and err.value.fix
    assert PASSPHRASE_ENV in err.value.fix
    assert path.read_bytes() == before and not empty.passwords  # untouched, no key made up


def test_a_wrong_key_is_a_clear_error_and_leaves_the_file_untouched(home: Path) -> None:
    kr = MemoryKeyring()
    store = SessionStore.open_profile("shop", keyring_backend=kr)
    _show(store)
    store.close()
    path = profile_dir("shop") / "sessions.db"
    before = path.read_bytes()
    kr.passwords[(SERVICE, "shop")] = "00" * 32
    with pytest.raises(StoreKeyError) as err:
        SessionStore.open_profile("shop", keyring_backend=kr)
    assert "cannot be read with this key" in err.value.message
    assert "space" not in str(err.value)
    assert path.read_bytes() == before


def test_without_a_keyring_the_seller_chooses_a_passphrase(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    none = keyring.backends.fail.Keyring()
    with pytest.raises(StoreKeyError) as err:
        SessionStore.open_profile("shop", keyring_backend=none)
    assert "no system keyring" in err.value.message and PASSPHRASE_ENV in (err.value.fix or "")
    assert not (profile_dir("shop") / "sessions.db").exists()  # nothing made without a key

    store = SessionStore.open_profile("shop", passphrase="correct horse battery")
    _show(store)
    store.close()
    assert SECRET_TEXT.encode() not in _profile_bytes("shop")
    with pytest.raises(StoreKeyError):
        SessionStore.open_profile("shop", passphrase="wrong horse")
    monkeypatch.setenv(PASSPHRASE_ENV, "correct horse battery")  # the command line's way
    again = SessionStore.open_profile("shop", keyring_backend=none)
    assert _texts(again) == [SECRET_TEXT]
    again.close()
    monkeypatch.delenv(PASSPHRASE_ENV)
    remember_passphrase("shop", "correct horse battery")  # the window's way, after asking
    try:
        again = SessionStore.open_profile("shop", keyring_backend=none)
        assert _texts(again) == [SECRET_TEXT]
        again.close()
    finally:
        forget_passphrase("shop")
    with pytest.raises(StoreKeyError):
        SessionStore.open_profile("shop", keyring_backend=none)


def test_a_clear_text_profile_is_migrated_and_its_old_bytes_are_gone(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = profile_dir("shop")
    folder.mkdir(parents=True)
    old = SessionStore(folder / "sessions.db", key=(b"v" * 32))  # as before this change
    (folder / "viewer.key").write_bytes(b"v" * 32)
    _show(old)
    old.close()
    assert SECRET_TEXT.encode() in (folder / "sessions.db").read_bytes()

    kr = MemoryKeyring()
    store = SessionStore.open_profile("shop", keyring_backend=kr)
    assert store.encrypted and _texts(store) == [SECRET_TEXT]
    rows = store.db.execute("SELECT status, title FROM sessions").fetchall()
    assert rows == [("finished", "spring show")]
    store.close()
    assert SECRET_TEXT.encode() not in _profile_bytes("shop")
    # the old viewer.key moved into the keyring beside the database key (test_store_viewer_key)
    assert sorted(p.name for p in folder.iterdir()) == ["sessions.db"]

    # reports and exports read it as before (the CLI, its key from the environment)
    monkeypatch.setenv(KEY_ENV, kr.passwords[(SERVICE, "shop")])
    out = home / "report.csv"
    assert cli_main(["report", "--profile", "shop", "--format", "csv", "--out", str(out)]) == 0
    assert SECRET_TEXT in out.read_text(encoding="utf-8")
    assert cli_main(["report", "--profile", "shop", "--list"]) == 0
    assert "spring show" in capsys.readouterr().out
