"""Write the data-driven pages as real Markdown files into the docs folder.

Real ``<name>.<lang>.md`` files (rather than MkDocs ``File.generated`` objects)
are what mkdocs-static-i18n understands: it pairs them as translations, so the
language switcher and the sitemap alternates of a generated page are right
(``File.generated`` objects crash the plugin or lose those links). The folder
is git-ignored and owned by the build; a file is rewritten only when its text
changed, so ``mkdocs serve`` does not loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from guidebook.forms.pages import FORMS_DIR, form_pages
from guidebook.forms.model import Form
from guidebook.common.i18n import translations
from guidebook.data.model import Dataset
from guidebook.web.render import GENERATED_DIR, generated_pages
from guidebook.data.search_words import SearchWords
from guidebook.common.workers import available_cpus, can_fork, forked_pool, received

MARKER = ".generated-by-guidebook"


PARALLEL_FROM = 50  # institutions; below this a pool costs more than it saves


def _render_language(lang: str, job: tuple | None = None) -> dict[str, str]:
    """One language's pages; in a worker, the job comes from the pool (workers.received)."""
    dataset, stale_ids, max_age_months, site_url, root, words = job or received()
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
    job = (dataset, stale_ids, max_age_months, site_url, translations_root, words)
    languages = dataset.languages
    workers = min(available_cpus(), len(languages))
    if len(dataset.institutions) < parallel_from or workers < 2 or not can_fork():
        parts = [_render_language(lang, job) for lang in languages]
    else:
        with forked_pool(workers, job) as pool:
            parts = list(pool.map(_render_language, languages))
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
    pages = render_all_languages(dataset, stale_ids, max_age_months, site_url, translations_root,
                                 words=words)
    return _sync(docs_dir, GENERATED_DIR, pages)


def sync_form_pages(forms: Sequence[Form], docs_dir: Path, languages: Sequence[str],
                    translations_root: Path | None = None) -> list[Path]:
    """Bring ``docs_dir/forms/`` in line with the forms (formpages.py), as
    :func:`sync_generated_pages` does for the institutions."""
    kwargs = {"root": translations_root} if translations_root else {}
    tr_for = {lang: translations(lang, **kwargs) for lang in languages}
    return _sync(docs_dir, FORMS_DIR, form_pages(forms, tr_for, languages[0]))


def _sync(docs_dir: Path, folder: str, pages: dict[str, str]) -> list[Path]:
    """Write ``pages`` (paths below ``docs_dir``) into ``docs_dir/folder``, each
    only when its text changed, and remove the folder's other pages; refuse a
    folder the build did not create (it has no marker file)."""
    out = docs_dir / folder
    if out.exists() and not (out / MARKER).exists():
        raise FileExistsError(
            f"{out} exists but was not made by the guidebook build; move it away "
            f"(this folder is generated from the data)")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).touch()
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
