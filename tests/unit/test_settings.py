"""mkdocs.yml is the one place that names the languages; settings are typed and checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidebook.common.i18n import site_language
from guidebook.checks.quality import name_problems
from guidebook.data.load import load_file
from guidebook.forms.model import load_forms
from guidebook.data.settings import SettingsError, load_settings
from tests.conftest import FIXTURES, ROOT

CORE = ROOT / "src" / "guidebook"


def config_with(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_languages_come_from_the_i18n_plugin_default_first() -> None:
    settings = load_settings(ROOT / "mkdocs.yml", {})
    assert settings.languages == ("en", "zh", "mn", "ru", "ar")
    assert settings.default_language == "en"
    assert [site_language(c).direction for c in settings.languages] == ["ltr"] * 4 + ["rtl"]


def test_a_language_added_to_mkdocs_yml_is_required_in_forms_and_before_a_release(tmp_path: Path) -> None:
    config = config_with(tmp_path, "        - locale: ar\n", "        - locale: ja\n          name: Japanese\n"
                                                              "        - locale: ar\n")
    settings = load_settings(config, {})
    assert settings.languages == ("en", "zh", "mn", "ru", "ja", "ar")
    # Names may wait for their translation (shown in English, marked) ...
    loaded = load_file(FIXTURES / "institutions.yaml", settings.languages)
    assert loaded.ok
    untranslated = name_problems(loaded.dataset, loaded.marks)
    assert untranslated and all(p.en.endswith("marked as not yet translated") and " in ja:" in p.en
                                for p in untranslated)
    # ... the medical forms' wording may not.
    errors = load_forms(ROOT / "data" / "forms", settings.languages).errors
    assert errors and all("ja" in e.en for e in errors)
    assert site_language("fa").direction == "rtl" and site_language("ja").html_lang == "ja"


def test_a_language_the_guide_does_not_have_gets_did_you_mean(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    text = (FIXTURES / "institutions.yaml").read_text(encoding="utf-8")
    data.write_text(text.replace("      ru: Глазная больница для тестов.",
                                 "      rus: Глазная больница для тестов."), encoding="utf-8")
    (error,) = load_file(data, ("en", "zh", "mn", "ru", "ar")).errors
    line = text.splitlines().index("      ru: Глазная больница для тестов.") + 1
    assert (error.line, error.column, error.path) == (line, 7, "institutions[0].summary.rus")
    assert "did you mean 'ru'?" in error.fix_en and "'ru'을(를) 쓰려던" in error.fix_ko


def test_a_typo_in_the_settings_names_file_line_and_fix(tmp_path: Path) -> None:
    config = config_with(tmp_path, "      max_age_months: 12 ", "      max_age_month: 12 ")
    with pytest.raises(SettingsError) as caught:
        load_settings(config, {})
    line = next(n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("      max_age_month: 12"))
    message = str(caught.value)
    assert f"mkdocs.yml:{line}:7: extra.guidebook.release.max_age_month: unknown field" in message
    assert "did you mean 'max_age_months'?" in message and "고치는 법" in message


def test_environment_overrides_are_read_in_one_place() -> None:
    settings = load_settings(ROOT / "mkdocs.yml", {"GUIDEBOOK_RELEASE": "yes", "GUIDEBOOK_PDF": "0"})
    assert settings.release_build and not settings.make_pdfs
    assert not load_settings(ROOT / "mkdocs.yml", {}, release=False).release_build
    readers = [p.relative_to(CORE).as_posix() for p in CORE.rglob("*.py")
               if re.search(r"os\.environ|getenv", p.read_text(encoding="utf-8"))
               and p.relative_to(CORE).as_posix() != "data/settings.py"]
    assert readers == [], "only guidebook/data/settings.py reads the environment"


def test_no_language_list_is_written_out_in_the_code() -> None:
    """The site languages are mkdocs.yml's; a tuple or dict of language codes
    in the core or the hooks would be a second copy (doctests excepted)."""
    codes = r"['\"](?:en|zh|mn|ru|ar)['\"]"
    pattern = re.compile(rf"{codes}\s*[,:]\s*{codes}")
    found = []
    for path in [*CORE.rglob("*.py"), *(ROOT / "hooks").glob("*.py")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and not line.lstrip().startswith((">>>", "...", "[", "(")):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []


def test_a_language_being_translated_may_lack_texts_and_must_be_listed(tmp_path: Path) -> None:
    config = config_with(tmp_path, "        - locale: ar\n",
                         "        - locale: ja\n          name: ja\n        - locale: ar\n")
    text = config.read_text(encoding="utf-8").replace("  guidebook:\n",
                                                      "  guidebook:\n    new_languages: [ja]\n", 1)
    config.write_text(text, encoding="utf-8")
    settings = load_settings(config, {})
    loaded = load_file(FIXTURES / "institutions.yaml", settings.languages,
                       settings.guidebook.new_languages)
    assert loaded.ok, [e.format() for e in loaded.errors]
    eye = loaded.dataset.institutions[0]
    assert eye.name["ja"] == eye.name["en"]  # falls back to the default language
    config.write_text(text.replace("new_languages: [ja]", "new_languages: [jp]"), encoding="utf-8")
    with pytest.raises(SettingsError, match="new_languages names jp"):
        load_settings(config, {})
