"""PDFs for the print shop: WeasyPrint, in a process pool, with the print profile.

Each job renders one print HTML page to one PDF. Booklets are filled to a
multiple of 4 pages with notes pages (at most one page stays blank). Screen
PDFs (the RGB profile) are PDF/UA-1: tagged, with language and title. The
CMYK profile writes tagged PDF/X-4 straight from WeasyPrint, with device-cmyk
inks (black text and QR codes 100 % K) and no links; ``prepress`` names the
shop's printing condition, makes Info and XMP agree and draws the marks.
Ghostscript converts only when something is still RGB (a PNG emblem): its
output loses the tags, so the build says so.

Rendered files are cached by the hash of what they are made from (the HTML,
which holds the data, pages and catalogs; the profile with its ICC file and
images; the fonts; WeasyPrint's version and this module), so a rebuild renders
only what changed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from guidebook.printing import prepress
from guidebook.printing.html import PrintProfile


@dataclass(frozen=True)
class PdfJob:
    html: str
    target: Path
    profile: PrintProfile
    booklet: bool = False
    page_size_mm: tuple[float, float] = (148, 210)  # of a filler page, for booklets
    lang: str = "en"
    title: str = ""
    created: _dt.date = _dt.date(2026, 1, 1)
    filler_html: str | None = None  # a notes page to fill a booklet to a multiple of 4
    folds_mm: tuple[tuple[float, ...], ...] = ()  # per page: folds from the trim's left edge
    inputs: tuple[Path, ...] = field(default=())  # files the HTML refers to (images)


@dataclass(frozen=True)
class PdfResult:
    target: Path
    pages: int
    blanks: int
    seconds: float
    cached: bool = False
    fillers: int = 0


class PdfError(Exception):
    """A PDF could not be made; the message says which and why."""


def _check_tools(profile: PrintProfile) -> None:
    if profile.cmyk and not profile.output_icc.exists():
        raise PdfError(f"the output intent's ICC profile {profile.output_icc} does not exist "
                       f"(extra.guidebook.print.output_icc)")


def no_fetching(allowed: tuple[Path, ...] = ()) -> object:
    """WeasyPrint's fetcher for the print HTML: ``data:`` URLs (the pictures
    are embedded) and the ``file:`` URLs of exactly the files ``allowed``
    (the profile's ICC profile). Nothing is fetched from another host or
    read from another file named in the HTML, whatever a page or an SVG says."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    files = {path.resolve() for path in allowed}

    class _Confined(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> object:
            if url.lower().startswith("file:") and Path(unquote(urlsplit(url).path)).resolve() not in files:
                raise ValueError(f"not read for print: {url}")
            return super().fetch(url, headers)

    return _Confined(allowed_protocols={"data", "file"}, allow_redirects=False)


def _single_page(html: str, profile: PrintProfile) -> object:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=no_fetching((profile.output_icc,))).render().pages[0]


def _blank_html(job: PdfJob) -> str:
    width, height = job.page_size_mm
    css = f"@page {{ size: {width}mm {height}mm; margin: 0; bleed: {job.profile.bleed_mm}mm; }}"
    return f"<!DOCTYPE html><html><head><style>{css}</style></head><body></body></html>"


def producer() -> str:
    import weasyprint

    return f"Guidebook print (WeasyPrint {weasyprint.__version__})"


def render_job(job: PdfJob) -> PdfResult:
    """Render one job (runs in a worker process)."""
    import pikepdf
    from weasyprint import HTML

    started = time.perf_counter()
    _check_tools(job.profile)
    document = HTML(string=job.html, url_fetcher=no_fetching((job.profile.output_icc,))).render()
    pages = list(document.pages)
    missing = -len(pages) % 4 if job.booklet else 0
    fillers = missing - 1 if missing > 1 and job.filler_html else 0
    blanks = missing - fillers
    if missing:
        extra = []
        if fillers:
            extra += [_single_page(job.filler_html, job.profile)] * fillers
        if blanks:
            extra += [_single_page(_blank_html(job), job.profile)] * blanks
        pages = pages[:-1] + extra + pages[-1:]
        document = document.copy(pages)
    options: dict[str, object] = {
        # Same input, same bytes: the identifier comes from the content.
        "pdf_identifier": hashlib.sha256(job.html.encode()).hexdigest()[:32].encode(),
        "pdf_tags": True,
    }
    if job.profile.cmyk:
        options.update(pdf_variant="pdf/x-4", output_intent="device-cmyk")
    else:
        options.update(pdf_variant="pdf/ua-1")
    tmp = job.target.with_name(job.target.name + ".tmp")
    document.write_pdf(tmp, **options)
    if job.profile.cmyk and prepress.colour_problems(tmp):
        convert_to_cmyk(tmp, job.profile)  # an RGB image: Ghostscript separates it
    with pikepdf.open(tmp, allow_overwriting_input=True) as pdf:
        if job.profile.cmyk:
            prepress.remove_annotations(pdf)
            prepress.set_output_intent(pdf, prepress.OutputIntent(
                job.profile.output_condition, job.profile.output_condition_info,
                job.profile.output_icc))
        # The job's title, else the HTML's own <title> (a preview's is marked).
        title = job.title or (document.metadata.title or "")
        prepress.set_metadata(pdf, title=title, lang=job.lang, created=job.created,
                              producer=producer(), pdfx=job.profile.cmyk)
        if job.profile.crop_marks:
            prepress.add_marks(pdf, job.profile.bleed_mm, list(job.folds_mm), job.profile.cmyk)
        pdf.save(tmp, deterministic_id=True)
    tmp.replace(job.target)
    return PdfResult(job.target, len(pages), blanks, time.perf_counter() - started,
                     fillers=fillers)


def convert_to_cmyk(path: Path, profile: PrintProfile) -> None:
    """Convert every colour and image of ``path`` to CMYK in place with
    Ghostscript (only for RGB images: vector colours are device-cmyk already),
    keeping the boxes and fonts; the caller puts intent and metadata back."""
    gs = shutil.which("gs")
    if gs is None:
        raise PdfError("an RGB image in a CMYK file needs Ghostscript (Debian package ghostscript)")
    converted = path.with_name(path.name + ".cmyk")
    command = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite",
               "-dCompatibilityLevel=1.6", "-sColorConversionStrategy=CMYK",
               "-sProcessColorModel=DeviceCMYK", f"-sOutputICCProfile={profile.output_icc}",
               "-dBlackText", "-dBlackVector",
               "-dEmbedAllFonts=true", "-dSubsetFonts=true", "-dAutoRotatePages=/None",
               f"-sOutputFile={converted}", str(path)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise PdfError(f"Ghostscript failed on {path.name}: {done.stderr.strip()[:500]}")
    converted.replace(path)


# Kept for callers of the old names.
MM = prepress.MM
MARK_SPACE_MM = prepress.MARK_SPACE_MM
crop_mark_lines = prepress.crop_mark_lines


# ---- Cache -----------------------------------------------------------------------

def fonts_fingerprint() -> str:
    """The installed fonts (path, size, time): a font update re-renders."""
    done = subprocess.run(["fc-list", "--format", "%{file}\\n"], capture_output=True, text=True)
    rows = []
    for name in sorted(set(done.stdout.splitlines())):
        try:
            st = Path(name).stat()
        except OSError:
            continue
        rows.append(f"{name}\t{st.st_size}\t{int(st.st_mtime)}")
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def job_key(job: PdfJob, fonts: str) -> str:
    """The hash of everything a PDF is made from."""
    import weasyprint

    digest = hashlib.sha256()
    for part in (job.html, job.filler_html or "", repr(job.profile), repr(job.booklet),
                 repr(job.page_size_mm), job.lang, job.title, job.created.isoformat(),
                 repr(job.folds_mm), fonts, weasyprint.__version__,
                 Path(__file__).read_text(encoding="utf-8"),
                 Path(prepress.__file__).read_text(encoding="utf-8")):
        digest.update(part.encode())
        digest.update(b"\0")
    files = list(job.inputs) + ([job.profile.output_icc] if job.profile.cmyk else [])
    for path in files:
        digest.update(path.read_bytes() if path.exists() else b"missing")
    return digest.hexdigest()[:40]


def render_all(jobs: Iterable[PdfJob], *, workers: int = 2,
               progress: Callable[[PdfResult], None] = lambda result: None,
               cache_dir: Path | None = None) -> list[PdfResult]:
    """Render jobs in parallel (one process per core); report each file as it is
    done. With ``cache_dir``, a job whose inputs are unchanged is copied from
    the cache (``cached=True``) instead of rendered."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    jobs = list(jobs)
    results = []
    keys: dict[Path, Path] = {}
    todo = jobs
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fonts = fonts_fingerprint()
        todo = []
        for job in jobs:
            cached = cache_dir / f"{job_key(job, fonts)}.pdf"
            keys[job.target] = cached
            if cached.exists():
                shutil.copyfile(cached, job.target)
                result = PdfResult(job.target, _page_count(cached), 0, 0.0, cached=True)
                progress(result)
                results.append(result)
            else:
                todo.append(job)
    if todo:
        context = multiprocessing.get_context("spawn")  # no fork of a process with threads
        with ProcessPoolExecutor(max_workers=max(1, min(workers, len(todo))),
                                 mp_context=context) as pool:
            futures = {pool.submit(render_job, job): job for job in todo}
            for future in as_completed(futures):
                try:
                    result = future.result()
                except PdfError:
                    raise
                except Exception as exc:  # noqa: BLE001 - name the file, keep the cause
                    raise PdfError(f"{futures[future].target.name}: {type(exc).__name__}: "
                                   f"{exc}") from exc
                if result.target in keys:
                    tmp = keys[result.target].with_suffix(".tmp")
                    shutil.copyfile(result.target, tmp)
                    tmp.replace(keys[result.target])
                progress(result)
                results.append(result)
    return sorted(results, key=lambda r: str(r.target))


def _page_count(path: Path) -> int:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)
