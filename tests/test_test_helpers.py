"""The shared test helpers do what the suite relies on: wait_until returns as soon as the
condition holds and fails naming it otherwise; a missing real part skips on a laptop and fails
under CI (SOLA_REQUIRE_REAL_PARTS=1)."""

from __future__ import annotations

import re
import sys
import threading
import time

import pytest
from helpers import (
    REAL_PARTS,
    REPO_ROOT,
    REQUIRE_REAL_PARTS_ENV,
    english_words,
    require_program,
    wait_until,
)


def test_wait_until_returns_when_another_thread_sets_the_condition() -> None:
    done = threading.Event()
    threading.Timer(0.05, done.set).start()
    start = time.monotonic()
    wait_until(done.is_set, timeout=5, what="the timer")
    assert time.monotonic() - start < 2


def test_wait_until_fails_naming_what_it_waited_for() -> None:
    with pytest.raises(pytest.fail.Exception, match="waiting for the caption to appear"):
        wait_until(lambda: False, timeout=0.05, what="the caption to appear")


def test_a_missing_program_skips_on_a_laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REQUIRE_REAL_PARTS_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-ircd is not installed"):
        require_program("no-such-ircd-0xdead", part="no-such-ircd")


def test_a_missing_program_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE_REAL_PARTS_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=r"no-such-ircd is not installed.*setup\.sh"):
        require_program("no-such-ircd-0xdead", part="no-such-ircd")
    assert require_program("no-such-ircd-0xdead", sys.executable) == sys.executable


@pytest.mark.real_part("no-such-ircd-0xdead", sys.executable, part="python")
def test_the_real_part_marker_runs_the_test_when_one_program_is_there() -> None:
    assert require_program(sys.executable) == sys.executable


def test_setup_installs_every_real_part_for_the_tests() -> None:
    """CI runs ``scripts/setup.sh test``, then the suite with every real part required: each
    part of REAL_PARTS is one of the apt packages the script installs (the part's name)."""
    script = (REPO_ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    packages = {
        name
        for listed in re.findall(r"apt_packages\+?=\(([^)]*)\)", script)
        for name in listed.split()
    }
    assert {"ffmpeg", "ngircd"} <= packages  # the script was read
    assert [part for part in REAL_PARTS if part.lower() not in packages] == []


def test_english_words_finds_what_is_left_untranslated_and_nothing_else() -> None:
    """One checker for every Chinese window test: commands in 「」, addresses, paths, file and
    product names, mnemonics and the names kept as they are do not count."""
    text = (
        "运行「sola-studio models install base」，见 https://example.org/a 或 ~/models/x，"
        "打开 report.html，在 OBS Virtual Camera 中选择 TikTok LIVE(&N)，然后 Retry resumes"
    )
    assert english_words(text) == ["Retry", "resumes"]
    assert english_words(text, names={"tiktok", "live", "retry"}) == ["resumes"]
    assert english_words("下载 base 模型") == [] and english_words("下载 base 模型", names=()) == [
        "base"
    ]
