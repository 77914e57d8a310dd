"""Where viewer comments come from: the same sources as ``sola-studio run --comments``, as a
form for Settings › Comments and the setup's Comments page.

TikTok LIVE (@account; unofficial, with the notice and whether the optional library is
installed), YouTube Live (auto or a video id; the sign-in state and a button that runs the same
browser sign-in as ``sola-studio chat youtube login``), Twitch (#channel), the local endpoint
(port and shared secret) and a replay file. :meth:`CommentSourcesForm.specs` gives the specs the
composition root parses (:mod:`sola_studio.chat.specs`); :meth:`CommentSourcesForm.problems`
checks them without connecting. Nothing here connects to a platform: the sign-in runs the core's
:class:`~sola_studio.chat.youtube.YouTubeAuth` on a worker thread.
"""

from __future__ import annotations

import importlib.metadata
import logging
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sola_studio import config, paths
from sola_studio.config import Settings
from sola_studio.core.errors import ConnectorError, SolaError
from sola_studio.store.tokens import TokenVault
from sola_studio.ui import theme

if TYPE_CHECKING:
    from sola_studio.chat.youtube import YouTubeAuth

log = logging.getLogger(__name__)

DEFAULT_WEBHOOK_PORT = 8780


def tiktok_library() -> str:
    """The installed TikTokLive version; a ConnectorError with the fix when it is missing or
    too old (what ``tiktok:`` would say at Go live), without importing the library."""
    from sola_studio.chat.tiktok import INSTALL_FIX, MIN_MAJOR

    try:
        version = importlib.metadata.version("TikTokLive")
    except importlib.metadata.PackageNotFoundError as exc:
        raise ConnectorError(
            "the optional TikTokLive library is not installed", fix=INSTALL_FIX
        ) from exc
    major = version.split(".")[0]
    if not major.isdigit() or int(major) < MIN_MAJOR:
        raise ConnectorError(f"TikTokLive {version} is too old for TikTok LIVE", fix=INSTALL_FIX)
    return version


def _describe(exc: object) -> str:
    if isinstance(exc, SolaError):
        return f"{exc.message} — {exc.fix}" if exc.fix else exc.message
    return str(exc)


def _note(text: str = "", colour: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setObjectName("dim")
    if colour:
        label.setStyleSheet(f"color: {colour};")
    return label


class CommentSourcesForm(QWidget):
    """One checkable group per source; several may be on at once (one per platform)."""

    signed_in = Signal(bool)  # after the YouTube sign-in state was read or changed
    _login_done = Signal(object)  # None, or the exception the sign-in raised

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        vault: TokenVault | None = None,
        open_url: Callable[[str], object] = webbrowser.open,
        library_check: Callable[[], str] = tiktok_library,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._open_url = open_url
        self._library_check = library_check
        self._login_thread: threading.Thread | None = None
        chosen = self._split(settings.comment_sources)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        # TikTok LIVE
        self.tiktok = self._group(self.tr("TikTok LIVE"), "tiktok" in chosen)
        form = QFormLayout(self.tiktok)
        self.tiktok_user = QLineEdit(chosen.get("tiktok", ""))
        self.tiktok_user.setPlaceholderText("@yourshop")
        form.addRow(self.tr("Account"), self.tiktok_user)
        form.addRow(
            _note(
                self.tr(
                    "Unofficial: TikTok offers no API for LIVE chat, so comments are read "
                    "through the TikTokLive library. It may break when TikTok changes, until the "
                    "library is updated. Replies are copied to the clipboard for you to paste."
                ),
                theme.AMBER,
            )
        )
        self.tiktok_status = _note()
        form.addRow(self.tiktok_status)
        layout.addWidget(self.tiktok)

        # YouTube Live
        self.youtube = self._group(self.tr("YouTube Live"), "youtube" in chosen)
        form = QFormLayout(self.youtube)
        self.youtube_target = QLineEdit(
            "" if chosen.get("youtube", "auto") == "auto" else chosen["youtube"]
        )
        self.youtube_target.setPlaceholderText(self.tr("auto (your channel's live broadcast)"))
        form.addRow(self.tr("Broadcast"), self.youtube_target)
        row = QHBoxLayout()
        self.youtube_client = QLineEdit(settings.youtube_client)
        self.youtube_client.setPlaceholderText(str(self.default_client_file()))
        self.youtube_client.editingFinished.connect(self.refresh_sign_in)
        row.addWidget(self.youtube_client, 1)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._pick_client)
        row.addWidget(browse)
        form.addRow(self.tr("OAuth client"), row)
        row = QHBoxLayout()
        self.youtube_state = _note()
        row.addWidget(self.youtube_state, 1)
        self.sign_in_button = QPushButton(self.tr("Sign in…"))
        self.sign_in_button.clicked.connect(self.sign_in)
        row.addWidget(self.sign_in_button)
        form.addRow(self.tr("Account"), row)
        layout.addWidget(self.youtube)

        # Twitch
        self.twitch = self._group(self.tr("Twitch"), "twitch" in chosen)
        form = QFormLayout(self.twitch)
        self.twitch_channel = QLineEdit(chosen.get("twitch", ""))
        self.twitch_channel.setPlaceholderText("#yourchannel")
        form.addRow(self.tr("Channel"), self.twitch_channel)
        layout.addWidget(self.twitch)

        # the local endpoint
        self.webhook = self._group(
            self.tr("Local endpoint (any other platform, through a chat aggregator)"),
            "webhook" in chosen,
        )
        form = QFormLayout(self.webhook)
        self.webhook_port = QSpinBox()
        self.webhook_port.setRange(1024, 65535)
        port = chosen.get("webhook", "")
        self.webhook_port.setValue(int(port) if port.isdigit() else DEFAULT_WEBHOOK_PORT)
        form.addRow(self.tr("Port"), self.webhook_port)
        # the secret lives in the system keyring (config.webhook_secret), never in settings.json
        self._kept_secret = ""
        try:
            self._kept_secret = config.webhook_secret(settings) or ""
        except SolaError as exc:  # set but unreadable (a locked keyring): said under the form
            log.warning("%s", _describe(exc))
        self.webhook_secret = QLineEdit(self._kept_secret)
        self.webhook_secret.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.webhook_secret.setPlaceholderText(self.tr("none: any program on this computer"))
        form.addRow(self.tr("Shared secret"), self.webhook_secret)
        self.webhook_url = _note()
        form.addRow(self.webhook_url)
        self.webhook_port.valueChanged.connect(self._show_url)
        layout.addWidget(self.webhook)

        # a replay file
        self.replay = self._group(
            self.tr("Replay file (rehearse with recorded comments)"), "file" in chosen
        )
        form = QFormLayout(self.replay)
        row = QHBoxLayout()
        self.replay_path = QLineEdit(chosen.get("file", ""))
        self.replay_path.setPlaceholderText("comments.jsonl")
        row.addWidget(self.replay_path, 1)
        pick = QPushButton(self.tr("Choose…"))
        pick.clicked.connect(self._pick_replay)
        row.addWidget(pick)
        form.addRow(self.tr("File"), row)
        layout.addWidget(self.replay)

        self.problem = _note("", theme.RED)
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)

        self._login_done.connect(self._on_login_done, Qt.ConnectionType.QueuedConnection)
        self._show_url()
        self.refresh_library()
        self.refresh_sign_in()

    # -- reading and writing the settings ------------------------------------------------------

    @staticmethod
    def _split(specs: tuple[str, ...]) -> dict[str, str]:
        """``("tiktok:@shop", "x.jsonl")`` -> ``{"tiktok": "@shop", "file": "x.jsonl"}``."""
        from sola_studio.chat.specs import LIVE_PLATFORMS

        out: dict[str, str] = {}
        for spec in specs:
            kind, _, rest = spec.partition(":")
            if kind.lower() in LIVE_PLATFORMS:
                out[kind.lower()] = rest.strip()
            else:
                out["file"] = spec
        return out

    def _group(self, title: str, checked: bool) -> QGroupBox:
        box = QGroupBox(title)
        box.setCheckable(True)
        box.setChecked(checked)
        return box

    def specs(self) -> tuple[str, ...]:
        """The chosen sources as ``--comments`` specs, in a fixed order."""
        out: list[str] = []
        if self.tiktok.isChecked():
            user = self.tiktok_user.text().strip()
            out.append(f"tiktok:{user if user.startswith('@') or not user else '@' + user}")
        if self.youtube.isChecked():
            out.append(f"youtube:{self.youtube_target.text().strip() or 'auto'}")
        if self.twitch.isChecked():
            channel = self.twitch_channel.text().strip().lstrip("#")
            out.append(f"twitch:#{channel}" if channel else "twitch:")
        if self.webhook.isChecked():
            out.append(f"webhook:{self.webhook_port.value()}")
        if self.replay.isChecked():
            out.append(self.replay_path.text().strip())
        return tuple(out)

    def problems(self) -> list[str]:
        """What would keep Go live from reading the chosen sources, each with its fix (shown
        under the form too); empty when all is well."""
        from sola_studio.chat.specs import check_spec

        found: list[str] = []
        for spec in self.specs():
            try:
                check_spec(spec)
            except SolaError as exc:
                found.append(_describe(exc))
        if self.tiktok.isChecked():
            try:
                self._library_check()
            except SolaError as exc:
                found.append(_describe(exc))
        if self.replay.isChecked() and "," in self.replay_path.text():
            found.append(self.tr("A replay file's name must not contain a comma — rename it."))
        secret = self.webhook_secret.text().strip()
        if secret and secret != self._kept_secret and not config.can_keep_secrets():
            found.append(
                self.tr(
                    "No keyring on this computer can keep the shared secret — set "
                    "SOLA_WEBHOOK_SECRET before starting Sola Studio, or install a keyring "
                    "(gnome-keyring, KWallet)."
                )
            )
        self.problem.setText("\n".join(found))
        self.problem.setVisible(bool(found))
        return found

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with the chosen sources; a changed shared secret goes into the system
        keyring here (settings.json keeps only whether one is set)."""
        secret = self.webhook_secret.text().strip()
        secret_set = settings.webhook_secret_set
        if secret != self._kept_secret:
            secret_set = config.set_webhook_secret(secret)
            self._kept_secret = secret
        elif secret:
            secret_set = True
        return settings.replace(
            comment_sources=self.specs(),
            webhook_secret_set=secret_set,
            youtube_client=self.youtube_client.text().strip(),
        )

    # -- TikTok --------------------------------------------------------------------------------

    def refresh_library(self) -> None:
        try:
            version = self._library_check()
        except SolaError as exc:
            self.tiktok_status.setText(_describe(exc))
            self.tiktok_status.setStyleSheet(f"color: {theme.AMBER};")
            return
        self.tiktok_status.setText(self.tr("TikTokLive {0} is installed.").format(version))
        self.tiktok_status.setStyleSheet(f"color: {theme.OK};")

    # -- YouTube -------------------------------------------------------------------------------

    @staticmethod
    def default_client_file() -> Path:
        return paths.config_dir() / "youtube_client.json"

    def client_file(self) -> Path:
        text = self.youtube_client.text().strip()
        return Path(text) if text else self.default_client_file()

    def _auth(self) -> YouTubeAuth:
        from sola_studio.chat.youtube import OAuthClient, YouTubeAuth

        return YouTubeAuth(OAuthClient.from_file(self.client_file()), vault=self._vault)

    def refresh_sign_in(self) -> None:
        """Read the sign-in state (the keyring) and show it with what to do next."""
        path = self.client_file()
        if not path.is_file():
            self.youtube_state.setText(
                self.tr(
                    "No OAuth client file at {0}. In Google Cloud Console enable YouTube Data "
                    "API v3, create an OAuth client ID of type Desktop app and save its JSON "
                    "there (or choose it)."
                ).format(path)
            )
            self.youtube_state.setStyleSheet(f"color: {theme.AMBER};")
            self.sign_in_button.setEnabled(False)
            self.signed_in.emit(False)
            return
        try:
            ok = self._auth().signed_in()
        except SolaError as exc:
            self.youtube_state.setText(_describe(exc))
            self.youtube_state.setStyleSheet(f"color: {theme.AMBER};")
            self.sign_in_button.setEnabled(False)
            self.signed_in.emit(False)
            return
        busy = self._login_thread is not None
        self.sign_in_button.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Sign in again…") if ok else self.tr("Sign in…"))
        self.youtube_state.setText(
            self.tr("Signed in to YouTube.") if ok else self.tr("Not signed in to YouTube.")
        )
        self.youtube_state.setStyleSheet(f"color: {theme.OK if ok else theme.AMBER};")
        self.signed_in.emit(ok)

    def sign_in(self) -> None:
        """Google's consent page in the browser, the code back to a one-shot listener on
        127.0.0.1, the token to the keyring: ``sola-studio chat youtube login``, on a thread."""
        if self._login_thread is not None:
            return
        try:
            auth = self._auth()
        except SolaError as exc:
            self._on_login_done(exc)
            return
        self.sign_in_button.setEnabled(False)
        self.youtube_state.setText(self.tr("Waiting for you to sign in in the browser…"))
        self.youtube_state.setStyleSheet("")

        def work() -> None:
            try:
                auth.login(self._open_url)
            except Exception as exc:
                log.warning("YouTube sign-in failed: %s", exc)
                self._login_done.emit(exc)
            else:
                self._login_done.emit(None)

        self._login_thread = threading.Thread(target=work, name="youtube-login", daemon=True)
        self._login_thread.start()

    def _on_login_done(self, error: object) -> None:
        self._login_thread = None
        self.refresh_sign_in()
        if error is not None:
            self.youtube_state.setText(self.tr("Sign-in failed: {0}").format(_describe(error)))
            self.youtube_state.setStyleSheet(f"color: {theme.RED};")

    def _pick_client(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Your OAuth client (Desktop app)"), str(Path.home()), "JSON (*.json)"
        )
        if name:
            self.youtube_client.setText(name)
            self.refresh_sign_in()

    # -- the endpoint and the replay -----------------------------------------------------------

    def _show_url(self) -> None:
        self.webhook_url.setText(
            self.tr("Your aggregator posts JSON to http://127.0.0.1:{0}/comments").format(
                self.webhook_port.value()
            )
        )

    def _pick_replay(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Recorded comments"), str(Path.home()), "JSON lines (*.jsonl)"
        )
        if name:
            self.replay_path.setText(name)
