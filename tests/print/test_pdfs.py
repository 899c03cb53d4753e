"""The leaflet and guidebook PDFs, read back with the tools a print shop would use."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from guidebook.data.load import load_file
from tests.conftest import FIXTURES, ROOT
from tests.conftest import LANGS as SITE_LANGUAGES  # the default language first
from tests.print import pdftools

LANGS = ["ar", "mn", "zh", "ru", "en"]  # Arabic first: the hardest to get right
PREFIX = {"en": ""} | {lang: f"{lang}/" for lang in LANGS if lang != "en"}
SITE = "https://guide.example.org/"
FORMATS = {"leaflet": (297.0, 210.0), "guidebook": (148.0, 210.0), "forms": (210.0, 297.0)}


def pdf(site: Path, kind: str, lang: str) -> Path:
    return site / PREFIX[lang] / "downloads" / f"{kind}-{lang}.pdf"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", FORMATS)
def test_trim_bleed_and_no_marks_by_default(fixture_site: Path, kind: str, lang: str) -> None:
    path = pdf(fixture_site, kind, lang)
    for page in range(pdftools.page_count(path)):
        b = pdftools.boxes(path, page)
        assert pdftools.size_mm(b["TrimBox"]) == FORMATS[kind]
        bleed = [b["TrimBox"][0] - b["BleedBox"][0], b["TrimBox"][1] - b["BleedBox"][1],
                 b["BleedBox"][2] - b["TrimBox"][2], b["BleedBox"][3] - b["TrimBox"][3]]
        assert all(edge >= 3 * pdftools.MM - 0.01 for edge in bleed), bleed
        assert b["MediaBox"] == b["BleedBox"]  # no crop marks unless asked for


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", FORMATS)
def test_no_text_reaches_past_the_trim(sample_site: Path, kind: str, lang: str) -> None:
    # A long unbroken word (a map link's address was 200 characters of
    # percent-encoded Korean) ran off the page and was cut by the knife.
    assert pdftools.words_outside_trim(pdf(sample_site, kind, lang)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_page_counts(fixture_site: Path, lang: str) -> None:
    assert pdftools.page_count(pdf(fixture_site, "leaflet", lang)) == 2
    assert pdftools.page_count(pdf(fixture_site, "guidebook", lang)) % 4 == 0


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", FORMATS)
def test_fonts_embedded_subset_and_no_type3(fixture_site: Path, kind: str, lang: str) -> None:
    fonts = pdftools.fonts(pdf(fixture_site, kind, lang))
    assert fonts
    for font in fonts:
        assert font["emb"] == "yes" and font["sub"] == "yes", font
        assert "Type 3" not in font["type"], font


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", FORMATS)
def test_every_character_has_a_glyph(fixture_site: Path, kind: str, lang: str) -> None:
    assert pdftools.missing_glyphs(pdf(fixture_site, kind, lang)) == {}


def test_missing_glyph_detector_catches_a_missing_glyph(tmp_path: Path) -> None:
    from weasyprint import HTML

    path = tmp_path / "missing.pdf"
    HTML(string='<p style="font-family: Noto Sans">A \ue000 Ө</p>').write_pdf(path)
    assert list(pdftools.missing_glyphs(path).values()) == [{"\ue000"}]


@pytest.mark.parametrize("lang", LANGS)
def test_korean_and_english_addresses_are_lines_of_their_own(sample_site: Path, lang: str) -> None:
    # The taxi driver reads the Korean line; run together ("…명동2길 2727
    # Myeongdong 2-gil") the number is wrong on both.
    dataset = load_file(ROOT / "data" / "institutions.yaml", SITE_LANGUAGES).dataset
    places = [p for p in dataset.places if p.address and p.address.en]
    assert places, "the sample data has places with both addresses"
    path = pdf(sample_site, "guidebook", lang)
    lines = [line for page in range(1, pdftools.page_count(path) + 1)
             for line in pdftools.page_text(path, page).splitlines()]
    for place in places:
        korean = " ".join(place.address.ko.split()[:2])  # "서울특별시 중구"
        english = place.address.en.split(",")[-1].strip()  # "Seoul"
        printed = [line for line in lines if korean in line]
        assert printed, (lang, place.id)
        assert not any(english in line for line in printed), (lang, place.id, printed)


@pytest.mark.parametrize("lang", LANGS)
def test_names_in_the_language_and_in_korean(sample_site: Path, lang: str) -> None:
    dataset = load_file(ROOT / "data" / "institutions.yaml", SITE_LANGUAGES).dataset
    guidebook = pdftools.text(pdf(sample_site, "guidebook", lang))
    leaflet = pdftools.text(pdf(sample_site, "leaflet", lang))

    def norm(s: str) -> str:
        return "".join(ch for ch in s if not ch.isspace() and unicodedata.category(ch) != "Cf")

    for inst in dataset.institutions:
        for name in (inst.name[lang], inst.name["ko"]):
            assert norm(name) in norm(guidebook), (lang, name)
            assert norm(name) in norm(leaflet), (lang, name)
    assert {"ө", "ү"} <= set(pdftools.text(pdf(sample_site, "guidebook", "mn")))  # U+04E9, U+04AF


def test_arabic_phone_number_reads_in_dial_order(fixture_site: Path) -> None:
    text = pdftools.text(pdf(fixture_site, "guidebook", "ar"))
    assert "+82 2-2670-1234" in text
    assert "82 2-2670-1234+" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_qr_codes_point_to_the_pages_in_that_language(fixture_site: Path, lang: str) -> None:
    ids = [i.id for i in load_file(FIXTURES / "institutions.yaml", SITE_LANGUAGES).dataset.institutions]
    root = SITE + PREFIX[lang]
    leaflet, guidebook = pdf(fixture_site, "leaflet", lang), pdf(fixture_site, "guidebook", lang)
    assert pdftools.qr_payloads(leaflet, 1) == {root}
    assert pdftools.qr_payloads(leaflet, 2) == {f"{root}institutions/{i}/" for i in ids}
    first = load_file(FIXTURES / "institutions.yaml", LANGS).dataset.institutions[0].name[lang]
    page = max(p for p in range(3, pdftools.page_count(guidebook) + 1)  # the directory's page
               if "".join(first.split()) in "".join(pdftools.page_text(guidebook, p).split()))
    assert f"{root}institutions/{ids[0]}/" in pdftools.qr_payloads(guidebook, page)
    for url in pdftools.qr_payloads(leaflet, 2):  # and those pages exist in the built site
        assert (fixture_site / url.removeprefix(SITE) / "index.html").exists()


def test_first_pages_rendered_for_review(sample_site: Path, output_dir: Path) -> None:
    for lang in LANGS:
        for kind in FORMATS:
            png = pdftools.render_png(pdf(sample_site, kind, lang), 1, output_dir / f"{kind}-{lang}-p1")
            assert png.stat().st_size > 10_000


def test_leaflet_page_is_on_the_site_and_downloads_link_to_the_pdfs(fixture_site: Path) -> None:
    for lang in LANGS:
        folder = fixture_site / PREFIX[lang] / "downloads"
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert f'href="leaflet-{lang}.pdf"' in page and f'href="guidebook-{lang}.pdf"' in page
        leaflet = (folder / "leaflet.html").read_text(encoding="utf-8")
        assert "@page leaflet" in leaflet and "http" not in leaflet.split("<body")[0].replace(
            'content="width', "")  # self-contained: no stylesheet or font from elsewhere


@pytest.mark.parametrize("lang", ["mn", "ar"])
def test_every_leaflet_qr_code_decodes(sample_site: Path, lang: str) -> None:
    dataset = load_file(ROOT / "data" / "institutions.yaml", SITE_LANGUAGES).dataset
    root = SITE + PREFIX[lang]
    expected = {f"{root}institutions/{i.id}/" for i in dataset.institutions}
    assert pdftools.qr_payloads(pdf(sample_site, "leaflet", lang), 2) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_no_leaflet_entry_is_split_across_columns(lang: str) -> None:
    """Each institution of the leaflet is laid out as one box: a box split over
    two columns (name in one, phone in the next) shows up as two fragments."""
    import datetime as dt
    from collections import Counter

    from weasyprint import HTML

    from guidebook.common.i18n import translations
    from guidebook.printing.html import PrintProfile, leaflet_html

    dataset = load_file(ROOT / "data" / "institutions.yaml", SITE_LANGUAGES).dataset
    html = leaflet_html(dataset, lang, translations(lang), site_url=SITE, docs_dir=ROOT / "content",
                        profile=PrintProfile(), created=dt.date(2026, 11, 23))
    fragments: Counter[int] = Counter()
    for page in HTML(string=html).render().pages:
        for box in page._page_box.descendants():  # WeasyPrint's layout tree (no public API)
            element = getattr(box, "element", None)
            if element is not None and "entry" in (element.get("class") or "").split() \
                    and type(box).__name__ in ("BlockBox", "FlexBox"):
                fragments[id(element)] += 1
    assert len(fragments) == len(dataset.institutions)
    assert max(fragments.values()) == 1


SCRIPT = {"en": r"[A-Za-z]", "zh": r"[\u4e00-\u9fff]", "mn": r"[\u04e8\u04e9\u04ae\u04af]",
          "ru": r"[\u0430-\u044f]", "ar": r"[\u0600-\u06ff]"}


@pytest.mark.parametrize("lang", LANGS)
def test_blank_forms_have_the_patients_script_and_korean(fixture_site: Path, lang: str) -> None:
    import re

    from guidebook.forms.model import load_forms

    text = pdftools.text(pdf(fixture_site, "forms", lang))
    assert re.search(SCRIPT[lang], text), lang
    assert re.search(r"[\uac00-\ud7a3]", text)  # Hangul: the labels the staff read
    for form in load_forms(ROOT / "data" / "forms", SITE_LANGUAGES).forms:
        norm = lambda s: "".join(s.split())  # noqa: E731
        assert norm(form.title["ko"]) in norm(text) and norm(form.title[lang]) in norm(text)
