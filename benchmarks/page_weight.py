"""Bytes a phone downloads on first view of a page (HTML, CSS, JS, fonts, images).

Builds the site for the sample data (or N synthetic institutions) without
PDFs, opens the pages in Debian's Chromium at 390 px through Playwright with
an empty cache, and adds up every response, gzip-compressed as a web server
would send it. Also counts requests to other hosts (must be 0). Last line::

    data=... institution_kb=X directory_kb=Y home_kb=Z requests_elsewhere=0

Run from the project root: ``.venv/bin/python benchmarks/page_weight.py [-n 500]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).parent))
from build import make_project, python, timed  # noqa: E402
from search import FLAGS, serve, wire_size  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def weigh(browser, url: str) -> tuple[float, list[tuple[str, int]], int]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    sizes: list[tuple[str, int]] = []
    elsewhere = 0
    host = urlparse(url).netloc

    def on_response(response) -> None:
        nonlocal elsewhere
        if urlparse(response.url).netloc != host:
            elsewhere += 1
        elif response.ok:
            sizes.append((urlparse(response.url).path, wire_size(response.body())))

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    context.close()
    return sum(s for _, s in sizes) / 1024, sizes, elsewhere


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--institutions", "-n", type=int, default=0, help="0: the sample data")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="guidebook-weight-") as tmp:
        if args.institutions:
            project = make_project(Path(tmp) / "project", args.institutions, 0)
            first = "inst-0001"
        else:
            project = Path(tmp) / "project"
            make_project(project, 1, 0)
            (project / "data" / "institutions.yaml").write_text(
                (ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8"), encoding="utf-8")
            first = "kim-eye-hospital"
        timed("ours", [python(), "-m", "guidebook.cli", "build", "-f", str(project / "mkdocs.yml")],
              project, {"GUIDEBOOK_PDF": "0"})
        httpd, base = serve(project / "site")
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for name, path in (("institution", f"/ar/institutions/{first}/"),
                               ("directory", "/zh/institutions/"), ("home", "/mn/")):
                kb, sizes, elsewhere = weigh(browser, base + path)
                results[name] = (kb, elsewhere)
                print(f"{name} {path}: {kb:.1f} KB in {len(sizes)} responses, "
                      f"{elsewhere} to other hosts")
                for p_, s in sorted(sizes, key=lambda x: -x[1])[:6]:
                    print(f"    {s / 1024:6.1f} KB  {p_}")
            browser.close()
        httpd.shutdown()
    label = f"n{args.institutions}" if args.institutions else "sample"
    print(f"data={label} institution_kb={results['institution'][0]:.1f} "
          f"directory_kb={results['directory'][0]:.1f} home_kb={results['home'][0]:.1f} "
          f"requests_elsewhere={sum(e for _, e in results.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
