"""The print shop's options: crop marks, CMYK PDF/X-4, and refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pikepdf
import pytest

from guidebook.build import downloads
from guidebook.common.i18n import translations
from guidebook.data.load import load_file
from guidebook.printing.pdf import MARK_SPACE_MM, PdfJob, render_job
from guidebook.printing.html import PrintProfile, guidebook_html, leaflet_html
from guidebook.data.settings import SettingsError, load_settings
from tests.conftest import CHAPTERS, LANGS, FIXTURES, ROOT
from tests.print import pdftools

DATA = load_file(FIXTURES / "institutions.yaml", LANGS).dataset


def make(kind: str, lang: str, profile: PrintProfile, target: Path) -> Path:
    build = guidebook_html if kind == "guidebook" else leaflet_html
    html = build(DATA, lang, translations(lang), site_url="https://guide.example.org/",
                 docs_dir=ROOT / "content", profile=profile, created=dt.date(2026, 3, 9))
    render_job(PdfJob(html, target, profile, booklet=kind == "guidebook"))
    return target


def operators(pdf: pikepdf.Pdf) -> set[str]:
    """Every content-stream operator on every page and in every form XObject."""
    found: set[str] = set()
    seen = set()

    def walk(obj) -> None:
        for _, op in pikepdf.parse_content_stream(obj):
            found.add(str(op))
        resources = obj.get("/Resources") if isinstance(obj, pikepdf.Dictionary) else None
        for xobj in ((resources or {}).get("/XObject") or {}).values():
            if xobj.get("/Subtype") == "/Form" and xobj.objgen not in seen:
                seen.add(xobj.objgen)
                walk(xobj)

    for page in pdf.pages:
        walk(page.obj)
    return found


@pytest.fixture(scope="module")
def cmyk_leaflet(tmp_path_factory) -> Path:
    return make("leaflet", "ar", PrintProfile(cmyk=True, crop_marks=True),
                tmp_path_factory.mktemp("cmyk") / "leaflet-ar.pdf")


def test_crop_marks_sit_outside_the_bleed_when_asked_for(tmp_path: Path) -> None:
    path = make("guidebook", "mn", PrintProfile(crop_marks=True, chapters=CHAPTERS), tmp_path / "g.pdf")
    assert pdftools.page_count(path) % 4 == 0
    for page in range(pdftools.page_count(path)):
        b = pdftools.boxes(path, page)
        assert pdftools.size_mm(b["TrimBox"]) == (148.0, 210.0)
        margin = (b["BleedBox"][0] - b["MediaBox"][0]) / pdftools.MM
        assert margin == pytest.approx(MARK_SPACE_MM, abs=0.01)
    with pikepdf.open(path) as pdf:
        last = pdf.pages[0].obj.Contents[-1].read_bytes()
        assert last.startswith(b"Q q 0 G 0.25 w") and last.count(b" l") == 8


def test_cmyk_profile_is_pdfx4_with_a_cmyk_output_intent(cmyk_leaflet: Path) -> None:
    with pikepdf.open(cmyk_leaflet) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX"
        assert int(intent.DestOutputProfile.N) == 4
        assert pdf.open_metadata().get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        assert pdf.docinfo.Trapped == "/False"


def test_cmyk_profile_has_no_rgb_left(cmyk_leaflet: Path) -> None:
    with pikepdf.open(cmyk_leaflet) as pdf:
        ops = operators(pdf)
        assert {"k", "K"} & ops, ops  # CMYK fills or strokes are there
        assert not {"rg", "RG"} & ops, ops
        for page in pdf.pages:
            spaces = (page.Resources.get("/ColorSpace") or {}).values()
            assert all("RGB" not in str(s) for s in spaces)


def test_cmyk_profile_keeps_boxes_fonts_and_marks(cmyk_leaflet: Path) -> None:
    b = pdftools.boxes(cmyk_leaflet)
    assert pdftools.size_mm(b["TrimBox"]) == (297.0, 210.0)
    assert b["MediaBox"][2] - b["BleedBox"][2] > 0  # room for the marks
    with pikepdf.open(cmyk_leaflet) as pdf:
        assert pdf.pages[0].obj.Contents[-1].read_bytes().startswith(b"Q q 0 0 0 1 K")
    for font in pdftools.fonts(cmyk_leaflet):
        assert font["emb"] == "yes" and "Type 3" not in font["type"]
    assert pdftools.missing_glyphs(cmyk_leaflet) == {}
    assert "82 2-2670-0000+" not in pdftools.text(cmyk_leaflet)


def test_no_raster_image_below_300_dpi(fixture_site: Path) -> None:
    pdfs = list(fixture_site.glob("**/downloads/*.pdf"))
    assert pdfs
    assert {str(p): pdftools.low_resolution_images(p) for p in pdfs} == {str(p): [] for p in pdfs}


def test_low_resolution_detector_catches_a_72_dpi_image(tmp_path: Path) -> None:
    """The check above passes trivially on PDFs without images: this shows it
    would catch a screen-resolution picture (and accept a 300 dpi one)."""
    from PIL import Image
    from weasyprint import HTML

    Image.new("RGB", (72, 72), "teal").save(tmp_path / "low.png")
    Image.new("RGB", (300, 300), "teal").save(tmp_path / "high.png")
    html = ('<img src="low.png" style="width:1in;height:1in">'
            '<img src="high.png" style="width:1in;height:1in">')
    HTML(string=html, base_url=str(tmp_path)).write_pdf(tmp_path / "images.pdf")
    found = pdftools.low_resolution_images(tmp_path / "images.pdf")
    assert len(found) == 1 and found[0][1:] == (72, 72)


def test_pdfs_need_a_site_url(tmp_path: Path) -> None:
    with pytest.raises(downloads.PrintError, match="site_url"):
        downloads.make_print(DATA, site_dir=tmp_path, docs_dir=ROOT / "content", site_url=None,
                        profile=PrintProfile(), progress=lambda r: None)
    assert not list(tmp_path.iterdir())


def test_print_settings_are_checked(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"

    def profile(print_settings: str, environ: dict[str, str] | None = None):
        text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        assert "      enabled: true\n" in text
        config.write_text(text.replace("      enabled: true\n", print_settings + "\n", 1),
                          encoding="utf-8")
        return downloads.print_profile(load_settings(config, environ or {}))

    assert profile("      enabled: false") is None
    assert profile("", {"GUIDEBOOK_PDF": "0"}) is None
    assert profile("      leaflet_max_institutions: 9") == PrintProfile(leaflet_max_institutions=9,
                                                                              chapters=CHAPTERS)
    with pytest.raises(SettingsError) as caught:
        profile("      cropmarks: true")
    line = (config.read_text(encoding="utf-8").splitlines().index("      cropmarks: true")) + 1
    assert f"mkdocs.yml:{line}:7: extra.guidebook.print.cropmarks: unknown field 'cropmarks'" in str(caught.value)
    assert "did you mean 'crop_marks'?" in str(caught.value)
    assert "알 수 없는 항목" in str(caught.value)
