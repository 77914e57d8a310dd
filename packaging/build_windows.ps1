# Builds the Windows one-folder app and a zip of it, on Windows 10/11 x64 with Python 3.11+:
#   build\pyinstaller\dist\sola-studio\sola-studio.exe          the command (console)
#   build\pyinstaller\dist\sola-studio\sola-studio-window.exe   the studio window (no console)
#   build\pyinstaller\sola-studio-VERSION-windows-x64.zip
# Run from anywhere in PowerShell:  powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# It creates .venv (if missing) with the ui, fonts and dev extras, then runs PyInstaller.
# Prints the build time and the app's size.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$start = Get-Date
$py = ".venv\Scripts\python.exe"
if (-not (Test-Path $py)) {
    if (Get-Command py -ErrorAction SilentlyContinue) { & py -3 -m venv .venv }
    else { & python -m venv .venv }
    if ($LASTEXITCODE -ne 0) { throw "could not create .venv: install Python 3.11 from python.org" }
}
& $py -m pip install --upgrade --quiet pip
& $py -m pip install --quiet -e ".[ui,fonts,dev]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& $py scripts\third_party_notices.py
if ($LASTEXITCODE -ne 0) { throw "third_party_notices.py failed" }
$out = "build\pyinstaller"
& $py -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath "$out\dist" --workpath "$out\work" packaging\sola_studio.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$app = "$out\dist\sola-studio"
Copy-Item packaging\THIRD_PARTY_NOTICES "$app\THIRD_PARTY_NOTICES.txt"
& "$app\sola-studio.exe" --version
if ($LASTEXITCODE -ne 0) { throw "the built app does not start" }
$version = & $py -c "import sola_studio; print(sola_studio.__version__)"
$zip = "$out\sola-studio-$version-windows-x64.zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path $app -DestinationPath $zip
$sizeMb = [math]::Round(((Get-ChildItem $app -Recurse | Measure-Object Length -Sum).Sum) / 1MB)
$zipMb = [math]::Round((Get-Item $zip).Length / 1MB)
$seconds = [math]::Round(((Get-Date) - $start).TotalSeconds)
Write-Host "app: $app ($sizeMb MB); zip: $zip ($zipMb MB); built in $seconds s"
