"""Entry point of the frozen Sola Studio app (PyInstaller): the same ``sola-studio`` command.

With no arguments it opens the studio window, like the installed command. It must never hold
logic of its own: everything is in :mod:`sola_studio.cli`.
"""

import multiprocessing

from sola_studio.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen Windows/macOS app re-enters here in child processes
    raise SystemExit(main())
