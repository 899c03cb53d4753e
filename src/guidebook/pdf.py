"""PDFs for the print shop: WeasyPrint, in a process pool, with the print profile.

Each job renders one print HTML page to one PDF. Booklets get blank pages
before the back cover so their page count is a multiple of 4. The opt-in CMYK
profile writes PDF/X-4 from device-cmyk CSS colours with a CMYK output intent,
then lets Ghostscript convert whatever is still RGB (crop marks, images) and
puts the output intent and PDF/X metadata back, which Ghostscript drops.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .print_html import CMYK_ICC, PrintProfile


@dataclass(frozen=True)
class PdfJob:
    html: str
    target: Path
    profile: PrintProfile
    booklet: bool = False
    page_size_mm: tuple[float, float] = (148, 210)  # of a blank page, for booklets


@dataclass(frozen=True)
class PdfResult:
    target: Path
    pages: int
    blanks: int
    seconds: float


class PdfError(Exception):
    """A PDF could not be made; the message says which and why."""


def _check_tools(profile: PrintProfile) -> None:
    if profile.cmyk and not CMYK_ICC.exists():
        raise PdfError(f"CMYK output needs {CMYK_ICC} (Debian package libgs-common)")


def _blank_page(job: PdfJob) -> object:
    from weasyprint import HTML

    width, height = job.page_size_mm
    css = f"@page {{ size: {width}mm {height}mm; margin: 0; bleed: {job.profile.bleed_mm}mm; }}"
    return HTML(string=f"<!DOCTYPE html><html><head><style>{css}</style></head><body></body></html>"
                ).render().pages[0]


def render_job(job: PdfJob) -> PdfResult:
    """Render one job (runs in a worker process)."""
    from weasyprint import HTML

    started = time.perf_counter()
    _check_tools(job.profile)
    document = HTML(string=job.html).render()
    pages = list(document.pages)
    blanks = -len(pages) % 4 if job.booklet else 0
    if blanks:
        pages = pages[:-1] + [_blank_page(job)] * blanks + pages[-1:]
        document = document.copy(pages)
    options: dict[str, object] = {
        # Same input, same bytes: the identifier comes from the content.
        "pdf_identifier": hashlib.sha256(job.html.encode()).hexdigest()[:32].encode(),
    }
    if job.profile.cmyk:
        options.update(pdf_variant="pdf/x-4", output_intent="device-cmyk")
    tmp = job.target.with_name(job.target.name + ".tmp")
    document.write_pdf(tmp, **options)
    if job.profile.cmyk:
        convert_to_cmyk(tmp)
    if job.profile.crop_marks:
        add_crop_marks(tmp, job.profile)
    tmp.replace(job.target)
    return PdfResult(job.target, len(pages), blanks, time.perf_counter() - started)


def convert_to_cmyk(path: Path) -> None:
    """Convert every colour and image of ``path`` to CMYK in place, keeping the
    boxes, fonts, output intent and PDF/X-4 metadata."""
    import pikepdf

    gs = shutil.which("gs")
    if gs is None:
        raise PdfError("CMYK output needs Ghostscript (Debian package ghostscript)")
    converted = path.with_name(path.name + ".cmyk")
    command = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite",
               "-dCompatibilityLevel=1.6", "-sColorConversionStrategy=CMYK",
               "-sProcessColorModel=DeviceCMYK", f"-sOutputICCProfile={CMYK_ICC}",
               "-dEmbedAllFonts=true", "-dSubsetFonts=true", "-dAutoRotatePages=/None",
               f"-sOutputFile={converted}", str(path)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise PdfError(f"Ghostscript failed on {path.name}: {done.stderr.strip()[:500]}")
    with pikepdf.open(path) as original, pikepdf.open(converted, allow_overwriting_input=True) as pdf:
        for key in ("/OutputIntents", "/Metadata"):
            if key in original.Root:
                value = original.Root[key]
                if not value.is_indirect:  # copy_foreign takes indirect objects only
                    value = original.make_indirect(value)
                pdf.Root[key] = pdf.copy_foreign(value)
        pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
        pdf.save(converted, deterministic_id=True)
    converted.replace(path)


MM = 72 / 25.4
MARK_LENGTH_MM = 5.0
MARK_SPACE_MM = MARK_LENGTH_MM + 3.0  # room outside the bleed for the marks


def crop_mark_lines(trim: tuple[float, float, float, float],
                    offset: float, length: float) -> list[tuple[float, float, float, float]]:
    """The eight crop-mark lines of a trim box, ``offset`` away from its corners.

    >>> crop_mark_lines((0, 0, 100, 50), 3, 5)[:2]
    [(-3, 0, -8, 0), (0, -3, 0, -8)]
    """
    x0, y0, x1, y1 = trim
    lines = []
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        lines.append((x + dx * offset, y, x + dx * (offset + length), y))
        lines.append((x, y + dy * offset, x, y + dy * (offset + length)))
    return lines


def add_crop_marks(path: Path, profile: PrintProfile) -> None:
    """Draw crop marks outside the bleed, in black only (100 % K in CMYK files).

    WeasyPrint's own ``marks: crop`` draws them inside the bleed, over the
    artwork that runs into it; print shops expect them beyond the bleed.
    """
    import pikepdf

    ink = b"0 0 0 1 K" if profile.cmyk else b"0 G"
    offset, length = profile.bleed_mm * MM, MARK_LENGTH_MM * MM
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.obj.get("/BleedBox", page.TrimBox)]
            space = MARK_SPACE_MM * MM
            media = [bleed[0] - space, bleed[1] - space, bleed[2] + space, bleed[3] + space]
            page.obj.MediaBox = pikepdf.Array(media)
            page.obj.CropBox = pikepdf.Array(media)
            path_ops = b" ".join(b"%.3f %.3f m %.3f %.3f l" % line
                                 for line in crop_mark_lines(tuple(trim), offset, length))
            page.contents_add(pikepdf.Stream(pdf, b"q"), prepend=True)
            page.contents_add(pikepdf.Stream(pdf, b"Q q " + ink + b" 0.25 w " + path_ops + b" S Q"))
        pdf.save(path, deterministic_id=True)


def render_all(jobs: Iterable[PdfJob], *, workers: int = 2,
               progress: Callable[[PdfResult], None] = lambda result: None) -> list[PdfResult]:
    """Render jobs in parallel (one process per core); report each file as it is done."""
    jobs = list(jobs)
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    results = []
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))), mp_context=context) as pool:
        futures = {pool.submit(render_job, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                result = future.result()
            except PdfError:
                raise
            except Exception as exc:  # noqa: BLE001 - name the file, keep the cause
                raise PdfError(f"{futures[future].target.name}: {type(exc).__name__}: {exc}") from exc
            progress(result)
            results.append(result)
    return sorted(results, key=lambda r: str(r.target))
