"""The Twitch IRC connector against a real IRC server (ngircd) on loopback: a raw-socket viewer
client writes comments, the desk drafts them, the seller approves, the reply reaches the viewer.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import SAMPLE_SHEET, wait_until

from sola_studio.catalog import load_sheet
from sola_studio.comments.desk import CommentDesk, DeskConfig
from sola_studio.comments.events import Draft, ReviewState
from sola_studio.comments.sources import TwitchIrcSource
from sola_studio.core.errors import ConnectorError

NGIRCD = shutil.which("ngircd") or "/usr/sbin/ngircd"

pytestmark = pytest.mark.real_part(NGIRCD, part="ngircd")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def ircd(tmp_path: Path) -> Iterator[int]:
    port = _free_port()
    conf = tmp_path / "ngircd.conf"
    conf.write_text(
        "[Global]\nName = irc.test.local\nInfo = sola test\nListen = 127.0.0.1\n"
        f"Ports = {port}\nMotdPhrase = test\n[Limits]\nPingTimeout = 120\n"
        "[Options]\nIdent = no\nPAM = no\nDNS = no\n"
    )
    proc = subprocess.Popen(
        [NGIRCD, "-n", "-f", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def listening() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        except OSError:
            return False
        return True

    try:
        wait_until(listening, timeout=10, what="ngircd to listen")
    except BaseException:
        proc.kill()
        raise
    yield port
    proc.terminate()
    proc.wait(timeout=5)


class Viewer:
    """A plain IRC client: the viewer's side of the chat."""

    def __init__(self, port: int, nick: str, channel: str) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.nick, self.channel = nick, channel
        self.buf = b""
        self.send(f"NICK {nick}")
        self.send(f"USER {nick} 0 * :{nick}")
        self.wait_for(" 001 ")
        self.send(f"JOIN {channel}")
        self.wait_for(" 366 ")

    def send(self, line: str) -> None:
        self.sock.sendall((line + "\r\n").encode())

    def say(self, text: str) -> None:
        self.send(f"PRIVMSG {self.channel} :{text}")

    def wait_for(self, needle: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while b"\r\n" in self.buf:
                raw, self.buf = self.buf.split(b"\r\n", 1)
                line = raw.decode("utf-8", "replace")
                if line.startswith("PING"):
                    self.send("PONG" + line[4:])
                if needle in line:
                    return line
            self.sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                break
            if not data:
                break
            self.buf += data
        raise AssertionError(f"{needle!r} never arrived")


def test_comments_arrive_and_approved_reply_reaches_viewer(ircd: int) -> None:
    sheet = load_sheet(SAMPLE_SHEET)
    source = TwitchIrcSource(
        "sola_live", "sola_bot", host="127.0.0.1", port=ircd, tls=False, send_interval_s=0.0
    )
    desk = CommentDesk(sheet, sources=[source], config=DeskConfig(embeddings=False))
    drafts: list[Draft] = []
    desk.bus.subscribe(Draft, drafts.append)
    desk.start()
    try:
        viewer = Viewer(ircd, "maria_br", "#sola_live")
        viewer.say("quanto custa o frete pra Portugal?")
        wait_until(lambda: drafts, timeout=10, what="the comment to become a draft")
        draft = drafts[0]
        assert draft.platform == "twitch"
        assert draft.language == "pt"
        assert "shipping:tee:PT" in [f.id for f in draft.facts]
        # nothing reaches the viewer before approval
        with pytest.raises(AssertionError):
            viewer.wait_for("PRIVMSG #sola_live", timeout=0.5)
        item = desk.approve(draft.comment_id)
        assert item.state is ReviewState.SENT
        line = viewer.wait_for("PRIVMSG #sola_live")
        assert line.startswith(":sola_bot")
        assert "@maria_br" in line and "45,00" in line and "Portugal" in line
    finally:
        desk.stop()


def test_unreachable_server_is_a_connector_error() -> None:
    source = TwitchIrcSource(
        "x", "bot", host="127.0.0.1", port=_free_port(), tls=False, timeout_s=1
    )
    with pytest.raises(ConnectorError) as err:
        source.start(lambda c: None)
    assert err.value.fix


def test_reconnects_after_a_dropped_connection(ircd: int) -> None:
    from chat_support import Collected, TcpRelay

    from sola_studio.chat.backoff import Backoff
    from sola_studio.chat.events import ChatState, ChatStatus
    from sola_studio.core.events import Comment

    relay = TcpRelay(ircd)
    got: Collected[Comment] = Collected()
    statuses: Collected[object] = Collected()
    source = TwitchIrcSource(
        "sola_live",
        "sola_rd",
        host="127.0.0.1",
        port=relay.port,
        tls=False,
        timeout_s=3,
        publish=statuses,
        backoff=Backoff(first_s=0.05, max_s=0.5),
    )
    source.start(got)
    try:
        viewer = Viewer(ircd, "maria_br", "#sola_live")
        viewer.say("um")
        got.wait_for(lambda xs: [c.text for c in xs] == ["um"])
        relay.cut()  # the network drops
        statuses.wait_for(
            lambda xs: (
                [s.state for s in xs if isinstance(s, ChatStatus)][-2:]
                == [ChatState.RECONNECTING, ChatState.CONNECTED]
            )
        )
        assert relay.accepted >= 2 and source.connections >= 2
        viewer.say("dois")
        assert [c.text for c in got.wait_for(lambda xs: len(xs) == 2)] == ["um", "dois"]
    finally:
        source.stop()
        relay.close()
