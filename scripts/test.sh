#!/usr/bin/env bash
# The whole test suite on a fresh Debian/Ubuntu machine: installs the system packages (Qt's
# libraries, Xvfb, PostgreSQL), makes .venv with every Python dependency, starts a throwaway
# PostgreSQL on loopback and runs pytest. Extra arguments go to pytest.
# The tests run in LAPOR_TEST_WORKERS processes (pytest-xdist, a test file per process at a time,
# a file on both backends as two halves, the long ones first: tests/support/scheduling.py;
# default 3 on the 2-core CI machine: the tests wait on servers and subprocesses much of the time,
# and a third process fills those waits); LAPOR_TEST_WORKERS=0 runs them in this one process.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  postgresql
  libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
  fonts-dejavu-core
  gnome-keyring dbus dbus-x11  # the real-keyring test (tests/sync/test_keyring_real.py)
  faketime  # a PC clock an hour ahead (tests/*/test_*clock_ahead.py)
  dovecot-imapd  # the email channel reads a real IMAP server (tests/server/channels/test_email_in.py)
  curl  # Gammu's RunOnReceive script hands SMS over with it (tests/server/channels/test_sms.py)
  mount  # a small tmpfs for the full-disk tests (tests/support/small_disk.py; needs root)
  chromium  # the public pages in a real browser (tests/server/test_public_browser.py, Playwright)
)
# The production topology's tools (tests/deploy/): the proxies run for real, the unit and compose
# files are checked by their own tools. Without recommends: docker-compose would pull in the
# Docker engine, and only its `config` check is used.
bare_apt_packages=(
  nginx caddy  # tests/deploy/test_behind_proxy.py
  systemd  # systemd-analyze verify (tests/deploy/test_service_files.py)
  docker-compose  # `docker-compose config` where Docker's own `docker compose` is absent
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
missing_bare=()
for p in "${bare_apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing_bare+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] || [ "${#missing_bare[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" = "0" ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  if [ "${#missing[@]}" -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ "${#missing_bare[@]}" -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
      "${missing_bare[@]}" >/dev/null
  fi
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[server,ui,dev]"

# Typing: the whole package, strict on the layers below the UI (STYLE.md: models/ and sync/).
.venv/bin/mypy lapor_desk

export LAPOR_TEST_PG_URL="$(bash scripts/pg-start.sh)"
export LAPOR_REQUIRE_PG=1
export LAPOR_REQUIRE_KEYRING=1
export LAPOR_REQUIRE_MOUNT=1  # the full-disk tests mount a small tmpfs: fail, never skip
export QT_QPA_PLATFORM=offscreen
mkdir -p test-artifacts
workers="${LAPOR_TEST_WORKERS:-3}"
# The ten slowest tests are printed at the end: what to look at when the suite slows down.
exec .venv/bin/python -m pytest -p no:cacheprovider -n "$workers" --dist loadfile --durations=10 "$@"
