"""Bytes on the wire for a first view of an institution page: plain, gzip, Brotli.

Builds the site for the sample data (or N synthetic institutions) without
PDFs, serves it with Debian's nginx running deploy/nginx.conf (the build's
precompressed files, the real headers), records in Chromium which files a
first view of an institution page loads (HTML, CSS, JS), then fetches each
one three times over HTTP/1.1: without Accept-Encoding, with gzip and with
br. Reports body bytes and header bytes (the CSP and the other security
headers ride on every response; HTTP/2 would compress repeated ones).
Sizes are exact, not timed: one run is enough. Last line::

    data=sample lang=zh plain=X gzip=Y br=Z headers=H (bytes)

Run from the project root: ``.venv/bin/python benchmarks/wire.py [-n 500] [--lang zh]``
"""

from __future__ import annotations

import argparse
import http.client
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).parent))
from build import make_project, python, timed  # noqa: E402
from search import FLAGS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.serving.nginx import Nginx  # noqa: E402


def first_view(browser, url: str) -> list[str]:
    """The paths a first view of ``url`` fetches from the site, in order."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    paths: list[str] = []
    page.on("request", lambda r: paths.append(urlparse(r.url).path))
    page.goto(url, wait_until="networkidle")
    context.close()
    return list(dict.fromkeys(paths))


def fetch(base: str, path: str, encoding: str | None) -> tuple[int, int, str]:
    """(body bytes, header bytes, Content-Encoding) of one response."""
    parts = urlparse(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    response = conn.getresponse()
    body = response.read()
    head = sum(len(f"{k}: {v}\r\n") for k, v in response.getheaders()) + 17  # status line
    conn.close()
    assert response.status == 200, (path, response.status)
    return len(body), head, response.getheader("Content-Encoding") or "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--institutions", "-n", type=int, default=0, help="0: the sample data")
    parser.add_argument("--lang", default="all", help="en, zh, mn, ru, ar or all")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    langs = ["en", "zh", "mn", "ru", "ar"] if args.lang == "all" else [args.lang]
    with tempfile.TemporaryDirectory(prefix="guidebook-wire-") as tmp:
        if args.institutions:
            project = make_project(Path(tmp) / "project", args.institutions, 0)
            first = "inst-0001"
        else:
            project = make_project(Path(tmp) / "project", 1, 0)
            (project / "data" / "institutions.yaml").write_text(
                (ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8"), encoding="utf-8")
            first = "kim-eye-hospital"
        run = timed("build", [python(), "-m", "guidebook.cli", "build", "-f",
                              str(project / "mkdocs.yml")], project, {"GUIDEBOOK_PDF": "0"})
        print(f"build with precompression: {run.seconds:.1f} s")
        site = project / "site"
        nginx = Nginx(Path(tmp) / "nginx", site, site)
        label = f"n{args.institutions}" if args.institutions else "sample"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                for lang in langs:
                    prefix = "" if lang == "en" else f"/{lang}"
                    paths = first_view(browser, f"{nginx.url}{prefix}/institutions/{first}/")
                    totals = {"plain": 0, "gzip": 0, "br": 0}
                    heads = 0
                    print(f"\n{lang}: first view of {prefix}/institutions/{first}/ "
                          f"({len(paths)} files)")
                    print(f"    {'plain':>8} {'gzip':>8} {'br':>8}  file")
                    for path in paths:
                        row = {}
                        for name, encoding in (("plain", None), ("gzip", "gzip"), ("br", "br")):
                            body, head, _ = fetch(nginx.url, path, encoding)
                            row[name] = body
                            totals[name] += body
                            if name == "br":
                                heads += head
                        print(f"    {row['plain']:8d} {row['gzip']:8d} {row['br']:8d}  {path}")
                    print(f"    {totals['plain']:8d} {totals['gzip']:8d} {totals['br']:8d}  "
                          f"total bodies; headers {heads} bytes")
                    print(f"data={label} lang={lang} plain={totals['plain']} gzip={totals['gzip']} "
                          f"br={totals['br']} headers={heads}")
                browser.close()
        finally:
            nginx.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
