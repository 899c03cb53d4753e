"""#22 item 8: every institution and every place shows a taxi card (its
Korean name, and its Korean address with the request to the driver); one
without a confirmed address says whom to ask, with the number to tap."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, LANGS

PREFIX = {lang: "" if lang == LANGS[0] else f"/{lang}" for lang in LANGS}
DATA = yaml.safe_load((FIXTURES / "institutions.yaml").read_text(encoding="utf-8"))
CARD = re.compile(r'<div class="gb-driver"[^>]*>(.*?)</div>', re.S)


def cards(html: str) -> list[str]:
    return [unescape(c) for c in CARD.findall(html)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_institution_page_has_a_taxi_card(fixture_site: Path, lang: str) -> None:
    for record in DATA["institutions"]:
        page = fixture_site / PREFIX[lang].lstrip("/") / "institutions" / record["id"] / "index.html"
        (card,) = cards(page.read_text(encoding="utf-8"))
        assert record["name"]["ko"] in card
        if record.get("address"):
            assert record["address"]["ko"] in card and "주세요" in card
        else:  # what there is, and whom to ask for the address
            assert 'class="gb-driver-missing"' in card and 'href="tel:' in card, (lang, record["id"])


@pytest.mark.parametrize("lang", LANGS)
def test_every_place_has_a_taxi_card(fixture_site: Path, lang: str) -> None:
    pages = [fixture_site / PREFIX[lang].lstrip("/") / name / "index.html"
             for name in ("help", "muslim-friendly")]
    places = [item for p in pages for item in re.findall(r'<li class="gb-place".*?</li>',
                                                          p.read_text(encoding="utf-8"), re.S)]
    shown = {re.search(r'data-place="([^"]+)"', item).group(1): item for item in places}
    assert set(shown) == {p["id"] for p in DATA["places"]}
    for record in DATA["places"]:
        (card,) = cards(shown[record["id"]])
        assert record["name"]["ko"] in card
        if record.get("address"):
            assert record["address"]["ko"] in card
