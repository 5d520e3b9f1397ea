# Build LAPOR Desk for Windows: the PyInstaller folder, then the Inno Setup installer.
#
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
#
# Run from any folder on a Windows 10/11 x64 machine with Python 3.11+ and Inno Setup 6.3+
# (see installer\build-windows.md). Output: dist\lapor-desk\ (the app) and
# installer\Output\lapor-desk-<version>-setup.exe (the installer).
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

# 1. The version, from pyproject.toml (the one place it is written).
$Version = (& python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])").Trim()
if (-not $Version) { throw "could not read the version from pyproject.toml" }
Write-Host "LAPOR Desk $Version"

# 2. A clean virtual environment with the desktop's dependencies and PyInstaller.
if (-not (Test-Path .venv-win\Scripts\python.exe)) { python -m venv .venv-win }
$Py = ".venv-win\Scripts\python.exe"
& $Py -m pip install --upgrade pip
& $Py -m pip install -e ".[ui,dev]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# 3. Icons (.ico for the executables and the installer) rendered from resources\icons\app.svg.
& $Py installer\make_icon.py
if ($LASTEXITCODE -ne 0) { throw "make_icon failed" }

# 4. The one-folder app: dist\lapor-desk\lapor-desk.exe (windowed) and lapor-desk-cli.exe.
& $Py -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\lapor-desk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$Reported = (& dist\lapor-desk\lapor-desk-cli.exe --version).Trim()
if ($Reported -ne "lapor-desk $Version") { throw "the built app says '$Reported'" }

# 5. Inno Setup's Indonesian messages (a contributed translation, not shipped with Inno Setup).
$Isl = "installer\Indonesian.isl"
if (-not (Test-Path $Isl)) {
  Invoke-WebRequest -Uri "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/Indonesian.isl" -OutFile $Isl
}

# 6. The installer.
$Iscc = @("$env:ProgramFiles(x86)\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
          "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $Iscc) { throw "ISCC.exe (Inno Setup 6) not found" }
& $Iscc "/DAppVersion=$Version" "/DDistDir=..\dist\lapor-desk" installer\lapor-desk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "built installer\Output\lapor-desk-$Version-setup.exe"
