"""How fast an edit of the data file shows up in ``mkdocs serve`` (target < 3 s).

Starts the one-language preview the editors' guide documents
(``GUIDEBOOK_PDF=0 GUIDEBOOK_ONLY_LANG=<lang> mkdocs serve``) on a copy of the
project, changes one summary in the data file, and polls the institution's
page until the new text is served. Prints each run and the median. Last line::

    lang=ar edit_to_page_s=X.XX

Run from the project root: ``.venv/bin/python benchmarks/serve.py [--lang ar] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build import make_project, python  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{text!r} not served at {url} within {limit} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", default="ar", choices=["ar", "en"])
    parser.add_argument("--repeat", "-r", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guidebook-serve-") as tmp:
        project = make_project(Path(tmp) / "project", 1, 0)
        data = project / "data" / "institutions.yaml"
        data.write_text((ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8"),
                        encoding="utf-8")
        port = free_port()
        env = {**os.environ, "GUIDEBOOK_PDF": "0", "GUIDEBOOK_ONLY_LANG": args.lang,
               "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen([python(), "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                                   "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        # build_only_locale makes the one language the site's root.
        url = f"http://127.0.0.1:{port}/institutions/kim-eye-hospital/"
        try:
            wait_for(url, "</html>", 120)
            runs = []
            name = "ar: مستشفى كيم للعيون" if args.lang == "ar" else "en: Kim's Eye Hospital"
            for i in range(args.repeat):
                marker = f"EDIT{i}X{time.time_ns() % 100000}"
                text = data.read_text(encoding="utf-8")
                start = time.perf_counter()
                data.write_text(text.replace(name, f"{name} {marker}", 1), encoding="utf-8")
                wait_for(url, marker, 30)
                runs.append(time.perf_counter() - start)
                data.write_text(text, encoding="utf-8")  # back, for the next run
                wait_for(url, "</html>", 30)
                time.sleep(1.5)  # let the rebuild of the restore finish
                print(f"run {i + 1}: {runs[-1]:.2f} s", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"lang={args.lang} edit_to_page_s={statistics.median(runs):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
