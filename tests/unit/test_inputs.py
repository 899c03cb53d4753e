"""Every file the build reads: a corpus of the mistakes editors and
translators make, each reported by `guidebook check` (and by the build's
first step) as FILE:LINE:COL with a fix and a Korean line, never a traceback."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from guidebook.build import prepare
from guidebook.cli.commands import main
from guidebook.data.settings import SettingsError, load_settings
from tests.conftest import ROOT, copy_project

LOCATED = re.compile(r"^(\S+):(\d+):(\d+): \S.*: .+")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def own_translations(project: Path) -> Path:
    """copy_project links the repository's catalogs: copy them before an edit."""
    link = project / "translations"
    link.unlink()
    shutil.copytree(ROOT / "translations", link, ignore=shutil.ignore_patterns("*.mo"))
    return link


def title_with_colon(p: Path) -> None:
    edit(p / "content/help.zh.md", "title: 紧急情况与求助电话", "title: 紧急情况: 求助电话")


def missing_offer(p: Path) -> None:
    # A language's own text may be missing (it is printed from English); the
    # default language's may not: nothing would be left to print.
    (p / "content/_print/offer.en.md").unlink()


def unclosed_front_matter(p: Path) -> None:
    text = (p / "content/help.ru.md").read_text(encoding="utf-8")
    (p / "content/help.ru.md").write_text(text.replace("---\n", "", 2).replace(
        "translation_review", "---\ntranslation_review", 1), encoding="utf-8")


def review_typo(p: Path) -> None:
    edit(p / "content/costs.ar.md", "translation_review: unreviewed", "translation_review: reviwed")


def key_typo(p: Path) -> None:
    edit(p / "content/costs.zh.md", "translation_review:", "translation_reveiw:")


def fullwidth_colon(p: Path) -> None:
    edit(p / "content/costs.mn.md", "translation_review:", "translation_review：")


def tab_in_front_matter(p: Path) -> None:
    edit(p / "content/costs.ru.md", "translation_review:", "\ttranslation_review:")


def service_typo(p: Path) -> None:
    edit(p / "content/muslim-friendly.en.md", "services=halal_meals,", "services=halal_meal,")


def service_in_korean(p: Path) -> None:
    edit(p / "content/muslim-friendly.zh.md", "services=halal_meals,", "services=할랄 식사,")


def broken_list(p: Path) -> None:
    edit(p / "content/muslim-friendly.ru.md", "guidebook:institutions services=",
         "guidebook:institution service=")


def wrong_language_suffix(p: Path) -> None:
    shutil.copy(p / "content/help.en.md", p / "content/help.jp.md")


def shadowing_page(p: Path) -> None:
    shutil.copy(p / "content/help.en.md", p / "content/institutions.en.md")


def not_utf8_page(p: Path) -> None:
    (p / "content/arrival.mn.md").write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))


def catalog_placeholder(p: Path) -> None:
    po = own_translations(p) / "ru/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    new = re.sub(r'(msgid "Information last verified on %\(date\)s\."\nmsgstr ".*?)%\(date\)s',
                 r"\1%(data)s", text, count=1)
    assert new != text
    po.write_text(new, encoding="utf-8")


def catalog_missing(p: Path) -> None:
    shutil.rmtree(own_translations(p) / "mn")


def settings_typo(p: Path) -> None:
    edit(p / "mkdocs.yml", "      bleed_mm: 3", "      bleed_mn: 3")


def settings_tab(p: Path) -> None:
    edit(p / "mkdocs.yml", "      bleed_mm: 3", "\tbleed_mm: 3")


def settings_fullwidth_colon(p: Path) -> None:
    edit(p / "mkdocs.yml", "      crop_marks: false", "      crop_marks： false")


def institution_id_index(p: Path) -> None:
    edit(p / "data/institutions.yaml", "- id: test-clinic", "- id: index")


def form_id_read(p: Path) -> None:
    path = p / "data/forms/history.yaml"
    edit(path, "\nid: history", "\nid: read")
    path.rename(path.with_name("read.yaml"))


def curly_telegram(p: Path) -> None:
    edit(p / "data/institutions.yaml", 'telegram: "@testeye"', "telegram: “@testeye”")


def site_url_with_a_quote(p: Path) -> None:
    edit(p / "mkdocs.yml", "site_url: https://guide.example.org/",
         "site_url: 'https://guide.example.org/\"><script>alert(1)</script>'")


def script_file_in_content(p: Path) -> None:
    (p / "content" / "assets").mkdir(exist_ok=True)
    (p / "content" / "assets" / "extra.js").write_text("alert(1)\n", encoding="utf-8")


def quote_in_a_translation(p: Path) -> None:
    edit(own_translations(p) / "mn/LC_MESSAGES/messages.po", 'msgid "Search this guide"\nmsgstr "',
         'msgid "Search this guide"\nmsgstr "\\" autofocus onfocus=\\"alert(1)')


def cover_outside(p: Path) -> None:
    edit(p / "mkdocs.yml", "    print:\n", "    print:\n      cover_image: /usr/share/pixmaps/debian-logo.png\n")


def page_link_to_secrets(p: Path) -> None:
    (p.parent / "secret.md").write_text("---\ntitle: x\n---\nsecret\n", encoding="utf-8")
    (p / "content" / "secret.en.md").symlink_to(p.parent / "secret.md")


CORPUS: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "site_url with a quote": (site_url_with_a_quote, "mkdocs.yml:6:", "is not an absolute http(s) address"),
    "script file in content": (script_file_in_content, "content/assets/extra.js:1:", "'.js' file"),
    "quote in a translation": (quote_in_a_translation, "translations/mn/LC_MESSAGES/messages.po:",
                               "straight double quote"),
    "cover picture outside the project": (cover_outside, "mkdocs.yml:", "outside the project"),
    "page linked from outside": (page_link_to_secrets, "content/secret.en.md:1:", "outside the content"),
    # case: (mistake, file named, words of the message)
    "title with a colon": (title_with_colon, "content/help.zh.md:3:", "colon ':' followed by a space"),
    "print text missing": (missing_offer, "content/_print/offer.en.md:1:", "print text"),
    "front matter not closed": (unclosed_front_matter, "content/help.ru.md:1:", "never closed"),
    "review value typo": (review_typo, "content/costs.ar.md:2:", "did you mean 'reviewed'?"),
    "front matter key typo": (key_typo, "content/costs.zh.md:2:", "did you mean 'translation_review'?"),
    "full-width colon": (fullwidth_colon, "content/costs.mn.md:2:", "full-width colon '：' (U+FF1A)"),
    "tab": (tab_in_front_matter, "content/costs.ru.md:2:1", "a tab (U+0009)"),
    "service typo": (service_typo, "content/muslim-friendly.en.md:23:", "did you mean 'halal_meals'?"),
    "service in Korean": (service_in_korean, "content/muslim-friendly.zh.md:22:",
                          "did you mean halal_meals (할랄 식사)?"),
    "broken list": (broken_list, "content/muslim-friendly.ru.md:23:", "is not a guidebook list"),
    "language suffix": (wrong_language_suffix, "content/help.jp.md:1:", "does not end in a language"),
    "page shadows the directory": (shadowing_page, "content/institutions.en.md:1:", "would replace"),
    "page not UTF-8": (not_utf8_page, "content/arrival.mn.md:2:", "not UTF-8"),
    "catalog placeholder": (catalog_placeholder, "translations/ru/LC_MESSAGES/messages.po:",
                            "names 'data'"),
    "catalog missing": (catalog_missing, "translations/mn/LC_MESSAGES/messages.po:1:",
                        "catalog is missing"),
    "settings typo": (settings_typo, "mkdocs.yml:", "did you mean 'bleed_mm'?"),
    "settings tab": (settings_tab, "mkdocs.yml:", "a tab (U+0009)"),
    "settings full-width colon": (settings_fullwidth_colon, "mkdocs.yml:", "(U+FF1A)"),
    "institution id index": (institution_id_index, "data/institutions.yaml:", "the id 'index' is taken"),
    "form id read": (form_id_read, "data/forms/read.yaml:9:", "the id 'read' is taken"),
    "curly quotes": (curly_telegram, "data/institutions.yaml:", "a curly quote '“' (U+201C)"),
}


@pytest.mark.parametrize("case", list(CORPUS))
def test_every_mistake_is_a_located_bilingual_message(case: str, tmp_path: Path, monkeypatch,
                                                      capsys) -> None:
    mistake, where, words = CORPUS[case]
    project = copy_project(tmp_path / "p")
    monkeypatch.chdir(project)
    mistake(project)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    messages = [line for line in err.splitlines() if line.strip() and not line.startswith("  ")
                and not re.match(r"\d+ problems? in |\d+ problem\(s\) in ", line)]
    assert messages, err
    for line in messages:
        assert LOCATED.match(line), line
        assert " Fix: " in line or "Fix" in line, line
    korean = [line for line in err.splitlines() if line.startswith("  ")]
    assert len(korean) == len(messages) and all(re.search(r"[가-힣]", k) for k in korean)
    assert any(line.startswith(where) and words in line for line in messages), err

    # The build's first step (mkdocs build, mkdocs serve, guidebook build and
    # guidebook coverage all go through it) reports the same, as a value.
    try:
        settings = load_settings(project / "mkdocs.yml", {"GUIDEBOOK_PDF": "1"})
    except SettingsError as exc:
        assert where.split(":")[0] in str(exc) and words in str(exc)
        return
    with pytest.raises(prepare.DataError) as caught:
        prepare.prepare(settings)
    assert words in str(caught.value)
    assert main(["coverage"]) == 1
    assert "Traceback" not in capsys.readouterr().err
