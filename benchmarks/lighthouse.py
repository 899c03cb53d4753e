"""Lighthouse on every page type in every language, against the site served with compression.

Builds the sample data (PDFs off) with ``site_url`` set to the local server's
address, so that canonical links, hreflang alternates and og:url point at
the pages Lighthouse loads (a canonical URL on another domain is an SEO
failure); serves it with Debian's nginx running deploy/nginx.conf (the
build's precompressed files and the real headers, CSP included); then runs
Lighthouse (npm ``lighthouse`` 12.2.3, in ``benchmarks/lighthouse/``, with
Debian's Chromium) on the home page, the directory, an institution, a guide
page, the search page and a form page in each language: mobile, simulated
throttling (Lighthouse's defaults). Prints the four scores of each page, the
worst of each category per page type and over all, and the audits that cost
points. Last line::

    lighthouse worst: performance=P accessibility=A best-practices=B seo=S (N pages)

Run from the project root (about 15 s a page, 8 minutes for all 30)::

    npm ci --prefix benchmarks/lighthouse      # once: Lighthouse and its packages, 110 MB
    .venv/bin/python benchmarks/lighthouse.py [--lang ar] [--page directory] [--runs 3]

With ``--runs N`` each page is measured N times and its median performance
run is kept (Lighthouse's advice for a noisy machine). Reports are kept in
``tests/output/lighthouse/`` (JSON) to look at.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build import make_project, python, timed  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import tests.serving.nginx as nginx_module  # noqa: E402

LIGHTHOUSE = Path(__file__).parent / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
LANGS = ("en", "zh", "mn", "ru", "ar")
PAGES = {  # page type -> path below a language's root (the sample data)
    "home": "",
    "directory": "institutions/",
    "institution": "institutions/kim-eye-hospital/",
    "guide": "arrival/",
    "search": "search/",
    "form": "forms/history/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Headless Chromium on a machine without a GPU or a sandbox user.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions"


def build_site(tmp: Path, port: int) -> Path:
    """The sample site built for http://127.0.0.1:<port>/ (PDFs off)."""
    project = make_project(tmp / "project", 1, 0)
    (project / "data" / "institutions.yaml").write_text(
        (ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^site_url: .*$", f"site_url: http://127.0.0.1:{port}/", text)
    assert count == 1, "mkdocs.yml has no site_url line"
    config.write_text(text, encoding="utf-8")
    run = timed("build", [python(), "-m", "guidebook.cli", "build", "-f", str(config)], project,
                {"GUIDEBOOK_PDF": "0"})
    print(f"build: {run.seconds:.1f} s", flush=True)
    return project / "site"


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run; returns its JSON report."""
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    done = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM},
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def scores(result: dict) -> dict[str, int]:
    return {c: round((result["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def lost_points(result: dict) -> list[str]:
    """The audits of the four categories that did not pass, with their value."""
    lost = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = audit.get("displayValue") or ""
                lost.append(f"{category}/{ref['id']} {audit['score']:.2f} {value}".rstrip())
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=LANGS, action="append", help="default: all five")
    parser.add_argument("--page", choices=PAGES, action="append", help="default: all six")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median kept)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: npm ci --prefix benchmarks/lighthouse", file=sys.stderr)
        return 2
    langs, pages = args.lang or list(LANGS), args.page or list(PAGES)
    # Stopped with kill: leave through `finally`, which stops nginx.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    out = ROOT / "tests" / "output" / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, dict[str, int], list[str]]] = []
    with tempfile.TemporaryDirectory(prefix="guidebook-lighthouse-") as tmp_name:
        tmp = Path(tmp_name)
        port = nginx_module.free_port()
        site = build_site(tmp, port)
        nginx_module.free_port = lambda: port  # serve on the port the site was built for
        server = nginx_module.Nginx(tmp / "nginx", site, site)
        try:
            print(f"\n{'page':<12} {'lang':<4} " + " ".join(f"{c[:4]:>4}" for c in CATEGORIES)
                  + "  audits below 1", flush=True)
            for kind in pages:
                for lang in langs:
                    url = f"{server.url}/{'' if lang == 'en' else lang + '/'}{PAGES[kind]}"
                    runs = [lighthouse(url, out / f"{kind}-{lang}-{n}.json")
                            for n in range(args.runs)]
                    runs.sort(key=lambda r: scores(r)["performance"])
                    kept = runs[len(runs) // 2]
                    row = scores(kept)
                    lost = lost_points(kept)
                    rows.append((kind, lang, row, lost))
                    perf = "/".join(str(scores(r)["performance"]) for r in runs)
                    print(f"{kind:<12} {lang:<4} " + " ".join(f"{row[c]:>4}" for c in CATEGORIES)
                          + (f"  (performance runs {perf})" if args.runs > 1 else "")
                          + ("  " + "; ".join(lost) if lost else ""), flush=True)
        finally:
            server.stop()
    print("\nworst per page type")
    for kind in pages:
        mine = [r for r in rows if r[0] == kind]
        print(f"{kind:<12}      " + " ".join(f"{min(r[2][c] for r in mine):>4}" for c in CATEGORIES))
    worst = {c: min(r[2][c] for r in rows) for c in CATEGORIES}
    median = {c: statistics.median(r[2][c] for r in rows) for c in CATEGORIES}
    print(f"{'median':<12}      " + " ".join(f"{median[c]:>4g}" for c in CATEGORIES))
    print("lighthouse worst: " + " ".join(f"{c}={worst[c]}" for c in CATEGORIES)
          + f" ({len(rows)} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
