"""Fixtures of the serving tests: built sites behind Debian's nginx running
deploy/nginx.conf, at the site root and under a sub-path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import build_project, copy_project
from tests.serving.nginx import Nginx

SUB_PATH = "/medical-guide/"
SUB_PATH_URL = f"https://www.example.go.kr{SUB_PATH}"
# Files the guide will have (other issues add them), served from a copy of
# the site to check their headers now: a web manifest and a service worker.
PROBES = {"app.webmanifest": '{"name": "Guide", "start_url": "./"}\n',
          "zh/sw.js": "self.addEventListener('fetch', function () {});\n"}


@pytest.fixture(scope="module")
def nginx_root(fixture_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture site (tests may add files to it)."""
    root = tmp_path_factory.mktemp("served") / "site"
    shutil.copytree(fixture_site, root, symlinks=True)
    for name, text in PROBES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def nginx(nginx_root: Path, tmp_path_factory: pytest.TempPathFactory):
    server = Nginx(tmp_path_factory.mktemp("nginx"), nginx_root, nginx_root)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data built for site_url https://www.example.go.kr/medical-guide/,
    placed at <root>/medical-guide/ as a server would hold it; returns the site."""
    project = copy_project(tmp_path_factory.mktemp("subpath-project"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("site_url: https://guide.example.org/") == 1
    config.write_text(text.replace("site_url: https://guide.example.org/",
                                   f"site_url: {SUB_PATH_URL}"), encoding="utf-8")
    root = tmp_path_factory.mktemp("subpath-root")
    return build_project(project, root / SUB_PATH.strip("/"))


@pytest.fixture(scope="module")
def sub_path_nginx(sub_path_site: Path, tmp_path_factory: pytest.TempPathFactory):
    server = Nginx(tmp_path_factory.mktemp("nginx-sub"), sub_path_site.parent, sub_path_site)
    yield server
    server.stop()


# Debian's Chromium through Playwright, launched as the browser tests do.
from tests.browser.conftest import browser  # noqa: E402,F401
