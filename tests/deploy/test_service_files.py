"""The service files in ``deploy/`` checked by the tools that read them: ``systemd-analyze verify``
for the systemd units, ``docker compose config`` (or Debian's ``docker-compose``) for the compose
file, ``caddy validate`` and ``nginx -t`` (the latter two also run them: test_behind_proxy.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.proxies import CADDYFILE, DEPLOY

SYSTEMD = DEPLOY / "systemd"
COMPOSE = DEPLOY / "compose" / "compose.yaml"
#: Where docs/deploy.md installs the server; the check needs an executable there, so the test
#: points the units at this environment's own ``lapor-server``.
INSTALLED = "/opt/lapor-desk/venv/bin/lapor-server"


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: apt-get install {package} (scripts/test.sh does)")
    return found


def _lapor_server() -> str:
    found = Path(sys.executable).with_name("lapor-server")
    assert found.exists(), f"no lapor-server beside {sys.executable}"
    return str(found)


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = _tool("systemd-analyze", "systemd")
    units = sorted(SYSTEMD.glob("*.service")) + sorted(SYSTEMD.glob("*.timer"))
    assert {u.name for u in units} == {
        "lapor-server.service", "lapor-backup.service", "lapor-backup.timer"}
    for unit in units:
        text = unit.read_text()
        if unit.suffix == ".service":
            assert INSTALLED in text, f"{unit.name}: the server is not run from {INSTALLED}"
            text = text.replace(INSTALLED, _lapor_server())
        (tmp_path / unit.name).write_text(text)
    checked = subprocess.run([analyze, "verify", *(str(tmp_path / u.name) for u in units)],
                             check=False, capture_output=True, text=True, timeout=120,
                             cwd=tmp_path)
    # verify exits 0 on unknown keys and bad values too, with a warning: any word is a failure.
    assert checked.returncode == 0 and not checked.stderr.strip() and not checked.stdout.strip(), (
        checked.stdout + checked.stderr)


#: The highest exposure (systemd-analyze security, 0 = locked down, 10 = none) each unit may
#: have: what the hardening options of the shipped units give, so that dropping one fails.
EXPOSURE = {"lapor-server.service": 1.3, "lapor-backup.service": 1.9}


def _units_here(tmp_path: Path) -> list[Path]:
    units = []
    for unit in sorted(SYSTEMD.glob("*.service")):
        target = tmp_path / unit.name
        target.write_text(unit.read_text().replace(INSTALLED, _lapor_server()))
        units.append(target)
    return units


def test_the_services_are_hardened_by_systemd_analyze_security(tmp_path: Path) -> None:
    analyze = _tool("systemd-analyze", "systemd")
    units = _units_here(tmp_path)
    assert {unit.name for unit in units} == set(EXPOSURE)
    for unit in units:
        checked = subprocess.run([analyze, "security", "--offline=yes", "--no-pager", str(unit)],
                                 check=False, capture_output=True, text=True, timeout=120,
                                 cwd=tmp_path)
        lines = [line for line in checked.stdout.splitlines() if "Overall exposure level" in line]
        assert checked.returncode == 0 and lines, checked.stdout + checked.stderr
        exposure = float(lines[0].split(":", 1)[1].split()[0])
        assert exposure <= EXPOSURE[unit.name], (unit.name, exposure, checked.stdout)


def test_the_server_unit_runs_unprivileged_and_hardened() -> None:
    service: dict[str, list[str]] = {}
    section = ""
    for line in (SYSTEMD / "lapor-server.service").read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            service.setdefault(key, []).append(value)
    assert service["User"] == ["lapor"] and service["Group"] == ["lapor"]
    for key, value in {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes",
                       "PrivateTmp": "yes", "PrivateDevices": "yes", "CapabilityBoundingSet": "",
                       "RestrictSUIDSGID": "yes", "StateDirectory": "lapor-desk"}.items():
        assert service.get(key) == [value], key
    assert "--config /etc/lapor-desk/server.toml" in service["ExecStart"][0]


def _compose() -> list[str]:
    docker = shutil.which("docker")
    if docker is not None and subprocess.run(
            [docker, "compose", "version"], check=False, capture_output=True,
            timeout=60).returncode == 0:
        return [docker, "compose"]
    return [_tool("docker-compose", "docker-compose")]


def test_the_compose_file_passes_docker_compose_config() -> None:
    compose = _compose()
    env = {**os.environ, "LAPOR_DB_PASSWORD": "kata-sandi-uji", "LAPOR_DOMAIN": "lapor.test"}
    checked = subprocess.run([*compose, "-f", str(COMPOSE), "config", "--services"],
                             check=False, capture_output=True, text=True, timeout=120, env=env)
    assert checked.returncode == 0, checked.stderr
    assert sorted(checked.stdout.split()) == ["caddy", "postgres", "server"]
    full = subprocess.run([*compose, "-f", str(COMPOSE), "config"], check=False,
                          capture_output=True, text=True, timeout=120, env=env)
    assert full.returncode == 0, full.stderr
    assert "LAPOR_TRUSTED_PROXIES: 172.28.0.10" in full.stdout
    assert "ipv4_address: 172.28.0.10" in full.stdout
    assert str(CADDYFILE) in full.stdout  # the proxy runs the same Caddyfile as the test's
    # Without the database password it refuses to start instead of running without one.
    bare = {k: v for k, v in env.items() if k != "LAPOR_DB_PASSWORD"}
    refused = subprocess.run([*compose, "-f", str(COMPOSE), "config"], check=False,
                             capture_output=True, text=True, timeout=120, env=bare,
                             cwd=COMPOSE.parent)
    assert refused.returncode != 0 and "LAPOR_DB_PASSWORD" in refused.stderr


def test_the_caddyfile_passes_caddy_validate(tmp_path: Path) -> None:
    caddy = _tool("caddy", "caddy")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    checked = subprocess.run([caddy, "validate", "--config", str(CADDYFILE), "--adapter",
                              "caddyfile"], check=False, capture_output=True, text=True,
                             timeout=120, env=env)
    assert checked.returncode == 0 and "Valid configuration" in checked.stdout + checked.stderr, (
        checked.stdout + checked.stderr)
    formatted = subprocess.run([caddy, "fmt", str(CADDYFILE)], check=False, capture_output=True,
                               text=True, timeout=60)
    assert formatted.stdout == CADDYFILE.read_text(), "caddy fmt would change the Caddyfile"
