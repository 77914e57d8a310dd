"""First-run setup: languages, microphone (with a live level), camera (with a preview), the
speech model (with install progress and size), the product sheet, and a machine check.

Each page edits part of a :class:`~sola_studio.config.Settings`; :meth:`SetupWizard.result_settings`
returns the whole. Device and model work runs in the core on worker threads (``devices.py``,
the model registry); the pages only show what comes back.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from sola_studio import paths
from sola_studio.config import Settings
from sola_studio.models.offer import Availability
from sola_studio.models.registry import ModelRegistry
from sola_studio.ui import theme
from sola_studio.ui.controller import describe
from sola_studio.ui.devices import SourceProbe, list_microphones, microphone_probe
from sola_studio.ui.i18n import localize
from sola_studio.ui.widgets.caption_reach import CaptionReachView
from sola_studio.ui.widgets.models import ModelsPanel
from sola_studio.ui.widgets.pickers import LanguageChecklist, LanguageCombo
from sola_studio.ui.widgets.picture import PictureSourcePicker
from sola_studio.ui.widgets.preview import PreviewView
from sola_studio.ui.widgets.sound import SoundSourcePicker
from sola_studio.ui.widgets.sources import CommentSourcesForm
from sola_studio.ui.widgets.style_preview import OutputShapeCombo

log = logging.getLogger(__name__)

SAMPLE_SHEET = paths.ASSETS / "sample_sheet.yaml"


def _mb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1e6:.0f} MB"


class LanguagesPage(QWizardPage):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.setTitle(self.tr("Languages"))
        self.setSubTitle(
            self.tr("The language you speak on camera, and the ones your viewers use.")
        )
        form = QFormLayout(self)
        self.seller = LanguageCombo(settings.seller_language)
        form.addRow(self.tr("I speak"), self.seller)
        self.audience = LanguageChecklist(settings.audience_languages)
        form.addRow(self.tr("My viewers write in"), self.audience)


class CaptionLanguagesPage(QWizardPage):
    """The caption languages, each with the installed model that reaches it from the speech
    language, or what would install it (size, licence, NLLB's non-commercial warning). A
    language no model reaches is kept and shown as such, never dropped."""

    def __init__(self, settings: Settings, languages: LanguagesPage) -> None:
        super().__init__()
        self.setTitle(self.tr("Caption languages"))
        self.setSubTitle(
            self.tr("The languages your captions are shown in, and what translates into each.")
        )
        self._languages = languages
        self._order = settings.caption_languages  # the seller's order is kept (stacked captions)
        layout = QVBoxLayout(self)
        self.captions = LanguageChecklist(settings.caption_languages)
        self.captions.setMaximumHeight(150)
        layout.addWidget(self.captions)
        self.reach = CaptionReachView()
        layout.addWidget(self.reach, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.captions.itemChanged.connect(lambda _item: self.refresh())

    def initializePage(self) -> None:
        self.refresh()

    def codes(self) -> tuple[str, ...]:
        """The checked languages: the ones already chosen in their order, then new ones."""
        checked = self.captions.codes()
        return tuple(
            [c for c in self._order if c in checked] + [c for c in checked if c not in self._order]
        )

    def refresh(self) -> None:
        self.reach.show_for(self._languages.seller.code(), self.codes())
        missing = self.reach.unreached()
        if missing:
            self.note.setText(
                self.tr(
                    "{0}: no installed model translates into it yet. It stays chosen; until a "
                    "model is installed (Settings, or sola-studio models install) its captions "
                    "are not shown, and Go live says so."
                ).format(", ".join(c.upper() for c in missing))
            )
            self.note.setStyleSheet(f"color: {theme.AMBER};")
        else:
            self.note.setText("")


class MicrophonePage(QWizardPage):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.setTitle(self.tr("Microphone"))
        layout = QVBoxLayout(self)
        # the voice the captions follow: the microphone, or a recorded talk (no microphone here)
        sound_row = QHBoxLayout()
        sound_row.addWidget(QLabel(self.tr("Sound")))
        self.sound = SoundSourcePicker(settings.sound)
        self.sound.changed.connect(lambda _v: self._restart())
        sound_row.addWidget(self.sound, 1)
        layout.addLayout(sound_row)
        self._show_subtitle()
        self.combo = QComboBox()
        self.combo.addItem(self.tr("System default"), "")
        for value, text in list_microphones():
            self.combo.addItem(text, value)
        self.combo.setCurrentIndex(max(0, self.combo.findData(settings.microphone)))
        self.combo.currentIndexChanged.connect(self._restart)
        layout.addWidget(self.combo)
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        layout.addWidget(self.meter)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.probe: SourceProbe | None = None

    def device(self) -> str:
        return str(self.combo.currentData() or "")

    def initializePage(self) -> None:
        self._restart()

    def cleanupPage(self) -> None:
        self._stop()

    def validatePage(self) -> bool:
        self._stop()
        problem = self.sound.problem()
        if problem:
            self.note.setText(problem)
            self.note.setStyleSheet(f"color: {theme.AMBER};")
        return not problem

    def _restart(self) -> None:
        self._stop()
        self.note.setText("")
        # a recorded talk: no microphone to pick, level to watch nor words to say
        self._show_subtitle()
        self.combo.setVisible(not self.sound.is_file())
        self.meter.setVisible(not self.sound.is_file())
        if self.sound.is_file():  # no microphone to try: the show plays the file
            problem = self.sound.problem()
            self.note.setText(problem or self.tr("The show plays: {0}").format(self.sound.value()))
            self.note.setStyleSheet(f"color: {theme.AMBER if problem else theme.OK};")
            return
        self.probe = microphone_probe(self.device(), self)
        self.probe.value.connect(lambda v: self.meter.setValue(int(v * 100)))
        self.probe.failed.connect(self._failed)
        self.probe.start()

    def _show_subtitle(self) -> None:
        self.setSubTitle(
            self.tr("The captions follow the talk recorded in the file.")
            if self.sound.is_file()
            else self.tr("Say a few words: the bar should move with your voice.")
        )

    def _failed(self, exc: object) -> None:
        self.note.setText(
            describe(exc)
            + "\n"
            + self.tr(
                "No microphone? Choose “Audio file” as the sound: the captions follow a "
                "recorded talk."
            )
        )
        self.note.setStyleSheet(f"color: {theme.AMBER};")

    def _stop(self) -> None:
        if self.probe is not None:
            self.probe.stop()
            self.probe = None
            self.meter.setValue(0)


class CameraPage(QWizardPage):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.setTitle(self.tr("Camera"))
        self.setSubTitle(self.tr("Check that you are in the picture and the light is good."))
        layout = QVBoxLayout(self)
        picture_row = QHBoxLayout()
        picture_row.addWidget(QLabel(self.tr("Picture")))
        self.picture = PictureSourcePicker(settings.picture)
        self.picture.changed.connect(lambda _v: self._restart())
        picture_row.addWidget(self.picture, 1)
        layout.addLayout(picture_row)
        shape_row = QHBoxLayout()
        shape_row.addWidget(QLabel(self.tr("Picture shape")))
        self.shape = OutputShapeCombo(settings.output_size)  # portrait for TikTok LIVE
        # the camera shown as the show will crop it (in portrait: its middle)
        self.shape.currentIndexChanged.connect(self._shape_changed)
        shape_row.addWidget(self.shape, 1)
        layout.addLayout(shape_row)
        row = QHBoxLayout()
        self.camera = QLineEdit(settings.camera or "0")
        row.addWidget(QLabel(self.tr("Camera")))
        row.addWidget(self.camera, 1)
        self.try_button = QPushButton(self.tr("Show picture"))
        self.try_button.clicked.connect(self._restart)
        row.addWidget(self.try_button)
        layout.addLayout(row)
        self.preview = PreviewView(fps=15)
        self.preview.setMinimumHeight(220)
        layout.addWidget(self.preview, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.probe: SourceProbe | None = None

    def initializePage(self) -> None:
        self._restart()

    def cleanupPage(self) -> None:
        self._stop()

    def validatePage(self) -> bool:
        self._stop()
        problem = self.picture.problem()
        self.note.setText(problem)
        return not problem

    def _restart(self) -> None:
        self._stop()
        self.note.setText("")
        if self.picture.value() != "camera":  # no camera to try: the show uses the choice
            self.note.setText(self.picture.problem())  # as the path is typed
            self.preview.set_message(
                self.tr("The show uses: {0}").format(self.picture.kind.currentText())
            )
            self.try_button.setEnabled(False)
            return
        self.try_button.setEnabled(True)
        from sola_studio.sources.video import CameraSource

        device = self.camera.text().strip() or "0"
        width, height = self.shape.output_size()
        self.probe = SourceProbe(
            lambda: CameraSource(int(device) if device.isdigit() else device, width, height),
            lambda frame: frame,
            self,
        )
        self.probe.value.connect(self.preview.set_frame)
        self.probe.failed.connect(lambda exc: self.note.setText(describe(exc)))
        self.probe.start()

    def _stop(self) -> None:
        if self.probe is not None:
            self.probe.stop()
            self.probe = None

    def _shape_changed(self, _index: int) -> None:
        if self.isVisible():  # the page on screen: try the camera again in the new shape
            self._restart()


class ModelsPage(QWizardPage):
    """The speech model, on the same panel as Studio › Models…: only a model that is installed
    or can be installed here and now can be chosen (offline, a download is shown disabled with
    "needs the internet"); ``base`` is prepared from the installed packages without the network;
    a model that failed to install is never saved."""

    def __init__(self, settings: Settings, registry: ModelRegistry | None = None) -> None:
        super().__init__()
        self.setTitle(self.tr("Speech model"))
        self.setSubTitle(
            self.tr("Bigger models are more accurate and slower. “base” suits most laptops.")
        )
        layout = QVBoxLayout(self)
        # the hub is asked whether it can be reached when the page is shown, not before
        self.panel = ModelsPanel(registry, self, check_online=False)
        self.panel.finished.connect(self._on_done)
        layout.addWidget(self.panel, 1)
        self.table = self.panel.table
        self.note = self.panel.note
        self.bar = self.panel.bar
        self._wanted = settings.asr_model
        self.installed = threading.Event()  # set after each install finishes (tests wait on it)

    @property
    def _job(self) -> object | None:
        return self.panel._job

    @property
    def _status(self) -> dict[str, str]:
        """model -> "installed" / "in package" / "download" / ..., from the panel's offers."""
        return {
            name: "in package" if o.availability is Availability.PREPARE else o.availability.value
            for name, o in self.panel.offers.items()
        }

    def initializePage(self) -> None:
        self.refresh()
        if self.panel.online is None:
            self.panel.check_online()
        # Offline-ready: a model shipped in an installed package ("in package", e.g. base) is
        # prepared from it now, with no network, when no usable model is chosen yet.
        if self._status.get(self._wanted) == "in package":
            self.install(self._wanted)

    def refresh(self) -> None:
        self.panel.refresh()
        self.panel.select(self._wanted)

    def is_ready(self, name: str) -> bool:
        """Installed, or shipped in an installed package (joined offline, at the latest on
        first use)."""
        offer = self.panel.offers.get(name)
        return offer is not None and offer.usable

    def selected(self) -> str:
        return self.panel.selected() or self._wanted

    def model(self) -> str:
        """The model saved: the selected one when it is installed, else the last one that is;
        a model that failed to install is never saved."""
        chosen = self.selected()
        if self.is_ready(chosen):
            return chosen
        if self.is_ready(self._wanted):
            return self._wanted
        ready = [name for name in self.panel.offers if self.is_ready(name)]
        return "base" if "base" in ready else (ready[0] if ready else self._wanted)

    def validatePage(self) -> bool:
        chosen = self.selected()
        if self.is_ready(chosen):
            self._wanted = chosen
            return True
        if self.panel.busy():
            return False
        self.note.setStyleSheet(f"color: {theme.AMBER};")
        self.note.setText(
            self.tr("{0} is not installed: install it, or choose an installed model.").format(
                chosen
            )
        )
        return False

    def cleanupPage(self) -> None:
        self.panel.stop()

    def install_selected(self) -> None:
        self.install(self.selected())

    def install(self, name: str) -> None:
        if self.panel.busy():
            return
        self.installed.clear()
        self.panel.install(name)

    def _on_done(self, name: str, resolved: Any, error: object) -> None:
        try:
            if error is not None:
                keep = self.model()
                self._wanted = keep
                self.refresh()  # the selection goes back to the model that works
                self.note.setText(
                    self.tr("{0} could not be installed: {1}\n{2} stays selected.").format(
                        name, self.panel.problem_text(name, error, bare=True), keep
                    )
                )
                return
            self._wanted = resolved.name
            self.refresh()
        finally:
            self.installed.set()


class SheetPage(QWizardPage):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.setTitle(self.tr("Product sheet"))
        self.setSubTitle(
            self.tr("Replies are drafted only from your sheet: prices, sizes, shipping, FAQ.")
        )
        layout = QVBoxLayout(self)
        self.sample = QRadioButton(self.tr("Start with the sample sheet (a T-shirt shop)"))
        self.own = QRadioButton(self.tr("Import my own sheet (YAML or CSV)…"))
        layout.addWidget(self.sample)
        layout.addWidget(self.own)
        self.path = settings.product_sheet
        (self.own if self.path else self.sample).setChecked(True)
        self.own.clicked.connect(self._pick)
        self.sample.clicked.connect(lambda: self._check(""))
        self.result = QLabel()
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self._check(self.path)

    def _pick(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Your product sheet"), str(Path.home()), "Sheets (*.yaml *.yml *.csv)"
        )
        if name:
            self._check(name)
        elif not self.path:
            self.sample.setChecked(True)

    def _check(self, path: str) -> None:
        from sola_studio.catalog.loader import load_sheet

        self.path = path
        try:
            sheet = load_sheet(path or SAMPLE_SHEET)
        except Exception as exc:
            self.result.setText(describe(exc))
            self.result.setStyleSheet(f"color: {theme.RED};")
            return
        self.result.setText(
            self.tr("{0} products; on camera first: {1}").format(
                len(sheet.products), sheet.pinned.name
            )
        )
        self.result.setStyleSheet(f"color: {theme.OK};")


class CommentsPage(QWizardPage):
    """Where viewer comments come from: TikTok LIVE, YouTube Live, Twitch, the local endpoint,
    a replay file (the same sources as ``sola-studio run --comments``); none is fine too."""

    def __init__(self, settings: Settings, form: CommentSourcesForm | None = None) -> None:
        super().__init__()
        self.setTitle(self.tr("Comments"))
        self.setSubTitle(
            self.tr(
                "Where your viewers write. Drafts are made for every comment; nothing is sent "
                "until you approve it. You can change this later in Settings › Comments."
            )
        )
        layout = QVBoxLayout(self)
        self.form = form or CommentSourcesForm(settings)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        layout.addWidget(scroll)

    def validatePage(self) -> bool:
        return not self.form.problems()


class DoctorPage(QWizardPage):
    """Runs the checks of ``sola-studio doctor`` on a worker thread (they probe devices)."""

    _results = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Check this machine"))
        self.setSubTitle(self.tr("What Sola Studio found, and how to fix anything missing."))
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        self.again = QPushButton(self.tr("Check again"))
        self.again.clicked.connect(self.initializePage)
        layout.addWidget(self.again, 0, Qt.AlignmentFlag.AlignRight)
        self._results.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.checked = False

    def initializePage(self) -> None:
        self.list.clear()
        self.list.addItem(self.tr("Checking…"))
        self.again.setEnabled(False)
        threading.Thread(
            target=lambda: self._results.emit(run_doctor()), name="doctor", daemon=True
        ).start()

    def _show(self, results: list[tuple[str, str, str]]) -> None:
        self.list.clear()
        self.again.setEnabled(True)
        self.checked = True
        marks = {"OK": ("✓", theme.OK), "WARN": ("⚠", theme.AMBER), "FAIL": ("✗", theme.RED)}
        for status, title, fix in results:
            mark, colour = marks.get(status, ("?", theme.AMBER))
            text = f"{mark}  {title}"
            if status != "OK" and fix:
                text += "\n     " + self.tr("Fix: {0}").format(localize(fix))
            item = QListWidgetItem(text)
            item.setForeground(QColor(colour))
            self.list.addItem(item)


def run_doctor() -> list[tuple[str, str, str]]:
    """``(status, what, fix)`` for each check of ``sola-studio doctor``: ``OK``, ``WARN`` (the
    show can do without it, e.g. no camera) or ``FAIL``; a warning is never shown as a tick.
    The check's name and summary are in the window's language (the fix is translated where it
    is shown)."""
    from sola_studio import doctor
    from sola_studio.ui.preflight import MICROPHONE_FIX

    def fix(c: doctor.Check) -> str:
        # no microphone: the window's way past it (a recorded talk), not `run --audio FILE`
        if c.name == "microphone" and c.status is doctor.Status.WARN:
            return MICROPHONE_FIX
        return c.fix

    return [
        (c.status.value, f"{localize(c.name)}: {localize(c.summary)}", fix(c))
        for c in doctor.run_checks()
    ]


class SetupWizard(QWizard):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        registry: ModelRegistry | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sola Studio setup"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(720, 560)
        self._base = settings
        self.languages = LanguagesPage(settings)
        self.captions = CaptionLanguagesPage(settings, self.languages)
        self.microphone = MicrophonePage(settings)
        self.camera = CameraPage(settings)
        self.models = ModelsPage(settings, registry)
        self.sheet = SheetPage(settings)
        self.comments = CommentsPage(settings)
        self.doctor = DoctorPage()
        for page in (
            self.languages,
            self.captions,
            self.microphone,
            self.camera,
            self.models,
            self.sheet,
            self.comments,
            self.doctor,
        ):
            self.addPage(page)

    def done(self, result: int) -> None:
        self.models.panel.stop()  # a download still running stops; its partial file stays
        super().done(result)

    def result_settings(self) -> Settings:
        audience = self.languages.audience.codes()
        return self.comments.form.apply(self._base).replace(
            seller_language=self.languages.seller.code(),
            audience_languages=audience,
            # as chosen: a language no model reaches is kept (and shown as such), not dropped
            caption_languages=self.captions.codes(),
            microphone=self.microphone.device(),
            sound=self.microphone.sound.value(),
            camera=self.camera.camera.text().strip(),
            picture=self.camera.picture.value(),
            output_size=self.camera.shape.output_size(),
            asr_model=self.models.model(),
            product_sheet=self.sheet.path,
            first_run_done=True,
        )
