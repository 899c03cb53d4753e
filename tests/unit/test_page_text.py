"""A hand-written page as a language shows it (guidebook/page_text.py)."""

from __future__ import annotations

from guidebook.build import page_text
from guidebook.data.load import load_file
from tests.conftest import FIXTURES, LANGS

DATA = load_file(FIXTURES / "institutions.yaml", LANGS).dataset


def test_a_page_not_translated_is_marked_with_the_source_language() -> None:
    out = page_text.page_markdown("# Help\n\nCall us.\n", "ar", "en", {}, DATA, "ar/help/")
    assert out.startswith('# Help { lang="en" dir="ltr" }\n')
    assert '<p class="gb-notice">' in out  # in Arabic, from the catalog
    assert '<div lang="en" dir="ltr" markdown="1">' in out and 'Call us.' in out


def test_an_unreviewed_translation_gets_a_notice_and_the_source_does_not() -> None:
    unreviewed = page_text.page_markdown("# Справка\n\nТекст.\n", "ru", "ru",
                                    {"translation_review": "unreviewed"}, DATA, "ru/help/")
    assert '<p class="gb-notice">' in unreviewed
    reviewed = page_text.page_markdown("# Справка\n\nТекст.\n", "ru", "ru",
                                  {"translation_review": "reviewed"}, DATA, "ru/help/")
    assert reviewed == "# Справка\n\nТекст.\n"
    english = page_text.page_markdown("# Help\n", "en", "en", {}, DATA, "help/")
    assert english == "# Help\n"


def test_lists_from_the_data_link_relative_to_the_language_root() -> None:
    out = page_text.page_markdown("# H\n\n<!-- guidebook:institutions services=prayer_room -->\n",
                             "zh", "zh", {"translation_review": "reviewed"}, DATA,
                             "zh/muslim-friendly/")
    assert 'href="../institutions/test-eye-hospital/"' in out
