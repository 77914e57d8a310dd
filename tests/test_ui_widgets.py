"""The studio's widgets, offscreen and real: events published on a worker thread reach them
through the Bus adapter, and the seller's keys come out as commands."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from sola_studio.comments.events import (
    Draft,
    Entities,
    FactKind,
    FactRef,
    FlagReason,
    Intent,
    ReviewChanged,
    ReviewState,
    UnderstoodComment,
)
from sola_studio.core.bus import Bus
from sola_studio.core.clock import monotonic
from sola_studio.core.events import Caption, Comment
from sola_studio.ui.adapter import BusAdapter
from sola_studio.ui.desk_feed import DeskFeed
from sola_studio.ui.widgets.captions import CaptionStrip
from sola_studio.ui.widgets.desk import DeskPanel
from sola_studio.ui.widgets.status import PipelineHealth, StatusPanel


def caption(i: int, text: str, committed: bool = True, **tr: str) -> Caption:
    t = monotonic()
    return Caption(
        id=i,
        language="en",
        text=text,
        start=i,
        end=i + 1,
        committed=committed,
        t_capture=t,
        t_emit=t,
        audio_end_t=t - 0.8,
        translations=tr,
    )


def understood(
    cid: str, text: str, lang: str, translation: str, intent: Intent
) -> UnderstoodComment:
    t = monotonic()
    c = Comment(cid, "replay", f"v-{cid}", f"viewer {cid}", text, t, 0.0)
    return UnderstoodComment(
        comment=c,
        clean_text=text,
        language=lang,
        language_confidence=0.9,
        translation=translation,
        translation_note=None,
        intent=intent,
        intent_confidence=0.9,
        entities=Entities(),
        t_emit=t,
        intents=(intent,),
    )


def draft(cid: str, text: str, facts: tuple[str, ...] = ()) -> Draft:
    t = monotonic()
    refs = tuple(FactRef(f"f{i}", FactKind.PRICE, f) for i, f in enumerate(facts))
    flags = () if facts else (FlagReason.SHEET_SILENT,)
    return Draft(cid, f"v-{cid}", "pt", Intent.PRICE, text, text, refs, 0.8, flags, t, t)


def test_captions_published_on_a_worker_thread_reach_the_strip(qtbot):
    bus = Bus()
    strip = CaptionStrip(languages=("pt",))
    qtbot.addWidget(strip)
    adapter = BusAdapter((Caption,), bus)
    adapter.route(Caption, strip.show_caption)
    seen_threads: list[threading.Thread] = []
    adapter.route(Caption, lambda _e: seen_threads.append(threading.current_thread()))

    def publish() -> None:
        bus.publish(caption(1, "this shirt is cotton", committed=False))
        bus.publish(caption(1, "This shirt is cotton.", pt="Esta camisa é de algodão."))
        bus.publish(caption(2, "it costs forty", committed=False))

    worker = threading.Thread(target=publish)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: strip.partial() is not None and strip.partial().id == 2)
    assert [c.text for c in strip.committed()] == ["This shirt is cotton."]
    shown = strip.shown_text()
    assert "Esta camisa é de algodão." in shown
    assert "font-style:italic" in shown  # the partial is styled apart from committed text
    assert all(t is threading.main_thread() for t in seen_threads)
    adapter.close()


def test_strip_keeps_only_the_chosen_languages_and_escapes_text(qtbot):
    strip = CaptionStrip(languages=("es",))
    qtbot.addWidget(strip)
    strip.show_caption(caption(1, "<b>hi</b>", pt="olá", es="hola"))
    shown = strip.shown_text()
    assert "hola" in shown and "olá" not in shown
    assert "&lt;b&gt;hi&lt;/b&gt;" in shown


def test_comment_desk_keys_approve_skip_edit(qtbot):
    desk = DeskPanel()
    qtbot.addWidget(desk)
    desk.show()
    feed = DeskFeed()
    desk.upsert(feed.understood(understood("c1", "quanto custa?", "pt", "how much?", Intent.PRICE)))
    desk.upsert(feed.drafted(draft("c1", "Custa R$ 149,90.", ("Price: 149.90 BRL",))))
    desk.upsert(
        feed.understood(
            understood("c2", "envía a Chile?", "es", "ships to Chile?", Intent.SHIPPING)
        )
    )
    desk.upsert(feed.drafted(draft("c2", "Vou verificar e já respondo.")))
    assert desk.waiting_ids() == ["c1", "c2"]
    assert desk.draft.toPlainText() == "Custa R$ 149,90."
    assert desk.facts.item(0).text() == "Price: 149.90 BRL"
    assert "Waiting 2" in desk.counters.text()

    desk.queue.setFocus()
    with qtbot.waitSignal(desk.approve) as sig:
        qtbot.keyClick(desk.queue, Qt.Key.Key_A)
    assert sig.args == ["c1", "Custa R$ 149,90."]
    assert desk.current_id() == "c2"  # the next comment is selected for the next key
    # the sheet is silent on c2: the desk says so
    assert "silent" in desk.facts.item(0).text()

    qtbot.keyClick(desk.queue, Qt.Key.Key_E)
    assert desk.editing()
    desk.draft.setPlainText("Sí, enviamos a Chile: lo confirmo enseguida.")
    with qtbot.waitSignal(desk.edit) as edited, qtbot.waitSignal(desk.approve) as approved:
        qtbot.keyClick(desk.draft, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert edited.args[1] == approved.args[1] == "Sí, enviamos a Chile: lo confirmo enseguida."

    t = monotonic()
    desk.upsert(feed.review(ReviewChanged("c1", ReviewState.SENT, ReviewState.APPROVED, "x", t, t)))
    assert desk.waiting_ids() == ["c2"]
    assert "Answered 1" in desk.counters.text()
    with qtbot.waitSignal(desk.skip) as skipped:
        qtbot.keyClick(desk.queue, Qt.Key.Key_S)
    assert skipped.args == ["c2"]


def test_status_bar_turns_amber_then_red(qtbot):
    from PySide6.QtWidgets import QMainWindow

    win = QMainWindow()
    qtbot.addWidget(win)
    panel = StatusPanel(win.statusBar())
    panel.show(PipelineHealth(latency_s=1.2, rtf=0.4, frames_dropped=0, asr_model="base"))
    assert panel.levels == {"latency": "ok", "rtf": "ok", "dropped": "ok", "cpu": "ok"}
    assert "1.2 s" in panel.latency.text() and "base" in panel.models.text()
    panel.show(PipelineHealth(latency_s=4.0, rtf=0.9, frames_dropped=3))
    assert panel.levels["latency"] == panel.levels["rtf"] == panel.levels["dropped"] == "amber"
    panel.show(PipelineHealth(latency_s=7.5, rtf=1.3))
    assert panel.levels["latency"] == panel.levels["rtf"] == "red"


def test_questions_come_before_greetings_and_the_selection_follows_the_top(qtbot):
    desk = DeskPanel()
    qtbot.addWidget(desk)
    feed = DeskFeed()
    desk.upsert(
        feed.understood(understood("g1", "boa noite!", "pt", "boa noite!", Intent.GREETING))
    )
    desk.upsert(feed.understood(understood("q1", "how much?", "en", "quanto?", Intent.PRICE)))
    desk.upsert(feed.understood(understood("q2", "ships to DE?", "en", "envia?", Intent.SHIPPING)))
    assert desk.waiting_ids() == ["q1", "q2", "g1"]
    assert desk.current_id() == "q1"  # the seller has not picked one: the top question
    desk.select("g1")  # the seller picks the greeting: the selection stays there
    desk.upsert(feed.understood(understood("q3", "material?", "en", "material?", Intent.MATERIAL)))
    assert desk.waiting_ids() == ["q1", "q2", "q3", "g1"] and desk.current_id() == "g1"
    assert desk.queue.topLevelItem(2).text(4) == "material"


def test_emitting_signals_keeps_the_interpreter_alive(qtbot):
    """PySide6 6.12.0 dropped a reference to True on every ``emit()``: the preview's 25 frames a
    second ran True's count down to zero and the interpreter aborted (``bool_dealloc``)."""
    import sys

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QImage

    class Emitter(QObject):
        frame = Signal(QImage)
        text = Signal(str)

    emitter = Emitter()
    got: list[object] = []
    emitter.frame.connect(got.append)
    emitter.text.connect(got.append)
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    keep = [True] * 10_000  # so a leak shows as a difference, not a crash of the test run
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.frame.emit(image)
        emitter.text.emit("x")
    assert len(got) == 2000
    # The bug lost one reference per emit (1000 or 2000 here). True's count is shared with every
    # thread still running from earlier tests (a worker winding down moves it by a few dozen), so
    # the margin is wide enough for them and far below what the bug does.
    assert abs(sys.getrefcount(True) - before) < 500
    del keep


def _colourful_pixels(image) -> int:
    """Pixels with a clearly saturated colour (an emoji glyph; text and boxes are grey)."""
    from PySide6.QtGui import QColor

    count = 0
    for y in range(0, image.height(), 1):
        for x in range(0, image.width(), 1):
            c = QColor(image.pixel(x, y))
            if c.hsvSaturation() > 120 and c.value() > 120:
                count += 1
    return count


def test_emoji_in_comments_and_drafts_are_drawn_in_colour(qtbot):
    """A viewer's emoji and the draft's (💛 in every greeting) are drawn with the colour emoji
    font in the queue, the comment and the draft editor, not as boxes."""
    from PySide6.QtWidgets import QApplication

    from sola_studio.ui import theme
    from sola_studio.ui.widgets.desk import CommentCard

    app = QApplication.instance()
    theme.apply(app)
    assert "Noto Color Emoji" in theme.install_emoji_fallback()
    desk = DeskPanel()
    qtbot.addWidget(desk)
    desk.resize(540, 560)
    desk.show()
    plain = CommentCard("p", "Ana", "pt", "boa noite", "good night", "Obrigada!", "drafted", 0)
    desk.upsert(plain)
    desk.select("p")
    qtbot.wait(50)
    baseline = _colourful_pixels(desk.draft.viewport().grab().toImage())
    card = CommentCard(
        "e", "Ana 🌸", "pt", "boa noite!! 💛", "good night!! 💛", "Obrigada 💛🇧🇷", "drafted", 0
    )
    desk.upsert(card)
    desk.select("e")
    qtbot.wait(50)
    assert desk.draft.toPlainText() == "Obrigada 💛🇧🇷"
    draft_colour = _colourful_pixels(desk.draft.viewport().grab().toImage())
    label_colour = _colourful_pixels(desk.original.grab().toImage())
    assert draft_colour > baseline + 40  # a yellow heart and a flag: hundreds of pixels
    assert label_colour > 40


def test_outputs_panel_shows_the_overlay_links_for_copying(qtbot):
    from pathlib import Path

    from PySide6.QtGui import QGuiApplication

    from sola_studio.ui.widgets.outputs import OutputsPanel

    panel = OutputsPanel()
    qtbot.addWidget(panel)
    panel.show_outputs(
        Path("/tmp/show.mp4"), None, {"en": "http://127.0.0.1:1/captions/en", "pt": "http://x/pt"}
    )
    panel.show()
    assert panel.isVisible() and panel.urls["pt"].text() == "http://x/pt"
    with qtbot.waitSignal(panel.copied):
        panel.copy_buttons["http://127.0.0.1:1/captions/en"].click()
    assert QGuiApplication.clipboard().text() == "http://127.0.0.1:1/captions/en"
    panel.show_outputs()
    assert not panel.isVisible()
