"""The comment desk: the queue of viewer comments, the selected one's draft, and the four keys.

The panel shows :class:`CommentCard` rows (built by the window from the core's desk events) and
forwards the seller's decisions as signals: approve & send (``A`` or Ctrl+Enter), skip (``S``),
edit (``E``), regenerate (``R``). It never drafts, sends or decides anything itself; nothing
reaches a viewer unless the core's desk receives ``approve``.

:class:`TrialBox`, the test-comment box, forwards a typed comment (:attr:`TrialBox.requested`)
and shows the draft the core's ``comments.trial.TrialDesk`` made for it, which the window runs
off the GUI thread; a trial never enters the queue or the store.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sola_studio.comments.language import SUPPORTED
from sola_studio.comments.trial import TrialDraft
from sola_studio.core.clock import monotonic
from sola_studio.ui import theme

WAITING_STATES = frozenset({"drafted", "edited", "failed", "pending"})
ANSWERED_STATES = frozenset({"sent", "approved"})


@dataclass(frozen=True)
class CommentCard:
    """One comment as the desk shows it. ``state`` is the review state's value
    (``drafted``, ``edited``, ``approved``, ``sent``, ``failed``, ``rejected``, ``expired``)."""

    id: str
    viewer: str
    language: str
    original: str
    translation: str
    draft: str
    state: str
    t_arrived: float  # monotonic
    intents: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    confidence: float | None = None
    needs_seller: bool = False
    platform: str = ""
    sent_by: str = ""  # how the reply left: platform, clipboard, card, dry-run ("" = not yet)
    needs_reasons: tuple[str, ...] = ()  # why the draft needs the seller (flags, confidence, topic)
    withheld: str = ""  # no reply drafted on purpose: "spam" or "hostile" (a manipulation)


@dataclass(frozen=True)
class Banner:
    """An actionable notice: a group answer to send to everyone, or a restock alert."""

    id: str
    kind: str  # "group" | "restock"
    text: str
    action: str = ""  # the button's label; empty = only "Dismiss"
    detail: tuple[str, ...] = field(default_factory=tuple)


def intent_label(intent: str) -> str:
    """The seller-facing name of an intent value (``size_stock`` -> "size & stock")."""
    labels = {
        "price": QCoreApplication.translate("Intent", "price"),
        "shipping": QCoreApplication.translate("Intent", "shipping"),
        "size_stock": QCoreApplication.translate("Intent", "size & stock"),
        "material": QCoreApplication.translate("Intent", "material"),
        "payment": QCoreApplication.translate("Intent", "payment"),
        "returns": QCoreApplication.translate("Intent", "returns"),
        "discount": QCoreApplication.translate("Intent", "discount"),
        "greeting": QCoreApplication.translate("Intent", "greeting"),
        "other": QCoreApplication.translate("Intent", "other"),
    }
    return labels.get(intent, intent.replace("_", " "))


_NAVIGATION_KEYS = frozenset(
    {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home}
)


def _chip(text: str, colour: str) -> str:
    return (
        f"<span style='background-color:{theme.PANEL_RAISED}; color:{colour};'>"
        f"&nbsp;{html.escape(text)}&nbsp;</span>"
    )


def _is_greeting(card: CommentCard) -> bool:
    return bool(card.intents) and card.intents[0] == "greeting"


def _waiting(seconds: float) -> str:
    s = int(max(0.0, seconds))
    return f"{s // 60}:{s % 60:02d}" if s >= 60 else f"{s}s"


class BannerStrip(QWidget):
    """Banners in a fixed area above the queue, each with its action and a dismiss button.

    The area keeps its height with none, one or ``MAX_VISIBLE`` banners (each one line, the
    whole text in its tooltip), so a banner appearing or going never moves the queue's rows
    under the seller's cursor. Only the newest ``MAX_VISIBLE`` are shown; the others wait."""

    MAX_VISIBLE = 2
    ROW_HEIGHT = 32
    SPACING = 4

    accepted = Signal(str)
    dismissed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(self.SPACING)
        self._layout.addStretch(1)
        self._frames: dict[str, QFrame] = {}
        self.setFixedHeight(self.MAX_VISIBLE * self.ROW_HEIGHT + self.SPACING)

    def add(self, banner: Banner) -> None:
        if banner.id in self._frames:
            self.remove(banner.id)
        frame = QFrame(self)
        frame.setObjectName("banner")
        frame.setProperty("kind", banner.kind)
        frame.setFixedHeight(self.ROW_HEIGHT)
        row = QHBoxLayout(frame)
        row.setContentsMargins(10, 2, 4, 2)
        text = QLabel(banner.text)
        text.setToolTip("\n".join((banner.text, *banner.detail)))
        text.setMinimumWidth(1)  # one line, clipped: the tooltip has the rest
        row.addWidget(text, 1)
        if banner.action:
            act = QPushButton(banner.action)
            act.setObjectName("primary")
            act.clicked.connect(lambda: self._finish(banner.id, accepted=True))
            row.addWidget(act)
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.clicked.connect(lambda: self._finish(banner.id, accepted=False))
        row.addWidget(dismiss)
        self._frames[banner.id] = frame
        self._layout.insertWidget(0, frame)
        self._show_newest()

    def _show_newest(self) -> None:
        newest = list(self._frames)[-self.MAX_VISIBLE :]
        for banner_id, frame in self._frames.items():
            frame.setVisible(banner_id in newest)

    def ids(self) -> list[str]:
        return list(self._frames)

    def visible_ids(self) -> list[str]:
        return [i for i, f in self._frames.items() if not f.isHidden()]

    def remove(self, banner_id: str) -> None:
        frame = self._frames.pop(banner_id, None)
        if frame is not None:
            frame.hide()
            frame.deleteLater()
            self._show_newest()

    def clear(self) -> None:
        for banner_id in list(self._frames):
            self.remove(banner_id)

    def _finish(self, banner_id: str, accepted: bool) -> None:
        self.remove(banner_id)
        (self.accepted if accepted else self.dismissed).emit(banner_id)


@dataclass(frozen=True)
class TrialOutcome:
    """A tried comment's draft (the core's :class:`TrialDraft`) and why it would need the
    seller (the desk feed's "needs you" reasons, worked out where the trial ran)."""

    trial: TrialDraft
    needs_reasons: tuple[str, ...] = ()


class TrialBox(QWidget):
    """A line for a comment, a language (or detect), Try, and the draft it would get."""

    requested = Signal(str, str)  # the comment, the language code ("" = detect)
    finished = Signal(object)  # a TrialOutcome, or an error's text; may come from any thread

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
        if isinstance(outcome, TrialOutcome):
            self.show_trial(outcome)
        else:
            self.show_error(str(outcome))

    def show_error(self, text: str) -> None:
        self.try_button.setEnabled(True)
        self.result.setText(f"<span style='color:{theme.AMBER}'>{html.escape(text)}</span>")

    def show_trial(self, outcome: TrialOutcome) -> None:
        trial = outcome.trial
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
        if outcome.needs_reasons:
            why = self.tr("needs you: {0}").format("; ".join(outcome.needs_reasons))
            parts.append(f"<span style='color:{theme.AMBER}'>⚑ {html.escape(why)}</span>")
        facts = "; ".join(f.text for f in d.facts) or self.tr("none")
        summary = self.tr("Facts: {0} · confidence {1} · a trial: not queued, not stored").format(
            facts, f"{d.confidence:.0%}"
        )
        parts.append(f"<span style='color:{dim}'>{html.escape(summary)}</span>")
        self.result.setText("<br>".join(parts))


class DeskPanel(QFrame):
    """The comment queue and the selected comment's draft."""

    approve = Signal(str, str)  # comment id, the reply text the seller approved
    skip = Signal(str)
    edit = Signal(str, str)
    regenerate = Signal(str)

    COLUMNS = ("wait", "viewer", "lang", "comment", "intent")
    MIN_ROWS = 5  # comments the queue always shows, whatever the banners and the window size

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._cards: dict[str, CommentCard] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        # The selection follows the top of the queue (questions first) until the seller picks a
        # comment themselves; after approve or skip it follows the top again.
        self._follow_top = True
        # While the mouse is over the queue, new comments go to the end (rows under the cursor
        # never move; a click lands on the comment the seller aimed at); in order once it leaves.
        self._hovered = False
        self._out_of_order = False
        self.answered = 0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 10)
        head = QHBoxLayout()
        title = QLabel(self.tr("Comments"))
        title.setObjectName("panelTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.counters = QLabel()
        self.counters.setObjectName("dim")
        head.addWidget(self.counters)
        # the test-comment box (hidden until asked for, so the queue keeps its rows)
        self.trial_button = QPushButton(self.tr("Try a comment"))
        self.trial_button.setCheckable(True)
        self.trial_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        head.addWidget(self.trial_button)
        outer.addLayout(head)
        # How the last approved reply left: a reply a platform cannot take is on the clipboard,
        # and the seller must paste it; it is never shown as sent.
        self.last_reply = QLabel()
        self.last_reply.setObjectName("dim")
        self.last_reply.setWordWrap(True)
        self.last_reply.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_reply.hide()
        outer.addWidget(self.last_reply)

        self.banners = BannerStrip(self)
        outer.addWidget(self.banners)

        split = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(split, 1)

        self.queue = QTreeWidget()
        self.queue.setRootIsDecorated(False)
        self.queue.setUniformRowHeights(True)
        self.queue.setAlternatingRowColors(False)
        self.queue.setHeaderLabels(
            [
                self.tr("Wait"),
                self.tr("Viewer"),
                self.tr("Lang"),
                self.tr("Comment"),
                self.tr("Intent"),
            ]
        )
        # Fixed column widths: ResizeToContents re-measures every row on each insert (tens of
        # ms with a full queue, measured by `bench ui`), which a busy show cannot afford.
        header = self.queue.header()
        header.setStretchLastSection(False)
        for col, width in ((0, 44), (1, 86), (2, 44), (4, 92)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.queue.currentItemChanged.connect(self._on_current)
        self.queue.itemPressed.connect(self._seller_picked)
        split.addWidget(self.queue)

        # The detail is compact (draft and its facts side by side, no titles: their names are
        # the placeholder and tooltip) so that at 1280x720 with two banners the queue keeps five
        # rows (tests/test_ui_desk_rows.py measures them).
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 4, 0, 0)
        dl.setSpacing(4)
        self.original = QLabel()
        self.original.setWordWrap(True)
        self.original.setTextFormat(Qt.TextFormat.RichText)
        dl.addWidget(self.original)
        # Chips are spans in one rich-text label: creating and style-polishing a widget per chip
        # for every selected comment cost tens of ms in the GUI thread (bench ui).
        self.chips = QLabel()
        self.chips.setTextFormat(Qt.TextFormat.RichText)
        dl.addWidget(self.chips)
        reply = QHBoxLayout()
        reply.setSpacing(6)
        self.draft = QPlainTextEdit()
        self.draft.setReadOnly(True)
        self.draft.setMinimumHeight(44)
        self.draft.setMaximumHeight(72)
        self.draft.setToolTip(self.tr("Draft reply"))
        self.draft.setPlaceholderText(self.tr("Select a comment to see its draft."))
        reply.addWidget(self.draft, 3)
        self.facts = QListWidget()
        self.facts.setMinimumHeight(44)
        self.facts.setMaximumHeight(72)
        self.facts.setToolTip(self.tr("Facts used"))
        self.facts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        reply.addWidget(self.facts, 2)
        dl.addLayout(reply)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("Approve && send  [A]"))
        self.approve_button.setObjectName("primary")
        self.skip_button = QPushButton(self.tr("Skip  [S]"))
        self.edit_button = QPushButton(self.tr("Edit  [E]"))
        self.regen_button = QPushButton(self.tr("Regenerate  [R]"))
        for b in (self.approve_button, self.edit_button, self.regen_button, self.skip_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(b)
        dl.addLayout(buttons)
        # The test-comment box takes the detail's place while "Try a comment" is down (so the
        # queue keeps its rows); picking a comment brings the detail back.
        self.trial = TrialBox()
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(detail)
        self.detail_stack.addWidget(self.trial)
        split.addWidget(self.detail_stack)
        # the queue takes what is left, never under five rows; the detail keeps its own height
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setCollapsible(0, False)
        split.setCollapsible(1, False)
        self.queue.setMinimumHeight(self._rows_height(self.MIN_ROWS))
        split.setSizes([320, 160])
        self.trial_button.toggled.connect(self._toggle_trial)

        self.approve_button.clicked.connect(self.approve_current)
        self.skip_button.clicked.connect(self.skip_current)
        self.edit_button.clicked.connect(self.edit_current)
        self.regen_button.clicked.connect(self.regenerate_current)
        # Single keys act while the queue has focus (the default during a show); Ctrl+Enter
        # approves from the draft editor too; Esc leaves the editor. An event filter rather than
        # QShortcut: the tree's own type-to-search would otherwise eat the letters.
        self._queue_keys = {
            Qt.Key.Key_A: self.approve_current,
            Qt.Key.Key_S: self.skip_current,
            Qt.Key.Key_E: self.edit_current,
            Qt.Key.Key_R: self.regenerate_current,
            Qt.Key.Key_Return: self.approve_current,
            Qt.Key.Key_Enter: self.approve_current,
        }
        self.queue.installEventFilter(self)
        self.queue.viewport().installEventFilter(self)
        self.draft.installEventFilter(self)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._show_card(None)
        self._update_counters()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.queue.viewport():
            if event.type() == QEvent.Type.Enter:
                self._hovered = True
            elif event.type() == QEvent.Type.Leave:
                self._hovered = False
                self._put_in_order()
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = mods == Qt.KeyboardModifier.ControlModifier
        if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.approve_current()
            return True
        if watched is self.queue and key in _NAVIGATION_KEYS:
            self._follow_top = False
        if watched is self.queue and mods == Qt.KeyboardModifier.NoModifier:
            action = self._queue_keys.get(key)
            if action is not None:
                action()
                return True
        if watched is self.draft and key == Qt.Key.Key_Escape:
            self._leave_editor()
            return True
        return False

    # -- what the window feeds in --------------------------------------------------------------

    def upsert(self, card: CommentCard) -> None:
        """Add or update a comment; answered, skipped and expired ones leave the queue."""
        old = self._cards.get(card.id)
        if card.state in ANSWERED_STATES and (old is None or old.state not in ANSWERED_STATES):
            self.answered += 1
        if card.state not in WAITING_STATES:
            self._remove(card.id)
            self._cards[card.id] = card
            self._update_counters()
            return
        self._cards[card.id] = card
        item = self._items.get(card.id)
        if item is None:
            item = QTreeWidgetItem()
            item.setData(0, Qt.ItemDataRole.UserRole, card.id)
            if self._hovered:
                position = self.queue.topLevelItemCount()
                self._out_of_order = True
            else:
                position = self._position_for(card)
            self.queue.insertTopLevelItem(position, item)
            self._items[card.id] = item
            if self.queue.currentItem() is None or (self._follow_top and not self._hovered):
                self._select_automatically(self.queue.topLevelItem(0))
        self._fill(item, card)
        if self.current_id() == card.id and not self.editing():
            self._show_card(card)
        self._update_counters()

    def reply_left(self, card: CommentCard) -> None:
        """Say how the reply to ``card`` left (``card.sent_by``): copied to the clipboard for
        the seller to paste in the platform's chat, sent in the chat, or only logged."""
        self._cards[card.id] = card
        platform = card.platform or self.tr("platform's")
        if card.sent_by == "clipboard":
            text = self.tr("Reply to {0}: copied — paste it in the {1} chat").format(
                card.viewer, platform
            )
            colour = theme.AMBER
        elif card.sent_by == "dry-run":
            text = self.tr("Reply to {0}: rehearsal — logged, not sent").format(card.viewer)
            colour = theme.TEXT_DIM
        elif card.sent_by == "card":
            text = self.tr("Reply to {0}: shown on the picture").format(card.viewer)
            colour = theme.OK
        else:
            text = self.tr("Reply to {0}: sent in the {1} chat").format(card.viewer, platform)
            colour = theme.OK
        self.last_reply.setText(text)
        self.last_reply.setStyleSheet(f"color: {colour};")
        self.last_reply.show()

    def _position_for(self, card: CommentCard) -> int:
        """Questions before greetings and praise (as the core's review queue orders them), each
        group in arrival order, so a seller working top-down answers questions first."""
        if not _is_greeting(card):
            for i, cid in enumerate(self.waiting_ids()):
                other = self._cards.get(cid)
                if other is not None and _is_greeting(other):
                    return i
        return self.queue.topLevelItemCount()

    def _put_in_order(self) -> None:
        """Questions first, each group in arrival order, once the mouse left the queue; the
        selected comment stays selected (by comment, wherever its row goes)."""
        if not self._out_of_order or self.editing():
            return
        self._out_of_order = False
        current = self.current_id()
        order = sorted(
            self.waiting_ids(), key=lambda cid: (_is_greeting(self._cards[cid]), self._arrival(cid))
        )
        if order == self.waiting_ids():
            return
        self.queue.blockSignals(True)
        try:
            for cid in order:
                item = self._items[cid]
                self.queue.takeTopLevelItem(self.queue.indexOfTopLevelItem(item))
                self.queue.addTopLevelItem(item)
            if current is not None:
                self.queue.setCurrentItem(self._items[current])
        finally:
            self.queue.blockSignals(False)

    def _arrival(self, comment_id: str) -> float:
        return self._cards[comment_id].t_arrived

    def clear(self) -> None:
        """An empty desk (a new show): no comment, no banner, no count."""
        self._leave_editor()
        self.queue.clear()
        self._items.clear()
        self._cards.clear()
        self.banners.clear()
        self.answered = 0
        self._follow_top = True
        self._out_of_order = False
        self.last_reply.hide()
        self.last_reply.setText("")
        self._show_card(None)
        self._update_counters()

    def card(self, comment_id: str) -> CommentCard | None:
        return self._cards.get(comment_id)

    def waiting_ids(self) -> list[str]:
        items = (self.queue.topLevelItem(i) for i in range(self.queue.topLevelItemCount()))
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in items if item is not None]

    def current_id(self) -> str | None:
        item = self.queue.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def select(self, comment_id: str) -> None:
        """Select a comment as the seller would (the selection then stays on it)."""
        item = self._items.get(comment_id)
        if item is not None:
            self._follow_top = False
            self.queue.setCurrentItem(item)

    def editing(self) -> bool:
        return not self.draft.isReadOnly()

    # -- the seller's keys ---------------------------------------------------------------------

    def approve_current(self) -> None:
        cid = self.current_id()
        if cid is None:
            return
        card = self._cards[cid]
        # Unedited, the draft goes exactly as drafted (the editor would turn its no-break
        # spaces, as in "89,90\u00a0BRL", into plain ones).
        text = self.draft.toPlainText().strip() if self.editing() else card.draft
        if not text:
            return
        if self.editing():
            if text != card.draft:
                self.edit.emit(cid, text)
            self._leave_editor()
        self.approve.emit(cid, text)
        self._advance_from(cid)

    def skip_current(self) -> None:
        cid = self.current_id()
        if cid is not None:
            self._leave_editor()
            self.skip.emit(cid)
            self._advance_from(cid)

    def edit_current(self) -> None:
        if self.current_id() is None:
            return
        self.draft.setReadOnly(False)
        self.approve_button.setEnabled(True)  # a reply of the seller's own, where none was drafted
        self.draft.setFocus()
        self.draft.moveCursor(self.draft.textCursor().MoveOperation.End)

    def regenerate_current(self) -> None:
        cid = self.current_id()
        if cid is not None:
            self._leave_editor()
            self.regenerate.emit(cid)

    def _rows_height(self, rows: int) -> int:
        """The queue's height for its header and ``rows`` whole rows (rows are one line of
        text: uniform heights, as the tree measures them)."""
        probe = QTreeWidgetItem(["0:00"])
        self.queue.addTopLevelItem(probe)
        row = self.queue.sizeHintForRow(0)
        self.queue.takeTopLevelItem(0)
        frame = 2 * self.queue.frameWidth()
        return self.queue.header().sizeHint().height() + rows * row + frame + 2

    def _toggle_trial(self, shown: bool) -> None:
        self.detail_stack.setCurrentIndex(1 if shown else 0)
        if shown:
            self.trial.text.setFocus()

    # -- inside --------------------------------------------------------------------------------

    def _leave_editor(self) -> None:
        if self.editing():
            self.draft.setReadOnly(True)
            card = self._cards.get(self.current_id() or "")
            self.approve_button.setEnabled(card is not None and bool(card.draft))
            self.queue.setFocus()

    def _advance_from(self, comment_id: str) -> None:
        """Select the next waiting comment so the seller can keep pressing keys."""
        item = self._items.get(comment_id)
        if item is None:
            return
        index = self.queue.indexOfTopLevelItem(item)
        nxt = self.queue.topLevelItem(index + 1) or (
            self.queue.topLevelItem(index - 1) if index > 0 else None
        )
        if nxt is not None:
            self._select_automatically(nxt)
        self._follow_top = index == 0

    def _remove(self, comment_id: str) -> None:
        item = self._items.pop(comment_id, None)
        if item is None:
            return
        if self.queue.currentItem() is item:
            self._advance_from(comment_id)
        index = self.queue.indexOfTopLevelItem(item)
        self.queue.takeTopLevelItem(index)
        if not self._items:
            self._show_card(None)

    def _fill(self, item: QTreeWidgetItem, card: CommentCard) -> None:
        item.setText(0, _waiting(monotonic() - card.t_arrived))
        item.setText(1, card.viewer)
        item.setText(2, card.language.upper())
        item.setText(3, card.translation or card.original)
        item.setToolTip(3, card.original)
        intents = ", ".join(intent_label(i) for i in card.intents)
        if card.needs_seller:
            item.setText(4, self.tr("⚑ needs you · {0}").format(intents) if intents else "⚑")
            item.setToolTip(4, "\n".join(card.needs_reasons) or self.tr("needs you"))
        else:
            item.setText(4, intents)
            item.setToolTip(4, "")
        alert = card.needs_seller or card.state == "failed"
        item.setForeground(4, QBrush(QColor(theme.AMBER if alert else theme.TEXT)))

    def _tick(self) -> None:
        now = monotonic()
        for cid, item in self._items.items():
            card = self._cards[cid]
            wait = now - card.t_arrived
            item.setText(0, _waiting(wait))
            colour = theme.RED if wait > 120 else theme.AMBER if wait > 45 else theme.TEXT_DIM
            item.setForeground(0, QBrush(QColor(colour)))

    def _select_automatically(self, item: QTreeWidgetItem | None) -> None:
        if item is not None and item is not self.queue.currentItem():
            self.queue.setCurrentItem(item)

    def _seller_picked(self, *_args: object) -> None:
        self._follow_top = False
        self.trial_button.setChecked(False)

    def _on_current(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self._leave_editor()
        cid = None if current is None else current.data(0, Qt.ItemDataRole.UserRole)
        self._show_card(self._cards.get(cid) if cid else None)

    def _show_card(self, card: CommentCard | None) -> None:
        self.facts.clear()
        has = card is not None
        for b in (self.approve_button, self.skip_button, self.edit_button, self.regen_button):
            b.setEnabled(has)
        if card is None:
            self.original.setText("")
            self.chips.setText("")
            self.draft.setPlaceholderText(self.tr("Select a comment to see its draft."))
            self.draft.setPlainText("")
            return
        # spam (a link, contact bait): the desk drafts nothing; the seller skips it (and hides
        # it or blocks the viewer in the platform) or writes a reply of their own
        self.approve_button.setEnabled(bool(card.draft))
        if card.draft:
            self.draft.setPlaceholderText(self.tr("Select a comment to see its draft."))
        elif card.withheld == "hostile":
            # a manipulation no fact of the sheet answers: "the seller will check" would take
            # it up as a question
            self.draft.setPlaceholderText(
                self.tr(
                    "No reply drafted: it tries to steer the reply. Skip it [S], or write one [E]."
                )
            )
        else:
            self.draft.setPlaceholderText(
                self.tr("No reply drafted: spam. Skip it [S], or write one [E].")
            )
        viewer = html.escape(card.viewer)
        original = html.escape(card.original)
        translated = html.escape(card.translation)
        text = f"<b>{viewer}</b> &nbsp;<span style='color:{theme.TEXT_DIM}'>{original}</span>"
        if card.translation and card.translation != card.original:
            text += f"<br>{translated}"
        self.original.setText(text)
        labels = (card.language.upper(), *(intent_label(i) for i in card.intents))
        chips = [_chip(t, theme.TEXT) for t in labels]
        if card.needs_seller:
            why = "; ".join(card.needs_reasons)
            chips.append(_chip(self.tr("needs you") + (f": {why}" if why else ""), theme.AMBER))
        if card.confidence is not None:
            conf = self.tr("confidence {0}").format(f"{card.confidence:.0%}")
            chips.append(f"<span style='color:{theme.TEXT_DIM}'>{html.escape(conf)}</span>")
        self.chips.setText("&nbsp;&nbsp;".join(chips))
        self.draft.setPlainText(card.draft)
        for fact in card.facts:
            self.facts.addItem(fact)
        if not card.facts and card.needs_seller:
            self.facts.addItem(self.tr("(no facts: the sheet is silent, check before sending)"))
        elif not card.facts:
            self.facts.addItem(self.tr("(none needed)"))

    def _update_counters(self) -> None:
        waiting = len(self._items)
        self.counters.setText(
            QCoreApplication.translate("DeskPanel", "Waiting {0} · Answered {1}").format(
                waiting, self.answered
            )
        )
