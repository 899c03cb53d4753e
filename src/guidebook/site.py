"""What the MkDocs hooks need from the core, as plain functions (no MkDocs imports).

The hook file only moves values between MkDocs' objects and these functions,
so everything here is testable without building a site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .i18n import LANGUAGES, compile_catalogs, translations
from .load import LoadError, Loaded, load_file
from .model import Dataset
from .pages import sync_generated_pages

_cache: dict[Path, tuple[tuple[int, int], Loaded]] = {}


class DataError(Exception):
    """The data file has errors; ``str()`` is the complete, bilingual report."""

    def __init__(self, errors: tuple[LoadError, ...]):
        self.errors = errors
        count = len(errors)
        head = (f"{count} problem{'s' if count != 1 else ''} in the data file; nothing was built. "
                f"데이터 파일에 문제가 {count}개 있어 사이트를 만들지 않았습니다.")
        super().__init__(head + "\n" + "\n".join(e.format() for e in errors))


def load_cached(path: Path) -> Dataset:
    """Load and validate ``path``; the i18n plugin builds once per language, so
    the result is reused while the file is unchanged. Raises DataError."""
    path = path.resolve()
    try:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (0, 0)
    cached = _cache.get(path)
    if cached is None or cached[0] != key:
        cached = (key, load_file(path))
        _cache[path] = cached
    loaded = cached[1]
    if not loaded.ok:
        raise DataError(loaded.errors)
    assert loaded.dataset is not None
    return loaded.dataset


@dataclass(frozen=True)
class Prepared:
    dataset: Dataset
    changed: list[Path]


def prepare(data_file: Path, docs_dir: Path) -> Prepared:
    """Everything that must happen before MkDocs reads the docs folder:
    validate the data, compile the catalogs, write the generated pages."""
    dataset = load_cached(data_file)
    compile_catalogs()
    return Prepared(dataset, sync_generated_pages(dataset, docs_dir))


def language_names() -> dict[str, str]:
    """Each site language's name for itself, for the language switcher."""
    return {code: lang.native_name for code, lang in LANGUAGES.items()}


def html_lang(site_language: str) -> str:
    """The BCP 47 tag for ``<html lang>`` of a site language (``zh`` -> ``zh-Hans``);
    anything else is returned as it is."""
    language = LANGUAGES.get(site_language)
    return language.html_lang if language else site_language


def permalink_title(site_language: str) -> str:
    """The tooltip of a heading's permalink, in the page's language."""
    return translations(site_language).gettext("Permanent link")
