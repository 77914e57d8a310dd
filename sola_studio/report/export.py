"""Write a :class:`~sola_studio.report.build.SessionReport` as HTML, CSV, JSON, SRT or WebVTT.

The HTML page is one self-contained file: inline CSS, inline SVG charts, subtitle files embedded
as ``data:`` download links. It makes no request and runs no script: every text that came from
a viewer, the seller or the product sheet is HTML-escaped, and a Content-Security-Policy meta tag
(the first element of the page) forbids scripts, plugins, frames and remote loads, so even text
that slipped through could not run. Nothing here reads the database or touches the network.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
from collections.abc import Mapping
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sola_studio.plan.report import plan_html
from sola_studio.report import charts
from sola_studio.report.build import SessionReport, TranscriptLine

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)

LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "hi": "Hindi",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "tr": "Turkish",
    "zh": "Chinese",
}

CSV_COLUMNS = (
    "comment_id",
    "at_s",
    "viewer",
    "platform",
    "language",
    "text",
    "translation",
    "intent",
    "is_question",
    "product_id",
    "variant",
    "reply",
    "reply_after_s",
    "approved_by",
)


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def language_name(code: str) -> str:
    name = LANGUAGE_NAMES.get(code.split("-")[0].split("_")[0].lower())
    return f"{name} ({code})" if name else code


def clock_s(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) from the start of the show."""
    s = max(0, round(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def duration(seconds: float) -> str:
    s = max(0, round(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    if h:
        return f"{h} h {m:02d} min"
    if m:
        return f"{m} min {sec:02d} s"
    return f"{sec} s"


def secs(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f} s" if value < 60 else duration(value)


# -- subtitles -----------------------------------------------------------------------------


def _stamp(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _line_in(line: TranscriptLine, language: str) -> str | None:
    return line.text if language == line.language else line.translations.get(language)


def subtitle_languages(report: SessionReport) -> list[str]:
    langs: dict[str, None] = {}
    for line in report.transcript:
        langs.setdefault(line.language)
        for lang in line.translations:
            langs.setdefault(lang)
    return list(langs)


def to_srt(report: SessionReport, language: str) -> str:
    out, n = [], 0
    for line in report.transcript:
        text = _line_in(line, language)
        if not text:
            continue
        n += 1
        out.append(
            f"{n}\n{_stamp(line.start_s, ',')} --> {_stamp(line.end_s, ',')}\n{text.strip()}\n"
        )
    return "\n".join(out)


def to_vtt(report: SessionReport, language: str) -> str:
    out = ["WEBVTT", f"Language: {language}", ""]
    for line in report.transcript:
        text = _line_in(line, language)
        if not text:
            continue
        # "-->" inside a cue would end it early; WebVTT has no escape for it
        safe = text.strip().replace("-->", "->")
        out.append(f"{_stamp(line.start_s, '.')} --> {_stamp(line.end_s, '.')}\n{safe}\n")
    return "\n".join(out)


# -- CSV / JSON ----------------------------------------------------------------------------


def to_csv(report: SessionReport) -> str:
    """One row per comment, with the reply it got (for spreadsheets)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for c in report.comments:
        row = dataclasses.asdict(c)
        values = []
        for col in CSV_COLUMNS:
            v = row[col]
            if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
                v = "'" + v  # a viewer's "=HYPERLINK(...)" must not become a formula
            elif isinstance(v, float):
                v = f"{v:.2f}"
            values.append("" if v is None else v)
        w.writerow(values)
    return buf.getvalue()


def to_json(report: SessionReport) -> str:
    data = dataclasses.asdict(report)
    data["subtitles"] = {lang: to_srt(report, lang) for lang in subtitle_languages(report)}
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# -- HTML ----------------------------------------------------------------------------------

_CSS = """
:root{--ink:#1f2328;--muted:#5f6b7a;--line:#e3e6ea;--card:#f6f8fa;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",
 "Noto Sans CJK SC","Noto Sans Arabic","Noto Sans Devanagari",sans-serif;color:var(--ink);
 background:#fff}
main{max-width:1080px;margin:0 auto;padding:28px 28px 60px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:19px;margin:34px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:0 0 8px;color:var(--muted);font-weight:600}
.sub{color:var(--muted);margin:0 0 16px}
.badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:13px;
 background:#e7f3ec;color:#1a6e3a;vertical-align:middle;margin-left:8px}
.badge.interrupted{background:#fdecea;color:#a12622}.badge.running{background:#fff4db;color:#8a5a00}
.note{background:#fff8e6;border:1px solid #f3d48a;border-radius:8px;padding:10px 14px;margin:8px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px}
.card{background:var(--card);border-radius:10px;padding:12px 14px}
.card .k{color:var(--muted);font-size:13px}.card .v{font-size:24px;font-weight:650}
.card .s{color:var(--muted);font-size:13px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:22px}
.panel{border:1px solid var(--line);border-radius:10px;padding:14px;overflow-x:auto}
svg.chart{max-width:100%;height:auto;display:block}
svg .grid{stroke:#e8eaed;stroke-width:1}svg .axis{font-size:11px;fill:#6b7280}
svg .label{font-size:12px;fill:#1f2328}svg .value{font-size:12px;fill:#5f6b7a}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);margin-top:6px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:7px 8px;border-bottom:1px solid var(--line)}
th{font-size:12px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.03em}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.tr{color:var(--muted);font-size:13px}.lang{font-size:12px;color:var(--muted);white-space:nowrap}
.purged{color:#9aa0a6;font-style:italic}
.subs a{display:inline-block;margin:0 10px 6px 0;padding:4px 10px;border:1px solid var(--line);
 border-radius:6px;color:var(--accent);text-decoration:none;font-size:13px}
pre{white-space:pre-wrap;background:var(--card);padding:10px;border-radius:8px;font-size:12px;
 max-height:320px;overflow:auto}
details summary{cursor:pointer;color:var(--accent);margin:6px 0}
footer{margin-top:40px;color:var(--muted);font-size:12px}
"""


def _text_or_purged(text: str | None) -> str:
    if text is None:
        return '<span class="purged">(purged)</span>'
    return f'<span dir="auto">{_e(text)}</span>'


def _card(key: str, value: str, sub: str = "") -> str:
    s = f'<div class="s">{_e(sub)}</div>' if sub else ""
    return (
        f'<div class="card"><div class="k">{_e(key)}</div><div class="v">{_e(value)}</div>{s}</div>'
    )


ACTIVITY_KINDS = ("join", "like", "gift", "share", "follow", "member")
_ACTIVITY_HEAD = {
    "join": "Joins",
    "like": "Likes",
    "gift": "Gifts",
    "share": "Shares",
    "follow": "Follows",
    "member": "Members",
}


def activity_html(report: SessionReport) -> str:
    """The viewer-activity section's body: totals per platform and kind, then over time."""
    if not report.activity:
        return '<p class="sub">No viewer activity was reported (replay files carry none).</p>'
    kinds = [k for k in ACTIVITY_KINDS if any(a.kind == k for a in report.activity)]
    kinds += sorted({a.kind for a in report.activity} - set(kinds))
    totals = {(a.platform, a.kind): a for a in report.activity}
    rows = []
    for platform in sorted({a.platform for a in report.activity}):
        cells = []
        for kind in kinds:
            a = totals.get((platform, kind))
            if a is None:
                cells.append('<td class="n">–</td>')
            elif a.times != a.total:
                cells.append(f'<td class="n">{a.total}<div class="tr">{a.times} times</div></td>')
            else:
                cells.append(f'<td class="n">{a.total}</td>')
        rows.append(f"<tr><td>{_e(platform)}</td>{''.join(cells)}</tr>")
    head = "".join(f"<th>{_e(_ACTIVITY_HEAD.get(k, k))}</th>" for k in kinds)
    table = f"<table><tr><th>Platform</th>{head}</tr>{''.join(rows)}</table>"
    palette = charts.colours(kinds)
    chart = charts.stacked_bars(
        [b.totals for b in report.activity_timeline],
        [clock_s(b.start_s) for b in report.activity_timeline],
        kinds,
        palette,
        title="Viewer activity over time by kind",
    )
    return (
        f'<div class="grid2"><div>{table}</div><div class="panel"><h3>Over time (every '
        f"{clock_s(report.bucket_s)})</h3>{chart}{charts.legend(kinds, palette)}</div></div>"
    )


def to_html(report: SessionReport) -> str:
    g = report.glance
    started = datetime.fromtimestamp(g.started_wall, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lang_keys = [c.label for c in g.audience_languages]
    palette = charts.colours(lang_keys)
    share = f"{g.answered_share:.0%}" if g.answered_share is not None else "–"
    langs_text = ", ".join(f"{c.label} {c.count}" for c in g.audience_languages[:6]) or "–"

    cards = "".join(
        [
            _card("Duration", duration(g.duration_s), f"started {started}"),
            _card("Comments", str(g.comments), f"{len(g.audience_languages)} languages"),
            _card("Questions", str(g.questions), f"{g.answered} answered"),
            _card("Answered", share, f"{g.replies} replies sent"),
            _card("Time to reply", secs(g.reply_median_s), f"median · p95 {secs(g.reply_p95_s)}"),
            _card(
                "Caption latency",
                secs(g.caption_latency_median_s),
                f"median · p95 {secs(g.caption_latency_p95_s)}",
            ),
            _card("Audience languages", str(len(g.audience_languages)), langs_text),
            _card(
                "Restock alerts",
                str(g.restock_alerts),
                f"{g.errors} error{'' if g.errors == 1 else 's'} logged",
            ),
        ]
    )

    x_labels = [clock_s(b.start_s) for b in report.timeline]
    over_time = charts.stacked_bars(
        [b.comments for b in report.timeline],
        x_labels,
        lang_keys,
        palette,
        title="Comments over time by language",
    )
    q_time = charts.stacked_bars(
        [b.questions for b in report.timeline],
        x_labels,
        lang_keys,
        palette,
        title="Questions over time by language",
    )
    intents = charts.hbars(
        [(c.label.replace("_", " / "), c.count) for c in report.intents],
        title="What viewers asked about",
    )
    products = charts.hbars(
        [
            (f"{p.product_name} · {p.variant}" if p.variant else p.product_name, p.asks)
            for p in report.products_asked[:12]
        ],
        title="Products and variants asked about",
        colour=charts.PALETTE[2],
    )
    alerts_chart = charts.hbars(
        [(f"{a.product_name or ''} · {a.variant or ''}", a.count) for a in report.alerts],
        title="Restock alerts: asks for low or sold-out variants",
        colour=charts.PALETTE[5],
    )
    alert_rows = "".join(
        f'<tr><td class="n">{clock_s(a.at_s)}</td><td>{_e(a.product_name)}</td>'
        f"<td>{_e(a.variant)}</td><td>{_e(a.message)}</td></tr>"
        for a in report.alerts
    )
    alerts_table = (
        f"<table><tr><th>At</th><th>Product</th><th>Variant</th><th>Alert</th></tr>"
        f"{alert_rows}</table>"
        if report.alerts
        else '<p class="sub">No restock alert in this session.</p>'
    )

    card_rows = "".join(
        f'<tr><td class="n">{clock_s(c.at_s)}</td>'
        f'<td class="n">{clock_s(c.stream_s) if c.stream_s is not None else ""}</td>'
        f"<td>{_e(c.product_name)}</td><td>{_e(c.title)}"
        f'<div class="tr">{_e(c.attribute) if c.attribute else ""}</div></td><td>'
        + "".join(
            f'<div lang="{_e(lang)}" dir="auto">{_e(text)}</div>' for lang, text in c.texts.items()
        )
        + f'</td><td class="n">{secs(c.shown_for_s)}</td></tr>'
        for c in report.spec_cards
    )
    cards_table = (
        "<table><tr><th>At</th><th>Stream</th><th>Product</th><th>Card</th><th>Shown</th>"
        f"<th>For</th></tr>{card_rows}</table>"
        if card_rows
        else '<p class="sub">No spec card was shown in this session.</p>'
    )

    q_rows = []
    for q in report.top_questions:
        ex = q.example
        what = " · ".join(x for x in (q.product_name, q.variant) if x)
        reply = (
            f"{_text_or_purged(ex.reply)}"
            f'<div class="tr">after {secs(ex.reply_after_s)} · approved by {_e(ex.approved_by)}'
            f"</div>"
            if ex.reply_after_s is not None
            else '<span class="purged">not answered</span>'
        )
        q_rows.append(
            f'<tr><td class="n">{q.asks}</td>'
            f"<td>{_text_or_purged(ex.text)}"
            f'<div class="tr">{_e(ex.translation) if ex.translation else ""}</div>'
            f'<div class="lang">{_e(ex.viewer)} · {_e(", ".join(q.languages))}</div></td>'
            f'<td>{_e(q.intent.replace("_", " / "))}<div class="tr">{_e(what)}</div></td>'
            f"<td>{reply}</td></tr>"
        )
    questions_table = (
        "<table><tr><th>Asks</th><th>Question (first ask)</th><th>About</th>"
        f"<th>Reply given</th></tr>{''.join(q_rows)}</table>"
        if q_rows
        else '<p class="sub">No question in this session.</p>'
    )

    sub_langs = subtitle_languages(report)
    t_head = "".join(f"<th>{_e(language_name(lang))}</th>" for lang in sub_langs)
    t_rows = []
    for line in report.transcript:
        cells = "".join(
            f'<td lang="{_e(lang)}">{_e(_line_in(line, lang) or "")}</td>' for lang in sub_langs
        )
        t_rows.append(f'<tr><td class="n">{clock_s(line.start_s)}</td>{cells}</tr>')
    transcript = (
        f"<table><tr><th>At</th>{t_head}</tr>{''.join(t_rows)}</table>"
        if t_rows
        else '<p class="sub">No caption was recorded.</p>'
    )
    links, previews = [], []
    for lang in sub_langs:
        srt, vtt = to_srt(report, lang), to_vtt(report, lang)
        base = f"session-{report.session_id}.{lang}"
        links.append(
            f'<a download="{_e(base)}.srt" href="data:application/x-subrip;charset=utf-8,'
            f'{quote(srt)}">{_e(language_name(lang))} · SRT</a>'
            f'<a download="{_e(base)}.vtt" href="data:text/vtt;charset=utf-8,{quote(vtt)}">'
            f"{_e(language_name(lang))} · WebVTT</a>"
        )
        previews.append(
            f"<details><summary>{_e(language_name(lang))} SRT</summary><pre>{_e(srt)}</pre>"
            f"</details>"
        )

    c_rows = "".join(
        f'<tr><td class="n">{clock_s(c.at_s)}</td><td>{_e(c.viewer)}'
        f'<div class="tr">{_e(c.platform)}</div></td>'
        f'<td class="lang">{_e(c.language)}</td><td>{_text_or_purged(c.text)}'
        f'<div class="tr">{_e(c.translation) if c.translation else ""}</div></td>'
        f"<td>{_e(c.intent)}</td><td>{_e(c.reply) if c.reply else ''}</td></tr>"
        for c in report.comments
    )
    e_rows = "".join(
        f'<tr><td class="n">{clock_s(e.at_s)}</td><td>{_e(e.stage)}</td><td>{_e(e.error_type)}'
        f'</td><td>{_e(e.message)}<div class="tr">{_e(e.fix) if e.fix else ""}</div></td></tr>'
        for e in report.errors
    )
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in report.notes)
    names_note = (
        "Viewer names are shown as the seller chose (real names)."
        if report.real_names
        else "Viewer names are pseudonymised (viewer-xxxxxx)."
    )
    caption_langs = ", ".join(language_name(x) for x in report.caption_languages) or "none"
    status = g.status
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{_e(report.title)} · Sola Studio session report</title>
<style>{_CSS}</style>
</head><body><main id="report">
<h1>{_e(report.title)}<span class="badge {_e(status)}">{_e(status)}</span></h1>
<p class="sub">Session {report.session_id} · {_e(started)} · {_e(report.platform)} ·
seller speaks {_e(language_name(report.seller_language))} · captions in {_e(caption_langs)}</p>
{notes}
<section id="glance"><h2>At a glance</h2><div class="cards">{cards}</div></section>
<section id="charts"><h2>Comments and questions</h2>
<div class="grid2">
<div class="panel"><h3>Comments over time, by language (every {clock_s(report.bucket_s)})</h3>
{over_time}{charts.legend(lang_keys, palette)}</div>
<div class="panel"><h3>Questions over time, by language</h3>
{q_time}{charts.legend(lang_keys, palette)}</div>
<div class="panel"><h3>Intents</h3>{intents}</div>
<div class="panel"><h3>Products and variants asked about</h3>{products}</div>
</div></section>
<section id="alerts"><h2>Restock alerts</h2>
<div class="grid2"><div class="panel">{alerts_chart}</div><div>{alerts_table}</div></div>
</section>
<section id="activity"><h2>Viewer activity</h2>{activity_html(report)}</section>
<section id="plan"><h2>Show plan</h2>{plan_html(report.plan)}</section>
<section id="spec-cards"><h2>Spec cards shown</h2>{cards_table}</section>
<section id="questions"><h2>Top questions and the replies given</h2>{questions_table}</section>
<section id="transcript"><h2>Transcript and translations</h2>{transcript}</section>
<section id="subtitles"><h2>Subtitle files</h2><div class="subs">{"".join(links)}</div>
{"".join(previews)}</section>
<section id="comments"><h2>All comments</h2><details><summary>Show {g.comments} comments</summary>
<table><tr><th>At</th><th>Viewer</th><th>Lang</th><th>Comment</th><th>Intent</th><th>Reply</th>
</tr>{c_rows}</table></details></section>
<section id="errors"><h2>Errors</h2>{
        f"<table><tr><th>At</th><th>Stage</th><th>Error</th><th>Message</th></tr>{e_rows}</table>"
        if e_rows
        else '<p class="sub">No error was logged.</p>'
    }</section>
<footer>Made by Sola Studio on the seller's computer. {_e(names_note)}
This page loads nothing from the internet and runs no script.</footer>
</main></body></html>
"""


# -- files ---------------------------------------------------------------------------------


def write(report: SessionReport, fmt: str, out: Path) -> list[Path]:
    """Write ``report`` as ``fmt`` (html, csv, json, srt, vtt) to ``out``; returns the files.

    Subtitles get one file per language: ``out`` with the language before the suffix
    (``show.srt`` -> ``show.en.srt``, ``show.pt.srt``).
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt in ("srt", "vtt"):
        render = to_srt if fmt == "srt" else to_vtt
        for lang in subtitle_languages(report):
            path = out.with_name(f"{out.stem}.{lang}.{fmt}")
            path.write_text(render(report, lang), encoding="utf-8")
            written.append(path)
    else:
        text = {"html": to_html, "csv": to_csv, "json": to_json}[fmt](report)
        # utf-8-sig for CSV: spreadsheet programs then read non-Latin comments correctly
        out.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        written.append(out)
    log.info("wrote the %s report of session %d: %d files", fmt, report.session_id, len(written))
    return written
