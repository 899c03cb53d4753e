"""Each language's 404 page, made from its not-found page with root links, so
a web server can show it at whatever URL was missing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from guidebook.serving.html_post import relocatable
from guidebook.common.i18n import site_language


def url_path(site_url: str | None) -> str:
    """The path part of ``site_url``, ending in ``/``.

    >>> url_path("https://guide.example.org/"), url_path("https://x.kr/guide"), url_path(None)
    ('/', '/guide/', '/')
    """
    path = urlparse(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


NOT_FOUND_PAGE = "not-found/index.html"


def write_not_found_pages(site_dir: Path, base_path: str, languages: tuple[str, ...]) -> list[Path]:
    """Each language's ``404.html`` (``zh/404.html``…), from its not-found page with
    links made root-relative: a server shows it at whatever URL was missing.
    The web server maps ``/zh/*`` misses to ``/zh/404.html`` (README.md)."""
    written = []
    for lang in languages:
        prefix = site_language(lang).url_prefix(languages[0])
        folder = site_dir / prefix
        source = folder / NOT_FOUND_PAGE
        if not source.exists():
            continue
        page_path = f"{base_path}{prefix}not-found/"
        (folder / "404.html").write_text(relocatable(source.read_text(encoding="utf-8"), page_path),
                                         encoding="utf-8")
        written.append(folder / "404.html")
    return written
