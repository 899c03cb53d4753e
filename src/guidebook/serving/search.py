"""Search in the reader's language: Pagefind indexes the built site.

Pagefind (the ``pagefind[extended]`` package on PyPI, which carries its
binary) writes one index per ``<html lang>`` into ``site/pagefind/``, segments
Chinese, and lets a page load only the index chunks a query needs. Only what
sits inside ``data-pagefind-body`` (the page content, see overrides/main.html)
is indexed, so navigation and notices don't pollute results.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


class SearchIndexError(Exception):
    """Pagefind failed; the message has its output."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    languages: int


def start_indexing(site_dir: Path) -> subprocess.Popen[str]:
    """Start Pagefind on ``site_dir`` in the background (it runs on its own
    process while the build does other work); finish with ``finish_indexing``."""
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
         "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def index_site(site_dir: Path) -> IndexStats:
    """Index ``site_dir`` into ``site_dir/pagefind``; return what Pagefind counted."""
    return finish_indexing(start_indexing(site_dir), site_dir)


def finish_indexing(process: subprocess.Popen[str], site_dir: Path) -> IndexStats:
    out, err = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind failed: {(err or out).strip()[:1000]}")
    entry_file = site_dir / "pagefind" / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    # Pagefind writes the languages in hash-map order, which changes from run
    # to run: sorted, the same site gives the same bytes.
    entry_file.write_text(json.dumps(entry, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    counts = [language["page_count"] for language in entry["languages"].values()]
    return IndexStats(sum(counts), len(counts))
