"""#24 item 4: every link and control a patient taps on a phone is at least
44 x 44 px (WCAG 2.2 target size with room to spare), measured in Chromium on
six page types in five languages. A link inside a running sentence is the
WCAG exception (inline); a control inside its label is measured with it."""

from __future__ import annotations

import pytest

from tests.browser.test_care import PHONE, PREFIX
from tests.conftest import LANGS

PAGES = ["", "institutions/", "institutions/test-eye-hospital/", "help/", "emergency-card/",
         "forms/history/"]
SMALL = """() => {
  const MIN = 44, out = [], vw = innerWidth;
  const sentence = (el) => {
    const block = el.closest('p, li, td, dd, figcaption, small');
    if (!block) return false;
    const own = (el.textContent || '').trim().length;
    return (block.textContent || '').replace(/\\s+/g, ' ').trim().length > own + 3;
  };
  for (let el of document.querySelectorAll('a[href], button, select, textarea, summary, input:not([type=hidden])')) {
    if (el.closest('.md-skip, .md-sidebar, .md-search, .md-dialog, [hidden]')) continue;
    if (el.matches('a.headerlink')) continue;
    let target = el;
    if (el.matches('input')) target = el.closest('label') || el;  // a label around it is its target
    if (!target.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const r = target.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= vw) continue;
    if (el.matches('a') && sentence(el)) continue;  // inline in a sentence: WCAG 2.5.8's exception
    if (r.height < MIN || r.width < MIN) out.push([el.tagName + ':' + (el.type||'') + '#' + el.id, (target.className || '').toString().slice(0, 40), (el.textContent || el.getAttribute('aria-label') || el.title || '').trim().slice(0, 30), Math.round(r.width), Math.round(r.height)]);
  }
  return out;
}
"""


@pytest.mark.parametrize("lang", LANGS)
def test_tap_targets_are_at_least_44_px(browser, server: str, lang: str) -> None:
    page = browser.new_page(viewport=PHONE["viewport"])
    small = {}
    for rel in PAGES:
        page.goto(f"{server}{PREFIX[lang]}/{rel}")
        found = page.evaluate(SMALL)
        if found:
            small[rel or "home"] = found[:6]
    page.close()
    assert not small, small


def test_the_measure_finds_a_small_target(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE["viewport"])
    page.goto(f"{server}/help/")
    page.evaluate("""() => { const d = document.createElement('div');
        d.innerHTML = '<a href="#x">x</a>';
        document.querySelector('article').prepend(d); }""")
    found = page.evaluate(SMALL)
    assert [row[2] for row in found] == ["x"] and found[0][4] < 44
    page.close()
