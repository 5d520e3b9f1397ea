"""The reverse proxies of ``deploy/`` run for real (nginx, Caddy), as child processes on loopback.

Each is started from the file the project ships (``deploy/nginx/lapor-desk.conf``,
``deploy/caddy/Caddyfile``) with only what differs on a test machine put in: ports, the
upstream's port, the test's certificate, and where the process keeps its own files. Every such
edit must find its text in the shipped file, so a shipped file that drifts from what the test
runs fails here instead of being tested in a form nobody ships.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.live_server import free_port
from tests.support.tls import Pki

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "lapor-desk.conf"
CADDYFILE = DEPLOY / "caddy" / "Caddyfile"


class ProxyUnavailable(RuntimeError):
    """The proxy's program is not installed (scripts/test.sh installs it)."""


def program(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found is None:
        raise ProxyUnavailable(f"{name} is not installed: apt-get install {name} "
                               "(scripts/test.sh installs it)")
    return found


def replace_once(text: str, old: str, new: str, source: Path) -> str:
    """``text`` with ``old`` replaced; ``old`` must be in the shipped file."""
    if old not in text:
        raise AssertionError(f"{source.name} no longer contains {old!r}: update the test with it")
    return text.replace(old, new)


@dataclass
class RunningProxy:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_file: Path
    http_port: int = 0  # plain HTTP: sends browsers on to HTTPS
    extra_logs: list[Path] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"https://localhost:{self.port}"

    def logs(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in
                         [self.log_file, *self.extra_logs] if path.exists())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)


def _wait_listening(proxy: RunningProxy, timeout: float = 30) -> RunningProxy:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proxy.process.poll() is not None:
            raise RuntimeError(f"{proxy.name} exited ({proxy.process.returncode}):\n"
                               + proxy.logs())
        try:
            with socket.create_connection(("127.0.0.1", proxy.port), timeout=1):
                return proxy
        except OSError:
            time.sleep(0.05)
    proxy.stop()
    raise RuntimeError(f"{proxy.name} did not listen on {proxy.port}:\n{proxy.logs()}")


def nginx_site(upstream_port: int, port: int, http_port: int, pki: Pki) -> str:
    """The shipped site file with the test's ports and certificate."""
    text = NGINX_SITE.read_text()
    text = replace_once(text, "server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};",
                        NGINX_SITE)
    text = replace_once(text, "listen 80;\n    listen [::]:80;",
                        f"listen 127.0.0.1:{http_port};", NGINX_SITE)
    text = replace_once(text, "listen 443 ssl http2;\n    listen [::]:443 ssl http2;",
                        f"listen 127.0.0.1:{port} ssl http2;", NGINX_SITE)
    text = replace_once(text, "/etc/ssl/lapor-desk/fullchain.pem", str(pki.cert_file),
                        NGINX_SITE)
    return replace_once(text, "/etc/ssl/lapor-desk/privkey.pem", str(pki.key_file), NGINX_SITE)


def start_nginx(upstream_port: int, pki: Pki, folder: Path) -> RunningProxy:
    nginx = program("nginx")
    folder.mkdir(parents=True, exist_ok=True)
    port, http_port = free_port(), free_port()
    site = folder / "lapor-desk.conf"
    site.write_text(nginx_site(upstream_port, port, http_port, pki))
    # Debian's /etc/nginx/nginx.conf, cut to what a test needs: every file in the test's folder.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log info;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"    access_log {folder}/access.log;\n"
        f"    client_body_temp_path {folder}/body;\n    proxy_temp_path {folder}/proxy;\n"
        f"    fastcgi_temp_path {folder}/fastcgi;\n    uwsgi_temp_path {folder}/uwsgi;\n"
        f"    scgi_temp_path {folder}/scgi;\n"
        f"    include {site};\n"
        "}\n")
    base = [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]
    checked = subprocess.run([*base, "-t"], check=False, capture_output=True, text=True,
                             timeout=60)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t refused the shipped site:\n{checked.stderr}")
    log_file = folder / "stdout.log"
    with log_file.open("wb") as out:
        process = subprocess.Popen(base, stdout=out, stderr=subprocess.STDOUT)
    return _wait_listening(RunningProxy("nginx", port, process, log_file, http_port,
                                        [folder / "error.log"]))


def caddyfile(upstream_port: int, port: int, http_port: int, pki: Pki, folder: Path) -> str:
    """The shipped Caddyfile with the test's certificate, behind global options that keep Caddy's
    own state in the test's folder and its ports off the privileged ones."""
    text = CADDYFILE.read_text()
    text = replace_once(text, "# tls /etc/ssl/lapor-desk/fullchain.pem /etc/ssl/lapor-desk/privkey.pem",
                        f"tls {pki.cert_file} {pki.key_file}", CADDYFILE)
    replace_once(text, "{$LAPOR_DOMAIN:", "", CADDYFILE)  # the site's name comes from there
    replace_once(text, "{$LAPOR_UPSTREAM:", "", CADDYFILE)
    options = (
        "{\n"
        "\tadmin off\n"
        "\tskip_install_trust\n"
        f"\thttp_port {http_port}\n"
        f"\thttps_port {port}\n"
        f"\tstorage file_system {folder}/data\n"
        "}\n\n"
    )
    return options + text


def start_caddy(upstream_port: int, pki: Pki, folder: Path) -> RunningProxy:
    caddy = program("caddy")
    folder.mkdir(parents=True, exist_ok=True)
    port, http_port = free_port(), free_port()
    config = folder / "Caddyfile"
    config.write_text(caddyfile(upstream_port, port, http_port, pki, folder))
    env = {**os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CONFIG_HOME": str(folder / "config"),
           "LAPOR_DOMAIN": f"localhost:{port}",
           "LAPOR_UPSTREAM": f"127.0.0.1:{upstream_port}"}
    log_file = folder / "caddy.log"
    with log_file.open("wb") as out:
        process = subprocess.Popen(
            [caddy, "run", "--config", str(config), "--adapter", "caddyfile"],
            stdout=out, stderr=subprocess.STDOUT, env=env)
    return _wait_listening(RunningProxy("caddy", port, process, log_file, http_port))
