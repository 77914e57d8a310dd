"""The seller's console of ``sola-studio run``: the show as it happens, printed (or one JSON
object per stored event for scripts), the header before it and the summary after it."""

from __future__ import annotations

import json
import statistics
import threading

from sola_studio.captions.speccards import SpecCard
from sola_studio.chat.events import ChatState, ChatStatus, ViewerActivity
from sola_studio.comments import events as ce
from sola_studio.core.bus import Bus
from sola_studio.core.events import Caption, Comment, ErrorEvent
from sola_studio.live.options import Header, Outcome
from sola_studio.live.session import LiveSession


def _clock(seconds: float) -> str:
    m, s = divmod(max(0.0, seconds), 60)
    h, m = divmod(int(m), 60)
    return f"{h:02d}:{m:02d}:{s:04.1f}"


class Console:
    """Prints the show as it happens, for a seller watching a terminal: captions as they commit
    (with latency), comments with their drafts, alerts, group answers, spec cards, errors.

    Subscribed after the store, so every line is printed once its event is stored. ``json``
    prints one JSON object per line instead (for scripts; ids included)."""

    def __init__(self, live: LiveSession, *, partials: bool, as_json: bool) -> None:
        self.live = live
        self.partials = partials
        self.as_json = as_json
        self.realtime = live.options.realtime
        self._lock = threading.Lock()
        self._comments: dict[str, ce.UnderstoodComment] = {}
        self.latencies: list[float] = []
        self.counts: dict[str, int] = {}
        self.languages: set[str] = set()

    def subscribe(self, bus: Bus) -> None:
        bus.subscribe(Caption, self.caption)
        bus.subscribe(Comment, self.comment)
        bus.subscribe(ce.UnderstoodComment, self.understood)
        bus.subscribe(ce.Draft, self.draft)
        bus.subscribe(ce.RestockAlert, self.restock)
        bus.subscribe(ce.GroupAnswerProposal, self.group)
        bus.subscribe(ce.ReplySent, self.sent)
        bus.subscribe(ce.CommentDropped, self.dropped)
        bus.subscribe(SpecCard, self.card)
        bus.subscribe(ErrorEvent, self.error)
        bus.subscribe(ChatStatus, self.chat_status)
        bus.subscribe(ViewerActivity, self.activity)

    def _count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def _at(self, t: float) -> str:
        """A monotonic time (of the session's clock) as the show's hh:mm:ss.s."""
        return _clock(t - self.live.t0)

    def _out(self, line: str, **fields: object) -> None:
        with self._lock:
            if self.as_json:
                print(json.dumps(fields, ensure_ascii=False, default=str), flush=True)
            else:
                print(line, flush=True)

    def caption(self, c: Caption) -> None:
        span = f"[{_clock(c.start)} -> {_clock(c.end)}]"
        lat = f"  ({c.latency:.1f} s)" if c.latency is not None and self.realtime else ""
        if not c.committed:
            if self.partials:
                self._out(f"{span}  ... {c.text}", kind="partial", id=c.id, text=c.text)
            return
        if "translate" not in c.stages:
            self._count("captions")
            if c.latency is not None:
                self.latencies.append(c.latency)
            self._out(
                f"{span}  {c.language}  {c.text}{lat}",
                kind="caption",
                id=c.id,
                language=c.language,
                text=c.text,
                start=c.start,
                end=c.end,
                latency_s=c.latency if self.realtime else None,
            )
        for lang, text in c.translations.items():
            done = c.stages.get(f"translate:{lang}")
            t_lat = done - c.audio_end_t if done and c.audio_end_t and self.realtime else None
            more = f"  ({t_lat:.1f} s)" if t_lat is not None else ""
            self._out(
                f"{' ' * len(span)}  {lang}  {text}{more}",
                kind="translation",
                id=c.id,
                language=lang,
                text=text,
                latency_s=t_lat,
            )

    def comment(self, c: Comment) -> None:
        self._count("comments")
        if self.as_json:
            self._out("", kind="comment", id=c.id, viewer=c.viewer_name, text=c.text)

    def understood(self, u: ce.UnderstoodComment) -> None:
        self._comments[u.comment.id] = u
        self.languages.add(u.language)

    def draft(self, d: ce.Draft) -> None:
        self._count("drafts")
        u = self._comments.get(d.comment_id)
        if d.flags:
            self._count("flagged")
        if u is None:
            return
        seller = self.live.sheet.seller_language
        said = u.comment.text
        meaning = f"  = {u.translation}" if u.translation and u.language != seller else ""
        flags = f"  [{', '.join(f.value for f in d.flags)}]" if d.flags else ""
        self._out(
            f"  {self._at(u.comment.t_capture)}  {u.comment.viewer_name} "
            f"({u.language}, {d.intent.value}): {said}{meaning}\n"
            f"              draft {d.language}: {d.text}{flags}",
            kind="draft",
            comment_id=d.comment_id,
            viewer=u.comment.viewer_name,
            language=u.language,
            intent=d.intent.value,
            comment=said,
            translation=u.translation,
            draft=d.text,
            flags=[f.value for f in d.flags],
        )

    def restock(self, a: ce.RestockAlert) -> None:
        self._count("restock alerts")
        self._out(
            f"  {self._at(a.t_emit)}  RESTOCK ALERT: {a.asks} asks for "
            f"{a.variant_label or a.variant_sku} "
            f"({a.level.value.replace('_', ' ')}, {a.stock} left)",
            kind="restock_alert",
            variant=a.variant_label or a.variant_sku,
            asks=a.asks,
            stock=a.stock,
        )

    def group(self, g: ce.GroupAnswerProposal) -> None:
        self._count("group answers")
        self._out(
            f"  {self._at(g.t_emit)}  GROUP ANSWER for {len(g.viewer_ids)} viewers "
            f"({g.intent.value}): {g.seller_text}",
            kind="group_answer",
            id=g.id,
            viewers=len(g.viewer_ids),
            intent=g.intent.value,
            text=g.seller_text,
        )

    def sent(self, r: ce.ReplySent) -> None:
        self._count("replies sent")
        self._out(
            f"  {self._at(r.t_emit)}  sent ({r.sender}) {r.language}: {r.text}",
            kind="reply_sent",
            comment_id=r.comment_id,
            sender=r.sender,
            text=r.text,
        )

    def dropped(self, d: ce.CommentDropped) -> None:
        self._count("comments dropped")
        self._out(f"  comment {d.comment_id} dropped: {d.reason}", kind="dropped", id=d.comment_id)

    def card(self, c: SpecCard) -> None:
        self._count("spec cards")
        text = (
            c.text_in(self.live.languages.on_screen[-1])
            or c.text_in(self.live.languages.on_screen[0])
            or ""
        )
        self._out(
            f"  {self._at(c.t_emit)}  card on screen: {text}",
            kind="spec_card",
            attribute=c.attribute,
            caption_id=c.caption_id,
            text=dict(c.fact),
        )

    def chat_status(self, s: ChatStatus) -> None:
        """A chat connection changed: say so once per change, with the fix when it stopped."""
        if s.state is ChatState.CONNECTING:
            return
        what = {
            ChatState.CONNECTED: "connected",
            ChatState.RECONNECTING: f"reconnecting in {s.retry_in_s:.0f} s",
            ChatState.STOPPED: "stopped",
        }[s.state]
        reason = f": {s.error.message}" if s.error is not None else ""
        fix = f"\n    fix: {s.error.fix}" if s.error is not None and s.error.fix else ""
        self._out(
            f"  {s.source} {what}{reason}{fix}",
            kind="chat",
            source=s.source,
            state=s.state.value,
            message=s.error.message if s.error is not None else None,
            fix=s.error.fix if s.error is not None else None,
        )

    def activity(self, a: ViewerActivity) -> None:
        # counted for the summary, not printed: a busy LIVE sends likes many times a second
        self._count(f"{a.platform} {a.kind.value}s")

    def error(self, e: ErrorEvent) -> None:
        self._count("errors")
        self._out(
            f"  problem in {e.stage}: {e.error}",
            kind="error",
            stage=e.stage,
            message=e.error.message,
            fix=e.error.fix,
            recoverable=e.recoverable,
        )


def print_header(h: Header) -> None:
    rows = [
        ("speech", h.speech),
        ("captions", h.captions),
        ("video", h.video),
        ("comments", h.comments),
        ("store", h.store),
        ("pace", h.pace),
    ]
    rows += [(f"overlay {lang}", url) for lang, url in h.overlay_urls.items()]
    print("Sola Studio - live session (headless)", flush=True)
    for name, value in rows:
        print(f"  {name:<11} {value}", flush=True)


def print_summary(live: LiveSession, console: Console, outcome: Outcome) -> None:
    c = console.counts
    how = "stopped early; everything so far is saved" if outcome.interrupted else "finished"
    print(f"\nSession {outcome.session_id} {how}.", flush=True)
    line = f"  captions    {c.get('captions', 0)} ({' + '.join(live.languages.on_screen)})"
    if console.latencies and live.options.realtime:
        lat = sorted(console.latencies)
        p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
        line += f"; latency median {statistics.median(lat):.1f} s, p95 {p95:.1f} s"
    print(line, flush=True)
    if live.comment_sources:
        langs = len(console.languages)
        print(
            f"  comments    {c.get('comments', 0)} in {langs} languages; "
            f"{c.get('drafts', 0)} drafts ({c.get('flagged', 0)} flagged for you); "
            f"{c.get('replies sent', 0)} replies sent",
            flush=True,
        )
        print(
            f"  insights    {c.get('restock alerts', 0)} restock alerts, "
            f"{c.get('group answers', 0)} group answers proposed, "
            f"{c.get('spec cards', 0)} spec cards shown",
            flush=True,
        )
    if outcome.frames is not None:
        print(
            f"  video       {outcome.frames} frames, {outcome.frames_dropped} dropped", flush=True
        )
    if c.get("errors"):
        print(f"  problems    {c['errors']} (listed in the report)", flush=True)
    if outcome.files:
        print("Written:", flush=True)
        for what, path in outcome.files:
            print(f"  {what:<18} {path}", flush=True)
    print(
        f"  {'database':<18} {outcome.database}\n"
        f"Rebuild the report any time: sola-studio report {outcome.session_id} "
        f"--profile {live.options.profile}",
        flush=True,
    )
