"""Write the data-driven pages as real Markdown files into the docs folder.

Real ``<name>.<lang>.md`` files (rather than MkDocs ``File.generated`` objects)
are what mkdocs-static-i18n understands: it pairs them as translations, so the
language switcher and the sitemap alternates of a generated page are right
(ARCHITECTURE.md). The folder is git-ignored and owned by the build; a file is
rewritten only when its text changed, so ``mkdocs serve`` does not loop.
"""

from __future__ import annotations

from pathlib import Path

from .i18n import LANGUAGES, translations
from .model import Dataset
from .render import generated_pages

GENERATED_DIR = "institutions"
MARKER = ".generated-by-guidebook"


def sync_generated_pages(dataset: Dataset, docs_dir: Path,
                         translations_root: Path | None = None,
                         stale_ids: frozenset[str] | set[str] = frozenset(),
                         max_age_months: int = 12, site_url: str | None = None) -> list[Path]:
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
    kwargs = {"root": translations_root} if translations_root else {}
    pages = generated_pages(dataset, {lang: translations(lang, **kwargs) for lang in LANGUAGES},
                            stale_ids, max_age_months, site_url)
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
