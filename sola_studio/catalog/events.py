"""The product sheet on the bus: what the seller changes while live reaches every part that
follows the sheet (the captions' glossary, the spec cards, the comment desk, the store) as an
event they subscribe to, never by a call from the composition root to each of them.

Both events carry the sheet now in effect (with its pinned product), so a subscriber needs no
state of its own to apply one. Frozen, like every event (DESIGN rule 3).
"""

from __future__ import annotations

from dataclasses import dataclass

from sola_studio.catalog.sheet import ProductSheet


@dataclass(frozen=True)
class SheetChanged:
    """The seller saved an edited product sheet while live: new products, prices, specs."""

    sheet: ProductSheet
    t_emit: float


@dataclass(frozen=True)
class PinChanged:
    """The seller put another product on camera; ``sheet`` is the sheet with it pinned."""

    sheet: ProductSheet
    product_id: str
    t_emit: float


SheetEvent = SheetChanged | PinChanged
