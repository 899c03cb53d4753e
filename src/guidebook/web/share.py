"""What a messenger shows when a patient shares a page: description and Open Graph data.

A Mongolian mother sends the eye hospital's page to her husband on Facebook
Messenger, a Chinese patient pastes it into WeChat, a Russian family into
Telegram: each app builds its preview from ``<meta name="description">`` and
the Open Graph (``og:``) and Twitter card tags. Without them the preview is a
bare URL or the site's English name. Here every page gets them in its own
language:

- the description: the page's front matter ``description`` (institution and
  directory pages get one from the data, render.py), else the first paragraph
  of the page's own text, cut to about what a search result or a preview
  shows; a page shown in English because it is not translated says so in
  the reader's language instead of describing itself in English;
- ``og:locale`` as language_TERRITORY, the territory from CLDR's likely
  subtags unless the settings name one (``extra.guidebook.share``), and
  ``og:locale:alternate`` for the other site languages;
- ``og:image``: the language's share image (share_image.py), absolute.

Values are plain text here; the hook hands them to the template, which
escapes them (Material prints ``page.meta.description`` as it is, so the hook
gives it an escaped Markup string).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from babel.core import get_global
from babel.lists import format_list

from guidebook.common.i18n import site_language

# About what a search result shows of a description (Google: ~155 Latin
# characters) and what a messenger preview shows in two or three lines.
# CJK characters are twice as wide: they count double.
DESCRIPTION_WIDTH = 160
ELLIPSIS = "…"
SHARE_DIR = "assets/share"  # in the site root: one image per language
IMAGE_SIZE = (1200, 630)  # Open Graph's recommended size (1.91:1)


def image_path(lang: str) -> str:
    """The share image of a language, relative to the site root.

    >>> image_path("mn")
    'assets/share/mn.png'
    """
    return f"{SHARE_DIR}/{lang}.png"


def og_locale(lang: str, territories: Mapping[str, str] | None = None) -> str:
    """``og:locale`` of a site language: language_TERRITORY, the territory
    from the settings or else CLDR's likely one.

    >>> [og_locale(c) for c in ("en", "zh", "mn", "ru", "ar")]
    ['en_US', 'zh_CN', 'mn_MN', 'ru_RU', 'ar_EG']
    >>> og_locale("ar", {"ar": "SA"})
    'ar_SA'
    """
    territory = (territories or {}).get(lang)
    if not territory:
        likely = get_global("likely_subtags").get(lang, lang).split("_")
        territory = next((p for p in likely[1:] if len(p) == 2 and p.isupper()), None)
    return f"{lang}_{territory}" if territory else lang


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def shorten(text: str, width: int = DESCRIPTION_WIDTH) -> str:
    """``text`` on one line, cut at a word (or, in text without spaces, at a
    character) to ``width`` columns, CJK counted double.

    >>> shorten("Eye   hospital\\n with  a cataract centre.", 24)
    'Eye hospital with a…'
    >>> shorten("金眼科医院是一家眼科专科医院，设有视网膜中心。", 20)
    '金眼科医院是一家眼…'
    >>> shorten("Short.")
    'Short.'
    """
    text = " ".join(text.split())
    if sum(map(_width, text)) <= width:
        return text
    used, cut = _width(ELLIPSIS), 0
    for i, char in enumerate(text):
        used += _width(char)
        if used > width:
            break
        cut = i + 1
    head = text[:cut]
    space = head.rfind(" ")
    if space > len(head) // 2:  # a word boundary not too far back
        head = head[:space]
    return head.rstrip(" ,;:.—–-·、，。") + ELLIPSIS


_P = re.compile(r"<p>(.*?)</p>", re.S)  # a paragraph with no class or lang of its own
_TAG = re.compile(r"<[^>]+>")
_FALLBACK = re.compile(r'<div\b[^>]*\blang="')  # site.page_markdown's English text


def plain(fragment: str) -> str:
    """The text of an HTML fragment.

    >>> plain('Call <a href="tel:1">1330</a> &amp; ask.')
    'Call 1330 & ask.'
    """
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def first_paragraph(content: str) -> str:
    """The text of a page's first paragraph of its own: not a notice, a
    Korean name or anything else with a class or another language, and not
    inside the English text of an untranslated page.

    >>> first_paragraph('<p class="gb-notice">Not checked.</p><p>Call <b>1330</b>.</p>')
    'Call 1330.'
    >>> first_paragraph('<div lang="en" dir="ltr"><p>English.</p></div>')
    ''
    """
    fallback = _FALLBACK.search(content)
    if fallback:
        content = content[:fallback.start()]
    for match in _P.finditer(content):
        text = plain(match.group(1))
        if text:
            return text
    return ""


def description(meta: Mapping[str, object], content: str, untranslated_notice: str | None,
                fallback: str) -> str:
    """A page's description: its front matter's, else (on an untranslated
    page) the notice in the reader's language, else its first paragraph, else
    ``fallback`` (a page of controls only, such as search: its title and the
    guide's)."""
    given = meta.get("description")
    if isinstance(given, str) and given.strip():
        return shorten(given)
    if untranslated_notice:
        return shorten(untranslated_notice)
    return shorten(first_paragraph(content) or fallback)


def joined(parts: Sequence[str | None], separator: str = " · ") -> str:
    """The non-empty parts, one after the other.

    >>> joined(["Hospital", "", "Ophthalmology", None])
    'Hospital · Ophthalmology'
    """
    return separator.join(p for p in parts if p)


def sentence(head: str, rest: str | None, lang: str) -> str:
    """``head`` then ``rest`` as a reader of ``lang`` punctuates a sentence
    break (full-width in Chinese).

    >>> sentence("医院 · 眼科", "专科医院。", "zh"), sentence("Hospital", "Eye care.", "en")
    ('医院 · 眼科。专科医院。', 'Hospital. Eye care.')
    """
    if not rest:
        return head
    stop = "。" if site_language(lang).html_lang.startswith("zh") else ". "
    return head + stop + rest


def institution_description(view: Mapping[str, object], district_name: str, lang: str) -> str:
    """An institution page's description from what its page shows: category,
    specialties and the district, then its summary when it has one in the
    page's language (an English stand-in is not described in English).

    ``view`` is render.institution_view's."""
    summary = view.get("summary")
    own = summary.text if summary is not None and getattr(summary, "lang", None) is None else None
    head = joined([str(view["category"]), str(view.get("specialties_text") or ""), district_name])
    return shorten(sentence(head, own, lang))


def directory_description(context: Mapping[str, object], district_name: str, lang: str) -> str:
    """The directory's description: how many partners, of which kinds, where.

    ``context`` is directory.directory_context's."""
    kinds = format_list([str(g["title"]) for g in context["groups"]],  # type: ignore[union-attr]
                        locale=site_language(lang).locale)
    return shorten(joined([str(context["count_text"]), kinds, district_name]))


@dataclass(frozen=True)
class Share:
    """What one page's link preview says, as plain text."""

    lang: str
    title: str
    description: str
    url: str  # absolute: the page's canonical URL
    site_name: str
    image_url: str  # absolute
    image_alt: str
    locale: str
    alternates: tuple[str, ...]
    picture: bool = False  # image_url is a configured picture, not the language's image

    def tags(self) -> list[tuple[str, str]]:
        """The ``<meta>`` tags as (name or property, content), in order."""
        tags = [("og:type", "website"), ("og:site_name", self.site_name),
                ("og:title", self.title), ("og:description", self.description),
                ("og:url", self.url), ("og:locale", self.locale)]
        tags += [("og:locale:alternate", alt) for alt in self.alternates]
        tags.append(("og:image", self.image_url))
        if not self.picture:  # our own image: its type and size are known
            tags += [("og:image:type", "image/png"), ("og:image:width", str(IMAGE_SIZE[0])),
                     ("og:image:height", str(IMAGE_SIZE[1]))]
        tags += [("og:image:alt", self.image_alt),
                 ("twitter:card", "summary_large_image"), ("twitter:title", self.title),
                 ("twitter:description", self.description), ("twitter:image", self.image_url),
                 ("twitter:image:alt", self.image_alt)]
        return tags


def page_share(*, lang: str, languages: Sequence[str], title: str, description: str,
               canonical_url: str, site_url: str, site_name: str,
               territories: Mapping[str, str] | None = None,
               picture: str | None = None) -> Share:
    """The link preview of a page in ``lang``; ``picture`` (an absolute URL or
    a path from the site root) replaces the language's share image."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    image = picture or image_path(lang)
    if not re.match(r"^https?://", image):
        image = base + image.lstrip("/")
    return Share(
        lang=lang, title=title or site_name, description=description, url=canonical_url,
        site_name=site_name, image_url=image, image_alt=title if picture else site_name,
        locale=og_locale(lang, territories),
        alternates=tuple(og_locale(other, territories) for other in languages if other != lang),
        picture=bool(picture))
