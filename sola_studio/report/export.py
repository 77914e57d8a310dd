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
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sola_studio.plan.report import plan_html
from sola_studio.report import charts
from sola_studio.report.build import SessionReport, TranscriptLine
from sola_studio.report.words import ENGLISH, Words

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)

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
    return ENGLISH.language_name(code)


def clock_s(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) from the start of the show."""
    s = max(0, round(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def duration(seconds: float) -> str:
    return ENGLISH.duration(seconds)


def secs(value: float | None) -> str:
    return ENGLISH.secs(value)


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
html:lang(zh) body{font-family:system-ui,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",
 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Noto Sans","Noto Sans Arabic",
 "Noto Sans Devanagari",sans-serif}
html:lang(zh) th{text-transform:none;letter-spacing:0}
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


def _text_or_purged(text: str | None, w: Words = ENGLISH) -> str:
    if text is None:
        return f'<span class="purged">{_e(w("report.purged"))}</span>'
    return f'<span dir="auto">{_e(text)}</span>'


def _card(key: str, value: str, sub: str = "") -> str:
    s = f'<div class="s">{_e(sub)}</div>' if sub else ""
    return (
        f'<div class="card"><div class="k">{_e(key)}</div><div class="v">{_e(value)}</div>{s}</div>'
    )


ACTIVITY_KINDS = ("join", "like", "gift", "share", "follow", "member")


def activity_html(report: SessionReport, w: Words = ENGLISH) -> str:
    """The viewer-activity section's body: totals per platform and kind, then over time."""
    if not report.activity:
        return f'<p class="sub">{_e(w("report.activity.none"))}</p>'
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
                times = _e(w("report.activity.times", count=a.times))
                cells.append(f'<td class="n">{a.total}<div class="tr">{times}</div></td>')
            else:
                cells.append(f'<td class="n">{a.total}</td>')
        rows.append(f"<tr><td>{_e(w.platform(platform))}</td>{''.join(cells)}</tr>")
    head = "".join(f"<th>{_e(w.optional('report.kind.', k))}</th>" for k in kinds)
    table = f"<table><tr><th>{_e(w('report.col.platform'))}</th>{head}</tr>{''.join(rows)}</table>"
    palette = charts.colours(kinds)
    chart = charts.stacked_bars(
        [b.totals for b in report.activity_timeline],
        [clock_s(b.start_s) for b in report.activity_timeline],
        kinds,
        palette,
        title=w("report.chart.activity"),
        names={k: w.optional("report.kind.", k) for k in kinds},
    )
    names = {k: w.optional("report.kind.", k) for k in kinds}
    every = _e(w("report.activity.every", step=clock_s(report.bucket_s)))
    return (
        f'<div class="grid2"><div>{table}</div><div class="panel"><h3>{every}</h3>{chart}'
        f"{charts.legend(kinds, palette, names)}</div></div>"
    )


def to_html(report: SessionReport, language: str | None = "en") -> str:
    """The report page in ``language`` (``en``, ``zh_CN``): the report's own words follow it;
    what the seller and viewers wrote stays as written."""
    w = Words(language)
    g = report.glance
    started = w.date(g.started_wall)
    lang_keys = [c.label for c in g.audience_languages]
    lang_names = {k: w.count_label(k) for k in lang_keys}
    palette = charts.colours(lang_keys)
    share = w.percent(g.answered_share)
    langs_text = (
        w.join([f"{w.count_label(c.label)} {c.count}" for c in g.audience_languages[:6]]) or "–"
    )
    median_p95 = "report.card.median_p95"

    cards = "".join(
        [
            _card(
                w("report.card.duration"),
                w.duration(g.duration_s),
                w("report.card.started", time=started),
            ),
            _card(
                w("report.card.comments"),
                str(g.comments),
                w("report.card.languages", count=len(g.audience_languages)),
            ),
            _card(
                w("report.card.questions"),
                str(g.questions),
                w("report.card.answered_count", count=g.answered),
            ),
            _card(w("report.card.answered"), share, w("report.card.replies_sent", count=g.replies)),
            _card(
                w("report.card.time_to_reply"),
                w.secs(g.reply_median_s),
                w(median_p95, value=w.secs(g.reply_p95_s)),
            ),
            _card(
                w("report.card.caption_latency"),
                w.secs(g.caption_latency_median_s),
                w(median_p95, value=w.secs(g.caption_latency_p95_s)),
            ),
            _card(w("report.card.audience_languages"), str(len(g.audience_languages)), langs_text),
            _card(
                w("report.card.restock_alerts"),
                str(g.restock_alerts),
                w(
                    "report.card.error_logged" if g.errors == 1 else "report.card.errors_logged",
                    count=g.errors,
                ),
            ),
        ]
    )

    x_labels = [clock_s(b.start_s) for b in report.timeline]
    over_time = charts.stacked_bars(
        [b.comments for b in report.timeline],
        x_labels,
        lang_keys,
        palette,
        title=w("report.chart.comments_by_language"),
        names=lang_names,
    )
    q_time = charts.stacked_bars(
        [b.questions for b in report.timeline],
        x_labels,
        lang_keys,
        palette,
        title=w("report.chart.questions_by_language"),
        names=lang_names,
    )
    nothing = w("report.chart.nothing")
    intents = charts.hbars(
        [(w.intent(c.label), c.count) for c in report.intents],
        title=w("report.chart.asked_about"),
        empty=nothing,
    )
    products = charts.hbars(
        [
            (f"{p.product_name} · {p.variant}" if p.variant else p.product_name, p.asks)
            for p in report.products_asked[:12]
        ],
        title=w("report.chart.products_asked"),
        colour=charts.PALETTE[2],
        empty=nothing,
    )
    alerts_chart = charts.hbars(
        [(f"{a.product_name or ''} · {a.variant or ''}", a.count) for a in report.alerts],
        title=w("report.chart.restock"),
        colour=charts.PALETTE[5],
        empty=nothing,
    )
    alert_rows = "".join(
        f'<tr><td class="n">{clock_s(a.at_s)}</td><td>{_e(a.product_name)}</td>'
        f"<td>{_e(a.variant)}</td><td>{_e(w.sentence(a.message))}</td></tr>"
        for a in report.alerts
    )
    alerts_table = (
        f"<table><tr>{_th(w, 'at', 'product', 'variant', 'alert')}</tr>{alert_rows}</table>"
        if report.alerts
        else f'<p class="sub">{_e(w("report.alerts.none"))}</p>'
    )

    card_rows = "".join(
        f'<tr><td class="n">{clock_s(c.at_s)}</td>'
        f'<td class="n">{clock_s(c.stream_s) if c.stream_s is not None else ""}</td>'
        f"<td>{_e(c.product_name)}</td><td>{_e(c.title)}"
        f'<div class="tr">{_e(c.attribute) if c.attribute else ""}</div></td><td>'
        + "".join(
            f'<div lang="{_e(lang)}" dir="auto">{_e(text)}</div>' for lang, text in c.texts.items()
        )
        + f'</td><td class="n">{_e(w.secs(c.shown_for_s))}</td></tr>'
        for c in report.spec_cards
    )
    cards_table = (
        f"<table><tr>{_th(w, 'at', 'stream', 'product', 'card', 'shown', 'for')}</tr>"
        f"{card_rows}</table>"
        if card_rows
        else f'<p class="sub">{_e(w("report.spec_cards.none"))}</p>'
    )

    q_rows = []
    for q in report.top_questions:
        ex = q.example
        what = " · ".join(x for x in (q.product_name, q.variant) if x)
        after = w(
            "report.reply_after",
            time=w.secs(ex.reply_after_s),
            who=w.optional("report.approved.", ex.approved_by),
        )
        reply = (
            f'{_text_or_purged(ex.reply, w)}<div class="tr">{_e(after)}</div>'
            if ex.reply_after_s is not None
            else f'<span class="purged">{_e(w("report.not_answered"))}</span>'
        )
        viewer = w.viewer(ex.viewer, report.real_names)
        q_rows.append(
            f'<tr><td class="n">{q.asks}</td>'
            f"<td>{_text_or_purged(ex.text, w)}"
            f'<div class="tr">{_e(ex.translation) if ex.translation else ""}</div>'
            f'<div class="lang">{_e(viewer)} · {_e(", ".join(q.languages))}</div></td>'
            f'<td>{_e(w.intent(q.intent))}<div class="tr">{_e(what)}</div></td>'
            f"<td>{reply}</td></tr>"
        )
    questions_table = (
        f"<table><tr>{_th(w, 'asks', 'question', 'about', 'reply_given')}</tr>"
        f"{''.join(q_rows)}</table>"
        if q_rows
        else f'<p class="sub">{_e(w("report.questions.none"))}</p>'
    )

    sub_langs = subtitle_languages(report)
    t_head = "".join(f"<th>{_e(w.language_name(lang))}</th>" for lang in sub_langs)
    t_rows = []
    for line in report.transcript:
        cells = "".join(
            f'<td lang="{_e(lang)}">{_e(_line_in(line, lang) or "")}</td>' for lang in sub_langs
        )
        t_rows.append(f'<tr><td class="n">{clock_s(line.start_s)}</td>{cells}</tr>')
    transcript = (
        f"<table><tr>{_th(w, 'at')}{t_head}</tr>{''.join(t_rows)}</table>"
        if t_rows
        else f'<p class="sub">{_e(w("report.transcript.none"))}</p>'
    )
    links, previews = [], []
    for lang in sub_langs:
        srt, vtt = to_srt(report, lang), to_vtt(report, lang)
        base = f"session-{report.session_id}.{lang}"
        name = _e(w.language_name(lang))
        links.append(
            f'<a download="{_e(base)}.srt" href="data:application/x-subrip;charset=utf-8,'
            f'{quote(srt)}">{name} · SRT</a>'
            f'<a download="{_e(base)}.vtt" href="data:text/vtt;charset=utf-8,{quote(vtt)}">'
            f"{name} · WebVTT</a>"
        )
        previews.append(f"<details><summary>{name} SRT</summary><pre>{_e(srt)}</pre></details>")

    c_rows = "".join(
        f'<tr><td class="n">{clock_s(c.at_s)}</td><td>{_e(w.viewer(c.viewer, report.real_names))}'
        f'<div class="tr">{_e(w.platform(c.platform))}</div></td>'
        f'<td class="lang">{_e(c.language)}</td><td>{_text_or_purged(c.text, w)}'
        f'<div class="tr">{_e(c.translation) if c.translation else ""}</div></td>'
        f"<td>{_e(w.intent(c.intent)) if c.intent else ''}</td>"
        f"<td>{_e(c.reply) if c.reply else ''}</td></tr>"
        for c in report.comments
    )
    e_rows = "".join(
        f'<tr><td class="n">{clock_s(e.at_s)}</td><td>{_e(w.stage(e.stage))}</td>'
        f"<td>{_e(e.error_type)}</td><td>{_e(w.message(e.message))}"
        f'<div class="tr">{_e(w.message(e.fix)) if e.fix else ""}</div></td></tr>'
        for e in report.errors
    )
    errors = (
        f"<table><tr>{_th(w, 'at', 'stage', 'error', 'message')}</tr>{e_rows}</table>"
        if e_rows
        else f'<p class="sub">{_e(w("report.errors.none"))}</p>'
    )
    notes = "".join(f'<p class="note">{_e(w.sentence(n))}</p>' for n in report.notes)
    names_note = w("report.footer.real_names" if report.real_names else "report.footer.pseudonyms")
    caption_langs = w.join([w.language_name(x) for x in report.caption_languages]) or w(
        "report.none"
    )
    title = report.title
    if title == f"Session {report.session_id}":  # no title given: build's default, in English
        title = w("report.untitled", id=report.session_id)
    status = g.status
    sub = " · ".join(
        [
            _e(w("report.session", id=report.session_id)),
            _e(started),
            _e(w.platform(report.platform)),
            _e(w("report.seller_speaks", language=w.language_name(report.seller_language))),
            _e(w("report.captions_in", languages=caption_langs)),
        ]
    )
    space = "" if w.chinese else " "  # between sentences
    comments_every = w("report.panel.comments_every", step=clock_s(report.bucket_s))
    return f"""<!DOCTYPE html>
<html lang="{_e(w.html_lang)}"><head>
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{_e(w("report.page_title", title=title))}</title>
<style>{_CSS}</style>
</head><body><main id="report">
<h1>{_e(title)}<span class="badge {_e(status)}">{
        _e(w.optional("report.status.", status))
    }</span></h1>
<p class="sub">{sub}</p>
{notes}
<section id="glance"><h2>{_e(w("report.glance"))}</h2><div class="cards">{cards}</div></section>
<section id="charts"><h2>{_e(w("report.charts"))}</h2>
<div class="grid2">
<div class="panel"><h3>{_e(comments_every)}</h3>
{over_time}{charts.legend(lang_keys, palette, lang_names)}</div>
<div class="panel"><h3>{_e(w("report.panel.questions"))}</h3>
{q_time}{charts.legend(lang_keys, palette, lang_names)}</div>
<div class="panel"><h3>{_e(w("report.panel.intents"))}</h3>{intents}</div>
<div class="panel"><h3>{_e(w("report.panel.products"))}</h3>{products}</div>
</div></section>
<section id="alerts"><h2>{_e(w("report.alerts"))}</h2>
<div class="grid2"><div class="panel">{alerts_chart}</div><div>{alerts_table}</div></div>
</section>
<section id="activity"><h2>{_e(w("report.activity"))}</h2>{activity_html(report, w)}</section>
<section id="plan"><h2>{_e(w("report.plan"))}</h2>{plan_html(report.plan, w)}</section>
<section id="spec-cards"><h2>{_e(w("report.spec_cards"))}</h2>{cards_table}</section>
<section id="questions"><h2>{_e(w("report.questions"))}</h2>{questions_table}</section>
<section id="transcript"><h2>{_e(w("report.transcript"))}</h2>{transcript}</section>
<section id="subtitles"><h2>{_e(w("report.subtitles"))}</h2><div class="subs">{"".join(links)}</div>
{"".join(previews)}</section>
<section id="comments"><h2>{_e(w("report.comments"))}</h2><details><summary>{
        _e(w("report.comments.show", count=g.comments))
    }</summary>
<table><tr>{_th(w, "at", "viewer", "lang", "comment", "intent", "reply")}
</tr>{c_rows}</table></details></section>
<section id="errors"><h2>{_e(w("report.errors"))}</h2>{errors}</section>
<footer>{_e(w("report.footer.made"))}{space}{_e(names_note)}
{_e(w("report.footer.inert"))}</footer>
</main></body></html>
"""


def _th(w: Words, *columns: str) -> str:
    """Table headings ``report.col.<name>`` in the report's language."""
    return "".join(f"<th>{_e(w('report.col.' + c))}</th>" for c in columns)


# -- files ---------------------------------------------------------------------------------


def write(report: SessionReport, fmt: str, out: Path, *, language: str | None = "en") -> list[Path]:
    """Write ``report`` as ``fmt`` (html, csv, json, srt, vtt) to ``out``; returns the files.
    ``language`` is the HTML page's (``en``, ``zh_CN``); the data formats keep their English
    keys and values for the programs that read them.

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
        text = (
            to_html(report, language)
            if fmt == "html"
            else {"csv": to_csv, "json": to_json}[fmt](report)
        )
        # utf-8-sig for CSV: spreadsheet programs then read non-Latin comments correctly
        out.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        written.append(out)
    log.info("wrote the %s report of session %d: %d files", fmt, report.session_id, len(written))
    return written
