"""What Material's templates get from the core: language names, the strings of
Material's language files looked up once, a table of contents for generated
pages, and compiled templates kept across the language builds."""

from __future__ import annotations

import re

from jinja2 import TemplateNotFound
from jinja2.bccache import Bucket, BytecodeCache

from guidebook.common.i18n import html_lang, site_language, translations


def language_names(languages: tuple[str, ...]) -> dict[str, str]:
    """Each site language's name for itself, for the language switcher."""
    return {code: site_language(code).native_name for code in languages}


def permalink_title(site_language: str) -> str:
    """The tooltip of a heading's permalink, in the page's language."""
    return translations(site_language).gettext("Permanent link")


class MemoryBytecodeCache(BytecodeCache):
    """Compiled theme templates kept in memory across the i18n plugin's five
    builds in one process (MkDocs makes a new Jinja environment for each)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


THEME_BYTECODE = MemoryBytecodeCache()


_HEADING = re.compile(r'<h([12]) id="([^"]+)"[^>]*>(.*?)(?:<a class="headerlink"[^>]*>.*?</a>)?</h\1>',
                      re.S)


def toc_tokens(html: str) -> list[dict]:
    """The table of contents of a generated page (its h1 and h2), in the form
    of Markdown's toc extension, for MkDocs' ``get_toc``.

    >>> toc_tokens('<h1 id="a">A</h1><h2 id="b">B<a class="headerlink" href="#b">¶</a></h2>')
    [{'level': 1, 'id': 'a', 'name': 'A', 'html': 'A', 'data-toc-label': '', 'children': [{'level': 2, 'id': 'b', 'name': 'B', 'html': 'B', 'data-toc-label': '', 'children': []}]}]
    """
    tokens: list[dict] = []
    for level, ident, inner in _HEADING.findall(html):
        name = re.sub(r"<[^>]+>", "", inner).strip()
        token = {"level": int(level), "id": ident, "name": name, "html": inner.strip(),
                 "data-toc-label": "", "children": []}
        if token["level"] == 2 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


_THEME_KEY = re.compile(r'^\s*"([a-z][a-z.-]*)":', re.M)


def theme_strings(env, language: str) -> dict[str, str]:  # noqa: ANN001 - a Jinja environment
    """Material's interface strings for ``language`` (English where it has none),
    looked up once, with the page language's BCP 47 tag as "language"."""
    strings: dict[str, str] = {}
    for lang in ("en", language):
        name = f"partials/languages/{lang}.html"
        try:
            source = env.loader.get_source(env, name)[0]
        except TemplateNotFound:  # Material has no file for this language (kk): English
            continue
        module = env.get_template(name).module
        for key in _THEME_KEY.findall(source):
            value = str(module.t(key)).strip()
            if value:
                strings[key] = value
    strings["language"] = html_lang(language)
    return strings
