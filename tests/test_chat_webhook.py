"""The local comment endpoint with real HTTP clients (urllib, http.client, curl): comments in,
bad and oversized bodies refused with a fix, a shared secret, rate and connection limits, a
500-comment burst with none lost, and nothing listening beyond 127.0.0.1."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from chat_support import Collected, listening_addresses
from helpers import require_program

from sola_studio.chat.webhook import WebhookLimits, WebhookSource
from sola_studio.core.events import Comment


@pytest.fixture
def hook() -> Iterator[tuple[WebhookSource, Collected[Comment]]]:
    got: Collected[Comment] = Collected()
    source = WebhookSource(port=0)
    source.start(got)
    yield source, got
    source.stop()


def post(url: str, body: object, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def test_a_posted_comment_reaches_the_desk_with_its_platform(hook) -> None:
    source, got = hook
    status, answer = post(
        source.url,
        {
            "platform": "instagram",
            "viewer_id": "1789",
            "name": "Ana",
            "text": "quanto custa? 🙂",
            "time": "2026-01-01T00:00:00Z",
            "id": "m1",
        },
    )
    assert (status, answer) == (202, {"accepted": 1, "duplicates": 0})
    (c,) = got.wait_for(lambda xs: len(xs) == 1)
    assert (c.platform, c.viewer_id, c.viewer_name, c.text) == (
        "instagram",
        "1789",
        "Ana",
        "quanto custa? 🙂",
    )
    assert c.id == "instagram:m1"
    # a retry of the same message is accepted once
    again = {"platform": "instagram", "viewer_id": "1789", "text": "x", "id": "m1"}
    assert post(source.url, again)[1] == {"accepted": 0, "duplicates": 1}


def test_the_documented_curl_example_works() -> None:
    curl = require_program("curl", why="the endpoint's documented example is a curl command")
    got: Collected[Comment] = Collected()
    source = WebhookSource(port=0, secret="s3cret")
    source.start(got)
    try:
        out = subprocess.run(
            [
                curl,
                "-sS",
                "-X",
                "POST",
                source.url,
                "-H",
                "Content-Type: application/json",
                "-H",
                "Authorization: Bearer s3cret",
                "-d",
                '{"platform": "shopee", "viewer_id": "42", "name": "Bia", '
                '"text": "tem tamanho M?"}',
            ],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        assert json.loads(out.stdout)["accepted"] == 1
        (c,) = got.wait_for(lambda xs: len(xs) == 1)
        assert (c.platform, c.viewer_name, c.text) == ("shopee", "Bia", "tem tamanho M?")
    finally:
        source.stop()


def test_shared_secret_is_required_when_set() -> None:
    got: Collected[Comment] = Collected()
    source = WebhookSource(port=0, secret="s3cret")
    source.start(got)
    try:
        one = {"viewer_id": "v", "text": "hi"}
        assert post(source.url, one)[0] == 401
        status, answer = post(source.url, one, {"Authorization": "Bearer wrong"})
        assert status == 401 and "Bearer" in answer["fix"]
        assert post(source.url, one, {"X-Sola-Secret": "s3cret"})[0] == 202
        assert post(source.url, one, {"Authorization": "Bearer s3cret"})[0] == 202
        assert len(got.wait_for(lambda xs: len(xs) == 2)) == 2
    finally:
        source.stop()


def test_bad_and_oversized_requests_are_refused_with_a_fix(hook) -> None:
    source, got = hook
    cases = [
        (b"{not json", 400),
        (json.dumps({"viewer_id": "v"}).encode(), 400),  # no text
        (json.dumps({"viewer_id": "v", "text": None}).encode(), 400),
        (json.dumps({"viewer_id": "v", "text": "x" * 5000}).encode(), 413),
        (json.dumps({"viewer_id": "v", "text": "x", "platform": "my platform!"}).encode(), 400),
        (json.dumps([{"viewer_id": "v", "text": "ok"}, 7]).encode(), 400),  # all or nothing
        (b"\xff\xfe", 400),
    ]
    for body, want in cases:
        status, answer = post(source.url, body)
        assert status == want, (body[:40], answer)
        assert answer["fix"], answer
    # wrong content type: a web page's simple POST
    req = urllib.request.Request(
        source.url, data=b'{"viewer_id":"v","text":"x"}', headers={"Content-Type": "text/plain"}
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=5)
    assert err.value.code == 415
    # a body over the limit is refused from its Content-Length, without reading it
    conn = http.client.HTTPConnection("127.0.0.1", source.port, timeout=5)
    conn.putrequest("POST", "/comments")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(50 * 1024 * 1024))
    conn.endheaders()
    r = conn.getresponse()
    assert r.status == 413 and "bytes" in json.loads(r.read())["error"]
    conn.close()
    # after all that the endpoint still takes a good comment, and nothing bad got through
    assert post(source.url, {"viewer_id": "v", "text": "still here"})[0] == 202
    assert [c.text for c in got.wait_for(lambda xs: len(xs) == 1)] == ["still here"]


def test_a_burst_of_500_comments_loses_none(hook) -> None:
    source, got = hook
    # 250 over one keep-alive connection, 250 from five clients at once
    conn = http.client.HTTPConnection("127.0.0.1", source.port, timeout=10)
    for i in range(250):
        body = json.dumps({"platform": "tiktok", "viewer_id": f"v{i}", "text": f"c {i}"})
        conn.request("POST", "/comments", body, {"Content-Type": "application/json"})
        r = conn.getresponse()
        assert r.status == 202, r.read()
        r.read()
    conn.close()

    def client(k: int) -> None:
        for i in range(50):
            n = 250 + k * 50 + i
            status, _ = post(source.url, {"viewer_id": f"v{n}", "text": f"c {n}", "id": str(n)})
            assert status == 202

    threads = [threading.Thread(target=client, args=(k,)) for k in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    comments = got.wait_for(lambda xs: len(xs) >= 500)
    assert sorted(int(c.text.split()[1]) for c in comments) == list(range(500))
    assert len({c.id for c in comments}) == 500
    assert source.accepted == 500


def test_rate_limit_answers_429_with_retry_after() -> None:
    got: Collected[Comment] = Collected()
    source = WebhookSource(port=0, limits=WebhookLimits(rate_per_s=1.0, burst=10))
    source.start(got)
    try:
        batch = [{"viewer_id": f"v{i}", "text": "hi"} for i in range(10)]
        assert post(source.url, batch)[0] == 202
        req = urllib.request.Request(
            source.url,
            data=json.dumps({"viewer_id": "x", "text": "one more"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=5)
        assert err.value.code == 429
        assert int(err.value.headers["Retry-After"]) >= 1
        assert len(got.items) == 10
    finally:
        source.stop()


def test_a_full_desk_answers_503_and_the_retry_is_taken(hook) -> None:
    source, got = hook
    got.accept = False
    one = {"platform": "whatnot", "viewer_id": "v", "text": "hold this", "id": "w1"}
    status, answer = post(source.url, one)
    assert status == 503 and answer["fix"]
    got.accept = True
    assert post(source.url, one) == (202, {"accepted": 1, "duplicates": 0})
    assert [c.id for c in got.wait_for(lambda xs: len(xs) == 1)] == ["whatnot:w1"]


def test_listens_on_loopback_only_and_refuses_foreign_host_headers(hook) -> None:
    source, _ = hook
    mine = {a for a in listening_addresses() if a[1] == source.port}
    assert mine == {("127.0.0.1", source.port)}
    # the machine's other addresses do not answer on that port
    others: set[str] = set()
    with contextlib.suppress(OSError):
        others = {
            str(ai[4][0])
            for ai in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
            if not str(ai[4][0]).startswith("127.")
        }
    for ip in others:
        with pytest.raises(OSError):
            socket.create_connection((ip, source.port), timeout=1).close()
    # DNS rebinding: a page served from evil.example resolving to 127.0.0.1
    status, _ = post(source.url, {"viewer_id": "v", "text": "x"}, {"Host": "evil.example"})
    assert status == 421


def test_idle_connections_are_capped_and_timed_out() -> None:
    got: Collected[Comment] = Collected()
    limits = WebhookLimits(max_connections=4, idle_timeout_s=0.5)
    source = WebhookSource(port=0, limits=limits)
    source.start(got)
    before = threading.active_count()
    idle = [socket.create_connection(("127.0.0.1", source.port)) for _ in range(40)]
    try:
        # at most 4 handler threads for 40 sockets; the idle ones are closed by the server
        assert threading.active_count() - before <= limits.max_connections
        for s in idle:
            s.settimeout(5)
            assert s.recv(1) == b""  # closed by the server: over the cap, or idle too long
        assert post(source.url, {"viewer_id": "v", "text": "after the idle ones"})[0] == 202
    finally:
        for s in idle:
            s.close()
        source.stop()


def test_websocket_takes_the_same_comments_and_answers_each(hook) -> None:
    ws_client = pytest.importorskip("websockets.sync.client")
    from websockets.exceptions import ConnectionClosedError

    source, got = hook
    ws_url = source.url.replace("http://", "ws://")
    with ws_client.connect(ws_url, max_size=None) as ws:
        ws.send(json.dumps({"platform": "facebook", "viewer_id": "f1", "text": "oi"}))
        assert json.loads(ws.recv(timeout=5)) == {"status": 202, "accepted": 1, "duplicates": 0}
        ws.send("{broken")
        answer = json.loads(ws.recv(timeout=5))
        assert answer["status"] == 400 and answer["fix"]
        for k in range(5):  # 500 comments in five messages: none lost
            batch = [
                {"viewer_id": f"v{k * 100 + i}", "text": f"c {k * 100 + i}"} for i in range(100)
            ]
            ws.send(json.dumps({"comments": batch}))
            assert json.loads(ws.recv(timeout=5))["accepted"] == 100
    comments = got.wait_for(lambda xs: len(xs) == 501)
    assert comments[0].platform == "facebook"
    assert sorted(int(c.text.split()[1]) for c in comments[1:]) == list(range(500))
    # a message over the size limit closes the connection with 1009 (message too big)
    with ws_client.connect(ws_url, max_size=None) as ws:
        ws.send("x" * (source.limits.max_body_bytes + 1))
        with pytest.raises(ConnectionClosedError) as closed:
            ws.recv(timeout=5)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009


def test_a_web_page_needs_the_secret_to_open_a_websocket() -> None:
    ws_client = pytest.importorskip("websockets.sync.client")
    from websockets.exceptions import InvalidStatus

    got: Collected[Comment] = Collected()
    open_hook = WebhookSource(port=0)
    open_hook.start(got)
    try:
        url = open_hook.url.replace("http://", "ws://")
        with pytest.raises(InvalidStatus) as refused:
            ws_client.connect(url, origin="https://evil.example")
        assert refused.value.response.status_code == 403
        with ws_client.connect(url, origin="chrome-extension://abcdef") as ws:  # an extension
            ws.send(json.dumps({"viewer_id": "v", "text": "from the extension"}))
            assert json.loads(ws.recv(timeout=5))["status"] == 202
    finally:
        open_hook.stop()
    guarded = WebhookSource(port=0, secret="k3y")
    guarded.start(got)
    try:
        url = guarded.url.replace("http://", "ws://")
        with pytest.raises(InvalidStatus) as refused:
            ws_client.connect(url + "?secret=wrong", origin="https://shop.example")
        assert refused.value.response.status_code == 401
        with ws_client.connect(url + "?secret=k3y", origin="https://shop.example") as ws:
            ws.send(json.dumps({"viewer_id": "v", "text": "with the secret"}))
            assert json.loads(ws.recv(timeout=5))["status"] == 202
    finally:
        guarded.stop()
    assert [c.text for c in got.items] == ["from the extension", "with the secret"]


def test_stop_closes_open_websockets() -> None:
    ws_client = pytest.importorskip("websockets.sync.client")
    from websockets.exceptions import ConnectionClosed

    got: Collected[Comment] = Collected()
    source = WebhookSource(port=0)
    source.start(got)
    with ws_client.connect(source.url.replace("http://", "ws://")) as ws:
        source.stop()
        with pytest.raises(ConnectionClosed):
            ws.recv(timeout=5)
