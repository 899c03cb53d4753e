"""A hand-written page's Markdown as a language shows it: lists from the data
filled in, notices on untranslated or unreviewed pages, and what its link
preview says (description and Open Graph data)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup, escape

from guidebook.web import share
from guidebook.common.i18n import KOREAN, site_language, translations
from guidebook.data.model import Dataset
from guidebook.checks.quality import is_reviewed
from guidebook.web.lines import annotate
from guidebook.web.render import expand_placeholders
from guidebook.data.settings import Settings
from guidebook.web.share_image import Card


def to_language_root(page_url: str, lang: str, default_language: str) -> str:
    """The relative path from a page up to its language's home page.

    >>> to_language_root("zh/muslim-friendly/", "zh", "en"), to_language_root("help/", "en", "en")
    ('../', '../')
    >>> to_language_root("", "en", "en")
    ''
    """
    prefix = site_language(lang).url_prefix(default_language)
    rel = page_url[len(prefix):] if page_url.startswith(prefix) else page_url
    return "../" * rel.count("/")


def page_markdown(markdown: str, lang: str, file_lang: str, meta: Mapping[str, object],
                  dataset: Dataset, page_url: str) -> str:
    """A content page's Markdown as it is shown in ``lang``: lists from the
    data filled in, and a notice on an untranslated or unreviewed page."""
    tr = translations(lang)
    default = dataset.languages[0]
    markdown = expand_placeholders(markdown, dataset, lang, tr,
                                   to_language_root(page_url, lang, default))
    head, body = _split_title(markdown)
    if file_lang != lang:  # the i18n plugin fell back to the default language's page
        notice = untranslated_notice(lang)
        source = site_language(file_lang)
        marks = f'lang="{source.html_lang}" dir="{source.direction}"'
        if head:  # the title stays first, for MkDocs to find it, marked with its language
            head = head.rstrip("\n") + f" {{ {marks} }}\n"
        return (f'{head}\n<p class="gb-notice">{escape(notice)}</p>\n\n'
                f'<div {marks} markdown="1">\n\n{body}\n\n</div>\n')
    if not is_reviewed(meta, lang, default):
        notice = tr.gettext("This translation has not been checked by a reviewer yet.")
        return f'{head}\n<p class="gb-notice">{escape(notice)}</p>\n\n{body}'
    return markdown


def page_html(html: str, lang: str, dataset: Dataset) -> str:
    """A page's finished HTML as a reader of ``lang`` gets it: every help-line
    number the reader's language is not answered on says so, with the line
    that answers in it (guidebook.web.lines)."""
    return annotate(html, dataset.district, lang, translations(lang))


def untranslated_notice(lang: str) -> str:
    """What a page shown in English because it is not translated says first."""
    return translations(lang).gettext("This page is not translated yet. The English text follows.")


def page_share(settings: Settings, dataset: Dataset, lang: str, file_lang: str, title: str,
               meta: Mapping[str, object], content: str,
               canonical_url: str | None) -> tuple[Markup, list[tuple[str, str]]]:
    """A page's description, escaped for Material's ``<meta name="description">``,
    and its Open Graph / Twitter tags as (name, text) for the theme template
    (none without ``site_url``: they need absolute URLs)."""
    site_name = dataset.district.site_name[lang]
    text = share.description(meta, content, untranslated_notice(lang) if file_lang != lang else None,
                             share.joined([share.plain(title), site_name]))
    if not (settings.site_url and canonical_url):
        return escape(text), []
    title = share.plain(title) if file_lang == lang else site_name
    preview = share.page_share(lang=lang, languages=settings.languages, title=title,
                               description=text, canonical_url=canonical_url,
                               site_url=settings.site_url, site_name=site_name,
                               territories=settings.guidebook.share.territories,
                               picture=str(meta.get("guidebook_picture") or "") or None)
    return escape(text), preview.tags()


def share_cards(dataset: Dataset, settings: Settings) -> list[Card]:
    """What each language's share image says, in the settings' colours."""
    colours = settings.guidebook.share
    return [Card(lang, dataset.district.site_name[lang], dataset.district.name[KOREAN],
                 colours.background, colours.band, colours.foreground)
            for lang in settings.languages]


def _split_title(markdown: str) -> tuple[str, str]:
    r"""The Markdown up to and including its ``# title`` line, and the rest.

    >>> _split_title("intro\n# Title\ntext\n")
    ('intro\n# Title\n', 'text\n')
    >>> _split_title("no title\n")
    ('', 'no title\n')
    """
    match = re.search(r"^# .*\n?", markdown, re.M)
    if not match:
        return "", markdown
    return markdown[:match.end()], markdown[match.end():]
