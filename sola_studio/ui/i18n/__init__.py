"""The window's own text in the seller's language, through Qt translations (``.qm`` files here).

``sola_studio_zh_CN.ts`` is the source a translator edits (Qt Linguist, or by hand); ``make``-free
regeneration: ``scripts/i18n.sh`` runs ``pyside6-lupdate`` over ``sola_studio/ui`` and
``pyside6-lrelease`` to compile the ``.qm`` beside it. English is the source language and needs no
file. This module chooses and installs a translator, and remembers the locale shown so the text
the core writes (errors and their fixes, device problems, the machine check's lines) reaches the
window through :func:`localize` in the same language: the core keeps English, and the catalog of
:mod:`sola_studio.lang.messages` holds its translations, keyed by message id and template.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from sola_studio.lang.messages import load_catalog

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
# Locale names the window is translated into, besides English (the source text).
AVAILABLE = ("zh_CN",)
LANGUAGE_NAMES = {"": "System default", "en": "English", "zh_CN": "简体中文"}

_shown = "en"  # the locale install() chose last: the one localize() translates into


def current() -> str:
    """The window's language now (``en`` or one of :data:`AVAILABLE`)."""
    return _shown


def localize(text: str) -> str:
    """A text the core wrote, in the window's language when the message catalog knows it."""
    catalog = load_catalog(_shown) if _shown != "en" else None
    return text if catalog is None else catalog.translate(text)


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
    global _shown
    name = choose(ui_language)
    _shown = "en"
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
    _shown = name
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
