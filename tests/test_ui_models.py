"""Speech models from the window (issue 19): the models panel over a REAL model hub on
127.0.0.1 (http.server in a thread, the Hugging Face layout, byte ranges, a paced transfer so
a Cancel lands mid-way) and the CLI's own installer: progress to 100 %, Cancel within a second
keeping the partial file, Retry resuming it to a checked file, a damaged download refused in
words; offline, a download shown disabled with "needs the internet"; and the Chinese window
through a no-device check and a failed install with no English left (issue 19.9)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from chat_support import free_port
from helpers import english_words, rescan_audio_devices, send_file
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QTreeWidget, QWidget

from sola_studio import doctor
from sola_studio.config import Settings
from sola_studio.lang.messages import load_catalog
from sola_studio.models import HubClient, ModelRegistry, TranslationModels
from sola_studio.models.offer import TranslationShelf
from sola_studio.ui import i18n
from sola_studio.ui.preflight import check_devices
from sola_studio.ui.session import load_sheet_for, session_factory
from sola_studio.ui.widgets.models import ModelsDialog, ModelsPanel
from sola_studio.ui.window import MainWindow
from sola_studio.ui.wizard import DoctorPage, SetupWizard, run_doctor

REPO = "Systran/faster-whisper-tiny"


@dataclass
class Hub:
    """What the loopback hub serves: ``pace_s`` between 32 kB blocks of model.bin (0: at once),
    ``corrupt``: model.bin served with one byte flipped; ``ranges`` logs the Range headers."""

    files: dict[str, bytes]
    url: str = ""
    repo: str = REPO
    pace_s: float = 0.0
    corrupt: bool = False
    ranges: list[str | None] = field(default_factory=list)

    def listing(self) -> dict[str, object]:
        siblings: list[dict[str, object]] = []
        for name, data in self.files.items():
            entry: dict[str, object] = {"rfilename": name, "size": len(data)}
            if name == "model.bin":
                entry["lfs"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            siblings.append(entry)
        return {"id": self.repo, "siblings": siblings}


def _handler(hub: Hub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == f"/api/models/{hub.repo}/revision/main?blobs=true":
                body = json.dumps(hub.listing()).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            name = self.path.removeprefix(f"/{hub.repo}/resolve/main/")
            data = hub.files.get(name)
            if data is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if name == "model.bin":
                hub.ranges.append(self.headers.get("Range"))
                if hub.corrupt:
                    data = bytes([data[0] ^ 0xFF]) + data[1:]
            send_file(self, data, pace_s=hub.pace_s if name == "model.bin" else 0.0)

    return Handler


@pytest.fixture
def hub() -> Iterator[Hub]:
    state = Hub(
        files={
            "config.json": b"{}",
            "tokenizer.json": b'{"model": {}}',
            "vocabulary.txt": "".join(f"t{i}\n" for i in range(51865)).encode(),
            "model.bin": os.urandom(4_000_000),
        }
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def registry(tmp_path: Path, url: str, *, packages: tuple[()] | None = ()) -> ModelRegistry:
    client = HubClient(url, retries=1, retry_delay=0.01, timeout=5)
    return ModelRegistry(
        repo_dir=tmp_path / "repo", cache_dir=tmp_path / "cache", packages=packages, hub=client
    )


def row(panel: ModelsPanel, name: str) -> list[str]:
    table = panel.table
    for i in range(table.topLevelItemCount()):
        item = table.topLevelItem(i)
        if item.text(0) == name:
            return [item.text(c) for c in range(table.columnCount())]
    raise AssertionError(f"{name} not listed")


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_install_shows_progress_to_100_and_the_model_becomes_installed(qtbot, tmp_path, hub):
    panel = ModelsPanel(registry(tmp_path, hub.url))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.online is True, timeout=5_000)
    _name, state, size, languages, licence, suits = row(panel, "tiny")
    assert state == "can download" and size == "75 MB" and licence == "MIT"
    assert languages == "many" and suits == "fastest, more mistakes"
    hub.pace_s = 0.002  # slow enough for a few progress reports
    panel.select("tiny")
    click(qtbot, panel.install_button)
    qtbot.waitUntil(panel.installed.is_set, timeout=30_000)
    assert panel.note.text().startswith("Ready: tiny"), panel.note.text()
    assert panel.bar.value() == 100
    assert panel.detail.text().startswith("4.4 MB of 4.4 MB")  # bytes of the whole install
    assert row(panel, "tiny")[1] == "installed"
    model_bin = tmp_path / "cache" / "whisper" / "tiny" / "model.bin"
    assert model_bin.read_bytes() == hub.files["model.bin"]
    # Remove deletes the cached copy; the model can be downloaded again
    panel.select("tiny")
    click(qtbot, panel.remove_button)
    assert not model_bin.parent.exists()
    assert row(panel, "tiny")[1] == "can download" and "tiny removed" in panel.note.text()


def test_cancel_stops_within_a_second_and_retry_resumes_to_a_checked_file(qtbot, tmp_path, hub):
    hub.pace_s = 0.02  # 4 MB in ~2.5 s
    panel = ModelsPanel(registry(tmp_path, hub.url), check_online=False)
    qtbot.addWidget(panel)
    panel.select("tiny")
    click(qtbot, panel.install_button)
    assert not panel.install_button.isEnabled() and panel.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: panel.bar.value() >= 15, timeout=20_000)
    assert "left" in panel.detail.text() and "/s" in panel.detail.text()  # speed, time left
    asked = time.monotonic()
    click(qtbot, panel.cancel_button)
    qtbot.waitUntil(panel.installed.is_set, timeout=5_000)
    assert time.monotonic() - asked < 1.0
    part = tmp_path / "cache" / "whisper" / ".download-tiny" / "model.bin.part"
    kept = part.stat().st_size
    assert 0 < kept < len(hub.files["model.bin"])
    assert not (tmp_path / "cache" / "whisper" / "tiny").exists()
    assert "cancelled" in panel.note.text() and "Retry resumes it" in panel.note.text()
    assert "resumes" in row(panel, "tiny")[1]  # "can download (1.2 MB kept, resumes)"
    hub.pace_s = 0.0
    click(qtbot, panel.retry_button)
    qtbot.waitUntil(panel.installed.is_set, timeout=30_000)
    assert panel.note.text().startswith("Ready: tiny"), panel.note.text()
    assert hub.ranges[-1] is not None and int(hub.ranges[-1][6:].split("-")[0]) >= kept
    done = tmp_path / "cache" / "whisper" / "tiny" / "model.bin"
    digest = hashlib.sha256(done.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(hub.files["model.bin"]).hexdigest()
    assert not part.exists() and row(panel, "tiny")[1] == "installed"


def test_a_download_that_fails_its_checksum_is_refused_in_words(qtbot, tmp_path, hub):
    hub.corrupt = True
    panel = ModelsPanel(registry(tmp_path, hub.url), check_online=False)
    qtbot.addWidget(panel)
    panel.install("tiny")
    qtbot.waitUntil(panel.installed.is_set, timeout=30_000)
    assert "tiny arrived damaged twice" in panel.note.text()
    assert "checksum" in panel.note.text() and "not installed" in panel.note.text()
    assert not (tmp_path / "cache" / "whisper" / "tiny").exists()
    assert row(panel, "tiny")[1].startswith("can download") and panel.retry_button.isEnabled()


def test_offline_a_download_is_disabled_with_its_reason_and_base_is_offered(qtbot, tmp_path):
    """The installed packages (conftest: models come from them) prepare base without the
    network; tiny would need a download and is shown disabled, with why."""
    panel = ModelsPanel(registry(tmp_path, f"http://127.0.0.1:{free_port()}", packages=None))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.online is False, timeout=5_000)
    assert row(panel, "tiny")[1] == "needs the internet"
    assert row(panel, "base")[1] == "ready to prepare (no download)"
    tiny = next(
        panel.table.topLevelItem(i)
        for i in range(panel.table.topLevelItemCount())
        if panel.table.topLevelItem(i).text(0) == "tiny"
    )
    assert tiny.isDisabled()
    panel.install("tiny")  # asked anyway (a script): said at once, no raw urlopen error
    assert panel.installed.is_set()
    assert panel.note.text() == (
        "No internet connection: connect, or use base, which is prepared from the installed "
        "packages."
    )


def test_the_setup_offers_only_what_installs_here_and_now(qtbot, tmp_path):
    wizard = SetupWizard(
        Settings(asr_model="base"),
        registry=registry(tmp_path, f"http://127.0.0.1:{free_port()}", packages=None),
    )
    qtbot.addWidget(wizard)
    page = wizard.models
    page.initializePage()
    qtbot.waitUntil(lambda: page.panel.online is False, timeout=5_000)
    if page._job is not None:
        qtbot.waitUntil(page.installed.is_set, timeout=120_000)
    assert page.selected() == "base" and page.validatePage()
    assert row(page.panel, "small")[1] == "needs the internet"
    assert wizard.result_settings().asr_model == "base"


def test_translation_models_for_the_caption_languages_install_from_the_same_panel(
    qtbot, tmp_path, hub
):
    """Speaking English with captions in German: nothing installed reaches de, so the Bergamot
    and Opus-MT pairs and NLLB-200 (non-commercial, said before) are offered; Opus-MT comes
    from the hub through the same downloader and then reaches de; Remove deletes it."""
    hub.repo = "gaudi/opus-mt-en-de-ctranslate2"
    hub.files = {
        "config.json": b"{}",
        "model.bin": os.urandom(1_500_000),
        "shared_vocabulary.json": b'["a", "b"]',
        "source.spm": b"spm" * 100,
        "target.spm": b"spm" * 100,
    }
    models = TranslationModels(
        repo_dir=tmp_path / "repo",
        cache_dir=tmp_path / "cache",
        hub=HubClient(hub.url, retries=1, retry_delay=0.01, timeout=5),
        bergamot_search=(),
        bergamot_cache=tmp_path / "fxtranslate",
    )
    panel = ModelsPanel(shelf=TranslationShelf("en", ("en", "de"), models), check_online=False)
    qtbot.addWidget(panel)
    assert [row(panel, n)[1] for n in panel.offers] == ["can download"] * 3
    _n, _state, size, languages, licence, suits = row(panel, "opus-mt-en-de")
    assert (size, languages, licence, suits) == (
        "150 MB",
        "en → de",
        "CC-BY 4.0",
        "captions and replies",
    )
    nllb = row(panel, "nllb-200-distilled-600M")
    assert nllb[3] == "every pair" and nllb[5] == "non-commercial use only"
    panel.select("opus-mt-en-de")
    click(qtbot, panel.install_button)
    qtbot.waitUntil(panel.installed.is_set, timeout=30_000)
    assert panel.note.text().startswith("Ready: opus-mt-en-de"), panel.note.text()
    assert row(panel, "opus-mt-en-de")[1] == "installed"
    assert "bergamot:en-de" not in panel.offers  # de is reached now: no other offer for it
    assert (tmp_path / "cache" / "opus-mt-en-de" / "model.bin").read_bytes() == hub.files[
        "model.bin"
    ]
    panel.select("opus-mt-en-de")
    click(qtbot, panel.remove_button)
    assert not (tmp_path / "cache" / "opus-mt-en-de").exists()
    assert row(panel, "opus-mt-en-de")[1] == "can download"


# -- the Chinese window: no English left ----------------------------------------------------

# Names and codes that stay as they are: products, engines, models, units, file types
# (helpers.english_words leaves out commands, paths, addresses and file names).
NAMES = {
    "sola", "studio", "python", "cpython", "linux", "pyside6", "cuda", "gpu", "cpu", "nvidia",
    "ctranslate2", "bergamot", "mit", "int8", "http", "https", "mb", "kb", "s", "min", "h",
    "base", "tiny", "en", "small", "medium", "large", "v2", "v3", "turbo", "distil", "x86_64",
    "x86", "pulseaudio", "pipewire", "v4l2loopback", "obs", "sha256", "usb", "tiktok", "nllb",
    "cc", "by", "nc", "mpl", "opus", "mt", "de",
    "live", "ctrl", "l", "youtube", "twitch", "id", "yaml", "csv", "pt", "es", "zh", "fps",
    "rtf", "ms", "ai", "v", "k", "opencv", "portaudio", "noto", "cublas", "cudnn",
    "macos", "windows",  # operating systems are named as they are
}  # fmt: skip


def visible_texts(root: QWidget) -> list[str]:
    """Every label, button, list line and table cell the seller can see under ``root``."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if (isinstance(w, QLabel) and not w.text().startswith("<")) or isinstance(
            w, QAbstractButton
        ):
            texts.append(w.text())
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            texts += [header.text(c) for c in range(w.columnCount())]
            for i in range(w.topLevelItemCount()):
                item = w.topLevelItem(i)
                texts += [item.text(c) for c in range(1, w.columnCount())]  # 0: model names
    return [t for t in texts if t.strip()]


@pytest.fixture
def chinese(qtbot):
    app = QCoreApplication.instance()
    assert i18n.install(app, "zh_CN") == "zh_CN"
    yield
    i18n.install(app, "en")


def test_the_chinese_window_says_device_problems_machine_checks_and_model_errors_in_chinese(
    qtbot, chinese, tmp_path
):
    """This machine's own devices through the doctor's real checks: where none is missing the
    device part cannot be seen here and is skipped."""
    mics = rescan_audio_devices()  # as the machine is now, not as an earlier test left it
    checks = {
        "microphone": doctor.check_audio_input,
        "camera": doctor.check_cameras,
        "virtual camera": doctor.check_virtual_camera,
    }
    settings = Settings(virtual_camera=True)
    if not check_devices(settings, checks=checks):
        pytest.skip("every device is present here: no device problem to show")
    window = MainWindow(
        settings, session_factory(), load_sheet_for(settings), preflight=check_devices
    )
    qtbot.addWidget(window)
    window.show()
    left: dict[str, list[str]] = {}
    try:
        qtbot.mouseClick(window.live_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(window.problem.isVisible, timeout=60_000)
        assert window.controller.session is None
        assert "麦克风" in window.problem.text() or "摄像头" in window.problem.text()
        for text in visible_texts(window.problem):
            if words := english_words(text, NAMES):
                left[text] = words
        # the machine check of the setup: every line, fixes included
        page = DoctorPage()
        qtbot.addWidget(page)
        page._show(run_doctor())
        page.show()
        for text in visible_texts(page):
            for name in mics:  # a device's name is the system's, as it names it
                text = text.replace(name, "")
            if words := english_words(text, NAMES):
                left[text] = words
        # a failed install: offline, from Studio › Speech models…
        closed = f"http://127.0.0.1:{free_port()}"
        offline = registry(tmp_path, closed, packages=None)
        translations = TranslationModels(
            repo_dir=tmp_path / "repo",
            cache_dir=tmp_path / "cache",
            hub=HubClient(closed, timeout=5),
            bergamot_search=(),
            bergamot_cache=tmp_path / "fxtranslate",
        )
        shelf = TranslationShelf("en", ("pt", "de"), translations)
        dialog = ModelsDialog(offline, window, translations=shelf)
        qtbot.addWidget(dialog)
        dialog.show()
        panel = dialog.panel
        panel.online = None  # not known yet: the download is tried and fails in words
        panel.refresh()
        panel.install("tiny")
        qtbot.waitUntil(panel.installed.is_set, timeout=30_000)
        assert "没有网络连接" in panel.note.text(), panel.note.text()
        qtbot.waitUntil(lambda: panel.online is False, timeout=5_000)
        assert row(panel, "tiny")[1] != "needs the internet"  # translated
        for text in visible_texts(dialog):
            if words := english_words(text, NAMES):
                left[text] = words
        assert dialog.translation is not None
        dialog.tabs.setCurrentWidget(dialog.translation)
        qtbot.waitUntil(lambda: dialog.translation.online is False, timeout=5_000)
        for text in visible_texts(dialog):
            if words := english_words(text, NAMES):
                left[text] = words
    finally:
        assert window.shutdown()
    assert left == {}


def test_every_message_of_the_catalog_has_its_fields_and_no_english():
    catalog = load_catalog("zh_CN")
    assert catalog is not None and len(catalog.templates) > 50
    for t in catalog.templates:
        filled = t.translated.format(**{f: "1" for f in re.findall(r"\{(\w+)\}", t.english)})
        assert english_words(filled, NAMES) == [], (t.id, filled)
    # a nested message and a device name inside a template are translated too
    text = catalog.translate(
        "no CUDA GPU found; speech recognition runs on cpu (int8, 2 CPU threads)"
    )
    assert text == "没有找到 CUDA GPU；语音识别在 CPU 上运行（int8，2 个 CPU 线程）"
    # the raw network error is left out on purpose; an unknown text comes back unchanged
    offline = catalog.translate(
        "cannot reach the model hub at https://huggingface.co to download 'tiny': "
        "<urlopen error [Errno -3] Temporary failure in name resolution>"
    )
    assert "urlopen" not in offline and "没有网络连接" in offline
    assert catalog.translate("something new the core says") == "something new the core says"


def test_store_errors_and_the_status_line_are_chinese(qtbot, chinese, tmp_path):
    """A real damaged database file and a real locked one, classified by the store; an error
    event from the recogniser on the window's status line."""
    import sqlite3

    from sola_studio.core.errors import ModelMissing
    from sola_studio.core.events import ErrorEvent
    from sola_studio.store.errors import classify
    from sola_studio.ui.controller import describe

    damaged = tmp_path / "sessions.db"
    damaged.write_bytes(b"not a database at all" * 200)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(damaged).execute("SELECT * FROM sqlite_master").fetchall()
    shown = describe(classify(caught.value, damaged, "open"))
    assert "已损坏" in shown and english_words(shown, NAMES) == [], shown
    settings = Settings()
    window = MainWindow(settings, session_factory(), load_sheet_for(settings))
    qtbot.addWidget(window)
    try:
        missing = ModelMissing(
            "speech model 'small' is not installed (looked in /a/small, /b/small and installed "
            "packages)",
            fix="sola-studio models install small  (downloads ~484 MB once)",
        )
        window.on_error(ErrorEvent("asr", missing, 0.0))
        line = window.statusBar().currentMessage()
        assert line.startswith("语音识别：") or line.startswith("语音识别:"), line
        assert english_words(line, NAMES) == [], line
    finally:
        assert window.shutdown()


def test_the_core_texts_the_window_shows_match_their_templates():
    """Written by the core's own functions, so a rewording there shows here, not in English
    in the seller's window."""
    from sola_studio.models.reach import LICENCES
    from sola_studio.models.translation import TranslationKind, license_note
    from sola_studio.translate.factory import install_hint

    catalog = load_catalog("zh_CN")
    assert catalog is not None
    texts = [
        install_hint("en", "de"),
        license_note(TranslationKind.NLLB),
        *LICENCES.values(),
    ]
    for text in texts:
        assert english_words(catalog.translate(text), NAMES) == [], text


def test_settings_lists_the_speech_models_with_their_state_in_chinese(qtbot, chinese):
    from sola_studio.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    combo = dialog.asr_model
    texts = [combo.itemText(i) for i in range(combo.count())]
    states = [t.split(" — ", 1)[1] for t in texts]
    assert "未安装" in states and all(english_words(s, NAMES) == [] for s in states), texts
    assert dialog.manage_models.text() == "安装或删除…"
