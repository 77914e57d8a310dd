"""The server side of RFC 6455 WebSocket framing, just what the local comment endpoint needs:
the opening handshake's accept key, reading a client's (masked) text messages with a size
limit, answering pings, and writing text and close frames. Standard library only, so the
endpoint needs no optional package.

What it must never do: accept an unmasked client frame (RFC 6455 5.1) or buffer a message
larger than the limit it was given (it stops at the header that announces it).
"""

from __future__ import annotations

import base64
import hashlib
import struct
from typing import Protocol

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA

CLOSE_NORMAL = 1000
CLOSE_PROTOCOL = 1002
CLOSE_UNSUPPORTED = 1003
CLOSE_INVALID = 1007
CLOSE_TOO_BIG = 1009


class _Reader(Protocol):
    def read(self, n: int, /) -> bytes | None: ...


class _Writer(Protocol):
    def write(self, data: bytes, /) -> object: ...
    def flush(self) -> object: ...


class WsClosed(Exception):
    """The connection ends: ``code`` is what to send back in the closing frame."""

    def __init__(self, code: int, reason: str = "") -> None:
        super().__init__(reason or str(code))
        self.code, self.reason = code, reason


def accept_key(client_key: str) -> str:
    return base64.b64encode(hashlib.sha1((client_key + GUID).encode()).digest()).decode()


def _read_exact(rfile: _Reader, n: int) -> bytes:
    data = rfile.read(n)
    if data is None or len(data) < n:
        raise WsClosed(CLOSE_NORMAL, "the client went away")
    return data


def read_message(rfile: _Reader, wfile: _Writer, max_bytes: int) -> str:
    """The next text message (continuation frames joined); pings are answered on the way.
    Raises :class:`WsClosed` for a close frame, a protocol error or an oversized message."""
    parts: list[bytes] = []
    size = 0
    opcode_of_message: int | None = None
    while True:
        b1, b2 = _read_exact(rfile, 2)
        fin, opcode = b1 & 0x80, b1 & 0x0F
        if b1 & 0x70:
            raise WsClosed(CLOSE_PROTOCOL, "reserved bits set")
        if not b2 & 0x80:
            raise WsClosed(CLOSE_PROTOCOL, "client frames must be masked")
        length = b2 & 0x7F
        if length == 126:
            length = struct.unpack("!H", _read_exact(rfile, 2))[0]
        elif length == 127:
            length = struct.unpack("!Q", _read_exact(rfile, 8))[0]
        if opcode >= 0x8 and (length > 125 or not fin):
            raise WsClosed(CLOSE_PROTOCOL, "bad control frame")
        if opcode < 0x8 and size + length > max_bytes:
            raise WsClosed(CLOSE_TOO_BIG, f"messages are limited to {max_bytes} bytes")
        mask = _read_exact(rfile, 4)
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(_read_exact(rfile, length)))
        if opcode == OP_PING:
            write_frame(wfile, OP_PONG, payload)
            continue
        if opcode == OP_PONG:
            continue
        if opcode == OP_CLOSE:
            code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else CLOSE_NORMAL
            raise WsClosed(code if code in (CLOSE_NORMAL, 1001) else CLOSE_NORMAL, "closed")
        if opcode == OP_BINARY:
            raise WsClosed(CLOSE_UNSUPPORTED, "send comments as text (JSON)")
        if opcode == OP_TEXT:
            if opcode_of_message is not None:
                raise WsClosed(CLOSE_PROTOCOL, "a new message inside a fragmented one")
            opcode_of_message = opcode
        elif opcode == OP_CONT:
            if opcode_of_message is None:
                raise WsClosed(CLOSE_PROTOCOL, "a continuation without a message")
        else:
            raise WsClosed(CLOSE_PROTOCOL, f"unknown opcode {opcode}")
        parts.append(payload)
        size += length
        if fin:
            try:
                return b"".join(parts).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise WsClosed(CLOSE_INVALID, "text frames must be UTF-8") from exc


def write_frame(wfile: _Writer, opcode: int, payload: bytes) -> None:
    n = len(payload)
    if n < 126:
        header = struct.pack("!BB", 0x80 | opcode, n)
    elif n < 1 << 16:
        header = struct.pack("!BBH", 0x80 | opcode, 126, n)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 127, n)
    wfile.write(header + payload)
    wfile.flush()


def write_close(wfile: _Writer, code: int, reason: str = "") -> None:
    write_frame(wfile, OP_CLOSE, struct.pack("!H", code) + reason.encode()[:120])
