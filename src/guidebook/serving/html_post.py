"""Rewrites of built HTML: absolute hreflang alternates, relocatable 404 pages.

Both work on the HTML MkDocs and Material write, with patterns for the exact
tags they emit (tests build a real site and check the result).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
_URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_CONFIG_BASE = re.compile(r'("base":\s*")([^"]*)(")')


def absolute_alternates(html: str, page_url: str, default_lang: str) -> str:
    """Make every ``hreflang`` alternate absolute and add ``x-default``, which
    points at the default language's page (``default_lang`` is its BCP 47 tag,
    as the alternates carry it).

    >>> absolute_alternates('<link rel="alternate" href="../../zh/a/" hreflang="zh-Hans">'
    ...                     '<link rel="alternate" href="./" hreflang="en">', "https://x.org/a/", "en")
    '<link rel="alternate" href="https://x.org/zh/a/" hreflang="zh-Hans"><link rel="alternate" href="https://x.org/a/" hreflang="en"><link rel="alternate" href="https://x.org/a/" hreflang="x-default">'
    >>> absolute_alternates('<link rel="alternate" href="./" hreflang="zh-Hans">'
    ...                     '<link rel="alternate" href="../en/a/" hreflang="en">', "https://x.org/a/", "zh-Hans")
    '<link rel="alternate" href="https://x.org/a/" hreflang="zh-Hans"><link rel="alternate" href="https://x.org/en/a/" hreflang="en"><link rel="alternate" href="https://x.org/a/" hreflang="x-default">'
    """
    default = None

    def absolute(match: re.Match[str]) -> str:
        nonlocal default
        href = urljoin(page_url, match.group(1))
        if match.group(2) == default_lang:
            default = href
        return f'<link rel="alternate" href="{href}" hreflang="{match.group(2)}">'

    html = _ALTERNATE.sub(absolute, html)
    if default and 'hreflang="x-default"' not in html:
        last = list(_ALTERNATE.finditer(html))[-1]
        tag = f'<link rel="alternate" href="{default}" hreflang="x-default">'
        html = html[:last.end()] + tag + html[last.end():]
    return html


_PERMALINK = re.compile(r'<a class="headerlink"(?![^>]*data-pagefind-ignore)')


def permalinks_out_of_search(html: str) -> str:
    """Keep heading permalinks (¶) out of Pagefind: out of the text and, with
    ``="all"``, out of the result title, which Pagefind takes from the first
    heading (results read "Emergency card¶" otherwise).

    >>> permalinks_out_of_search('<h1 id="a">A<a class="headerlink" href="#a">&para;</a></h1>')
    '<h1 id="a">A<a class="headerlink" data-pagefind-ignore="all" href="#a">&para;</a></h1>'
    """
    return _PERMALINK.sub('<a class="headerlink" data-pagefind-ignore="all"', html)


def _is_relative(url: str) -> bool:
    parts = urlparse(url)
    return not (parts.scheme or parts.netloc or url.startswith(("/", "#")) or not url)


def relocatable(html: str, page_path: str) -> str:
    """Rewrite the page's relative links as paths from the site root, so that
    the page works from any URL (a 404 page is served at the missing URL).

    >>> relocatable('<a href="../help/">h</a><img src="#x"><a href="https://e.org/">e</a>',
    ...             "/zh/not-found/")
    '<a href="/zh/help/">h</a><img src="#x"><a href="https://e.org/">e</a>'
    """
    def fix(match: re.Match[str]) -> str:
        url = match.group(2)
        if _is_relative(url):
            url = urlparse(urljoin(f"http://h{page_path}", url))._replace(scheme="", netloc="").geturl()
        return match.group(1) + url + match.group(3)

    html = _URL_ATTR.sub(fix, html)
    return _CONFIG_BASE.sub(lambda m: m.group(1) + relocatable_base(m.group(2), page_path) + m.group(3),
                            html)


def relocatable_base(base: str, page_path: str) -> str:
    """Material's relative ``base`` in its page config, as a root path."""
    return urlparse(urljoin(f"http://h{page_path}", base + "/")).path.rstrip("/") or "/"
