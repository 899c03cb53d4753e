"""axe-core (the copy inside axe-playwright-python) on the main page types, all languages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["", "institutions/", "institutions/test-eye-hospital/", "help/", "emergency-card/",
         "search/"]


@pytest.mark.parametrize("lang", ["en", "zh", "mn", "ru", "ar"])
def test_no_serious_or_critical_violations(browser, server: str, lang: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    prefix = "" if lang == "en" else f"{lang}/"
    page = browser.new_page(viewport={"width": 390, "height": 844})
    problems = []
    for path in PAGES:
        page.goto(f"{server}/{prefix}{path}")
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"/{prefix}{path}: {violation['id']} ({violation['impact']}) {targets}")
    page.close()
    assert problems == []
