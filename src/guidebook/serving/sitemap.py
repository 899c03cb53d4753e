"""sitemap.xml: every page of every language, with its translations as alternates.

Each language build records its pages (``Entry``); the file is written once,
after the last language, from all of them. Written here rather than by a
theme template because a template only sees the languages built in its own
process, and ``guidebook build`` builds languages in parallel processes.
No ``<lastmod>``: the build date says nothing about when a page's content
changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from markupsafe import escape

from guidebook.common.i18n import html_lang


class Entry(NamedTuple):
    url: str  # site-relative, as MkDocs gives it ("zh/help/", "./" for the home page)
    alternates: tuple[tuple[str, str], ...]  # (site language, url) of each translation


def absolute(site_url: str, url: str) -> str:
    """A page's URL in the sitemap (MkDocs calls the home page "./").

    >>> absolute("https://x.org/", "./"), absolute("https://x.org/g", "zh/help/")
    ('https://x.org/', 'https://x.org/g/zh/help/')
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base if url in ("./", "") else base + url


def render(site_url: str, entries: Iterable[Entry], default_language: str) -> str:
    """The sitemap of ``entries``, with BCP 47 hreflang values (zh-Hans) and
    the default language as x-default."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for entry in entries:
        lines.append("    <url>")
        lines.append(f"        <loc>{escape(absolute(site_url, entry.url))}</loc>")
        alternates = dict(entry.alternates)
        for language, url in entry.alternates:
            lines.append(f'        <xhtml:link rel="alternate" hreflang="{escape(html_lang(language))}" '
                         f'href="{escape(absolute(site_url, url))}"/>')
        if default_language in alternates:
            lines.append(f'        <xhtml:link rel="alternate" hreflang="x-default" '
                         f'href="{escape(absolute(site_url, alternates[default_language]))}"/>')
        lines.append("    </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write(site_dir: Path, site_url: str, by_language: Sequence[Sequence[Entry]],
          default_language: str) -> Path:
    """Write ``site_dir/sitemap.xml`` from each language's entries, in order."""
    path = site_dir / "sitemap.xml"
    path.write_text(render(site_url, (e for entries in by_language for e in entries),
                           default_language),
                    encoding="utf-8")
    return path
