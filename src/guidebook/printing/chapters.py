"""The guide's chapters for print, from the same Markdown as the web site.

A page on paper cannot be tapped: links to another chapter become a reference
with its page number (``data-ref``, filled by CSS ``target-counter``), links to
an institution point to its directory entry, links to web-only pages and to
other sites show their address, phone links become plain (isolated) numbers.
Paragraphs the editors marked ``{.web-only}`` ("save a screenshot"), and the
lists' map links (a search address of 200 characters is no use on paper; the
Korean address is printed for the taxi driver), are left out. The page's H1
becomes the chapter title; its H2s stay section headings.

Which pages are chapters, and in which order, is mkdocs.yml's ``nav`` less
``extra.guidebook.print.not_in_print`` (``Settings.chapters``): a page an
editor adds to the site's navigation is printed too.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import markdown
from babel.support import NullTranslations
from markupsafe import Markup, escape

from guidebook.data.model import Dataset
from guidebook.web.render import expand_placeholders

LRI, PDI = "\u2066", "\u2069"


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    html: Markup
    lang: str | None  # set when the page is the English fallback


def page_source(docs_dir: Path, name: str, lang: str, default: str) -> tuple[str, str | None]:
    """The Markdown of page ``name`` in ``lang``, and None; or, where the page
    is not translated, the default language's and that language."""
    own = docs_dir / f"{name}.{lang}.md"
    if own.exists():
        return own.read_text(encoding="utf-8-sig"), None
    return (docs_dir / f"{name}.{default}.md").read_text(encoding="utf-8-sig"), default


# Languages whose print uses full-width punctuation (电话：…).
FULLWIDTH_PUNCTUATION = {"zh"}
_DESK = re.compile(r"<!--\s*guidebook:help-desk\s*-->")
DESK_MARK = "GUIDEBOOK-HELP-DESK"  # replaced by the desk in guidebook.html.j2


def chapter_id(name: str) -> str:
    """The booklet's anchor of a chapter (a page in a folder too).

    >>> chapter_id("care/aftercare")
    'ch-care-aftercare'
    """
    return "ch-" + name.replace("/", "-")


def _rewrite_link(match: re.Match[str], site_root: str, names: Collection[str]) -> str:
    attrs, text = match.group(1), match.group(2)
    href = re.search(r'href="([^"]*)"', attrs)
    if not href:
        return match.group(0)
    target = href.group(1)
    if target.startswith("tel:"):
        return f'<span class="tel">{LRI}{text}{PDI}</span>'
    if target.startswith("#"):
        return text
    path = target.split("#", 1)[0]
    name = path.removesuffix(".md").removesuffix("/")
    if name in names:
        return _ref(chapter_id(name), text)
    if name in ("institutions/index", "institutions"):
        return _ref("directory", text)
    inst = re.fullmatch(r"institutions/([a-z0-9-]+)", name)
    if inst:
        return _ref(f"inst-{inst.group(1)}", text)
    if target.startswith(("http://", "https://")):
        url = target
    else:  # a web-only page of the guide (downloads, forms, search)
        url = site_root + (name.removesuffix("/index") + "/" if name not in ("index", "") else "")
    shown = url.removeprefix("https://").removeprefix("http://")
    if shown.rstrip("/") == re.sub(r"<[^>]+>", "", text).strip().rstrip("/"):
        return f'<span class="url">{LRI}{text}{PDI}</span>'
    return f'{text} <span class="url">({LRI}{escape(shown)}{PDI})</span>'


def _ref(anchor: str, text: str) -> str:
    return f'<a class="ref" href="#{anchor}" data-ref="#{anchor}">{text}</a>'


def print_markdown(text: str, site_root: str, names: Collection[str] = ()) -> tuple[str, str]:
    """(title, body HTML) of a Markdown page for paper; a link to one of the
    chapters ``names`` becomes a page reference.

    >>> print_markdown("# T\\n\\nCall [119](tel:119).\\n\\nx\\n{.web-only}\\n\\n## H", "https://g/")[1]
    '<p>Call <span class="tel">\\u2066119\\u2069</span>.</p>\\n<h2>H</h2>'
    >>> print_markdown('<p class="gb-maps web-only"><a href="https://map.x/">Map</a></p>', "https://g/")
    ('', '')
    """
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables"])
    title_match = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)
    title = re.sub(r"<[^>]+>", "", title_match.group(1)).strip() if title_match else ""
    html = re.sub(r"<h1[^>]*>.*?</h1>\s*", "", html, count=1, flags=re.S)
    html = re.sub(r"<!--.*?-->\s*", "", html, flags=re.S)
    html = re.sub(r'<(p|li|div)\b[^>]*class="(?:[^"]*\s)?web-only(?:\s[^"]*)?"[^>]*>.*?</\1>\s*', "",
                  html, flags=re.S)
    html = re.sub(r"<a ([^>]*)>(.*?)</a>", lambda m: _rewrite_link(m, site_root, names), html,
                  flags=re.S)
    html = re.sub(r'<(h[2-6])([^>]*) dir="ltr"', r"<\1\2", html)
    return title, html.strip()


def chapters(dataset: Dataset, lang: str, tr: NullTranslations, docs_dir: Path,
             site_root: str, names: Sequence[str]) -> list[Chapter]:
    """The chapters ``names`` (``Settings.chapters``) of one language; a missing
    page is the English one, marked as such (the web site does the same)."""
    default = dataset.languages[0]
    result = []
    for name in names:
        text, fallback = page_source(docs_dir, name, lang, default)
        # The whole help desk is printed once, by the guidebook's template,
        # where the help page asks for it: a mark stands in for it here.
        text = _DESK.sub(f"\n\n{DESK_MARK}\n\n", text)
        text = expand_placeholders(text, dataset, fallback or lang, tr)
        title, html = print_markdown(text, site_root, names)
        if lang in FULLWIDTH_PUNCTUATION and not fallback:
            # The lists from the data come in the web's wording ("电话: "):
            # Chinese print uses the full-width colon throughout.
            html = re.sub(r"([\u3400-\u9fff\uff00-\uffef](?:</[a-z]+>)*): ?", "\\1：", html)
        result.append(Chapter(chapter_id(name), title, Markup(html), fallback))  # noqa: S704
    return result
