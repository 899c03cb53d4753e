"""Print files say what they are: a preview's PDFs carry "PREVIEW — not for
printing" and the reason on every page and in their metadata; a release's
carry nothing of the kind."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pikepdf
import pytest

from guidebook.forms.model import load_forms
from guidebook.common.i18n import translations
from guidebook.data.load import load_file
from guidebook.printing.pdf import PdfJob, render_job
from guidebook.printing.html import PrintProfile, forms_html, leaflet_html, preview_marks
from tests.conftest import CHAPTERS, FIXTURES, LANGS, ROOT

DATA = load_file(FIXTURES / "institutions.yaml", LANGS).dataset
ARGS = dict(site_url="https://guide.example.org/", docs_dir=ROOT / "content", profile=PrintProfile(chapters=CHAPTERS),
            created=dt.date(2026, 3, 9))


def pdf_of(html: str, target: Path) -> Path:
    render_job(PdfJob(html, target, PrintProfile()))
    return target


def page_texts(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        count = len(pdf.pages)
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


def test_a_preview_leaflet_is_marked_on_every_page_and_in_its_metadata(tmp_path: Path) -> None:
    marks = preview_marks(False, sample=True, unreviewed=True)
    path = pdf_of(leaflet_html(DATA, "mn", translations("mn"), preview=marks, **ARGS), tmp_path / "l.pdf")
    texts = page_texts(path)
    assert len(texts) == 2
    for text in texts:
        assert "PREVIEW — not for printing (sample data, translation not reviewed)" in text
        assert "미리보기" in text
    with pikepdf.open(path) as pdf:
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
    assert info["/Title"].startswith("PREVIEW — ")
    assert "not for printing" in info["/Subject"] and "sample data" in info["/Subject"]


def test_a_release_leaflet_is_unmarked(tmp_path: Path) -> None:
    html = leaflet_html(DATA, "en", translations("en"), preview=preview_marks(True, sample=False,
                                                                             unreviewed=False), **ARGS)
    assert "not for printing" not in html and ".sheet::after" not in html and "<title>PREVIEW" not in html


@pytest.mark.parametrize("sample, unreviewed, reason", [
    (False, False, "(preview build)"), (True, False, "(sample data)"),
    (False, True, "(translation not reviewed)")])
def test_every_preview_says_why(sample: bool, unreviewed: bool, reason: str) -> None:
    marks = preview_marks(False, sample=sample, unreviewed=unreviewed)
    html = leaflet_html(DATA, "ar", translations("ar"), preview=marks, **ARGS)
    assert html.count(reason) >= 2  # the PDF subject and the band of each kind of page
    assert ".sheet::after" in html


def test_the_forms_pdf_is_marked_when_their_wording_is_not_reviewed() -> None:
    forms = load_forms(ROOT / "data" / "forms", LANGS).forms
    marks = preview_marks(False, sample=False, unreviewed=True)
    html = forms_html(forms, "ru", translations("ru"), site_url="https://guide.example.org/",
                      default_language="en", profile=PrintProfile(), created=dt.date(2026, 3, 9),
                      preview=marks)
    assert "translation not reviewed" in html and "<title>PREVIEW — " in html


def test_every_page_of_a_preview_guidebook_is_marked_and_its_qr_codes_still_read(tmp_path: Path) -> None:
    from guidebook.printing.html import guidebook_html
    from tests.print import pdftools

    marks = preview_marks(False, sample=True, unreviewed=False)
    path = tmp_path / "g.pdf"
    render_job(PdfJob(guidebook_html(DATA, "ar", translations("ar"), preview=marks, **ARGS), path,
                      PrintProfile(), booklet=False))
    texts = page_texts(path)
    assert all("PREVIEW — not for printing (sample data)" in t for t in texts), len(texts)
    payloads = set().union(*(pdftools.qr_payloads(path, n) for n in range(1, len(texts) + 1)))
    assert "https://guide.example.org/ar/institutions/test-eye-hospital/" in payloads


def test_the_preview_band_keeps_the_safety_margin(tmp_path: Path) -> None:
    from tests.print import pdftools

    """#26: a proof is rejected when a mark sits inside the 3 mm safety
    margin below the trim; the band starts at least 3 mm inside it."""
    marks = preview_marks(False, sample=True, unreviewed=True)
    path = pdf_of(leaflet_html(DATA, "ar", translations("ar"), preview=marks, **ARGS), tmp_path / "l.pdf")
    tops = pdftools.word_tops_mm(path, "PREVIEW")
    assert [page for page, _ in tops] == [1, 2], tops
    assert all(top >= 3.0 for _, top in tops), tops
