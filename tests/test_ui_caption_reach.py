"""Caption languages in the setup (and Settings), offscreen with real widgets over the real model
registry: each chosen language says which installed model reaches it from the speech language,
or what would install it (size, licence, NLLB-200's non-commercial warning); a language no model
reaches is kept and shown as such, never dropped."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QWizard

from sola_studio.config import Settings
from sola_studio.models.reach import caption_reach
from sola_studio.models.translation import TranslationModels, default_translation_models
from sola_studio.ui.widgets.caption_reach import CaptionReachView
from sola_studio.ui.wizard import SetupWizard


def rows(view: CaptionReachView) -> dict[str, str]:
    return {
        view.topLevelItem(i).text(0): view.topLevelItem(i).text(1)
        for i in range(view.topLevelItemCount())
    }


@pytest.fixture
def en_pt_installed():
    reach = caption_reach("en", ["pt"], default_translation_models())
    if not reach[0].reached:
        pytest.skip("needs the Bergamot en->pt pair installed (make models)")


def test_the_setup_asks_for_caption_languages_and_says_what_reaches_each(qtbot, en_pt_installed):
    wizard = SetupWizard(Settings(seller_language="en", caption_languages=("pt", "de", "zh")))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentPage() is wizard.languages
    wizard.next()
    page = wizard.captions
    assert wizard.currentPage() is page  # right after the languages
    shown = rows(page.reach)
    assert shown["Português (pt)"].startswith("✓ bergamot:en-pt")
    german = shown["Deutsch (de)"]
    assert "no installed model reaches it" in german
    assert "bergamot:en-de (17 MB" in german and "opus-mt-en-de (150 MB, CC-BY 4.0)" in german
    assert "nllb-200-distilled-600M (630 MB" in german and "non-commercial" in german
    assert "DE, ZH" in page.note.text()
    # kept as chosen: the unreached ones are not dropped silently
    assert wizard.result_settings().caption_languages == ("pt", "de", "zh")

    # another choice is checked again at once
    page.captions.set_codes(["pt", "en"])
    shown = rows(page.reach)
    assert set(shown) == {"English (en)", "Português (pt)"}
    assert "no translation needed" in shown["English (en)"]
    assert page.note.text() == ""

    # the speech language changes what reaches what
    wizard.back()
    wizard.languages.seller.set_code("pt")
    wizard.next()
    shown = rows(page.reach)
    assert shown["English (en)"].startswith("✓ bergamot:pt-en")
    assert "no translation needed" in shown["Português (pt)"]
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_with_no_model_installed_every_language_names_its_install(qtbot, tmp_path):
    empty = TranslationModels(repo_dir=tmp_path, cache_dir=tmp_path, bergamot_search=(tmp_path,))
    view = CaptionReachView(empty)
    qtbot.addWidget(view)
    view.show_for("en", ["pt", "es"])
    assert view.unreached() == ("pt", "es")
    assert "bergamot:en-pt (17 MB, MPL-2.0" in rows(view)["Português (pt)"]


def test_settings_show_what_reaches_each_caption_language(qtbot, en_pt_installed):
    from sola_studio.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(seller_language="en", caption_languages=("pt", "de")))
    qtbot.addWidget(dialog)
    shown = rows(dialog.caption_reach)
    assert shown["Português (pt)"].startswith("✓ bergamot:en-pt")
    assert "no installed model reaches it" in shown["Deutsch (de)"]
    dialog.caption_languages.set_codes(["pt", "de", "es"])
    assert set(dialog.caption_reach.unreached()) == {"de", "es"}
    dialog.seller_language.set_code("pt")
    assert "no translation needed" in rows(dialog.caption_reach)["Português (pt)"]
    # kept as chosen, reached or not
    assert set(dialog.result_settings().caption_languages) == {"pt", "de", "es"}


def test_go_lives_fix_for_a_missing_language_warns_about_nllb():
    from sola_studio.translate.factory import build_translator

    translator = build_translator("en", ["de"], engines=[], strict=False)
    fix = translator.unavailable["de"].fix or ""
    assert "bergamot:en-de" in fix and "non-commercial" in fix
