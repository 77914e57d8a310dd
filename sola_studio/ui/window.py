"""The studio's main window: the outgoing picture, captions, the comment desk and Go live.

It wires widgets to the :class:`~sola_studio.ui.controller.SessionController` and forwards the
seller's decisions to the show (:class:`~sola_studio.ui.session.StudioSession`, over the
composition root's ``LiveSession``). Every slow thing (building the session, stopping it,
exporting a report) runs off the GUI thread. It never drafts, translates or decides.

Closing: a live show is stopped first (files closed, the session marked finished), then every
thread the window started is ended (preview feeder, seller commands, build/stop, exports)
before the window goes, so nothing is left running inside model or codec code when the
interpreter exits (that aborted the process: "terminate called without an active exception").
"""

from __future__ import annotations

import logging
import statistics
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psutil
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.events import (
    Draft,
    GroupAnswerProposal,
    ReplySent,
    RestockAlert,
    ReviewChanged,
    UnderstoodComment,
)
from sola_studio.config import Settings
from sola_studio.core.clock import monotonic
from sola_studio.core.events import Caption, ErrorEvent
from sola_studio.ui import theme
from sola_studio.ui.controller import CommandRunner, SessionController, describe
from sola_studio.ui.desk_feed import EVENT_KINDS, DeskFeed, needs_you
from sola_studio.ui.i18n import localize
from sola_studio.ui.session import SAMPLE_SHEET, Outputs, StudioSession, load_sheet_for

if TYPE_CHECKING:
    from sola_studio.store.repository import SessionStore
    from sola_studio.ui.preflight import DeviceProblem
from sola_studio.ui.widgets.captions import CaptionStrip
from sola_studio.ui.widgets.desk import CommentCard, DeskPanel, TrialOutcome
from sola_studio.ui.widgets.outputs import OutputsPanel, ProblemBanner
from sola_studio.ui.widgets.plan_editor import PlanDialog
from sola_studio.ui.widgets.preview import PreviewView
from sola_studio.ui.widgets.product import PinnedProduct
from sola_studio.ui.widgets.status import PipelineHealth, StatusPanel
from sola_studio.ui.widgets.teleprompter import Teleprompter

log = logging.getLogger(__name__)

# Builds the show from the settings of the moment the seller presses Go live (worker thread).
ShowFactory = Callable[[Settings], StudioSession]
# Checks the devices the settings need, all at once (worker thread): ui.preflight.check_devices.
Preflight = Callable[[Settings], "list[DeviceProblem]"]


class _Worker(QObject):
    """Runs one callable on a thread and reports back in the GUI thread."""

    finished = Signal(object, object)  # result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task: threading.Thread | None = None

    def run(self, fn: Callable[[], Any]) -> None:
        def work() -> None:
            try:
                result = fn()
            except Exception as exc:
                log.exception("background task failed")
                self._emit(None, exc)
            else:
                self._emit(result, None)

        self.task = threading.Thread(target=work, name="ui-task", daemon=True)
        self.task.start()

    def _emit(self, result: object, error: object) -> None:
        try:
            self.finished.emit(result, error)
        except RuntimeError:  # the window went away meanwhile
            log.info("background task finished after the window closed")


class MainWindow(QMainWindow):
    """One window for the whole show."""

    report_exported = Signal(object)  # the path written

    def __init__(
        self,
        settings: Settings,
        factory: ShowFactory,
        sheet: ProductSheet | None = None,
        parent: QWidget | None = None,
        *,
        profile: str = "default",
        settings_file: Path | None = None,
        preflight: Preflight | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        # Devices checked all at once before each Go live (None: the show's inputs are files)
        self._preflight = preflight
        self._checking = False
        # The settings of the show going live: the seller's, or those "without" a missing device
        self._show_settings: Settings | None = None
        # Where this window's sessions and settings live: the demo has its own of both, so it
        # never touches the seller's (settings_file None: the seller's settings.json).
        self.profile = profile
        self.settings_file = settings_file
        self.setWindowTitle(self.tr("Sola Studio"))
        self.resize(1360, 820)
        self.feed = DeskFeed()
        self.controller = SessionController(
            lambda: factory(self._show_settings or self.settings),
            (Caption, ErrorEvent, *EVENT_KINDS),
            self,
        )
        self.commands = CommandRunner(self)
        self.commands.failed.connect(self._command_failed, Qt.ConnectionType.QueuedConnection)
        self.last_session: StudioSession | None = None
        self._latencies: deque[float] = deque(maxlen=20)
        self._live_since: float | None = None
        self._workers: list[_Worker] = []
        self._close_when_stopped = False
        self._shut_down = False
        self._build()
        self.pinned.set_sheet(sheet)
        self._route()

        self._health_timer = QTimer(self)
        self._health_timer.setInterval(1000)
        self._health_timer.timeout.connect(self._refresh_health)
        self._health_timer.start()
        psutil.cpu_percent(None)  # prime the CPU counter; later calls never block

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 10, 10, 6)
        outer.setSpacing(8)

        bar = QHBoxLayout()
        self.live_button = QPushButton(self.tr("Go live"))
        self.live_button.setObjectName("live")
        self.live_button.setProperty("live", False)
        self.live_button.setToolTip(self.tr("Go live or stop (Ctrl+L)"))
        self.live_button.clicked.connect(self.toggle_live)
        # The window's shortcut, not the button's: QPushButton.setText replaces a button's
        # shortcut with the text's mnemonic, so "Stop" dropped Ctrl+L after the first show.
        self.live_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.live_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.live_shortcut.activated.connect(self.toggle_live)
        bar.addWidget(self.live_button)
        self.clock = QLabel("")
        self.clock.setObjectName("dim")
        bar.addWidget(self.clock)
        bar.addStretch(1)
        self.export_button = QPushButton(self.tr("Export report"))
        self.export_button.setEnabled(False)
        # clicked passes `checked`; export_report's first parameter is the output path
        self.export_button.clicked.connect(lambda: self.export_report())
        bar.addWidget(self.export_button)
        self.plan_button = QPushButton(self.tr("Show plan…"))
        self.plan_button.setToolTip(self.tr("The script of the show, in every caption language"))
        self.plan_button.clicked.connect(self.open_plan)
        bar.addWidget(self.plan_button)
        outer.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(8)
        self.problem = ProblemBanner()
        ll.addWidget(self.problem, 0)
        self.preview = PreviewView()
        ll.addWidget(self.preview, 1)
        self.captions = CaptionStrip(self.settings.caption_languages, rows=2)
        # A fixed height: the picture must not jump each time a caption wraps to a new line.
        self.captions.setFixedHeight(200)
        ll.addWidget(self.captions, 0)
        self.outputs = OutputsPanel()
        self.outputs.copied.connect(
            lambda text: self.statusBar().showMessage(self.tr("Copied {0}").format(text), 5000)
        )
        ll.addWidget(self.outputs, 0)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(8)
        self.teleprompter = Teleprompter()
        rl.addWidget(self.teleprompter)
        self.pinned = PinnedProduct()
        rl.addWidget(self.pinned)
        self.desk = DeskPanel()
        rl.addWidget(self.desk, 1)
        split.addWidget(right)
        split.setSizes([800, 540])
        outer.addWidget(split, 1)
        self.setCentralWidget(central)
        self.status = StatusPanel(self.statusBar())
        self._menus()

    def _menus(self) -> None:
        studio = self.menuBar().addMenu(self.tr("&Studio"))
        self.action_sheet = QAction(self.tr("Product sheet…"), self)
        self.action_settings = QAction(self.tr("Settings…"), self)
        self.action_settings.setShortcut(QKeySequence.StandardKey.Preferences)
        self.action_sessions = QAction(self.tr("Sessions and reports…"), self)
        self.action_setup = QAction(self.tr("First-run setup…"), self)
        self.action_models = QAction(self.tr("Models…"), self)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for a in (
            self.action_sheet,
            self.action_settings,
            self.action_sessions,
            self.action_setup,
            self.action_models,
        ):
            studio.addAction(a)
        studio.addSeparator()
        studio.addAction(quit_action)
        self.action_sheet.triggered.connect(self.open_sheet_editor)
        self.action_settings.triggered.connect(self.open_settings)
        self.action_sessions.triggered.connect(self.open_sessions)
        self.action_setup.triggered.connect(self.open_setup)
        self.action_models.triggered.connect(self.open_models)

    def _route(self) -> None:
        c = self.controller
        c.route(Caption, self.on_caption)
        c.route(ErrorEvent, self.on_error)
        c.route(UnderstoodComment, lambda e: self._card(self.feed.understood(e)))
        c.route(Draft, lambda e: self._card(self.feed.drafted(e)))
        c.route(ReviewChanged, lambda e: self._card(self.feed.review(e)))
        c.route(ReplySent, self.on_reply_sent)
        c.route(GroupAnswerProposal, lambda e: self.desk.banners.add(self.feed.proposal(e)))
        c.route(RestockAlert, lambda e: self.desk.banners.add(self.feed.restock(e)))
        c.started.connect(self._on_started)
        c.stopped.connect(self._on_stopped)
        c.failed.connect(self._on_failed)
        self.desk.approve.connect(
            lambda cid, text: self._desk_command(lambda s: s.approve(cid, text))
        )
        self.desk.skip.connect(lambda cid: self._desk_command(lambda s: s.reject(cid)))
        self.desk.edit.connect(lambda cid, text: self._desk_command(lambda s: s.edit(cid, text)))
        self.desk.regenerate.connect(lambda cid: self._desk_command(lambda s: s.regenerate(cid)))
        self.desk.banners.accepted.connect(self._banner_accepted)
        self.desk.trial.requested.connect(self._try_comment)
        self.pinned.pinned.connect(self._pin)

    # -- live ----------------------------------------------------------------------------------

    @property
    def session(self) -> StudioSession | None:
        return self.controller.session

    def toggle_live(self) -> None:
        if self.controller.busy or self._checking:
            return
        if self.controller.session is None:
            if self._preflight is not None:
                self._check_then_go_live()
            else:
                self._go_live_with(self.settings)
        else:
            self.live_button.setEnabled(False)
            self.live_button.setText(self.tr("Stopping…"))
            self.controller.stop()

    def _check_then_go_live(self) -> None:
        """Every device at once, on a worker thread; all problems shown together."""
        check = self._preflight
        assert check is not None
        settings = self.settings
        self._checking = True
        self.problem.hide()
        self.live_button.setEnabled(False)
        self.live_button.setText(self.tr("Checking devices…"))
        worker = _Worker(self)
        self._workers.append(worker)

        def done(problems: object, error: object) -> None:
            self._workers.remove(worker)
            self._checking = False
            self._set_live_look(False)
            if error is not None or not problems:  # a check that broke: Go live says the rest
                self._go_live_with(settings)
                return
            assert isinstance(problems, list)
            self.show_device_problems(settings, problems)

        worker.finished.connect(done, Qt.ConnectionType.QueuedConnection)
        worker.run(lambda: check(settings))

    def show_device_problems(self, settings: Settings, problems: list[DeviceProblem]) -> None:
        from sola_studio.ui.preflight import without

        lines = "\n".join(f"• {localize(p.device)}: {localize(p.message)}" for p in problems)
        fixes = "\n".join(f"• {localize(p.device)}: {localize(p.fix)}" for p in problems if p.fix)
        alternative = without(settings, problems)
        action = None
        if alternative is not None:
            chosen = alternative
            action = (self.tr("Go live without it"), lambda: self._go_live_with(chosen))
        self.problem.show_problem(self.tr("Not ready to go live"), lines, fixes, action)

    def _go_live_with(self, settings: Settings) -> None:
        if self.controller.busy or self.controller.session is not None:
            return
        self._show_settings = settings
        self.captions.clear()
        self.problem.hide()
        self.outputs.clear()
        # each show starts with an empty desk: no comment or banner of the last one
        self.feed.clear()
        self.desk.clear()
        self.live_button.setEnabled(False)
        self.live_button.setText(self.tr("Starting…"))
        self.preview.set_message(self.tr("Loading models and opening devices…"))
        self.controller.go_live()

    def open_plan(self) -> PlanDialog:
        """The plan editor on the plan Go live uses: Settings' choice, else the one beside the
        seller's sheet."""
        s = self.settings
        sheet = Path(s.product_sheet) if s.product_sheet else SAMPLE_SHEET
        chosen = Path(s.show_plan) if s.show_plan not in ("", "none") else None
        dialog = PlanDialog(sheet, s.caption_languages, self, plan_path=chosen)
        dialog.show()
        return dialog

    def go_live(self) -> None:
        if self.controller.session is None:
            self.toggle_live()

    def stop(self) -> None:
        if self.controller.session is not None:
            self.toggle_live()

    def _set_live_look(self, live: bool) -> None:
        self.live_button.setEnabled(True)
        self.live_button.setText(self.tr("Stop") if live else self.tr("Go live"))
        self.live_button.setProperty("live", live)
        self.live_button.style().unpolish(self.live_button)
        self.live_button.style().polish(self.live_button)

    def _on_started(self, session: StudioSession) -> None:
        if self._close_when_stopped:
            self.controller.stop()
            return
        self._live_since = monotonic()
        self._set_live_look(True)
        self.export_button.setEnabled(False)
        self.preview.set_reader(session.preview.get)
        sheet = session.sheet
        # A product the seller pinned before going live stays pinned on air.
        chosen = self.pinned.pinned_id()
        self.pinned.set_sheet(sheet)
        if chosen and chosen != sheet.pinned_id and sheet.product(chosen) is not None:
            self.pinned.pin_product(chosen)
        self._show_outputs(session.outputs())
        self.teleprompter.attach(
            session.plan_state if session.plan_state() is not None else None,
            lambda action: self.commands.submit(lambda: session.plan_command(action)),
        )
        self.desk.queue.setFocus()

    def _show_outputs(self, outputs: Outputs) -> None:
        self.outputs.show_outputs(outputs.recording, outputs.virtual_camera, outputs.overlay_urls)
        missing = outputs.missing_languages
        if missing:
            self.problem.show_problem(
                self.tr("Captions without {0}").format(", ".join(missing)),
                self.tr("No translation model for these caption languages is installed."),
                " ; ".join(dict.fromkeys(localize(fix) for fix in missing.values())),
            )

    def _on_stopped(self, session: StudioSession) -> None:
        self.last_session = session
        self.preview.set_reader(None)
        if self._close_when_stopped:
            self.close()
            return
        self._live_since = None
        self.preview.set_reader(None)
        self.preview.set_message(self.tr("Stopped. Export the report, or go live again."))
        self.teleprompter.attach(None, None)
        self._set_live_look(False)
        self.export_button.setEnabled(True)
        self.clock.setText("")
        self.clock.setStyleSheet("")

    def _on_failed(self, exc: object) -> None:
        # In the window, not a modal dialog: a dialog nobody answers (a window left open,
        # --screenshot, a test) would hold the event loop, and the message would be gone once
        # closed. The fix stays readable and copyable until the next Go live.
        if self._close_when_stopped and self.controller.session is None:
            self.close()
            return
        if self.controller.session is None:  # the profile's key or a damaged file: ask, retry
            still = self._store_recovered(exc)
            if still is None:
                self._go_live_with(self._show_settings or self.settings)
                return
            exc = still
        self._set_live_look(self.controller.session is not None)
        self.preview.set_reader(None)
        self.preview.set_message(self.tr("Could not go live."))
        message = localize(getattr(exc, "message", None) or str(exc))
        fix = localize(getattr(exc, "fix", "") or "")
        from sola_studio.core.errors import DeviceUnavailable

        if isinstance(exc, DeviceUnavailable) and self.settings.virtual_camera:
            fix = self.tr("{0}; or turn off Settings › Outputs › Virtual camera").format(fix)
        self.problem.show_problem(self.tr("Could not go live"), message, fix)
        self.statusBar().showMessage(describe(exc).replace("\n\n", " — "), 30000)

    # -- events --------------------------------------------------------------------------------

    def on_caption(self, caption: Caption) -> None:
        self.captions.show_caption(caption)
        if caption.committed and not caption.revised and caption.latency is not None:
            self._latencies.append(caption.latency)

    def on_error(self, event: ErrorEvent) -> None:
        text = f"{localize(event.stage)}: {describe(event.error)}"
        self.statusBar().showMessage(text.replace("\n\n", " — "), 15000)

    def on_reply_sent(self, event: ReplySent) -> None:
        card = self.feed.sent(event)
        if card is not None:
            self.desk.reply_left(card)
        # TikTok and the local endpoint cannot take a reply: it is on the clipboard, to paste
        if event.sender == "clipboard":
            self.statusBar().showMessage(
                self.tr("Reply copied: paste it in the {0} chat").format(event.platform), 15000
            )

    def _card(self, card: CommentCard | None) -> None:
        if card is not None:
            self.desk.upsert(card)

    def _desk_command(self, command: Callable[[StudioSession], object]) -> None:
        session = self.session
        if session is None or not session.has_desk:
            self.statusBar().showMessage(self.tr("Not live: nothing was sent."), 5000)
            return
        # A desk command may send over the network: it runs on the command thread, in order.
        self.commands.submit(lambda: command(session))

    def _try_comment(self, text: str, language: str) -> None:
        """The draft the desk would make for a typed comment: the show's desk when live, else
        one for the seller's sheet with the pinned product; never queued or stored."""
        session = self.session
        settings, pinned = self.settings, self.pinned.pinned_id()
        box = self.desk.trial

        def trial() -> None:
            from sola_studio.comments.trial import TrialDesk

            try:
                if session is not None and session.has_desk:
                    trial = session.try_comment(text, language or None)
                else:
                    sheet = load_sheet_for(settings)
                    if sheet is None:
                        box.finished.emit(self.tr("The product sheet cannot be read."))
                        return
                    if pinned and sheet.product(pinned) is not None:
                        sheet = sheet.with_pinned(pinned)
                    trial = TrialDesk.for_sheet(sheet).draft(text, language or None)
                asked = tuple(i.value for i in trial.understood.intents)
                box.finished.emit(TrialOutcome(trial, needs_you(asked, trial.draft)))
            except Exception as exc:  # shown in the box, with its fix when it has one
                box.finished.emit(describe(exc))

        self.commands.submit(trial)

    def _command_failed(self, exc: object) -> None:
        self.statusBar().showMessage(describe(exc).replace("\n\n", " — "), 15000)

    def _banner_accepted(self, banner_id: str) -> None:
        kind, _, key = banner_id.partition(":")
        if kind == "group":
            self._desk_command(lambda s: s.approve_group(key))

    def _pin(self, product_id: str) -> None:
        session = self.session
        if session is not None:
            self.commands.submit(lambda: session.pin(product_id))

    # -- health --------------------------------------------------------------------------------

    def health(self) -> PipelineHealth:
        session = self.session if self.controller.live else None
        s = session.stats() if session is not None else None
        latency = statistics.median(self._latencies) if self._latencies else None
        return PipelineHealth(
            latency_s=latency,
            rtf=s.rtf if s else None,
            frames_dropped=s.frames_dropped if s else None,
            cpu_percent=psutil.cpu_percent(None),
            device=(s.device if s else "") or self.settings.device,
            asr_model=(s.asr_model if s else "") or self.settings.asr_model,
            mt_model=s.mt_model if s else "",
        )

    def _refresh_health(self) -> None:
        self.status.show(self.health())
        if self._live_since is not None:
            s = int(monotonic() - self._live_since)
            self.clock.setText(
                self.tr("LIVE {0}").format(f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}")
            )
            if not self.clock.styleSheet():
                self.clock.setStyleSheet(f"color: {theme.RED}; font-weight: 700;")

    # -- dialogs -------------------------------------------------------------------------------

    settings_changed = Signal(object)  # Settings, already saved

    def _apply_settings(self, settings: Settings) -> None:
        from sola_studio import config

        config.save(settings, self.settings_file)
        self.settings = settings
        # a problem shown was about the settings of then; the next Go live checks again
        if self.controller.session is None:
            self.problem.hide()
        self.captions.set_languages(settings.caption_languages)
        self.statusBar().showMessage(
            self.tr("Saved. New settings apply at the next Go live."), 8000
        )
        self.settings_changed.emit(settings)

    def open_settings(self) -> None:
        from sola_studio.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self._apply_settings(dialog.result_settings())

    def open_setup(self) -> None:
        from sola_studio.ui.wizard import SetupWizard

        wizard = SetupWizard(self.settings, self)
        if wizard.exec():
            self._apply_settings(wizard.result_settings())

    def open_models(self) -> None:
        """Studio › Models…: speech and translation models: install (with progress and
        Cancel), retry, remove."""
        from sola_studio.ui.widgets.models import ModelsDialog

        languages = (self.settings.seller_language, tuple(self.settings.caption_languages))
        ModelsDialog(parent=self, languages=languages).exec()

    def open_sheet_editor(self) -> None:
        from sola_studio import paths
        from sola_studio.ui.session import SAMPLE_SHEET
        from sola_studio.ui.sheet_editor import SheetFormEditor

        path = Path(self.settings.product_sheet) if self.settings.product_sheet else None
        if path is None:
            # The sample is never edited in place: the seller's copy goes to their profile
            # (the demo's to its own).
            folder = paths.data_dir()
            if self.profile != "default":
                from sola_studio.store.records import profile_dir

                folder = profile_dir(self.profile)
            path = folder / "product_sheet.yaml"
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(SAMPLE_SHEET.read_text(encoding="utf-8"), encoding="utf-8")
        editor = SheetFormEditor(path, self)
        if editor.exec() and editor.sheet is not None:
            self._apply_settings(self.settings.replace(product_sheet=str(editor.path)))
            self.pinned.set_sheet(editor.sheet)
            for banner_id in self.feed.solved_restocks(editor.sheet):
                self.desk.banners.remove(banner_id)  # restocked: the alert is solved
            session = self.session
            if session is not None:  # live: desk, captions' glossary and spec cards follow
                sheet = editor.sheet
                self.commands.submit(lambda: session.set_sheet(sheet))

    def open_sessions(self) -> None:
        from sola_studio.core.errors import StoreError
        from sola_studio.ui.session import export_report, list_sessions, open_store
        from sola_studio.ui.sessions import SessionsDialog
        from sola_studio.ui.store_dialogs import open_with_recovery

        store_box: list[SessionStore] = []
        try:  # here, on the GUI thread: a passphrase to ask or a damaged file to recover
            store_box.append(
                open_with_recovery(
                    self.profile, lambda: open_store(self.settings, self.profile), parent=self
                )
            )
        except StoreError as exc:
            self.problem.show_problem(
                self.tr("Sessions and reports"), localize(exc.message), localize(exc.fix or "")
            )
            return

        # the dialog's jobs run on worker threads: one at a time on the store, and the store is
        # closed only when none is inside it (closing under a running query crashed SQLCipher)
        in_use = threading.Lock()
        closed: list[bool] = []

        def store() -> SessionStore:
            if closed:
                raise StoreError("the sessions window was closed", fix="open it again")
            if not store_box:
                store_box.append(open_store(self.settings, self.profile))
            return store_box[0]

        def listing() -> Any:
            with in_use:
                return list_sessions(store())

        def exporting(sid: int, fmt: str) -> Any:
            with in_use:
                return export_report(store(), sid, fmt)

        dialog = SessionsDialog(listing, exporting, self)
        dialog.exec()
        with in_use:
            closed.append(True)
            if store_box:
                store_box[0].close()

    def _store_recovered(self, error: object) -> object | None:
        """After a store key or damaged-file error: ask for the passphrase or offer recovery
        (``ui/store_dialogs``), then open the profile again. ``None`` when it opens now, else
        the error to show (``error`` itself when it is another kind, or the seller said no)."""
        from sola_studio.core.errors import StoreError
        from sola_studio.store.errors import StoreCorrupt, StoreKeyError
        from sola_studio.ui.session import open_store
        from sola_studio.ui.store_dialogs import open_with_recovery

        if not isinstance(error, (StoreKeyError, StoreCorrupt)):
            return error
        try:
            open_with_recovery(
                self.profile, lambda: open_store(self.settings, self.profile).close(), parent=self
            )
        except StoreError as exc:
            return exc
        return None

    # -- report --------------------------------------------------------------------------------

    def export_report(self, out: Path | None = None) -> None:
        session = self.last_session
        if session is None:
            self.statusBar().showMessage(self.tr("No finished session to report on."), 5000)
            return
        worker = _Worker(self)
        self._workers.append(worker)
        self.export_button.setEnabled(False)

        def done(path: object, error: object) -> None:
            self._workers.remove(worker)
            self.export_button.setEnabled(True)
            if error is not None:
                error = self._store_recovered(error)
                if error is None:  # the passphrase was given or the file recovered: again
                    self.export_report(out)
                    return
                self.problem.show_problem(
                    self.tr("Export report"),
                    localize(getattr(error, "message", None) or str(error)),
                    localize(getattr(error, "fix", "") or ""),
                )
                return
            self.statusBar().showMessage(self.tr("Report written to {0}").format(path), 15000)
            self.report_exported.emit(path)

        worker.finished.connect(done, Qt.ConnectionType.QueuedConnection)
        worker.run(lambda: session.export_report(out))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing while live stops the show first (models finish their pass, files are closed,
        # the session is marked finished), then closes: a half-stopped session would be marked
        # interrupted and its worker threads killed mid-call at exit.
        if self.controller.session is not None or self.controller.busy:
            self._close_when_stopped = True
            self.preview.set_message(self.tr("Stopping…"))
            if not self.controller.busy:
                self.stop()
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self, timeout: float = 60.0) -> bool:
        """End every thread the window started, in order: the preview feeder, the seller's
        command thread (a send in flight completes), the build/stop threads, report exports.
        Call once the show is stopped (``closeEvent`` does); returns False when one is still
        running after ``timeout``. Idempotent."""
        if self._shut_down:
            return True
        self._shut_down = True
        self._health_timer.stop()
        self.preview.set_reader(None)
        self.commands.close(timeout)
        ended = self.controller.join(timeout)
        for worker in list(self._workers):
            if worker.task is not None:
                worker.task.join(timeout)
                ended = ended and not worker.task.is_alive()
        if not ended:
            log.warning("a worker thread is still running after %.0f s", timeout)
        return ended
