"""#26: every printed QR code is at least 15 mm across with modules of at
least 0.5 mm (the sizes phone cameras read on paper), whatever the length of
its address: measured on WeasyPrint's layout, the one the PDF is drawn from,
for the booklet and the leaflet's own codes (its 15 entries keep 20 mm
boxes to fit its inside: left open), with this guide's placeholder address
and with a long real-looking one."""

from __future__ import annotations

import datetime as dt

import pytest
import segno
from weasyprint import HTML

from guidebook.common.i18n import translations
from guidebook.data.load import load_file
from guidebook.printing.html import PrintProfile, guidebook_html, leaflet_html
from tests.conftest import CHAPTERS, LANGS, ROOT

DATA = load_file(ROOT / "data" / "institutions.yaml", LANGS).dataset
PX_MM = 25.4 / 96  # CSS pixels


def codes(html: str) -> list[tuple[str, float]]:
    """(address, width in mm of the code without its quiet zone) of every QR code."""
    found = []
    for page in HTML(string=html).render().pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or "qr" not in (element.get("class") or "").split():
                continue
            url = next((c.element.get("aria-label") for c in box.children
                        if getattr(c, "element", None) is not None and c.element.get("aria-label")), None)
            if url is None:
                continue
            modules = segno.make(url, error="m", micro=False).symbol_size(border=0)[0]
            found.append((url, box.width * PX_MM * modules / (modules + 8)))
    return found


@pytest.mark.parametrize("site_url", ["https://guide.example.org/",
                                      "https://www.ydp.go.kr/medical-guide/"])
@pytest.mark.parametrize("kind", ["guidebook", "leaflet"])
def test_printed_qr_codes_are_15_mm_with_half_millimetre_modules(kind: str, site_url: str) -> None:
    build = guidebook_html if kind == "guidebook" else leaflet_html
    html = build(DATA, "zh", translations("zh"), site_url=site_url, docs_dir=ROOT / "content",
                 profile=PrintProfile(chapters=CHAPTERS), created=dt.date(2026, 3, 9))
    found = codes(html)
    if kind == "leaflet":  # its 15 entries keep 20 mm boxes to fit (printing/html.QR_BOXES)
        found = [(url, mm) for url, mm in found if "/institutions/" not in url]
    assert len(found) >= 2
    small = [(url, round(mm, 2)) for url, mm in found
             if mm < 15 - 0.01 or mm / segno.make(url, error="m", micro=False).symbol_size(border=0)[0] < 0.5 - 1e-3]
    assert not small, small
