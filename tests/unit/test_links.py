"""Link builders, opening hours and JSON-LD."""

from __future__ import annotations

import json
import re

import pytest

from guidebook.data.hours import HoursError, format_rules, parse
from guidebook.common.i18n import site_language, translations
from guidebook.web.jsonld import institution_jsonld, script_tag
from guidebook.web.links import map_links, phone_link
from guidebook.data.load import load_bytes, load_file
from guidebook.web.render import render_institution
from tests.conftest import LANGS, FIXTURES

DATA = load_file(FIXTURES / "institutions.yaml", LANGS).dataset
EYE = DATA.institutions[0]


@pytest.mark.parametrize("number, href, display", [
    ("+82226701234", "tel:+82226701234", "+82 2-2670-1234"),
    ("+821012345678", "tel:+821012345678", "+82 10-1234-5678"),
    ("+8215885644", "tel:+8215885644", "+82 1588-5644"),
])
def test_phone_links_dial_from_abroad(number: str, href: str, display: str) -> None:
    assert phone_link(number) == {"href": href, "display": display}


def test_map_links_from_coordinates_work_without_an_app() -> None:
    links = map_links("테스트안과병원", "서울특별시 영등포구 테스트로 1", 37.5172, 126.9071)
    assert links["kakao"].startswith("https://map.kakao.com/link/map/")
    assert links["kakao"].endswith(",37.5172,126.9071")
    assert links["naver"] == ("https://map.naver.com/p/search/"
                              "%EC%84%9C%EC%9A%B8%ED%8A%B9%EB%B3%84%EC%8B%9C%20%EC%98%81%EB%93%B1%ED%8F%AC"
                              "%EA%B5%AC%20%ED%85%8C%EC%8A%A4%ED%8A%B8%EB%A1%9C%201")
    assert links["google"] == "https://www.google.com/maps/search/?api=1&query=37.5172%2C126.9071"
    assert links["by"] == "coordinates"
    assert all(links[k].startswith("https://") for k in ("kakao", "naver", "google"))


def test_map_links_without_coordinates_search_the_korean_address() -> None:
    links = map_links("가", "서울 영등포구 1", None, None)
    assert links["kakao"] == "https://map.kakao.com/link/search/%EC%84%9C%EC%9A%B8%20%EC%98%81%EB%93%B1%ED%8F%AC%EA%B5%AC%201"


def test_institution_page_has_driver_card_maps_and_hours() -> None:
    text = render_institution(EYE, DATA.district, "ar", translations("ar"))
    assert '<p class="gb-driver-ko" lang="ko" dir="ltr">테스트안과병원</p>' in text
    assert '<p class="gb-driver-ko" lang="ko" dir="ltr">서울특별시 영등포구 테스트로 1</p>' in text
    assert "https://map.kakao.com/link/map/" in text and "افتح في خرائط نافر" in text
    assert "<th scope=\"row\">الاثنين–الجمعة</th><td><bdi dir=\"ltr\">09:00–18:00</bdi></td>" in text
    assert "<th scope=\"row\">الأحد</th>" not in text  # Sunday isn't in the rules


@pytest.mark.parametrize("text", ["Mo-Fr 9-18", "Monday 09:00-18:00", "Fr-Mo 09:00-18:00",
                                  "Mo-Fr 09:00-25:00", "sunrise-sunset"])
def test_unsupported_hours_are_refused(text: str) -> None:
    with pytest.raises(HoursError):
        parse(text)


def test_hours_mistake_is_a_load_error_with_an_example() -> None:
    raw = (FIXTURES / "institutions.yaml").read_text(encoding="utf-8").replace(
        "Mo-Fr 09:00-18:00; Sa 09:00-13:00", "Mon-Fri 9am-6pm")
    (error,) = load_bytes(raw.encode(), "x.yaml", LANGS).errors
    assert error.path == "institutions[0].opening_hours"
    assert "Mo-Fr 09:00-18:00; Sa 09:00-13:00; Su off; PH off" in error.fix_en


def test_hours_use_cldr_day_names() -> None:
    rules = parse("Mo-Fr 09:00-18:00; Sa,Su off; PH off")
    zh = format_rules(rules, site_language("zh").locale, "休息", "法定节假日")
    assert zh == [("周一–周五", "09:00–18:00"), ("周六–周日", "休息"), ("法定节假日", "休息")]


def test_jsonld_describes_the_institution() -> None:
    data = institution_jsonld(EYE, "zh", "https://guide.example.org/zh/institutions/test-eye-hospital/")
    assert data["@type"] == "Hospital" and data["name"] == "测试眼科医院"
    assert data["alternateName"] == ["테스트안과병원", "Test Eye Hospital"]
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": "서울특별시 영등포구 테스트로 1",
                               "addressCountry": "KR"}
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 37.5172, "longitude": 126.9071}
    assert data["telephone"] == "+82226701234"
    assert data["availableLanguage"] == ["en", "zh", "mn", "ru", "ar"]
    assert data["medicalSpecialty"] == ["https://schema.org/PlasticSurgery"]
    hotel = institution_jsonld(DATA.institutions[2], "en", "https://x/")
    assert hotel["@type"] == "LodgingBusiness" and "medicalSpecialty" not in hotel


def test_jsonld_in_the_page_parses_and_cannot_be_broken_out_of() -> None:
    text = render_institution(EYE, DATA.district, "en", translations("en"),
                              site_url="https://guide.example.org/")
    (blob,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text)
    assert json.loads(blob)["url"] == "https://guide.example.org/institutions/test-eye-hospital/"
    hostile = str(script_tag({"name": "</script><script>alert(1)</script>"}))
    assert hostile.count("</script>") == 1 and json.loads(hostile[35:-9])["name"].startswith("</script>")
