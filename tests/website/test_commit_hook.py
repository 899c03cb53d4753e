"""``./dev.sh hooks``: git runs ``guidebook check`` before a commit that changes
the guide's inputs and stops it on errors (#23 item 11), with nothing to
install (a stock Debian's pip refuses ``pip install pre-commit``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, copy_project


def git(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GUIDEBOOK_PDF": "0"}
    return subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True,
                          timeout=300)


def test_a_commit_with_a_broken_record_is_stopped_with_the_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    shutil.copy2(ROOT / "dev.sh", project / "dev.sh")
    # The hook runs the project's .venv/bin/guidebook: this test's Python and core.
    venv_bin = project / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "guidebook").write_text(
        f"#!/bin/sh\nPYTHONPATH={ROOT / 'src'} exec {sys.executable} -m guidebook.cli \"$@\"\n",
        encoding="utf-8")
    (venv_bin / "guidebook").chmod(0o755)
    (project / ".gitignore").write_text(".venv/\nsite/\n.cache/\n", encoding="utf-8")
    assert git(project, "init", "-q").returncode == 0
    done = subprocess.run(["./dev.sh", "hooks"], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0 and "guidebook check" in done.stdout, done.stderr
    assert git(project, "add", "-A").returncode == 0
    first = git(project, "commit", "-qm", "The guide as it is")
    assert first.returncode == 0, first.stdout + first.stderr

    data = project / "data" / "institutions.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("category: clinic", "category: 의원", 1),
                    encoding="utf-8")
    stopped = git(project, "commit", "-qam", "A typo")
    assert stopped.returncode == 1
    assert "data/institutions.yaml:" in stopped.stderr and "did you mean clinic (의원)?" in stopped.stderr
    assert "커밋을 멈췄습니다" in stopped.stderr and "Traceback" not in stopped.stderr
    assert git(project, "log", "--oneline").stdout.count("\n") == 1  # nothing was committed

    git(project, "checkout", "--", "data/institutions.yaml")
    (project / "NOTES.txt").write_text("not an input of the guide\n", encoding="utf-8")
    git(project, "add", "NOTES.txt")
    other = git(project, "commit", "-qm", "Notes")  # no input changed: no check
    assert other.returncode == 0 and "guidebook" not in other.stdout + other.stderr
