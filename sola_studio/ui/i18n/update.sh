#!/usr/bin/env bash
# Refreshes the window's translations: collects every tr()/translate() string of sola_studio/ui
# into the .ts sources (keeping what translators wrote), then compiles the .qm files Qt loads.
# Usage: sola_studio/ui/i18n/update.sh   (from anywhere; needs the venv's PySide6 tools)
set -euo pipefail
cd "$(dirname "$0")"
root=../../..
files=$(find .. -name '*.py' -not -path '*/i18n/*' | sort)
for ts in sola_studio_*.ts; do
  "$root/.venv/bin/pyside6-lupdate" -no-obsolete $files -ts "$ts"
  "$root/.venv/bin/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
