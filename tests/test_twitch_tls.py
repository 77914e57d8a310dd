"""The Twitch token never travels in clear text (issue 21, item 1).

A real IRC server (ngircd) on loopback speaks TLS with a certificate signed by a CA made in the
test; the connector trusts it only through its explicit CA file option. A recording TCP relay
between the connector and the server shows what crossed the wire: the session works and the
token is not in it. Without the CA the connection is refused as untrusted; a token over a plain
connection is refused before any socket is opened.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from chat_support import Collected, free_port
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from helpers import wait_until

from sola_studio.comments.sources import TwitchIrcSource
from sola_studio.core.errors import ConnectorError
from sola_studio.core.events import Comment

NGIRCD = shutil.which("ngircd") or "/usr/sbin/ngircd"
TOKEN = "s3cr3ttok3nvalue"

pytestmark = pytest.mark.real_part(NGIRCD, part="ngircd")


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca_and_server_cert(folder: Path) -> tuple[Path, Path, Path]:
    """A CA, and a server certificate for 127.0.0.1 signed by it: (ca.pem, cert.pem, key.pem)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("sola test CA"))
        .issuer_name(_name("sola test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_pem, cert_pem, key_pem = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_pem.chmod(0o600)
    return ca_pem, cert_pem, key_pem


@dataclass
class TlsIrcd:
    plain_port: int
    tls_port: int
    ca: Path


def _wait_listening(port: int, proc: subprocess.Popen[bytes]) -> None:
    def listening() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"ngircd exited with {proc.returncode} before listening")
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


@pytest.fixture
def ircd_tls(tmp_path: Path) -> Iterator[TlsIrcd]:
    ca, cert, key = make_ca_and_server_cert(tmp_path)
    plain, tls = free_port(), free_port()
    conf = tmp_path / "ngircd.conf"
    conf.write_text(
        "[Global]\nName = irc.test.local\nInfo = sola test\nListen = 127.0.0.1\n"
        f"Ports = {plain}\nMotdPhrase = test\nPassword = oauth:{TOKEN}\n"
        "[Limits]\nPingTimeout = 120\n"
        "[Options]\nIdent = no\nPAM = no\nDNS = no\n"
        f"[SSL]\nCertFile = {cert}\nKeyFile = {key}\nPorts = {tls}\n"
    )
    proc = subprocess.Popen(
        [NGIRCD, "-n", "-f", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _wait_listening(plain, proc)
    _wait_listening(tls, proc)
    yield TlsIrcd(plain, tls, ca)
    proc.terminate()
    proc.wait(timeout=5)


class RecordingRelay:
    """A TCP relay on loopback that keeps every byte the client sent."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.sent = bytearray()
        self._lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        try:
            client, _ = self.listener.accept()
        except OSError:
            return
        upstream = socket.create_connection(("127.0.0.1", self.target))
        threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
        threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, record: bool) -> None:
        try:
            while data := src.recv(4096):
                if record:
                    with self._lock:
                        self.sent += data
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.listener.close()


class Viewer:
    def __init__(self, port: int, nick: str, channel: str) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = b""
        self.channel = channel
        for line in (f"PASS oauth:{TOKEN}", f"NICK {nick}", f"USER {nick} 0 * :{nick}"):
            self.send(line)
        self.wait_for(" 001 ")
        self.send(f"JOIN {channel}")
        self.wait_for(" 366 ")

    def send(self, line: str) -> None:
        self.sock.sendall((line + "\r\n").encode())

    def wait_for(self, needle: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while b"\r\n" in self.buf:
                raw, self.buf = self.buf.split(b"\r\n", 1)
                line = raw.decode("utf-8", "replace")
                if needle in line:
                    return line
            self.sock.settimeout(max(0.05, deadline - time.monotonic()))
            data = self.sock.recv(4096)
            if not data:
                break
            self.buf += data
        raise AssertionError(f"{needle!r} never arrived")


def test_token_goes_over_verified_tls_and_never_in_clear(ircd_tls: TlsIrcd) -> None:
    relay = RecordingRelay(ircd_tls.tls_port)
    got: Collected[Comment] = Collected()
    source = TwitchIrcSource(
        "sola_live",
        "sola_bot",
        TOKEN,
        host="127.0.0.1",
        port=relay.port,
        ca_file=ircd_tls.ca,
        send_interval_s=0.0,
    )
    source.start(got)  # joins: the server accepted the token as its password
    try:
        viewer = Viewer(ircd_tls.plain_port, "maria_br", "#sola_live")
        viewer.send("PRIVMSG #sola_live :tem no tamanho M?")
        (comment,) = got.wait_for(lambda xs: len(xs) == 1)
        assert (comment.platform, comment.viewer_name, comment.text) == (
            "twitch",
            "maria_br",
            "tem no tamanho M?",
        )
        source.send("sim, temos M", reply_to=comment)
        line = viewer.wait_for("PRIVMSG #sola_live")
        assert line.startswith(":sola_bot") and "@maria_br sim, temos M" in line
    finally:
        source.stop()
        relay.close()
    wire = bytes(relay.sent)
    assert wire.startswith(b"\x16\x03")  # a TLS handshake record, not IRC text
    assert TOKEN.encode() not in wire and b"PASS" not in wire and b"PRIVMSG" not in wire


def test_an_untrusted_certificate_is_refused(ircd_tls: TlsIrcd) -> None:
    source = TwitchIrcSource(
        "sola_live", "sola_bot", TOKEN, host="127.0.0.1", port=ircd_tls.tls_port, timeout_s=3
    )
    with pytest.raises(ConnectorError) as err:
        source.start(lambda c: None)
    assert "not trusted" in err.value.message and err.value.fix


def test_a_token_is_never_sent_over_a_plain_connection() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    source = TwitchIrcSource("sola_live", "sola_bot", TOKEN, host="127.0.0.1", port=port, tls=False)
    with pytest.raises(ConnectorError) as err:
        source.start(lambda c: None)
    assert "plain connection" in err.value.message
    assert "6697" in (err.value.fix or "")
    with pytest.raises(TimeoutError):  # refused before connecting: nobody knocked
        listener.accept()
    listener.close()


def test_anonymous_read_over_tls_works_too(ircd_tls: TlsIrcd) -> None:
    # Twitch's anonymous login (justinfanNNN) sends no token; ngircd here wants its password,
    # so the login is refused, but only after a verified TLS handshake: a ConnectorError
    # about joining, not about the certificate.
    source = TwitchIrcSource(
        "sola_live",
        "justinfan123",
        host="127.0.0.1",
        port=ircd_tls.tls_port,
        ca_file=ircd_tls.ca,
        timeout_s=2,
    )
    with pytest.raises(ConnectorError) as err:
        source.start(lambda c: None)
    assert "could not join" in err.value.message
