#!/usr/bin/env bash
# Screenshots of the studio window for the docs, in English and Simplified Chinese:
# runs the demo session (sample talk, video, sheet and comments) under a virtual X display
# (Xvfb) and saves the window after it has been live for a while.
# Usage: scripts/screenshots.sh [SECONDS_LIVE]   -> docs/img/studio.png, docs/img/studio_zh.png
set -euo pipefail
cd "$(dirname "$0")/.."
after="${1:-40}"
homes="$(mktemp -d)"
trap 'rm -rf "$homes"' EXIT
export QT_QPA_PLATFORM=xcb
shoot() {  # language, output
  # A clean profile per shot (no settings, no earlier sessions): the second show would
  # otherwise remember the first one's viewers, and the two pictures would differ.
  SOLA_STUDIO_HOME="$(mktemp -d -p "$homes")" \
    xvfb-run --auto-servernum --server-args="-screen 0 1600x1000x24" \
    .venv/bin/sola-studio studio --demo --language "$1" --screenshot "$2" --after "$after"
  echo "==> $2"
}
shoot en docs/img/studio.png
shoot zh_CN docs/img/studio_zh.png
