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

The helper never outlives the application, however the application ends (SIGKILL, a crash, the
OOM killer): it holds the read end of a pipe only the parent can write to, and a thread in it
exits the process when that pipe reaches end-of-file, which the kernel does the moment the
parent is gone (on every OS); it also exits when its parent process id changes. With the helper
gone, multiprocessing's resource tracker, which ``spawn`` starts beside it, sees its own pipe
close and exits too. (A ``ProcessPoolExecutor`` was used before: its queues hand the child both
ends of their pipes, so neither it nor the tracker noticed a killed parent and both lived on,
~250 MB each, until reboot.) Calls and replies travel over one duplex pipe, no semaphores.

On Linux and macOS (not frozen) the child is started as a plain interpreter with the parent's
``sys.path`` rather than through ``multiprocessing``, whose ``spawn`` also starts its resource
tracker (a 13 MB process that only named semaphores and shared memory need, and the helper uses
neither), and imports the application's ``__main__`` again in the child. A frozen build and
Windows keep ``spawn`` (the frozen executable re-enters through ``freeze_support``).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, Protocol, TypeVar, cast

from sola_studio.core.errors import SolaError

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Set to ``1`` to run helper calls in the calling process (debugging with pdb, profiling).
IN_PROCESS_ENV = "SOLA_STUDIO_HELPER_IN_PROCESS"

#: Set to ``1`` to start the helper through ``multiprocessing`` spawn everywhere, as a frozen
#: build and Windows do (tests run both ways).
SPAWN_ENV = "SOLA_STUDIO_HELPER_SPAWN"

#: How often the helper also checks that its parent is still the one that started it (s).
PARENT_CHECK_S = 1.0


class HelperError(SolaError):
    """The helper process died while working on a call."""


class _Process(Protocol):
    """What :class:`_Helper` needs of its child (``multiprocessing.Process`` has it)."""

    @property
    def pid(self) -> int | None: ...

    def is_alive(self) -> bool: ...

    def join(self, timeout: float | None = None) -> None: ...

    def kill(self) -> None: ...


class _Exec:
    """The helper as a plain child interpreter (POSIX, not frozen): no resource tracker."""

    def __init__(self, conn_fd: int, lifeline_fd: int) -> None:
        path = [entry or os.getcwd() for entry in sys.path]
        code = (
            "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
            "from sola_studio.core.helper import _exec_main; _exec_main(sys.argv[2:])"
        )
        args = [json.dumps(path), str(conn_fd), str(lifeline_fd), str(os.getpid())]
        self._popen = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            pass_fds=(conn_fd, lifeline_fd),
            stdin=subprocess.DEVNULL,
        )

    @property
    def pid(self) -> int | None:
        return self._popen.pid

    def is_alive(self) -> bool:
        return self._popen.poll() is None

    def join(self, timeout: float | None = None) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._popen.wait(timeout)

    def kill(self) -> None:
        self._popen.kill()


class _Helper:
    """The running child: its process, the call pipe and the write end of its lifeline."""

    def __init__(self) -> None:
        self.process: _Process
        plain = os.name == "posix" and not getattr(sys, "frozen", False)
        if plain and os.environ.get(SPAWN_ENV) != "1":
            ours, theirs = socket.socketpair()
            lifeline_r, lifeline_w = os.pipe()
            try:
                self.process = _Exec(theirs.fileno(), lifeline_r)
            finally:
                theirs.close()
                os.close(lifeline_r)
            self.conn = Connection(ours.detach())
            self.lifeline = Connection(lifeline_w, readable=False)
            return
        ctx = multiprocessing.get_context("spawn")
        self.conn, child_conn = ctx.Pipe(duplex=True)
        lifeline, self.lifeline = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=_serve,
            args=(child_conn, lifeline, os.getpid()),
            name="sola-helper",
            daemon=True,  # terminated by multiprocessing at a normal exit
        )
        process.start()
        self.process = process
        # Only the child may hold these: the lifeline reaches EOF when no parent holds its
        # write end, and the call pipe when the child dies.
        child_conn.close()
        lifeline.close()

    def stop(self, timeout: float = 5.0) -> None:
        self.lifeline.close()  # the child's watcher exits on EOF, even mid-call
        self.conn.close()
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout)


_helper: _Helper | None = None
_state_lock = threading.Lock()  # guards _helper
_call_lock = threading.Lock()  # one call on the pipe at a time


def call(fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)`` in the helper process. ``fn`` must be a module-level function and its
    arguments and result picklable; its exceptions are raised here."""
    if os.environ.get(IN_PROCESS_ENV) == "1":
        return fn(*args)
    with _call_lock:
        helper = _running()
        try:
            helper.conn.send((fn, args))
        except OSError:
            # The helper died between two calls (killed, out of memory): nothing of this call
            # ran yet, so start a fresh helper and hand it the call.
            log.warning("the helper process had stopped; starting a new one")
            _discard(helper)
            helper = _running()
            helper.conn.send((fn, args))
        try:
            ok, value = helper.conn.recv()
        except (EOFError, OSError) as exc:
            _discard(helper)
            raise HelperError(
                f"the helper process stopped while running {fn.__name__} ({exc or 'EOF'})",
                fix="try again; if it keeps stopping, run 'sola-studio doctor' (memory?)",
            ) from exc
    if not ok:
        raise cast(BaseException, value)
    return cast(T, value)


def shutdown() -> None:
    """Stop the helper now (it is also stopped when the application exits, or dies)."""
    global _helper
    with _state_lock:
        helper, _helper = _helper, None
    if helper is not None:
        helper.stop()


def helper_pid() -> int | None:
    """The helper's process id, or None when none is running (for tests and the doctor)."""
    with _state_lock:
        helper = _helper
    if helper is None or not helper.process.is_alive():
        return None
    return helper.process.pid


def _running() -> _Helper:
    global _helper
    with _state_lock:
        if _helper is not None and not _helper.process.is_alive():
            log.warning("the helper process had stopped; starting a new one")
            _helper.stop(timeout=0.1)
            _helper = None
        if _helper is None:
            log.info("starting the helper process")
            _helper = _Helper()
        return _helper


atexit.register(shutdown)


def _discard(helper: _Helper) -> None:
    global _helper
    with _state_lock:
        if _helper is helper:
            _helper = None
    helper.stop(timeout=1.0)


# -- in the helper process ---------------------------------------------------------------------


def _exec_main(argv: Sequence[str]) -> None:
    """The helper's entry as a plain child interpreter (see :class:`_Exec`)."""
    conn_fd, lifeline_fd, parent_pid = (int(x) for x in argv)
    _serve(Connection(conn_fd), Connection(lifeline_fd, writable=False), parent_pid)


def _serve(conn: Connection, lifeline: Connection, parent_pid: int) -> None:
    """The helper's main loop: run each call that arrives, send back its result or error."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    threading.Thread(
        target=_exit_with_parent, args=(lifeline, parent_pid), name="lifeline", daemon=True
    ).start()
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        fn, args = request
        reply: tuple[bool, Any]
        try:
            reply = (True, fn(*args))
        except BaseException as exc:
            reply = (False, exc)
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result or error that cannot be pickled
            conn.send((False, HelperError(f"{fn.__name__} returned what cannot be sent: {exc}")))


def _exit_with_parent(lifeline: Connection, parent_pid: int) -> None:
    """Exit the process when the parent is gone: its lifeline ends (every OS) or this
    process was handed to another parent (POSIX, should the pipe have leaked to a fork)."""
    while True:
        try:
            if lifeline.poll(PARENT_CHECK_S):
                lifeline.recv_bytes()  # the parent never writes: this is end-of-file
        except (EOFError, OSError):
            os._exit(0)
        if os.name == "posix" and os.getppid() != parent_pid:
            os._exit(0)
