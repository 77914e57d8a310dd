"""``sola-studio bench comments``: time to draft, throughput, a burst, and dev-set accuracy.

Three runs through one real :class:`~sola_studio.comments.desk.CommentDesk` (lingua, E5
embeddings, the sample sheet), all through the bounded intake and the worker thread:
  * paced: comments from the development set submitted at ``--rate`` per second for
    ``--seconds``; time to draft = draft ``t_emit`` - comment arrival (p50/p95);
  * throughput: ``--burst`` comments submitted at once, drafted per second of wall time;
  * burst: the same ``--burst`` comments arrive within one second; ``burst_lost`` counts any
    that never became a draft (dropped at intake or failed).
Accuracy and invented facts come from the development set (a separate desk with a manual clock);
``heldout_*`` the same for the held-out set, written blind to the lexicons (the honest figure).
It never sends a reply.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from sola_studio.paths import ASSETS, REPO_ROOT

#: The blind sets (``tests/blind/desk-2026-12-*``), each a ``--blind-*`` folder option and a key
#: of ``--sets``, in the order they were written.
BLIND_SETS: tuple[tuple[str, str | None], ...] = (
    ("blind_dev", None),
    ("blind_validation", None),
    (
        "blind_round3",
        "the third blind set (kitchen, jewellery, outdoor), written after the second round's "
        "tuning and measured, never tuned on",
    ),
    (
        "blind_round4",
        "the fourth blind set (pets, music, garden), written for the fourth round and frozen: "
        "scored before and after it, never opened while tuning",
    ),
    (
        "blind_round5",
        "the fifth blind set (stationery, toys, candles), written for the fifth round and "
        "frozen: scored before and after it, never opened while tuning",
    ),
    (
        "blind_round6",
        "the sixth blind set (yarn, power tools, eyewear), written for the sixth round and "
        "frozen: scored before and after it, never opened while tuning",
    ),
    (
        "blind_round7",
        "the seventh blind set (tea, phone cases, fitness), written for the seventh round and "
        "frozen: scored before and after it, never opened while tuning",
    ),
    (
        "blind_round8",
        "the eighth blind set (skincare, leather bags, bike parts), written for the eighth round "
        "and frozen: scored before and after it, never opened while tuning",
    ),
    (
        "blind_round9",
        "the ninth blind set (sneakers, perfume, coffee), written for the ninth round and "
        "frozen: scored before and after it, never opened while tuning",
    ),
    (
        "blind_round10",
        "the tenth blind set (ceramics, swimwear, board games), written before the ninth "
        "round's changes and frozen: scored before and after them, then read by a blind judge",
    ),
    (
        "blind_round11",
        "the eleventh blind set (bakery, e-bikes, batik), frozen for the next round; scored "
        "only when --sets names blind_round11 (never by default, so that no tuning or timing "
        "run prints its lines)",
    ),
    (
        "blind_round12",
        "the twelfth blind set (rugs, fishing tackle, hair care), written before the tenth "
        "round's desk changes and frozen; scored only when --sets names blind_round12",
    ),
    (
        "blind_round13",
        "the thirteenth blind set (sarees, RC models, aquariums), written before the eleventh "
        "round's desk changes and frozen; scored only when --sets names blind_round13",
    ),
    (
        "blind_round14",
        "the fourteenth blind set (watches, baby gear, 3D printing), written before the twelfth "
        "round's desk changes and frozen; scored only when --sets names blind_round14",
    ),
    (
        "blind_round15",
        "the fifteenth blind set (K-pop merchandise, olive oil, car accessories), written before "
        "the thirteenth round's desk changes and frozen; scored only when --sets names "
        "blind_round15",
    ),
    (
        "blind_round16",
        "the sixteenth blind set (mechanical keyboards, honey, solar power stations), written "
        "before the fourteenth round's desk changes and frozen; scored only when --sets names "
        "blind_round16",
    ),
    (
        "blind_round17",
        "the seventeenth blind set (hammocks, dates, retro video games), written at the end of "
        "the thirteenth round and frozen; scored only when --sets names blind_round17",
    ),
    (
        "blind_round18",
        "the eighteenth blind set (spices, Muay Thai gear, model trains), written at the start "
        "of the fourteenth round and frozen; scored only when --sets names blind_round18",
    ),
    (
        "blind_round19",
        "the nineteenth blind set (hijabs, football jerseys, camera drones), written at the start "
        "of the fifteenth round and frozen; scored only when --sets names blind_round19",
    ),
    (
        "blind_round20",
        "the twentieth blind set (kitchen knives, peshtemal towels, a surf shop), written at the "
        "start of the sixteenth round and frozen; scored only when --sets names blind_round20",
    ),
    (
        "blind_round21",
        "the twenty-first blind set (rattan bags, sewing machines, pinatas), written at the start "
        "of the seventeenth round and frozen; scored only when --sets names blind_round21",
    ),
    (
        "blind_round22",
        "the twenty-second blind set (kendo gear, minerals and crystals, cricket bats), written "
        "at the start of the eighteenth round and frozen; scored only when --sets names "
        "blind_round22",
    ),
    (
        "blind_round23",
        "the twenty-third blind set (calligraphy supplies, beekeeping supplies, golf gear), "
        "written at the start of the nineteenth round and frozen; scored only when --sets names "
        "blind_round23",
    ),
    (
        "blind_round24",
        "the twenty-fourth blind set (lacquerware, mosaic glass lamps, glass Christmas "
        "ornaments), written at the start of the twentieth round and frozen; scored only when "
        "--sets names blind_round24",
    ),
    (
        "blind_round25",
        "the twenty-fifth blind set (wood carvings, lucha libre masks, wooden clogs), written at "
        "the start of the twenty-first round and frozen; scored only when --sets names "
        "blind_round25",
    ),
    (
        "blind_round26",
        "the twenty-sixth blind set (wayang puppets, woodblock prints, cuckoo clocks), written "
        "at the start of the twenty-second round and frozen; scored only when --sets names "
        "blind_round26",
    ),
    (
        "blind_round27",
        "the twenty-seventh blind set (pewter ware, pizza ovens, equestrian gear), written at "
        "the start of the twenty-third round and frozen; scored only when --sets names "
        "blind_round27",
    ),
    (
        "blind_round28",
        "the twenty-eighth blind set (sauna gear, backgammon boards and komboloi, marionettes), "
        "written at the start of the twenty-fourth round and frozen; scored only when --sets "
        "names blind_round28",
    ),
    (
        "blind_round29",
        "the twenty-ninth blind set (goose-down bedding, cast-iron cookware, handmade guitars "
        "and ukuleles), written at the start of the twenty-fifth round and frozen; scored only "
        "when --sets names blind_round29",
    ),
    (
        "blind_round30",
        "the thirtieth blind set (opanci and folk footwear, cross-country skis, olive-wood "
        "Judaica), written at the start of the twenty-sixth round and frozen; scored only when "
        "--sets names blind_round30",
    ),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rate", type=float, default=20.0, help="comments per second (20)")
    parser.add_argument("--seconds", type=float, default=15.0, help="paced run length (15)")
    parser.add_argument("--burst", type=int, default=500, help="comments in the burst (500)")
    parser.add_argument("--sheet", default=str(ASSETS / "sample_sheet.yaml"))
    parser.add_argument(
        "--store",
        choices=("none", "clear", "encrypted"),
        default="none",
        help="also write the desk's events to a session store in a temporary folder, as a live "
        "show does: clear text or SQLCipher with a random key (none)",
    )
    parser.add_argument("--devset", default=str(REPO_ROOT / "tests" / "devset" / "comments.jsonl"))
    parser.add_argument(
        "--heldout", default=str(REPO_ROOT / "tests" / "heldout" / "comments.jsonl")
    )
    blind = REPO_ROOT / "tests" / "blind"
    for key, help_text in BLIND_SETS:
        name = "desk-2026-12-" + key.removeprefix("blind_")
        parser.add_argument(f"--{key.replace('_', '-')}", default=str(blind / name), help=help_text)
    parser.add_argument(
        "--sets-only",
        action="store_true",
        help="only the accuracy figures per set (no paced run, no burst)",
    )
    parser.add_argument(
        "--sets",
        default="devset,heldout,blind_dev,blind_validation,blind_round3,blind_round4,blind_round5,"
        "blind_round6,blind_round7,blind_round8,blind_round9,blind_round10",
        help="the sets to score, comma-separated (these twelve; blind_round11 to blind_round30 "
        "only when named); "
        "tuning runs pass 'devset,heldout,blind_dev' so the validation set is never looked at "
        "while working",
    )


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(args: argparse.Namespace) -> int:
    from sola_studio.catalog import load_sheet
    from sola_studio.comments.desk import CommentDesk, DeskConfig
    from sola_studio.comments.evaluate import evaluate, load_devset
    from sola_studio.comments.evaluate_blind import evaluate_blind, load_blind_set
    from sola_studio.comments.events import CommentDropped, Draft
    from sola_studio.core.clock import ManualClock
    from sola_studio.core.events import Comment

    sheet = load_sheet(args.sheet)
    items = load_devset(args.devset)
    texts = [i.text for i in items]

    wanted = {s.strip() for s in args.sets.split(",") if s.strip()}
    # keys per set: the old sets on the sample sheet, the blind ones on their own sheets
    sets: dict[str, object] = {}
    report = None
    if "devset" in wanted or not args.sets_only:
        accuracy_desk = CommentDesk(sheet, clock=ManualClock(), config=DeskConfig())
        report = evaluate(accuracy_desk, items)
        sets["devset"] = report.metrics()
    heldout = None
    if "heldout" in wanted or not args.sets_only:
        heldout_desk = CommentDesk(sheet, clock=ManualClock(), config=DeskConfig())
        heldout = evaluate(heldout_desk, load_devset(args.heldout))
        sets["heldout"] = heldout.metrics()
    for key, _help in BLIND_SETS:
        folder = getattr(args, key)
        if key not in wanted:
            continue
        if (Path(folder) / "comments.jsonl").is_file():
            sets[key] = evaluate_blind(load_blind_set(folder)).metrics()
        else:
            sets[key] = None
    if args.sets_only:
        out = {"sets": sets}
        print(json.dumps(out) if args.json else json.dumps(out, indent=1))
        return 0

    assert report is not None and heldout is not None
    desk = CommentDesk(sheet, config=DeskConfig())
    latencies: list[float] = []
    lost: list[str] = []

    def on_draft(d: Draft) -> None:
        latencies.append(d.time_to_draft)

    if args.store != "none":  # the store first, as the live session subscribes it
        from sola_studio.bench.store import open_bench_store
        from sola_studio.store.routing import EventRouter

        store = open_bench_store(args.store == "encrypted")
        EventRouter(store).subscribe(desk.bus)
    desk.bus.subscribe(Draft, on_draft)
    desk.bus.subscribe(CommentDropped, lambda e: lost.append(e.comment_id))
    desk.start()
    clock = desk.clock

    def comment(i: int, prefix: str) -> Comment:
        return Comment(
            f"{prefix}{i}",
            "bench",
            f"viewer{i % 97}",
            "v",
            texts[i % len(texts)],
            clock.monotonic(),
            clock.wall(),
        )

    try:
        n = int(args.rate * args.seconds)
        start = time.monotonic()
        for i in range(n):
            target = start + i / args.rate
            delay = target - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            desk.submit(comment(i, "paced-"))
        desk.wait_idle(timeout=300)
        paced = list(latencies)

        latencies.clear()
        t0 = time.monotonic()
        for i in range(args.burst):
            desk.submit(comment(i, "burst-"))
            if args.burst > 1:
                # spread over one second, as a burst in the chat arrives
                time.sleep(max(0.0, t0 + (i + 1) / args.burst - time.monotonic()))
        desk.wait_idle(timeout=600)
        elapsed = time.monotonic() - t0
        burst_drafted = len(latencies)
    finally:
        desk.stop()

    result = {
        "draft_p50_ms": round(statistics.median(paced) * 1000, 1) if paced else None,
        "draft_p95_ms": round(_pct(paced, 0.95) * 1000, 1),
        "throughput_per_s": round(burst_drafted / elapsed, 1),
        "burst_sent": args.burst,
        "burst_lost": args.burst - burst_drafted,
        "burst_dropped_at_intake": len(lost),
        "burst_drain_s": round(elapsed, 2),
        "intent_accuracy": round(report.intent_accuracy, 4),
        "invented_facts": report.invented,
        "language_accuracy": round(report.language_accuracy, 4),
        "facts_recall": round(report.facts_recall, 4),
        "devset_size": report.total,
        "heldout_intent_accuracy": round(heldout.intent_accuracy, 4),
        "heldout_invented_facts": heldout.invented,
        "heldout_language_accuracy": round(heldout.language_accuracy, 4),
        "heldout_facts_recall": round(heldout.facts_recall, 4),
        "heldout_size": heldout.total,
        "paced_rate_per_s": args.rate,
        "paced_comments": len(paced),
        "sets": sets,
    }
    if args.json:
        print(json.dumps(result))
    else:
        width = max(len(k) for k in result)
        for key, value in result.items():
            print(f"{key:<{width}}  {value}")
    return 0
