"""Ctrl-C during `guidebook build`: one line, exit 130, site/ as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import copy_project
from tests.website.test_site import tree_digest


def test_ctrl_c_stops_the_build_cleanly(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    before = tree_digest(site)
    process = subprocess.Popen([sys.executable, "-m", "guidebook.cli", "build"], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "GUIDEBOOK_PDF": "0"}, start_new_session=True)
    # Inside the languages' build: its work folder exists while the workers run
    # (a fixed wait was too long on a quiet machine: the build had finished).
    deadline = time.monotonic() + 120
    while not list(project.glob(".site-work-*")) and process.poll() is None:
        assert time.monotonic() < deadline, "the languages' build never started"
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # what the terminal sends to the whole group
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1].startswith("Stopped (Ctrl-C); nothing was changed.")
    assert tree_digest(site) == before
    assert not list(project.glob(".site-*"))  # no staging folder left behind
