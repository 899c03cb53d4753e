"""The five site languages, their CLDR locales, and the gettext catalogs.

Everything locale-dependent goes through Babel (CLDR data) or gettext; this
module is the one place that maps a site language code (``zh``) to the CLDR
locale (``zh_Hans_CN``) and the BCP 47 tag used in HTML (``zh-Hans``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "translations"
DOMAIN = "messages"


@dataclass(frozen=True)
class SiteLanguage:
    code: str  # site language and URL prefix: en, zh, mn, ru, ar
    cldr: str  # Babel/CLDR locale identifier
    html_lang: str  # BCP 47 tag for <html lang> and lang="" attributes

    @property
    def locale(self) -> Locale:
        return _parsed(self.cldr)

    @property
    def rtl(self) -> bool:
        return self.locale.character_order == "right-to-left"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def native_name(self) -> str:
        """The language's own name for itself, as a language switcher shows it.

        >>> LANGUAGES["ru"].native_name
        'Русский'
        >>> LANGUAGES["zh"].native_name
        '中文 (简体)'
        """
        # zh_Hans (without the territory) gives the name a Chinese reader
        # expects in a switcher; CLDR's names are lower-case for use inside
        # sentences, a switcher shows them as a heading.
        tag = Locale.parse(self.html_lang, sep="-")
        name = tag.get_display_name(tag) or self.code
        return name[:1].upper() + name[1:]


LANGUAGES: dict[str, SiteLanguage] = {
    lang.code: lang
    for lang in (
        SiteLanguage("en", "en", "en"),
        SiteLanguage("zh", "zh_Hans_CN", "zh-Hans"),
        SiteLanguage("mn", "mn", "mn"),
        SiteLanguage("ru", "ru", "ru"),
        SiteLanguage("ar", "ar", "ar"),
    )
}
DEFAULT_LANGUAGE = "en"
# Languages of text that is not in a site language but appears on pages.
KOREAN = "ko"


def catalog_path(lang: str, suffix: str = ".po", root: Path = TRANSLATIONS_DIR) -> Path:
    return root / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def compile_catalogs(root: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every ``.po`` under ``root`` to ``.mo`` when the ``.mo`` is stale.

    Returns the ``.mo`` files written. Fuzzy entries are not compiled, as with
    ``pybabel compile`` without ``--use-fuzzy``.
    """
    written = []
    for lang in LANGUAGES:
        po, mo = catalog_path(lang, ".po", root), catalog_path(lang, ".mo", root)
        if not po.exists():
            continue
        if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=LANGUAGES[lang].cldr)
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        tmp.replace(mo)
        written.append(mo)
    return written


@lru_cache(maxsize=None)
def _translations(lang: str, root: Path, stamp: int) -> NullTranslations:
    mo = catalog_path(lang, ".mo", root)
    if lang == DEFAULT_LANGUAGE or not mo.exists():
        # English msgids are the English text; an English catalog would only
        # repeat them.
        return NullTranslations()
    with mo.open("rb") as f:
        return Translations(f, domain=DOMAIN)


def translations(lang: str, root: Path = TRANSLATIONS_DIR) -> NullTranslations:
    """The gettext catalog of a site language, compiling it first if needed."""
    compile_catalogs(root)
    mo = catalog_path(lang, ".mo", root)
    stamp = mo.stat().st_mtime_ns if mo.exists() else 0
    return _translations(lang, root, stamp)


def format_day(day: _dt.date, lang: str) -> str:
    """A date as a reader of ``lang`` writes it (CLDR long format: month spelled out,
    so that 03/09 can't be read as 9 March or 3 September).

    >>> format_day(_dt.date(2025, 3, 9), "en")
    'March 9, 2025'
    >>> format_day(_dt.date(2025, 3, 9), "ru")  # CLDR keeps 'г.' on the line (U+202F)
    '9 марта 2025\u202fг.'
    """
    return format_date(day, format="long", locale=LANGUAGES[lang].locale)


def html_lang(site_language: str) -> str:
    """The BCP 47 tag for ``<html lang>`` of a site language (``zh`` -> ``zh-Hans``);
    anything else is returned as it is."""
    language = LANGUAGES.get(site_language)
    return language.html_lang if language else site_language


@cache
def _parsed(identifier: str) -> Locale:
    """One Locale per identifier: Babel parses (and checks) it again on every
    ``Locale.parse``, thousands of times per build otherwise."""
    return Locale.parse(identifier)


@cache
def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` (BCP 47) in the reader's language.

    >>> language_name("mn", "zh")
    '蒙古语'
    >>> language_name("ko", "ar")
    'الكورية'
    """
    reader = LANGUAGES[lang].locale
    try:
        tag = Locale.parse(code, sep="-")
    except (ValueError, TypeError):
        return code
    return tag.get_display_name(reader) or code
