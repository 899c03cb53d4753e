"""The review PNGs: a picture of every page of every PDF beside site/, made only
when wanted (GUIDEBOOK_REVIEW_PNGS=0 and print.review_pngs: false turn them off)."""
from __future__ import annotations

from pathlib import Path

from tests.print import pdftools


def test_every_page_of_every_pdf_has_its_review_picture(sample_site: Path) -> None:
    review = sample_site.parent / "review"
    pdfs = sorted(p for p in sample_site.rglob("*.pdf"))
    assert pdfs, "the sample site has its PDFs"
    index = (review / "index.html").read_text(encoding="utf-8")
    for pdf in pdfs:
        pictures = sorted(review.glob(f"{pdf.stem}-p*.png"))
        assert len(pictures) == pdftools.page_count(pdf), pdf.name
        assert all(p.stat().st_size > 2_000 for p in pictures)
        assert f"<h2>{pdf.name}</h2>" in index
    # Nothing else: every picture belongs to a PDF of this build.
    stems = {p.stem for p in pdfs}
    assert {p.name.rsplit("-p", 1)[0] for p in review.glob("*.png")} == stems


def test_no_review_pictures_unless_wanted(fixture_site: Path) -> None:
    assert list(fixture_site.rglob("*.pdf")), "the fixture site has its PDFs"
    assert not (fixture_site.parent / "review").exists()  # the test run sets GUIDEBOOK_REVIEW_PNGS=0
