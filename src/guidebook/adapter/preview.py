"""The live preview (``mkdocs serve``) shows a failed rebuild in the browser.

When a rebuild fails, MkDocs' live-reload server keeps the last built site
but never marks the new version as built, so every page request waits for
it: the browser spins with no page, and the explanation is only in the
terminal. The route chosen here uses the server's public parts only:

- ``guard(server)`` (called from the hooks' ``on_serve``) wraps the server's
  ``builder``: a failed build is recorded here and does not propagate, so the
  server counts the rebuild as done and nothing waits;
- a build that strict mode stops on a warning is reported with those
  warnings, the ones an editor causes (a nav entry or a link to a page that
  does not exist) at their file and line in English and Korean;
- MkDocs' server logs a request it answers with an error as a warning, which
  strict mode counted against the build running meanwhile: those lines are
  turned into INFO, so a browser's request never fails a rebuild;
- it wraps the WSGI application (``get_app``/``set_app``): while the last
  build failed, a request for a page gets the bilingual problem list instead,
  and so does a request that waited for a rebuild that then failed (assets
  and the live-reload endpoint are served as usual);
- the error page asks for itself again every second and reloads when the
  answer is no longer the same problem list, so fixing the file brings the
  page back by itself, whenever the browser asked for what.

The state lives in this module, not in the hook file: MkDocs loads the hook
file again for every rebuild's configuration, the core only once.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from markupsafe import escape

log = logging.getLogger("mkdocs.hooks.guidebook")

_lock = threading.Lock()
_failure: str | None = None  # the report of the last failed build, or None
_reported: str | None = None  # set by the hooks with the bilingual report of a refused build


def report_failure(text: str) -> None:
    """The hooks say why the build is refused (the bilingual problem list)."""
    global _reported
    with _lock:
        _reported = text


def current_failure() -> str | None:
    with _lock:
        return _failure


def _set_failure(text: str | None) -> None:
    global _failure, _reported
    with _lock:
        _failure, _reported = text, None


class _Warnings(logging.Handler):
    """The warnings MkDocs logs during one build (strict mode fails on them,
    with only a count in its own message)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs") and not record.name.startswith("mkdocs.hooks"):
            self.messages.append(record.getMessage())


_NAV = re.compile(r"A reference to '([^']+)' is included in the 'nav' configuration")
_LINK = re.compile(r"Doc file '([^']+)' contains (?:a|an absolute|an unrecognized relative) link "
                   r"'([^']+)'")


def located(message: str, docs_dir: Path, config_file: Path) -> str:
    """A MkDocs warning as a problem at its file and line, in English and
    Korean, for the warnings an editor causes (a nav entry or a link to a
    page that does not exist); any other warning as it is."""
    nav = _NAV.search(message)
    link = _LINK.search(message)
    if nav:
        file, needle = config_file, nav.group(1)
        en = (f"nav names '{needle}', which is not a page of the content folder. Fix: write the "
              f"page ({needle.removesuffix('.md')}.en.md) or correct the name in nav.")
        ko = (f"nav에 적힌 '{needle}' 페이지가 content 폴더에 없습니다. 고치는 법: 페이지"
              f"({needle.removesuffix('.md')}.en.md)를 만들거나 nav의 이름을 고치세요.")
    elif link:
        file, needle = docs_dir / link.group(1), link.group(2)
        en = (f"the link '{needle}' leads to no page. Fix: correct it to a page of the content "
              "folder, written without its language (help.md for help.en.md).")
        ko = (f"링크 '{needle}'이(가) 가리키는 페이지가 없습니다. 고치는 법: content 폴더에 있는 "
              "페이지로 고치세요. 언어 없이 씁니다 (help.en.md는 help.md).")
    else:
        return message
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((n for n, text in enumerate(lines, start=1) if needle in text), 1)
    shown = f"{file.parent.name}/{file.name}" if file.parent != config_file.parent else file.name
    return f"{shown}:{line}:1: {en}\n  {shown}:{line}:1: {ko}"


def guarded(builder: Callable[..., None], docs_dir: Path | None = None,
            config_file: Path | None = None) -> Callable[..., None]:
    """``builder`` that records a failure instead of raising it: the hooks'
    bilingual report, else the warnings that failed the strict build, each
    at its file and line where an editor's slip caused it."""
    def build(*args: Any, **kwargs: Any) -> None:
        global _reported
        with _lock:
            _reported = None
        warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            builder(*args, **kwargs)
        except (Exception, SystemExit) as exc:  # MkDocs' Abort is a SystemExit
            with _lock:
                text = _reported
            if text is None:
                found = ([located(m, docs_dir, config_file) for m in warnings.messages]
                         if docs_dir is not None and config_file is not None else warnings.messages)
                text = "\n".join([str(exc) or type(exc).__name__, *dict.fromkeys(found)])
            _set_failure(text)
            log.error("The preview shows the problems in the browser until they are fixed. "
                      "문제를 고칠 때까지 미리보기 화면에 문제 목록이 나옵니다.")
            return
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        _set_failure(None)
    return build


class _RequestLog(logging.Filter):
    """MkDocs' server logs every request not answered 200 as a warning (the
    error page's 500, a missing favicon's 404), and strict mode counts every
    warning logged while a build runs: a browser asking for a page during a
    rebuild would fail that rebuild, so the preview stayed on its problem list
    after the fix. Those lines are the server's, not the build's: INFO."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and _REQUEST_LINE.search(record.getMessage()):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


_REQUEST_LINE = re.compile(r'"[A-Z]+ \S* HTTP/[\d.]+" code \d+$')
_REQUESTS = _RequestLog()


def guard(server: Any, docs_dir: Path | None = None, config_file: Path | None = None) -> Any:
    """Make ``server`` (MkDocs' LiveReloadServer) show failed rebuilds."""
    server_log = logging.getLogger("mkdocs.livereload")
    if _REQUESTS not in server_log.filters:
        server_log.addFilter(_REQUESTS)
    server.builder = guarded(server.builder, docs_dir, config_file)
    app = server.get_app()

    def failed(failure: str, start_response: Callable) -> Iterable[bytes]:
        body = error_page(failure).encode("utf-8")
        start_response("500 Internal Server Error",
                       [("Content-Type", "text/html; charset=utf-8"),
                        ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not _is_page(path):
            return app(environ, start_response)
        failure = current_failure()
        if failure is not None:
            return failed(failure, start_response)
        # A page asked for during a rebuild waits in MkDocs' app for the build
        # to end: if that build failed, the reader gets the problems, not the
        # last good (or a half-written) page.
        answer: dict[str, Any] = {}

        def hold(status: str, headers: list, exc_info: Any = None) -> Callable[[bytes], None]:
            answer.update(status=status, headers=headers)
            return lambda data: None

        body = app(environ, hold)
        failure = current_failure()
        if failure is not None:
            getattr(body, "close", lambda: None)()
            return failed(failure, start_response)
        start_response(answer["status"], answer["headers"])
        return body

    server.set_app(application)
    return server


def _is_page(path: str) -> bool:
    """
    >>> [_is_page(p) for p in ("/", "/zh/help/", "/a.html", "/assets/x.css", "/livereload/1/2")]
    [True, True, True, False, False]
    """
    return not path.startswith("/livereload/") and (path.endswith("/") or path.endswith(".html"))


_STYLE = """
body { font: 16px/1.5 system-ui, "Noto Sans CJK KR", sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1b1b1b; }
h1 { color: #a4000f; font-size: 1.4rem; }
li { margin: 0 0 1rem; }
.en { font-family: ui-monospace, monospace; font-size: 0.9rem; white-space: pre-wrap; }
.ko { font-size: 0.95rem; white-space: pre-wrap; }
"""

# Asks for this page again every second and reloads when the answer is no
# longer this problem list (the build succeeded, or failed otherwise). Not
# MkDocs' live-reload epochs: a build that ends between this page being
# served and its first question would leave it waiting for one more save.
_SCRIPT = """
(async () => {
  const shown = document.querySelector('meta[name="gb-failure"]').content;
  for (;;) {
    await new Promise((done) => setTimeout(done, 1000));
    try {
      const answer = await fetch(location.href, {cache: "no-store"});
      const text = await answer.text();
      if (answer.ok || !text.includes(`content="${shown}"`)) { location.reload(); return; }
    } catch (e) { /* the server is restarting: ask again */ }
  }
})();
"""


def _digest(report: str) -> str:
    return hashlib.sha256(report.encode("utf-8")).hexdigest()[:16]


def error_page(report: str) -> str:
    """The problem list as a page: each problem's English line, then its
    Korean line (the report's indented lines).

    >>> page = error_page("head\\na.yaml:1:1: x: bad.\\n  a.yaml:1:1: x: 나쁨.")
    >>> '<p class="ko" lang="ko">a.yaml:1:1: x: 나쁨.</p>' in page
    True
    """
    head, items = [], []
    for line in report.splitlines():
        if not line.strip():
            continue
        if line.startswith("  ") and items:
            items[-1].append(line.strip())
        elif ":" in line.split(" ")[0] and line.split(":")[1:2] and line.split(":")[1].isdigit():
            items.append([line])
        else:
            head.append(line)
    entries = "\n".join(
        "<li>" + f'<p class="en" lang="en">{escape(item[0])}</p>'
        + "".join(f'<p class="ko" lang="ko">{escape(ko)}</p>' for ko in item[1:]) + "</li>"
        for item in items)
    intro = "".join(f"<p>{escape(line)}</p>" for line in head)
    return ("<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<meta name=\"gb-failure\" content=\"{_digest(report)}\">"
            "<title>Build failed · 빌드 실패</title>"
            f"<style>{_STYLE}</style></head><body>"
            "<h1 lang=\"en\">The preview could not be rebuilt</h1>"
            "<h1>미리보기를 다시 만들지 못했습니다</h1>"
            f"<div lang=\"en\">{intro}</div><ol>{entries}</ol>"
            "<p>Fix the file and save it: this page reloads by itself. "
            "<span lang=\"ko\">파일을 고쳐 저장하면 이 페이지가 저절로 새로 고쳐집니다.</span></p>"
            f"<script>{_SCRIPT}</script></body></html>\n")
