#!/usr/bin/env bash
# Build the Linux one-folder app:
#   DIST/lapor-desk/{lapor-desk, lapor-desk-cli, _internal/, lapor-desk.desktop, lapor-desk.png}
#
#   bash installer/build-linux.sh [DIST_DIR] [WORK_DIR]     # default: dist/ and build/pyinstaller
#
# Needs the project's .venv with the ui and dev extras (pip install -e ".[ui,dev]"), which bring
# PySide6 and PyInstaller. The result runs on Linux machines whose glibc is at least as new as
# the build machine's: build on the oldest distribution you support. To install for one user:
#   cp -r DIST/lapor-desk ~/.local/opt/ && ln -s ~/.local/opt/lapor-desk/lapor-desk ~/.local/bin/
#   cp DIST/lapor-desk/lapor-desk.desktop ~/.local/share/applications/
#   cp DIST/lapor-desk/lapor-desk.png ~/.local/share/icons/hicolor/256x256/apps/
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
work="${2:-build/pyinstaller}"
python="${PYTHON:-.venv/bin/python}"

"$python" installer/make_icon.py >/dev/null || echo "warning: no icon rendered" >&2
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" installer/lapor-desk.spec
app="$dist/lapor-desk"
cp installer/lapor-desk.desktop "$app/"
[ -f installer/lapor-desk.png ] && cp installer/lapor-desk.png "$app/"
"$app/lapor-desk-cli" --version
echo "built $app ($(du -sh "$app" | cut -f1))"
