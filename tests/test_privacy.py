"""Viewer privacy: retention across sessions with a controllable clock, forgetting one viewer
everywhere, exporting what is held about one viewer, tokens only in the keyring, and a whole
replayed session that works with the network cut off."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring.backends.fail
import pytest
from fixtures import sample_report as sample
from helpers import require_privileged, require_program
from keyring.backend import KeyringBackend

from sola_studio.core.clock import ManualClock
from sola_studio.core.events import Comment
from sola_studio.report.build import build_report
from sola_studio.store import RetentionPolicy, SessionStore
from sola_studio.store.tokens import KeyringUnavailable, TokenVault

DAY = 86400.0


def _files(store: SessionStore) -> bytes:
    """Every byte the store holds on disk (database, WAL, shared memory)."""
    data = b""
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(store.path) + suffix)
        if p.exists():
            data += p.read_bytes()
    return data


def _comment(n: int, viewer: str, text: str, clock: ManualClock) -> Comment:
    return Comment(f"c{n}", "tiktok", f"tt-{viewer}", viewer, text, clock.monotonic(), clock.wall())


def test_retention_purges_old_sessions_and_keeps_recent_ones(tmp_path: Path) -> None:
    clock = ManualClock()
    path = tmp_path / "s.db"
    store = SessionStore(path, key=b"k" * 32, clock=clock)
    first = store.start_session(title="day 0")
    store.record_comment(_comment(1, "ana", "tem M preta? meu cpf 123", clock))
    store.record_comment_understood(
        "c1",
        language="pt",
        translation="black M?",
        intent="size_stock",
        is_question=True,
        entities={"size": "M"},
        product_id="tee",
        variant="M / black",
    )
    store.record_draft("c1", comment_id="c1", text="Oi ana, temos sim!", language="pt")
    store.record_reply("r1", text="Oi ana, temos sim!", comment_ids=["c1"], draft_id="c1")
    store.record_comment(_comment(2, "bia", "only in session one", clock))
    store.finish_session()

    clock.advance(20 * DAY)
    second = store.start_session(title="day 20")
    store.record_comment(_comment(1, "ana", "voltei! tem G?", clock))
    store.finish_session()
    store.close()

    clock.advance(15 * DAY)  # day 35: session one is past 30 days, session two is not
    store = SessionStore(path, key=b"k" * 32, clock=clock)
    rows = {(r["session_id"], r["comment_id"]): r for r in store.db.query("SELECT * FROM comments")}
    old = rows[(first, "c1")]
    assert old["text"] is None and old["translation"] is None and old["viewer_pid"] is None
    assert old["entities"] is None and old["purged_wall"] == clock.wall()
    # what the report's numbers need stays
    assert (old["language"], old["intent"], old["product_id"]) == ("pt", "size_stock", "tee")
    assert rows[(second, "c1")]["text"] == "voltei! tem G?"
    names = {r["display_name"] for r in store.db.query("SELECT display_name FROM viewers")}
    assert names == {"ana"}  # bia was last seen on day 0; ana on day 20
    assert store.db.execute("SELECT text FROM drafts").fetchone()[0] is None
    assert store.db.execute("SELECT text FROM replies").fetchone()[0] is None
    on_disk = _files(store)
    for gone in ("meu cpf 123", "only in session one", "Oi ana", "bia"):
        assert gone.encode() not in on_disk

    report = build_report(store.db, first)
    assert report.glance.comments == 2 and report.glance.questions == 1
    assert report.glance.answered == 1
    assert report.comments[0].text is None and "purged" in report.notes[-1]

    clock.advance(20 * DAY)  # day 55: ana's last visit was day 20
    store.close()
    store = SessionStore(path, key=b"k" * 32, clock=clock)
    assert store.db.execute("SELECT COUNT(*) FROM viewers").fetchone()[0] == 0
    assert (
        store.db.execute("SELECT COUNT(*) FROM comments WHERE text IS NOT NULL").fetchone()[0] == 0
    )


def test_retention_runs_periodically_while_open_and_is_configurable(tmp_path: Path) -> None:
    clock = ManualClock()
    store = SessionStore(
        tmp_path / "s.db",
        key=b"k" * 32,
        clock=clock,
        retention=RetentionPolicy(days=7, check_every_s=3600),
    )
    store.start_session()
    store.record_comment(_comment(1, "ana", "first", clock))
    clock.advance(8 * DAY)  # a session left open for days
    store.record_comment(_comment(2, "bia", "second", clock))
    texts = [r[0] for r in store.db.execute("SELECT text FROM comments ORDER BY id")]
    assert texts == [None, "second"]


def _two_sessions_with(store: SessionStore, clock: ManualClock) -> str:
    for day in range(2):
        store.start_session(title=f"day {day}")
        store.record_comment(_comment(1, "carla_rj", "quero a M preta, carla aqui", clock))
        store.record_comment_understood("c1", language="pt", intent="size_stock", is_question=True)
        store.record_draft("c1", comment_id="c1", text="Oi carla_rj! Temos.", language="pt")
        store.record_draft_edit("c1", "Oi carla_rj! Temos sim.")
        store.record_review("c1", "approved")
        store.record_reply("r1", text="Oi carla_rj! Temos sim.", comment_ids=["c1"], draft_id="c1")
        store.record_comment(_comment(2, "dora", "e a G?", clock))
        store.record_reply("group", text="M e G: temos!", comment_ids=["c1", "c2"])
        store.finish_session()
        clock.advance(DAY)
    return store.viewer_pid("tiktok", "tt-carla_rj")


def test_export_viewer_returns_everything_about_them_and_nobody_else(tmp_path: Path) -> None:
    clock = ManualClock()
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=clock)
    pid = _two_sessions_with(store, clock)
    data = json.loads(json.dumps(store.export_viewer(pid)))  # JSON all the way
    assert data["viewer"]["display_name"] == "carla_rj"
    assert [c["text"] for c in data["comments"]] == ["quero a M preta, carla aqui"] * 2
    assert {c["session_title"] for c in data["comments"]} == {"day 0", "day 1"}
    assert len(data["drafts"]) == 2 and len(data["draft_edits"]) == 2
    assert {r["text"] for r in data["replies"]} == {"Oi carla_rj! Temos sim.", "M e G: temos!"}
    assert "e a G?" not in json.dumps(data) and "dora" not in json.dumps(data)


def test_forget_viewer_removes_them_everywhere_and_from_the_file(tmp_path: Path) -> None:
    clock = ManualClock()
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=clock)
    pid = _two_sessions_with(store, clock)
    assert b"carla aqui" in _files(store)
    deleted = store.forget_viewer(pid)
    assert deleted > 0
    db = store.db
    assert db.execute("SELECT COUNT(*) FROM viewers WHERE pid=?", (pid,)).fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM comments WHERE viewer_pid=?", (pid,)).fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM drafts").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM draft_edits").fetchone()[0] == 0
    # the group reply also answered dora: it stays, linked only to her comment
    replies = [r[0] for r in db.execute("SELECT text FROM replies")]
    assert replies == ["M e G: temos!", "M e G: temos!"]
    assert db.execute("SELECT COUNT(*) FROM comments").fetchone()[0] == 2  # dora's
    on_disk = _files(store)
    for gone in ("carla aqui", "carla_rj", pid):
        assert gone.encode() not in on_disk
    assert store.export_viewer(pid)["comments"] == []


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring (no OS keyring exists on a headless test machine)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        import keyring.errors

        if (service, username) not in self.items:
            raise keyring.errors.PasswordDeleteError(username)
        del self.items[(service, username)]


def test_tokens_live_in_the_keyring_never_in_the_database_or_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    token = "oauth:tk_9f8e7d6c5b4a39281706"
    backend = MemoryKeyring()
    vault = TokenVault(backend)
    caplog.set_level(logging.DEBUG)
    vault.set_token("twitch", "loja_sola", token)
    clock = ManualClock()
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=clock)
    sample.replay_sample(store, clock)
    assert vault.get_token("twitch", "loja_sola") == token
    assert backend.items == {("sola-studio:twitch", "loja_sola"): token}
    assert token.encode() not in _files(store)
    assert token not in caplog.text
    assert "twitch" in caplog.text  # the vault did log, without the token
    assert vault.delete_token("twitch", "loja_sola") and not vault.delete_token("twitch", "x")
    assert vault.get_token("twitch", "loja_sola") is None


def test_no_keyring_backend_is_a_clear_error() -> None:
    vault = TokenVault(keyring.backends.fail.Keyring())
    with pytest.raises(KeyringUnavailable) as err:
        vault.set_token("tiktok", "loja", "secret-token")
    assert "keyring" in str(err.value) and err.value.fix
    assert "secret-token" not in str(err.value)


OFFLINE_CHILD = textwrap.dedent(
    """
    import socket, sys, time
    attempts = []
    def audit(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto"):
            attempts.append((event, repr(args[1:])))
    sys.addaudithook(audit)
    from sola_studio.core.clock import ManualClock
    from fixtures import sample_report as sample
    from sola_studio.report.build import build_report
    from sola_studio.report.export import write
    from sola_studio.store import SessionStore
    from sola_studio.translate.bergamot import BergamotTranslator
    from pathlib import Path
    try:
        socket.create_connection(("192.0.2.1", 80), timeout=2)
        print("NETWORK-REACHABLE")
    except OSError:
        pass
    attempts.clear()
    clock = ManualClock(now_wall=time.time())
    store = SessionStore.open_profile("offline", clock=clock)
    with BergamotTranslator.default() as tr:
        sid = sample.replay_sample(store, clock, translate=tr.translate)
    report = build_report(store.db, sid)
    out = Path(sys.argv[1])
    for fmt in ("html", "csv", "json", "srt"):
        write(report, fmt, out / f"report.{fmt}")
    print("captions", len(report.transcript), "translated",
          sum(1 for t in report.transcript if t.translations.get("pt")))
    print("comments", report.glance.comments)
    print("attempts", len(attempts), attempts[:3])
    """
)


def test_a_whole_session_works_with_the_network_cut_off(tmp_path: Path) -> None:
    """In a fresh network namespace (no interface but a down loopback) a replayed show with
    real translation records, reports and exports, and makes no connection attempt at all."""
    unshare = require_program("unshare", part="util-linux unshare")
    require_privileged("a network namespace (unshare -n)", unshare, "-n", "true")
    tests = str(Path(__file__).resolve().parent)  # the child imports fixtures.sample_report
    path = os.pathsep.join(p for p in (tests, os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "SOLA_STUDIO_HOME": str(tmp_path / "home"), "PYTHONPATH": path}
    out = subprocess.run(
        [unshare, "-n", sys.executable, "-c", OFFLINE_CHILD, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    assert "NETWORK-REACHABLE" not in out.stdout
    n_talk = len(sample.talk())
    assert lines["captions"] == f"{n_talk} translated {n_talk}"
    assert lines["comments"] == str(len(sample.SCRIPT))
    assert lines["attempts"].startswith("0 ")
    for fmt in ("html", "csv", "json"):
        assert (tmp_path / f"report.{fmt}").stat().st_size > 0
