"""Descriptions and Open Graph data of a page, without building a site."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidebook.build import page_text
from guidebook.web import share
from guidebook.data.load import load_file
from guidebook.data.settings import SettingsError, load_settings
from tests.conftest import FIXTURES, ROOT
from tests.unit.test_settings import config_with

SETTINGS = load_settings(ROOT / "mkdocs.yml", {})
DATASET = load_file(FIXTURES / "institutions.yaml", SETTINGS.languages).dataset


def test_og_locale_territories_come_from_cldr_and_the_settings() -> None:
    assert [share.og_locale(c) for c in SETTINGS.languages] == [
        "en_US", "zh_CN", "mn_MN", "ru_RU", "ar_EG"]
    assert SETTINGS.guidebook.share.territories == {"ar": "SA"}  # mkdocs.yml: Gulf readers
    assert share.og_locale("ar", SETTINGS.guidebook.share.territories) == "ar_SA"


def test_a_territory_that_is_not_a_country_code_is_a_settings_error(tmp_path: Path) -> None:
    config = config_with(tmp_path, "        ar: SA\n", "        ar: Saudi\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(config, {})
    assert "share.territories.ar" in str(caught.value)


def test_text_from_the_data_or_a_page_is_escaped_for_the_head() -> None:
    meta = {"description": 'Eye "clinic" <script>alert(1)</script> & more'}
    description, tags = page_text.page_share(SETTINGS, DATASET, "en", "en", "A <b>title</b>", meta, "",
                                        "https://guide.example.org/x/")
    assert str(description) == ("Eye &#34;clinic&#34; &lt;script&gt;alert(1)&lt;/script&gt; "
                                "&amp; more")
    assert dict(tags)["og:title"] == "A title"  # plain text: the template escapes it


def test_an_untranslated_page_says_so_in_the_readers_language() -> None:
    content = '<p class="gb-notice">…</p><div dir="ltr" lang="en"><p>English text.</p></div>'
    description, tags = page_text.page_share(SETTINGS, DATASET, "mn", "en", "Arrival", {}, content,
                                        "https://guide.example.org/mn/arrival/")
    assert "English" not in description and description == dict(tags)["og:description"]
    assert dict(tags)["og:title"] == DATASET.district.site_name["mn"]


def test_a_page_of_controls_only_is_described_by_its_title_and_the_guide() -> None:
    description, _ = page_text.page_share(SETTINGS, DATASET, "ru", "ru", "Поиск", {}, "<form></form>",
                                     "https://guide.example.org/ru/search/")
    assert description == "Поиск · Тестовый путеводитель"


def test_without_site_url_a_page_has_a_description_and_no_preview_tags() -> None:
    settings = SETTINGS.model_copy(update={"site_url": None})
    description, tags = page_text.page_share(settings, DATASET, "zh", "zh", "标题", {},
                                        "<p>第一段。</p>", None)
    assert (description, tags) == ("第一段。", [])


def test_an_institution_with_a_picture_shares_it_instead_of_the_language_image() -> None:
    import yaml

    from guidebook.common.i18n import translations
    from guidebook.web.render import render_institution

    inst = DATASET.institutions[0].model_copy(update={"picture": "https://h.example.org/eye.jpg"})
    text = render_institution(inst, DATASET.district, "ar", translations("ar"))
    meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    _, tags = page_text.page_share(SETTINGS, DATASET, "ar", "ar", meta["title"], meta, "",
                              "https://guide.example.org/ar/institutions/test-eye-hospital/")
    tags = dict(tags)
    assert tags["og:image"] == tags["twitter:image"] == "https://h.example.org/eye.jpg"
    assert tags["og:image:alt"] == meta["title"]
    assert "og:image:width" not in tags  # its size is not known
    _, plain_tags = page_text.page_share(SETTINGS, DATASET, "ar", "ar", "x", {}, "",
                                    "https://guide.example.org/ar/x/")
    assert dict(plain_tags)["og:image"] == "https://guide.example.org/assets/share/ar.png"
