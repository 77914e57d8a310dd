"""The store on a full disk, a damaged file and a read-only file (issue 21.4 and 21.6), on real
file systems: a 16 MB tmpfs mounted for the test (root can mount one; skipped where it cannot),
a real profile database with pages overwritten, and a file opened through a read-only bind
mount (root ignores file modes, so ``chmod 0444`` alone proves nothing)."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import (
    REAL_PARTS,
    REQUIRE_REAL_PARTS_ENV,
    require_privileged,
    require_program,
    wait_until,
)

from sola_studio.chat.events import ActivityKind, ViewerActivity
from sola_studio.cli import main as cli_main
from sola_studio.core.bus import Bus
from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Comment, ErrorEvent
from sola_studio.store import SessionStatus, SessionStore
from sola_studio.store.cipher import StoreKey
from sola_studio.store.errors import (
    StoreCorrupt,
    StoreFull,
    StoreLocked,
    StoreReadOnly,
    classify,
    is_clear_text,
)
from sola_studio.store.repair import repair
from sola_studio.store.routing import EventRouter

KEY = StoreKey("3c" * 32, raw=True, source="test")


def _mount(target: Path, *args: str) -> None:
    """``mount ARGS... TARGET`` (the last of ARGS is the source)."""
    target.mkdir(parents=True, exist_ok=True)
    require_privileged(f"mount {' '.join(args)}", "mount", *args, str(target))


def _remount_read_only(target: Path) -> None:
    require_privileged("a read-only bind mount", "mount", "-o", "remount,bind,ro", str(target))


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.mark.parametrize("ci", ["1", ""], ids=["CI", "laptop"])
def test_a_refused_mount_fails_under_ci_and_is_skipped_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    """A mount the system refuses (here a file-system type no kernel has) skips a test on a
    developer's machine, but fails it under CI, which runs as root so that these tests run."""
    monkeypatch.setenv(REQUIRE_REAL_PARTS_ENV, ci)
    expected = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(BaseException) as refused:  # a skip must not skip this test itself
        _mount(tmp_path / "x", "-t", "no-such-fs", "none")
    assert type(refused.value) is expected
    assert "mount -t no-such-fs" in str(refused.value) and "refused here" in str(refused.value)
    if ci:
        assert REQUIRE_REAL_PARTS_ENV in str(refused.value)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 16 MB file system (tmpfs) for the profile."""
    disk = tmp_path / "disk"
    _mount(disk, "-t", "tmpfs", "-o", "size=16m", "tmpfs")
    try:
        yield disk
    finally:
        _umount(disk)


def _fill(disk: Path) -> Path:
    """Fill the file system to the last byte; returns the filler file."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        try:
            while True:
                f.write(b"\0")
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def _comment(i: int) -> Comment:
    return Comment(
        id=f"c{i}",
        platform="replay",
        viewer_id=f"v{i % 50}",
        viewer_name=f"viewer {i % 50}",
        text=f"comment number {i}: does the blue one come in size M? " + "x" * 200,
        t_capture=float(i),
        t_wall=1_700_000_000.0 + i,
    )


def test_a_full_disk_loses_no_comment_and_tells_the_seller_once(small_disk: Path) -> None:
    clock = ManualClock()
    store = SessionStore(
        small_disk / "sessions.db", key=b"k" * 32, clock=clock, db_key=KEY, retry_s=0.05
    )
    told: list[StoreFull] = []
    store.on_full = told.append
    bus = Bus()
    EventRouter(store).subscribe(bus)
    sid = store.start_session(title="full disk")
    for i in range(100):
        bus.publish(_comment(i))
    store.checkpoint()  # the WAL back to empty, so freeing the filler frees room for the WAL
    filler = _fill(small_disk)
    # the show goes on: publishing never raises, and the seller is told once, with the fix
    for i in range(100, 2_000):
        clock.advance(0.01)
        bus.publish(_comment(i))
        if i % 100 == 0:  # a route that writes through a helper, not a record_* method
            bus.publish(ViewerActivity("tiktok", ActivityKind.LIKE, f"v{i}", "v", 3, "", 0.0, 0.0))
    bus.publish(ErrorEvent("sink:virtual_camera", StoreFull("x", fix="y"), clock.wall()))
    assert len(told) == 1, told
    assert "full" in told[0].message and told[0].fix and "free space on" in told[0].fix
    assert "waits in memory" in told[0].fix
    assert store.waiting > 1_000  # kept in memory, in order
    # a report can be read meanwhile, from the same file, read-only
    reader = SessionStore(small_disk / "sessions.db", key=b"k" * 32, db_key=KEY, read_only=True)
    assert reader.db.execute("SELECT status FROM sessions").fetchone()[0] == "running"
    reader.close()

    filler.unlink()  # space returns: the retry timer writes what waited
    wait_until(lambda: store.waiting == 0, timeout=30, what="the kept writes to be written")
    store.finish_session()
    rows = store.db.execute(
        "SELECT comment_id, t_wall FROM comments WHERE session_id=? ORDER BY id", (sid,)
    ).fetchall()
    assert [r[0] for r in rows] == [f"c{i}" for i in range(2_000)]  # all, in order
    status = store.db.execute("SELECT status FROM sessions WHERE id=?", (sid,)).fetchone()[0]
    assert status == SessionStatus.FINISHED
    likes = store.db.execute("SELECT COUNT(*) FROM viewer_activity").fetchone()[0]
    assert likes == 19
    errors = store.db.execute("SELECT stage FROM errors").fetchall()
    assert errors == [("sink:virtual_camera",)]
    assert store.lost_when_full == 0
    store.close()


def test_a_disk_still_full_at_the_end_refuses_beyond_the_bound_and_says_so(
    small_disk: Path,
) -> None:
    store = SessionStore(
        small_disk / "sessions.db", key=b"k" * 32, db_key=KEY, backlog_limit=50, retry_s=60
    )
    store.start_session()
    store.checkpoint()
    filler = _fill(small_disk)
    for i in range(80):
        store.record_comment(_comment(i))
    assert store.waiting == 50 and store.lost_when_full == 30
    store.finish_session()  # kept too: the session is not left for dead while it waits
    assert store.session_id is None
    filler.unlink()
    store.close()  # writes what waits
    again = SessionStore(small_disk / "sessions.db", key=b"k" * 32, db_key=KEY)
    assert again.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0] == 50
    assert again.db.execute("SELECT status FROM sessions").fetchone()[0] == "finished"
    [(message,)] = again.db.execute("SELECT message FROM errors").fetchall()
    assert message.startswith("30 events were not recorded: the disk was full")
    again.close()


def test_a_store_on_a_full_disk_opens_for_reports(small_disk: Path) -> None:
    path = small_disk / "sessions.db"
    store = SessionStore(path, key=b"k" * 32, db_key=KEY)
    store.start_session(title="before the disk filled")
    store.record_comment(_comment(1))
    store.close()
    _fill(small_disk)
    with pytest.raises(StoreFull):  # marking and purging on open write: a typed error
        for _ in range(3):  # (SQLite may have room for one small write)
            SessionStore(path, key=b"k" * 32, db_key=KEY).close()
    reader = SessionStore(path, key=b"k" * 32, db_key=KEY, read_only=True)
    assert reader.db.execute("SELECT title FROM sessions").fetchone()[0] == (
        "before the disk filled"
    )
    with pytest.raises(StoreReadOnly):
        reader.start_session()
    reader.close()


def _real_profile_db(tmp_path: Path) -> Path:
    path = tmp_path / "sessions.db"
    store = SessionStore(path, key=b"k" * 32, clock=ManualClock())
    store.start_session(title="a show")
    for i in range(400):
        store.record_comment(_comment(i))
    store.finish_session()
    store.checkpoint()
    store.close()
    return path


def test_a_damaged_file_is_called_damaged_with_the_repair_command(tmp_path: Path) -> None:
    path = _real_profile_db(tmp_path)
    size = path.stat().st_size
    with open(path, "r+b") as f:  # overwrite pages in the middle of the file
        f.seek(size // 3)
        f.write(os.urandom(4096 * 4))
    with pytest.raises(StoreCorrupt) as err:  # on open, or by the check doctor and report run
        SessionStore(path, key=b"k" * 32).check()
    assert "damaged" in err.value.message and "space" not in str(err.value)
    assert err.value.fix and "doctor --repair-store" in err.value.fix


def test_damage_in_a_table_page_found_at_open_is_called_damaged(tmp_path: Path) -> None:
    """The third page (a table's, not the schema's) overwritten: opening the profile meets it
    after the migration, while marking interrupted shows; it is the same typed damage with the
    repair command (it was a raw driver DatabaseError, so the window offered no recovery)."""
    path = _real_profile_db(tmp_path)
    with open(path, "r+b") as f:
        f.seek(4096 * 2)
        f.write(os.urandom(4096))
    with pytest.raises(StoreCorrupt) as err:
        SessionStore(path, key=b"k" * 32).close()
    assert err.value.fix and "doctor --repair-store" in err.value.fix


def test_a_truncated_header_is_damaged_not_full(tmp_path: Path) -> None:
    path = _real_profile_db(tmp_path)
    data = path.read_bytes()
    path.write_bytes(b"\0" * 100 + data[100:])
    with pytest.raises(StoreCorrupt) as err:
        SessionStore(path, key=b"k" * 32)
    assert "space" not in str(err.value)


@pytest.fixture
def read_only_copy(tmp_path: Path) -> Iterator[Path]:
    """A real profile database seen through a read-only bind mount of its folder."""
    source = tmp_path / "profile"
    source.mkdir()
    _real_profile_db(source)
    view = tmp_path / "view"
    _mount(view, "--bind", str(source))  # (mount's arguments: source before target)
    try:
        _remount_read_only(view)
        yield view / "sessions.db"
    finally:
        _umount(view)


def test_a_read_only_file_is_called_read_only_and_reports_still_read_it(
    read_only_copy: Path,
) -> None:
    with pytest.raises(StoreReadOnly) as err:
        SessionStore(read_only_copy, key=b"k" * 32)
    assert "cannot be written" in err.value.message and "space" not in str(err.value)
    reader = SessionStore(read_only_copy, key=b"k" * 32, read_only=True)
    assert reader.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0] == 400
    reader.close()


def _profile_on(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real profile (encrypted, the key from the environment) under ``home``."""
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(home))
    store = SessionStore.open_profile("shop")
    store.start_session(title="the spring show")
    for i in range(20):
        store.record_comment(_comment(i))
    store.finish_session()
    store.checkpoint()
    store.close()
    return Path(store.path)


def test_report_list_works_on_a_full_disk(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _profile_on(small_disk, monkeypatch)
    crashed = SessionStore.open_profile("shop")
    sid = crashed.start_session(title="the crashed show")
    with crashed.transaction() as conn:  # its process is gone (a pid no process has)
        conn.execute("UPDATE sessions SET owner_pid = 4194999 WHERE id = ?", (sid,))
    crashed.close()  # never finished
    _fill(small_disk)
    assert cli_main(["report", "--profile", "shop", "--list"]) == 0
    out, err = capsys.readouterr()
    lines = {line.split(None, 4)[-1]: line for line in out.splitlines()}
    assert " finished " in lines["the spring show"]
    assert " interrupted " in lines["the crashed show"]  # shown as it is, not "running"
    assert "full" in err and "read-only" in err


def test_report_reads_a_read_only_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    db = _profile_on(home, monkeypatch)
    _mount(db.parent, "--bind", str(db.parent))
    try:
        _remount_read_only(db.parent)
        out_file = tmp_path / "report.json"
        assert (
            cli_main(["report", "--profile", "shop", "--format", "json", "--out", str(out_file)])
            == 0
        )
        assert "the spring show" in out_file.read_text(encoding="utf-8")
        assert "cannot be written" in capsys.readouterr().err
    finally:
        _umount(db.parent)


def _damage(path: Path, at: float = 0.4, pages: int = 3) -> None:
    """Overwrite ``pages`` 4 KB pages of a real database file at ``at`` of its length."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(int(size * at) // 4096 * 4096)
        f.write(os.urandom(4096 * pages))


@pytest.mark.parametrize("use_cli", [True, False], ids=["sqlite3-recover", "row-by-row"])
def test_a_damaged_clear_text_file_is_recovered_and_kept_aside(
    tmp_path: Path, use_cli: bool
) -> None:
    if use_cli:  # a real part: skipped on a laptop without it, failed under CI
        require_program("sqlite3", why="SQLite's .recover")
    path = _real_profile_db(tmp_path)
    _damage(path)
    with pytest.raises(StoreCorrupt):
        SessionStore(path, key=b"k" * 32).check()
    result = repair(path, None, use_cli=use_cli)
    assert result.kept_aside.exists() and result.kept_aside.name.startswith("sessions.damaged-")
    store = SessionStore(path, key=b"k" * 32)
    store.check()  # the new file is whole
    n = store.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0]
    assert 300 <= n <= 400, n  # most rows back, what sat on the damaged pages lost
    assert store.db.execute("SELECT title FROM sessions").fetchone()[0] == "a show"
    store.start_session(title="the next show")  # the seller can go live again
    store.close()


def test_under_ci_a_machine_without_the_sqlite3_program_fails_the_recover_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI installs the sqlite3 program (scripts/setup.sh test) and must run the .recover path:
    without the program there, the test fails naming it instead of skipping."""
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    monkeypatch.setenv(REQUIRE_REAL_PARTS_ENV, "1")
    with pytest.raises(BaseException) as missing:  # a skip must not skip this test itself
        test_a_damaged_clear_text_file_is_recovered_and_kept_aside(tmp_path, use_cli=True)
    assert type(missing.value) is pytest.fail.Exception
    assert "sqlite3 is not installed" in str(missing.value)
    assert "sqlite3" in {program for programs in REAL_PARTS.values() for program in programs}


def test_a_damaged_encrypted_profile_is_recovered_by_doctor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _profile_on(tmp_path / "home", monkeypatch)
    store = SessionStore.open_profile("shop")
    store.start_session(title="the second show")
    for i in range(1_000, 1_400):
        store.record_comment(_comment(i))
    store.finish_session()
    store.checkpoint()
    store.close()
    _damage(path, at=0.5, pages=2)
    with pytest.raises(StoreCorrupt):
        SessionStore.open_profile("shop").check()
    assert cli_main(["doctor", "--repair-store", "--profile", "shop"]) == 0
    out = capsys.readouterr().out
    assert "recovered" in out and "row by row" in out and "sessions.damaged-" in out
    again = SessionStore.open_profile("shop")
    again.check()
    assert again.encrypted and not is_clear_text(path)
    n = again.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0]
    assert 300 <= n < 420, n
    titles = {r[0] for r in again.db.execute("SELECT title FROM sessions")}
    assert titles == {"the spring show", "the second show"}
    again.close()


def test_a_file_another_program_holds_locked_is_called_locked(tmp_path: Path) -> None:
    path = _real_profile_db(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as raw:
            other.execute("INSERT INTO errors (stage) VALUES ('x')")
        error = classify(raw.value, path, "write to")
        assert isinstance(error, StoreLocked)
        assert "locked" in error.message and error.fix and "close the other" in error.fix
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        other.close()


def test_migrating_a_clear_text_profile_on_a_full_disk_leaves_it_as_it_was(
    small_disk: Path,
) -> None:
    path = small_disk / "sessions.db"
    old = SessionStore(path, key=b"k" * 32)
    old.start_session(title="clear")
    for i in range(300):
        old.record_comment(_comment(i))
    old.finish_session()
    old.close()
    before = path.read_bytes()
    filler = _fill(small_disk)
    with pytest.raises(StoreFull):
        SessionStore(path, key=b"k" * 32, db_key=KEY)  # the encrypted copy needs room
    assert path.read_bytes() == before
    leftovers = {p.name for p in small_disk.iterdir()} - {"filler", "sessions.db"}
    assert leftovers <= {"sessions.db-wal", "sessions.db-shm"}  # SQLite's own, no half copy
    filler.unlink()
    store = SessionStore(path, key=b"k" * 32, db_key=KEY)  # with room, it goes through
    assert store.encrypted and not is_clear_text(path)
    assert store.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0] == 300
    store.close()


def test_doctor_says_whether_the_profile_database_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sola_studio.doctor import Status, check_store

    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    [none] = [c for c in check_store("shop") if c.name == "store shop"]
    assert none.status is Status.OK and "no session database yet" in none.summary
    path = _profile_on(tmp_path / "home", monkeypatch)
    before = path.read_bytes()
    [ok] = [c for c in check_store("shop") if c.name == "store shop"]
    assert ok.status is Status.OK and "1 sessions, encrypted, whole" in ok.summary
    assert path.read_bytes() == before  # the doctor only looks
    _damage(path, at=0.5, pages=2)
    [bad] = [c for c in check_store("shop") if c.name == "store shop"]
    assert bad.status is Status.FAIL and "damaged" in bad.summary
    assert "doctor --repair-store" in bad.fix
    monkeypatch.setenv("SOLA_STUDIO_STORE_KEY", "00" * 32)
    [key] = [c for c in check_store("shop") if c.name == "store shop"]
    assert key.status is Status.FAIL and "key" in key.summary


def test_doctor_warns_when_the_data_disk_is_nearly_full(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sola_studio.doctor import Status, check_store

    _profile_on(small_disk, monkeypatch)  # a 16 MB disk: under the 500 MB warning
    checks = {c.name: c for c in check_store("shop")}
    assert checks["data disk"].status is Status.WARN
    assert "MB free" in checks["data disk"].summary and "free space" in checks["data disk"].fix
    assert checks["store shop"].status is Status.OK
