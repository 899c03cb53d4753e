"""``guidebook check-site URL`` against the real nginx (all good) and against a
plain static server (every missing header and the missing 404 mapping reported)."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path

from tests.serving.conftest import SUB_PATH


def check_site(url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guidebook.cli", "check-site", url],
                          capture_output=True, text=True, timeout=120)


def test_check_site_passes_on_nginx_at_the_root_and_under_a_sub_path(nginx, sub_path_nginx) -> None:
    for url in (nginx.url, f"{sub_path_nginx.url}{SUB_PATH}"):
        done = check_site(url)
        assert done.returncode == 0, done.stderr
        assert "OK" in done.stdout
        assert done.stdout.count("checked ") == 11  # 5 homes, 5 404 pages, a stylesheet


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_check_site_reports_a_server_without_the_policy(fixture_site: Path) -> None:
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(fixture_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        done = check_site(f"http://127.0.0.1:{httpd.server_address[1]}/")
    finally:
        httpd.shutdown()
    assert done.returncode == 1
    assert "no Content-Security-Policy header" in done.stderr
    assert "not compressed" in done.stderr
    # Python's server answers misses with its own page, not the language's.
    assert ('zh/guidebook-check-site-missing-page/: <html lang="en">, expected "zh-Hans"'
            in done.stderr)
    assert "(expected a year, immutable)" in done.stderr


def test_check_site_says_when_nothing_answers() -> None:
    done = check_site("http://127.0.0.1:9/")
    assert done.returncode == 1 and "Connection refused" in done.stderr
