"""`guidebook check --release`: the release verdict without building, each
refusal with its file, line and fix; the site_url and anchors a release needs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidebook.checks import quality
from guidebook.cli.commands import main
from tests.conftest import copy_project

LOCATED = re.compile(r"^(\S+):(\d+):(\d+): \S+: .+")


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    project = copy_project(tmp_path / "p")
    monkeypatch.chdir(project)
    return project


def test_check_release_lists_every_refusal_with_file_line_and_fix(project: Path, capsys) -> None:
    assert main(["check", "--release"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    english = [line for line in err.splitlines() if LOCATED.match(line)]
    korean = [line for line in err.splitlines() if line.startswith("  ") and LOCATED.match(line[2:])]
    assert english and len(english) == len(korean)
    assert all(" Fix: " in line for line in english) and all("고치는 법" in line for line in korean)
    text = "\n".join(english)
    assert re.search(r"^mkdocs\.yml:\d+:1: site_url: site_url is the placeholder", text, re.M)
    assert re.search(r"^data/institutions\.yaml:\d+:\d+: sample:", text, re.M)
    assert re.search(r"^content/help\.zh\.md:\d+:1: translation_review:", text, re.M)
    assert re.search(r"^data/forms/history\.yaml:\d+:1: review\.zh:", text, re.M)
    for line in english:  # the line named is the line to change
        file, number = LOCATED.match(line).group(1, 2)
        assert (project / file).exists() and int(number) <= len((project / file).read_text().splitlines())
    assert "Release refused" in err
    # Grouped by who acts, each group counted; never a generated file to edit.
    heads = re.findall(r"^== (For the \w+)[^:]*: (\d+) / ", err, re.M)
    assert [h for h, _ in heads] == ["For the editor", "For the reviewers"]
    assert sum(int(n) for _, n in heads) == len(english)
    assert not [line for line in english if re.match(r"content/(institutions|forms)/", line)]


def test_plain_check_passes_but_says_what_a_release_would_refuse(project: Path, capsys) -> None:
    data = project / "data" / "institutions.yaml"
    data.write_text(data.read_text().replace("last_verified: 2026-01-15", "last_verified: 2020-01-15"))
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "a release would refuse" in out
    assert re.search(r"institutions\[1\]\.last_verified: 'test-clinic' was last verified on 2020-01-15", out)


@pytest.mark.parametrize("url, refused", [
    (None, True), ("https://guide.example.org/", True), ("http://localhost:8000/", True),
    ("https://site.example/", True), ("https://www.ydp.go.kr/medical-guide/", False)])
def test_a_release_needs_the_real_site_url(tmp_path: Path, url: str | None, refused: bool) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n# address\nsite_url: " + (url or "") + "\n")
    problems = quality.site_url_problems(url, config)
    assert bool(problems) == refused
    if refused:
        assert problems[0].line == 3 and problems[0].fix_ko


def test_links_to_missing_anchors_are_found(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="#here">ok</a> <a href="#gone">no</a> '
        '<a href="../b/#contacts">ok</a> <a href="../b/#contact">no</a> <a href="#__skip">theme</a>',
        encoding="utf-8")
    (tmp_path / "b" / "index.html").write_text('<h2 id="contacts">b</h2>', encoding="utf-8")
    problems = quality.broken_links(tmp_path)
    assert [p.en for p in problems] == ["link to a missing anchor '#gone'",
                                        "link to a missing anchor '../b/#contact'"]
