"""The models, installed from the window: the Studio › Speech models… dialog (speech and
translation tabs), Settings' "Install or remove…" and the setup's model page show this panel.

Each model with its state (installed / prepared from the installed packages / can download /
needs the internet), size, licence and what it suits. Install runs the CLI's own installer
(:meth:`~sola_studio.models.registry.ModelRegistry.install`: packages first, else the resumable,
checked download) on a worker thread; the bar shows bytes, speed and time left. Cancel stops the
transfer at its next chunk (the progress callback raises
:class:`~sola_studio.models.progress.Cancelled`) and keeps the partial file; Retry resumes it.
Errors are said in words with their fix, never as a raw network error. The panel only shows and
forwards: listing, installing and removing are the core's (:mod:`sola_studio.models.offer`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sola_studio.core.errors import ModelCorrupt
from sola_studio.models.download import DownloadInterrupted, HubUnreachable
from sola_studio.models.offer import (
    Availability,
    ModelKind,
    ModelOffer,
    ModelShelf,
    Purpose,
    SpeechShelf,
    TranslationShelf,
)
from sola_studio.models.progress import Cancelled, Progress
from sola_studio.models.registry import ModelRegistry
from sola_studio.ui import theme
from sola_studio.ui.controller import describe
from sola_studio.ui.i18n import localize

log = logging.getLogger(__name__)

NAME = Qt.ItemDataRole.UserRole
PROGRESS_EVERY_S = 0.1  # at most ten bar updates a second reach the GUI thread
SPEED_WINDOW_S = 3.0  # the speed is the bytes of the last three seconds


def _mb(n: int | None) -> str:
    if n is None:
        return "—"
    if n < 1e6:
        return f"{n / 1e3:.0f} kB"
    return f"{n / 1e6:.1f} MB" if n < 10e6 else f"{n / 1e6:.0f} MB"


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


class _Job(QObject):
    """One install on a worker thread; its signals cross to the GUI thread queued."""

    progress = Signal(object)
    done = Signal(object, object)  # resolved model or None, error or None

    def __init__(self, name: str, parent: QObject) -> None:
        super().__init__(parent)
        self.name = name
        self.cancel = threading.Event()
        self._last = 0.0

    def report(self, p: Progress) -> None:
        """The installer's progress callback (worker thread): stops on Cancel, else forwards."""
        if self.cancel.is_set():
            raise Cancelled(self.name)
        now = time.monotonic()
        finished = p.overall_total is not None and p.overall_done >= p.overall_total
        if finished or now - self._last >= PROGRESS_EVERY_S:
            self._last = now
            self.progress.emit(p)


class ModelsPanel(QWidget):
    """The model list with Install, Cancel, Retry and Remove. ``registry``: where speech models
    are looked for and downloaded from (tests pass one over a temporary cache and a loopback
    hub); ``shelf``: another kind of model instead (:class:`TranslationShelf`)."""

    finished = Signal(str, object, object)  # name, resolved model or None, error or None
    online_known = Signal(bool)
    _online_result = Signal(bool)

    def __init__(
        self,
        registry: ModelRegistry | None = None,
        parent: QWidget | None = None,
        *,
        check_online: bool = True,
        shelf: ModelShelf | None = None,
    ) -> None:
        super().__init__(parent)
        self.shelf: ModelShelf = shelf or SpeechShelf(registry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [
                self.tr("Model"),
                self.tr("State"),
                self.tr("Size"),
                self.tr("Languages"),
                self.tr("Licence"),
                self.tr("Suits"),
            ]
        )
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.install_button = QPushButton(self.tr("Install"))
        self.install_button.clicked.connect(self.install_selected)
        self.cancel_button = QPushButton(self.tr("Cancel download"))
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.clicked.connect(self.retry)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        for b in (self.install_button, self.cancel_button, self.retry_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        layout.addWidget(self.bar)
        self.detail = QLabel()
        layout.addWidget(self.detail)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.note)
        self.online: bool | None = None  # None: not known yet
        self.offers: dict[str, ModelOffer] = {}
        self._job: _Job | None = None
        self._last_failed = ""  # the model Retry installs again
        self._samples: deque[tuple[float, int]] = deque()
        self.installed = threading.Event()  # set when an install ends, however (tests wait on it)
        self._online_result.connect(self._set_online, Qt.ConnectionType.QueuedConnection)
        self.refresh()
        if check_online:
            self.check_online()

    # -- the list ------------------------------------------------------------------------------

    def check_online(self) -> None:
        """Ask the hub on a worker thread whether it can be reached (a TCP connect, 3 s)."""
        hub = self.shelf.hub

        def work() -> None:
            reachable = hub.reachable()
            with contextlib.suppress(RuntimeError):  # the panel was closed meanwhile
                self._online_result.emit(reachable)

        threading.Thread(target=work, name="models-online", daemon=True).start()

    def _set_online(self, online: bool) -> None:
        self.online = online
        self.refresh()
        self.online_known.emit(online)

    def refresh(self) -> None:
        keep = self.selected()
        self.table.clear()
        self.offers = {o.name: o for o in self.shelf.offers(online=self.online)}
        for offer in self.offers.values():
            item = QTreeWidgetItem(
                [
                    offer.name,
                    self.state_text(offer),
                    _mb(offer.size_bytes),
                    self.languages_text(offer),
                    localize(offer.licence) if offer.licence else "—",
                    self.tr("non-commercial use only")
                    if offer.warning
                    else self.purpose_text(offer.purpose),
                ]
            )
            item.setData(0, NAME, offer.name)
            if offer.warning:  # said before the download, not after
                item.setToolTip(5, localize(offer.warning))
                item.setForeground(5, QColor(theme.AMBER))
            if offer.availability is Availability.NEEDS_INTERNET:
                item.setDisabled(True)  # shown with its reason, never a choice that fails later
                item.setToolTip(1, self.tr("Connect to the internet to download it."))
            elif offer.availability is Availability.INSTALLED:
                item.setForeground(1, QColor(theme.OK))
            self.table.addTopLevelItem(item)
            if offer.name == keep:
                self.table.setCurrentItem(item)
        for col in range(self.table.columnCount()):
            self.table.resizeColumnToContents(col)
        self._update_buttons()

    def state_text(self, offer: ModelOffer) -> str:
        kept = offer.partial_bytes
        return {
            Availability.INSTALLED: self.tr("installed"),
            Availability.PREPARE: self.tr("ready to prepare (no download)"),
            Availability.DOWNLOAD: (
                self.tr("can download ({0} kept, resumes)").format(_mb(kept))
                if kept
                else self.tr("can download")
            ),
            Availability.NEEDS_INTERNET: self.tr("needs the internet"),
            Availability.BROKEN: self.tr("broken: install it again"),
        }[offer.availability]

    def languages_text(self, offer: ModelOffer) -> str:
        if offer.kind is ModelKind.TRANSLATION:
            return offer.pair or self.tr("every pair")
        return self.tr("many") if offer.multilingual else self.tr("English")

    def purpose_text(self, purpose: Purpose) -> str:
        return {
            Purpose.FASTEST: self.tr("fastest, more mistakes"),
            Purpose.LAPTOPS: self.tr("most laptops"),
            Purpose.ACCURATE: self.tr("more accurate, a fast computer"),
            Purpose.GPU: self.tr("most accurate, needs a GPU"),
            Purpose.UNKNOWN: self.tr("your own folder"),
            Purpose.TRANSLATE: self.tr("captions and replies"),
        }[purpose]

    def selected(self) -> str:
        item = self.table.currentItem()
        return "" if item is None else str(item.data(0, NAME))

    def select(self, name: str) -> None:
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if item is not None and item.data(0, NAME) == name:
                self.table.setCurrentItem(item)

    def busy(self) -> bool:
        return self._job is not None

    def _update_buttons(self) -> None:
        offer = self.offers.get(self.selected())
        idle = self._job is None
        self.install_button.setEnabled(
            idle
            and offer is not None
            and offer.availability
            in (Availability.PREPARE, Availability.DOWNLOAD, Availability.BROKEN)
        )
        self.cancel_button.setEnabled(not idle)
        self.retry_button.setEnabled(idle and bool(self._last_failed))
        self.remove_button.setEnabled(
            idle and offer is not None and (offer.removable or offer.partial_bytes > 0)
        )

    # -- install ---------------------------------------------------------------------------------

    def install_selected(self) -> None:
        if self.selected():
            self.install(self.selected())

    def retry(self) -> None:
        if self._last_failed:
            self.install(self._last_failed)

    def install(self, name: str) -> None:
        """Install ``name`` on a worker thread (packages first, else the hub, resuming)."""
        if self._job is not None:
            return
        offer = self.offers.get(name)
        self.installed.clear()
        if offer is not None and offer.availability is Availability.NEEDS_INTERNET:
            self._finish(name, None, HubUnreachable(name))  # known offline: no 30 s wait
            return
        offline = offer is not None and offer.availability is Availability.PREPARE
        job = _Job(name, self)
        self._job = job
        self._samples.clear()
        job.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        job.done.connect(
            lambda resolved, error: self._finish(name, resolved, error),
            Qt.ConnectionType.QueuedConnection,
        )
        self.bar.setValue(0)
        self.detail.setText("")
        self._say(
            self.tr("Preparing {0} from the installed packages…").format(name)
            if offline
            else self.tr("Installing {0}…").format(name),
            "",
        )
        self._update_buttons()
        shelf = self.shelf

        def work() -> None:
            try:
                resolved = shelf.install(name, offline_only=offline, progress=job.report)
            except Exception as exc:  # shown in words by _finish; Cancelled included
                result: tuple[Any, object] = (None, exc)
            else:
                result = (resolved, None)
            try:
                job.done.emit(*result)
            except RuntimeError:  # the window was closed meanwhile
                log.info("model %s finished after its panel closed", name)

        threading.Thread(target=work, name=f"model-install-{name}", daemon=True).start()

    def cancel(self) -> None:
        """Stop the download at its next chunk; the partial file stays for Retry."""
        if self._job is not None:
            self._job.cancel.set()
            self.cancel_button.setEnabled(False)
            self._say(self.tr("Stopping…"), "")

    def _on_progress(self, p: Progress) -> None:
        total = p.overall_total
        done = p.overall_done
        if total:
            self.bar.setValue(min(100, int(100 * done / total)))
        now = time.monotonic()
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > SPEED_WINDOW_S:
            self._samples.popleft()
        t0, d0 = self._samples[0]
        speed = (done - d0) / (now - t0) if now > t0 and done > d0 else 0.0
        parts = [self.tr("{0} of {1}").format(_mb(done), _mb(total))]
        if speed > 0:
            parts.append(self.tr("{0}/s").format(_mb(int(speed))))
            if total:
                parts.append(self.tr("{0} left").format(_duration((total - done) / speed)))
        self.detail.setText(" · ".join(parts))

    def _finish(self, name: str, resolved: Any, error: object) -> None:
        self._job = None
        try:
            if error is None:
                self._last_failed = ""
                self.bar.setValue(100)
                self._say(
                    self.tr("Ready: {0} ({1})").format(resolved.name, _mb(resolved.size_bytes)),
                    theme.OK,
                )
            else:
                self._last_failed = name
                self._say(self.problem_text(name, error), theme.AMBER)
            self.refresh()
            self.finished.emit(name, resolved, error)
        finally:
            self.installed.set()

    def problem_text(self, name: str, error: object, *, bare: bool = False) -> str:
        """What went wrong in words, with what to do; the raw network error stays in the log.
        ``bare``: an error of no known kind without the "could not be installed" in front."""
        log.info("install of %s ended: %r", name, error)
        if isinstance(error, Cancelled):
            kept = self.offers.get(name)
            if kept is not None and kept.availability is Availability.PREPARE:
                return self.tr("Preparing {0} cancelled; Install starts it again.").format(name)
            have = kept.partial_bytes if kept is not None else 0
            return self.tr("Download of {0} cancelled; {1} kept. Retry resumes it.").format(
                name, _mb(have)
            )
        if isinstance(error, HubUnreachable):
            ready = [
                o.name for o in self.offers.values() if o.usable and o.kind is ModelKind.SPEECH
            ]
            if ready:
                prepared = "base" if "base" in ready else ready[0]
                return self.tr(
                    "No internet connection: connect, or use {0}, which is prepared from the "
                    "installed packages."
                ).format(prepared)
            return self.tr("No internet connection: connect, then retry.")
        if isinstance(error, DownloadInterrupted):
            return self.tr(
                "The connection kept dropping while {0} downloaded; what arrived is kept. "
                "Retry resumes it."
            ).format(name)
        if isinstance(error, ModelCorrupt) and "sha256" in error.message:
            return self.tr(
                "{0} arrived damaged twice (its checksum does not match), so it was not "
                "installed. Try again later."
            ).format(name)
        if bare:
            return describe(error)
        return self.tr("{0} could not be installed: {1}").format(name, describe(error))

    def _say(self, text: str, colour: str) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(f"color: {colour};" if colour else "")

    # -- remove ----------------------------------------------------------------------------------

    def remove_selected(self) -> None:
        name = self.selected()
        if not name or self._job is not None:
            return
        try:
            removed = self.shelf.remove(name)
        except OSError as exc:
            self._say(self.tr("{0} could not be removed: {1}").format(name, exc), theme.AMBER)
            return
        if self._last_failed == name:
            self._last_failed = ""
        self.bar.setValue(0)
        self.detail.setText("")
        self._say(
            self.tr("{0} removed.").format(name) if removed else self.tr("Nothing to remove."), ""
        )
        self.refresh()

    def stop(self) -> None:
        """Cancel a running download (the window is closing); the partial file stays."""
        if self._job is not None:
            self._job.cancel.set()


class ModelsDialog(QDialog):
    """Studio › Speech models…: the speech models and, given the show's languages (the speech
    language and the caption languages), the translation models in a second tab; closing
    cancels a running download (its partial file stays)."""

    def __init__(
        self,
        registry: ModelRegistry | None = None,
        parent: QWidget | None = None,
        *,
        languages: tuple[str, tuple[str, ...]] | None = None,
        translations: TranslationShelf | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Models"))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Bigger models are more accurate and slower. A download resumes where it "
                "stopped; every file is checked before it is used."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tabs = QTabWidget()
        self.panel = ModelsPanel(registry, self)
        self.tabs.addTab(self.panel, self.tr("Speech recognition"))
        self.translation: ModelsPanel | None = None
        if translations is None and languages is not None:
            translations = TranslationShelf(languages[0], languages[1])
        if translations is not None:
            self.translation = ModelsPanel(parent=self, shelf=translations)
            self.tabs.addTab(self.translation, self.tr("Translation"))
        layout.addWidget(self.tabs, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def done(self, result: int) -> None:
        self.panel.stop()
        if self.translation is not None:
            self.translation.stop()
        super().done(result)
