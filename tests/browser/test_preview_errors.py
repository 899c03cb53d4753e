"""`mkdocs serve`: a rebuild that fails shows the bilingual problem list in
the browser, and the page comes back by itself when the file is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path: Path):
    yield from serve(tmp_path, "--no-strict")


@pytest.fixture
def served_strict(tmp_path: Path):
    """As editors run it: mkdocs.yml's strict mode, a warning fails the build."""
    yield from serve(tmp_path)


def serve(tmp_path: Path, *options: str):
    project = copy_project(tmp_path / "p")
    port = free_port()
    env = {**os.environ, "GUIDEBOOK_PDF": "0", "GUIDEBOOK_ONLY_LANG": "en",
           "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                                *options], cwd=project, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url + "help/", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail("mkdocs serve did not start:\n" + (tmp_path / "serve.log").read_text())
            time.sleep(0.5)
    try:
        yield project, url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_a_failed_rebuild_shows_the_problems_and_recovers(served, browser) -> None:
    project, url = served
    page = browser.new_page()
    page.goto(url + "help/")
    assert "Emergencies and help lines" in page.title()
    data = project / "data" / "institutions.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("category: clinic", "category: 의원", 1), encoding="utf-8")
    # The open page reloads by itself into the problem list (no click, no hang).
    page.wait_for_selector("text=미리보기를 다시 만들지 못했습니다", timeout=60_000)
    english = page.inner_text("li .en")
    korean = page.inner_text("li .ko")
    assert "institutions.yaml:" in english and "did you mean clinic (의원)?" in english
    assert "고치는 법" in korean and page.get_attribute("li .ko", "lang") == "ko"
    # Another page of the site gets the same list, at once.
    other = browser.new_page()
    other.goto(url + "arrival/", timeout=20_000)
    assert other.locator("text=did you mean clinic (의원)?").count() == 1
    data.write_text(good, encoding="utf-8")
    page.wait_for_function("document.title.includes('Emergencies and help lines')", timeout=60_000)
    assert page.locator("text=미리보기를 다시 만들지 못했습니다").count() == 0


def test_a_strict_warning_is_shown_at_its_file_and_line_and_recovers(served_strict, browser) -> None:
    """A page added to nav before it is written: MkDocs' strict mode stops on
    a warning; the browser gets it at mkdocs.yml's line, in English and
    Korean, and the page comes back once the page exists."""
    project, url = served_strict
    page = browser.new_page()
    page.goto(url + "help/")
    config = project / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("  - aftercare.md\n", "  - aftercare.md\n  - visa.md\n", 1),
                      encoding="utf-8")
    page.wait_for_selector("text=미리보기를 다시 만들지 못했습니다", timeout=60_000)
    line = 1 + good.splitlines().index("  - aftercare.md")
    assert page.inner_text("li .en").startswith(f"mkdocs.yml:{line + 1}:1: nav names 'visa.md'")
    assert "고치는 법" in page.inner_text("li .ko")
    (project / "content" / "visa.en.md").write_text(
        "---\ntranslation_review: source\n---\n\n# Extending a medical visa\n", encoding="utf-8")
    page.wait_for_function("document.title.includes('Emergencies and help lines')", timeout=60_000)
    page.goto(url + "visa/")
    assert "Extending a medical visa" in page.title()
