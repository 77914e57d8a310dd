"""``sola-studio report`` with arguments a seller can get wrong: each is one clear message with
its fix, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures import sample_report as sample

from sola_studio.cli import main as cli_main


@pytest.fixture
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """A profile ``shop`` holding the sample show; returns its session id."""
    home = tmp_path / "home"
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(home))
    return sample.install_profile(tmp_path, home)


@pytest.mark.parametrize("days", ["-1", "0", "nan", "inf", "a month"])
def test_a_retention_that_is_not_a_period_is_refused_on_the_command_line(
    days: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli_main(["report", "--profile", "shop", "--retention-days", days])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--retention-days" in err and "above 0" in err and "Traceback" not in err


def test_out_may_be_a_folder(profile: int, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    assert cli_main(["report", "--profile", "shop", "--out", str(folder)]) == 0
    assert (folder / f"session-{profile}.html").read_text().startswith("<!")


def test_out_where_nothing_can_be_written_is_one_message_with_the_fix(
    profile: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    assert cli_main(["report", "--profile", "shop", "--out", str(blocker / "show.html")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write the report to") and "fix:" in err
