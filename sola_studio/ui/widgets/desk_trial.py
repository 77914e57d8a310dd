"""The desk's test-comment box: the seller types a comment and sees the draft the desk would make.

The box only forwards what the seller typed (:attr:`TrialBox.requested`: the text and the
picked language, ``""`` = detect) and shows the core's answer
(:class:`~sola_studio.comments.trial.TrialDraft`); the window runs the core's ``TrialDesk``
off the GUI thread. A trial never enters the show's queue or the store, and the box says so.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sola_studio.comments.language import SUPPORTED
from sola_studio.comments.trial import TrialDraft
from sola_studio.ui import theme
from sola_studio.ui.desk_feed import needs_you
from sola_studio.ui.widgets.desk import intent_label


class TrialBox(QWidget):
    """A line for a comment, a language (or detect), Try, and the draft it would get."""

    requested = Signal(str, str)  # the comment, the language code ("" = detect)
    finished = Signal(object)  # a TrialDraft, or an exception; may be emitted from any thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        row = QHBoxLayout()
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Try a comment as a viewer would write it…"))
        self.text.returnPressed.connect(self.submit)
        row.addWidget(self.text, 1)
        self.language = QComboBox()
        self.language.addItem(self.tr("Detect"), "")
        for code in SUPPORTED:
            self.language.addItem(code.upper(), code)
        row.addWidget(self.language)
        self.try_button = QPushButton(self.tr("Try"))
        self.try_button.clicked.connect(self.submit)
        row.addWidget(self.try_button)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        # queued to the GUI thread when the core answers from the command thread
        self.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)

    def submit(self) -> None:
        text = self.text.text().strip()
        if not text:
            self.result.setText(html.escape(self.tr("Type a comment first.")))
            return
        self.try_button.setEnabled(False)
        self.result.setText(html.escape(self.tr("Drafting…")))
        self.requested.emit(text, str(self.language.currentData() or ""))

    def _finished(self, outcome: object) -> None:
        self.try_button.setEnabled(True)
        if isinstance(outcome, TrialDraft):
            self.show_trial(outcome)
        else:
            self.show_error(str(getattr(outcome, "message", outcome)))

    def show_error(self, text: str) -> None:
        self.try_button.setEnabled(True)
        self.result.setText(f"<span style='color:{theme.AMBER}'>{html.escape(text)}</span>")

    def show_trial(self, trial: TrialDraft) -> None:
        u, d = trial.understood, trial.draft
        dim = theme.TEXT_DIM
        if trial.picked:
            lang = self.tr("{0} (picked; detected {1})").format(
                u.language.upper(), trial.detected.upper()
            )
        else:
            lang = self.tr("{0} (detected)").format(u.language.upper())
        intents = ", ".join(intent_label(i.value) for i in u.intents) or intent_label("other")
        parts = [f"<span style='color:{dim}'>{html.escape(lang)} · {html.escape(intents)}</span>"]
        if u.translation and u.translation != u.clean_text:
            parts.append(f"<span style='color:{dim}'>{html.escape(u.translation)}</span>")
        elif u.translation is None and u.translation_note:
            note = html.escape(u.translation_note)
            parts.append(f"<span style='color:{theme.AMBER}'>{note}</span>")
        parts.append(f"<b>{html.escape(d.text)}</b>")
        if d.seller_text and d.seller_text != d.text:
            parts.append(f"<span style='color:{dim}'>{html.escape(d.seller_text)}</span>")
        reasons = needs_you(tuple(i.value for i in u.intents), d)
        if reasons:
            why = self.tr("needs you: {0}").format("; ".join(reasons))
            parts.append(f"<span style='color:{theme.AMBER}'>⚑ {html.escape(why)}</span>")
        facts = "; ".join(f.text for f in d.facts) or self.tr("none")
        summary = self.tr("Facts: {0} · confidence {1} · a trial: not queued, not stored").format(
            facts, f"{d.confidence:.0%}"
        )
        parts.append(f"<span style='color:{dim}'>{html.escape(summary)}</span>")
        self.result.setText("<br>".join(parts))
