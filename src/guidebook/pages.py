"""Write the data-driven pages as real Markdown files into the docs folder.

Real ``<name>.<lang>.md`` files (rather than MkDocs ``File.generated`` objects)
are what mkdocs-static-i18n understands: it pairs them as translations, so the
language switcher and the sitemap alternates of a generated page are right
(ARCHITECTURE.md). The folder is git-ignored and owned by the build; a file is
rewritten only when its text changed, so ``mkdocs serve`` does not loop.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .i18n import translations
from .model import Dataset
from .render import GENERATED_DIR, generated_pages
from .search_words import SearchWords

MARKER = ".generated-by-guidebook"


# What the forked workers render: set just before the pool forks, so the
# children read it from the copied memory instead of receiving it pickled.
_job: tuple | None = None
PARALLEL_FROM = 50  # institutions; below this a pool costs more than it saves


def _render_language(lang: str) -> dict[str, str]:
    assert _job is not None
    dataset, stale_ids, max_age_months, site_url, root, words = _job
    kwargs = {"root": root} if root else {}
    return generated_pages(dataset, {lang: translations(lang, **kwargs)}, stale_ids,
                           max_age_months, site_url, words)


def render_all_languages(dataset: Dataset, stale_ids: frozenset[str] | set[str],
                         max_age_months: int, site_url: str | None,
                         translations_root: Path | None = None,
                         parallel_from: int = PARALLEL_FROM,
                         words: SearchWords | None = None) -> dict[str, str]:
    """Every generated page of every language: one language per forked worker
    when the site is large and the process has no other thread (forking a
    threaded process, such as ``mkdocs serve``, could deadlock); the result is
    the same as rendering them one after the other."""
    global _job
    _job = (dataset, stale_ids, max_age_months, site_url, translations_root, words)
    try:
        languages = dataset.languages
        workers = min(os.cpu_count() or 1, len(languages))
        if (len(dataset.institutions) < parallel_from or workers < 2
                or threading.active_count() > 1
                or "fork" not in multiprocessing.get_all_start_methods()):
            parts = [_render_language(lang) for lang in languages]
        else:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                parts = list(pool.map(_render_language, languages))
    finally:
        _job = None
    return {path: text for part in parts for path, text in part.items()}


def sync_generated_pages(dataset: Dataset, docs_dir: Path,
                         translations_root: Path | None = None,
                         stale_ids: frozenset[str] | set[str] = frozenset(),
                         max_age_months: int = 12, site_url: str | None = None,
                         words: SearchWords | None = None) -> list[Path]:
    """Bring ``docs_dir/institutions/`` in line with the dataset.

    Returns the files that were written or removed (empty when nothing changed).
    Refuses to touch a folder it did not create, so that an editor's own
    ``institutions/`` pages are never deleted.
    """
    out = docs_dir / GENERATED_DIR
    if out.exists() and not (out / MARKER).exists():
        raise FileExistsError(
            f"{out} exists but was not made by the guidebook build; move it away "
            f"(this folder is generated from the data file)")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).touch()
    pages = render_all_languages(dataset, stale_ids, max_age_months, site_url, translations_root,
                                 words=words)
    changed = []
    for rel, text in pages.items():
        path = docs_dir / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            changed.append(path)
    wanted = {docs_dir / rel for rel in pages}
    for stale in out.glob("*.md"):
        if stale not in wanted:
            stale.unlink()
            changed.append(stale)
    return changed
