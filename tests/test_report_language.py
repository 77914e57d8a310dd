"""The session report in the seller's language (issue 19): built from a real store of a small
show, the Chinese report's own words (headings, labels, chart captions, dates, notes, the plan
section) are Chinese, with only what the seller and the viewers wrote left as written; the English
report is as before; the command line and the Chinese window's Export report button write it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fixtures import sample_report as sample

from sola_studio import config
from sola_studio.cli import main as cli_main
from sola_studio.config import Settings
from sola_studio.core.clock import ManualClock
from sola_studio.lang.messages import load_catalog
from sola_studio.report.build import SessionReport, build_report
from sola_studio.report.export import to_html
from sola_studio.report.words import PHRASES, Words, normalize
from sola_studio.store import SessionStore

# 2026-12-04 16:00 UTC
SHOW_WALL = 1796400000.0
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u4e00-\u9fff]")
# names and units the Chinese report keeps: the program, the subtitle formats, the time zone
KEPT_NAMES = ("Sola Studio", "WebVTT", "SRT", "UTC")


def _fake_translate(texts, source, targets):
    return {t: [f"({t}) {x}" for x in texts] for t in targets}


@pytest.fixture
def show(tmp_path: Path) -> tuple[SessionStore, int]:
    """The sample show (29 comments in 10 languages, captions in pt and es, two restock alerts,
    an error, an interrupted end) in a real SQLite store; a comment past retention."""
    clock = ManualClock(now_wall=SHOW_WALL)
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=clock)
    sid = sample.replay_sample(store, clock, translate=_fake_translate, targets=("pt", "es"))
    store.db.execute("UPDATE sessions SET status = 'interrupted' WHERE id = ?", [sid])
    store.db.execute(
        "UPDATE comments SET text = NULL WHERE id = (SELECT MIN(id) FROM comments"
        " WHERE session_id = ?)",
        [sid],
    )
    store.db.conn.commit()
    return store, sid


class _Text(HTMLParser):
    """The page's text nodes as a reader sees them (not the stylesheet, not the subtitle
    previews, which are the captions' files; nor ``<code>``: commands and options)."""

    SKIP = ("style", "pre", "code")

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in self.SKIP

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in self.SKIP

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def texts_of(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.texts


def written_by_people(report: SessionReport) -> list[str]:
    """What the seller, the sheet and the viewers wrote, and identifiers the core logged: the
    report shows them as written, in any language."""
    found: set[str] = {report.title, report.platform}
    for c in report.comments:
        found.update(x for x in (c.text, c.translation, c.reply, c.variant) if x)
    for line in report.transcript:
        found.add(line.text)
        found.update(line.translations.values())
    for p in report.products_asked:
        found.update(x for x in (p.product_name, p.variant) if x)
    for a in report.alerts:
        found.update(x for x in (a.product_name, a.variant) if x)
    for card in report.spec_cards:
        found.update(x for x in (card.title, card.attribute, card.product_name) if x)
        found.update(card.texts.values())
    found.update(e.error_type for e in report.errors)
    return sorted((x for x in found if x), key=len, reverse=True)


def english_left(html: str, report: SessionReport) -> list[str]:
    """Text nodes that still hold an English word once people's words, names kept on purpose
    and commands set off with 「」 are taken out."""
    people = written_by_people(report)
    left = []
    for text in texts_of(html):
        rest = re.sub(r"「[^」]*」|观众-[0-9a-f]{6}", " ", text)  # commands; pseudonyms' ids
        for known in (*people, *KEPT_NAMES):
            rest = rest.replace(known, " ")
        if LATIN_WORD.search(rest):
            left.append(text)
    return left


def test_the_chinese_report_has_no_english_of_its_own(show: tuple[SessionStore, int]) -> None:
    store, sid = show
    report = build_report(store.db, sid)
    html = to_html(report, "zh_CN")
    assert '<html lang="zh-CN">' in html
    assert english_left(html, report) == []
    texts = texts_of(html)
    # what a seller checks: the headings, the date, numbers in Chinese units, the notes
    for heading in ("概览", "评论与提问", "补货提醒", "直播计划", "热门提问和给出的回复", "错误"):
        assert heading in texts, heading
    assert any("2026年12月4日 16:00 UTC" in t for t in texts)
    assert any(re.fullmatch(r"\d+ 分 \d\d 秒", t) for t in texts)  # the duration
    assert any(t.startswith("本场直播被中断") for t in texts)  # the interrupted note
    assert any("条评论已超过保留期限" in t for t in texts)  # the purged note
    assert "（已清除）" in texts
    assert any("被问了" in t and "剩" in t for t in texts)  # the restock alerts, said in Chinese
    assert "本场没有直播计划（" in html  # the plan section, the option itself as written
    assert any(t.startswith("葡萄牙语 (pt)") for t in texts)  # the subtitle languages
    # the viewers' and the seller's own words are there, as written
    assert "Tem M preta?" in texts and "有的，黑色M号还剩2件。" in texts
    assert report.transcript[0].text in texts
    # the page stays inert in Chinese: no script, nothing remote
    assert "<script" not in html.lower() and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    # and its fonts render Chinese: a CJK face in the stack the zh page uses
    assert re.search(r"html:lang\(zh\) body\{font-family:[^}]*Noto Sans CJK SC", html)


def test_the_english_report_is_as_before(show: tuple[SessionStore, int]) -> None:
    store, sid = show
    report = build_report(store.db, sid)
    html = to_html(report)
    assert html == to_html(report, "en")
    assert '<html lang="en">' in html
    texts = texts_of(html)
    for heading in ("At a glance", "Comments and questions", "Restock alerts", "Show plan"):
        assert heading in texts
    assert "started 2026-12-04 16:00 UTC" in texts
    assert any(t.startswith("This session was interrupted") for t in texts)
    # no report word of the Chinese catalog came through: CJK only where viewers wrote it
    people = written_by_people(report)
    for text in texts:
        rest = text
        for known in people:
            rest = rest.replace(known, " ")
        assert not CJK.search(rest), text


def test_every_report_text_has_its_chinese_line() -> None:
    """A new report text without a translation (or whose English changed since) is listed."""
    catalog = load_catalog("zh_CN")
    assert catalog is not None
    missing = [mid for mid, en in PHRASES.items() if catalog.text(mid, en) is None]
    assert missing == []
    stale = [mid for mid in catalog.texts if mid not in PHRASES]
    assert stale == []
    # the report's ids are looked up by id only: the window's messages never match them
    assert catalog.translate("5 s") == "5 s" and catalog.translate("3 answered") == "3 answered"
    assert catalog.translate("At a glance") == "At a glance"


def test_the_report_language_comes_from_the_window_language() -> None:
    assert normalize("zh_CN") == normalize("zh-CN") == normalize("zh") == "zh_CN"
    assert normalize("") == normalize(None) == normalize("de") == "en"
    words = Words("zh_CN")
    assert words.date(SHOW_WALL) == "2026年12月4日 16:00 UTC"
    assert Words("en").date(SHOW_WALL) == "2026-12-04 16:00 UTC"
    assert words.duration(3725) == "1 小时 02 分" and Words().duration(3725) == "1 h 02 min"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """A profile ``shop`` holding the sample show, under a home of its own (settings too)."""
    home = tmp_path / "home"
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(home))
    return sample.install_profile(tmp_path, home)


def test_the_command_line_follows_the_settings_or_its_option(shop: int, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert cli_main(["report", "--profile", "shop", "--out", str(out)]) == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    config.save(Settings(ui_language="zh_CN"))  # Settings › Window language: 简体中文
    assert cli_main(["report", "--profile", "shop", "--out", str(out)]) == 0
    assert '<html lang="zh-CN">' in out.read_text(encoding="utf-8")
    args = ["report", "--profile", "shop", "--out", str(out), "--language", "en"]
    assert cli_main(args) == 0
    assert "At a glance" in out.read_text(encoding="utf-8")


def test_the_chinese_windows_export_button_writes_the_chinese_report(
    qtbot, shop: int, tmp_path: Path
) -> None:
    pytest.importorskip("PySide6")
    from types import SimpleNamespace

    from PySide6.QtCore import QCoreApplication, Qt

    from sola_studio.ui import i18n
    from sola_studio.ui.session import StudioSession, load_sheet_for, session_factory
    from sola_studio.ui.window import MainWindow

    app = QCoreApplication.instance()
    assert app is not None
    settings = Settings(first_run_done=True)
    assert i18n.install(app, "zh_CN") == "zh_CN"
    try:
        win = MainWindow(settings, session_factory(), load_sheet_for(settings))
        qtbot.addWidget(win)
        # the show that just ended, as the window hears of it: its session in the profile's
        # store (the window reads nothing else of it to export)
        finished = StudioSession.__new__(StudioSession)
        finished.settings, finished.profile = settings, "shop"
        finished.live = SimpleNamespace(session_id=shop)  # type: ignore[assignment]
        win._on_stopped(finished)
        assert win.export_button.isEnabled()
        assert win.export_button.text() != "Export report"  # the window is in Chinese
        with qtbot.waitSignal(win.report_exported, timeout=60_000) as exported:
            qtbot.mouseClick(win.export_button, Qt.MouseButton.LeftButton)
        html = Path(exported.args[0]).read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in html
        texts = texts_of(html)
        assert "概览" in texts and "At a glance" not in texts
    finally:
        i18n.install(app, "en")
