"""Build a session report from the session database alone: queries -> frozen report data.

Nothing here needs a live object: a report can be built for any session in the file, finished
or interrupted, long after the show. Viewer names are replaced by pseudonyms (``viewer-1a2b3c``,
from the keyed viewer id) unless the caller asks for real names. Text purged by retention shows
as ``None``. This module only reads; it never writes the database or the network.

Definitions (the same as the live status bar): a *question* is a comment whose intent is not a
greeting; it is *answered* when a reply targeting it was sent; *time to reply* is the first
reply's sending time minus the comment's arrival; *caption latency* is the stored
``latency_s`` of each committed caption (DESIGN "Measuring").
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from sola_studio.core.errors import StoreError
from sola_studio.report.words import ENGLISH

# Buckets of the over-time charts: the first step giving at most MAX_BUCKETS bars.
_BUCKET_STEPS_S = (5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)
MAX_BUCKETS = 24
TOP_QUESTIONS = 10


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class Glance:
    """The session at a glance."""

    status: str
    started_wall: float
    duration_s: float
    audience_languages: tuple[Count, ...]
    comments: int
    questions: int
    answered: int
    answered_share: float | None
    reply_median_s: float | None
    reply_p95_s: float | None
    caption_latency_median_s: float | None
    caption_latency_p95_s: float | None
    captions: int
    replies: int
    restock_alerts: int
    errors: int


@dataclass(frozen=True)
class TimeBucket:
    """Comments (and questions) per language that arrived in ``[start_s, start_s + width)``."""

    start_s: float
    comments: Mapping[str, int]
    questions: Mapping[str, int]


@dataclass(frozen=True)
class ProductAsk:
    product_id: str
    product_name: str
    variant: str | None
    asks: int


@dataclass(frozen=True)
class AlertRow:
    at_s: float
    kind: str
    product_id: str | None
    product_name: str | None
    variant: str | None
    message: str
    count: int


@dataclass(frozen=True)
class CommentRow:
    """One comment as the report shows it (and the CSV lists it)."""

    comment_id: str
    at_s: float
    viewer: str
    platform: str
    language: str | None
    text: str | None
    translation: str | None
    intent: str | None
    is_question: bool
    product_id: str | None
    variant: str | None
    reply: str | None
    reply_after_s: float | None
    approved_by: str | None


@dataclass(frozen=True)
class QuestionGroup:
    """Viewers who asked the same thing (intent + product + variant), with the first ask."""

    intent: str
    product_name: str | None
    variant: str | None
    asks: int
    languages: tuple[str, ...]
    example: CommentRow


@dataclass(frozen=True)
class TranscriptLine:
    caption_id: int
    start_s: float
    end_s: float
    language: str
    text: str
    translations: Mapping[str, str]
    latency_s: float | None


@dataclass(frozen=True)
class ErrorRow:
    at_s: float
    stage: str
    error_type: str
    message: str
    fix: str | None


@dataclass(frozen=True)
class SpecCardRow:
    """A spec card shown on the video: when (session seconds, and stream seconds for the
    recording), for how long, which product attribute, and its text per language."""

    at_s: float
    stream_s: float | None
    shown_for_s: float | None
    product_id: str | None
    product_name: str | None
    attribute: str | None
    title: str
    texts: Mapping[str, str]  # language -> text as drawn (label -> value for Q&A cards)
    keyword: str | None


@dataclass(frozen=True)
class ActivityCount:
    """What viewers did on one platform besides commenting: ``times`` the connector reported
    it, ``total`` summed over bursts (likes) and combos (gifts)."""

    platform: str
    kind: str  # join, like, gift, share, follow, member
    times: int
    total: int


@dataclass(frozen=True)
class ActivityBucket:
    """Viewer activity in one bucket of the over-time charts: kind -> total."""

    start_s: float
    totals: Mapping[str, int]


@dataclass(frozen=True)
class SessionReport:
    session_id: int
    title: str
    platform: str
    seller_language: str
    caption_languages: tuple[str, ...]
    glance: Glance
    bucket_s: float
    timeline: tuple[TimeBucket, ...]
    intents: tuple[Count, ...]
    products_asked: tuple[ProductAsk, ...]
    alerts: tuple[AlertRow, ...]
    top_questions: tuple[QuestionGroup, ...]
    comments: tuple[CommentRow, ...]
    transcript: tuple[TranscriptLine, ...]
    errors: tuple[ErrorRow, ...]
    real_names: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    spec_cards: tuple[SpecCardRow, ...] = field(default_factory=tuple)
    activity: tuple[ActivityCount, ...] = field(default_factory=tuple)
    activity_timeline: tuple[ActivityBucket, ...] = field(default_factory=tuple)
    # the show plan (issue 20, sola_studio.plan.stored.plan_summary); None: no plan
    plan: dict[str, Any] | None = None


def activity_summary(
    db: sqlite_utils.Database, session_id: int, t0: float, bucket_s: float, n_buckets: int
) -> tuple[tuple[ActivityCount, ...], tuple[ActivityBucket, ...]]:
    """Viewer activity per platform and kind, and per kind over time (the comments' buckets;
    activity after the last bucket counts in the last)."""
    from sola_studio.store.activity import activity_rows

    times: Counter[tuple[str, str]] = Counter()
    totals: Counter[tuple[str, str]] = Counter()
    per: list[Counter[str]] = [Counter() for _ in range(n_buckets)]
    for r in activity_rows(db, session_id):
        key = (str(r["platform"]), str(r["kind"]))
        n = int(r["count"] or 1)
        times[key] += 1
        totals[key] += n
        i = min(n_buckets - 1, max(0, int((float(r["t_wall"]) - t0) // bucket_s)))
        per[i][key[1]] += n
    counts = tuple(
        ActivityCount(platform, kind, times[(platform, kind)], totals[(platform, kind)])
        for platform, kind in sorted(totals)
    )
    timeline = (
        tuple(ActivityBucket(i * bucket_s, dict(per[i])) for i in range(n_buckets))
        if counts
        else ()
    )
    return counts, timeline


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100) by linear interpolation; None for no values."""
    if not values:
        return None
    s = sorted(values)
    pos = (len(s) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def pseudonym(viewer_pid: str | None) -> str:
    return f"viewer-{viewer_pid[:6]}" if viewer_pid else "viewer (purged)"


def list_sessions(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every session, newest first (id, title, status, started_wall, ended_wall)."""
    return list(
        db.query(
            "SELECT id, title, status, started_wall, ended_wall, last_event_wall FROM sessions"
            " ORDER BY id DESC"
        )
    )


def latest_session(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT MAX(id) FROM sessions").fetchone()
    if row is None or row[0] is None:
        raise StoreError(
            "there is no session in this profile yet",
            fix="run a session first (sola-studio run ...), or pick another --profile",
        )
    return int(row[0])


def build_report(
    db: sqlite_utils.Database, session_id: int | None = None, *, real_names: bool = False
) -> SessionReport:
    """Everything the report shows about one session (the latest when ``session_id`` is None)."""
    sid = latest_session(db) if session_id is None else session_id
    rows = list(db.query("SELECT * FROM sessions WHERE id = ?", [sid]))
    if not rows:
        raise StoreError(
            f"there is no session {sid} in this profile",
            fix="list the sessions with: sola-studio report --list",
        )
    s = rows[0]
    t0 = float(s["started_wall"])
    end = s["ended_wall"] or s["last_event_wall"] or t0
    duration = max(0.0, float(end) - t0)
    names = {
        r["product_id"]: r["name"]
        for r in db.query("SELECT product_id, name FROM products WHERE session_id = ?", [sid])
    }

    # comments with their first reply
    comments: list[CommentRow] = []
    for r in db.query(
        "SELECT c.*, v.display_name,"
        " (SELECT MIN(rp.sent_wall) FROM reply_targets t JOIN replies rp ON rp.id = t.reply_pk"
        "   WHERE t.comment_pk = c.id) AS first_sent,"
        " (SELECT rp.text FROM reply_targets t JOIN replies rp ON rp.id = t.reply_pk"
        "   WHERE t.comment_pk = c.id ORDER BY rp.sent_wall LIMIT 1) AS reply_text,"
        " (SELECT rp.approved_by FROM reply_targets t JOIN replies rp ON rp.id = t.reply_pk"
        "   WHERE t.comment_pk = c.id ORDER BY rp.sent_wall LIMIT 1) AS approved_by"
        " FROM comments c LEFT JOIN viewers v ON v.pid = c.viewer_pid"
        " WHERE c.session_id = ? ORDER BY c.t_wall, c.id",
        [sid],
    ):
        if real_names and r["display_name"]:
            viewer = str(r["display_name"])
        else:
            viewer = pseudonym(r["viewer_pid"])
        is_q = bool(r["is_question"]) if r["is_question"] is not None else False
        comments.append(
            CommentRow(
                comment_id=r["comment_id"],
                at_s=float(r["t_wall"]) - t0,
                viewer=viewer,
                platform=r["platform"],
                language=r["language"],
                text=r["text"],
                translation=r["translation"],
                intent=r["intent"],
                is_question=is_q,
                product_id=r["product_id"],
                variant=r["variant"],
                reply=r["reply_text"],
                reply_after_s=(
                    float(r["first_sent"]) - float(r["t_wall"])
                    if r["first_sent"] is not None
                    else None
                ),
                approved_by=r["approved_by"],
            )
        )
    questions = [c for c in comments if c.is_question]
    answered = [c for c in questions if c.reply_after_s is not None]
    reply_times = [c.reply_after_s for c in answered if c.reply_after_s is not None]

    transcript: list[TranscriptLine] = []
    translations: dict[int, dict[str, str]] = defaultdict(dict)
    for r in db.query(
        "SELECT t.caption_pk, t.language, t.text FROM caption_translations t"
        " JOIN captions c ON c.id = t.caption_pk WHERE c.session_id = ?",
        [sid],
    ):
        translations[r["caption_pk"]][r["language"]] = r["text"]
    for r in db.query(
        "SELECT * FROM captions WHERE session_id = ? ORDER BY start_s, caption_id", [sid]
    ):
        transcript.append(
            TranscriptLine(
                caption_id=r["caption_id"],
                start_s=r["start_s"],
                end_s=r["end_s"],
                language=r["language"],
                text=r["text"],
                translations=dict(sorted(translations[r["id"]].items())),
                latency_s=r["latency_s"],
            )
        )
    latencies = [t.latency_s for t in transcript if t.latency_s is not None]

    languages = Counter(c.language or "unknown" for c in comments)
    intents = Counter(c.intent or "not understood" for c in comments)

    span = max(duration, max((c.at_s for c in comments), default=0.0), 1.0)
    bucket = next((b for b in _BUCKET_STEPS_S if span / b <= MAX_BUCKETS), _BUCKET_STEPS_S[-1])
    n_buckets = max(1, math.ceil(span / bucket))
    per_c: list[Counter[str]] = [Counter() for _ in range(n_buckets)]
    per_q: list[Counter[str]] = [Counter() for _ in range(n_buckets)]
    for c in comments:
        i = min(n_buckets - 1, max(0, int(c.at_s // bucket)))
        per_c[i][c.language or "unknown"] += 1
        if c.is_question:
            per_q[i][c.language or "unknown"] += 1
    timeline = tuple(
        TimeBucket(i * bucket, dict(per_c[i]), dict(per_q[i])) for i in range(n_buckets)
    )

    asked: Counter[tuple[str, str | None]] = Counter(
        (c.product_id, c.variant) for c in questions if c.product_id
    )
    products_asked = tuple(
        ProductAsk(pid, names.get(pid, pid), variant, n)
        for (pid, variant), n in sorted(
            asked.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or "")
        )
    )

    groups: dict[tuple[str, str | None, str | None], list[CommentRow]] = defaultdict(list)
    for c in questions:
        groups[(c.intent or "other", c.product_id, c.variant)].append(c)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[1][0].at_s))
    top = []
    for (intent, pid, variant), members in ranked[:TOP_QUESTIONS]:
        example = next((m for m in members if m.reply and m.text), members[0])
        top.append(
            QuestionGroup(
                intent=intent,
                product_name=names.get(pid, pid) if pid else None,
                variant=variant,
                asks=len(members),
                languages=tuple(sorted({m.language or "unknown" for m in members})),
                example=example,
            )
        )

    alerts = tuple(
        AlertRow(
            at_s=float(r["t_wall"]) - t0,
            kind=r["kind"],
            product_id=r["product_id"],
            product_name=names.get(r["product_id"], r["product_id"]),
            variant=r["variant"],
            message=r["message"],
            count=int(r["count"] or 0),
        )
        for r in db.query("SELECT * FROM alerts WHERE session_id = ? ORDER BY t_wall", [sid])
    )
    errors = tuple(
        ErrorRow(
            at_s=float(r["t_wall"]) - t0,
            stage=r["stage"],
            error_type=r["error_type"],
            message=r["message"],
            fix=r["fix"],
        )
        for r in db.query("SELECT * FROM errors WHERE session_id = ? ORDER BY t_wall", [sid])
    )
    spec_cards = tuple(
        SpecCardRow(
            at_s=float(r["shown_wall"]) - t0,
            stream_s=r.get("stream_start"),  # absent before schema migration 2
            shown_for_s=(
                float(r["hidden_wall"]) - float(r["shown_wall"])
                if r["hidden_wall"] is not None
                else None
            ),
            product_id=r["product_id"],
            product_name=names.get(r["product_id"], r["product_id"]),
            attribute=r.get("attribute"),
            title=r["title"] or "",
            texts=dict(json.loads(r["fields"] or "{}")),
            keyword=r.get("keyword"),
        )
        for r in db.query(
            "SELECT * FROM spec_cards WHERE session_id = ? ORDER BY shown_wall, id", [sid]
        )
    )
    activity, activity_timeline = activity_summary(db, sid, t0, float(bucket), n_buckets)
    from sola_studio.plan.stored import plan_summary

    plan = plan_summary(db, sid)
    n_replies = db.execute("SELECT COUNT(*) FROM replies WHERE session_id = ?", [sid]).fetchone()[0]

    notes = []
    if s["status"] == "interrupted":
        notes.append(ENGLISH("report.note.interrupted"))
    if s["status"] == "running":
        notes.append(ENGLISH("report.note.running"))
    purged = sum(1 for c in comments if c.text is None)
    if purged:
        notes.append(ENGLISH("report.note.purged", count=purged))

    glance = Glance(
        status=s["status"],
        started_wall=t0,
        duration_s=duration,
        audience_languages=tuple(Count(k, v) for k, v in languages.most_common()),
        comments=len(comments),
        questions=len(questions),
        answered=len(answered),
        answered_share=(len(answered) / len(questions)) if questions else None,
        reply_median_s=percentile(reply_times, 50),
        reply_p95_s=percentile(reply_times, 95),
        caption_latency_median_s=percentile(latencies, 50),
        caption_latency_p95_s=percentile(latencies, 95),
        captions=len(transcript),
        replies=int(n_replies),
        restock_alerts=sum(1 for a in alerts if a.kind == "restock"),
        errors=len(errors),
    )
    return SessionReport(
        session_id=sid,
        title=s["title"] or ENGLISH("report.untitled", id=sid),
        platform=s["platform"] or "",
        seller_language=s["seller_language"] or "",
        caption_languages=tuple(json.loads(s["caption_languages"] or "[]")),
        glance=glance,
        bucket_s=float(bucket),
        timeline=timeline,
        intents=tuple(Count(k, v) for k, v in intents.most_common()),
        products_asked=products_asked,
        alerts=alerts,
        top_questions=tuple(top),
        comments=tuple(comments),
        transcript=tuple(transcript),
        errors=errors,
        real_names=real_names,
        notes=tuple(notes),
        spec_cards=spec_cards,
        activity=activity,
        activity_timeline=activity_timeline,
        plan=plan,
    )
