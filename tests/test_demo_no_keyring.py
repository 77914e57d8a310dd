"""``make demo`` on a fresh machine without a keyring (a server, a container, a CI runner): the
demo runs on its own profile, whose database key is a random one in a 0600 file inside that
profile, so the README's first command needs neither a keyring nor a passphrase; the seller's
own profile still refuses to make a key it cannot keep (the keyring-or-passphrase rule).

The suite sets ``SOLA_STUDIO_STORE_KEY`` for every test (conftest.py); here it is unset, and
the keyring is keyring's own "fail" backend, as on a machine with none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO_ROOT

from sola_studio.live.options import DEMO_PROFILE
from sola_studio.store.cipher import KEY_ENV, PASSPHRASE_ENV
from sola_studio.store.errors import is_clear_text


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (KEY_ENV, PASSPHRASE_ENV)}
    env["SOLA_STUDIO_HOME"] = str(home)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return env


def _cli(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sola_studio", *argv],
        env=_env(home),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
def test_the_demo_runs_without_a_keyring_and_the_sellers_profile_still_asks(
    tmp_path: Path,
) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    demo = _cli(home, "run", "--demo", "--fast", "--model", "tiny.en", "--out", str(out))
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-3000:]
    assert "algodão" in (out / "show.pt.srt").read_text(encoding="utf-8").lower()
    assert (out / "report.html").stat().st_size > 0

    profile = home / "data" / "profiles" / DEMO_PROFILE
    key = profile / "demo.key"
    assert key.stat().st_mode & 0o777 == 0o600
    database = profile / "sessions.db"
    assert database.stat().st_size > 0 and not is_clear_text(database)  # encrypted all the same
    assert key.read_text().strip() not in database.read_bytes().decode("latin-1")

    # another process (the seller opening the demo's report later) opens it with the same key
    listed = _cli(home, "report", "--profile", DEMO_PROFILE, "--list")
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "Demo show" in listed.stdout

    # the seller's own profile keeps the rule: no keyring, no passphrase, no key made
    seller = _cli(home, "report", "--list")
    assert seller.returncode == 1
    assert "no system keyring can keep the key of profile 'default'" in seller.stderr
    assert "choose a passphrase" in seller.stderr
    assert not (home / "data" / "profiles" / "default" / "demo.key").exists()


def test_the_window_and_run_share_the_demo_profile() -> None:
    pytest.importorskip("PySide6")
    from sola_studio.ui.session import DEMO_PROFILE as WINDOW_DEMO_PROFILE

    assert WINDOW_DEMO_PROFILE == DEMO_PROFILE
