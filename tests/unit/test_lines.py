"""Help lines as data: each says which languages it answers in, and a page
offering one to a reader whose language it lacks says so and gives the line
that has it (guidebook.web.lines)."""

from __future__ import annotations

import pytest

from guidebook.common.i18n import translations
from guidebook.data.load import load_bytes, load_file
from guidebook.web.lines import annotate, lines, serves, statement
from tests.conftest import LANGS, ROOT

TEXT = (ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8")
DISTRICT = load_file(ROOT / "data" / "institutions.yaml", LANGS).dataset.district


def test_every_line_has_sourced_languages_and_the_desk_says_none_are_confirmed() -> None:
    for line_id, line in DISTRICT.all_lines().items():
        assert line.languages and "ko" in line.languages, line_id
        assert "languages" in line.sources, line_id
        if line.opening_hours:
            assert "opening_hours" in line.sources, line_id
    assert set(DISTRICT.all_lines()) >= {"fire-ambulance", "police", "help-line", "bbb",
                                         "immigration", "support-center", "dispute-agency"}
    assert DISTRICT.help_desk.languages == ()  # no source says: nothing is claimed


@pytest.mark.parametrize("lang", ["mn", "ar"])
def test_every_line_lacking_mongolian_or_arabic_has_one_that_has_it(lang: str) -> None:
    known = lines(DISTRICT, lang)
    for line in known.values():
        if not serves(line.languages, lang):
            assert any(serves(known[i].languages, lang) for i in line.instead), line.id


def test_1330_has_no_mongolian_nor_arabic_and_bbb_has_both() -> None:
    known = lines(DISTRICT, "en")
    assert not serves(known["help-line"].languages, "mn")
    assert not serves(known["help-line"].languages, "ar")
    assert serves(known["bbb"].languages, "mn") and serves(known["bbb"].languages, "ar")


def test_an_unknown_line_in_instead_is_refused_at_its_line() -> None:
    broken = TEXT.replace("instead: [bbb, immigration]", "instead: [bbb, imigration]")
    errors = load_bytes(broken.encode(), "data/institutions.yaml", LANGS).errors
    assert len(errors) == 1 and "did you mean 'immigration'" in errors[0].format()
    assert errors[0].line == broken.splitlines().index("    instead: [bbb, imigration]") + 1


def test_a_line_in_lines_needs_an_id() -> None:
    broken = TEXT.replace("    - id: police\n", "    -\n", 1)
    errors = load_bytes(broken.encode(), "data/institutions.yaml", LANGS).errors
    assert errors and "without its id" in errors[0].en


def test_the_statement_names_the_languages_the_absence_and_the_line_that_has_it() -> None:
    tr = translations("mn")
    text = str(statement(lines(DISTRICT, "mn"), "help-line", "mn", tr))
    assert 'data-line="help-line"' in text and "англи" in text
    assert "<strong>Эдгээрийн дунд монгол хэл алга.</strong>" in text
    assert "Таны хэлээр (монгол):" in text and 'href="tel:+8215885644"' in text
    assert str(statement(lines(DISTRICT, "zh"), "help-line", "zh", translations("zh"))) == ""
    desk = str(statement(lines(DISTRICT, "en"), "help-desk", "en", translations("en")))
    assert "Languages not confirmed." in desk and "is not among them" not in desk
    assert 'href="tel:1330"' in desk  # the English reader is given 1330


def test_annotate_states_the_languages_at_the_end_of_the_block() -> None:
    html = ('<ul><li>If unsure, ask <a href="tel:+8215777129">1577-7129</a> today.</li></ul>'
            '<h2>Hotline: <a href="tel:1330">1330</a></h2><p>Text.</p>'
            '<p>Call <a href="tel:119">119</a> or <a href="tel:119">119</a>.</p>')
    out = annotate(html, DISTRICT, "mn", translations("mn"))
    # the sentence stays whole; the statement closes the list item
    assert 'today. <small class="gb-line-languages" data-line="support-center">' in out
    assert 'tel:+8216702545' in out  # K-Medi has Mongolian
    # a heading is followed by its note, never changed itself
    assert '<h2>Hotline: <a href="tel:1330">1330</a></h2>\n<p class="gb-line-note">' in out
    assert out.count('data-line="fire-ambulance"') == 1  # once a block
    assert annotate(out, DISTRICT, "mn", translations("mn")) == out  # said once, not again


def test_annotate_leaves_lines_that_serve_the_reader_and_other_numbers() -> None:
    html = ('<p><a href="tel:1330">1330</a></p><p><a href="tel:+8227983464">798-3464</a></p>'
            '<p><a href="tel:+8215885644">1588-5644</a></p>')
    assert annotate(html, DISTRICT, "ru", translations("ru")) == html
    assert annotate(html, DISTRICT, "zh", translations("zh")) == html
