"""No dead end: every institution page offers a number to tap and a map link,
whatever its record lacks; each fact may name its own source."""

from __future__ import annotations

import pytest

from guidebook.common.i18n import translations
from guidebook.data.load import load_bytes, load_file
from guidebook.web.render import call_view, expand_placeholders, institution_view, render_institution
from tests.conftest import FIXTURES, LANGS, ROOT

SAMPLE = load_file(ROOT / "data" / "institutions.yaml", LANGS).dataset
FIXTURE_TEXT = (FIXTURES / "institutions.yaml").read_text(encoding="utf-8")
FIXTURE = load_file(FIXTURES / "institutions.yaml", LANGS).dataset


def load_text(text: str):
    loaded = load_bytes(text.encode(), "t.yaml", LANGS)
    return loaded


@pytest.mark.parametrize("lang", LANGS)
def test_every_sample_institution_page_has_a_tel_link_and_korean_map_links(lang: str) -> None:
    tr = translations(lang)
    for inst in SAMPLE.institutions:
        text = render_institution(inst, SAMPLE.district, lang, tr)
        assert 'href="tel:' in text, inst.id
        assert 'href="https://map.kakao.com/' in text and 'href="https://map.naver.com/' in text, inst.id


def test_the_number_to_call_is_the_institutions_else_the_desks_else_1330() -> None:
    tr = translations("en")
    eye, clinic, _ = FIXTURE.institutions
    assert call_view(eye, FIXTURE.district, "en", tr)["whose"] == "institution"
    desk = call_view(clinic, FIXTURE.district, "en", tr)
    assert desk["whose"] == "help_desk" and desk["phone"]["href"] == "tel:+82226700000"
    no_desk_phone = load_text(FIXTURE_TEXT.replace("    phone: 02-2670-0000\n", "")).dataset
    line = call_view(no_desk_phone.institutions[1], no_desk_phone.district, "en", tr)
    assert line["whose"] == "help_line" and line["phone"] == {"href": "tel:1330", "display": "1330"}
    text = render_institution(no_desk_phone.institutions[1], no_desk_phone.district, "en", tr)
    assert "Call the Korea Travel Helpline" in text and 'href="tel:1330"' in text
    # the text follows the data: no "ask the help desk" beside a number that is not the desk's
    assert "Ask the district's medical tourism help desk" not in text


def test_without_address_or_coordinates_the_maps_search_the_korean_name() -> None:
    view = institution_view(FIXTURE.institutions[1], FIXTURE.district, "en", translations("en"))
    assert view["maps"]["by"] == "name" and view["maps"]["google"] is None
    assert view["maps"]["kakao"].endswith("/link/search/%ED%85%8C%EC%8A%A4%ED%8A%B8%EC%9D%98%EC%9B%90")


def test_taxi_card_shows_the_korean_address_and_addresses_are_two_lines() -> None:
    text = render_institution(FIXTURE.institutions[0], FIXTURE.district, "ar", translations("ar"))
    card = text[text.index('class="gb-driver"'):text.index("</div>", text.index('class="gb-driver"'))]
    assert "서울특별시 영등포구 테스트로 1" in card
    assert "(<span lang=\"en\"" not in text  # never "Korean (English)" in one line
    assert ('<span class="gb-line gb-address-en"><span lang="en" dir="ltr">1 Test-ro' in text)


def test_sources_name_only_fields_the_record_has() -> None:
    assert FIXTURE.institutions[0].sources["contact.phone"] == "a test source for the phone"
    typo = load_text(FIXTURE_TEXT.replace("      contact.phone: a test", "      contact.phon: a test"))
    assert not typo.ok
    message = typo.errors[0].format()
    assert "sources.contact.phon: 'contact.phon' is not a field of this record" in message
    assert "did you mean 'contact.phone'?" in message
    missing = load_text(FIXTURE_TEXT.replace("    specialties: [dermatology]\n",
                                             "    specialties: [dermatology]\n"
                                             "    sources: {location: a test source}\n"))
    assert any("a source for 'location', which this record does not have" in e.format()
               for e in missing.errors)


def test_help_line_numbers_accept_short_codes_only_where_they_belong() -> None:
    assert FIXTURE.district.help_line.phone == "1330"
    assert FIXTURE.district.help_line.phone_abroad == "+8221330"
    bad = load_text(FIXTURE_TEXT.replace("    phone: 02-2670-0000\n", "    phone: \"1330\"\n"))
    assert not bad.ok  # the help desk needs a full number


@pytest.mark.parametrize("lang", LANGS)
def test_help_desk_and_places_placeholders_fill_in_from_the_data(lang: str) -> None:
    tr = translations(lang)
    out = expand_placeholders("<!-- guidebook:help-desk -->\n\n<!-- guidebook:places kind=embassy -->\n",
                              FIXTURE, lang, tr)
    assert 'href="tel:+82226700000"' in out and 'href="tel:1330"' in out
    assert 'data-place="embassy-test"' in out and 'href="tel:+8227980000"' in out
    unknown = out[out.index('data-place="embassy-unknown"'):]
    assert 'href="tel:1330"' in unknown  # nothing known: the page says whom to call
    assert "test-mosque" not in out
    compact = expand_placeholders("<!-- guidebook:help-desk phone -->", FIXTURE, lang, tr)
    assert compact.count('href="tel:') == 1
    with pytest.raises(ValueError):
        expand_placeholders("<!-- guidebook:places kind=temple -->", FIXTURE, lang, tr)


def test_two_places_cannot_share_an_id() -> None:
    twice = load_text(FIXTURE_TEXT + "  - id: test-mosque\n    kind: mosque\n"
                      "    name: {ko: a, en: a, zh: a, mn: a, ru: a, ar: a}\n")
    assert [e.path for e in twice.errors] == ["places[3].id"]
