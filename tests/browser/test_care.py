"""From the guide to the hospital's door, in Chromium at phone width: the
directory's filters in the URL and after Back, search from the header and by
patients' words, phone numbers as tap targets, whole Korean words, Arabic
bidi, and the pages a patient opened loading again offline."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from tests.browser.conftest import QuietHandler
from tests.conftest import LANGS, ROOT

pytestmark = pytest.mark.browser
PREFIX = {lang: "" if lang == "en" else f"/{lang}" for lang in LANGS}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}


def test_directory_filter_lives_in_the_url_and_survives_the_back_button(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE["viewport"])
    page.goto(f"{server}/zh/institutions/")
    page.select_option("select[name=specialty]", "ophthalmology")
    assert page.url == f"{server}/zh/institutions/?specialty=ophthalmology"
    assert page.locator(".gb-directory-item:visible").count() == 1
    page.locator(".gb-directory-item:visible a").click()
    page.wait_for_url("**/zh/institutions/test-eye-hospital/")
    page.go_back()
    page.wait_for_url("**/zh/institutions/?specialty=ophthalmology")
    # the select and the list agree (once the select kept 眼科 over all 15)
    assert page.locator("select[name=specialty]").input_value() == "ophthalmology"
    assert page.locator(".gb-directory-item:visible").count() == 1
    from guidebook.common.i18n import translations
    assert page.locator(".gb-count").inner_text() == translations("zh").gettext(
        "Showing %(shown)s of %(total)s") % {"shown": 1, "total": 3}
    page.close()


def test_a_shared_filter_link_opens_filtered_and_no_match_offers_a_reset(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE["viewport"])
    page.goto(f"{server}/ru/institutions/?language=mn&service=halal_meals")
    assert page.locator("select[name=language]").input_value() == "mn"
    visible = page.locator(".gb-directory-item:visible")
    assert visible.count() == 1 and visible.get_attribute("data-institution") == "test-eye-hospital"
    assert page.locator(".gb-no-match").is_hidden()
    page.goto(f"{server}/ru/institutions/?specialty=dermatology&service=halal_meals")
    assert page.locator(".gb-directory-item:visible").count() == 0
    assert page.locator(".gb-no-match").is_visible()
    assert "Нет учреждений" in page.locator(".gb-no-match").inner_text()
    page.locator(".gb-no-match button").click()
    assert page.locator(".gb-directory-item:visible").count() == 3
    assert page.url == f"{server}/ru/institutions/"
    page.close()


@pytest.mark.parametrize("lang, label", [("en", "Language spoken"), ("zh", "可用语言"),
                                         ("ar", None)])
def test_language_filter_has_a_localized_label(browser, server: str, lang: str, label) -> None:
    from guidebook.common.i18n import translations

    page = browser.new_page(viewport=PHONE["viewport"])
    page.goto(f"{server}{PREFIX[lang]}/institutions/")
    text = page.locator("label.gb-filter", has=page.locator("select[name=language]")).inner_text()
    assert text.startswith(label or translations(lang).gettext("Language spoken"))
    page.close()


def test_header_search_opens_the_languages_search_page_in_one_tap(browser, server: str) -> None:
    page = browser.new_page(**PHONE)
    page.goto(f"{server}/mn/institutions/test-clinic/")
    button = page.locator("a.gb-header-search")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 40
    button.tap()
    page.wait_for_url(f"{server}/mn/search/")
    assert page.evaluate("document.activeElement.id") == "gb-search-input"
    page.close()


def _patient_word(lang: str) -> str:
    """A patients' word for ophthalmology that the fixture's eye hospital page
    does not contain as text."""
    words = yaml.safe_load((ROOT / "data" / "search-words.yaml").read_text(encoding="utf-8"))
    return {"en": "cataract", "zh": "白内障", "mn": "хараа", "ru": "окулист", "ar": "الليزك"}[lang] \
        if lang in words["specialties"]["ophthalmology"] else ""


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_page_by_a_patients_word(browser, server: str, lang: str) -> None:
    word = _patient_word(lang)
    page = browser.new_page(viewport=PHONE["viewport"])
    page.goto(f"{server}{PREFIX[lang]}/institutions/test-eye-hospital/")
    visible_text = page.locator("article").inner_text()
    assert word not in visible_text  # found by the hidden words, not by the page's text
    # the words are out of the accessibility tree: no word soup read aloud
    assert page.locator(".gb-search-words").evaluate(
        "e => e.hidden && e.getAttribute('aria-hidden') === 'true'")
    page.goto(f"{server}{PREFIX[lang]}/search/?q={word}")
    results = page.locator(".gb-search-results a")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert f"{PREFIX[lang]}/institutions/test-eye-hospital/" in hrefs, hrefs
    titles = [results.nth(i).inner_text() for i in range(results.count())]
    assert not [t for t in titles if "¶" in t]
    # fewer results than a page of them: no "show more" button
    if len(hrefs) < 5:
        assert page.locator(".gb-search-more").is_hidden()
    page.close()


def test_search_titles_have_no_permalink_sign_and_more_shows_only_when_there_is_more(
        browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE["viewport"])
    page.goto(f"{server}/search/")
    page.fill("#gb-search-input", "emergency")
    page.locator(".gb-search-results a").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    titles = page.locator(".gb-search-results a").all_inner_texts()
    assert titles and not [t for t in titles if "¶" in t], titles
    count = page.locator(".gb-search-results li").count()
    more = page.locator(".gb-search-more")
    status = page.locator(".gb-search-status").inner_text()
    total = int(re.search(r"\d+", status).group(0))
    assert more.is_visible() == (total > count)
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_phone_numbers_are_44px_tap_targets_on_one_line(browser, server: str, lang: str,
                                                         output_dir: Path) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for rel in ("help/", "emergency-card/", "institutions/test-clinic/"):
        page.goto(f"{server}{PREFIX[lang]}/{rel}")
        sizes = page.eval_on_selector_all(
            "article a[href^='tel:']",
            "links => links.filter(a => a.offsetParent).map(a => { const r = a.getBoundingClientRect();"
            " return [a.getAttribute('href'), r.width, r.height, a.getClientRects().length] })")
        assert sizes, rel
        small = [s for s in sizes if s[1] < 44 or s[2] < 44]
        broken = [s for s in sizes if s[3] != 1]
        assert small == [] and broken == [], (rel, small, broken)
        page.screenshot(path=str(output_dir / f"{rel.split('/')[0]}-{lang}-390.png"), full_page=True)
    context.close()


SPLIT_KOREAN_WORDS = r"""() => {
  const split = [];
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement.offsetParent) continue;
    const words = /[\uAC00-\uD7A3]+/g;
    let m;
    while ((m = words.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
                                .map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(m[0]);
    }
  }
  return split;
}"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [320, 390])
def test_no_korean_word_is_split_across_lines(browser, server: str, lang: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for rel in ("emergency-card/", "help/", "institutions/test-eye-hospital/",
                "institutions/test-clinic/"):
        page.goto(f"{server}{PREFIX[lang]}/{rel}")
        assert page.evaluate(SPLIT_KOREAN_WORDS) == [], rel
    context.close()


def test_the_korean_word_check_sees_a_split_word(browser, server: str) -> None:
    """The check above measures something: without keep-all, a narrow card splits words."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/ar/emergency-card/")
    page.add_style_tag(content=":lang(ko) { word-break: break-all !important; }"
                               " article [lang=ko] { display: inline-block; width: 3.2em; }")
    assert page.evaluate(SPLIT_KOREAN_WORDS) != []
    context.close()


# In an Arabic paragraph, adjacent left-to-right tokens (a street number and
# its name, "Terminal 1") must keep their order on screen; an isolate or a
# line of its own keeps it, bare brackets around them do not.
LTR_ORDER_BROKEN = r"""() => {
  const bad = [];
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent.offsetParent || getComputedStyle(parent).direction !== "rtl") continue;
    /* Latin, digit and Hangul words; a pair is adjacent when only spaces or
       commas stand between them. */
    const tokens = [];
    const re = /[A-Za-z0-9\uAC00-\uD7A3][A-Za-z0-9\uAC00-\uD7A3\-]*/g;
    let m;
    while ((m = re.exec(node.data))) tokens.push([m.index, m[0]]);
    for (let i = 0; i + 1 < tokens.length; i++) {
      const [a, ta] = tokens[i], [b, tb] = tokens[i + 1];
      if (!/^[\s,]+$/.test(node.data.slice(a + ta.length, b))) continue;
      const box = (start, text) => { const r = document.createRange();
        r.setStart(node, start); r.setEnd(node, start + text.length); return r.getBoundingClientRect(); };
      const ra = box(a, ta), rb = box(b, tb);
      if (Math.abs(ra.top - rb.top) < 2 && ra.left > rb.left) bad.push(ta + " " + tb);
    }
    /* brackets around an inline isolate of the other direction that holds
       more than one word (it can wrap, and the brackets land anywhere) */
    const next = node.nextSibling;
    if (/\($/.test(node.data) && next && next.nodeType === 1
        && getComputedStyle(next).direction === "ltr" && getComputedStyle(next).display === "inline"
        && /\S\s+\S/.test(next.textContent)) bad.push("(" + next.textContent);
  }
  return bad;
}"""


def test_arabic_pages_keep_left_to_right_runs_in_order(browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    rels = ["help/", "emergency-card/", "arrival/", "muslim-friendly/", "costs/", "downloads/",
            "institutions/test-eye-hospital/", "institutions/test-clinic/", "institutions/"]
    for rel in rels:
        page.goto(f"{server}/ar/{rel}")
        assert page.evaluate(LTR_ORDER_BROKEN) == [], rel
    # the check sees the old markup: an English address in brackets beside the Korean one
    page.goto(f"{server}/ar/help/")
    page.evaluate("""() => { const p = document.createElement('p');
        p.innerHTML = 'العنوان: (<span lang="en" dir="ltr">196 Mullae-ro, Seoul</span>) ثم 196 Mullae-ro, هنا';
        document.querySelector('article').prepend(p); }""")
    assert page.evaluate(LTR_ORDER_BROKEN) != []
    context.close()


class SubPathHandler(QuietHandler):
    """The site served below /sub/, as a district's web server might."""

    def translate_path(self, path: str) -> str:
        if not path.startswith("/sub/"):
            return "/nonexistent"
        return super().translate_path(path[len("/sub"):])


def test_opened_pages_load_again_offline_from_a_sub_path(browser, fixture_site: Path,
                                                          output_dir: Path) -> None:
    handler = functools.partial(SubPathHandler, directory=str(fixture_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    base = f"{origin}/sub/ru/"
    context = browser.new_context(**PHONE)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    try:
        page.goto(base + "institutions/test-clinic/")  # the first page: before the worker runs
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")
        scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
        assert scope == base
        page.goto(base + "institutions/test-eye-hospital/")  # opened while the worker runs
        page.goto(base + "search/")
        page.goto(base + "emergency-card/")
        assert page.locator(".gb-offline-hint").is_visible()
        page.wait_for_timeout(500)  # let the worker store what it fetched
    finally:
        httpd.shutdown()  # no network at all from here on
        httpd.server_close()
    context.set_offline(True)
    for rel, text in [("emergency-card/", "119"), ("help/", "1330"),
                      ("institutions/test-eye-hospital/", "Тестовая глазная больница"),
                      ("institutions/test-clinic/", "Тестовая клиника")]:
        page.goto(base + rel)
        assert text in page.locator("article").inner_text(), rel
        # styled, not a bare page: the stylesheet came from the cache
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.reload()
    assert "Тестовая клиника" in page.locator("article").inner_text()
    page.screenshot(path=str(output_dir / "offline-ru-390.png"), full_page=True)
    # kept at install without being opened: the costs page (#24 item 3)
    page.goto(base + "costs/")
    assert "Стоимость и оплата" in page.locator("article").inner_text()
    # a page never opened is not there: the worker does not pretend, it shows
    # the offline page in the reader's language, with 119 and what is kept
    page.goto(base + "institutions/test-hotel/")
    assert page.url == base + "offline/"
    article = page.locator("article")
    assert "Нет подключения к интернету" in article.inner_text()
    assert article.locator('a[href="tel:119"]').count() == 1
    assert article.locator('a[href="../emergency-card/"]').count() == 1
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.screenshot(path=str(output_dir / "offline-page-ru-390.png"), full_page=True)
    # search needs the network: offline it says so (#24 item 3)
    page.goto(base + "search/")
    page.fill("#gb-search-input", "глаз")
    status = page.locator(".gb-search-status")
    status.filter(has_text="нужен интернет").wait_for(timeout=10_000)
    hosts = {urlparse(url).netloc for url in requests}
    assert hosts == {urlparse(origin).netloc}, hosts
    context.close()


def test_the_directory_says_how_many_have_not_confirmed_their_languages(browser, server: str) -> None:
    """#22 item 6: beside the filters, the count of institutions whose
    languages are unknown and the help desk's number to ask, on a phone."""
    page = browser.new_page(viewport=PHONE["viewport"])
    page.goto(f"{server}/mn/institutions/?language=mn")
    note = page.locator(".gb-unknown-languages")
    assert note.is_visible() and "2 / 3" in note.inner_text()
    assert note.locator("a.gb-tel").get_attribute("href").startswith("tel:+82")
    assert page.locator(".gb-directory-item:visible").count() == 1
    page.close()
