"""PNG previews of the print files, for editors without a PDF viewer.

``guidebook build`` writes a picture of every page of every PDF into
``review/`` beside ``site/`` (never published), with an ``index.html`` that
shows them in order. Pages are drawn by Ghostscript (already needed for the
print files) at 60 dpi, enough to see layout, breaks and empty space; the
pictures of an unchanged PDF come from the cache.
"""

from __future__ import annotations

import hashlib
import html
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

DPI = 60


def _render(pdf: Path, folder: Path) -> list[Path]:
    gs = shutil.which("gs")
    if gs is None:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=png16m",
                    f"-r{DPI}", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4",
                    "-dUseTrimBox", f"-sOutputFile={folder}/p%03d.png", str(pdf)],
                   check=True, capture_output=True)
    return sorted(folder.glob("p*.png"))


def write_previews(pdfs: Iterable[Path], review_dir: Path, cache_dir: Path | None) -> list[Path]:
    """Replace ``review_dir`` by the pages of ``pdfs``; returns the PNG files."""
    pdfs = sorted(pdfs, key=lambda p: p.name)
    staging = review_dir.with_name(review_dir.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    written, rows = [], []
    for pdf in pdfs:
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:32]
        source = (cache_dir / "review" / digest) if cache_dir else staging / ".tmp" / digest
        pages = sorted(source.glob("p*.png")) if source.exists() else []
        if not pages:
            pages = _render(pdf, source)
        names = []
        for number, page in enumerate(pages, start=1):
            target = staging / f"{pdf.stem}-p{number:02d}.png"
            shutil.copyfile(page, target)
            written.append(target)
            names.append(target.name)
        rows.append((pdf.name, names))
    shutil.rmtree(staging / ".tmp", ignore_errors=True)
    body = "\n".join(
        f"<h2>{html.escape(name)}</h2>\n<p>" + " ".join(
            f'<img src="{html.escape(n)}" alt="{html.escape(n)}" loading="lazy">' for n in names)
        + "</p>" for name, names in rows)
    (staging / "index.html").write_text(
        "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Print files: review"
        "</title><style>img{border:1px solid #999;margin:4px;vertical-align:top}</style>"
        f"<h1>Print files: every page</h1>\n{body}\n</html>\n", encoding="utf-8")
    shutil.rmtree(review_dir, ignore_errors=True)
    staging.replace(review_dir)
    return [review_dir / p.name for p in written]
