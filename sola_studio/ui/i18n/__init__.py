"""The window's own text in the seller's language, through Qt translations (``.qm`` files here).

``sola_studio_zh_CN.ts`` is the source a translator edits (Qt Linguist, or by hand); ``make``-free
regeneration: ``scripts/i18n.sh`` runs ``pyside6-lupdate`` over ``sola_studio/ui`` and
``pyside6-lrelease`` to compile the ``.qm`` beside it. English is the source language and needs no
file. This module only chooses and installs a translator; it never translates anything itself.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
# Locale names the window is translated into, besides English (the source text).
AVAILABLE = ("zh_CN",)
LANGUAGE_NAMES = {"": "System default", "en": "English", "zh_CN": "简体中文"}


def choose(ui_language: str, system: QLocale | None = None) -> str:
    """The locale to show: the seller's override, else the system locale when translated."""
    if ui_language:
        return ui_language
    system = system or QLocale.system()
    for name in AVAILABLE:
        if QLocale(name).language() == system.language():
            return name
    return "en"


def install(app: QCoreApplication, ui_language: str = "") -> str:
    """Install the translator for ``ui_language`` ("" = system); returns the locale shown."""
    name = choose(ui_language)
    for old in getattr(app, "_sola_translators", []):
        app.removeTranslator(old)
    app._sola_translators = []  # type: ignore[attr-defined]
    if name == "en":
        return name
    qm = HERE / f"sola_studio_{name}.qm"
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        log.warning("no translation file %s; showing English", qm)
        return "en"
    app.installTranslator(translator)
    app._sola_translators.append(translator)  # type: ignore[attr-defined]
    # Qt's own text (OK/Cancel, Back/Next, file dialogs, context menus) from the translations
    # shipped with PySide6
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{name}", qt_dir):
        app.installTranslator(qt)
        app._sola_translators.append(qt)  # type: ignore[attr-defined]
    else:
        log.warning("no Qt translation qtbase_%s in %s; Qt's buttons stay English", name, qt_dir)
    log.info("window language %s", name)
    return name
