"""The downloads of each language: the leaflet page and the two print PDFs.

Runs after the site is built (MkDocs post-build hook) and writes into each
language's ``downloads/`` folder of the built site.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from pathlib import Path

from .i18n import site_language, translations
from .forms import Form, unreviewed
from .inputs import PRINT_TEXTS
from .model import Dataset
from .pdf import PdfError, PdfJob, PdfResult, render_all
from .print_html import PrintProfile, forms_html, guidebook_html, leaflet_html, preview_marks
from .quality import front_matter, is_reviewed
from .settings import Settings
from .workers import available_cpus


class PrintError(Exception):
    """The print files cannot be made as configured; the message says why."""


def print_profile(settings: Settings) -> PrintProfile | None:
    """The print profile from ``extra.guidebook.print`` in mkdocs.yml, or None when
    PDFs are turned off (``enabled: false``, or GUIDEBOOK_PDF=0 for quick previews)."""
    if not settings.make_pdfs:
        return None
    return PrintProfile(**settings.guidebook.print.model_dump(exclude={"enabled"}))


def print_date(dataset: Dataset, source_date: _dt.date | None) -> _dt.date:
    """The date printed on (and stored in) the PDFs: SOURCE_DATE_EPOCH's when set,
    else the newest verification date, so that a rebuild gives the same bytes."""
    return source_date or max(inst.last_verified for inst in dataset.institutions)


def make_print(dataset: Dataset, *, site_dir: Path, docs_dir: Path, site_url: str | None,
               profile: PrintProfile, progress: Callable[[PdfResult], None],
               workers: int | None = None, source_date: _dt.date | None = None,
               forms: Sequence[Form] = (), release: bool = False) -> list[PdfResult]:
    """Write each language's leaflet page and its leaflet and guidebook PDFs into
    ``<lang>/downloads/`` of the built site; outside a ``release``, each file
    is marked as a preview on every page and in its metadata, with why."""
    if not site_url:
        raise PrintError("site_url is not set in mkdocs.yml; the QR codes of the PDFs need it. "
                         "mkdocs.yml에 site_url을 설정하세요 (PDF의 QR 코드에 필요합니다).")
    created = print_date(dataset, source_date)
    jobs = []
    for lang in dataset.languages:
        tr = translations(lang)
        out = site_dir / site_language(lang).url_prefix(dataset.languages[0]) / "downloads"
        out.mkdir(parents=True, exist_ok=True)
        texts_unreviewed = any(not is_reviewed(front_matter(docs_dir / f"{page}.{lang}.md"), lang,
                                               dataset.languages[0]) for page in PRINT_TEXTS)
        preview = preview_marks(release, sample=dataset.sample, unreviewed=texts_unreviewed)
        args = dict(site_url=site_url, docs_dir=docs_dir, profile=profile, created=created,
                    preview=preview)
        leaflet = leaflet_html(dataset, lang, tr, **args)
        (out / "leaflet.html").write_text(leaflet, encoding="utf-8")
        jobs.append(PdfJob(leaflet, out / f"leaflet-{lang}.pdf", profile))
        jobs.append(PdfJob(guidebook_html(dataset, lang, tr, **args), out / f"guidebook-{lang}.pdf",
                           profile, booklet=True))
        if forms:
            forms_preview = preview_marks(release, sample=dataset.sample,
                                          unreviewed=any(lang in unreviewed(f) for f in forms))
            html = forms_html(forms, lang, tr, site_url=site_url, default_language=dataset.languages[0],
                              profile=profile, created=created, preview=forms_preview)
            jobs.append(PdfJob(html, out / f"forms-{lang}.pdf", profile))
    try:
        return render_all(jobs, workers=workers or available_cpus(), progress=progress)
    except PdfError as exc:
        raise PrintError(str(exc)) from exc
