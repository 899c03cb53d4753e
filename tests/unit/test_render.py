"""Record + language -> rendered page text."""

from __future__ import annotations

import re

import pytest
import yaml

from guidebook.common.i18n import translations
from guidebook.data.load import load_bytes, load_file
from guidebook.web.links import channel_links
from guidebook.web.render import render_directory, render_institution
from tests.conftest import LANGS, FIXTURES

DATA = load_file(FIXTURES / "institutions.yaml", LANGS).dataset
EYE, CLINIC, HOTEL = DATA.institutions


def page(inst, lang: str) -> str:
    return render_institution(inst, DATA.district, lang, translations(lang))


@pytest.mark.parametrize("lang, contact, phone_label", [
    ("en", "Contact", "Phone"), ("zh", "联系方式", "电话"), ("mn", "Холбоо барих", "Утас"),
    ("ru", "Контакты", "Телефон"), ("ar", "التواصل", "الهاتف"),
])
def test_labels_are_translated(lang: str, contact: str, phone_label: str) -> None:
    text = page(EYE, lang)
    assert f'<h2 id="{contact.lower().replace(" ", "-")}" data-pagefind-ignore>{contact}<a' in text
    assert f'<p class="gb-call">{phone_label}: ' in text
    assert EYE.name[lang] in text


def test_korean_name_is_marked_korean_and_isolated_on_arabic_pages() -> None:
    assert '<span lang="ko" dir="ltr">테스트안과병원</span>' in page(EYE, "ar")
    assert '<span lang="ko">테스트안과병원</span>' in page(EYE, "ru")


def test_phone_is_a_tel_link_isolated_left_to_right() -> None:
    text = page(EYE, "ar")
    assert '<a class="gb-tel" href="tel:+82226701234"><bdi dir="ltr">+82 2-2670-1234</bdi></a>' in text


def test_english_fallback_is_marked_english_with_a_notice() -> None:
    ru = page(EYE, "ru")
    assert "Глазная больница для тестов." in ru and 'lang="en"' not in ru.split("gb-summary")[1][:40]
    mn = page(EYE, "mn")
    assert '<span lang="en">An eye hospital used by the tests.</span>' in mn
    assert "одоогоор орчуулаагүй" in mn
    ar = page(EYE, "ar")
    assert '<span lang="en" dir="ltr">An eye hospital used by the tests.</span>' in ar


def test_dates_are_formatted_by_cldr_for_each_language() -> None:
    assert "March 9, 2026" in page(EYE, "en")
    assert "2026年3月9日" in page(EYE, "zh")
    assert "9 марта 2026" in page(EYE, "ru")
    assert "9 مارس 2026" in page(EYE, "ar")


def test_language_names_come_from_cldr_in_the_readers_language() -> None:
    zh = page(EYE, "zh")
    for name in ("英语", "中文", "蒙古语", "俄语", "阿拉伯语"):
        assert f"<li>{name}</li>" in zh


def test_channels_the_readers_market_uses_come_first() -> None:
    def order(lang: str) -> list[str]:
        first = DATA.district.channel_order.get(lang, ())  # the data file's order per language
        return [c["label"] for c in channel_links(EYE.contact.messengers, lang, translations(lang),
                                                  first)]
    assert order("zh")[0] == "微信"
    assert order("ru")[:3] == ["WhatsApp", "Telegram", "ВКонтакте"]
    assert order("mn")[0] == "Facebook"
    assert order("ar")[:2] == ["واتساب", "إنستغرام"]
    links = {c["value"]: c["href"] for c in channel_links(EYE.contact.messengers, "en",
                                                          translations("en"))}
    assert links["+82 10-1234-5678"] == "https://wa.me/821012345678"
    assert links["@testeye"] == "https://t.me/testeye"


def test_missing_phone_sends_the_reader_to_the_help_desk() -> None:
    text = page(CLINIC, "en")
    assert "No phone number for foreign patients has been verified yet" in text
    assert "Test Help Desk" in text and "tel:+82226700000" in text
    assert "The address has not been verified yet" in text
    assert "No phone number" not in page(EYE, "en")


def test_user_strings_are_escaped() -> None:
    names = "{ko: '가 & 나', en: \"A 'quoted' & co\", zh: 甲, mn: А, ru: А, ar: أ}"
    text = (FIXTURES / "institutions.yaml").read_text(encoding="utf-8")
    hostile = text.replace("An eye hospital used by the tests.",
                           "'<script>alert(1)</script> [x](javascript:alert(1)) \"q\"'")
    hostile = hostile.replace(
        "{ko: 테스트의원, en: Test Clinic, zh: 测试诊所, mn: Тест клиник, ru: Тестовая клиника, ar: عيادة الاختبار}",
        names)
    data = load_bytes(hostile.encode(), "x.yaml", LANGS).dataset
    assert data is not None
    text = render_institution(data.institutions[0], data.district, "en", translations("en"))
    # the front matter is data (YAML); its description is escaped into the
    # head by the hook (tests/unit/test_share.py)
    front, body = text.split("\n---\n", 1)
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&#34;q&#34;" in body
    assert yaml.safe_load(front.removeprefix("---\n"))["description"].endswith(
        "<script>alert(1)</script> [x](javascript:alert(1)) \"q\"")
    clinic = render_institution(data.institutions[1], data.district, "en", translations("en"))
    assert "A &#39;quoted&#39; &amp; co" in clinic
    # front matter is YAML-quoted, not injected
    assert "\nguidebook_page: institution\ntitle: A 'quoted' & co\n---" in clinic


def test_directory_groups_by_category_and_counts_with_plural_rules() -> None:
    ru = render_directory(DATA, "ru", translations("ru"))
    assert "3 учреждения-партнёра" in ru  # Russian 'few' form
    assert ru.index('<h2 id="больницы-и-клиники">') < ru.index('<h2 id="проживание">')
    assert re.findall(r'href="([^"#:]+)"', ru) == ["test-eye-hospital/", "test-clinic/", "test-hotel/"]
    zh = render_directory(DATA, "zh", translations("zh"))
    assert "3 家合作机构" in zh and "眼科和整形外科" in zh  # CLDR list pattern
    ar = render_directory(DATA, "ar", translations("ar"))
    assert "3 مؤسسات شريكة" in ar  # Arabic 'few' form


def test_language_filter_offers_only_confirmed_languages_and_says_what_is_unknown() -> None:
    """#22 item 6: a filter value no record has is no answer ("0 of 15"); the
    page says how many institutions have not confirmed their languages and
    whom to ask, with the number to tap."""
    eye, *others = DATA.institutions
    only_mn = DATA.model_copy(update={"institutions": (eye.model_copy(update={"languages": ("mn",)}),
                                                       *others)})
    mn = render_directory(only_mn, "mn", translations("mn"))
    select = re.search(r'<select name="language">(.*?)</select>', mn, re.S).group(1)
    assert re.findall(r'<option value="(\w+)"', select) == ["mn"]  # not the other site languages
    note = re.search(r'<p class="gb-unknown-languages">(.*?)</p>', mn, re.S).group(1)
    assert "2 / 3" in note and 'href="tel:+82226700000"' in note  # the fixture's help desk
    assert "Тест лавлах" in note
    # Nobody has confirmed: no language filter at all, and 3 of 3 unknown.
    nobody = DATA.model_copy(update={"institutions": tuple(
        i.model_copy(update={"languages": ()}) for i in DATA.institutions)})
    en = render_directory(nobody, "en", translations("en"))
    assert 'name="language"' not in en
    assert "Languages spoken not yet confirmed: 3 of 3 institutions." in en
    # Everybody has: no note.
    everybody = DATA.model_copy(update={"institutions": tuple(
        i.model_copy(update={"languages": ("en",)}) for i in DATA.institutions)})
    assert "gb-unknown-languages" not in render_directory(everybody, "en", translations("en"))


def test_every_language_renders_every_record() -> None:
    for lang in LANGS:
        for inst in DATA.institutions:
            text = page(inst, lang)
            assert text.startswith("---\n") and "gb-verified" in text


def test_help_desk_shows_hours_and_the_districts_channels_for_the_language() -> None:
    zh = render_institution(CLINIC, DATA.district, "zh", translations("zh"))
    assert "<li>周一–周五: <bdi dir=\"ltr\">09:00–18:00</bdi></li>" in zh
    assert "<li>微信: <bdi dir=\"ltr\">testdistrict</bdi></li>" in zh
    mn = render_institution(CLINIC, DATA.district, "mn", translations("mn"))
    assert "https://www.facebook.com/testdistrict" in mn and "WeChat" not in mn
    assert "facebook.com/testdistrict" not in render_institution(CLINIC, DATA.district, "ru",
                                                                 translations("ru"))


def test_list_placeholders_fill_in_and_mistakes_are_errors() -> None:
    import pytest

    from guidebook.web.render import PlaceholderError, expand_placeholders

    text = "Intro\n<!-- guidebook:institutions services = halal_meals, prayer_room -->\nEnd\n"
    out = expand_placeholders(text, DATA, "ar", translations("ar"), "../")
    assert 'href="../institutions/test-eye-hospital/"' in out
    assert 'href="../institutions/test-hotel/"' in out and "test-clinic" not in out
    assert "وجبات حلال" in out
    for wrong in ("<!-- guidebook:institution services=halal_meals -->",
                  "<!-- guidebook:institutions services=halal -->"):
        with pytest.raises(PlaceholderError):
            expand_placeholders(wrong, DATA, "en", translations("en"))


def test_pages_rendered_in_parallel_equal_pages_rendered_in_turn() -> None:
    from guidebook.build.pages import render_all_languages

    in_turn = render_all_languages(DATA, {"test-clinic"}, 12, "https://x.org/", parallel_from=10**9)
    forked = render_all_languages(DATA, {"test-clinic"}, 12, "https://x.org/", parallel_from=0)
    assert list(in_turn) == list(forked) and in_turn == forked
    assert len(in_turn) == 5 * (1 + len(DATA.institutions))


@pytest.mark.parametrize("lang", LANGS)
def test_the_estimate_card_is_on_the_costs_page_and_medical_pages(lang: str) -> None:
    """#22 item 4: "the expected cost in writing, please", in the reader's
    language and in Korean for the reception, where a patient needs it."""
    from guidebook.web.render import ESTIMATE_REQUEST_KO, expand_placeholders
    from tests.conftest import ROOT

    tr = translations(lang)
    own = tr.gettext("Please give me the expected cost in writing before the treatment, and write "
                     "whether it includes tests, medicines, a hospital stay and follow-up visits.")
    costs = (ROOT / "content" / f"costs.{lang}.md").read_text(encoding="utf-8")
    out = expand_placeholders(costs, DATA, lang, tr)
    card = re.search(r'<div class="gb-driver gb-estimate"[^>]*>(.*?)</div>', out, re.S).group(1)
    assert own in card and f'<p class="gb-estimate-ko" lang="ko" dir="ltr">{ESTIMATE_REQUEST_KO}</p>' in card
    assert lang == "en" or not own.startswith("Please give me")  # in the reader's language
    hospital, clinic, hotel = DATA.institutions
    assert ESTIMATE_REQUEST_KO in page(hospital, lang) and ESTIMATE_REQUEST_KO in page(clinic, lang)
    assert ESTIMATE_REQUEST_KO not in page(hotel, lang)  # a hotel quotes no treatment


@pytest.mark.parametrize("lang", LANGS)
def test_which_department_lists_complaints_with_their_korean_and_the_partners(lang: str) -> None:
    """#22 item 5: each common complaint in the reader's language and in
    Korean to point at, the department in both, a link to the partners
    listing it (or whom to ask), and first the signs that need 119."""
    from markupsafe import escape

    from guidebook.data.vocabulary import KOREAN_LABELS, SYMPTOMS
    from guidebook.web.render import expand_placeholders
    from tests.conftest import ROOT

    tr = translations(lang)
    text = (ROOT / "content" / f"which-department.{lang}.md").read_text(encoding="utf-8")
    out = expand_placeholders(text, DATA, lang, tr, "../")
    items = re.findall(r'<li class="gb-symptom" data-symptom="(\w+)">(.*?)</li>', out, re.S)
    assert [key for key, _ in items] == list(SYMPTOMS)
    ko_attrs = 'lang="ko" dir="ltr"' if lang == "ar" else 'lang="ko"'
    for key, body in items:
        words, korean, code = SYMPTOMS[key]
        assert escape(tr.pgettext(*words)) in body and f"<span {ko_attrs}>{korean}</span>" in body
        assert KOREAN_LABELS["specialty"][code] in body
        if any(code in i.specialties for i in DATA.institutions):
            assert f'href="../institutions/?specialty={code}"' in body
        else:  # no partner lists it: said so (whom to ask follows the list once)
            assert 'class="gb-no-partner"' in body and "?specialty=" not in body
    after = out[out.index("</ul>"):]
    assert 'class="gb-ask-department"' in after and 'href="tel:+82226700000"' in after
    emergency = out[:out.index('<ul class="gb-symptoms">')]
    assert 'href="tel:119"' in emergency and "가슴 통증" in emergency
