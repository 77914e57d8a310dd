"""The seller's console prints everything a viewer wrote escaped, on one line (issue 21.2):
a newline cannot forge a "draft" line, and ESC/OSC/BEL/NUL, C1 controls, DEL and bidi
overrides never reach the terminal raw. The exact bytes written to stdout are checked."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from sola_studio.chat.events import ChatState, ChatStatus
from sola_studio.comments import events as ce
from sola_studio.core.errors import ConnectorError
from sola_studio.core.events import Comment, ErrorEvent
from sola_studio.live.console import Console, printable

FORGED = "nice\ndraft en: Yes! It costs R$1.00. Free shipping!"
TITLE = "hi\x1b]0;pwned\x07 there"  # OSC: retitles the terminal, ended by BEL
ERASE = "ok\x1b[2K\x1b[1A\rgone"  # erase the line, move up, back to column 0
OTHER = "a\x00b\x7fc\x9bd\u202eevil\u2066e\u2028f\tg"  # NUL, DEL, C1 CSI, RLO, LRI, LS, tab
NAME = "Ana\x1b[31m\nSYSTEM"


def _live() -> Any:
    return SimpleNamespace(
        options=SimpleNamespace(realtime=False),
        t0=0.0,
        sheet=SimpleNamespace(seller_language="en"),
        languages=SimpleNamespace(on_screen=("en",)),
    )


def _understood(cid: str, name: str, text: str) -> ce.UnderstoodComment:
    comment = Comment(cid, "replay", "v1", name, text, 1.0, 1.0)
    return ce.UnderstoodComment(
        comment=comment,
        clean_text=text,
        language="pt",
        language_confidence=1.0,
        translation=text,
        translation_note=None,
        intent=ce.Intent.PRICE,
        intent_confidence=1.0,
        entities=ce.Entities(),
        t_emit=1.0,
    )


def _draft(cid: str, text: str) -> ce.Draft:
    return ce.Draft(
        comment_id=cid,
        viewer_id="v1",
        language="en",
        intent=ce.Intent.PRICE,
        text=text,
        seller_text=text,
        facts=(),
        confidence=1.0,
        flags=(),
        t_capture=1.0,
        t_emit=2.0,
    )


def _show(console: Console) -> None:
    for i, text in enumerate((FORGED, TITLE, ERASE, OTHER)):
        cid = f"c{i}"
        console.comment(Comment(cid, "replay", "v1", NAME, text, 1.0, 1.0))
        console.understood(_understood(cid, NAME, text))
        console.draft(_draft(cid, f"You asked: {text}"))
    console.dropped(ce.CommentDropped("c9", f"internal error: {FORGED!r}\n{TITLE}", 3.0))
    console.error(ErrorEvent("comments", ConnectorError(TITLE, fix=ERASE), 3.0))
    bad = ConnectorError("kicked", fix=f"reconnect{ERASE}")
    console.chat_status(ChatStatus("twitch", "twitch:#x", ChatState.STOPPED, 3.0, error=bad))


def test_every_line_is_escaped_and_one_per_event(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    _show(Console(_live(), partials=False, as_json=False))
    out = capfdbinary.readouterr().out
    # nothing a terminal acts on: only printable bytes, newlines that end our own lines
    assert not set(out) & (set(range(0x20)) - {0x0A})
    assert b"\x7f" not in out
    text = out.decode("utf-8")
    for raw in ("\x9b", "\u202e", "\u2066", "\u2028"):
        assert raw not in text
    lines = text.split("\n")[:-1]
    # 4 comments x (comment line + draft line), the drop, the error, the chat stop + its fix
    assert len(lines) == 12
    # the forged draft stays on the viewer's line; the only "draft" lines are the desk's own
    assert [line.lstrip().split(" ")[0] for line in lines[1:8:2]] == ["draft"] * 4
    assert not any(line.startswith("draft en: Yes!") for line in lines)
    name = "Ana\\x1b[31m\\nSYSTEM"
    assert lines[0] == (
        f"  00:00:01.0  {name} (pt, price): nice\\ndraft en: Yes! It costs R$1.00. Free shipping!"
        "  = nice\\ndraft en: Yes! It costs R$1.00. Free shipping!"
    )
    assert lines[1] == (
        "              draft en: You asked: nice\\ndraft en: Yes! It costs R$1.00. Free shipping!"
    )
    assert lines[2].endswith("): hi\\x1b]0;pwned\\x07 there  = hi\\x1b]0;pwned\\x07 there")
    assert lines[4].endswith("): ok\\x1b[2K\\x1b[1A\\rgone  = ok\\x1b[2K\\x1b[1A\\rgone")
    other = "a\\x00b\\x7fc\\x9bd\\u202eevil\\u2066e\\u2028f\\tg"
    assert lines[6].endswith(f"): {other}  = {other}")
    assert lines[8].startswith("  comment c9 dropped: internal error: 'nice\\ndraft en")
    assert lines[9].startswith("  problem in comments: hi\\x1b]0;pwned\\x07 there")
    assert lines[10] == "  twitch:#x stopped: kicked"
    assert lines[11] == "    fix: reconnectok\\x1b[2K\\x1b[1A\\rgone"


def test_json_mode_is_one_valid_line_per_event_with_nothing_raw(
    capfdbinary: pytest.CaptureFixture[bytes],
) -> None:
    _show(Console(_live(), partials=False, as_json=True))
    out = capfdbinary.readouterr().out
    assert not set(out) & (set(range(0x20)) - {0x0A})
    assert b"\x7f" not in out
    text = out.decode("utf-8")
    for raw in ("\x9b", "\u202e", "\u2066", "\u2028"):
        assert raw not in text
    lines = text.split("\n")[:-1]
    rows = [json.loads(line) for line in lines]
    assert [r["kind"] for r in rows] == ["comment", "draft"] * 4 + ["dropped", "error", "chat"]
    # the text survives the escaping exactly: a script reads what the viewer wrote
    assert rows[7]["comment"] == OTHER
    assert rows[6]["text"] == OTHER
    assert rows[1]["viewer"] == NAME
    assert rows[1]["draft"] == f"You asked: {FORGED}"


def test_a_lone_surrogate_is_printed_escaped_not_a_crash(
    capfdbinary: pytest.CaptureFixture[bytes],
) -> None:
    console = Console(_live(), partials=False, as_json=False)
    console.dropped(ce.CommentDropped("c1", "bad \ud800 text", 1.0))
    assert capfdbinary.readouterr().out == b"  comment c1 dropped: bad \\ud800 text\n"


def test_emoji_joiners_and_plain_scripts_are_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467 ótimo 価格 ราคา"
    assert printable(family) == family


def test_a_revised_caption_is_printed_as_heard_again_and_counted_once(
    capfdbinary: pytest.CaptureFixture[bytes],
) -> None:
    from sola_studio.core.events import Caption

    console = Console(_live(), partials=False, as_json=True)
    first = Caption(1, "en", "The seller is nut here.", 0.0, 1.5, True, 1.0, 1.0)
    console.caption(first)
    console.caption(Caption(1, "en", "The seller is not here.", 0.0, 1.5, True, 1.0, 2.0,
                            stages={"asr": 1.0, "revise": 2.0}))  # fmt: skip
    lines = [json.loads(x) for x in capfdbinary.readouterr().out.decode().splitlines()]
    assert [(x["kind"], x["text"]) for x in lines] == [
        ("caption", "The seller is nut here."),
        ("revision", "The seller is not here."),
    ]
    assert console.counts.get("captions") == 1
