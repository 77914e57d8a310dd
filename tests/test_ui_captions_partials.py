"""The window's caption list shows the partial translation viewers read while the seller speaks
(issue 16), styled apart, until the committed translation replaces it."""

from __future__ import annotations

from dataclasses import replace

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


def test_a_revised_caption_replaces_itself_and_keeps_its_old_translation_until_the_new(
    qtbot,
) -> None:
    # Issue 17: the recogniser heard caption 5 again with the speech after it, while caption 6
    # is already listed. Caption 5 is corrected where it stands, not listed again.
    strip = CaptionStrip(languages=("pt",))
    qtbot.addWidget(strip)
    old_pt = "O vendedor é noz um jovem."
    strip.show_caption(caption("The seller is nut a young man.", True, pt=old_pt))
    t = monotonic()
    strip.show_caption(
        Caption(6, "en", "He ships today.", 2.0, 3.0, True, t, t, translations={"pt": "Ele envia."})
    )
    heard = "The seller is not a young man."
    strip.show_caption(replace(caption(heard, True), stages={"asr": t, "revise": t}))
    shown = strip.shown_text()
    assert heard in shown and "nut" not in shown
    assert old_pt in shown  # held, italic, until its new translation arrives
    assert [c.id for c in strip.committed()] == [5, 6]
    new_pt = "O vendedor não é um jovem."
    revised = replace(caption(heard, True, pt=new_pt), stages={"asr": t, "revise": t})
    strip.show_caption(revised)
    shown = strip.shown_text()
    assert new_pt in shown and old_pt not in shown and "font-style:italic" not in shown
    assert [c.text for c in strip.committed()] == [heard, "He ships today."]
