"""The session store on real SQLite files: schema and migrations, WAL, what a replayed show
writes, and how the bus events of the comment flow land in the tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fixtures import sample_report as sample

from sola_studio.core.clock import ManualClock
from sola_studio.core.errors import StoreError
from sola_studio.core.events import Caption
from sola_studio.store import ProductSnapshot, SessionStatus, SessionStore, profile_dir, schema


def _store(path: Path, clock: ManualClock | None = None) -> SessionStore:
    return SessionStore(path, key=b"k" * 32, clock=clock or ManualClock())


def test_new_database_is_wal_and_at_latest_schema(tmp_path: Path) -> None:
    store = _store(tmp_path / "s.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema.current_version(store.db) == schema.LATEST
    tables = set(store.db.table_names())
    for t in (
        "sessions",
        "captions",
        "caption_translations",
        "comments",
        "viewers",
        "drafts",
        "draft_edits",
        "replies",
        "products",
        "demand_events",
        "alerts",
        "spec_cards",
        "errors",
    ):
        assert t in tables
    store.close()
    # reopening applies nothing twice
    again = _store(tmp_path / "s.db")
    versions = [r[0] for r in again.db.execute("SELECT version FROM schema_version")]
    assert versions == [m.version for m in schema.MIGRATIONS]


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'future', 0)", (schema.LATEST + 1,))
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        _store(path)
    assert "newer" in str(err.value) and err.value.fix
    assert path.read_bytes() == before


def test_garbage_file_is_a_store_error_naming_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as err:
        _store(path)
    assert err.value.fix


def test_profile_names_cannot_escape_the_data_folder() -> None:
    with pytest.raises(StoreError):
        profile_dir("../../etc")
    assert profile_dir("shop-1").name == "shop-1"


def test_replayed_show_is_recorded_as_it_happens(tmp_path: Path) -> None:
    clock = ManualClock()
    store = SessionStore.open_profile("replay-test", clock=clock)
    bus, steps = sample.replay_steps(
        store,
        clock,
        translate=lambda texts, src, tgts: {t: [f"[{t}] {x}" for x in texts] for t in tgts},
        targets=("pt", "es"),
    )
    sid = store.session_id
    # a second, independent connection sees each event right after it is published
    reader = store.connect_another()
    seen_captions = 0
    for step in steps:
        bus.publish(step.event)
        if isinstance(step.event, Caption):
            seen_captions += 1
            n = reader.execute(
                "SELECT COUNT(*) FROM captions WHERE session_id=?", (sid,)
            ).fetchone()[0]
            assert n == seen_captions
    store.finish_session()

    talk = sample.talk()
    rows = reader.execute(
        "SELECT text, start_s, end_s, latency_s FROM captions ORDER BY caption_id"
    ).fetchall()
    assert [r[0] for r in rows] == [t for _, _, t in talk]
    assert rows[0][1:3] == (talk[0][0], talk[0][1])
    assert all(r[3] == pytest.approx(sample.CAPTION_LATENCY_S) for r in rows)
    langs = reader.execute(
        "SELECT language, COUNT(*) FROM caption_translations GROUP BY language"
    ).fetchall()
    assert dict(langs) == {"es": len(talk), "pt": len(talk)}

    n_script = len(sample.SCRIPT)
    assert reader.execute("SELECT COUNT(*) FROM comments").fetchone()[0] == n_script
    # platform viewer ids are never stored, only the keyed pseudonym
    raw_ids = {f"replay-{s.viewer}" for s in sample.SCRIPT}
    pids = {r[0] for r in reader.execute("SELECT pid FROM viewers")}
    assert pids and not pids & raw_ids
    assert store.viewer_pid("replay", "replay-anna_b") in pids
    understood = reader.execute(
        "SELECT language, intent, translation FROM comments WHERE comment_id='c004'"
    ).fetchone()
    assert understood == ("de", "size_stock", "Is there M in black?")

    replied = [s for s in sample.SCRIPT if s.reply]
    assert reader.execute("SELECT COUNT(*) FROM replies").fetchone()[0] == len(replied)
    assert {r[0] for r in reader.execute("SELECT approved_by FROM replies")} == {"seller"}
    edited = [s for s in sample.SCRIPT if s.seller_edit]
    edits = reader.execute("SELECT text_before, text_after, edited_by FROM draft_edits").fetchall()
    assert edits == [(s.reply, s.seller_edit, "seller") for s in edited]
    sent_text = reader.execute(
        "SELECT r.text FROM replies r JOIN drafts d ON d.id = r.draft_pk "
        "JOIN draft_edits e ON e.draft_pk = d.id"
    ).fetchone()[0]
    assert sent_text == edited[0].seller_edit

    assert reader.execute("SELECT COUNT(*) FROM alerts WHERE kind='restock'").fetchone()[0] >= 1
    assert reader.execute("SELECT COUNT(*) FROM products").fetchone()[0] == 3
    assert reader.execute("SELECT error_type FROM errors").fetchone()[0] == "TranslationUnavailable"
    status = reader.execute("SELECT status FROM sessions WHERE id=?", (sid,)).fetchone()[0]
    assert status == SessionStatus.FINISHED


def test_product_snapshots_are_written_only_when_they_change(tmp_path: Path) -> None:
    store = _store(tmp_path / "s.db")
    store.start_session()
    tee = ProductSnapshot("tee", "Tee", {"price": "89.90", "stock": {"M": 2}})
    assert store.record_products([tee]) == 1
    assert store.record_products([tee]) == 0
    sold = ProductSnapshot("tee", "Tee", {"price": "89.90", "stock": {"M": 0}})
    assert store.record_products([sold]) == 1
    snaps = [r["snapshot"] for r in store.db.query("SELECT snapshot FROM products ORDER BY id")]
    assert '"M": 2' in snaps[0] and '"M": 0' in snaps[1]


def test_recording_without_a_session_is_a_clear_error(tmp_path: Path) -> None:
    store = _store(tmp_path / "s.db")
    cap = Caption(1, "en", "hi", 0, 1, True, 0, 1)
    with pytest.raises(StoreError) as err:
        store.record_caption(cap)
    assert "start_session" in (err.value.fix or "")


def test_a_running_session_of_a_live_process_is_not_marked_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    writer = _store(path)
    sid = writer.start_session()
    reader = _store(path)  # e.g. `sola-studio report` while the studio runs
    status = reader.db.execute("SELECT status FROM sessions WHERE id=?", (sid,)).fetchone()[0]
    assert status == SessionStatus.RUNNING
