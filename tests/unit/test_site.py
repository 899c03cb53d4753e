"""The pieces the hooks call (guidebook/site.py), without building a site."""

from __future__ import annotations

from pathlib import Path

import jinja2

from guidebook import site
from guidebook.load import load_file
from tests.conftest import FIXTURES, LANGS

DATA = load_file(FIXTURES / "institutions.yaml", LANGS).dataset
MATERIAL = Path(jinja2.__file__).parents[1] / "material" / "templates"


def test_a_page_not_translated_is_marked_with_the_source_language() -> None:
    out = site.page_markdown("# Help\n\nCall us.\n", "ar", "en", {}, DATA, "ar/help/")
    assert out.startswith('# Help { lang="en" dir="ltr" }\n')
    assert '<p class="gb-notice">' in out  # in Arabic, from the catalog
    assert '<div lang="en" dir="ltr" markdown="1">' in out and 'Call us.' in out


def test_an_unreviewed_translation_gets_a_notice_and_the_source_does_not() -> None:
    unreviewed = site.page_markdown("# Справка\n\nТекст.\n", "ru", "ru",
                                    {"translation_review": "unreviewed"}, DATA, "ru/help/")
    assert '<p class="gb-notice">' in unreviewed
    reviewed = site.page_markdown("# Справка\n\nТекст.\n", "ru", "ru",
                                  {"translation_review": "reviewed"}, DATA, "ru/help/")
    assert reviewed == "# Справка\n\nТекст.\n"
    english = site.page_markdown("# Help\n", "en", "en", {}, DATA, "help/")
    assert english == "# Help\n"


def test_lists_from_the_data_link_relative_to_the_language_root() -> None:
    out = site.page_markdown("# H\n\n<!-- guidebook:institutions services=prayer_room -->\n",
                             "zh", "zh", {"translation_review": "reviewed"}, DATA,
                             "zh/muslim-friendly/")
    assert 'href="../institutions/test-eye-hospital/"' in out


def test_not_found_pages_are_written_per_language_with_root_links(tmp_path: Path) -> None:
    for prefix in ("", "zh/"):
        folder = tmp_path / prefix / "not-found"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text('<a href="../help/">h</a>', encoding="utf-8")
    written = site.write_not_found_pages(tmp_path, "/guide/", ("en", "zh", "ar"))
    assert written == [tmp_path / "404.html", tmp_path / "zh" / "404.html"]
    assert (tmp_path / "zh" / "404.html").read_text(encoding="utf-8") == '<a href="/guide/zh/help/">h</a>'


def test_language_names_are_each_languages_own() -> None:
    assert site.language_names(("en", "mn", "ar")) == {"en": "English", "mn": "Монгол",
                                                        "ar": "العربية"}


def test_theme_strings_fall_back_to_english_where_material_has_no_language() -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(MATERIAL)))
    kazakh = site.theme_strings(env, "kk")
    english = site.theme_strings(env, "en")
    assert kazakh["language"] == "kk-Cyrl"
    assert {k: v for k, v in kazakh.items() if k != "language"} == \
        {k: v for k, v in english.items() if k != "language"}
    assert site.theme_strings(env, "ru")["search.placeholder"] != english["search.placeholder"]


def test_bytecode_cache_keeps_compiled_templates_across_environments() -> None:
    cache = site.MemoryBytecodeCache()
    loader = jinja2.DictLoader({"t.html": "{{ 1 + 1 }}"})
    jinja2.Environment(loader=loader, bytecode_cache=cache).get_template("t.html")
    assert len(cache.store) == 1
    again = jinja2.Environment(loader=loader, bytecode_cache=cache)
    assert again.get_template("t.html").render() == "2"
