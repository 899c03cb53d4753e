"""Build the fixture site once and check what a reader and a crawler get."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tests.conftest import ROOT, copy_project

LANGS = {"en": "", "zh": "zh/", "mn": "mn/", "ru": "ru/", "ar": "ar/"}
HTML_LANG = {"en": "en", "zh": "zh-Hans", "mn": "mn", "ru": "ru", "ar": "ar"}
IDS = ["test-eye-hospital", "test-clinic", "test-hotel"]
# Every hand-written page, as built: index.en.md -> index.html, help.en.md -> help/index.html
CONTENT_PAGES = sorted("index.html" if p.name == "index.en.md" else f"{p.name[:-6]}/index.html"
                       for p in (ROOT / "content").glob("*.en.md"))
FORMS = sorted(p.stem for p in (ROOT / "data" / "forms").glob("*.yaml"))
FORM_PAGES = ["forms/index.html"] + [f"forms/{f}/index.html" for f in FORMS]
PAGES_PER_LANGUAGE = len(CONTENT_PAGES) + 1 + len(IDS) + len(FORM_PAGES)


class Page(HTMLParser):
    """The few things the tests read from a page."""

    def __init__(self, text: str):
        super().__init__()
        self.html_attrs: dict = {}
        self.body_attrs: dict = {}
        self.switcher: dict[str, str] = {}
        self.resources: list[str] = []
        self.ids: list[str] = []
        self.lang_spans: list[tuple[str, str]] = []
        self._lang_stack: list[str | None] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        elif tag == "body":
            self.body_attrs = a
        if tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switcher[a["hreflang"]] = a["href"]
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "preload", "icon", "manifest"):
            self.resources.append(a["href"])
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "span" and a.get("lang"):
            self._lang_stack.append(a["lang"])
        elif tag == "span":
            self._lang_stack.append(None)

    def handle_endtag(self, tag):
        if tag == "span" and self._lang_stack:
            self._lang_stack.pop()

    def handle_data(self, data):
        if self._lang_stack and self._lang_stack[-1] and data.strip():
            self.lang_spans.append((self._lang_stack[-1], data.strip()))


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_five_language_sites_with_every_page(fixture_site: Path) -> None:
    for lang, prefix in LANGS.items():
        pages = sorted(p.relative_to(fixture_site / prefix).as_posix()
                       for p in (fixture_site / prefix).glob("**/index.html")
                       if lang != "en" or not p.relative_to(fixture_site).parts[0] in LANGS)
        if lang == "en":  # the forms' Korean reading page, once for the site
            pages.remove(READER)
        assert pages == sorted(CONTENT_PAGES + ["institutions/index.html"] + FORM_PAGES
                               + [f"institutions/{i}/index.html" for i in IDS]), lang


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_and_direction(fixture_site: Path, lang: str) -> None:
    for rel in ("index.html", "institutions/index.html", f"institutions/{IDS[0]}/index.html"):
        page = Page(read(fixture_site, LANGS[lang] + rel))
        assert page.html_attrs["lang"] == HTML_LANG[lang]
        assert page.body_attrs["dir"] == ("rtl" if lang == "ar" else "ltr")


def material_string(lang: str, key: str) -> str:
    """A string of Material's own language file for ``lang``."""
    import material

    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{lang}.html"
    return re.search(rf'"{re.escape(key)}": "([^"]*)"', path.read_text(encoding="utf-8")).group(1)


@pytest.mark.parametrize("lang, words", [
    ("en", ["Contact", "Sample data"]),
    ("zh", ["联系方式", "示例数据", "测试眼科医院"]),
    ("mn", ["Холбоо барих", "Жишээ өгөгдөл", "Тест нүдний эмнэлэг"]),
    ("ru", ["Контакты", "Демонстрационные данные", "Тестовая глазная больница"]),
    ("ar", ["التواصل", "بيانات تجريبية", "مستشفى الاختبار للعيون"]),
])
def test_labels_theme_strings_and_sample_notice_in_the_pages_language(
        fixture_site: Path, lang: str, words: list[str]) -> None:
    text = read(fixture_site, LANGS[lang] + f"institutions/{IDS[0]}/index.html")
    for word in words + [f'aria-label="{material_string(lang, "select.language")}"',
                         f'aria-label="{material_string(lang, "nav")}"']:
        assert word in text, word
    if lang != "en":
        assert 'aria-label="Select language"' not in text


READER = "forms/read/index.html"  # the staff's page of a QR code: answers only, no guide data


def test_sample_notice_is_on_every_page(fixture_site: Path) -> None:
    pages = [p for p in fixture_site.glob("**/index.html") if p != fixture_site / READER]
    assert len(pages) == 5 * PAGES_PER_LANGUAGE
    for path in pages:
        assert 'class="gb-sample-notice"' in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_lands_on_the_same_institution(fixture_site: Path, lang: str) -> None:
    rel = LANGS[lang] + f"institutions/{IDS[0]}/"
    page = Page(read(fixture_site, rel + "index.html"))
    assert set(page.switcher) == set(HTML_LANG.values())
    for target_lang, href in page.switcher.items():
        target = urlparse(urljoin("http://x/" + rel, href)).path.lstrip("/")
        target_lang_code = next(k for k, v in HTML_LANG.items() if v == target_lang)
        assert target == LANGS[target_lang_code] + f"institutions/{IDS[0]}/"
        html = read(fixture_site, target + "index.html")
        assert f'data-institution="{IDS[0]}"' in html
        assert Page(html).html_attrs["lang"] == target_lang


def test_sitemap_lists_every_page_with_bcp47_alternates(fixture_site: Path) -> None:
    xml = read(fixture_site, "sitemap.xml")
    assert xml.count("<url>") == 5 * (PAGES_PER_LANGUAGE - 1)  # not the not-found page
    block = xml[xml.index(f"<loc>https://guide.example.org/zh/institutions/{IDS[1]}/</loc>"):]
    block = block[:block.index("</url>")]
    for lang, prefix in LANGS.items():
        assert (f'hreflang="{HTML_LANG[lang]}" '
                f'href="https://guide.example.org/{prefix}institutions/{IDS[1]}/"') in block
    assert 'hreflang="x-default"' in block


def test_institution_pages_stay_out_of_the_navigation(fixture_site: Path) -> None:
    directory = read(fixture_site, "institutions/index.html")
    nav = directory[directory.index('class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    assert "test-eye-hospital" not in nav
    assert 'href="test-eye-hospital/"' in directory  # reached from the directory instead


def test_no_resource_is_loaded_from_another_host(fixture_site: Path) -> None:
    for path in fixture_site.glob("**/*.html"):
        page = Page(path.read_text(encoding="utf-8"))
        # data: URLs are in the page itself (the reading page's empty favicon).
        external = [r for r in page.resources
                    if (urlparse(r).scheme and urlparse(r).scheme != "data") or r.startswith("//")]
        assert external == [], path
    css = "".join(p.read_text(encoding="utf-8") for p in fixture_site.glob("**/*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_foreign_text_is_marked_with_its_language(fixture_site: Path) -> None:
    page = Page(read(fixture_site, f"ar/institutions/{IDS[0]}/index.html"))
    assert ("ko", "테스트안과병원") in page.lang_spans
    assert ("en", "An eye hospital used by the tests.") in page.lang_spans
    ar = read(fixture_site, f"ar/institutions/{IDS[0]}/index.html")
    assert '<bdi dir="ltr">+82 2-2670-1234</bdi>' in ar


def test_headings_get_readable_anchors_in_every_script(fixture_site: Path) -> None:
    assert "контакты" in Page(read(fixture_site, f"ru/institutions/{IDS[0]}/index.html")).ids
    assert "联系方式" in Page(read(fixture_site, f"zh/institutions/{IDS[0]}/index.html")).ids
    assert "التواصل" in Page(read(fixture_site, f"ar/institutions/{IDS[0]}/index.html")).ids
    assert not [i for i in Page(read(fixture_site, "mn/help/index.html")).ids if re.fullmatch(r"_\d+", i)]


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_bad_data_fails_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cli = [sys.executable, "-m", "guidebook.cli", "build", "-f", str(project / "mkdocs.yml")]
    first = subprocess.run(cli, capture_output=True, text=True, cwd=project)
    assert first.returncode == 0, first.stderr
    before = tree_digest(project / "site")

    data = project / "data" / "institutions.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("category: clinic", "category: clinc")
                    .replace("lat: 37.5172", "lat: 3.5"), encoding="utf-8")
    second = subprocess.run(cli, capture_output=True, text=True, cwd=project)
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert "institutions[0].location: (3.5, 126.9071) is outside Korea" in second.stderr
    assert "institutions[1].category: 'clinc' is not an allowed value" in second.stderr
    assert re.search(r"2 problems in \S*data/institutions\.yaml; nothing was built", second.stderr)
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*")), "staging folder left behind"


def test_every_page_has_absolute_hreflang_alternates_and_x_default(fixture_site: Path) -> None:
    for path in fixture_site.glob("**/index.html"):
        html = path.read_text(encoding="utf-8")
        if ("guidebook_not_found" in html or path.parent.name == "not-found"
                or path == fixture_site / READER):  # one Korean page, no translations
            continue
        tags = re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">', html)
        langs = [lang for _, lang in tags]
        assert sorted(langs) == sorted(list(HTML_LANG.values()) + ["x-default"]), path
        assert all(href.startswith("https://guide.example.org/") for href, _ in tags), path
        rel = path.parent.relative_to(fixture_site).as_posix()
        own = dict((lang, href) for href, lang in tags)
        page_lang = rel.split("/")[0] if rel.split("/")[0] in LANGS else "en"
        assert own[HTML_LANG[page_lang]] == "https://guide.example.org/" + (rel + "/" if rel != "." else "")


@pytest.mark.parametrize("lang, title", [("en", "Page not found"), ("zh", "找不到页面"),
                                         ("mn", "Хуудас олдсонгүй"), ("ar", "الصفحة غير موجودة")])
def test_each_language_has_its_own_404_page(fixture_site: Path, lang: str, title: str) -> None:
    html = read(fixture_site, LANGS[lang] + "404.html")
    assert Page(html).html_attrs["lang"] == HTML_LANG[lang] and title in html
    relative = [u for u in re.findall(r'(?:href|src)="([^"]*)"', html)
                if not re.match(r"(https?:|/|#|mailto:|tel:)", u)]
    assert relative == [], relative  # works from any missing URL
    assert f'href="/{LANGS[lang]}institutions/"' in html
    assert "not-found" not in read(fixture_site, "sitemap.xml")
