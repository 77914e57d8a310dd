"""The window's caption list shows the partial translation viewers read while the seller speaks
(issue 16), styled apart, until the committed translation replaces it."""

from __future__ import annotations

from sola_studio.core.clock import monotonic
from sola_studio.core.events import Caption
from sola_studio.ui.widgets.captions import CaptionStrip


def caption(text: str, committed: bool, **tr: str) -> Caption:
    t = monotonic()
    return Caption(5, "en", text, 0.0, 2.0, committed, t, t, audio_end_t=t, translations=tr)


def test_the_strip_shows_the_partial_translation_until_the_committed_one(qtbot) -> None:
    strip = CaptionStrip(languages=("pt",))
    qtbot.addWidget(strip)
    strip.show_caption(caption("He was not an ill disposed", False, pt="Ele não era um"))
    shown = strip.shown_text()
    assert "Ele não era um" in shown and shown.count("font-style:italic") == 2

    # The committed original arrives before its translation: the partial one stays, italic.
    strip.show_caption(caption("He was not an ill-disposed young man.", True))
    shown = strip.shown_text()
    assert "Ele não era um" in shown
    assert shown.count("font-style:italic") == 1  # the held translation, not the original

    final = "Ele não era um jovem mal-intencionado."
    strip.show_caption(caption("He was not an ill-disposed young man.", True, pt=final))
    shown = strip.shown_text()
    assert final in shown and "font-style:italic" not in shown
    assert strip.partial() is None and [c.id for c in strip.committed()] == [5]
