"""Progress reports for long model operations (joining parts, downloading).

Callers pass a callback; the CLI draws a progress bar from it and the studio window a dialog.
Reports are frozen values; a callback must return quickly and never raise, except
:class:`Cancelled`, which is how a caller stops the operation (the window's Cancel button).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Step(str, Enum):
    JOIN = "join"
    COPY = "copy"
    DOWNLOAD = "download"
    VERIFY = "verify"


@dataclass(frozen=True)
class Progress:
    """``done`` of ``total`` bytes for one file of one model; ``total`` is None when unknown.

    ``overall_done``/``overall_total`` cover every file of the operation, so a single bar can show
    the whole install.
    """

    model: str
    step: Step
    file: str
    done: int
    total: int | None
    overall_done: int
    overall_total: int | None


ProgressCallback = Callable[[Progress], None]


class Cancelled(Exception):
    """Raised by a progress callback to stop the operation at its next report.

    What is done is kept where it can be used again: a download's ``FILE.part`` stays in its
    ``.download-NAME`` folder and the next install resumes it with a ``Range`` request; a join's
    staging folder is removed. Nothing half-made is ever renamed into the cache.
    """
