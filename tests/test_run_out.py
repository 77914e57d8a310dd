"""``sola-studio run --out`` naming something that cannot be the session's folder is one
message with its fix, before any model loads (it was a FileExistsError traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.cli import main as cli_main


def test_run_out_a_file_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOLA_STUDIO_HOME", str(tmp_path / "home"))
    existing = tmp_path / "notes.txt"
    existing.write_text("not a folder")
    assert cli_main(["run", "--demo", "--out", str(existing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: --out {existing}") and "fix: pass --out a folder" in err
