"""The session report built from the database alone: numbers against the replayed show, every
export format, the command line, and hostile comment text."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
import time
from pathlib import Path

import pytest
from fixtures import sample_report as sample

from sola_studio.cli import main as cli_main
from sola_studio.core.clock import ManualClock
from sola_studio.report.build import build_report, percentile
from sola_studio.report.export import to_csv, to_html, to_json, to_srt, to_vtt
from sola_studio.store import SessionStore

HOSTILE = (
    "<script>document.title='PWNED'</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
    "</td></tr></table><svg onload=alert(1)>",
    '=HYPERLINK("http://evil.example","click")',
)


def _fake_translate(texts, source, targets):  # type: ignore[no-untyped-def]
    return {t: [f"({t}) {x}" for x in texts] for t in targets}


@pytest.fixture
def replayed(tmp_path: Path) -> tuple[SessionStore, int]:
    clock = ManualClock(now_wall=time.time())
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=clock)
    extra = tuple(
        sample.ScriptedComment(
            30 + i,
            f"troll{i}",
            "en",
            text,
            text,
            sample.ce.Intent.OTHER,
            reply=f"reply to {text}",
            reply_after_s=3,
        )
        for i, text in enumerate(HOSTILE)
    )
    sid = sample.replay_sample(
        store, clock, translate=_fake_translate, targets=("pt", "es"), extra_comments=extra
    )
    return store, sid


def test_glance_numbers_match_the_show(replayed: tuple[SessionStore, int]) -> None:
    store, sid = replayed
    r = build_report(store.db, sid)
    script = list(sample.SCRIPT) + [None] * len(HOSTILE)
    questions = [s for s in sample.SCRIPT if s.intent.is_question]
    answered = [s for s in questions if s.reply]
    times = [s.reply_after_s for s in answered] + [3.0] * len(HOSTILE)
    g = r.glance
    assert g.comments == len(script)
    assert g.questions == len(questions) + len(HOSTILE)
    assert g.answered == len(answered) + len(HOSTILE)
    assert g.answered_share == pytest.approx(g.answered / g.questions)
    assert g.reply_median_s == pytest.approx(statistics.median(times))
    assert g.reply_p95_s == pytest.approx(statistics.quantiles(times, n=20, method="inclusive")[-1])
    assert g.caption_latency_median_s == pytest.approx(sample.CAPTION_LATENCY_S)
    langs = {c.label: c.count for c in g.audience_languages}
    assert langs["en"] == sum(1 for s in sample.SCRIPT if s.language == "en") + len(HOSTILE)
    assert len(langs) == len({s.language for s in sample.SCRIPT})
    assert g.status == "finished" and g.duration_s >= max(s.at_s for s in sample.SCRIPT)
    # charts' data: every comment lands in one bucket
    assert sum(sum(b.comments.values()) for b in r.timeline) == g.comments
    assert sum(sum(b.questions.values()) for b in r.timeline) == g.questions
    m_black = [s for s in questions if (s.product, s.size, s.colour) == ("tee", "M", "black")]
    top = r.top_questions[0]
    assert (top.product_name, top.variant, top.asks) == (
        "Camiseta Sola Classic",
        "M / black",
        len(m_black),
    )
    assert top.example.reply  # the first answered ask is the example
    assert [a.variant for a in r.alerts] == ["M / black", "41 / white"]
    assert len(r.transcript) == len(sample.talk())
    assert set(r.transcript[0].translations) == {"es", "pt"}


def test_viewer_names_are_pseudonyms_unless_asked(replayed: tuple[SessionStore, int]) -> None:
    store, sid = replayed
    names = {s.viewer for s in sample.SCRIPT}
    hidden = build_report(store.db, sid)
    assert not {c.viewer for c in hidden.comments} & names
    assert all(c.viewer.startswith("viewer-") for c in hidden.comments)
    for blob in (to_html(hidden), to_csv(hidden), to_json(hidden)):
        assert "anna_b" not in blob and "mari.fashion" not in blob
    shown = build_report(store.db, sid, real_names=True)
    assert names <= {c.viewer for c in shown.comments}
    assert "anna_b" in to_csv(shown)


def test_exports_parse_and_agree(replayed: tuple[SessionStore, int]) -> None:
    store, sid = replayed
    r = build_report(store.db, sid)
    rows = list(csv.DictReader(io.StringIO(to_csv(r))))
    assert len(rows) == r.glance.comments
    formula = next(row for row in rows if "HYPERLINK" in row["text"])
    assert formula["text"].startswith("'=")  # not a live spreadsheet formula
    data = json.loads(to_json(r))
    assert data["glance"]["questions"] == r.glance.questions
    assert set(data["subtitles"]) == {"en", "pt", "es"}
    talk = sample.talk()
    srt = to_srt(r, "pt").strip().split("\n\n")
    assert len(srt) == len(talk)
    start, end, first = talk[0]
    assert srt[0].splitlines()[1] == f"00:00:{start:06.3f} --> 00:00:{end:06.3f}".replace(".", ",")
    assert srt[0].splitlines()[2] == f"(pt) {first}"
    vtt = to_vtt(r, "en")
    start, end, _ = talk[1]
    assert vtt.startswith("WEBVTT") and f"00:00:{start:06.3f} --> 00:00:{end:06.3f}" in vtt


def test_html_escapes_hostile_text_and_forbids_scripts(replayed: tuple[SessionStore, int]) -> None:
    store, sid = replayed
    page = to_html(build_report(store.db, sid))
    head = page[: page.index("<title>")]
    assert 'http-equiv="Content-Security-Policy"' in head and "script-src 'none'" in head
    assert "<script" not in page.lower()
    # the payloads are there as text, never as tags
    assert "<img" not in page and "<svg onload" not in page
    assert "&lt;img src=x onerror=" in page
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in page
    # nothing to fetch: every href/src is a data: URI
    assert not re.search(r"""<[a-z]+[^>]*\s(?:src|href)=(?!"data:)""", page)


def test_report_command_writes_every_format(
    replayed: tuple[SessionStore, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, sid = replayed
    home = tmp_path / "home"
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(home))
    profile = home / "data" / "profiles" / "shop"
    profile.mkdir(parents=True)
    store.checkpoint()
    store.close()
    (profile / "sessions.db").write_bytes((tmp_path / "s.db").read_bytes())
    (profile / "viewer.key").write_bytes(b"k" * 32)
    assert cli_main(["report", "--profile", "shop", "--list"]) == 0
    assert "Sample live" in capsys.readouterr().out
    for fmt in ("html", "csv", "json", "srt", "vtt"):
        out = tmp_path / "out" / f"show.{fmt}"
        assert (
            cli_main(["report", str(sid), "--profile", "shop", "--format", fmt, "--out", str(out)])
            == 0
        )
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(
        [
            "show.html",
            "show.csv",
            "show.json",
            "show.en.srt",
            "show.pt.srt",
            "show.es.srt",
            "show.en.vtt",
            "show.pt.vtt",
            "show.es.vtt",
        ]
    )
    assert cli_main(["report", "99", "--profile", "shop"]) == 1
    assert "--list" in capsys.readouterr().err
    assert cli_main(["report", "--profile", "empty"]) == 1


def test_percentile_interpolates() -> None:
    assert percentile([], 50) is None
    assert percentile([4.0], 95) == 4.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
