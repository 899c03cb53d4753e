"""The downloads of each language: the leaflet page and the two print PDFs.

Runs after the site is built (MkDocs post-build hook) and writes into each
language's ``downloads/`` folder of the built site.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, translations
from .model import Dataset
from .pdf import PdfError, PdfJob, PdfResult, render_all
from .print_html import PrintProfile, guidebook_html, leaflet_html
from .quality import source_date


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
    return source_date() or max(inst.last_verified for inst in dataset.institutions)


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
