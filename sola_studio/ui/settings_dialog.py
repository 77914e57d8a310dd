"""Settings: captions, languages, devices, models, outputs, privacy and the window's language.

The Captions tab has the picture's shape (landscape, or portrait for TikTok LIVE) and a live
preview of the caption style (:class:`~sola_studio.ui.widgets.style_preview.StylePreview`): the
sample captions in the chosen languages, size, position and shape, redrawn at each change.

The dialog edits a copy of :class:`~sola_studio.config.Settings` and returns it; the caller saves
it and hands the new values to the core at the next Go live (a running stage never re-reads
settings). It never opens a device or loads a model itself, except the model list, read from the
registry.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sola_studio.config import CaptionLayout, CaptionLook, Settings
from sola_studio.ui.devices import list_microphones
from sola_studio.ui.i18n import LANGUAGE_NAMES, localize
from sola_studio.ui.widgets.caption_reach import CaptionReachView
from sola_studio.ui.widgets.pickers import LanguageChecklist, LanguageCombo
from sola_studio.ui.widgets.picture import PictureSourcePicker
from sola_studio.ui.widgets.sound import SoundSourcePicker
from sola_studio.ui.widgets.sources import CommentSourcesForm
from sola_studio.ui.widgets.style_preview import OutputShapeCombo, StylePreview

log = logging.getLogger(__name__)

ASR_MODELS = ("tiny", "tiny.en", "base", "small", "medium", "large-v3", "large-v3-turbo")


def model_choices() -> list[tuple[str, str]]:
    """``(name, label)`` per known model, with its status from the registry when available."""
    try:
        from sola_studio.models.registry import list_models

        return [(e.name, f"{e.name} — {localize(e.status.value)}") for e in list_models()]
    except Exception as exc:  # the registry must never keep the settings from opening
        log.warning("model list unavailable: %s", exc)
        return [(m, m) for m in ASR_MODELS]


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        sources: CommentSourcesForm | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.resize(1040, 640)
        self._base = settings
        tabs = QTabWidget()

        captions = QWidget()
        captions_row = QHBoxLayout(captions)
        captions_form = QWidget()
        captions_row.addWidget(captions_form, 1)
        form = QFormLayout(captions_form)
        self.caption_languages = LanguageChecklist(settings.caption_languages)
        form.addRow(self.tr("Caption languages"), self.caption_languages)
        # each caption language: the model that reaches it, or what would install it
        self.caption_reach = CaptionReachView()
        self.caption_reach.setMaximumHeight(120)
        form.addRow("", self.caption_reach)
        self._show_plan = settings.show_plan
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.plan_choose = QPushButton(self.tr("Choose…"))
        self.plan_none = QPushButton(self.tr("No plan"))
        self.plan_beside = QPushButton(self.tr("Beside the sheet"))
        self.plan_choose.clicked.connect(self._choose_plan)
        self.plan_none.clicked.connect(lambda: self.set_show_plan("none"))
        self.plan_beside.clicked.connect(lambda: self.set_show_plan(""))
        plan_row = QHBoxLayout()
        for b in (self.plan_choose, self.plan_none, self.plan_beside):
            plan_row.addWidget(b)
        plan_row.addStretch(1)
        form.addRow(self.tr("Show plan"), self.plan_label)
        form.addRow("", plan_row)
        self.set_show_plan(settings.show_plan)
        style = settings.caption_style
        self.output_shape = OutputShapeCombo(settings.output_size)
        form.addRow(self.tr("Picture shape"), self.output_shape)
        self.font_size = QSpinBox()
        self.font_size.setRange(18, 120)
        self.font_size.setValue(style.font_size)
        form.addRow(self.tr("Text size (px at 1080p)"), self.font_size)
        self.bottom_margin = QSpinBox()
        self.bottom_margin.setRange(0, 40)
        self.bottom_margin.setSuffix(" %")
        self.bottom_margin.setValue(round(style.bottom_margin * 100))
        self.bottom_margin.setToolTip(
            self.tr("In portrait the captions always stay above TikTok's comments (25 %).")
        )
        form.addRow(self.tr("Space below the captions"), self.bottom_margin)
        self.box = QCheckBox(self.tr("Dark box behind the text"))
        self.box.setChecked(style.box)
        form.addRow("", self.box)
        self.outline = QCheckBox(self.tr("Outline around letters"))
        self.outline.setChecked(style.outline)
        form.addRow("", self.outline)
        self.layout_combo = QComboBox()
        self.layout_combo.addItem(self.tr("Stacked (up to three languages)"), "stacked")
        self.layout_combo.addItem(self.tr("Rotating (more languages)"), "rotating")
        self.layout_combo.setCurrentIndex(self.layout_combo.findData(style.layout.value))
        form.addRow(self.tr("Layout"), self.layout_combo)
        self.expire = QDoubleSpinBox()
        self.expire.setRange(1.0, 30.0)
        self.expire.setSuffix(" s")
        self.expire.setValue(style.expire_s)
        form.addRow(self.tr("Captions disappear after"), self.expire)
        self.style_preview = StylePreview()
        captions_row.addWidget(self.style_preview)
        tabs.addTab(captions, self.tr("Captions"))

        langs = QWidget()
        form = QFormLayout(langs)
        self.seller_language = LanguageCombo(settings.seller_language)
        form.addRow(self.tr("I speak"), self.seller_language)
        self.audience = LanguageChecklist(settings.audience_languages)
        form.addRow(self.tr("My viewers write in"), self.audience)
        tabs.addTab(langs, self.tr("Languages"))
        self.caption_languages.itemChanged.connect(lambda _item: self._show_reach())
        self.seller_language.currentIndexChanged.connect(lambda _index: self._show_reach())
        self._show_reach()

        # Where comments come from: the same sources as `run --comments` (issue 18).
        self.sources = sources or CommentSourcesForm(settings)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.sources)
        self.comments_tab = tabs.addTab(scroll, self.tr("Comments"))
        self.tabs = tabs

        devices = QWidget()
        form = QFormLayout(devices)
        self.microphone = QComboBox()
        self.microphone.addItem(self.tr("System default"), "")
        for value, text in list_microphones():
            self.microphone.addItem(text, value)
        self.microphone.setCurrentIndex(max(0, self.microphone.findData(settings.microphone)))
        form.addRow(self.tr("Microphone"), self.microphone)
        self.sound = SoundSourcePicker(settings.sound)  # or a recorded talk: no microphone
        form.addRow(self.tr("Sound"), self.sound)
        self.camera = QLineEdit(settings.camera)
        self.camera.setPlaceholderText(self.tr("0 for the first camera, or a name"))
        form.addRow(self.tr("Camera"), self.camera)
        self.picture = PictureSourcePicker(settings.picture)
        form.addRow(self.tr("Picture"), self.picture)
        self.devices_tab = tabs.addTab(devices, self.tr("Devices"))
        # the preview follows every choice it shows
        for signal in (
            self.output_shape.currentIndexChanged,
            self.font_size.valueChanged,
            self.bottom_margin.valueChanged,
            self.box.toggled,
            self.outline.toggled,
            self.layout_combo.currentIndexChanged,
            self.seller_language.currentIndexChanged,
            self.caption_languages.itemChanged,
            self.picture.changed,
        ):
            signal.connect(lambda *_args: self._show_preview())
        self._show_preview()

        models = QWidget()
        form = QFormLayout(models)
        self.asr_model = QComboBox()
        for name, text in model_choices():
            self.asr_model.addItem(text, name)
        self.asr_model.setCurrentIndex(max(0, self.asr_model.findData(settings.asr_model)))
        asr_row = QHBoxLayout()
        asr_row.addWidget(self.asr_model, 1)
        self.manage_models = QPushButton(self.tr("Install or remove…"))
        self.manage_models.clicked.connect(self._manage_models)
        asr_row.addWidget(self.manage_models)
        form.addRow(self.tr("Speech model"), asr_row)
        self.device = QComboBox()
        for value, text in (
            ("auto", self.tr("Automatic (GPU when there is one)")),
            ("cpu", self.tr("CPU")),
            ("cuda", self.tr("NVIDIA GPU (CUDA)")),
        ):
            self.device.addItem(text, value)
        self.device.setCurrentIndex(max(0, self.device.findData(settings.device)))
        form.addRow(self.tr("Run models on"), self.device)
        tabs.addTab(models, self.tr("Models"))

        outputs = QWidget()
        form = QFormLayout(outputs)
        self.record = QCheckBox(self.tr("Record the show (captioned video with sound)"))
        self.record.setChecked(settings.record)
        form.addRow(self.tr("Recording"), self.record)
        record_note = QLabel(self.tr("Saved as show.mp4 with subtitles in the session's folder."))
        record_note.setObjectName("dim")
        record_note.setWordWrap(True)
        form.addRow("", record_note)
        self.virtual_camera = QCheckBox(self.tr("Send the picture to the virtual camera"))
        self.virtual_camera.setChecked(settings.virtual_camera)
        form.addRow(self.tr("Virtual camera"), self.virtual_camera)
        camera_note = QLabel(
            self.tr(
                "Your streaming app picks it up like a webcam. It needs a virtual camera driver "
                "(v4l2loopback on Linux, OBS Virtual Camera on Windows and macOS); without one, "
                "Go live says what to install."
            )
        )
        camera_note.setObjectName("dim")
        camera_note.setWordWrap(True)
        form.addRow("", camera_note)
        self.overlay = QCheckBox(self.tr("Serve caption pages for OBS browser sources"))
        self.overlay.setChecked(settings.overlay)
        form.addRow(self.tr("Overlay"), self.overlay)
        overlay_note = QLabel(
            self.tr("Only this computer can open them; the links appear under the captions.")
        )
        overlay_note.setObjectName("dim")
        overlay_note.setWordWrap(True)
        form.addRow("", overlay_note)
        tabs.addTab(outputs, self.tr("Outputs"))

        privacy = QWidget()
        form = QFormLayout(privacy)
        self.retention = QSpinBox()
        self.retention.setRange(1, 3650)
        self.retention.setSuffix(self.tr(" days"))
        self.retention.setValue(settings.retention_days)
        form.addRow(self.tr("Keep viewer data for"), self.retention)
        note = QLabel(
            self.tr("Comments and viewer names older than this are deleted automatically.")
        )
        note.setObjectName("dim")
        note.setWordWrap(True)
        form.addRow("", note)
        self.ui_language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.ui_language.addItem(name if code else self.tr("System default"), code)
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(settings.ui_language)))
        form.addRow(self.tr("Window language"), self.ui_language)
        tabs.addTab(privacy, self.tr("Privacy and window"))

        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _manage_models(self) -> None:
        """The models panel (download with progress and Cancel, Remove; speech, and translation
        for the caption languages); the lists are read again after, so a model installed there
        counts here."""
        from sola_studio.ui.widgets.models import ModelsDialog

        chosen = self.asr_model.currentData()
        languages = (self.seller_language.code(), self.caption_languages.codes())
        ModelsDialog(parent=self, languages=languages).exec()
        self.asr_model.clear()
        for name, text in model_choices():
            self.asr_model.addItem(text, name)
        self.asr_model.setCurrentIndex(max(0, self.asr_model.findData(chosen)))
        self._show_reach()  # a translation model installed there reaches its language now

    def caption_look(self) -> CaptionLook:
        """The caption look as the dialog's controls say now."""
        return CaptionLook(
            font_size=self.font_size.value(),
            outline=self.outline.isChecked(),
            box=self.box.isChecked(),
            box_opacity=self._base.caption_style.box_opacity,
            bottom_margin=self.bottom_margin.value() / 100,
            layout=CaptionLayout(self.layout_combo.currentData()),
            expire_s=self.expire.value(),
        )

    def _show_preview(self) -> None:
        seller = self.seller_language.code()
        self.style_preview.show_style(
            self.caption_look(),
            (seller, *self.caption_languages.codes()),
            self.output_shape.output_size(),
            self.picture.value(),
        )

    def _show_reach(self) -> None:
        self.caption_reach.show_for(self.seller_language.code(), self.caption_languages.codes())

    def accept(self) -> None:
        # A comment source Go live could not read is said here, with its fix, not at Go live.
        if self.sources.problems():
            self.tabs.setCurrentIndex(self.comments_tab)
            return
        problem = self.picture.problem()
        if problem:
            self.picture.setToolTip(problem)
            self.picture.path.setPlaceholderText(problem)
            self.tabs.setCurrentIndex(self.devices_tab)
            return
        problem = self.sound.problem()
        if problem:
            self.sound.setToolTip(problem)
            self.sound.path.setPlaceholderText(problem)
            self.tabs.setCurrentIndex(self.devices_tab)
            return
        super().accept()

    def set_show_plan(self, value: str) -> None:
        """The plan Go live will use: ``""`` beside the sheet, ``"none"``, or a file."""
        from sola_studio.ui.session import plan_for

        self._show_plan = value
        used = plan_for(self._base.replace(show_plan=value))
        if used is None:
            beside = self.tr(" (none beside the sheet yet: make one with Show plan…)")
            self.plan_label.setText(self.tr("No plan") + ("" if value == "none" else beside))
        else:
            self.plan_label.setText(str(used))
        self.plan_label.setToolTip(self.plan_label.text())

    def _choose_plan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Show plan"), "", self.tr("Show plan (*.yaml *.yml)")
        )
        if name:
            self.set_show_plan(name)

    def result_settings(self) -> Settings:
        style = self.caption_look()
        return self.sources.apply(self._base).replace(
            seller_language=self.seller_language.code(),
            audience_languages=self.audience.codes(),
            caption_languages=self.caption_languages.codes(),
            microphone=str(self.microphone.currentData() or ""),
            sound=self.sound.value(),
            camera=self.camera.text().strip(),
            picture=self.picture.value(),
            output_size=self.output_shape.output_size(),
            asr_model=str(self.asr_model.currentData()),
            device=str(self.device.currentData()),
            retention_days=self.retention.value(),
            ui_language=str(self.ui_language.currentData() or ""),
            caption_style=style,
            record=self.record.isChecked(),
            virtual_camera=self.virtual_camera.isChecked(),
            overlay=self.overlay.isChecked(),
            show_plan=self._show_plan,
        )
