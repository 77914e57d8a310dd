"""The browser-source overlay: loopback only, live updates over SSE, and a real headless Chromium
shows the caption the test just published."""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sola_studio.core.events import Caption
from sola_studio.sinks.overlay import OverlayServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def cap(cid: int, text: str, pt: str, committed: bool = True) -> Caption:
    return Caption(cid, "en", text, 0.0, 1.0, committed, 0.0, 0.0, translations={"pt": pt})


@pytest.fixture
def server() -> Iterator[OverlayServer]:
    s = OverlayServer(["en", "pt", "de"]).start()
    yield s
    s.stop()


def test_binds_to_loopback_and_lists_one_url_per_language(server: OverlayServer) -> None:
    host, port = server.address
    assert host == "127.0.0.1"
    assert server.url("pt") == f"http://127.0.0.1:{port}/captions/pt"
    conn = http.client.HTTPConnection(host, port, timeout=5)
    conn.request("GET", "/")
    index = conn.getresponse().read().decode()
    assert all(f"/captions/{lang}" in index for lang in ("en", "pt", "de"))
    conn.request("GET", "/captions/xx")
    assert conn.getresponse().status == 404


def test_events_arrive_live(server: OverlayServer) -> None:
    host, port = server.address
    conn = http.client.HTTPConnection(host, port, timeout=5)
    conn.request("GET", "/events/pt")
    resp = conn.getresponse()
    assert resp.getheader("Content-Type", "").startswith("text/event-stream")
    server.publish(cap(7, "hello", "olá", committed=False))
    server.publish(cap(7, "hello all", "olá a todos"))

    def next_event() -> dict[str, object]:
        line = resp.fp.readline().decode()
        while not line.startswith("data: "):
            line = resp.fp.readline().decode()
        return dict(json.loads(line[6:]))

    assert next_event() == {"id": 7, "text": "olá", "committed": False}
    assert next_event() == {"id": 7, "text": "olá a todos", "committed": True}
    conn.close()


def screenshot(url: str, tmp_path: Path, name: str) -> np.ndarray:
    """A headless Chromium screenshot; ``--timeout`` (not a virtual-time budget, which waits for
    the network to go idle and an SSE stream never does) lets the page run 4 s first."""
    assert CHROMIUM
    out = tmp_path / f"{name}.png"
    subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars", "--default-background-color=00000000",
            "--timeout=4000", "--window-size=800,400", f"--screenshot={out}", url,
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return np.asarray(Image.open(out).convert("RGBA"))


@pytest.mark.real_part("chromium", "chromium-browser", part="Chromium")
def test_chromium_shows_the_published_caption(server: OverlayServer, tmp_path: Path) -> None:
    server.publish(cap(1, "Good evening", "Boa noite a todos"))
    shot = screenshot(server.url("pt"), tmp_path, "pt")
    empty = screenshot(server.url("de"), tmp_path, "de")  # no German text was published
    ink = shot[:, :, 3] > 0
    assert ink.sum() > 1000, "the caption is not on the page"
    assert empty[:, :, 3].max() == 0, "a language with no caption must stay transparent"
    rows = np.where(ink.any(axis=1))[0]
    assert rows.min() > shot.shape[0] // 2  # at the bottom, where captions belong
    white = (shot[:, :, :3].min(axis=2) > 230) & ink
    assert white.sum() > 50  # white letters over the dark box
