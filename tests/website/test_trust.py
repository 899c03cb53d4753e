"""Trust facts on the built sites, in every language: every medical
institution's and facilitator's page has a trust block with its sources and
the lines to check and complain to; no page offers a help line without the
languages it answers in, nor one without the reader's language without
saying so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidebook.common.i18n import language_name
from guidebook.data.load import load_file
from guidebook.data.model import MUST_REGISTER
from tests.conftest import LANGS, ROOT

PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGS}
DATA = load_file(ROOT / "data" / "institutions.yaml", LANGS).dataset


@pytest.mark.parametrize("lang", LANGS)
def test_every_medical_and_facilitator_page_has_a_sourced_trust_block(sample_site: Path,
                                                                      lang: str) -> None:
    checked = 0
    for inst in DATA.institutions:
        html = (sample_site / PREFIX[lang] / "institutions" / inst.id / "index.html").read_text(
            encoding="utf-8")
        block = re.search(r'<div class="gb-trust".*?</div>', html, re.S)
        if inst.category not in MUST_REGISTER:
            assert block is None, inst.id
            continue
        checked += 1
        assert block, (lang, inst.id)
        text = block.group(0)
        assert 'class="gb-trust-status"' in text and "gb-trust-source" in text, inst.id
        assert inst.trust.registration.source[:40].replace("'", "&#39;") in text, inst.id
        assert 'href="tel:' in text and "1577" in text and "1670" in text, inst.id
        assert '<span lang="ko"' in text and "외국인환자 유치기관 등록증" in text
        assert '<span lang="en"' in text or lang == "en"  # the sources are marked as English
    assert checked == 13


def _lines(html: str) -> list[str]:
    return re.findall(r'<p class="gb-help-line[^"]*".*?</p>', html, re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_offers_a_help_line_without_its_languages(sample_site: Path, lang: str) -> None:
    own = language_name(lang, lang)
    offered = 0
    for path in sorted((sample_site / PREFIX[lang]).rglob("index.html")):
        if lang == "en" and any(path.relative_to(sample_site).parts[0] == p.rstrip("/")
                                for p in PREFIX.values() if p):
            continue  # another language's folder
        for line in _lines(path.read_text(encoding="utf-8")):
            offered += 1
            assert 'class="gb-line-languages"' in line, (path, line[:200])
            languages = re.search(r'class="gb-line-languages">(.*?)</small>', line, re.S).group(1)
            if own not in languages:  # not served: the page says so, and offers the line that is
                assert "<strong>" in languages, (path, line[:300])
    assert offered > 0


@pytest.mark.parametrize("lang", ["mn", "ar"])
def test_1330_tells_mongolian_and_arabic_readers_where_their_language_is(sample_site: Path,
                                                                        lang: str) -> None:
    html = (sample_site / PREFIX[lang] / "institutions" / "kim-eye-hospital" / "index.html"
            ).read_text(encoding="utf-8")
    instead = re.findall(r'<p class="gb-help-line gb-help-instead".*?</p>', html, re.S)
    assert instead and "1670-2545" in instead[0] and language_name(lang, lang) in instead[0]
