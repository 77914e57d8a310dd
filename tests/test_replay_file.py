"""A replay file's bad lines: each is refused naming the file and line, or (a lone surrogate)
kept with the rest of its text; a replay never dies silently and leaves the show waiting."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from sola_studio.comments.sources import ReplaySource, read_replay
from sola_studio.core.clock import ManualClock
from sola_studio.core.errors import ConfigError
from sola_studio.core.events import Comment

GOOD = '{"t": 0.5, "viewer": "ana", "text": "quanto custa?"}\n'


def replay_file(tmp_path: Path, *lines: str | bytes) -> Path:
    path = tmp_path / "chat.jsonl"
    path.write_bytes(b"".join(x if isinstance(x, bytes) else x.encode() for x in lines))
    return path


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('{"t": 1e308, "viewer": "bo", "text": "hi"}\n', '"t"'),
        ('{"t": NaN, "viewer": "bo", "text": "hi"}\n', '"t"'),
        ('{"t": Infinity, "viewer": "bo", "text": "hi"}\n', '"t"'),
        ('{"t": -1, "viewer": "bo", "text": "hi"}\n', '"t"'),
        ('{"t": "soon", "viewer": "bo", "text": "hi"}\n', '"t"'),
        ('{"t": 2, "viewer": "bo", "text": null}\n', '"text"'),
        ('{"t": 2, "viewer": "bo"}\n', '"text"'),
        ('{"t": 2, "viewer": null, "text": "hi"}\n', '"viewer"'),
        ('{"t": 2, "viewer": "bo", "text": {"a": 1}}\n', '"text"'),
        ('{"t": 2, "viewer": "bo", "text": "hi", "name": 3.5}\n', '"name"'),
        ("[1, 2]\n", "JSON object"),
        ("{not json\n", "JSON"),
    ],
)
def test_a_bad_line_is_refused_naming_line_and_field(tmp_path: Path, line: str, field: str) -> None:
    path = replay_file(tmp_path, GOOD, line)
    with pytest.raises(ConfigError) as err:
        read_replay(path)
    assert f"{path}:2:" in err.value.message and field in err.value.message
    assert err.value.fix


def test_a_file_that_is_not_utf8_is_refused_naming_the_line(tmp_path: Path) -> None:
    latin1 = '{"t": 1, "viewer": "zé", "text": "olá"}\n'.encode("latin-1")
    path = replay_file(tmp_path, GOOD, GOOD, latin1)
    with pytest.raises(ConfigError) as err:
        read_replay(path)
    assert f"{path}:3:" in err.value.message and "UTF-8" in err.value.message
    assert "UTF-8" in str(err.value.fix)


def test_a_lone_surrogate_keeps_the_comment_and_the_rest_of_its_text(tmp_path: Path) -> None:
    path = replay_file(
        tmp_path, '{"t": 1, "viewer": "bo\\udc80", "text": "tem azul? \\ud83d ok"}\n'
    )
    comments: list[Comment] = []
    ReplaySource(path, speed=0, clock=ManualClock()).run(comments.append)
    assert len(comments) == 1
    assert comments[0].text.startswith("tem azul? ") and comments[0].text.endswith(" ok")
    db = sqlite3.connect(":memory:")  # what the session store does with it
    db.execute("create table c (viewer text, text text)")
    db.execute("insert into c values (?, ?)", (comments[0].viewer_id, comments[0].text))
    assert db.execute("select count(*) from c").fetchone() == (1,)


def test_numeric_viewer_ids_and_a_bom_are_read(tmp_path: Path) -> None:
    path = replay_file(tmp_path, b"\xef\xbb\xbf", '{"t": 0, "viewer": 42, "text": "oi"}\n')
    assert read_replay(path)[0].viewer == "42"


def test_a_replay_that_fails_midway_still_says_it_is_done(tmp_path: Path) -> None:
    path = replay_file(tmp_path, GOOD, GOOD)

    def emit(comment: Comment) -> None:
        raise RuntimeError("the desk broke")

    source = ReplaySource(path, speed=0, clock=ManualClock())
    source.start(emit)
    assert source.done.wait(5), "whoever waits for the replay to finish would wait forever"
    source.stop()


def test_a_replay_far_in_the_future_stops_at_once(tmp_path: Path) -> None:
    line = json.dumps({"t": 7 * 24 * 3600, "viewer": "bo", "text": "later"}) + "\n"
    source = ReplaySource(replay_file(tmp_path, line), speed=1e-300)
    got = threading.Event()
    source.start(lambda c: got.set())
    source.stop()
    assert source.done.wait(5) and not got.is_set()
