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


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_the_build_cleanly(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    before = tree_digest(site)
    # The real command, with one language's worker held once it starts
    # (_held_worker.py): the signal surely comes inside the languages' build.
    started = tmp_path / "arabic-started"
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("_held_worker.py")),
                                str(started), "build"], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "GUIDEBOOK_PDF": "0"}, start_new_session=True,
                               # As from a terminal: a suite started in the background by a
                               # shell without job control has SIGINT ignored, which the
                               # build would inherit (and rightly keep).
                               preexec_fn=_interruptible)
    deadline = time.monotonic() + 120
    while not started.exists() and process.poll() is None:
        assert time.monotonic() < deadline, "the languages' build never started"
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be interrupted"
    assert list(project.glob(".site-work-*")), "not inside the languages' build"
    os.killpg(process.pid, signal.SIGINT)  # what the terminal sends to the whole group
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # the interrupt was lost: the held worker still waits
        os.killpg(process.pid, signal.SIGKILL)
        raise
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1].startswith("Stopped (Ctrl-C); nothing was changed.")
    assert tree_digest(site) == before
    assert not list(project.glob(".site-*"))  # no staging folder left behind
