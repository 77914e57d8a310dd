#!/usr/bin/env bash
# The main job: a demo session on the bundled sample media and the default models.
# With a display it opens the studio window; without one it runs the same session headless and
# writes the captioned recording, subtitles and report under out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${SOLA_HEADLESS:-}" ]; then
  exec .venv/bin/sola-studio studio --demo
fi
exec .venv/bin/sola-studio run --demo --out out/demo
