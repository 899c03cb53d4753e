"""Prepress (#14): the CMYK files as a print shop's preflight reads them, with
a second tool (Ghostscript's PDF/X re-distill) beside our own checks; the
guidebook's chapters and pages; tags; the PDF cache."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from guidebook.build import downloads
from guidebook.printing import prepress
from guidebook.forms.model import load_forms
from guidebook.data.load import load_file
from guidebook.printing.chapters import print_markdown
from guidebook.printing.html import CMYK_ICC, PrintProfile
from tests.conftest import CHAPTERS, FIXTURES, LANGS, ROOT
from tests.print import pdftools

DATA = load_file(FIXTURES / "institutions.yaml", LANGS).dataset
FORMS = load_forms(ROOT / "data" / "forms", LANGS).forms
SITE = "https://guide.example.org/"
PROFILE = PrintProfile(cmyk=True, crop_marks=True, chapters=CHAPTERS)
PREFIX = {"en": ""} | {lang: f"{lang}/" for lang in LANGS if lang != "en"}


def run(site: Path, docs: Path, cache: Path, profile: PrintProfile = PROFILE) -> list:
    return downloads.make_print(DATA, site_dir=site, docs_dir=docs, site_url=SITE, profile=profile,
                                progress=lambda r: None, forms=FORMS, cache_dir=cache,
                                source_date=dt.date(2026, 3, 9))


@pytest.fixture(scope="module")
def cmyk(tmp_path_factory) -> dict[str, object]:
    """Every CMYK print file of the fixture data, made once, through the cache."""
    work = tmp_path_factory.mktemp("cmyk")
    docs = work / "content"
    shutil.copytree(ROOT / "content", docs, ignore=shutil.ignore_patterns("institutions", "forms"))
    results = run(work / "site", docs, work / "cache")
    return {"work": work, "docs": docs, "results": results,
            "pdfs": sorted((work / "site").glob("**/downloads/*.pdf"))}


def pdfx_redistill(path: Path, icc: Path, tmp: Path) -> subprocess.CompletedProcess:
    """Ghostscript's own PDF/X output from ``path``: it falls back to plain PDF
    (and says so) on anything PDF/X forbids, such as an annotation."""
    definition = Path(next(Path("/usr/share/ghostscript").glob("*/lib/PDFX_def.ps")))
    script = tmp / "PDFX_def.ps"
    script.write_text(definition.read_text(encoding="latin-1").replace(
        "(ISO Coated sb.icc)", f"({icc})"), encoding="latin-1")
    return subprocess.run(["gs", "-dPDFX=true", "-dBATCH", "-dNOPAUSE", "-dNOSAFER",
                           "-sDEVICE=pdfwrite", "-sColorConversionStrategy=CMYK",
                           f"-sOutputFile={tmp / 'redistilled.pdf'}", str(script), str(path)],
                          capture_output=True, text=True)


def test_all_fifteen_cmyk_files_were_made(cmyk) -> None:
    names = {p.name for p in cmyk["pdfs"]}
    assert len(names) == 3 * len(LANGS)


def test_ghostscript_pdfx_redistill_accepts_every_cmyk_file(cmyk, tmp_path: Path) -> None:
    for path in cmyk["pdfs"]:
        done = pdfx_redistill(path, CMYK_ICC, tmp_path)
        said = done.stdout + done.stderr
        assert done.returncode == 0, (path.name, said[-800:])
        assert "not permitted in PDF/X" not in said and "reverting" not in said, (path.name, said)
        with pikepdf.open(tmp_path / "redistilled.pdf") as pdf:
            assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"


def test_redistill_refuses_a_file_with_links(tmp_path: Path) -> None:
    """The check above can fail: a PDF with a link annotation is refused."""
    from weasyprint import HTML

    path = tmp_path / "link.pdf"
    HTML(string='<p><a href="https://guide.example.org/">link</a></p>').write_pdf(path)
    said = pdfx_redistill(path, CMYK_ICC, tmp_path)
    assert "not permitted in PDF/X" in said.stdout + said.stderr


def test_no_annotations_in_cmyk_files(cmyk) -> None:
    for path in cmyk["pdfs"]:
        assert prepress.annotation_count(path) == 0, path.name


def test_info_and_xmp_agree_language_and_title_kept(cmyk) -> None:
    for path in cmyk["pdfs"]:
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            info = pdf.docinfo
            assert meta.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
            assert str(info.Title) == meta["dc:title"] and str(info.Title)
            assert str(info.Producer) == meta["pdf:Producer"]
            assert str(info.Creator) == meta["xmp:CreatorTool"]
            assert str(info.CreationDate) == "D:20260309120000+00'00'"
            assert meta["xmp:CreateDate"].startswith("2026-03-09T12:00:00")
            assert meta["xmp:ModifyDate"] == meta["xmp:CreateDate"]
            assert str(info.Trapped) == "/False" and meta["pdf:Trapped"] == "False"
            lang = path.stem.rsplit("-", 1)[1]
            assert str(pdf.Root.Lang) == ("zh-Hans" if lang == "zh" else lang)
            assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


def test_output_intent_is_the_profiles_printing_condition(cmyk) -> None:
    for path in cmyk["pdfs"]:
        with pikepdf.open(path) as pdf:
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX"
            assert str(intent.OutputConditionIdentifier) == "FOGRA39"
            assert str(intent.RegistryName) == "http://www.color.org"
            assert intent.DestOutputProfile.read_bytes() == CMYK_ICC.read_bytes()


def test_a_shops_own_icc_profile_and_condition_are_used(tmp_path: Path) -> None:
    icc = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
    profile = PrintProfile(cmyk=True, output_icc=icc, output_condition="JC200103",
                           output_condition_info="Japan Color 2001 Coated")
    from guidebook.common.i18n import translations
    from guidebook.printing.pdf import PdfJob, render_job
    from guidebook.printing.html import leaflet_html, without_links

    html = without_links(leaflet_html(DATA, "mn", translations("mn"), site_url=SITE,
                                      docs_dir=ROOT / "content", profile=profile,
                                      created=dt.date(2026, 3, 9)))
    path = tmp_path / "leaflet-mn.pdf"
    render_job(PdfJob(html, path, profile, lang="mn", title="t"))
    with pikepdf.open(path) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "JC200103"
        assert str(intent.Info) == "Japan Color 2001 Coated"
        assert intent.DestOutputProfile.read_bytes() == icc.read_bytes()


def test_no_rgb_and_no_four_colour_black(cmyk) -> None:
    for path in cmyk["pdfs"]:
        assert prepress.colour_problems(path) == [], path.name


def test_text_and_qr_codes_are_100_k(cmyk) -> None:
    """Every dark colour set in the content streams is 0 0 0 1 exactly."""
    path = next(p for p in cmyk["pdfs"] if p.name == "leaflet-ar.pdf")
    with pikepdf.open(path) as pdf:
        darks = set()
        for obj in prepress._streams(pdf):
            for operands, op in pikepdf.parse_content_stream(obj):
                if str(op) in ("k", "K", "sc", "scn", "SC", "SCN") and len(operands) == 4:
                    values = tuple(round(float(v), 3) for v in operands)
                    if values[3] >= 0.8:
                        darks.add(values)
    assert darks == {(0, 0, 0, 1)}


def test_colour_scan_finds_rgb_and_rich_black(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].obj.Contents = pdf.make_stream(b"0 0 0 rg 0.72 0.68 0.67 0.88 k 0 0 0 1 K")
    path = tmp_path / "bad.pdf"
    pdf.save(path)
    problems = prepress.colour_problems(path)
    assert any("RGB" in p for p in problems) and any("four-colour" in p for p in problems)
    assert len(problems) == 2


def test_fold_marks_outside_the_trim_with_crop_marks(cmyk) -> None:
    path = next(p for p in cmyk["pdfs"] if p.name == "leaflet-en.pdf")
    with pikepdf.open(path) as pdf:
        for number, folds in enumerate(downloads.LEAFLET_FOLDS):
            page = pdf.pages[number]
            trim = [float(v) for v in page.TrimBox]
            last = page.obj.Contents[-1].read_bytes().decode()
            assert "[1.5 1] 0 d" in last  # dashed: fold, not cut
            last = last.split("[1.5 1] 0 d", 1)[1]  # the fold marks
            xs = {round(float(x), 1) for x, _ in re.findall(r"([\d.]+) ([\d.]+) m", last)}
            for fold in folds:
                assert round(trim[0] + fold * pdftools.MM, 1) in xs
            ys = [float(y) for _, y in re.findall(r"([\d.]+) ([\d.]+) m", last)]
            assert all(y < trim[1] or y > trim[3] for y in ys)  # outside the trim


def test_front_colour_overlaps_its_fold() -> None:
    from guidebook.common.i18n import translations
    from guidebook.printing.html import leaflet_html

    html = leaflet_html(DATA, "en", translations("en"), site_url=SITE, docs_dir=ROOT / "content",
                        profile=PrintProfile(), created=dt.date(2026, 3, 9))
    assert ".front::before { left: -2mm;" in html
    assert "w97 flap" in html and html.count("panel w100") == 2  # 97/100/100 mm


# ---- The guidebook -------------------------------------------------------------

def norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", LANGS)
def test_guidebook_has_every_chapter(fixture_site: Path, lang: str) -> None:
    text = norm(pdftools.text(fixture_site / PREFIX[lang] / "downloads" / f"guidebook-{lang}.pdf"))
    for name in CHAPTERS:
        page = ROOT / "content" / f"{name}.{lang}.md"
        title, _ = print_markdown(page.read_text(encoding="utf-8"), SITE)
        assert norm(title) in text, (lang, name)


def page_lines(path: Path, page: int) -> int:
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return sum(1 for line in out.splitlines() if line.strip())


@pytest.mark.parametrize("lang", LANGS)
def test_no_guidebook_page_with_a_stray_line(sample_site: Path, lang: str) -> None:
    path = sample_site / PREFIX[lang] / "downloads" / f"guidebook-{lang}.pdf"
    count = pdftools.page_count(path)
    assert count % 4 == 0
    # cover (1), contents (2), back cover (last); a running head and a page number are 2 lines
    short = [p for p in range(3, count) if page_lines(path, p) < 3 + 2]
    assert len(short) <= 1, (lang, short)
    if short:
        assert short == [count - 1] and page_lines(path, count - 1) == 0  # the one blank


@pytest.mark.parametrize("lang", LANGS)
def test_screen_pdfs_are_tagged_with_language_and_title(fixture_site: Path, lang: str) -> None:
    for kind in ("leaflet", "guidebook", "forms"):
        with pikepdf.open(fixture_site / PREFIX[lang] / "downloads" / f"{kind}-{lang}.pdf") as pdf:
            assert bool(pdf.Root.MarkInfo.Marked)
            assert "/StructTreeRoot" in pdf.Root
            assert str(pdf.Root.Lang)
            assert str(pdf.docinfo.Title) and bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
            assert pdf.open_metadata().get("pdfuaid:part") == "1"


def test_cmyk_files_are_tagged_too(cmyk) -> None:
    for path in cmyk["pdfs"]:
        with pikepdf.open(path) as pdf:
            assert bool(pdf.Root.MarkInfo.Marked) and "/StructTreeRoot" in pdf.Root


def test_chinese_labels_use_full_width_colons(fixture_site: Path) -> None:
    text = pdftools.text(fixture_site / "zh" / "downloads" / "guidebook-zh.pdf")
    assert "电话：" in text or "联系" in text
    assert not re.search(r"[\u4e00-\u9fff]: ", text)


# ---- Cache -------------------------------------------------------------------------

def test_cache_a_rebuild_renders_nothing_and_a_chinese_edit_only_chinese(cmyk) -> None:
    work, docs = cmyk["work"], cmyk["docs"]
    assert not any(r.cached for r in cmyk["results"])
    again = run(work / "site2", docs, work / "cache")
    assert all(r.cached for r in again) and len(again) == len(cmyk["results"])
    page = docs / "help.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n另有说明。\n", encoding="utf-8")
    edited = run(work / "site3", docs, work / "cache")
    rendered = sorted(r.target.name for r in edited if not r.cached)
    assert rendered == ["guidebook-zh.pdf", "leaflet-zh.pdf"]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (dev.sh test installs it)")
def test_qpdf_finds_no_problem(cmyk) -> None:
    for path in cmyk["pdfs"]:
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout, \
            (path.name, done.stdout[-500:], done.stderr[-500:])
