"""The five site languages, their CLDR locales, and the gettext catalogs.

Everything locale-dependent goes through Babel (CLDR data) or gettext; this
module is the one place that maps a site language code (``zh``) to the CLDR
locale (``zh_Hans_CN``) and the BCP 47 tag used in HTML (``zh-Hans``).
"""

from __future__ import annotations

import re

import datetime as _dt
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from babel.core import get_global
from babel.localedata import locale_identifiers

DOMAIN = "messages"
# The guide's catalogs folder: the settings' (Settings.translations_dir), set
# once by data.settings.load_settings; no second answer from where this file is.
_catalogs: Path | None = None
# Languages of text that is not in a site language but appears on pages.
KOREAN = "ko"


@dataclass(frozen=True)
class SiteLanguage:
    """A site language, known by its code in mkdocs.yml (``zh``); everything
    else about it is derived from CLDR."""

    code: str  # site language and URL prefix: en, zh, mn, ru, ar

    @property
    def cldr(self) -> str:
        """The Babel/CLDR locale: a language written in several scripts in CLDR
        gets its likely script and territory (``zh`` -> ``zh_Hans_CN``).

        >>> site_language("zh").cldr, site_language("mn").cldr, site_language("sr").cldr
        ('zh_Hans_CN', 'mn', 'sr_Cyrl_RS')
        """
        likely = _likely(self.code)
        return likely if likely != self.code else self.code

    @property
    def html_lang(self) -> str:
        """The BCP 47 tag for ``<html lang>``: with the script where CLDR has
        several for the language (Han unification: zh-Hans, not zh).

        >>> [site_language(c).html_lang for c in ("en", "zh", "mn", "ru", "ar", "kk")]
        ['en', 'zh-Hans', 'mn', 'ru', 'ar', 'kk-Cyrl']
        """
        likely = _likely(self.code)
        return "-".join(likely.split("_")[:2]) if likely != self.code else self.code

    @property
    def script(self) -> str:
        """The script the language is written in, from CLDR's likely subtags.

        >>> site_language("ja").script, site_language("mn").script, site_language("ar").script
        ('Jpan', 'Cyrl', 'Arab')
        """
        return get_global("likely_subtags").get(self.code, "und_Latn").split("_")[1]

    @property
    def locale(self) -> Locale:
        return _parsed(self.cldr)

    @property
    def rtl(self) -> bool:
        return self.locale.character_order == "right-to-left"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    def url_prefix(self, default_language: str) -> str:
        """The language's folder in the site: ``""`` for the default language, else ``zh/``.

        >>> site_language("zh").url_prefix("en"), site_language("en").url_prefix("en")
        ('zh/', '')
        """
        return "" if self.code == default_language else f"{self.code}/"

    @property
    def native_name(self) -> str:
        """The language's own name for itself, as a language switcher shows it.

        >>> site_language("ru").native_name
        'Русский'
        >>> site_language("zh").native_name
        '中文 (简体)'
        """
        # zh_Hans (without the territory) gives the name a Chinese reader
        # expects in a switcher; CLDR's names are lower-case for use inside
        # sentences, a switcher shows them as a heading.
        tag = Locale.parse(self.html_lang, sep="-")
        name = tag.get_display_name(tag) or self.code
        return name[:1].upper() + name[1:]


@cache
def _likely(code: str) -> str:
    """``code`` with CLDR's likely script and territory when CLDR has a locale
    for that script (zh_Hans), else ``code`` itself."""
    likely = get_global("likely_subtags").get(code, code)
    parts = likely.split("_")
    if len(parts) == 3 and f"{parts[0]}_{parts[1]}" in _identifiers():
        return likely
    return code


@cache
def _identifiers() -> frozenset[str]:
    return frozenset(locale_identifiers())


@cache
def site_language(code: str) -> SiteLanguage:
    """The site language ``code``; raises ValueError when CLDR does not know it."""
    try:
        _parsed(_likely(code))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"'{code}' is not a language CLDR knows") from exc
    return SiteLanguage(code)


def use_catalogs(root: Path) -> None:
    """Make ``root`` the folder every catalog of this process is read from."""
    global _catalogs
    _catalogs = root


def catalogs_root(root: Path | None = None) -> Path:
    """``root`` if given, else the folder the settings named."""
    if root is not None:
        return root
    if _catalogs is None:
        raise RuntimeError("the catalogs' folder is not known yet: load the settings first "
                           "(guidebook.data.settings.load_settings)")
    return _catalogs


def catalog_path(lang: str, suffix: str = ".po", root: Path | None = None) -> Path:
    return catalogs_root(root) / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def compile_catalogs(root: Path | None = None) -> list[Path]:
    """Compile every ``<lang>/LC_MESSAGES/messages.po`` under ``root`` to ``.mo``
    when the ``.mo`` is stale.

    Returns the ``.mo`` files written. Fuzzy entries are not compiled, as with
    ``pybabel compile`` without ``--use-fuzzy``.
    """
    written = []
    for po in sorted(catalogs_root(root).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = po.parent.parent.name
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=site_language(lang).cldr)
        for message in catalog:  # a translation that would break a page: the English instead
            if message.id and broken_translation(message):
                message.string = ("",) * len(message.string) if isinstance(message.string, tuple) else ""
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        tmp.replace(mo)
        written.append(mo)
    return written


# HTML in a text meant to be plain: a tag or a character reference.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def translation_problem(msgid: str, msgstr: str, python_format: bool) -> str | None:
    """Why a translation would break a page or the build: ``"markup"`` (HTML
    its English text does not have) or ``"format"`` (% placeholders that do
    not format with the English text's values); None when it is fine.

    >>> translation_problem("Updated %(date)s", "更新 %(date)s 100%", True)
    'format'
    >>> translation_problem("Help", "<b>帮助</b>", False), translation_problem("Help", "帮助", False)
    ('markup', None)
    """
    if not msgstr:
        return None
    if MARKUP.search(msgstr) and not MARKUP.search(msgid):
        return "markup"
    names = {n: 1 for n in re.findall(r"%\((\w+)\)", msgid)}  # 1 formats as %s, %d and %f
    if python_format or names:
        try:
            msgstr % names if names else msgstr % ()
        except (KeyError, ValueError, TypeError):
            return "format"
    return None


def broken_translation(message) -> bool:  # noqa: ANN001 - a babel Message
    """Whether any form of a catalog message has a :func:`translation_problem`."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return any(translation_problem(ids[0], string or "", "python-format" in message.flags)
               for string in strings)


@lru_cache(maxsize=None)
def _translations(lang: str, root: Path, stamp: int) -> NullTranslations:
    mo = catalog_path(lang, ".mo", root)
    if not mo.exists():
        # English msgids are the English text: English has no catalog.
        return NullTranslations()
    with mo.open("rb") as f:
        return Translations(f, domain=DOMAIN)


def translations(lang: str, root: Path | None = None) -> NullTranslations:
    """The gettext catalog of a site language, compiling it first if needed."""
    root = catalogs_root(root)
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
    return format_date(day, format="long", locale=site_language(lang).locale)


def html_lang(code: str) -> str:
    """The BCP 47 tag for ``<html lang>`` of a site language (``zh`` -> ``zh-Hans``)."""
    return site_language(code).html_lang


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
    reader = site_language(lang).locale
    try:
        tag = Locale.parse(code, sep="-")
    except (ValueError, TypeError):
        return code
    return tag.get_display_name(reader) or code


def fill(template: str, values: dict) -> str:
    """``template % values``, without a second full stop where a value that
    ends in one (Russian dates: "23 ноября 2026 г.") ends the sentence.

    >>> fill("проверены %(date)s.", {"date": "23 ноября 2026\\u202fг."})
    'проверены 23 ноября 2026\\u202fг.'
    >>> fill("on %(date)s.", {"date": "March 9, 2025"})
    'on March 9, 2025.'
    """
    for name, value in values.items():
        if str(value).endswith("."):
            template = template.replace(f"%({name})s.", f"%({name})s")
    return template % values


def install_gettext(env, tr: NullTranslations) -> None:  # noqa: ANN001 - a Jinja environment
    """Jinja's newstyle gettext (``_("… %(date)s.", date=d)``) through :func:`fill`,
    so no template can print "г.." after a date. Same calls as Jinja's own
    (``num`` set by the plural forms, values escaped on autoescaped pages)."""
    from jinja2 import pass_context
    from markupsafe import Markup, escape

    def finish(context, text: str, values: dict) -> str:  # noqa: ANN001
        if context.eval_ctx.autoescape:
            return fill(Markup(text), {k: escape(v) for k, v in values.items()})
        return fill(text, values)

    @pass_context
    def gettext(context, message: str, **values):  # noqa: ANN001, ANN202
        return finish(context, tr.gettext(message), values)

    @pass_context
    def ngettext(context, singular: str, plural: str, num: int, **values):  # noqa: ANN001, ANN202
        values.setdefault("num", num)
        return finish(context, tr.ngettext(singular, plural, num), values)

    @pass_context
    def pgettext(context, ctx: str, message: str, **values):  # noqa: ANN001, ANN202
        return finish(context, tr.pgettext(ctx, message), values)

    @pass_context
    def npgettext(context, ctx: str, singular: str, plural: str, num: int, **values):  # noqa: ANN001, ANN202
        values.setdefault("num", num)
        return finish(context, tr.npgettext(ctx, singular, plural, num), values)

    env.install_gettext_translations(tr, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(gettext=gettext, _=gettext, ngettext=ngettext, pgettext=pgettext,
                       npgettext=npgettext)
