"""Trust facts and help lines on the built sites, in every language: every
medical institution's and facilitator's page has a trust block with its
sources and the lines to check and complain to; wherever any page offers a
help-line number, it states the languages the line answers in, or the line
answers in the reader's language."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from guidebook.common.i18n import language_name
from guidebook.data.load import load_file
from guidebook.data.model import MUST_REGISTER
from guidebook.web.lines import DESK, lines, serves
from tests.conftest import LANGS, ROOT

PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGS}
DATA = load_file(ROOT / "data" / "institutions.yaml", LANGS).dataset
BLOCKS = {"p", "li", "td", "th", "dd", "h1", "h2", "h3", "h4", "h5", "h6"}


def pages(site: Path, lang: str) -> list[Path]:
    """Every HTML page of one language's site (not the other languages' folders)."""
    root = site / PREFIX[lang]
    others = {p.rstrip("/") for p in PREFIX.values() if p}
    return sorted(p for p in root.rglob("*.html")
                  if lang != "en" or p.relative_to(site).parts[0] not in others)


@pytest.mark.parametrize("lang", LANGS)
def test_every_medical_and_facilitator_page_has_a_sourced_trust_block(sample_site: Path,
                                                                      lang: str) -> None:
    checked = 0
    for inst in DATA.institutions:
        html = (sample_site / PREFIX[lang] / "institutions" / inst.id / "index.html").read_text(
            encoding="utf-8")
        doc = lxml.html.fromstring(html)
        block = doc.xpath('//div[contains(@class, "gb-trust")]')
        if inst.category not in MUST_REGISTER:
            assert not block, inst.id
            continue
        checked += 1
        assert len(block) == 1, (lang, inst.id)
        trust = block[0]
        status = trust.xpath('.//p[@class="gb-trust-status"]')[0].text_content()
        registration = inst.trust.registration
        assert registration.status == "unknown"
        # unknown is said honestly, with the day it was checked and how to check
        assert str(registration.checked.year) in status and "1577" not in status
        assert trust.xpath('.//p[@class="gb-trust-meaning"]'), inst.id
        assert trust.xpath('.//span[@lang="ko"][contains(., "외국인환자 유치기관 등록증")]')
        # the sources, linked to their addresses and marked as English
        links = {a.get("href") for a in trust.xpath('.//a[@class="gb-source"]')}
        assert registration.source_url in links, inst.id
        assert all(m.source_url in links for m in inst.trust.accreditations), inst.id
        if lang != "en":
            assert trust.xpath('.//a[@class="gb-source"]/span[@lang="en"]'), inst.id
        # verify or report, a dispute, any other complaint: each with its number
        tels = [a.get("href") for a in trust.xpath('.//a[starts-with(@href, "tel:")]')]
        assert {"tel:+8215777129", "tel:+8216702545", "tel:+82226703114"} <= set(tels), tels
        for line_id in ("support-center", "dispute-agency"):
            statement = trust.xpath(f'.//small[@data-line="{line_id}"]')
            assert statement, (lang, inst.id, line_id)
            languages = DATA.district.all_lines()[line_id].languages
            assert language_name(languages[1], lang) in statement[0].text_content()
    assert checked == 13


def _block(a: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    node = a.getparent()
    while node is not None and node.tag not in BLOCKS:
        node = node.getparent()
    assert node is not None, lxml.html.tostring(a)
    return node


def _statements(block: lxml.html.HtmlElement, line_id: str) -> list[lxml.html.HtmlElement]:
    """The statements of ``line_id`` in the number's block or, for a heading,
    in the notes that follow it."""
    found = block.xpath(f'.//*[@data-line="{line_id}"]')
    if block.tag.startswith("h"):
        sibling = block.getnext()
        while sibling is not None and "gb-line-note" in (sibling.get("class") or ""):
            found += sibling.xpath(f'.//*[@data-line="{line_id}"]')
            sibling = sibling.getnext()
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_offers_a_help_line_in_a_language_it_lacks_without_saying_so(sample_site: Path,
                                                                          lang: str) -> None:
    known = lines(DATA.district, lang)
    by_href = {href: line for line in known.values() for href in line.hrefs}
    reader = language_name(lang, lang)
    offered = unserved = 0
    for path in pages(sample_site, lang):
        doc = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        for a in doc.xpath('//a[starts-with(@href, "tel:")]'):
            line = by_href.get(a.get("href"))
            if line is None:
                continue  # an institution's or an embassy's own number
            offered += 1
            if serves(line.languages, lang):
                continue
            unserved += 1
            where = (path.relative_to(sample_site), line.id, lxml.html.tostring(_block(a))[:300])
            statements = _statements(_block(a), line.id)
            assert statements, where
            text = statements[0].text_content()
            if line.languages:  # its languages, and that the reader's is not among them
                assert language_name(line.languages[0], lang) in text, where
                assert reader in statements[0].xpath("string(.//strong[1])"), where
            # and the line that has the reader's language, to tap
            other = [by_href.get(t.get("href")) for t in statements[0].xpath('.//a[@href]')]
            assert other and other[0] is not None and serves(other[0].languages, lang), where
    assert offered > 0
    if lang in ("mn", "ar"):  # 1330, the support centre and the desk lack both
        assert unserved > 0


@pytest.mark.parametrize("lang", ["mn", "ar"])
def test_mongolian_and_arabic_institution_pages_say_1330_lacks_their_language(
        sample_site: Path, lang: str) -> None:
    for inst in DATA.institutions:
        html = (sample_site / PREFIX[lang] / "institutions" / inst.id / "index.html").read_text(
            encoding="utf-8")
        doc = lxml.html.fromstring(html)
        for a in doc.xpath('//a[@href="tel:1330"]'):
            statement = _block(a).xpath('.//*[@data-line="help-line"]')
            assert statement, inst.id
            assert language_name(lang, lang) in statement[0].text_content()
            assert statement[0].xpath('.//a[@href="tel:+8215885644"]'), inst.id  # BBB has it


def test_arabic_readers_are_not_sent_to_1330_for_an_embassy(sample_site: Path) -> None:
    doc = lxml.html.fromstring((sample_site / "ar" / "help" / "index.html").read_text(encoding="utf-8"))
    for place in ("embassy-saudi-arabia", "embassy-kazakhstan"):
        entry = doc.xpath(f'//li[@data-place="{place}"]')[0]
        tels = [a.get("href") for a in entry.xpath('.//a[starts-with(@href, "tel:")]')]
        assert "tel:1330" not in tels and tels[0] == "tel:+8215885644", (place, tels)
        assert "العربية" in entry.text_content()


def test_the_help_page_lists_every_line_with_languages_and_hours(sample_site: Path) -> None:
    for lang in LANGS:
        doc = lxml.html.fromstring((sample_site / PREFIX[lang] / "help" / "index.html").read_text(
            encoding="utf-8"))
        listed = doc.xpath('//div[@class="gb-help-lines"]/p[@class="gb-help-line"]')
        ids = [p.get("data-line-id") for p in listed]
        assert ids == ["fire-ambulance", "police", "bbb", "immigration", "help-line",
                       "support-center", "dispute-agency"], (lang, ids)
        for p in listed:
            assert p.xpath('.//small[@class="gb-line-languages"]'), (lang, p.get("data-line-id"))
            assert p.xpath('.//small[@class="gb-line-hours"]'), (lang, p.get("data-line-id"))
        hours = {p.get("data-line-id"): p.xpath('string(.//small[@class="gb-line-hours"])')
                 for p in listed}
        assert re.search(r"09:00.22:00", hours["immigration"]), hours["immigration"]


def test_the_desk_states_that_its_languages_are_not_confirmed() -> None:
    assert DATA.district.help_desk.languages == ()
    assert DESK in lines(DATA.district, "en")
