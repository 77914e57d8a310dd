"""``sola-studio studio``: opens the studio window (the first-run setup before it, once).

``--demo`` runs the bundled sample session (the sample seller video and talk in ``assets/``, the
sample product sheet, a replayed multilingual comment stream) in the window. ``--screenshot``
takes a picture of the window for the docs and quits. Qt is imported inside :func:`main` only, so
``sola-studio --help`` stays instant.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from sola_studio.config import Settings
    from sola_studio.ui.window import MainWindow

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--demo", action="store_true", help="run the bundled sample session in the window"
    )
    parser.add_argument("--setup", action="store_true", help="show the first-run setup again")
    parser.add_argument(
        "--language", default=None, help="window language (en, zh_CN); overrides the setting"
    )
    parser.add_argument(
        "--screenshot", type=Path, default=None, help="save a PNG of the window, then quit"
    )
    parser.add_argument(
        "--after", type=float, default=12.0, help="seconds live before --screenshot (default 12)"
    )


# The GUI thread shares the GIL with the core's Python threads (ASR driver, video tick, comment
# desk, translation). With the default 5 ms switch interval a paint that crosses a few C++ calls
# waited 20-50 ms for the GIL on a busy 2-core machine; at 1 ms the GUI gets it back sooner.
# Measured by `sola-studio bench ui`; the core's throughput cost was not measurable.
GIL_SWITCH_INTERVAL_S = 0.001


def configure_process() -> None:
    """Process-wide settings the studio window needs to stay responsive."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)


def main(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sola_studio.ui.controller import describe

    configure_process()
    app = QApplication.instance() or QApplication(["sola-studio"])
    assert isinstance(app, QApplication)
    window = open_studio(app, args)
    if window is None:
        return 1
    failures: list[object] = []

    def failed(exc: object) -> None:
        failures.append(exc)
        print(f"sola-studio: could not go live: {describe(exc)}", file=sys.stderr, flush=True)

    window.controller.failed.connect(failed)
    if args.screenshot is not None:
        out: Path = args.screenshot

        def shoot() -> None:
            out.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(out))
            log.info("screenshot saved to %s", out)
            # No app.quit() here: closing stops the show on its thread first, and the window
            # closes (and the app quits with its last window) once it has stopped. Quitting at
            # once left that thread and the session's inside CTranslate2/FFmpeg at exit.
            window.close()

        window.controller.started.connect(
            lambda _s: QTimer.singleShot(int(args.after * 1000), shoot)
        )
        # A show that cannot start is still pictured (the window shows why), then the app ends.
        window.controller.failed.connect(lambda _e: QTimer.singleShot(500, shoot))
        QTimer.singleShot(300, window.go_live)
    elif args.demo:
        QTimer.singleShot(300, window.go_live)
    code = int(app.exec())
    # The last line of defence for a clean exit: no thread of the window's left running.
    window.shutdown()
    return 1 if failures and args.screenshot is not None else code


def open_studio(app: QApplication, args: argparse.Namespace) -> MainWindow | None:
    """The studio window as ``sola-studio studio`` opens it, shown: the seller's settings (the
    first-run setup before, once, or with ``--setup``; the demo's own with ``--demo``), the
    models loaded behind a splash. ``None``: the seller closed the setup."""
    from sola_studio import config
    from sola_studio.ui import i18n, theme
    from sola_studio.ui.preflight import check_devices
    from sola_studio.ui.session import DEMO_PROFILE, load_sheet_for, session_factory

    app.setApplicationName("Sola Studio")
    theme.apply(app)
    settings = config.load()
    i18n.install(app, args.language if args.language is not None else settings.ui_language)
    settings_file = None
    if args.demo:
        from sola_studio.live.demo_profile import unlock_demo_profile

        # the demo's own settings file and profile: it never touches the seller's; the
        # profile's key is in a file in it, so the demo needs no keyring (demo_profile.py)
        settings, settings_file = demo_setup(settings)
        unlock_demo_profile()
    elif args.setup or not settings.first_run_done:
        from sola_studio.ui.wizard import SetupWizard

        wizard = SetupWizard(settings)
        if not wizard.exec():
            return None
        settings = wizard.result_settings()
        config.save(settings)

    from sola_studio.ui.window import MainWindow

    preload_with_splash(app, settings)
    from sola_studio.ui.clipboard import QtClipboard

    clipboard = QtClipboard(app)  # on the GUI thread: replies a platform cannot take land here
    factory = session_factory(demo=args.demo, clipboard=clipboard)
    window = MainWindow(
        settings,
        factory,
        sheet=load_sheet_for(settings),
        profile=DEMO_PROFILE if args.demo else "default",
        settings_file=settings_file,
        # the seller's devices, all checked before each Go live (the demo plays files)
        preflight=None if args.demo else check_devices,
    )
    window.grab()  # paint once unseen: PySide makes its enum types on first use, ~40 ms
    freeze_startup_objects()
    window.show()
    return window


def preload_with_splash(app: QApplication, settings: Settings) -> None:
    """Libraries and the speech model, loaded behind a splash before the window shows: loading
    them at Go live held Python's lock up to ~150 ms at a time and froze the live window."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QColor, QPixmap
    from PySide6.QtWidgets import QSplashScreen

    from sola_studio.ui import theme
    from sola_studio.ui.session import preload

    steps = {
        "Starting": QCoreApplication.translate("Splash", "Starting"),
        "Loading libraries": QCoreApplication.translate("Splash", "Loading libraries"),
        "Loading the speech model": QCoreApplication.translate(
            "Splash", "Loading the speech model"
        ),
        "Loading the comment models": QCoreApplication.translate(
            "Splash", "Loading the comment models"
        ),
    }
    pixmap = QPixmap(420, 160)
    pixmap.fill(QColor(theme.PANEL))
    splash = QSplashScreen(pixmap)
    align = Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter
    white = QColor(theme.TEXT)

    def say(text: str) -> None:
        splash.showMessage(f"Sola Studio\n{steps.get(text, text)}…", int(align), white)
        app.processEvents()

    splash.show()
    say("Starting")
    try:
        preload(settings, say)
    finally:
        splash.close()


def freeze_startup_objects() -> None:
    """Keep the ~90,000 objects of start-up (libraries, models, widgets) out of every later
    garbage collection. A full collection walks every tracked object holding Python's lock:
    76 ms measured during a live show in ``bench ui``, twice a minute, the last stalls over
    50 ms. Frozen objects are never collected (they live as long as the window anyway)."""
    gc.collect()
    gc.freeze()


def demo_settings_file() -> Path:
    """Where the demo keeps its settings (Settings opened during the demo saves here)."""
    from sola_studio import paths

    return paths.config_dir() / "demo" / "settings.json"


def demo_setup(seller: Settings) -> tuple[Settings, Path]:
    """The demo's settings and the file they are saved to: the demo's own (kept from an
    earlier demo; the seller's as a start), never the seller's file. This machine's choices
    (speech model, device, window language) follow the seller's."""
    from sola_studio import config

    path = demo_settings_file()
    base = config.load(path) if path.exists() else seller
    machine = {"asr_model": seller.asr_model, "device": seller.device}
    return demo_settings(base.replace(ui_language=seller.ui_language, **machine)), path


def demo_settings(settings: Settings) -> Settings:
    """The seller of the bundled sample: English talk, captions in Portuguese and Spanish."""
    return settings.replace(
        seller_language="en",
        audience_languages=("en", "pt", "es", "de", "fr", "it", "ja", "zh", "ar", "hi"),
        caption_languages=("pt",),
        product_sheet="",
        first_run_done=True,
        # the sample's comments are replayed: none of the seller's chat sources or secrets
        comment_sources=(),
        webhook_secret_set=False,
        youtube_client="",
    )
