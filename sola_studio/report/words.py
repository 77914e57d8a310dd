"""The session report's own words in the report's language (issue 19): headings, labels, chart
captions, empty-state texts, the show plan's section, the alert and note sentences, dates and
numbers.

One mechanism with the window's core texts: the message catalog of :mod:`sola_studio.lang
.messages` (``lang/data/messages/<locale>.yaml``). Its ``report:`` entries are looked up by their
stable id (never matched against other texts); :data:`PHRASES` holds each id's English, which
is also the catalog's ``en`` line, so a changed English shows in English until its translation
is checked again (``tests/test_report_language.py`` lists what is missing). What the seller and
the viewers wrote (comments, drafts, replies, captions, product names) is never translated here.

Languages: ``en`` (the source) and every locale with a catalog (``zh_CN``); others fall back to
English. Qt-free.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import cached_property

from sola_studio.lang.messages import MessageCatalog, load_catalog
from sola_studio.lang.messages import localize as localize_message

DEFAULT_LANGUAGE = "en"
# the report's languages (the window's: ui/i18n AVAILABLE, plus the English source)
LANGUAGES = ("en", "zh_CN")

PHRASES: dict[str, str] = {
    # page
    "report.page_title": "{title} · Sola Studio session report",
    "report.untitled": "Session {id}",
    "report.session": "Session {id}",
    "report.seller_speaks": "seller speaks {language}",
    "report.captions_in": "captions in {languages}",
    "report.none": "none",
    "report.status.finished": "finished",
    "report.status.interrupted": "interrupted",
    "report.status.running": "running",
    # at a glance
    "report.glance": "At a glance",
    "report.card.duration": "Duration",
    "report.card.started": "started {time}",
    "report.card.comments": "Comments",
    "report.card.languages": "{count} languages",
    "report.card.questions": "Questions",
    "report.card.answered_count": "{count} answered",
    "report.card.answered": "Answered",
    "report.card.replies_sent": "{count} replies sent",
    "report.card.time_to_reply": "Time to reply",
    "report.card.median_p95": "median · p95 {value}",
    "report.card.caption_latency": "Caption latency",
    "report.card.audience_languages": "Audience languages",
    "report.card.restock_alerts": "Restock alerts",
    "report.card.error_logged": "{count} error logged",
    "report.card.errors_logged": "{count} errors logged",
    # charts
    "report.charts": "Comments and questions",
    "report.chart.comments_by_language": "Comments over time by language",
    "report.chart.questions_by_language": "Questions over time by language",
    "report.chart.asked_about": "What viewers asked about",
    "report.chart.products_asked": "Products and variants asked about",
    "report.chart.restock": "Restock alerts: asks for low or sold-out variants",
    "report.chart.activity": "Viewer activity over time by kind",
    "report.chart.nothing": "nothing recorded",
    "report.panel.comments_every": "Comments over time, by language (every {step})",
    "report.panel.questions": "Questions over time, by language",
    "report.panel.intents": "Intents",
    "report.panel.products": "Products and variants asked about",
    # restock alerts
    "report.alerts": "Restock alerts",
    "report.col.at": "At",
    "report.col.product": "Product",
    "report.col.variant": "Variant",
    "report.col.alert": "Alert",
    "report.alerts.none": "No restock alert in this session.",
    "report.alert.restock": "{asks} asks for {variant} ({level}, {stock} left)",
    "report.stock.low": "low",
    "report.stock.out": "out",
    "report.stock.in stock": "in stock",
    # viewer activity
    "report.activity": "Viewer activity",
    "report.activity.none": "No viewer activity was reported (replay files carry none).",
    "report.activity.times": "{count} times",
    "report.activity.every": "Over time (every {step})",
    "report.col.platform": "Platform",
    "report.kind.join": "Joins",
    "report.kind.like": "Likes",
    "report.kind.gift": "Gifts",
    "report.kind.share": "Shares",
    "report.kind.follow": "Follows",
    "report.kind.member": "Members",
    # show plan
    "report.plan": "Show plan",
    "report.plan.none": "This show had no plan ({option}).",
    "report.plan.covered": "{covered} of {points} planned points said.",
    "report.plan.col.segment": "Segment",
    "report.plan.col.said": "Points said",
    "report.plan.col.time": "Time / box",
    "report.plan.col.questions": "Questions",
    "report.plan.col.points": "Points",
    "report.plan.of": "{spent} of {box}",
    "report.plan.not_reached": "not reached",
    "report.plan.approved_shown": "(approved translation shown)",
    # spec cards
    "report.spec_cards": "Spec cards shown",
    "report.col.stream": "Stream",
    "report.col.card": "Card",
    "report.col.shown": "Shown",
    "report.col.for": "For",
    "report.spec_cards.none": "No spec card was shown in this session.",
    # questions
    "report.questions": "Top questions and the replies given",
    "report.col.asks": "Asks",
    "report.col.question": "Question (first ask)",
    "report.col.about": "About",
    "report.col.reply_given": "Reply given",
    "report.reply_after": "after {time} · approved by {who}",
    "report.not_answered": "not answered",
    "report.questions.none": "No question in this session.",
    # transcript and subtitles
    "report.transcript": "Transcript and translations",
    "report.transcript.none": "No caption was recorded.",
    "report.subtitles": "Subtitle files",
    # all comments
    "report.comments": "All comments",
    "report.comments.show": "Show {count} comments",
    "report.col.viewer": "Viewer",
    "report.col.lang": "Lang",
    "report.col.comment": "Comment",
    "report.col.intent": "Intent",
    "report.col.reply": "Reply",
    "report.purged": "(purged)",
    "report.viewer": "viewer-{id}",
    "report.viewer_purged": "viewer (purged)",
    # errors
    "report.errors": "Errors",
    "report.col.stage": "Stage",
    "report.col.error": "Error",
    "report.col.message": "Message",
    "report.errors.none": "No error was logged.",
    # notes (build.py writes them in English; the page shows them in the report's language)
    "report.note.interrupted": "This session was interrupted (the program stopped without "
    "ending the show); the report covers everything recorded up to the last event.",
    "report.note.running": "This session is still running; the report covers it so far.",
    "report.note.purged": "{count} comments are past the retention period: their text and "
    "viewer were purged.",
    # footer
    "report.footer.made": "Made by Sola Studio on the seller's computer.",
    "report.footer.real_names": "Viewer names are shown as the seller chose (real names).",
    "report.footer.pseudonyms": "Viewer names are pseudonymised (viewer-xxxxxx).",
    "report.footer.inert": "This page loads nothing from the internet and runs no script.",
    # what viewers asked about (the desk's intents)
    "report.intent.price": "price",
    "report.intent.shipping": "shipping",
    "report.intent.size_stock": "size / stock",
    "report.intent.material": "material",
    "report.intent.payment": "payment",
    "report.intent.returns": "returns",
    "report.intent.discount": "discount",
    "report.intent.greeting": "greeting",
    "report.intent.other": "other",
    "report.intent.not understood": "not understood",
    "report.language.unknown": "unknown",
    # where an error happened (an error's stage: "comments.auto_send", "sink:obs")
    "report.stage.asr": "speech recognition",
    "report.stage.video": "video",
    "report.stage.translate": "translation",
    "report.stage.comments": "comments",
    "report.stage.auto_send": "auto send",
    "report.stage.reply": "reply",
    "report.stage.sink": "output",
    "report.stage.store": "session database",
    "report.stage.start": "start",
    "report.stage.captions": "captions",
    # the platform a show's comments came from, when it is not a brand name
    "report.platform.replay": "replay",
    "report.platform.trial": "trial",
    "report.platform.manual": "manual",
    # who approved a reply
    "report.approved.seller": "seller",
    "report.approved.auto": "auto",
    # durations and times
    "report.time.h_min": "{h} h {m} min",
    "report.time.min_s": "{m} min {s} s",
    "report.time.s": "{s} s",
    "report.time.seconds": "{value} s",
    # language names (then the code in brackets)
    "report.lang.ar": "Arabic",
    "report.lang.de": "German",
    "report.lang.en": "English",
    "report.lang.es": "Spanish",
    "report.lang.fr": "French",
    "report.lang.hi": "Hindi",
    "report.lang.id": "Indonesian",
    "report.lang.it": "Italian",
    "report.lang.ja": "Japanese",
    "report.lang.ko": "Korean",
    "report.lang.nl": "Dutch",
    "report.lang.pl": "Polish",
    "report.lang.pt": "Portuguese",
    "report.lang.ru": "Russian",
    "report.lang.th": "Thai",
    "report.lang.tr": "Turkish",
    "report.lang.vi": "Vietnamese",
    "report.lang.zh": "Chinese",
}

_FIELD = re.compile(r"\{(\w+)\}")


def normalize(language: str | None) -> str:
    """A report language from a setting or option: ``zh_CN`` (also ``zh``, ``zh-CN``) or ``en``
    (also empty, None, or a language without a catalog)."""
    text = (language or "").strip().replace("-", "_")
    for known in LANGUAGES:
        if text.lower() == known.lower() or text.split("_")[0].lower() == known.split("_")[0]:
            return known
    return DEFAULT_LANGUAGE


def _pattern(english: str) -> re.Pattern[str]:
    parts, last = [], 0
    for m in _FIELD.finditer(english):
        parts.append(re.escape(english[last : m.start()]))
        parts.append(f"(?P<{m.group(1)}>.+?)")
        last = m.end()
    parts.append(re.escape(english[last:]))
    return re.compile("".join(parts), re.DOTALL)


class Words:
    """The report's words in one language: ``words("report.glance")`` -> "At a glance"."""

    def __init__(self, language: str | None = DEFAULT_LANGUAGE) -> None:
        self.language = normalize(language)
        self._catalog: MessageCatalog | None = (
            None if self.language == DEFAULT_LANGUAGE else load_catalog(self.language)
        )

    @property
    def html_lang(self) -> str:
        """The page's ``lang`` attribute (BCP 47: ``zh-CN``)."""
        return self.language.replace("_", "-")

    @property
    def chinese(self) -> bool:
        return self.language.startswith("zh")

    def __call__(self, mid: str, **fields: object) -> str:
        english = PHRASES[mid]
        found = self._catalog.text(mid, english) if self._catalog is not None else None
        return (found or english).format(**{k: str(v) for k, v in fields.items()})

    def optional(self, prefix: str, key: str | None) -> str:
        """``prefix + key`` in this language when it is a known text, else ``key`` as it is."""
        mid = f"{prefix}{key}"
        return self(mid) if mid in PHRASES else (key or "")

    def message(self, text: str | None) -> str:
        """A text the core wrote (an error and its fix, a pipeline stage), through the catalog
        the window uses for the same texts."""
        if not text or self.language == DEFAULT_LANGUAGE:
            return text or ""
        return localize_message(text, self.language)

    @cached_property
    def _sentences(self) -> list[tuple[str, re.Pattern[str]]]:
        ids = [
            "report.alert.restock",
            "report.note.purged",
            "report.note.interrupted",
            "report.note.running",
        ]
        return [(mid, _pattern(PHRASES[mid])) for mid in ids]

    def sentence(self, text: str) -> str:
        """A sentence the report's builder wrote in English (a note, a restock alert), in this
        language; unchanged when it is not one of them."""
        if self._catalog is None:
            return text
        for mid, pattern in self._sentences:
            m = pattern.fullmatch(text)
            if m is None:
                continue
            fields = dict(m.groupdict())
            if "level" in fields:
                fields["level"] = self.optional("report.stock.", fields["level"])
            return self(mid, **fields)
        return text

    # -- names, numbers, times ---------------------------------------------------------------

    def language_name(self, code: str) -> str:
        """``Portuguese (pt)`` / ``葡萄牙语 (pt)``; the code alone when the name is not known."""
        mid = f"report.lang.{code.split('-')[0].split('_')[0].lower()}"
        return f"{self(mid)} ({code})" if mid in PHRASES else code

    def count_label(self, code: str) -> str:
        """A language as the charts key it: the code, "unknown" said in this language."""
        return self("report.language.unknown") if code == "unknown" else code

    def stage(self, stage: str) -> str:
        """An error's stage (``comments.auto_send``, ``sink:obs``): as written in English, each
        known part said in this language otherwise (评论 · 自动发送)."""
        if self.language == DEFAULT_LANGUAGE:
            return stage
        parts = re.split(r"[.:]", stage)
        return " · ".join(self.optional("report.stage.", p) for p in parts)

    def platform(self, platform: str) -> str:
        """A platform: a brand name as it is; replay, trial and manual in this language."""
        return self.optional("report.platform.", platform)

    def intent(self, intent: str | None) -> str:
        return self.optional("report.intent.", intent or "not understood")

    def viewer(self, viewer: str, real_names: bool) -> str:
        """A pseudonym (``viewer-1a2b3c``) in this language; a real name as it is."""
        if real_names and viewer != "viewer (purged)":
            return viewer
        if viewer == "viewer (purged)":
            return self("report.viewer_purged")
        if viewer.startswith("viewer-"):
            return self("report.viewer", id=viewer.removeprefix("viewer-"))
        return viewer

    def date(self, wall: float) -> str:
        """A wall time in UTC: ``2026-12-04 14:05 UTC`` / ``2026年12月4日 14:05 UTC``."""
        t = datetime.fromtimestamp(wall, tz=timezone.utc)
        if self.chinese:
            return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M} UTC"
        return t.strftime("%Y-%m-%d %H:%M UTC")

    def duration(self, seconds: float) -> str:
        s = max(0, round(seconds))
        h, rem = divmod(s, 3600)
        m, sec = divmod(rem, 60)
        if h:
            return self("report.time.h_min", h=h, m=f"{m:02d}")
        if m:
            return self("report.time.min_s", m=m, s=f"{sec:02d}")
        return self("report.time.s", s=sec)

    def secs(self, value: float | None) -> str:
        if value is None:
            return "–"
        return (
            self("report.time.seconds", value=f"{value:.1f}")
            if value < 60
            else (self.duration(value))
        )

    def percent(self, share: float | None) -> str:
        return "–" if share is None else f"{share:.0%}"

    def join(self, items: list[str]) -> str:
        """A list in running text: ``a, b`` / ``a、b``."""
        return ("、" if self.chinese else ", ").join(items)


ENGLISH = Words(DEFAULT_LANGUAGE)
