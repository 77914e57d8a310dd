"""The helper process that runs the libraries holding Python's global lock (fxtranslate, lingua).

The studio window stays responsive only if those run outside the GUI's process; these tests check
that they do, that their answers and errors come back intact, and that a helper that dies is
replaced instead of taking translation down for the rest of the live.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from pathlib import Path

import pytest
from helpers import wait_until

from sola_studio.comments.language import LanguageIdentifier
from sola_studio.core import helper
from sola_studio.core.errors import ModelCorrupt
from sola_studio.models.bergamot import BergamotFiles, bergamot_pairs
from sola_studio.translate.bergamot import BergamotTranslator


@pytest.fixture(scope="module")
def bergamot() -> BergamotTranslator:
    return BergamotTranslator(bergamot_pairs())


def _pid_of_helper() -> int:
    pid = helper.helper_pid()
    assert pid is not None
    return pid


def test_translation_and_language_id_run_in_the_helper_not_here(
    bergamot: BergamotTranslator,
) -> None:
    out = bergamot.translate(["The blue dress costs 20 dollars."], "en", ["pt"])["pt"][0]
    assert "vestido" in out.lower() and "20" in out
    pid = _pid_of_helper()
    assert pid != os.getpid()
    guess = LanguageIdentifier(("en", "pt", "es")).guess("quanto custa o vestido azul tamanho M?")
    assert guess.language == "pt"
    assert helper.helper_pid() == pid  # one helper for both, not one process per library


def test_a_helper_killed_between_calls_is_replaced_without_losing_the_call(
    bergamot: BergamotTranslator,
) -> None:
    bergamot.translate(["Hello."], "en", ["pt"])
    old = _pid_of_helper()
    os.kill(old, signal.SIGKILL)

    def gone() -> bool:
        try:
            os.kill(old, 0)
        except ProcessLookupError:
            return True
        return helper.helper_pid() != old

    wait_until(gone, timeout=10, what="the killed helper to be gone")
    out = bergamot.translate(["I have three shirts."], "en", ["pt"])["pt"][0]
    assert "camisa" in out.lower()
    assert _pid_of_helper() != old


def test_a_helper_dying_mid_call_is_a_clear_error_and_the_next_call_works(
    bergamot: BergamotTranslator, tmp_path: Path
) -> None:
    bergamot.translate(["Hello."], "en", ["pt"])
    pid = _pid_of_helper()
    errors: list[BaseException] = []

    marker = tmp_path / "inside"

    def slow_call() -> None:
        try:  # the helper runs a 30 s sleep that first writes its pid where the test sees it
            helper.call(subprocess.run, ["sh", "-c", f"echo $$ > {marker}; exec sleep 30"])
        except BaseException as exc:
            errors.append(exc)

    caller = threading.Thread(target=slow_call)
    caller.start()
    wait_until(lambda: marker.exists() and marker.read_text().strip(), 10, "the helper's call")
    os.kill(pid, signal.SIGKILL)
    os.kill(int(marker.read_text()), signal.SIGKILL)  # the helper's orphaned sleep
    caller.join(timeout=20)
    assert not caller.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], helper.HelperError)
    assert errors[0].fix  # names what to do
    assert "shirt" not in bergamot.translate(["I have two shirts."], "en", ["pt"])["pt"][0]


def test_a_broken_model_raises_its_typed_error_across_the_process(tmp_path: Path) -> None:
    for name in ("model.enxx.intgemm.alphas.bin", "vocab.enxx.spm", "lex.50.50.enxx.s2t.bin"):
        (tmp_path / name).write_bytes(b"not a model")
    broken = BergamotFiles(
        "en",
        "xx",
        tmp_path / "model.enxx.intgemm.alphas.bin",
        tmp_path / "vocab.enxx.spm",
        tmp_path / "vocab.enxx.spm",
        tmp_path / "lex.50.50.enxx.s2t.bin",
    )
    with pytest.raises(ModelCorrupt) as err:
        BergamotTranslator([broken]).translate(["Hello"], "en", ["xx"])
    assert "bergamot:en-xx" in str(err.value.fix)
