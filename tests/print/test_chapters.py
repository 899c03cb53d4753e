"""The printed booklet's chapters come from mkdocs.yml's nav (#23 item 10):
a page an editor adds to nav is printed, ``not_in_print`` leaves one out, and
a slip in either is a message at its line, not a traceback."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from guidebook.build import downloads
from guidebook.checks.inputs import check_settings
from guidebook.common.i18n import translations
from guidebook.data.load import load_file
from guidebook.data.settings import load_settings
from guidebook.printing.html import guidebook_html
from guidebook.printing.pdf import PdfJob, render_job
from tests.conftest import FIXTURES, LANGS, ROOT
from tests.print import pdftools

DATA = load_file(FIXTURES / "institutions.yaml", LANGS).dataset


def project(tmp_path: Path, nav_from: str, nav_to: str, print_from: str = "", print_to: str = "") -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content",
                    ignore=shutil.ignore_patterns("institutions", "forms"))
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in ((nav_from, nav_to), (print_from, print_to)):
        if old:
            assert old in text, old
            text = text.replace(old, new, 1)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def title(path: Path) -> str:
    return re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M).group(1)


def test_a_page_added_to_nav_is_printed_and_not_in_print_leaves_one_out(tmp_path: Path) -> None:
    config = project(tmp_path, "  - aftercare.md\n", "  - aftercare.md\n  - Visa: visa-extension.md\n",
                     "not_in_print: [index.md, downloads.md, search.md]",
                     "not_in_print: [index.md, downloads.md, search.md, costs.md]")
    (tmp_path / "content" / "visa-extension.en.md").write_text(
        "# Extending a medical visa\n\nAsk the hospital for a letter; see [Help](help.md).\n",
        encoding="utf-8")
    settings = load_settings(config, {})
    assert check_settings(settings) == []
    assert settings.chapters[-2:] == ("aftercare", "visa-extension") and "costs" not in settings.chapters
    profile = downloads.print_profile(settings)
    assert profile.chapters == settings.chapters
    html = guidebook_html(DATA, "mn", translations("mn"), site_url="https://guide.example.org/",
                          docs_dir=settings.docs_dir, profile=profile, created=dt.date(2026, 3, 9))
    # The link to another chapter is a page reference on paper.
    assert 'href="#ch-help" data-ref="#ch-help"' in html and 'id="ch-visa-extension"' in html
    assert 'id="ch-costs"' not in html and 'id="ch-aftercare"' in html
    target = render_job(PdfJob(html, tmp_path / "g.pdf", profile, booklet=True)).target
    text = pdftools.text(target)
    # Mongolian has no translation yet: the English page is printed, marked.
    assert "Extending a medical visa" in text
    assert title(ROOT / "content" / "aftercare.mn.md") in text


def test_nav_naming_a_missing_page_and_a_stray_not_in_print_are_messages(tmp_path: Path) -> None:
    config = project(tmp_path, "  - aftercare.md\n", "  - aftercare.md\n  - visa-extension.md\n",
                     "not_in_print: [index.md, downloads.md, search.md]",
                     "not_in_print: [index.md, download.md, search.md]")
    errors = check_settings(load_settings(config, {}))
    assert len(errors) == 2, [e.format() for e in errors]
    stray, missing = errors
    lines = config.read_text(encoding="utf-8").splitlines()
    assert "'download.md' is not a page of nav" in stray.en and "'downloads.md'" in stray.fix_en
    assert "not_in_print" in lines[stray.line - 1]
    assert "content/visa-extension.en.md does not exist" in missing.en and missing.ko
    assert lines[missing.line - 1] == "  - visa-extension.md"
