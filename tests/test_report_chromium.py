"""The HTML report of a replayed show, opened in Debian's headless Chromium.

Comments carry script payloads that would change the page title or the DOM if they ever ran.
A control page with the same payloads unescaped proves this Chromium does run them; the
report's dumped DOM must show none of their effects, and must contain the charts. The
screenshot must show the charts drawn in their palette colours.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from fixtures import sample_report as sample
from PIL import Image

from sola_studio.core.clock import ManualClock
from sola_studio.report import charts
from sola_studio.report.build import build_report
from sola_studio.report.export import to_html
from sola_studio.store import SessionStore

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.real_part(CHROMIUM, part="Chromium")

PAYLOADS = (
    "<script>document.title='PWNED-TITLE'</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
    "<svg><script>document.body.setAttribute('data-pwned','svg')</script></svg>",
    "</td></tr></table><iframe srcdoc=\"<script>parent.document.title='PWNED-FRAME'</script>\">",
    "\"><body onload=\"document.body.setAttribute('data-pwned','onload')\">",
)


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={tmp / 'chromium-profile'}",
            "--virtual-time-budget=3000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_report_in_chromium_has_charts_and_runs_no_comment_script(tmp_path: Path) -> None:
    clock = ManualClock(now_wall=time.time())
    store = SessionStore(tmp_path / "s.db", key=b"k" * 32, clock=clock)
    extra = tuple(
        sample.ScriptedComment(
            20 + 3 * i, f"hostile{i}", "en", p, p, sample.ce.Intent.OTHER, reply=p, reply_after_s=2
        )
        for i, p in enumerate(PAYLOADS)
    )
    sid = sample.replay_sample(store, clock, extra_comments=extra)
    report = build_report(store.db, sid)
    page = tmp_path / "report.html"
    page.write_text(to_html(report), encoding="utf-8")

    # control: the same payloads, unescaped and without the policy, do run in this browser
    control = tmp_path / "control.html"
    control.write_text(
        "<!DOCTYPE html><html><head><title>control</title></head><body>"
        + "".join(f"<p>{p}</p>" for p in PAYLOADS)
        + "</body></html>"
    )
    dom = _chromium(tmp_path, "--dump-dom", control.as_uri()).stdout
    assert "PWNED" in dom or "data-pwned" in dom

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<main" in dom, "chromium did not render the report"
    title = f"<title>{report.title} · Sola Studio session report</title>"
    assert title in dom
    assert "data-pwned=" not in dom
    assert "<iframe" not in dom and "<img" not in dom
    # the payloads are shown to the seller as text
    assert "&lt;script&gt;document.title='PWNED-TITLE'&lt;/script&gt;" in dom
    for chart in (
        "Comments over time by language",
        "Questions over time by language",
        "What viewers asked about",
        "Products and variants asked about",
        "Restock alerts: asks for low or sold-out variants",
    ):
        assert f"<title>{chart}</title>" in dom
    for section in ("glance", "charts", "alerts", "questions", "transcript", "subtitles"):
        assert f'id="{section}"' in dom

    shot = tmp_path / "report.png"
    out = _chromium(tmp_path, "--window-size=1280,1800", f"--screenshot={shot}", page.as_uri())
    assert shot.exists(), out.stderr
    img = Image.open(shot).convert("RGB")
    assert img.size == (1280, 1800)
    colours = {c for _, c in img.getcolors(maxcolors=1 << 20) or []}
    for hex_colour in charts.PALETTE[:3]:  # the first three languages' bars are drawn
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, f"no {hex_colour} bars in the screenshot"
