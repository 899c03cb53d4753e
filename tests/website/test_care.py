"""From the guide to the hospital's door, on the built sites: a number to
tap and a map link on every institution page (the sample data too), no page
that sends the reader to a page without the fact, the header's search
button, the offline files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import LANGS

PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGS}


def institution_pages(site: Path, lang: str) -> list[Path]:
    return sorted((site / PREFIX[lang] / "institutions").glob("*/index.html"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_sample_institution_page_has_a_number_and_map_links(sample_site: Path, lang: str) -> None:
    pages = institution_pages(sample_site, lang)
    assert len(pages) == 15
    for path in pages:
        html = path.read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        assert re.search(r'href="tel:\+?\d+"', article), path
        assert 'href="https://map.kakao.com/' in article and 'href="https://map.naver.com/' in article, path


# Phrases that once sent the reader round in a circle: "the details are on the
# institution's page", on pages that did not have them.
CIRCULAR = {
    "en": ["see any institution page", "details are on every institution", "on the same page"],
    "zh": ["见任一机构页面", "其联系方式见各机构页面", "其联系方式在同一页面上"],
    "mn": ["аль ч байгууллагын хуудсыг үзнэ үү", "байгууллага бүрийн хуудсанд бий", "тэр хуудсанд бий"],
    "ru": ["см. страницу любого учреждения", "его контакты есть на странице", "Его контакты есть на той же странице"],
    "ar": ["انظر صفحة أي مؤسسة", "تجد بياناته في صفحة كل مؤسسة", "تجد بياناته في الصفحة نفسها"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_help_pages_give_the_help_desk_number_instead_of_pointing_elsewhere(
        sample_site: Path, lang: str) -> None:
    for page in ("help", "emergency-card", "arrival"):
        html = (sample_site / PREFIX[lang] / page / "index.html").read_text(encoding="utf-8")
        for phrase in CIRCULAR[lang]:
            assert phrase not in html, (page, phrase)
    for page in ("help", "emergency-card"):
        html = (sample_site / PREFIX[lang] / page / "index.html").read_text(encoding="utf-8")
        assert 'href="tel:+82226703114"' in html, page  # the district office's main line
    help_page = (sample_site / PREFIX[lang] / "help" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:1330"' in help_page
    for embassy in ("mongolia", "china", "russia", "saudi-arabia", "uae", "kazakhstan"):
        entry = help_page[help_page.index(f'data-place="embassy-{embassy}"'):]
        entry = entry[:entry.index("</li>")]
        assert 'href="tel:' in entry, embassy  # its own number, or 1330 when none is sourced
    muslim = (sample_site / PREFIX[lang] / "muslim-friendly" / "index.html").read_text(encoding="utf-8")
    assert 'data-place="seoul-central-mosque"' in muslim and 'href="tel:+8227936908"' in muslim


@pytest.mark.parametrize("lang", LANGS)
def test_pages_without_an_address_give_a_number_beside_the_notice(sample_site: Path, lang: str) -> None:
    for path in institution_pages(sample_site, lang):
        html = path.read_text(encoding="utf-8")
        address = html[html.index('class="gb-driver"'):]
        address = address[:address.index('class="gb-maps"')]
        if 'class="gb-address"' not in address:
            assert 'href="tel:' in address, path


def test_every_page_has_the_header_search_button_of_its_language(fixture_site: Path) -> None:
    for lang in LANGS:
        for path in (fixture_site / PREFIX[lang]).glob("**/index.html"):
            if lang == "en" and path.relative_to(fixture_site).parts[0] in LANGS:
                continue
            if path.relative_to(fixture_site).as_posix() == "forms/read/index.html":
                continue  # the reception staff's Korean reading page, not a page of the guide
            html = path.read_text(encoding="utf-8")
            found = re.search(r'<a href="([^"]*)" class="md-header__button md-icon gb-header-search"', html)
            assert found, path
            target = (path.parent / found.group(1)).resolve()
            assert target == (fixture_site / PREFIX[lang] / "search").resolve(), path


def test_search_titles_lose_the_permalink_sign(fixture_site: Path) -> None:
    html = (fixture_site / "help" / "index.html").read_text(encoding="utf-8")
    assert '<a class="headerlink" href=' not in html
    assert '<a class="headerlink" data-pagefind-ignore="all"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_manifest_and_a_service_worker(fixture_site: Path, lang: str) -> None:
    folder = fixture_site / PREFIX[lang]
    manifest = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == {"zh": "zh-Hans"}.get(lang, lang)
    assert manifest["dir"] == ("rtl" if lang == "ar" else "ltr")
    assert manifest["start_url"] == "./" and manifest["scope"] == "./"
    for icon in manifest["icons"]:
        assert (folder / icon["src"]).resolve().is_file()
    sw = (folder / "sw.js").read_text(encoding="utf-8")
    precache = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", sw, re.S).group(1))
    assert {"./emergency-card/", "./help/"} <= set(precache)
    for url in precache:
        target = (folder / url).resolve()
        assert target.is_file() or (target / "index.html").is_file(), url
        assert "://" not in url and not url.startswith("/")  # relative: works from a sub-path
    html = (folder / "help" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="manifest" href="[^"]*manifest\.webmanifest">', html)
