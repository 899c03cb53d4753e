"""The five site languages, their CLDR locales, and the gettext catalogs.

Everything locale-dependent goes through Babel (CLDR data) or gettext; this
module is the one place that maps a site language code (``zh``) to the CLDR
locale (``zh_Hans_CN``) and the BCP 47 tag used in HTML (``zh-Hans``).
"""

from __future__ import annotations

import io
import re

import datetime as _dt
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
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


def _readable_catalog(po: Path, lang: str) -> Catalog:
    """A catalog as the build may use it, whatever a translator wrote: a
    translation that would break a page is left out (the English shows), a
    plural rule gettext would refuse is replaced by CLDR's, and a file that
    cannot be read at all gives an empty catalog (all English). ``guidebook
    check`` reports each of these at its line."""
    try:
        locale = site_language(lang).cldr
    except Exception:  # noqa: BLE001 - a folder that is not a site language
        locale = None
    try:
        text = po.read_bytes().decode("utf-8", errors="replace")
        catalog = read_po(io.StringIO(text), locale=locale)
        catalog.charset = "utf-8"
        if catalog._num_plurals is not None or catalog._plural_expr is not None:  # noqa: SLF001
            header = f"nplurals={catalog._num_plurals}; plural={catalog._plural_expr};"  # noqa: SLF001
            if plural_problem(header):
                catalog._num_plurals = catalog._plural_expr = None  # noqa: SLF001 - CLDR's rule
        for message in catalog:  # a translation that would break a page: the English instead
            if message.id and broken_translation(message):
                message.string = ("",) * len(message.string) if isinstance(message.string, tuple) else ""
        return catalog
    except Exception:  # noqa: BLE001 - nothing a translator writes may stop the build
        return Catalog(locale=locale, charset="utf-8")


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
        catalog = _readable_catalog(po, lang)
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        tmp.replace(mo)
        written.append(mo)
    return written


# HTML in a text meant to be plain: a tag or a character reference.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
# A printf-style placeholder as Python's % operator reads it (named or not).
PERCENT = re.compile(r"%(?:\((?P<name>[^)]*)\))?(?P<flags>[#0\- +]*)(?P<width>\*|\d+)?"
                     r"(?:\.(?P<precision>\*|\d+))?[hlL]?(?P<conversion>[diouxXeEfFgGcrsa%])")
BRACES = re.compile(r"\{(\w+)\}")  # {count}: filled in by the site's scripts


def percent_placeholders(text: str) -> list[tuple[str | None, str]] | None:
    """The % placeholders of a text as (name, conversion), ``%%`` left out;
    None when a % starts no valid placeholder or a width is absurd (Python's
    % would fail, or build a string of gigabytes).

    >>> percent_placeholders("%(date)s, %d of 100%%"), percent_placeholders("up to 50%")
    ([('date', 's'), (None, 'd')], None)
    >>> percent_placeholders("100% sure")  # '% s' is a placeholder to Python
    [(None, 's')]
    >>> percent_placeholders("%(date)999999999s")
    """
    found, at = [], 0
    while (at := text.find("%", at)) >= 0:
        match = PERCENT.match(text, at)
        if match is None:
            return None
        width, precision = match.group("width") or "", match.group("precision") or ""
        if len(width.lstrip("0")) > 2 or len(precision.lstrip("0")) > 2 or "*" in width + precision:
            return None
        if match.group("conversion") != "%":
            found.append((match.group("name"), match.group("conversion")))
        at = match.end()
    return found


def translation_problem(msgid: str, msgstr: str, python_format: bool) -> str | None:
    """Why a translation would break a page or the build, or lose what the
    English text says: ``"markup"`` (HTML its English text does not have),
    ``"quote"`` (a ``"`` the English has not: the theme prints translations
    inside attributes, unescaped), ``"format"`` (% placeholders that do not
    format with the English text's values, or a stray %), ``"missing"`` (a
    placeholder of the English text left out); None when it is fine.

    >>> translation_problem("Updated %(date)s", "更新 %(date)s 100%", True)
    'format'
    >>> translation_problem("Help", "<b>帮助</b>", False), translation_problem("Help", "帮助", False)
    ('markup', None)
    >>> translation_problem("Search", 'x" onfocus="alert(1)', False)
    'quote'
    >>> translation_problem("Updated %(date)s", "更新", True), translation_problem("{n} found", "找到", False)
    ('missing', 'missing')
    """
    if not msgstr:
        return None
    if MARKUP.search(msgstr) and not MARKUP.search(msgid):
        return "markup"
    if '"' in msgstr and '"' not in msgid:
        return "quote"
    english = percent_placeholders(msgid)
    if python_format or "%" in msgid or "%" in msgstr:
        # Jinja's gettext formats every string with %, with or without values.
        translated = percent_placeholders(msgstr)
        if translated is None or english is None:
            return "format"
        named = {name for name, _ in english if name is not None}
        if named or any(name is not None for name, _ in translated):
            conversions = dict(english)
            if any(name is None or name not in named or conversions[name] != conversion
                   for name, conversion in translated):
                return "format"
            if named - {name for name, _ in translated}:
                return "missing"
        elif [c for _, c in translated] != [c for _, c in english]:
            return "format"
    if set(BRACES.findall(msgid)) - set(BRACES.findall(msgstr)):
        return "missing"
    return None


def broken_translation(message) -> bool:  # noqa: ANN001 - a babel Message
    """Whether any form of a catalog message has a :func:`translation_problem`
    (a plural form may leave its number out: "One result")."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    plural = isinstance(message.id, tuple)
    return any(problem for string in strings
               if (problem := translation_problem(ids[-1] if plural else ids[0], string or "",
                                                  "python-format" in message.flags))
               and not (plural and problem == "missing"))


def plural_problem(header: str) -> str | None:
    """What is wrong with a catalog's ``Plural-Forms`` header value, or None.
    gettext evaluates the expression: only C's arithmetic on ``n`` is allowed.

    >>> plural_problem("nplurals=2; plural=(n != 1);"), plural_problem("nplurals=2; plural=__import__('os');")
    (None, 'the plural expression is not gettext C arithmetic on n')
    """
    import gettext

    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", header)
    if not match:
        return "write it as nplurals=N; plural=EXPRESSION;"
    count = int(match.group(1))
    if not 1 <= count <= 6:
        return "nplurals must be between 1 and 6"
    try:
        rule = gettext.c2py(match.group(2))
        if any(not 0 <= rule(n) < count for n in range(0, 1001)):
            return f"the plural expression gives a form outside 0…{count - 1}"
    except (ValueError, RecursionError, ZeroDivisionError, OverflowError):
        return "the plural expression is not gettext C arithmetic on n"
    return None


@lru_cache(maxsize=None)
def _translations(lang: str, root: Path, stamp: int) -> NullTranslations:
    mo = catalog_path(lang, ".mo", root)
    if not mo.exists():
        # English msgids are the English text: English has no catalog.
        return NullTranslations()
    try:
        with mo.open("rb") as f:
            catalog = Translations(f, domain=DOMAIN)
    except Exception:  # noqa: BLE001 - a damaged .mo: English rather than no build
        return NullTranslations()
    _drop_broken(catalog)
    return catalog


def _drop_broken(catalog: Translations) -> None:
    """Leave out of a compiled catalog every translation that would break a
    page (:func:`translation_problem`), whoever compiled it: the .mo may be
    one the build did not write (copied in, or newer than its .po)."""
    messages = getattr(catalog, "_catalog", {})
    broken = set()
    for key, string in list(messages.items()):
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or not isinstance(string, str):
            continue
        problem = translation_problem(msgid, string, "%" in msgid)
        if problem and not (isinstance(key, tuple) and problem == "missing"):
            broken.add(msgid)
    for key in [k for k in messages if (k[0] if isinstance(k, tuple) else k) in broken]:
        del messages[key]


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
