#!/usr/bin/env bash
# The main job: the LAPOR Desk workstation in demo/training mode. Installs what a fresh
# Debian/Ubuntu machine needs (Qt's system libraries, .venv), then starts `lapor-desk --demo`:
# the reference server embedded on loopback with a seeded region, signed in as a demo admin.
# Without a display it runs under Xvfb (xvfb-run) so the command still works on a server.
set -euo pipefail
cd "$(dirname "$0")/.."
apt_packages=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core
  xvfb xauth)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" = "0" ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[server,ui]"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: running under Xvfb (set DISPLAY to see the window)." >&2
  exec xvfb-run -a -s "-screen 0 1600x900x24" .venv/bin/lapor-desk --demo "$@"
fi
exec .venv/bin/lapor-desk --demo "$@"
