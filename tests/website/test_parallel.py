"""``guidebook build`` builds the languages in parallel processes
(guidebook/parallel.py): the result must be the sequential build's, byte for
byte, and a failure in one worker must fail the whole build cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_project
from tests.website.test_site import tree_digest

EPOCH = "1775001600"  # 2026-04-01


def build(project: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guidebook.cli", "build", "-v",
                           "-f", str(project / "mkdocs.yml"), "-d", str(site), *args],
                          capture_output=True, text=True, cwd=project,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})


def test_parallel_build_is_the_sequential_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    sequential = build(project, tmp_path / "one", "--jobs", "1")
    parallel = build(project, tmp_path / "three", "--jobs", "3")
    assert sequential.returncode == 0, sequential.stderr
    assert parallel.returncode == 0, parallel.stderr
    assert "Built 5 languages on 3 processes" in parallel.stderr
    assert "processes" not in sequential.stderr  # the i18n plugin's own loop
    # Every language, its PDFs, sitemap and search index: the whole tree.
    for part in ("ar/institutions/test-clinic/index.html", "mn/404.html", "sitemap.xml",
                 "pagefind/pagefind-entry.json", "ar/downloads/guidebook-ar.pdf",
                 # precompressed copies, written before the swap: two builds
                 # (two processes) must give the same bytes, as for every file
                 "ar/institutions/test-clinic/index.html.gz", "zh/index.html.br",
                 "pagefind/pagefind.js.gz", "_headers", "_server/nginx-site.conf"):
        assert (tmp_path / "three" / part).is_file(), part
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "three")
    # The sitemap holds every language's pages, not only the last worker's.
    sitemap = (tmp_path / "three" / "sitemap.xml").read_text(encoding="utf-8")
    for lang in ("", "zh/", "mn/", "ru/", "ar/"):
        assert f"<loc>https://guide.example.org/{lang}institutions/test-clinic/</loc>" in sitemap
    assert not list(tmp_path.glob(".site-*")), "work folders left behind"


def test_a_failing_language_fails_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site, "--jobs", "2").returncode == 0
    before = tree_digest(site)
    page = project / "content" / "muslim-friendly.ar.md"
    # A link to a page that does not exist: MkDocs' strict mode fails the
    # Arabic build in its worker (guidebook check does not read links).
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](no-such-page.md)\n", encoding="utf-8")
    failed = build(project, site, "--jobs", "2")
    assert failed.returncode == 1
    assert "no-such-page.md" in failed.stderr
    assert "Build failed" in failed.stderr and "Traceback" not in failed.stderr
    assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site-*")), "work folders left behind"


def test_a_worker_that_dies_fails_the_build_instead_of_hanging(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (tmp_path / "site").mkdir()
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("_dying_worker.py")),
                           str(project / "mkdocs.yml"), str(tmp_path / "site")],
                          capture_output=True, text=True, cwd=project, timeout=300,
                          env={**os.environ, "GUIDEBOOK_PDF": "0", "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 3, done.stderr
    assert "ended without a result" in done.stderr and "--jobs 1" in done.stderr
    assert not list(tmp_path.glob(".site-work-*")), "work folder left behind"
