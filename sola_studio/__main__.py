"""``python -m sola_studio`` is the same as the ``sola-studio`` command."""

from sola_studio.cli import main

# Guarded: the helper process (sola_studio.core.helper) is started with "spawn", which imports
# this module again in the child under another name; it must not start a second studio there.
if __name__ == "__main__":
    raise SystemExit(main())
