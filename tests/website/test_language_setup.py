"""guidebook add-language / remove-language on a copy of the project."""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, copy_project


def guidebook(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "GUIDEBOOK_PDF": "0",
           "GUIDEBOOK_PRECOMPRESS": "0"}
    return subprocess.run([sys.executable, "-m", "guidebook.cli", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=900)


def sources(project: Path) -> dict[str, str]:
    """Digest of every source file the commands may touch."""
    files = [project / "mkdocs.yml", *sorted((project / "translations").rglob("*"))]
    return {str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files if p.is_file() and p.suffix != ".mo"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("languages"))
    (project / "translations").unlink()  # a copy: the commands write into it
    shutil.copytree(ROOT / "translations", project / "translations",
                    ignore=shutil.ignore_patterns("*.mo"))
    return project


def test_add_build_and_remove_languages(project: Path) -> None:
    before = sources(project)
    for code in ("ja", "fa"):
        done = guidebook(project, "add-language", code)
        assert done.returncode == 0, done.stderr
        assert "WARNING" not in done.stdout + done.stderr  # Babel's plural-slot complaints
    catalogs = project / "translations"
    # Plural forms from CLDR: one form in Japanese, two in Persian (0 and 1 are "one").
    assert '"Plural-Forms: nplurals=1; plural=(0);\\n"' in (
        catalogs / "ja" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert "nplurals=2;" in (catalogs / "fa" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "        - locale: ja\n" in config and "new_languages: [ja, fa]" in config
    assert (project / "translations" / "ja" / "LC_MESSAGES" / "messages.po").exists()

    again = guidebook(project, "add-language", "ja")
    assert again.returncode == 1 and "already" in again.stderr and "Traceback" not in again.stderr

    built = guidebook(project, "build")
    assert built.returncode == 0, built.stderr[-3000:]
    site = project / "site"
    ja = (site / "ja" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in ja
    assert len(re.findall(r'class="md-select__link"', ja)) == 7  # five languages + ja + fa
    assert 'class="gb-notice"' in (site / "ja" / "help" / "index.html").read_text(encoding="utf-8")
    assert '<body dir="rtl"' in (site / "fa" / "index.html").read_text(encoding="utf-8")
    # Names have no Japanese or Persian yet: the English name, tagged as English
    # (isolated left-to-right on the Persian page), with the notice on its page.
    first = yaml.safe_load((project / "data" / "institutions.yaml").read_text(
        encoding="utf-8"))["institutions"][0]
    name = html.escape(first["name"]["en"], quote=False)
    page = (site / "ja" / "institutions" / first["id"] / "index.html").read_text(encoding="utf-8")
    assert f'<span lang="en">{name}</span></h1>' in page
    assert re.search(r'</h1>\s*<p class="gb-untranslated">', page)
    persian = (site / "fa" / "institutions" / "index.html").read_text(encoding="utf-8")
    assert f'<span class="gb-name"><span lang="en" dir="ltr">{name}</span></span>' in persian

    coverage = guidebook(project, "coverage", "--json")
    assert coverage.returncode == 0 and '"ja"' in coverage.stdout and '"fa"' in coverage.stdout
    release = guidebook(project, "build", "--release")
    assert release.returncode == 1 and "new_languages" in release.stderr

    for code in ("fa", "ja"):
        done = guidebook(project, "remove-language", code)
        assert done.returncode == 0, done.stderr
    assert sources(project) == before
