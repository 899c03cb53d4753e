"""What the MkDocs hooks need from the core, as plain functions (no MkDocs imports).

The hook file only moves values between MkDocs' objects and these functions,
so everything here is testable without building a site.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, compile_catalogs, translations
from .load import LoadError, Loaded, load_file
from .model import Dataset
from .pages import sync_generated_pages
from .pdf import PdfError, PdfJob, PdfResult, render_all
from .print_html import PrintProfile, guidebook_html, leaflet_html

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


class PrintError(Exception):
    """The print files cannot be made as configured; the message says why."""


def print_profile(settings: dict, environ: Mapping[str, str]) -> PrintProfile | None:
    """The print profile from ``extra.guidebook.print`` in mkdocs.yml, or None when
    PDFs are turned off (``enabled: false``, or GUIDEBOOK_PDF=0 for quick previews)."""
    settings = dict(settings)
    enabled = settings.pop("enabled", True)
    if not enabled or environ.get("GUIDEBOOK_PDF") == "0":
        return None
    known = set(PrintProfile.__dataclass_fields__)
    unknown = sorted(set(settings) - known)
    if unknown:
        raise PrintError(f"unknown print setting(s) {', '.join(unknown)} in mkdocs.yml "
                         f"extra.guidebook.print; known: enabled, {', '.join(sorted(known))}")
    return PrintProfile(**settings)


def print_date(dataset: Dataset) -> _dt.date:
    """The date printed on (and stored in) the PDFs: SOURCE_DATE_EPOCH when set,
    else the newest verification date, so that a rebuild gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return max(inst.last_verified for inst in dataset.institutions)


def make_print(dataset: Dataset, *, site_dir: Path, docs_dir: Path, site_url: str | None,
               profile: PrintProfile, progress: Callable[[PdfResult], None],
               workers: int | None = None) -> list[PdfResult]:
    """Write each language's leaflet page and its leaflet and guidebook PDFs into
    ``<lang>/downloads/`` of the built site."""
    if not site_url:
        raise PrintError("site_url is not set in mkdocs.yml; the QR codes of the PDFs need it. "
                         "mkdocs.yml에 site_url을 설정하세요 (PDF의 QR 코드에 필요합니다).")
    created = print_date(dataset)
    jobs = []
    for lang in LANGUAGES:
        tr = translations(lang)
        out = site_dir / ("" if lang == DEFAULT_LANGUAGE else lang) / "downloads"
        out.mkdir(parents=True, exist_ok=True)
        args = dict(site_url=site_url, docs_dir=docs_dir, profile=profile, created=created)
        leaflet = leaflet_html(dataset, lang, tr, **args)
        (out / "leaflet.html").write_text(leaflet, encoding="utf-8")
        jobs.append(PdfJob(leaflet, out / f"leaflet-{lang}.pdf", profile))
        jobs.append(PdfJob(guidebook_html(dataset, lang, tr, **args), out / f"guidebook-{lang}.pdf",
                           profile, booklet=True))
    try:
        return render_all(jobs, workers=workers or os.cpu_count() or 2, progress=progress)
    except PdfError as exc:
        raise PrintError(str(exc)) from exc
