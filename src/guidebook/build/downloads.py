"""The downloads of each language: the leaflet page and the two print PDFs.

Runs after the site is built (MkDocs post-build hook) and writes into each
language's ``downloads/`` folder of the built site.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from collections.abc import Callable, Sequence
from pathlib import Path

from guidebook.common.i18n import site_language, translations
from guidebook.forms.model import Form, unreviewed
from guidebook.checks.inputs import PRINT_TEXTS
from guidebook.data.model import Dataset
from guidebook.printing.pdf import PdfError, PdfJob, PdfResult, render_all
from guidebook.printing.html import (CMYK_ICC, PrintProfile, forms_html, guidebook_html, leaflet_html,
                         notes_html, preview_marks, without_links)
from guidebook.checks.quality import front_matter, is_reviewed
from guidebook.printing.review import write_previews
from guidebook.data.settings import Settings
from guidebook.common.workers import available_cpus

# The leaflet's folds, mm from the left trim edge: outside (flap 97 | back 100 |
# front 100) and inside (100 | 100 | flap 97); mirrored for right-to-left.
LEAFLET_FOLDS = ((97.0, 197.0), (100.0, 200.0))


class PrintError(Exception):
    """The print files cannot be made as configured; the message says why."""


def print_profile(settings: Settings) -> PrintProfile | None:
    """The print profile from ``extra.guidebook.print`` in mkdocs.yml, or None when
    PDFs are turned off (``enabled: false``, or GUIDEBOOK_PDF=0 for quick previews)."""
    if not settings.make_pdfs:
        return None
    values = settings.guidebook.print.model_dump(exclude={"enabled", "not_in_print"})
    values["chapters"] = settings.chapters
    for key in ("output_icc", "emblem", "cover_image"):
        values[key] = (settings.root / values[key]).resolve() if values[key] else None
    values["output_icc"] = values["output_icc"] or CMYK_ICC
    missing = [str(values[k]) for k in ("output_icc", "emblem", "cover_image")
               if values[k] is not None and not values[k].exists()]
    if missing:
        raise PrintError(f"extra.guidebook.print names files that do not exist: {', '.join(missing)}. "
                         f"print 설정의 파일이 없습니다.")
    return PrintProfile(**values)


def print_date(dataset: Dataset, source_date: _dt.date | None) -> _dt.date:
    """The date printed on (and stored in) the PDFs: SOURCE_DATE_EPOCH's when set,
    else the newest verification date, so that a rebuild gives the same bytes."""
    return source_date or max(inst.last_verified for inst in dataset.institutions)


def _folds(lang: str) -> tuple[tuple[float, ...], ...]:
    from guidebook.common.i18n import site_language as _site_language

    if _site_language(lang).rtl:  # mirrored panels: folds measured from the other side
        return tuple(tuple(297.0 - f for f in reversed(page)) for page in LEAFLET_FOLDS)
    return LEAFLET_FOLDS


def make_print(dataset: Dataset, *, site_dir: Path, docs_dir: Path, site_url: str | None,
               profile: PrintProfile, progress: Callable[[PdfResult], None],
               workers: int | None = None, source_date: _dt.date | None = None,
               forms: Sequence[Form] = (), release: bool = False, cache_dir: Path | None = None,
               review_dir: Path | None = None) -> list[PdfResult]:
    """Write each language's leaflet page and its leaflet, guidebook and forms
    PDFs into ``<lang>/downloads/`` of the built site; outside a ``release``,
    each file is marked as a preview on every page and in its metadata, with
    why; with ``cache_dir``, unchanged PDFs are copied from there; with
    ``review_dir``, a PNG of every page of every PDF is written there for the
    editors."""
    if not site_url:
        raise PrintError("site_url is not set in mkdocs.yml; the QR codes of the PDFs need it. "
                         "mkdocs.yml에 site_url을 설정하세요 (PDF의 QR 코드에 필요합니다).")
    created = print_date(dataset, source_date)
    web_profile = replace(profile, cmyk=False)
    finish = without_links if profile.cmyk else (lambda html: html)
    inputs = tuple(p for p in (profile.emblem, profile.cover_image) if p)
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
        common = dict(lang=site_language(lang).html_lang, created=created, inputs=inputs)
        site_name = (preview.title_prefix if preview else "") + dataset.district.site_name[lang]
        leaflet = leaflet_html(dataset, lang, tr, **args)
        web_leaflet = leaflet if not profile.cmyk else leaflet_html(
            dataset, lang, tr, **{**args, "profile": web_profile})
        (out / "leaflet.html").write_text(web_leaflet, encoding="utf-8")
        jobs.append(PdfJob(finish(leaflet), out / f"leaflet-{lang}.pdf", profile,
                           title=site_name, folds_mm=_folds(lang), **common))
        jobs.append(PdfJob(finish(guidebook_html(dataset, lang, tr, **args)),
                           out / f"guidebook-{lang}.pdf", profile, booklet=True, title=site_name,
                           filler_html=notes_html(dataset, lang, tr, **args), **common))
        if forms:
            forms_preview = preview_marks(release, sample=dataset.sample,
                                          unreviewed=any(lang in unreviewed(f) for f in forms))
            html = forms_html(forms, lang, tr, site_url=site_url, default_language=dataset.languages[0],
                              profile=profile, created=created, preview=forms_preview)
            title = ((forms_preview.title_prefix if forms_preview else "")
                     + " · ".join(form.title[lang] for form in forms))
            jobs.append(PdfJob(finish(html), out / f"forms-{lang}.pdf", profile, title=title,
                               **common))
    try:
        results = render_all(jobs, workers=workers or available_cpus(), progress=progress,
                             cache_dir=cache_dir)
    except PdfError as exc:
        raise PrintError(str(exc)) from exc
    if review_dir is not None:
        write_previews([r.target for r in results], review_dir, cache_dir)
    return results
