"""Debian's nginx running deploy/nginx.conf on a free local port, for the tests.

The shipped file is used as it is, except the lines a deployment edits
(port, root, the site's include) and the paths of a system install (pid,
logs, temporary files), which point into a test folder. Each replacement
must find its line: a change to deploy/nginx.conf that the tests no longer
follow fails here instead of being tested silently on something else.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.conftest import ROOT

DEPLOY_CONF = ROOT / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MISSING = ("nginx is not installed: the serving tests run Debian's nginx "
           "(./dev.sh test installs it: apt-get install nginx libnginx-mod-http-brotli-static)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"deploy/nginx.conf no longer has exactly one {old!r}"
    return text.replace(old, new)


def write_config(work: Path, root: Path, site: Path, port: int) -> Path:
    """deploy/nginx.conf for a server on ``port`` serving ``root`` with the
    include of ``site`` (the site folder under ``root``); returns its path."""
    text = DEPLOY_CONF.read_text(encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""  # workers must read the test folder
    for old, new in [
        ("user www-data;", user),
        ("pid /run/nginx.pid;", f"pid {work}/nginx.pid;"),
        ("error_log /var/log/nginx/error.log;", f"error_log {work}/error.log;"),
        ("access_log /var/log/nginx/access.log;",
         f"access_log {work}/access.log;\n" + "".join(
             f"    {kind}_temp_path {work}/{kind};\n"
             for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))),
        ("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;"),
        ("root /srv/guidebook/site;", f"root {root};"),
        ("include /srv/guidebook/site/_server/nginx-site.conf;",
         f"include {site}/_server/nginx-site.conf;"),
        ("# brotli_static on;", "brotli_static on;"),
    ]:
        text = _replace(text, old, new)
    conf = work / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


class Nginx:
    """``nginx -g 'daemon off;'`` as a child process; ``url`` once it listens."""

    def __init__(self, work: Path, root: Path, site: Path):
        binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
        assert binary, MISSING
        assert BROTLI_MODULE.exists(), (
            "nginx has no brotli_static module: install libnginx-mod-http-brotli-static "
            "(./dev.sh test does)")
        work.mkdir(parents=True, exist_ok=True)
        self.work = work
        self.port = free_port()
        self.conf = write_config(work, root, site, self.port)
        # The default prefix (/usr/share/nginx): Debian's module files name
        # their .so relative to it. Every other path points into `work`.
        args = [binary, "-e", str(work / "error.log"), "-c", str(self.conf)]
        check = subprocess.run([*args, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, f"nginx -t failed:\n{check.stderr}"
        self.process = subprocess.Popen([*args, "-g", "daemon off;"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 15
        while True:
            assert self.process.poll() is None, f"nginx stopped: {self.log()}"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, f"nginx did not listen: {self.log()}"
                time.sleep(0.05)

    def log(self) -> str:
        path = self.work / "error.log"
        return path.read_text(encoding="utf-8", errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        self.process.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
