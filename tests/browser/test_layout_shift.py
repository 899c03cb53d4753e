"""No layout shift on the directory while its filters set themselves up.

The filter form is hidden in the HTML (without JavaScript it does nothing)
and filter.js shows it. On a slow phone the page is painted before the script
has arrived: the form appearing then pushed the whole list down (Lighthouse's
CLS, Performance 94 on the Chinese directory). Here the script is held back
on purpose, so that the page is painted without it, as on such a phone.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# Sums the layout shifts not caused by the reader (as Lighthouse's CLS does,
# in one session window: the page is short).
OBSERVE = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""
DELAY = 1.0  # seconds filter.js is held back


@pytest.mark.parametrize("lang", ["zh", "ar"])
def test_directory_filters_appear_without_moving_the_list(browser, server: str, output_dir: Path,
                                                          lang: str) -> None:
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(OBSERVE)
    held: list[str] = []

    def slow_script(route) -> None:  # noqa: ANN001 - a Playwright route
        held.append(route.request.url)
        time.sleep(DELAY)
        route.continue_()

    page.route("**/assets/filter.js", slow_script)
    page.goto(f"{server}/{lang}/institutions/", wait_until="load")
    page.locator("form.gb-filters:not([hidden])").wait_for(state="visible")
    page.wait_for_timeout(300)
    assert held, "filter.js was not loaded"
    # the list was painted before the filters were ready
    painted = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    ready = page.evaluate("performance.getEntriesByName(document.querySelector("
                          "'script[src*=\"filter.js\"]').src)[0].responseEnd")
    assert painted < ready
    page.screenshot(path=str(output_dir / f"directory-{lang}-412.png"))
    assert page.evaluate("window.__cls") < 0.01
    context.close()
