#!/usr/bin/env bash
# Runs the whole test suite: lint, format check, types, then pytest (slow model tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
echo "==> ruff check"; .venv/bin/ruff check sola_studio tests
echo "==> ruff format --check"; .venv/bin/ruff format --check sola_studio tests
echo "==> mypy"; .venv/bin/mypy
echo "==> pytest"; .venv/bin/python -m pytest "$@"
