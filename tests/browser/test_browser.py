"""The built site in the real Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang, direction, h1", [
    ("ar", "rtl", "مستشفى الاختبار للعيون"),
    ("mn", "ltr", "Тест нүдний эмнэлэг"),
    ("zh", "ltr", "测试眼科医院"),
])
def test_institution_page_on_a_phone(browser, server: str, output_dir: Path,
                                     lang: str, direction: str, h1: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(f"{server}/{lang}/institutions/test-eye-hospital/", wait_until="networkidle")

    assert page.evaluate("document.body.dir") == direction
    # nothing wider than the phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    heading = page.locator("article h1")
    assert heading.inner_text() == h1
    assert heading.evaluate("e => getComputedStyle(e).direction") == direction
    assert page.evaluate("document.documentElement.lang") == {"zh": "zh-Hans"}.get(lang, lang)
    # the phone number reads in dial order, left to right, in every language
    phone = page.locator(".gb-call a.gb-tel bdi")
    assert phone.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator(".gb-call a.gb-tel").get_attribute("href") == "tel:+82226701234"

    page.screenshot(path=str(output_dir / f"institution-{lang}-390.png"), full_page=True)
    hosts = {urlparse(url).netloc for url in requests}
    assert hosts == {urlparse(server).netloc}, f"requests left the site: {sorted(hosts)}"
    assert len(requests) >= 3  # the page, its CSS and its JS were really fetched
    context.close()


def test_language_switcher_goes_to_the_same_institution(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/mn/institutions/test-clinic/")
    page.locator(".md-header [data-md-component='header-topic'], .md-header").first.wait_for()
    href = page.locator('a.md-select__link[hreflang="ar"]').get_attribute("href")
    page.goto(urljoin_page(page.url, href))
    assert page.url == f"{server}/ar/institutions/test-clinic/"
    assert page.locator("article h1").inner_text() == "عيادة الاختبار"
    page.close()


def urljoin_page(base: str, href: str) -> str:
    from urllib.parse import urljoin
    return urljoin(base, href)


def test_directory_filter_narrows_the_list_on_a_phone(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server}/ru/institutions/")
    items = page.locator(".gb-directory-item")
    assert items.count() == 3
    page.select_option("select[name=specialty]", "ophthalmology")
    assert page.locator(".gb-directory-item:visible").count() == 1
    assert page.locator(".gb-directory-item:visible").get_attribute("data-institution") == \
        "test-eye-hospital"
    assert page.locator(".gb-count").inner_text() == "Показано: 1 из 3"
    page.select_option("select[name=specialty]", "")
    page.select_option("select[name=service]", "halal_meals")
    assert page.locator(".gb-directory-item:visible").count() == 2
    page.select_option("select[name=category]", "lodging")
    visible = page.locator(".gb-directory-item:visible")
    assert visible.count() == 1 and visible.get_attribute("data-institution") == "test-hotel"
    assert page.locator("section.gb-group:visible").count() == 1  # empty groups are hidden too
    page.close()


def test_directory_without_javascript_shows_everything(browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/zh/institutions/")
    assert page.locator(".gb-directory-item:visible").count() == 3
    assert page.locator("form.gb-filters").is_hidden()
    context.close()


@pytest.mark.parametrize("lang, query", [
    ("en", "eye"), ("zh", "眼科"), ("zh", "医院"), ("mn", "нүдний"), ("ru", "глазная"),
    ("ar", "للعيون"),
])
def test_search_finds_the_institution_in_the_readers_language(browser, server: str,
                                                               lang: str, query: str) -> None:
    prefix = "" if lang == "en" else f"/{lang}"
    page = browser.new_page(viewport={"width": 390, "height": 844})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}{prefix}/search/")
    page.fill("#gb-search-input", query)
    results = page.locator(".gb-search-results a")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert f"{prefix}/institutions/test-eye-hospital/" in hrefs, hrefs
    other = [h for h in hrefs if lang == "en" and h.split("/")[1] in ("zh", "mn", "ru", "ar")
             or lang != "en" and not h.startswith(f"{prefix}/")]
    assert other == [], f"results from another language: {other}"
    assert {urlparse(url).netloc for url in requests} == {urlparse(server).netloc}
    page.close()


def test_leaflet_page_prints_from_the_browser_on_two_a4_landscape_sheets(browser, server: str,
                                                                        tmp_path: Path) -> None:
    from tests.print import pdftools

    page = browser.new_page()
    page.goto(f"{server}/ar/downloads/leaflet.html", wait_until="networkidle")
    target = tmp_path / "leaflet.pdf"
    page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
    page.close()
    assert pdftools.page_count(target) == 2
    assert pdftools.size_mm(pdftools.boxes(target)["MediaBox"]) == pytest.approx((297.0, 210.0), abs=0.5)


def test_an_institution_result_shows_its_kind_not_its_hidden_words(browser, server: str) -> None:
    """#24 item 2: a search that matches only an institution's hidden patient
    words shows the institution's kind and specialties under its name, never
    the word list."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server}/zh/search/")
    page.fill("#gb-search-input", "白内障")  # in the eye hospital's hidden words only
    result = page.locator(".gb-search-results li", has=page.locator('a[href$="/institutions/test-eye-hospital/"]'))
    result.first.wait_for(timeout=10_000)
    text = result.first.locator("p").inner_text()
    assert "眼科" in text and "白内障" not in text and "青光眼" not in text, text
    page.close()
