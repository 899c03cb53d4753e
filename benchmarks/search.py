"""Search cost on a phone for N institutions: Pagefind against Material's index.

Builds the site for N synthetic institutions (PDFs off), times Pagefind's
indexing, then opens each language's search page in Debian's Chromium through
Playwright with the CPU slowed 4x (Chrome DevTools' "mid-tier phone"), types a
query and measures:

* bytes of the first search (the search script, Pagefind's JS, WebAssembly,
  language index and result fragments), gzip-compressed as a server would send
  them (Pagefind's own files are already compressed);
* bytes of one further query;
* time from typing to the first result on screen.

For comparison it builds the same pages with stock Material + static-i18n and
reports the size of its single search index, and the part of it one language
would need. Last line::

    institutions=N index_s=X first_kb=A next_kb=B first_result_ms=T material_index_kb=M

Run from the project root: ``.venv/bin/python benchmarks/search.py -n 500``
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build import make_baseline, make_project, python, timed  # noqa: E402

from guidebook.serving.search import index_site  # noqa: E402

QUERIES = {"en": ("hospital", "eye"), "zh": ("医院", "眼科"), "mn": ("эмнэлэг", "нүд"),
           "ru": ("больница", "глаз"), "ar": ("مستشفى", "العيون")}
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def wire_size(body: bytes) -> int:
    """Bytes on the wire with gzip: already-compressed files count as they are."""
    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, 6))


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def measure_language(browser, base: str, lang: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    prefix = "" if lang == "en" else f"/{lang}"
    page.goto(f"{base}{prefix}/search/", wait_until="networkidle")
    bodies: list[int] = []
    page.on("response", lambda r: bodies.append(wire_size(r.body())) if r.ok else None)
    first, second = QUERIES[lang]
    start = time.perf_counter()
    page.fill("#gb-search-input", first)
    page.locator(".gb-search-results li").first.wait_for(timeout=60_000)
    elapsed = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    first_bytes = sum(bodies)
    bodies.clear()
    page.fill("#gb-search-input", second)
    page.wait_for_function("document.querySelector('.gb-search-status').textContent !== ''")
    page.wait_for_timeout(600)
    page.wait_for_load_state("networkidle")
    next_bytes = sum(bodies)
    page.close()
    return {"first_kb": first_bytes / 1024, "next_kb": next_bytes / 1024, "ms": elapsed * 1000}


def material_index(work: Path, project: Path) -> dict[str, float]:
    """Stock Material's one index, and the share of each language in it (gzip KB)."""
    baseline = make_baseline(project, work / "baseline")
    timed("baseline", [python(), "-m", "mkdocs", "build", "-q", "-f",
                       str(baseline / "mkdocs.yml")], baseline)
    data = json.loads((baseline / "site" / "search" / "search_index.json").read_text())
    sizes = {"all": wire_size(json.dumps(data).encode()) / 1024}
    def language_of(location: str) -> str:
        first = location.split("/")[0]
        return first if first in QUERIES and first != "en" else "en"

    for lang in QUERIES:
        docs = [d for d in data["docs"] if language_of(d["location"]) == lang]
        sizes[lang] = wire_size(json.dumps({"config": data["config"], "docs": docs}).encode()) / 1024
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--institutions", "-n", type=int, default=500)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="guidebook-search-bench-") as tmp:
        work = Path(tmp)
        project = make_project(work / "project", args.institutions, 0)
        timed("ours", [python(), "-m", "guidebook.cli", "build", "-f", str(project / "mkdocs.yml")],
              project, {"GUIDEBOOK_PDF": "0"})
        site = project / "site"
        start = time.perf_counter()
        stats = index_site(site)
        index_s = time.perf_counter() - start
        print(f"Pagefind: {stats.pages} pages, {stats.languages} languages, {index_s:.2f} s")
        httpd, base = serve(site)
        rows = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for lang in QUERIES:
                rows[lang] = measure_language(browser, base, lang)
                print(f"  {lang}: first search {rows[lang]['first_kb']:6.1f} KB, further query "
                      f"{rows[lang]['next_kb']:5.1f} KB, first result {rows[lang]['ms']:6.0f} ms (CPU/4)")
            browser.close()
        httpd.shutdown()
        material = material_index(work, project)
    print("Material (stock): one index of all languages " + f"{material['all']:.0f} KB gzip; per language: "
          + ", ".join(f"{lang} {material[lang]:.0f} KB" for lang in QUERIES))
    med = {k: statistics.median(r[k] for r in rows.values()) for k in ("first_kb", "next_kb", "ms")}
    print(f"institutions={args.institutions} index_s={index_s:.2f} first_kb={med['first_kb']:.1f} "
          f"next_kb={med['next_kb']:.1f} first_result_ms={med['ms']:.0f} "
          f"material_index_kb={material['all']:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
