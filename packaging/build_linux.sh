#!/usr/bin/env bash
# Builds the Linux one-folder app and its tarball:
#   build/pyinstaller/dist/sola-studio/            the app (run ./sola-studio)
#   build/pyinstaller/sola-studio-VERSION-linux-ARCH.tar.gz
# Needs the venv from scripts/setup.sh with the ui, fonts and dev extras (PyInstaller).
# Prints the build time and the app's size. Usage: packaging/build_linux.sh [--no-tarball]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
out=build/pyinstaller
start=$(date +%s)

"$PY" scripts/third_party_notices.py
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$out/dist" --workpath "$out/work" packaging/sola_studio.spec

app="$out/dist/sola-studio"
# the desktop entry, the icons and the notices at the top, where install.sh and sellers look
mkdir -p "$app/share/icons"
cp packaging/linux/install.sh "$app/install.sh"
cp packaging/linux/sola-studio.desktop "$app/share/"
cp packaging/THIRD_PARTY_NOTICES "$app/"
for size in 16 24 32 48 64 128 256 512; do
  cp "assets/icons/sola-studio-$size.png" "$app/share/icons/"
done
cp assets/icons/sola-studio.svg "$app/share/icons/"

if [ "${1:-}" != "--no-tarball" ]; then
  version=$("$PY" -c "import sola_studio; print(sola_studio.__version__)")
  tarball="$out/sola-studio-$version-linux-$(uname -m).tar.gz"
  tar -C "$out/dist" -czf "$tarball" sola-studio
  echo "tarball: $tarball ($(du -m "$tarball" | cut -f1) MB)"
fi
echo "app: $app ($(du -sm "$app" | cut -f1) MB), built in $(( $(date +%s) - start )) s"
