"""For each chosen caption language: reached by which installed model, or what would install it.

Shows the core's :func:`~sola_studio.models.reach.caption_reach` (the setup's caption page and
Settings): a language no model reaches stays in the list, marked, with each model that would
reach it (download size, licence) and NLLB-200's non-commercial warning. No decision here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from sola_studio.models.reach import CaptionReach, caption_reach
from sola_studio.models.translation import TranslationModels
from sola_studio.ui import theme
from sola_studio.ui.i18n import localize
from sola_studio.ui.languages import label


class CaptionReachView(QTreeWidget):
    """One row per caption language: the language, and how it is reached or what to install."""

    def __init__(
        self, models: TranslationModels | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._models = models
        self.reach: tuple[CaptionReach, ...] = ()
        self.setRootIsDecorated(False)
        self.setHeaderLabels([self.tr("Caption language"), self.tr("Translation")])
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.setWordWrap(True)

    def show_for(self, source: str, targets: Sequence[str]) -> None:
        """Check ``targets`` from the speech language ``source`` (local folders only)."""
        self.set_reach(caption_reach(source, targets, self._models))

    def set_reach(self, reach: tuple[CaptionReach, ...]) -> None:
        self.reach = reach
        self.clear()
        for r in reach:
            item = QTreeWidgetItem([label(r.language), self.describe(r)])
            if r.engine == "spoken":
                colour = theme.TEXT_DIM
            elif not r.reached:
                colour = theme.AMBER
            else:
                colour = theme.AMBER if r.warning else theme.OK
            item.setForeground(1, QBrush(QColor(colour)))
            tip = [localize(o.warning) for o in r.options if o.warning] or (
                [localize(r.warning)] if r.warning else []
            )
            item.setToolTip(1, "\n".join([self.describe(r), *tip]))
            self.addTopLevelItem(item)

    def unreached(self) -> tuple[str, ...]:
        return tuple(r.language for r in self.reach if not r.reached)

    def describe(self, r: CaptionReach) -> str:
        if r.engine == "spoken":
            return self.tr("the language you speak: no translation needed")
        if r.reached:
            text = self.tr("✓ {0}").format(r.engine)
            return text + (f" — ⚠ {localize(r.warning)}" if r.warning else "")
        options = "; ".join(
            self.tr("{0} ({1} MB, {2})").format(o.name, o.download_mb, localize(o.licence))
            for o in r.options
        )
        warnings = " ".join(f"⚠ {localize(o.warning)}" for o in r.options if o.warning)
        return self.tr("⚠ no installed model reaches it: install one of {0}. {1}").format(
            options, warnings
        )
