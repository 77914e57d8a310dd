#!/usr/bin/env bash
# Builds the macOS app bundle and a disk image, on macOS 12+ (Apple silicon or Intel; the app
# is built for the machine's own architecture) with Python 3.11+ from python.org or Homebrew:
#   build/pyinstaller/dist/Sola Studio.app
#   build/pyinstaller/sola-studio-VERSION-macos-ARCH.dmg
# It creates .venv (if missing) with the ui, fonts and dev extras, then runs PyInstaller.
# The app is ad-hoc signed only; to ship it, sign and notarize it (docs/packaging.md).
# Prints the build time and the app's size. Usage: packaging/build_macos.sh
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
PY=.venv/bin/python
if [ ! -x "$PY" ]; then
  "${PYTHON:-python3}" -m venv .venv
fi
"$PY" -m pip install --upgrade --quiet pip
"$PY" -m pip install --quiet -e ".[ui,fonts,dev]"

"$PY" scripts/third_party_notices.py
out=build/pyinstaller
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$out/dist" --workpath "$out/work" packaging/sola_studio.spec

app="$out/dist/Sola Studio.app"
"$app/Contents/MacOS/sola-studio" --version
version=$("$PY" -c "import sola_studio; print(sola_studio.__version__)")
dmg="$out/sola-studio-$version-macos-$(uname -m).dmg"
rm -f "$dmg"
hdiutil create -quiet -volname "Sola Studio" -srcfolder "$app" -ov -format UDZO "$dmg"
echo "app: $app ($(du -sm "$app" | cut -f1) MB); dmg: $dmg ($(du -m "$dmg" | cut -f1) MB);" \
  "built in $(( $(date +%s) - start )) s"
