"""A seller's first show, as issue 19's "done when" walks it: a fresh profile, no camera, no
microphone, no virtual camera, offline (the model hub is a closed port on 127.0.0.1). The window
opens as ``sola-studio studio`` opens it (``ui.main.open_studio``: the setup first); the setup
is clicked and typed through (speech model ``base`` prepared from the installed packages,
captions in English and Portuguese, a recorded talk as the sound, the test picture, a replay
file of comments); Ctrl+L goes live; a caption shows in the window's caption strip; a comment
arrives with its draft, the seller edits it and sends it; Ctrl+L stops, goes live again and
stops (the shortcut works twice); the Export report button writes the report, which names the
show and holds the caption and the reply sent. In Chinese, every text the seller reads on the
way (setup pages, the machine check, the window, its banners and status line) is Chinese but
for names, codes and paths.

Real parts throughout: Whisper base, Bergamot en->pt, the sample talk, the replayed comments,
the profile's SQLite store. Slow (a real show twice)."""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from chat_support import free_port
from helpers import rescan_audio_devices
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidget, QTreeWidget, QWidget, QWizard
from test_ui_chinese import english_words, shown_texts

from sola_studio import config
from sola_studio.live.options import DEMO_AUDIO, DEMO_COMMENTS
from sola_studio.ui import i18n
from sola_studio.ui.main import add_arguments, open_studio
from sola_studio.ui.widgets.pickers import LanguageChecklist
from sola_studio.ui.window import MainWindow
from sola_studio.ui.wizard import SetupWizard

LEFT = Qt.MouseButton.LeftButton
# Besides test_ui_chinese's: model, engine and product names, the sample's languages' codes.
NAMES = {
    "whisper", "bergamot", "ctranslate2", "pt", "es", "mb", "python", "cpython", "x86",
    "pyside6", "pulseaudio", "pipewire", "usb", "obs", "macos", "db",
}  # fmt: skip


def _data_names() -> list[str]:
    """The seller's own words: the sample sheet's products, the replayed viewers' names."""
    from sola_studio.catalog.loader import load_sheet
    from sola_studio.live.options import SAMPLE_SHEET

    names = [p.name for p in load_sheet(SAMPLE_SHEET).products]
    lines = DEMO_COMMENTS.read_text(encoding="utf-8").splitlines()
    names += [json.loads(line)["name"] for line in lines if line.strip()]
    return sorted(set(names), key=len, reverse=True)


def english(text: str, devices: tuple[str, ...] = ()) -> list[str]:
    # a command or code set off with 「」, a path (the talk, the replay file, the report), the
    # seller's own names and the machine's device names (the system's words) stay as they are
    text = re.sub(r"「[^」]*」", "", text)
    text = re.sub(r"(?:/[\w.*+-]+)+/?", "", text)
    for name in [*_data_names(), *sorted(devices, key=len, reverse=True)]:
        text = text.replace(name, "")
    return [w for w in english_words(text) if w.lower() not in NAMES]


# Set to a folder (docs/img) to picture the journey for docs/ui.md's "First show".
SHOTS_ENV = "SOLA_FIRST_SHOW_SHOTS"


def shoot(widget: QWidget, name: str) -> None:
    folder = os.environ.get(SHOTS_ENV)
    if folder:
        widget.grab().save(str(Path(folder) / f"first_show_{name}.png"))


class Seen:
    """Every text the seller read, with the step it was read at."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.microphones = tuple(rescan_audio_devices())  # none on CI and most test machines

    def look(self, step: str, root: QWidget) -> None:
        # the seller's own words: the sheet's products, the show plan's lines, the captions
        skip = (root.pinned, root.teleprompter) if isinstance(root, MainWindow) else ()
        texts = shown_texts(root, skip=skip)
        texts.append(root.windowTitle())
        for lst in root.findChildren(QListWidget):
            # a language list names languages in their own script (English, Português)
            mine = any(s is lst or s.isAncestorOf(lst) for s in skip)
            if lst.isVisible() and not mine and not isinstance(lst, LanguageChecklist):
                texts.extend(lst.item(i).text() for i in range(lst.count()))
        for tree in root.findChildren(QTreeWidget):
            if tree.isVisible():
                head = tree.headerItem()
                texts.extend(head.text(c) for c in range(tree.columnCount()))
        if isinstance(root, MainWindow):
            texts.append(root.statusBar().currentMessage())
        for text in texts:
            if text.strip():
                self.texts.setdefault(text, step)

    def english(self) -> dict[str, tuple[str, list[str]]]:
        found = {t: (step, english(t, self.microphones)) for t, step in self.texts.items()}
        return {t: found[t] for t in found if found[t][1]}


def _next(qtbot, wizard: SetupWizard) -> None:
    page = wizard.currentPage()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), LEFT)
    assert wizard.currentPage() is not page, page.title()


def _tick(qtbot, checklist: QListWidget, code: str) -> None:
    """Click the language's row, then Space ticks it (as a seller does with the mouse/keys)."""
    item = next(
        checklist.item(i)
        for i in range(checklist.count())
        if checklist.item(i).data(Qt.ItemDataRole.UserRole) == code
    )
    checklist.scrollToItem(item)
    qtbot.mouseClick(checklist.viewport(), LEFT, pos=checklist.visualItemRect(item).center())
    assert checklist.currentItem() is item
    if item.checkState() != Qt.CheckState.Checked:
        qtbot.keyClick(checklist, Qt.Key.Key_Space)
    assert item.checkState() == Qt.CheckState.Checked


def _choose(qtbot, combo, data: str) -> None:
    """Arrow keys on a combo box until ``data`` is chosen."""
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def click_through_setup(qtbot, wizard: SetupWizard, seen: Seen) -> None:
    seen.look("setup: languages", wizard)
    _next(qtbot, wizard)  # I speak English; viewers write in Portuguese and Spanish

    captions = wizard.captions
    _tick(qtbot, captions.captions, "en")
    _tick(qtbot, captions.captions, "pt")
    assert set(captions.codes()) == {"en", "pt"}
    assert not captions.reach.unreached()  # Bergamot en->pt is installed: nothing to fetch
    seen.look("setup: caption languages", wizard)
    _next(qtbot, wizard)

    # No microphone on this machine: the page says so and offers a recorded talk instead.
    mic = wizard.microphone
    qtbot.waitUntil(lambda: bool(mic.note.text()), timeout=30_000)
    seen.look("setup: microphone (none)", wizard)
    _choose(qtbot, mic.sound.kind, "file")
    assert mic.sound.path.isVisible()
    qtbot.keyClicks(mic.sound.path, str(DEMO_AUDIO))
    qtbot.keyClick(mic.sound.path, Qt.Key.Key_Tab)
    seen.look("setup: sound from a file", wizard)
    assert "seller_talk.ogg" in mic.note.text()  # "The show plays: …", as typed
    shoot(wizard, f"sound_{i18n.current()}")
    _next(qtbot, wizard)

    camera = wizard.camera
    _choose(qtbot, camera.picture.kind, "pattern")
    seen.look("setup: test picture", wizard)
    _next(qtbot, wizard)

    # Offline: base is prepared from the installed packages and chosen; nothing else offered.
    models = wizard.models
    qtbot.waitUntil(lambda: models.is_ready("base") and not models.panel.busy(), timeout=300_000)
    qtbot.waitUntil(lambda: models.panel.online is False, timeout=30_000)
    assert models.selected() == "base"
    seen.look("setup: speech model", wizard)
    _next(qtbot, wizard)

    assert wizard.sheet.sample.isChecked()  # the sample sheet to start with
    seen.look("setup: product sheet", wizard)
    _next(qtbot, wizard)

    form = wizard.comments.form  # recorded comments to rehearse with
    qtbot.keyClick(form.replay, Qt.Key.Key_Space)
    assert form.replay.isChecked()
    qtbot.keyClicks(form.replay_path, str(DEMO_COMMENTS))
    seen.look("setup: comments", wizard)
    _next(qtbot, wizard)

    doctor = wizard.doctor
    qtbot.waitUntil(lambda: doctor.checked, timeout=120_000)
    lines = [doctor.list.item(i).text() for i in range(doctor.list.count())]
    if not seen.microphones:  # no microphone here: the check must not tick one
        assert not any(line.startswith("✓") and "microphone" in line.lower() for line in lines)
    seen.look("setup: machine check", wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)


def _ctrl_l(qtbot, win: MainWindow) -> None:
    qtbot.keyClick(win.desk.queue, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def _go_live(qtbot, win: MainWindow) -> None:
    """Ctrl+L, then the show is live; a problem the window shows instead fails the test."""
    started: list[object] = []
    win.controller.started.connect(started.append)
    _ctrl_l(qtbot, win)
    assert win.live_button.text() != "Go live" or win._checking or win.controller.busy
    qtbot.waitUntil(lambda: bool(started) or win.problem.isVisible(), timeout=180_000)
    assert started, win.problem.text()


def _open_as_studio(qtbot, language: str, seen: Seen) -> MainWindow:
    """``sola-studio studio [--language]`` on a fresh profile: the setup, driven by the seller
    while it is open (its own event loop), then the window."""
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--language", language])
    app = QCoreApplication.instance()
    failure: list[BaseException] = []

    def drive() -> None:
        from PySide6.QtWidgets import QApplication

        wizard = QApplication.activeModalWidget()
        try:
            assert isinstance(wizard, SetupWizard), wizard
            click_through_setup(qtbot, wizard, seen)
        except BaseException as exc:  # the setup closes, and the test fails with this
            failure.append(exc)
            if isinstance(wizard, QWizard):
                wizard.reject()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, drive)
    window = open_studio(app, args)
    if failure:
        raise failure[0]
    assert window is not None, "the setup was closed"
    qtbot.addWidget(window)
    return window


@pytest.fixture
def fresh_offline_profile(tmp_path, monkeypatch):
    """A first start: nothing saved, the model hub unreachable."""
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SOLA_STUDIO_MODEL_HUB", f"http://127.0.0.1:{free_port()}")
    assert not config.default_path().exists()
    rescan_audio_devices()  # the machine as it is now, not as an earlier test left PortAudio
    yield tmp_path
    i18n.install(QCoreApplication.instance(), "en")


def test_without_a_microphone_the_sound_is_a_recorded_talk(qtbot, tmp_path):
    """The window's way past a missing microphone: Settings › Devices › Sound takes an audio
    file, Go live plays it, and the device check says so instead of a command line."""
    from sola_studio import doctor
    from sola_studio.config import Settings
    from sola_studio.ui.preflight import MICROPHONE_FIX, check_devices
    from sola_studio.ui.session import StudioInputs, live_options
    from sola_studio.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sound.value() == "microphone" and not dialog.sound.path.isVisible()
    _choose(qtbot, dialog.sound.kind, "file")
    qtbot.keyClicks(dialog.sound.path, str(tmp_path / "nope.ogg"))
    dialog.accept()  # refused: the file is not there, and the Devices tab says so
    assert dialog.isVisible() and dialog.tabs.currentIndex() == dialog.devices_tab
    assert "does not exist" in dialog.sound.toolTip()
    dialog.sound.path.clear()
    qtbot.keyClicks(dialog.sound.path, str(DEMO_AUDIO))
    dialog.accept()
    chosen = dialog.result_settings()
    assert chosen.sound == str(DEMO_AUDIO)

    def audio(settings: Settings) -> str:
        return live_options(settings, StudioInputs(), out=tmp_path).audio

    assert audio(Settings()) == "mic" and audio(chosen) == str(DEMO_AUDIO)

    def no_mic() -> doctor.Check:
        return doctor.Check("microphone", doctor.Status.WARN, "no audio input device found", "x")

    checks = {"microphone": no_mic}
    problems = check_devices(Settings(picture="pattern"), StudioInputs(), checks)
    assert [(p.device, p.fix) for p in problems] == [("microphone", MICROPHONE_FIX)]
    assert check_devices(chosen.replace(picture="pattern"), StudioInputs(), checks) == []
    gone = Settings(picture="pattern", sound=str(tmp_path / "gone.ogg"))
    problems = check_devices(gone, StudioInputs(), checks)
    assert [p.device for p in problems] == ["sound"] and "gone.ogg" in problems[0].message
    # in the Chinese window, the problem and its fix read in Chinese
    app = QCoreApplication.instance()
    assert i18n.install(app, "zh_CN") == "zh_CN"
    try:
        for text in (problems[0].device, problems[0].message, problems[0].fix, MICROPHONE_FIX):
            assert not english(i18n.localize(text)), i18n.localize(text)
    finally:
        i18n.install(app, "en")


def test_the_core_texts_left_in_english_read_in_chinese(tmp_path):
    """The gaps the Chinese window had left: several problems joined by "; ", the session
    database's repair summary, the virtual camera's install hints (each system's)."""
    from sola_studio.sinks.virtualcam import install_hint
    from sola_studio.store.repair import RepairResult

    repaired = RepairResult(
        tmp_path / "default.db", tmp_path / "default.damaged-1.db", "row by row", {"a": 7}, {"a": 2}
    )
    texts = [
        "the picture file /x/tee.png does not exist; "
        "choose another file in Settings › Devices › Picture",
        repaired.summary(),
        RepairResult(tmp_path / "d.db", tmp_path / "d.old.db", "sqlite3 .recover").summary(),
        *(install_hint(system) for system in ("Linux", "Windows", "Darwin")),
    ]
    app = QCoreApplication.instance()
    assert i18n.install(app, "zh_CN") == "zh_CN"
    try:
        shown = {text: i18n.localize(text) for text in texts}
    finally:
        i18n.install(app, "en")
    left = {text: english(zh) for text, zh in shown.items() if english(zh)}
    assert left == {}, shown
    assert "已恢复 7 行" in shown[texts[1]] and "跳过了 2 段" in shown[texts[1]]
    assert "；" in shown[texts[0]]


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_first_show_from_first_start_to_report(qtbot, fresh_offline_profile, language):
    seen = Seen()
    win = _open_as_studio(qtbot, language, seen)
    try:
        saved = config.load()
        assert saved.first_run_done and saved.asr_model == "base"
        assert saved.sound == str(DEMO_AUDIO) and saved.picture == "pattern"
        assert set(saved.caption_languages) == {"en", "pt"}
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=5000)
        seen.look("window", win)

        # Ctrl+L: the devices are checked (none is needed) and the show starts.
        _go_live(qtbot, win)
        session = win.session
        assert session.options.video == "pattern" and session.options.audio == str(DEMO_AUDIO)
        title = session.options.title
        qtbot.waitUntil(lambda: win.preview.frames_shown > 3, timeout=30_000)
        seen.look("live", win)

        # A caption in the window's strip, with its Portuguese line.
        qtbot.waitUntil(lambda: len(win.captions.committed()) >= 1, timeout=120_000)
        caption = win.captions.committed()[0]
        assert "welcome" in caption.text.lower()
        qtbot.waitUntil(lambda: "pt" in win.captions.committed()[0].translations, timeout=60_000)

        # Lucía's question arrives with a draft; the seller edits it and sends it.
        def drafted() -> bool:
            card = win.desk.card("replay-2")
            return card is not None and bool(card.draft)

        qtbot.waitUntil(drafted, timeout=120_000)
        win.desk.select("replay-2")
        win.desk.queue.setFocus()
        qtbot.keyClick(win.desk.queue, Qt.Key.Key_E)
        assert win.desk.editing()
        qtbot.keyClicks(win.desk.draft, " Obrigada!")
        edited = win.desk.draft.toPlainText().strip()
        qtbot.mouseClick(win.desk.approve_button, LEFT)
        qtbot.waitUntil(lambda: win.desk.card("replay-2").state == "sent", timeout=30_000)
        sent = [json.loads(line) for line in session.replies_path.read_text().splitlines()]
        assert [(s["comment_id"], s["text"]) for s in sent] == [("replay-2", edited)]
        seen.look("reply sent", win)
        shoot(win, f"live_{language}")

        with qtbot.waitSignal(win.controller.stopped, timeout=120_000):
            _ctrl_l(qtbot, win)
        seen.look("stopped", win)
        first_show = session.session_id

        # The shortcut works twice: the second show starts with an empty desk, and stops.
        _go_live(qtbot, win)
        second_title = win.session.options.title
        assert "replay-2" not in win.desk.waiting_ids()
        with qtbot.waitSignal(win.controller.stopped, timeout=120_000):
            _ctrl_l(qtbot, win)
        assert win.export_button.isEnabled()

        # The Export report button writes the report of the show just stopped: the second; the
        # first's is in Sessions. Both name the show; the first holds the caption and reply.
        with qtbot.waitSignal(win.report_exported, timeout=120_000) as exported:
            qtbot.mouseClick(win.export_button, LEFT)
        report = Path(exported.args[0])
        assert report.is_file() and report.suffix == ".html"
        seen.look("report exported", win)
        from sola_studio.ui.session import export_report, open_store

        store = open_store(saved)
        try:
            first = export_report(store, first_show, "html", fresh_offline_profile / "first.html")
        finally:
            store.close()
        html = first.read_text(encoding="utf-8")
        assert title in html and second_title in report.read_text(encoding="utf-8")
        assert caption.text.split()[0] in html
        assert "Obrigada!" in html
    finally:
        win.close()
        qtbot.waitUntil(
            lambda: win.controller.session is None and not win.controller.busy, timeout=120_000
        )
        assert win.shutdown()
    if language == "zh_CN":
        left = seen.english()
        assert not left, "\n".join(f"{step}: {t!r} {w}" for t, (step, w) in left.items())
