"""The window's dialogs and its Chinese translation, offscreen with real parts: settings saved
and read back, the setup wizard over the real model registry and product sheet, the sessions
view listing a real store and exporting a report, and the window's text in Simplified Chinese."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from fixtures.sample_report import replay_sample
from PySide6.QtCore import QCoreApplication, QLocale

from sola_studio import config
from sola_studio.config import Settings
from sola_studio.core.clock import ManualClock
from sola_studio.store.repository import SessionStore
from sola_studio.ui import i18n
from sola_studio.ui.session import export_report, list_sessions
from sola_studio.ui.sessions import SessionsDialog
from sola_studio.ui.settings_dialog import SettingsDialog
from sola_studio.ui.widgets.desk import DeskPanel
from sola_studio.ui.wizard import SetupWizard


def test_settings_dialog_round_trip(qtbot, tmp_path):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.caption_languages.set_codes(["es", "de"])
    dialog.font_size.setValue(52)
    dialog.retention.setValue(14)
    dialog.ui_language.setCurrentIndex(dialog.ui_language.findData("zh_CN"))
    dialog.record.setChecked(True)
    dialog.virtual_camera.setChecked(True)
    dialog.overlay.setChecked(False)
    chosen = dialog.result_settings()
    assert (chosen.record, chosen.virtual_camera, chosen.overlay) == (True, True, False)
    assert chosen.caption_languages == ("es", "de")
    assert chosen.caption_style.font_size == 52 and chosen.retention_days == 14
    path = config.save(chosen, tmp_path / "settings.json")
    assert config.load(path) == chosen


def test_broken_settings_file_names_the_fix(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(config.ConfigError) as err:
        config.load(path)
    assert str(path) in err.value.fix


def test_setup_wizard_uses_the_registry_and_the_sample_sheet(qtbot):
    wizard = SetupWizard(Settings(seller_language="pt", audience_languages=("en", "es")))
    qtbot.addWidget(wizard)
    wizard.models.initializePage()
    names = [
        wizard.models.table.topLevelItem(i).text(0)
        for i in range(wizard.models.table.topLevelItemCount())
    ]
    assert "base" in names  # from the model registry, with its status and size
    wizard.sheet.initializePage()
    assert "products" in wizard.sheet.result.text()
    wizard.languages.audience.set_codes(["en", "zh"])
    result = wizard.result_settings()
    assert result.first_run_done and result.seller_language == "pt"
    assert result.audience_languages == ("en", "zh") and result.asr_model == "base"


def test_sessions_view_lists_a_real_store_and_exports(qtbot, tmp_path):
    store = SessionStore(tmp_path / "studio.db", key=b"k" * 32, clock=ManualClock())
    sid = replay_sample(store, ManualClock())
    dialog = SessionsDialog(
        lambda: list_sessions(store),
        lambda s, fmt: export_report(store, s, fmt, tmp_path / f"report.{fmt}"),
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() == 1, timeout=10_000)
    assert dialog.selected_id() == sid
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as exported:
        dialog.export_selected()
    assert exported.args[0] == tmp_path / "report.csv"
    assert exported.args[0].stat().st_size > 100
    store.close()


def test_window_text_in_simplified_chinese(qtbot):
    app = QCoreApplication.instance()
    assert i18n.choose("", QLocale("zh_CN")) == "zh_CN"
    assert i18n.choose("", QLocale("de_DE")) == "en"
    try:
        assert i18n.install(app, "zh_CN") == "zh_CN"
        desk = DeskPanel()
        qtbot.addWidget(desk)
        assert desk.approve_button.text() == "批准并发送  [A]"
        assert "待回复 0" in desk.counters.text()
    finally:
        i18n.install(app, "en")
    desk = DeskPanel()
    qtbot.addWidget(desk)
    assert desk.approve_button.text() == "Approve && send  [A]"
