"""The seller's console of ``sola-studio run``: the show as it happens, printed (or one JSON
object per stored event for scripts), the header before it and the summary after it."""

from __future__ import annotations

import json
import re
import statistics
import threading

from sola_studio.captions.speccards import SpecCard
from sola_studio.chat.events import ChatState, ChatStatus, ViewerActivity
from sola_studio.comments import events as ce
from sola_studio.core.bus import Bus
from sola_studio.core.events import Caption, Comment, ErrorEvent
from sola_studio.live.options import Header, Outcome
from sola_studio.live.session import LiveSession

# What must never reach the terminal raw from text a viewer wrote (or from anything quoting it):
# C0 controls (newline, ESC, BEL, NUL...), DEL, C1 controls (U+0080-009F, CSI/OSC in 8-bit
# terminals), lone surrogates, line/paragraph separators, and the bidi embeddings, overrides,
# isolates and marks that reorder what follows them on the line. Zero-width joiners stay:
# emoji sequences need them and they cannot move text.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` on one line with nothing a terminal acts on: every control, bidi or separator
    character written as a visible escape (``\\n``, ``\\x1b``, ``\\u202e``). Every console line
    goes through here, so a viewer's newline cannot start a line of its own (a forged "draft")
    and an escape sequence cannot retitle, erase or recolour the seller's terminal."""
    return _UNSAFE.sub(_escape, text)


def _json_escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def json_line(fields: dict[str, object]) -> str:
    """One JSON object on one line, with the same characters escaped (as JSON ``\\uXXXX``, so the
    line stays valid JSON): ``json.dumps`` with ``ensure_ascii=False`` escapes C0 controls but
    lets C1 controls, bidi overrides, U+2028/2029 and lone surrogates through raw."""
    return _UNSAFE.sub(_json_escape, json.dumps(fields, ensure_ascii=False, default=str))


def say(*lines: str) -> None:
    """Print each line made :func:`printable` (the header and the summary use it too)."""
    for line in lines:
        print(printable(line), flush=True)


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

    def _out(self, *lines: str, **fields: object) -> None:
        """Print ``lines`` (each one terminal line, escaped by :func:`printable`: nothing a
        viewer wrote can add a line or a control sequence), or ``fields`` as one JSON line."""
        with self._lock:
            if self.as_json:
                print(json_line(fields), flush=True)
            else:
                say(*lines)

    def caption(self, c: Caption) -> None:
        span = f"[{_clock(c.start)} -> {_clock(c.end)}]"
        lat = f"  ({c.latency:.1f} s)" if c.latency is not None and self.realtime else ""
        if not c.committed:
            if self.partials:
                self._out(f"{span}  ... {c.text}", kind="partial", id=c.id, text=c.text)
            return
        if "translate" not in c.stages:
            # a revised caption (heard again with the speech after it) is printed, not counted
            if not c.revised:
                self._count("captions")
                if c.latency is not None:
                    self.latencies.append(c.latency)
            self._out(
                f"{span}  {c.language}  {'(heard again) ' if c.revised else ''}{c.text}"
                + ("" if c.revised else lat),
                kind="revision" if c.revised else "caption",
                id=c.id,
                language=c.language,
                text=c.text,
                start=c.start,
                end=c.end,
                latency_s=c.latency if self.realtime and not c.revised else None,
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
            f"({u.language}, {d.intent.value}): {said}{meaning}",
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
        fix = (f"    fix: {s.error.fix}",) if s.error is not None and s.error.fix else ()
        self._out(
            f"  {s.source} {what}{reason}",
            *fix,
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
    say("Sola Studio - live session (headless)")
    for name, value in rows:
        say(f"  {name:<11} {value}")


def print_summary(live: LiveSession, console: Console, outcome: Outcome) -> None:
    c = console.counts
    how = "stopped early; everything so far is saved" if outcome.interrupted else "finished"
    say("", f"Session {outcome.session_id} {how}.")
    line = f"  captions    {c.get('captions', 0)} ({' + '.join(live.languages.on_screen)})"
    if console.latencies and live.options.realtime:
        lat = sorted(console.latencies)
        p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
        line += f"; latency median {statistics.median(lat):.1f} s, p95 {p95:.1f} s"
    say(line)
    if live.comment_sources:
        langs = len(console.languages)
        say(
            f"  comments    {c.get('comments', 0)} in {langs} languages; "
            f"{c.get('drafts', 0)} drafts ({c.get('flagged', 0)} flagged for you); "
            f"{c.get('replies sent', 0)} replies sent"
        )
        say(
            f"  insights    {c.get('restock alerts', 0)} restock alerts, "
            f"{c.get('group answers', 0)} group answers proposed, "
            f"{c.get('spec cards', 0)} spec cards shown"
        )
    if outcome.frames is not None:
        say(f"  video       {outcome.frames} frames, {outcome.frames_dropped} dropped")
    if c.get("errors"):
        say(f"  problems    {c['errors']} (listed in the report)")
    if outcome.files:
        say("Written:")
        for what, path in outcome.files:
            say(f"  {what:<18} {path}")
    language = f" --language {live.report_language}" if live.report_language != "en" else ""
    say(
        f"  {'database':<18} {outcome.database}",
        f"Rebuild the report any time: sola-studio report {outcome.session_id} "
        f"--profile {live.options.profile}{language}",
    )
