"""Every page type in every language in Chromium under the site's real headers
(nginx running deploy/nginx.conf): no Content-Security-Policy violation, no
console error, and search still works (Pagefind's WebAssembly and worker)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LANGS = {"en": "", "zh": "zh/", "mn": "mn/", "ru": "ru/", "ar": "ar/"}
# Page types, as paths under a language root (a new page type: one line).
PAGES = {
    "home": "",
    "directory": "institutions/",
    "institution": "institutions/test-eye-hospital/",
    "search": "search/",
    "emergency card": "emergency-card/",
    "leaflet": "downloads/leaflet.html",  # its inline <style> is allowed by a hash
    "form": "forms/registration/",
}
# Pages of the default language only: the staff's page that reads a form's QR code.
DEFAULT_ONLY = {"form reader": "forms/read/"}
QUERIES = {"en": "eye", "zh": "眼科", "mn": "нүдний", "ru": "глазная", "ar": "للعيون"}

# Before any of the page's scripts: collect what the CSP blocks.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") +
                           " line " + e.lineNumber);
});
"""


def is_favicon(message) -> bool:
    """The browser's own request for /favicon.ico (the leaflet page names no
    icon): not a request of the page, and not about the CSP."""
    return message.location.get("url", "").endswith("/favicon.ico")


def visit(browser, url: str, query: str | None = None, expect_prefix: str = "/") -> list[str]:
    """Load ``url`` (and search for ``query``, expecting the eye hospital among
    the results, under ``expect_prefix``); return every CSP violation, console
    error, failed request and uncaught exception."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text} {m.location}")
            if m.type in ("error", "warning") and not is_favicon(m) else None)
    page.on("pageerror", lambda e: problems.append(f"exception: {e}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)
    page.add_init_script(LISTEN)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    if query:
        page.fill("#gb-search-input", query)
        results = page.locator(".gb-search-results a")
        results.first.wait_for(timeout=10_000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert any(h.startswith(expect_prefix) and h.endswith("/institutions/test-eye-hospital/")
                   for h in hrefs), hrefs
        page.wait_for_load_state("networkidle")
    problems += [f"CSP: {v}" for v in page.evaluate("window.__violations")]
    context.close()
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_type_runs_under_the_csp(browser, nginx, lang: str) -> None:
    problems = {}
    for kind, path in {**PAGES, **(DEFAULT_ONLY if lang == "en" else {})}.items():
        url = f"{nginx.url}/{LANGS[lang]}{path}"
        found = visit(browser, url, QUERIES[lang] if kind == "search" else None)
        if found:
            problems[kind] = found
    assert problems == {}


def test_a_blocked_inline_script_is_seen(browser, nginx, nginx_root) -> None:
    """The listener works: a page with an inline script the CSP does not list
    reports a violation (else zero violations above would prove nothing)."""
    (nginx_root / "csp-probe.html").write_text(
        "<!doctype html><html lang='en'><title>x</title><script>document.title='ran'</script>"
        "<p style='color:red'>x</p></html>", encoding="utf-8")
    found = visit(browser, f"{nginx.url}/csp-probe.html")
    assert any(p.startswith("CSP: script-src-elem inline") for p in found), found
    assert any(p.startswith("CSP: style-src-attr inline") for p in found), found
