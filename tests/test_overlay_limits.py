"""The overlay server under probes: hundreds of idle and slow clients on 127.0.0.1 are bounded
in number and in time, cost no thread each, and leave the process the file descriptors it needs
for everything else; pages that vanish are closed without a trace; a request that does not name
this server in its Host header (DNS rebinding) is refused."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import struct
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator

import pytest
from helpers import REPO_ROOT, wait_until

from sola_studio.core.events import Caption
from sola_studio.sinks.overlay import OverlayLimits, OverlayServer

FAST = OverlayLimits(max_connections=32, request_timeout_s=0.5, write_timeout_s=0.5)


def cap(cid: int, pt: str) -> Caption:
    return Caption(cid, "en", "x", 0.0, 1.0, True, 0.0, 0.0, translations={"pt": pt})


@pytest.fixture
def server() -> Iterator[OverlayServer]:
    s = OverlayServer(["en", "pt"], limits=FAST).start()
    yield s
    s.stop()


def connect(server: OverlayServer, rcvbuf: int | None = None) -> socket.socket:
    sock = socket.socket()
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.connect(server.address)
    return sock


def get(server: OverlayServer, path: str, host: str | None = None) -> bytes:
    host = host if host is not None else "{}:{}".format(*server.address)
    with socket.create_connection(server.address, timeout=5) as sock:
        head = f"GET {path} HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host else "")
        sock.sendall((head + "Connection: close\r\n\r\n").encode())
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
        return out


def test_hundreds_of_idle_sockets_are_capped_and_closed_in_time() -> None:
    # 2 s to send a request: the 300 connections arrive well within it even on a loaded
    # machine, so the cap, not the timeout, is what turns most of them away
    limits = OverlayLimits(max_connections=32, request_timeout_s=2.0)
    server = OverlayServer(["en", "pt"], limits=limits).start()
    threads = threading.active_count()
    idle: list[socket.socket] = []
    most = 0
    try:
        for _ in range(300):
            idle.append(connect(server))
            most = max(most, server.connections)
        assert most <= 32 and threading.active_count() == threads  # no thread per connection
        replies: list[bytes] = []
        for sock in idle:  # each is refused (503) at once or closed after its request timeout
            sock.settimeout(5)
            data = b""
            while chunk := sock.recv(1024):
                data += chunk
            replies.append(data)
        refused = [r for r in replies if r.startswith(b"HTTP/1.1 503")]
        assert len(refused) == server.refused > 0
        assert all(r == b"" for r in replies if r not in refused)  # timed out: closed quietly
        wait_until(lambda: server.connections == 0, timeout=2, what="every idle socket closed")
        assert get(server, "/").startswith(b"HTTP/1.1 200")  # and it serves again
    finally:
        for sock in idle:
            sock.close()
        server.stop()


def test_a_half_sent_request_is_closed_after_the_request_timeout(server: OverlayServer) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        sock.settimeout(5)
        assert sock.recv(100) == b""  # the server closed it


def test_slow_pages_cost_no_thread_and_never_hold_back_a_fast_one(
    server: OverlayServer,
) -> None:
    threads = threading.active_count()
    slow = [connect(server, rcvbuf=4096) for _ in range(25)]
    for sock in slow:
        sock.sendall(
            f"GET /events/pt HTTP/1.1\r\nHost: 127.0.0.1:{server.address[1]}\r\n\r\n".encode()
        )
    wait_until(lambda: server.connections == 25, what="the slow pages connected")
    big = "olá " * 4000
    for i in range(100):  # a publisher never blocks on a page that does not read
        server.publish(cap(i, f"{i} {big}"))
    assert threading.active_count() == threads
    wait_until(lambda: server.connections == 0, timeout=10, what="pages that read nothing dropped")
    fast = connect(server)
    fast.sendall(f"GET /events/pt HTTP/1.1\r\nHost: localhost:{server.address[1]}\r\n\r\n".encode())
    server.publish(cap(999, "boa noite"))
    fast.settimeout(5)
    seen = b""
    while b"boa noite" not in seen:
        chunk = fast.recv(65536)
        assert chunk, "the fast page was closed"
        seen += chunk
    fast.close()
    for sock in slow:
        sock.close()


def test_pages_that_vanish_leave_no_traceback(
    server: OverlayServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="sola_studio.sinks.overlay")
    pages = [connect(server) for _ in range(30)]
    for sock in pages:
        sock.sendall(b"GET /events/pt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    wait_until(lambda: server.connections == 30, what="the pages connected")
    for i, sock in enumerate(pages):
        if i % 2:  # a reset, as a killed browser does
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    for i in range(50):
        server.publish(cap(i, "texto " * 200))
    wait_until(lambda: server.connections == 0, what="the vanished pages closed")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:{port}", True),
        ("localhost:{port}", True),
        ("LOCALHOST", True),
        ("127.0.0.1", True),
        ("rebind.attacker.example:{port}", False),
        ("attacker.example", False),
        ("127.0.0.1:1", False),
        ("", False),
    ],
)
def test_only_requests_naming_this_server_are_answered(
    server: OverlayServer, host: str, allowed: bool
) -> None:
    status = get(server, "/captions/pt", host=host.format(port=server.address[1]) or "").split(
        b"\r\n"
    )[0]
    assert status == (b"HTTP/1.1 200 OK" if allowed else b"HTTP/1.1 403 Forbidden")


CHILD = textwrap.dedent(
    """
    import resource, sys, tempfile, pathlib
    from sola_studio.sinks.overlay import OverlayServer
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    server = OverlayServer(["pt"]).start()
    print(server.address[1], flush=True)
    sys.stdin.readline()  # the test floods the overlay meanwhile
    folder = pathlib.Path(tempfile.mkdtemp())
    files = [open(folder / f"report-{i}.csv", "w") for i in range(64)]  # the end-of-show report
    for f in files:
        f.write("ok")
        f.close()
    print("report written", server.connections, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_NOFILE")
def test_a_flooded_overlay_leaves_descriptors_for_the_report() -> None:
    app = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    flood: list[socket.socket] = []
    try:
        assert app.stdout is not None and app.stdin is not None
        port = int(app.stdout.readline())
        for _ in range(1000):
            with contextlib.suppress(OSError):
                flood.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        app.stdin.write("\n")
        app.stdin.flush()
        out, err = app.communicate(timeout=30)
        assert app.returncode == 0, err
        line = out.strip().splitlines()[-1]
        assert line.startswith("report written")
        assert int(line.split()[-1]) <= OverlayLimits().max_connections
    finally:
        for sock in flood:
            sock.close()
        if app.poll() is None:
            app.kill()
