"""The live preview (``mkdocs serve``) shows a failed rebuild in the browser.

When a rebuild fails, MkDocs' live-reload server keeps the last built site
but never marks the new version as built, so every page request waits for
it: the browser spins with no page, and the explanation is only in the
terminal. The route chosen here uses the server's public parts only:

- ``guard(server)`` (called from the hooks' ``on_serve``) wraps the server's
  ``builder``: a failed build is recorded here and does not propagate, so the
  server counts the rebuild as done and nothing waits;
- it wraps the WSGI application (``get_app``/``set_app``): while the last
  build failed, a request for a page gets the bilingual problem list instead
  (assets and the live-reload endpoint are served as usual);
- the error page long-polls MkDocs' own ``/livereload/<epoch>/<id>``
  endpoint and reloads as soon as a newer build exists, so fixing the file
  brings the page back by itself (or the next problem list).

The state lives in this module, not in the hook file: MkDocs loads the hook
file again for every rebuild's configuration, the core only once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
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


def guarded(builder: Callable[..., None]) -> Callable[..., None]:
    """``builder`` that records a failure instead of raising it."""
    def build(*args: Any, **kwargs: Any) -> None:
        global _reported
        with _lock:
            _reported = None
        try:
            builder(*args, **kwargs)
        except (Exception, SystemExit) as exc:  # MkDocs' Abort is a SystemExit
            with _lock:
                text = _reported or str(exc) or type(exc).__name__
            _set_failure(text)
            log.error("The preview shows the problems in the browser until they are fixed. "
                      "문제를 고칠 때까지 미리보기 화면에 문제 목록이 나옵니다.")
            return
        _set_failure(None)
    return build


def guard(server: Any) -> Any:
    """Make ``server`` (MkDocs' LiveReloadServer) show failed rebuilds."""
    server.builder = guarded(server.builder)
    app = server.get_app()

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        failure = current_failure()
        path = environ.get("PATH_INFO", "")
        if failure is not None and _is_page(path):
            body = error_page(failure).encode("utf-8")
            start_response("500 Internal Server Error",
                           [("Content-Type", "text/html; charset=utf-8"),
                            ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
            return [body]
        return app(environ, start_response)

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

# Polls MkDocs' live-reload endpoint: the first request answers at once with
# the current version, the second when a newer one is built.
_SCRIPT = """
(async () => {
  const ask = async (epoch) => (await fetch(`/livereload/${epoch}/${Date.now()}`)).text();
  const now = parseFloat(await ask(0));
  for (;;) {
    try {
      if (parseFloat(await ask(now)) > now) { location.reload(); return; }
    } catch (e) { await new Promise((done) => setTimeout(done, 1000)); }
  }
})();
"""


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
            "<title>Build failed · 빌드 실패</title>"
            f"<style>{_STYLE}</style></head><body>"
            "<h1 lang=\"en\">The preview could not be rebuilt</h1>"
            "<h1>미리보기를 다시 만들지 못했습니다</h1>"
            f"<div lang=\"en\">{intro}</div><ol>{entries}</ol>"
            "<p>Fix the file and save it: this page reloads by itself. "
            "<span lang=\"ko\">파일을 고쳐 저장하면 이 페이지가 저절로 새로 고쳐집니다.</span></p>"
            f"<script>{_SCRIPT}</script></body></html>\n")
