"""Shared fixtures: the repository layout and one fixture site built once per run."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from guidebook.common.i18n import use_catalogs
from guidebook.data.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
# The repository's settings, without the environment of the test run: the
# site languages (mkdocs.yml is the one place that lists them).
SETTINGS = load_settings(ROOT / "mkdocs.yml", {})
use_catalogs(SETTINGS.translations_dir)  # as the hooks and the CLI do once they have the settings
LANGS = SETTINGS.languages
CHAPTERS = SETTINGS.chapters  # the printed booklet's chapters: nav less not_in_print
FIXTURES = Path(__file__).parent / "fixtures"
OUTPUT = Path(__file__).parent / "output"  # screenshots and other artefacts to look at


def pytest_configure(config: pytest.Config) -> None:
    """Every build of the run, in-process or in a subprocess, shares one cache of
    rendered PDFs and compressed copies (keyed by their inputs' hash, so a
    project with other data renders its own) and makes no review PNGs: the
    tests that need an empty cache or the PNGs say so themselves
    (``test_prepress``'s own cache folder; ``sample_site``; ``test_pdf_reproducible``
    renders without any cache)."""
    if "GUIDEBOOK_CACHE_DIR" not in os.environ:
        os.environ["GUIDEBOOK_CACHE_DIR"] = tempfile.mkdtemp(prefix="guidebook-test-cache-")
        config.add_cleanup(lambda: shutil.rmtree(os.environ.pop("GUIDEBOOK_CACHE_DIR"), ignore_errors=True))
    os.environ.setdefault("GUIDEBOOK_REVIEW_PNGS", "0")


@contextlib.contextmanager
def environment(changes: Mapping[str, str]) -> Iterator[None]:
    """``os.environ`` with ``changes`` for the duration of the block."""
    before = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def copy_project(dest: Path, data: Path = FIXTURES / "institutions.yaml") -> Path:
    """A copy of the site sources in ``dest`` with ``data`` as the data file."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "overrides", "hooks"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name,
                            ignore=shutil.ignore_patterns("institutions", "forms", "__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    for name in ("translations", "src"):  # watched by `mkdocs serve`: must exist
        (dest / name).symlink_to(ROOT / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # the QR library (npm ci)
    (dest / "data").mkdir()
    shutil.copy2(data, dest / "data" / "institutions.yaml")
    shutil.copytree(ROOT / "data" / "forms", dest / "data" / "forms")
    shutil.copy2(ROOT / "data" / "search-words.yaml", dest / "data" / "search-words.yaml")
    return dest


def build_project(project: Path, site_dir: Path | None = None,
                  env: Mapping[str, str] | None = None) -> Path:
    """Build ``project`` in-process, as ``mkdocs build --strict`` would, with
    ``env`` added to the environment meanwhile."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = site_dir or project / "site"
    with environment(env or {}):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        build(config)
    return site_dir


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data built into five sites; returns the site folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    return build_project(project)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample data built as the README's build command does
    (review PNGs included: ``test_first_pages_rendered_for_review`` reads them)."""
    project = copy_project(tmp_path_factory.mktemp("sample"), ROOT / "data" / "institutions.yaml")
    return build_project(project, env={"GUIDEBOOK_REVIEW_PNGS": "1"})
