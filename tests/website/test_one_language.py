"""The one-language preview (``GUIDEBOOK_ONLY_LANG=zh mkdocs serve``) survives
a page written in English only (#23 item 8): it shows that page in English
with the "not translated" notice, as the full build does, instead of
stopping in strict mode at the nav entry or at a link to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidebook.common.i18n import translations
from tests.conftest import build_project, copy_project


@pytest.fixture(scope="module")
def new_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("one-language"))
    (project / "content" / "visa.en.md").write_text(
        "---\ntranslation_review: source\n---\n\n# Extending a medical visa\n\n"
        "Ask the hospital for a letter.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - aftercare.md\n", "  - aftercare.md\n  - visa.md\n", 1),
                      encoding="utf-8")
    help_zh = project / "content" / "help.zh.md"  # a translated page links to the new one
    help_zh.write_text(help_zh.read_text(encoding="utf-8") + "\n[签证](visa.md)\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("lang", ["zh", "ar"])
def test_a_new_english_page_builds_in_a_one_language_preview(new_page: Path, lang: str) -> None:
    site = build_project(new_page, new_page / f"site-{lang}",
                         env={"GUIDEBOOK_ONLY_LANG": lang, "GUIDEBOOK_PDF": "0",
                              "GUIDEBOOK_PRECOMPRESS": "0"})  # strict: a warning would raise
    page = (site / "visa" / "index.html").read_text(encoding="utf-8")
    assert "Extending a medical visa" in page
    # "This page is not translated yet", in the reader's language, then the English text marked.
    notice = translations(lang).gettext("This page is not translated yet. The English text follows.")
    assert f'<p class="gb-notice">{notice}</p>' in page and '<div dir="ltr" lang="en">' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="visa/"' in home  # in the navigation
    if lang == "zh":
        assert 'href="../visa/"' in (site / "help" / "index.html").read_text(encoding="utf-8")


def test_the_one_language_preview_of_the_default_language_is_unchanged(new_page: Path) -> None:
    site = build_project(new_page, new_page / "site-en",
                         env={"GUIDEBOOK_ONLY_LANG": "en", "GUIDEBOOK_PDF": "0",
                              "GUIDEBOOK_PRECOMPRESS": "0"})
    page = (site / "visa" / "index.html").read_text(encoding="utf-8")
    assert "Extending a medical visa" in page and "not translated" not in page
