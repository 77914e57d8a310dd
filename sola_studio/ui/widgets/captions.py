"""The caption strip: the last few captions, the original and each chosen language, as they commit.

Partial (still changing) text, and the partial translations viewers already read (issue 16), is
shown dim and italic under the committed lines, so the seller sees the recogniser working without
mistaking it for final text. A committed caption whose translation has not arrived yet keeps its
partial translation, italic, until the committed one replaces it. The strip only displays
:class:`~sola_studio.core.events.Caption` events; it never changes them.
"""

from __future__ import annotations

import html
from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from sola_studio.core.events import Caption
from sola_studio.ui import theme


def _line(lang: str, text: str, colour: str, italic: bool = False) -> str:
    style = f"color:{colour};" + ("font-style:italic;" if italic else "")
    return (
        f'<span style="color:{theme.ACCENT};font-size:10px;font-weight:700;">'
        f"{html.escape(lang.upper())}</span>&nbsp;&nbsp;"
        f'<span style="{style}">{html.escape(text)}</span>'
    )


class CaptionStrip(QFrame):
    """Shows up to ``rows`` committed captions and the current partial one."""

    def __init__(self, languages: Sequence[str] = (), rows: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("panel")
        self._languages: tuple[str, ...] = tuple(languages)
        self._committed: deque[Caption] = deque(maxlen=rows)
        self._partial: Caption | None = None
        self._held: dict[int, dict[str, str]] = {}  # partial translations, by caption id
        self._labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        title = QLabel(self.tr("Captions"))
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        for _ in range(rows + 1):
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
            self._labels.append(label)
        self._placeholder = QLabel(self.tr("Captions appear here when you go live."))
        self._placeholder.setObjectName("dim")
        layout.addWidget(self._placeholder)
        layout.addStretch(1)
        self._refresh()

    def set_languages(self, languages: Sequence[str]) -> None:
        """The translations to show under each original (the original is always shown)."""
        self._languages = tuple(languages)
        self._refresh()

    def clear(self) -> None:
        self._committed.clear()
        self._partial = None
        self._held = {}
        self._refresh()

    def show_caption(self, caption: Caption) -> None:
        if caption.committed:
            # A committed caption arrives more than once under its id (original, then with its
            # translations; revised, then with its new translations): it replaces itself.
            shown = next((i for i, c in enumerate(self._committed) if c.id == caption.id), None)
            if shown is None:
                self._committed.append(caption)
                self._held = {cid: t for cid, t in self._held.items() if cid == caption.id}
            else:
                if caption.revised and not caption.translations:
                    # its old translations stay until the new ones arrive
                    self._held[caption.id] = dict(self._committed[shown].translations)
                self._committed[shown] = caption
            if self._partial is not None and self._partial.id <= caption.id:
                self._partial = None
        else:
            self._partial = caption
            self._held = {caption.id: dict(caption.translations)}
        self._refresh()

    def committed(self) -> list[Caption]:
        """The committed captions shown now, oldest first."""
        return list(self._committed)

    def partial(self) -> Caption | None:
        return self._partial

    def shown_text(self) -> str:
        """All the text the strip shows now, as plain text (for tests and accessibility)."""
        return "\n".join(label.text() for label in self._labels if not label.isHidden())

    def _render(self, caption: Caption) -> str:
        italic = not caption.committed
        colour = theme.PARTIAL if italic else theme.TEXT
        lines = [_line(caption.language, caption.text, colour, italic)]
        for lang in self._languages:
            if lang == caption.language:
                continue
            text = caption.translations.get(lang)
            held = not text and caption.committed
            if held:
                text = self._held.get(caption.id, {}).get(lang)
            if text:
                partial = italic or held
                lines.append(
                    _line(lang, text, theme.PARTIAL if partial else theme.TEXT_DIM, partial)
                )
        return "<br>".join(lines)

    def _refresh(self) -> None:
        shown = [*self._committed] + ([self._partial] if self._partial else [])
        for i, label in enumerate(self._labels):
            if i < len(shown):
                label.setText(self._render(shown[i]))
                label.setVisible(True)
            else:
                label.clear()
                label.setVisible(False)
        self._placeholder.setVisible(not shown)
