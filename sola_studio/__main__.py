"""``python -m sola_studio`` is the same as the ``sola-studio`` command."""

from sola_studio.cli import main

raise SystemExit(main())
