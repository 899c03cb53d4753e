"""The guide at a sub-path: built for site_url https://www.example.go.kr/medical-guide/
and served by nginx under /medical-guide/ (the site folder at <root>/medical-guide/,
as deploy/nginx.conf describes). Links, search, 404 pages, sitemap, QR codes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tests.serving.conftest import SUB_PATH, SUB_PATH_URL
from tests.serving.http import get

LANGS = {"en": "", "zh": "zh/", "mn": "mn/", "ru": "ru/", "ar": "ar/"}
HTML_LANG = {"en": "en", "zh": "zh-Hans", "mn": "mn", "ru": "ru", "ar": "ar"}


class Links(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.urls: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and tag != "link" or \
                    (tag == "link" and name == "href" and dict(attrs).get("rel") != "alternate"):
                self.urls.append(value)


def internal_links(page_url: str, html: str, server: str) -> set[str]:
    """The page's links to the guide's own files, as absolute paths."""
    found = set()
    for url in Links(html).urls:
        if url.startswith("#"):
            continue  # this document
        absolute = urljoin(page_url, url)
        parts = urlparse(absolute)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" == server:
            found.add(parts.path)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_of_a_language_resolves_under_the_sub_path(sub_path_nginx, lang: str) -> None:
    """Home, directory, an institution page and the 404 page (served at a
    missing URL): every link and resource is under /medical-guide/ and there."""
    base = f"{sub_path_nginx.url}{SUB_PATH}{LANGS[lang]}"
    pages = [base, base + "institutions/", base + "institutions/test-clinic/",
             base + "search/", base + "no/such/page/"]
    checked: set[str] = set()
    for url in pages:
        response = get(url)
        assert response.status == (404 if "no/such" in url else 200), url
        html = response.body.decode("utf-8")
        assert f'<html lang="{HTML_LANG[lang]}"' in html
        links = internal_links(url, html, sub_path_nginx.url)
        assert links, url
        outside = sorted(p for p in links if not p.startswith(SUB_PATH))
        assert outside == [], f"{url}: links outside {SUB_PATH}: {outside}"
        for path in sorted(links - checked):
            assert get(f"{sub_path_nginx.url}{path}", method="HEAD").status == 200, \
                f"{url} links to {path}, which is missing"
        checked |= links


def test_sub_path_redirect_404_pages_and_deploy_files(sub_path_nginx, sub_path_site: Path) -> None:
    moved = get(f"{sub_path_nginx.url}{SUB_PATH.rstrip('/')}")
    assert (moved.status, moved.header("Location")) == (301, SUB_PATH)
    for lang, prefix in LANGS.items():
        missing = get(f"{sub_path_nginx.url}{SUB_PATH}{prefix}gone/")
        assert missing.status == 404
        assert missing.body == (sub_path_site / prefix / "404.html").read_bytes()
    for path in ("_headers", "_server/nginx-site.conf"):
        assert get(f"{sub_path_nginx.url}{SUB_PATH}{path}").status == 404
    headers = (sub_path_site / "_headers").read_text(encoding="utf-8")
    assert f"\n{SUB_PATH}*\n" in headers and f"\n{SUB_PATH}pagefind/fragment/*\n" in headers
    redirects = (sub_path_site / "_redirects").read_text(encoding="utf-8")
    assert f"{SUB_PATH}zh/*  {SUB_PATH}zh/404.html  404" in redirects


def test_sitemap_and_qr_codes_use_the_sub_path(sub_path_nginx, sub_path_site: Path) -> None:
    sitemap = get(f"{sub_path_nginx.url}{SUB_PATH}sitemap.xml")
    assert sitemap.status == 200
    locations = re.findall(r"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", sitemap.body.decode("utf-8"))
    urls = [a or b for a, b in locations]
    assert urls and all(u.startswith(SUB_PATH_URL) for u in urls), urls[:5]
    assert f"<loc>{SUB_PATH_URL}zh/institutions/test-clinic/</loc>" in sitemap.body.decode()
    for lang, prefix in LANGS.items():
        leaflet = (sub_path_site / prefix / "downloads" / "leaflet.html").read_text(encoding="utf-8")
        qr = re.findall(r'<svg role="img" aria-label="([^"]+)"', leaflet)
        assert qr and all(u.startswith(f"{SUB_PATH_URL}{prefix}") for u in qr), qr
        assert f"{SUB_PATH_URL}{prefix}institutions/test-clinic/" in qr


def test_search_works_under_the_sub_path(browser, sub_path_nginx) -> None:
    from tests.serving.test_csp_browser import visit

    for lang, query in (("zh", "眼科"), ("en", "eye")):
        url = f"{sub_path_nginx.url}{SUB_PATH}{LANGS[lang]}search/"
        assert visit(browser, url, query, expect_prefix=f"{SUB_PATH}{LANGS[lang]}") == []
