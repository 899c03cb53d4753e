"""Release mode, notices on pages, ended partners, and reproducible builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.website.test_site import tree_digest

EPOCH = "1775001600"  # 2026-04-01: the fixture records are fresh then
RELEASE_URL = "https://medical-guide.ydp.go.kr/"  # a release refuses the placeholder guide.example.org


def build(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guidebook.cli", "build", "-f",
                           str(project / "mkdocs.yml"), *args],
                          capture_output=True, text=True, cwd=project,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **env})


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def mark_all_reviewed(content: Path) -> None:
    for page in content.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("translation_review: unreviewed",
                                     "translation_review: reviewed"), encoding="utf-8")


@pytest.fixture(scope="module")
def release_ready(tmp_path_factory) -> Path:
    """A project a release build accepts: real data, reviewed pages, fresh dates."""
    project = copy_project(tmp_path_factory.mktemp("release"))
    edit(project / "data" / "institutions.yaml", "sample: true", "sample: false")
    # the fixture's hospital and clinic carry their registrations (trust:), as a release asks
    edit(project / "mkdocs.yml", "site_url: https://guide.example.org/", f"site_url: {RELEASE_URL}")
    mark_all_reviewed(project / "content")
    for form in (project / "data" / "forms").glob("*.yaml"):  # the medical forms' wording too
        form.write_text(form.read_text(encoding="utf-8").replace(": unreviewed", ": reviewed"),
                        encoding="utf-8")
    return project


def test_release_build_refuses_sample_stale_and_unreviewed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    done = build(project, "--release", SOURCE_DATE_EPOCH="1801440000")  # 2027-02-01
    assert done.returncode == 1
    assert "Release refused" in done.stderr and "배포할 수 없습니다" in done.stderr
    assert re.search(r"data/institutions\.yaml:\d+:\d+: sample: the file holds sample data", done.stderr)
    assert re.search(r"data/institutions\.yaml:\d+:\d+: institutions\[1\]\.last_verified: 'test-clinic' "
                     r"was last verified on 2026-01-15, more than 12 months ago", done.stderr)
    assert re.search(r"content/help\.zh\.md:\d+:1: translation_review: the translation is not reviewed",
                     done.stderr)
    assert re.search(r"mkdocs\.yml:\d+:1: site_url: site_url is the placeholder", done.stderr)
    assert "Traceback" not in done.stderr
    assert not (project / "site").exists()


def test_release_build_accepts_a_clean_project(release_ready: Path) -> None:
    done = build(release_ready, "--release")
    assert done.returncode == 0, done.stderr
    assert "[preview]" not in done.stderr
    html = (release_ready / "site" / "institutions" / "test-eye-hospital" / "index.html").read_text()
    assert "gb-sample-notice" not in html


def test_a_record_named_in_korean_and_english_previews_and_a_release_waits(
        release_ready: Path, tmp_path: Path) -> None:
    """#23 item 7: an editor adds an institution with its Korean and English
    names only; every site shows the English name marked as not yet
    translated, and a release lists every missing language, for the translators."""
    project = tmp_path / "p"
    shutil.copytree(release_ready, project, symlinks=True, ignore=shutil.ignore_patterns("site"))
    edit(project / "data" / "institutions.yaml",
         "name: {ko: 테스트안과병원, en: Test Eye Hospital, zh: 测试眼科医院, mn: Тест нүдний эмнэлэг, "
         "ru: Тестовая глазная больница, ar: مستشفى الاختبار للعيون}",
         "name: {ko: 테스트안과병원, en: Test Eye Hospital}")
    preview = build(project)
    assert preview.returncode == 0, preview.stderr[-3000:]
    assert "4 names" not in preview.stderr and "has no name in zh, mn, ru, ar" in preview.stderr
    for lang, attrs in (("zh", 'lang="en"'), ("mn", 'lang="en"'), ("ar", 'lang="en" dir="ltr"')):
        page = (project / "site" / lang / "institutions" / "test-eye-hospital" / "index.html").read_text()
        assert f"<span {attrs}>Test Eye Hospital</span></h1>" in page, lang
        assert re.search(r'</h1>\s*<p class="gb-untranslated">', page), lang
    english = (project / "site" / "institutions" / "test-eye-hospital" / "index.html").read_text()
    assert "gb-untranslated" not in english
    release = build(project, "--release")
    assert release.returncode == 1
    assert "== For the translators: 1 / 번역자가 할 것: 1개 ==" in release.stderr
    assert "For the editor" not in release.stderr  # nothing else is missing
    assert re.search(r"data/institutions\.yaml:\d+:\d+: institutions\[0\]\.name: 'test-eye-hospital' "
                     r"has no name in zh, mn, ru, ar", release.stderr)
    assert "Traceback" not in release.stderr


def test_preview_build_warns_and_shows_notices(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    done = build(project, SOURCE_DATE_EPOCH="1830297600", GUIDEBOOK_PDF="0")  # 2028-01-01
    assert done.returncode == 0, done.stderr
    assert re.search(r"\[preview\] data/institutions\.yaml:\d+:\d+: institutions\[0\]\.partner\.to: the partner "
                     r"term of 'test-eye-hospital' ended on 2027-12-31", done.stderr)
    site = project / "site"
    assert not (site / "institutions" / "test-eye-hospital").exists()  # left out
    clinic = (site / "ru" / "institutions" / "test-clinic" / "index.html").read_text()
    assert "Эти сведения проверялись более 12 месяцев назад" in clinic
    help_zh = (site / "zh" / "help" / "index.html").read_text()
    assert "本译文尚未经过审校。" in help_zh


def test_missing_translation_falls_back_to_marked_english(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / "content" / "help.mn.md").unlink()
    done = build(project, GUIDEBOOK_PDF="0")
    assert done.returncode == 0, done.stderr
    html = (project / "site" / "mn" / "help" / "index.html").read_text()
    assert '<html lang="mn"' in html
    assert "Энэ хуудсыг одоогоор орчуулаагүй байна." in html
    assert re.search(r'<h1 (?=[^>]*lang="en")(?=[^>]*dir="ltr")[^>]*>Emergencies and help lines', html)
    body = html[re.search(r'<div (?=[^>]*lang="en")(?=[^>]*dir="ltr")[^>]*>', html).start():]
    assert 'data-line-id="help-line"' in body[:3000] and 'href="tel:1330"' in body[:3000]


def test_two_builds_of_the_same_inputs_are_byte_identical(release_ready: Path, tmp_path: Path) -> None:
    first = build(release_ready, "-d", str(tmp_path / "one"))
    second = build(release_ready, "-d", str(tmp_path / "two"))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")
    assert len(list((tmp_path / "one").rglob("*.pdf"))) == 15  # leaflet, guidebook, forms x 5


def test_a_site_folder_whose_parent_is_missing_or_unwritable(release_ready: Path, tmp_path: Path) -> None:
    """-d names a folder whose parents do not exist yet: they are made; one
    under a file cannot be: a message, not a traceback."""
    target = tmp_path / "new" / "deeper" / "site"
    done = build(release_ready, "-d", str(target), GUIDEBOOK_PDF="0")
    assert done.returncode == 0, done.stderr[-2000:]
    assert (target / "index.html").is_file()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    refused = build(release_ready, "-d", str(tmp_path / "a-file" / "site"), GUIDEBOOK_PDF="0")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Cannot write the site into" in refused.stderr and "-d로 지정하세요" in refused.stderr
