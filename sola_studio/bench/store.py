"""``sola-studio bench store``: what the session store costs per event, clear text against
SQLCipher (issue 21.11).

A load of ``--comments`` comments (default 20,000) written as a show writes them: for each, the
raw comment, what the desk understood, and its draft (three transactions), through the same
``EventRouter`` the live session subscribes, into a fresh database in a temporary folder (or
``--dir``, e.g. the disk the profiles live on). Reported per mode: per-event write latency
p50/p95/p99 and the worst, events per second, the file size, the time to open the file, to
list the sessions and to build the report of the 20,000-comment session.

Modes: ``clear`` (no encryption, as before), ``keyring`` (a random 256-bit raw key: what a
keyring gives, no key derivation), ``passphrase`` (SQLCipher derives the key: PBKDF2-HMAC-
SHA512, 256,000 iterations, paid at every open).
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sola_studio.store.repository import SessionStore

MODES = ("clear", "keyring", "passphrase")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--comments", type=int, default=20_000, help="comments written (20000)")
    parser.add_argument(
        "--modes", default=",".join(MODES), help=f"comma-separated, from {', '.join(MODES)}"
    )
    parser.add_argument("--dir", type=Path, default=None, help="where the databases go")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_mode(mode: str, n: int, folder: Path) -> dict[str, object]:
    from sola_studio.comments import events as ce
    from sola_studio.core.bus import Bus
    from sola_studio.core.events import Comment
    from sola_studio.report.build import build_report, list_sessions
    from sola_studio.store.cipher import StoreKey, passphrase_key
    from sola_studio.store.repository import SessionStore
    from sola_studio.store.routing import EventRouter

    key: StoreKey | None = None
    if mode == "keyring":
        key = StoreKey(secrets.token_hex(32), raw=True, source="bench")
    elif mode == "passphrase":
        key = passphrase_key("a passphrase the seller chose")
    path = folder / f"{mode}.db"
    store = SessionStore(path, key=b"b" * 32, db_key=key)
    bus = Bus()
    EventRouter(store).subscribe(bus)
    sid = store.start_session(title=f"bench {mode}", caption_languages=("pt",))
    entities = ce.Entities(product_id="tee", size="M", colour="blue")
    lat: list[float] = []
    t_start = time.perf_counter()
    for i in range(n):
        c = Comment(
            f"c{i}",
            "bench",
            f"viewer{i % 997}",
            f"viewer {i % 997}",
            f"does the blue tee come in size M? asking for my sister #{i}",
            float(i),
            store.wall_time(),
        )
        u = ce.UnderstoodComment(
            comment=c,
            clean_text=c.text,
            language="en",
            language_confidence=0.99,
            translation=c.text,
            translation_note=None,
            intent=ce.Intent.SIZE_STOCK,
            intent_confidence=0.9,
            entities=entities,
            t_emit=float(i),
        )
        for event in (c, u):
            t0 = time.perf_counter()
            bus.publish(event)
            lat.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        store.record_draft(
            c.id,
            comment_id=c.id,
            text="Yes, the blue tee comes in M: R$ 59.90.",
            language="en",
            sources=["tee.sizes"],
            t_ready=float(i),
            time_to_draft_s=0.05,
            intent="size_stock",
        )
        lat.append(time.perf_counter() - t0)
    write_s = time.perf_counter() - t_start
    store.finish_session()
    store.close()
    size_mb = sum(p.stat().st_size for p in folder.glob(f"{mode}.db*")) / 1e6

    t0 = time.perf_counter()
    store = SessionStore(path, key=b"b" * 32, db_key=key)
    open_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    sessions = list_sessions(store.db)
    list_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = build_report(store.db, sid)
    report_s = time.perf_counter() - t0
    store.close()
    assert len(sessions) == 1 and report.session_id == sid
    return {
        "events": len(lat),
        "write_p50_ms": round(statistics.median(lat) * 1000, 3),
        "write_p95_ms": round(_pct(lat, 0.95) * 1000, 3),
        "write_p99_ms": round(_pct(lat, 0.99) * 1000, 3),
        "write_max_ms": round(max(lat) * 1000, 1),
        "events_per_s": round(len(lat) / write_s, 1),
        "write_s": round(write_s, 2),
        "file_mb": round(size_mb, 2),
        "open_ms": round(open_s * 1000, 1),
        "list_ms": round(list_s * 1000, 1),
        "report_s": round(report_s, 2),
    }


def main(args: argparse.Namespace) -> int:
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise SystemExit(f"unknown mode {unknown[0]!r}: use {', '.join(MODES)}")
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for mode in modes:
            results[mode] = run_mode(mode, args.comments, Path(tmp))
    if args.json:
        print(json.dumps({"comments": args.comments, "modes": results}))
        return 0
    keys = list(next(iter(results.values())))
    print(f"{'':<16}" + "".join(f"{m:>12}" for m in results))
    for k in keys:
        print(f"{k:<16}" + "".join(f"{results[m][k]!s:>12}" for m in results))
    return 0


def open_bench_store(encrypted: bool) -> SessionStore:
    """A store with a running session in a fresh temporary folder (left for the OS to clean),
    encrypted with a random raw key or clear text: what ``bench comments --store`` writes to."""
    from sola_studio.store.cipher import StoreKey
    from sola_studio.store.repository import SessionStore

    folder = Path(tempfile.mkdtemp(prefix="sola-bench-store-"))
    key = StoreKey(secrets.token_hex(32), raw=True, source="bench") if encrypted else None
    store = SessionStore(folder / "sessions.db", key=b"b" * 32, db_key=key)
    store.start_session(title="bench comments")
    return store
