#!/usr/bin/env bash
# Installs the unpacked Sola Studio folder for this user: the app stays where it is unpacked,
# `sola-studio` goes on PATH (~/.local/bin), and the desktop entry and icons make it appear in
# the application menu. Run from the unpacked folder: ./install.sh  (./install.sh --remove undoes it)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$bin/sola-studio" "$data/applications/sola-studio.desktop"
  rm -f "$data"/icons/hicolor/*/apps/sola-studio.png "$data/icons/hicolor/scalable/apps/sola-studio.svg"
  echo "removed Sola Studio from the menu and PATH (the folder $here is left alone)"
  exit 0
fi
mkdir -p "$bin" "$data/applications"
ln -sf "$here/sola-studio" "$bin/sola-studio"
for png in "$here"/share/icons/sola-studio-*.png; do
  size="${png##*-}"; size="${size%.png}"
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$data/icons/hicolor/${size}x${size}/apps/sola-studio.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/share/icons/sola-studio.svg" "$data/icons/hicolor/scalable/apps/sola-studio.svg"
sed "s|^Exec=sola-studio|Exec=$here/sola-studio|; s|^TryExec=sola-studio|TryExec=$here/sola-studio|" \
  "$here/share/sola-studio.desktop" > "$data/applications/sola-studio.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "installed: run sola-studio, or open Sola Studio from the application menu"
