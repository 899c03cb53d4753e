"""The live preview's failure handling (guidebook.adapter.preview) without a
browser: where MkDocs' warnings point, and a page asked for during a rebuild."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from guidebook.adapter import preview


def test_nav_and_link_warnings_point_at_the_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nnav:\n  - index.md\n  - visa.md\n", encoding="utf-8")
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "help.zh.md").write_text("# 帮助\n\n见 [签证](visa.md)。\n", encoding="utf-8")
    nav = preview.located("A reference to 'visa.md' is included in the 'nav' configuration, which "
                          "is not found in the documentation files.", docs, config)
    assert nav.startswith("mkdocs.yml:4:1: nav names 'visa.md'") and "\n  mkdocs.yml:4:1: nav에" in nav
    link = preview.located("Doc file 'help.zh.md' contains a link 'visa.md', but the target is not "
                           "found among documentation files.", docs, config)
    assert link.startswith("content/help.zh.md:3:1: the link 'visa.md' leads to no page")
    assert "고치는 법" in link
    assert preview.located("something else", docs, config) == "something else"
    page = preview.error_page("Aborted with 1 warnings in strict mode!\n" + link)
    assert '<p class="en" lang="en">content/help.zh.md:3:1: the link' in page


class Server:
    """The parts of MkDocs' LiveReloadServer that preview.guard uses."""

    def __init__(self, builder, app) -> None:  # noqa: ANN001
        self.builder, self._app = builder, app

    def get_app(self):  # noqa: ANN201
        return self._app

    def set_app(self, app) -> None:  # noqa: ANN001
        self._app = app


def test_a_page_asked_for_during_a_rebuild_that_fails_gets_the_problems(tmp_path: Path) -> None:
    built = threading.Event()

    def failing_build() -> None:
        logging.getLogger("mkdocs.structure.nav").warning(
            "A reference to 'visa.md' is included in the 'nav' configuration, which is not found "
            "in the documentation files.")
        raise SystemExit("Aborted with 1 warnings in strict mode!")

    def app(environ, start_response):  # noqa: ANN001, ANN202 - MkDocs waits for the build, then serves the old page
        built.wait(10)
        start_response("200 OK", [("Content-Type", "text/html")])
        return [b"<html>the last good page</html>"]

    (tmp_path / "mkdocs.yml").write_text("nav:\n  - visa.md\n", encoding="utf-8")
    server = preview.guard(Server(failing_build, app), tmp_path / "content", tmp_path / "mkdocs.yml")
    statuses: list[str] = []
    answer: list[bytes] = []

    def ask() -> None:
        answer.extend(server.get_app()({"PATH_INFO": "/help/"},
                                       lambda status, headers: statuses.append(status)))

    reader = threading.Thread(target=ask)
    reader.start()  # waits in the app, as during a rebuild
    server.builder()  # the rebuild fails
    built.set()
    reader.join(10)
    assert statuses == ["500 Internal Server Error"]
    text = b"".join(answer).decode("utf-8")
    assert "mkdocs.yml:2:1: nav names &#39;visa.md&#39;" in text and "gb-failure" in text
    # The next successful build clears it: the page is served again.
    server.builder = preview.guarded(lambda: None)
    server.builder()
    statuses.clear()
    body = server.get_app()({"PATH_INFO": "/help/"}, lambda status, headers: statuses.append(status))
    assert statuses == ["200 OK"] and b"the last good page" in b"".join(body)


def test_a_request_answered_with_an_error_during_a_build_does_not_fail_it() -> None:
    """MkDocs' server logs a non-200 answer as a warning, and strict mode
    counts the warnings logged while a build runs: the error page's own 500
    (or a favicon's 404) asked for during the fix's rebuild failed it."""
    from mkdocs.utils import CountHandler

    preview.guard(Server(lambda: None, lambda environ, start_response: []))
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(counter)
    try:
        logging.getLogger("mkdocs.livereload").warning('[02:47:02] "GET /help/ HTTP/1.1" code 500')
        logging.getLogger("mkdocs.livereload").warning('"GET /favicon.ico HTTP/1.1" code 404')
        assert counter.get_counts() == []
        logging.getLogger("mkdocs.structure.nav").warning("A reference to 'x.md' is included")
        assert counter.get_counts() == [("WARNING", 1)]  # a build's own warning still counts
    finally:
        mkdocs_log.removeHandler(counter)
