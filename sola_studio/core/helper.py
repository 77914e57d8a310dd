"""One helper process for native libraries that never release Python's global lock.

Most of the native code Sola Studio runs (CTranslate2, onnxruntime, OpenCV, PyAV, NumPy) lets
other Python threads run while it works. Two libraries do not: ``fxtranslate`` (Bergamot) holds
the lock for the whole of a translation (~1 ms a word: 56 ms for a 40-word caption here) and
``lingua`` holds it while it loads its language models (~0.9 s for six languages). In the studio
that is a frozen window: the GUI thread cannot run a line of Python meanwhile. So those calls
run here, in one child process shared by the whole application; the calling thread waits on a
pipe with the lock released.

:func:`call` runs a module-level function in the helper and returns its result. The function
keeps what it loads (engines, detectors) in its own module globals, so only the first call pays
for it. A helper found dead between calls (killed, out of memory) is started again; a call that
was running when it died raises :class:`HelperError` (the next call starts a new one).

The child is started with ``spawn`` (never ``fork``: the parent runs Qt and many threads), so it
imports only what the called function's module imports. A frozen build (PyInstaller) must call
:func:`multiprocessing.freeze_support` first thing; ``sola_studio.cli.main`` does.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from sola_studio.core.errors import SolaError

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Set to ``1`` to run helper calls in the calling process (debugging with pdb, profiling).
IN_PROCESS_ENV = "SOLA_STUDIO_HELPER_IN_PROCESS"

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


class HelperError(SolaError):
    """The helper process died while working on a call."""


def call(fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)`` in the helper process. ``fn`` must be a module-level function and its
    arguments and result picklable; its exceptions are raised here."""
    if os.environ.get(IN_PROCESS_ENV) == "1":
        return fn(*args)
    pool = _get_pool()
    try:
        future = pool.submit(fn, *args)
    except BrokenProcessPool:
        # The helper died between two calls (killed, out of memory): nothing of this call ran
        # yet, so start a fresh helper and hand it the call.
        log.warning("the helper process had stopped; starting a new one")
        _discard(pool)
        pool = _get_pool()
        future = pool.submit(fn, *args)
    try:
        return future.result()
    except BrokenProcessPool as exc:
        _discard(pool)
        raise HelperError(
            f"the helper process stopped while running {fn.__name__} ({exc})",
            fix="try again; if it keeps stopping, run 'sola-studio doctor' (memory?)",
        ) from exc


def shutdown() -> None:
    """Stop the helper now (it is also stopped when the application exits)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def helper_pid() -> int | None:
    """The helper's process id, or None when none is running (for tests and the doctor)."""
    with _pool_lock:
        pool = _pool
    if pool is None:
        return None
    processes = getattr(pool, "_processes", None) or {}
    return next(iter(processes), None)


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            log.info("starting the helper process")
            _pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)
