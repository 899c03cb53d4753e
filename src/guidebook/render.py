"""Pure rendering: ``(record, language, catalog) -> Markdown/HTML text``.

Decisions are made here, in Python, and handed to Jinja templates as ready
values; the templates autoescape everything, so no string from the data file
reaches HTML unescaped. Text in a language other than the page's (a Korean
name, an English fallback) is handed over with its own language tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pymdownx.slugs import slugify
from babel.lists import format_list
from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .i18n import KOREAN, format_day, language_name, site_language
from .directory import directory_context
from .hours import format_rules
from .hours import parse as parse_hours
from .jsonld import institution_jsonld, script_tag
from .links import channel_links, map_links, phone_link
from .model import Dataset, District, Institution, Messengers, Texts
from .share import directory_description, institution_description
from .vocabulary import CATEGORIES, SERVICES, SPECIALTIES

TEMPLATES = Path(__file__).parent / "templates"
# The folder (below the docs folder, and in the site) of the generated pages.
GENERATED_DIR = "institutions"


def institution_path(ident: str) -> str:
    """An institution page's path below its language's root.

    >>> institution_path("kim-eye-hospital")
    'institutions/kim-eye-hospital/'
    """
    return f"{GENERATED_DIR}/{ident}/"
# Korean for "Please take me to this address", shown to a taxi driver.
DRIVER_REQUEST_KO = "이 주소로 가 주세요"

@dataclass(frozen=True)
class Span:
    """A piece of text with the language and direction it must be marked with.

    ``lang`` is None when the text is in the page's own language.
    """

    text: str
    lang: str | None = None
    dir: str | None = None


def foreign(text: str, tag: str, page_lang: str) -> Span:
    """Text in language ``tag`` shown on a page in ``page_lang``."""
    if tag == site_language(page_lang).html_lang:
        return Span(text)
    rtl_page = site_language(page_lang).rtl
    return Span(text, tag, "ltr" if rtl_page else None)


def localized(texts: Texts, lang: str) -> Span | None:
    """The text in ``lang``, or the default language's text marked as such, or None."""
    own = texts.get(lang)
    if own:
        return Span(own)
    default = texts.default_language
    if default and texts.get(default):
        return foreign(texts[default], site_language(default).html_lang, lang)
    return None


def help_desk_view(district: District, lang: str,
                   tr: NullTranslations | None = None) -> dict[str, object]:
    """The district help desk and the district's channels for readers of ``lang``."""
    desk = district.help_desk
    tr = tr or NullTranslations()
    return {
        "name": desk.name[lang],
        "name_ko": foreign(desk.name[KOREAN], KOREAN, lang),
        "phone": phone_link(desk.phone) if desk.phone else None,
        "email": desk.email,
        "website": desk.website,
        "address_ko": foreign(desk.address.ko, KOREAN, lang) if desk.address else None,
        "address_en": foreign(desk.address.en, "en", lang) if desk.address and desk.address.en else None,
        "hours": hours_view(desk.opening_hours, lang, tr) if desk.opening_hours else [],
        "channels": channel_links(district.channels.get(lang, Messengers()), lang, tr,
                                  district.channel_order.get(lang, ())),
    }


def hours_view(text: str, lang: str, tr: NullTranslations) -> list[dict[str, object]]:
    """Opening hours as (days, times) rows; a closed day's word is not a time."""
    closed = tr.gettext("closed")
    return [{"days": days, "times": times, "closed": times == closed}
            for days, times in format_rules(parse_hours(text), site_language(lang).locale, closed,
                                            tr.gettext("public holidays"))]


def institution_view(inst: Institution, district: District, lang: str,
                     tr: NullTranslations, stale_months: int | None = None,
                     page_url: str | None = None) -> dict[str, object]:
    contact = inst.contact
    location = inst.location
    channels = channel_links(inst.contact.messengers, lang, tr,
                             district.channel_order.get(lang, ()))
    specialties = [tr.pgettext(*SPECIALTIES[s]) for s in inst.specialties]
    stale_notice = tr.ngettext(
        "This information was last verified more than %(num)d month ago and may be out of date.",
        "This information was last verified more than %(num)d months ago and may be out of date.",
        stale_months) % {"num": stale_months} if stale_months else None
    return {
        "stale_notice": stale_notice,
        "id": inst.id,
        "name": inst.name[lang],
        "name_ko": foreign(inst.name[KOREAN], KOREAN, lang),
        "category": tr.pgettext(*CATEGORIES[inst.category]),
        "summary": localized(inst.summary, lang),
        "specialties": specialties,
        "specialties_text": format_list(specialties, locale=site_language(lang).locale)
        if specialties else "",
        "languages": [language_name(code, lang) for code in inst.languages],
        "services": [tr.pgettext(*SERVICES[s]) for s in inst.services],
        "phone": phone_link(contact.phone) if contact.phone else None,
        "email": contact.email,
        "website": contact.website,
        "channels": channels,
        "has_contact": bool(contact.phone or contact.email or contact.website or channels),
        "address_ko": foreign(inst.address.ko, KOREAN, lang) if inst.address else None,
        "address_en": (foreign(inst.address.en, "en", lang)
                       if inst.address and inst.address.en else None),
        "opening_hours": hours_view(inst.opening_hours, lang, tr) if inst.opening_hours else [],
        "maps": map_links(inst.name[KOREAN], inst.address.ko if inst.address else None,
                          location.lat if location else None, location.lon if location else None),
        "jsonld": script_tag(institution_jsonld(inst, lang, page_url)) if page_url else None,
        "last_verified": format_day(inst.last_verified, lang),
        "partner_since": format_day(inst.partner.from_, lang) if inst.partner.from_ else None,
        "help_desk": help_desk_view(district, lang, tr),
    }


def language_root(site_url: str, lang: str, default_language: str) -> str:
    """The absolute URL of a language's home page.

    >>> language_root("https://guide.example.org/", "mn", "en")
    'https://guide.example.org/mn/'
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + site_language(lang).url_prefix(default_language)


def _front_matter(**fields: object) -> str:
    # The safe dumper quotes whatever YAML would misread (a name with ': ' or
    # '#'); libyaml's emitter, where PyYAML has it, is ten times faster.
    text = yaml.dump(fields, Dumper=_DUMPER, allow_unicode=True, sort_keys=True)
    return "---\n" + text + "---\n\n"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _slugify(text: str) -> str:
    """The id Markdown's toc extension gives a heading (mkdocs.yml: pymdownx
    slugify, lower case), so generated and written pages share one style.

    >>> _slugify("Контакты"), _slugify("Services for foreign patients")
    ('контакты', 'services-for-foreign-patients')
    """
    return _SLUGIFY(text, "-")


_SLUGIFY = slugify(case="lower")


@lru_cache(maxsize=None)
def _environment(lang: str, tr: NullTranslations) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, auto_reload=False,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(tr, newstyle=True)  # type: ignore[attr-defined]
    env.filters["slugify"] = _slugify
    env.globals["driver_request_ko"] = DRIVER_REQUEST_KO
    return env


def render_institution(inst: Institution, district: District, lang: str,
                       tr: NullTranslations, stale_months: int | None = None,
                       site_url: str | None = None, default_language: str = "en") -> str:
    """The Markdown source of one institution's page in one language; with
    ``stale_months``, a notice that its data is older than that; with
    ``site_url``, schema.org JSON-LD naming the page's absolute URL."""
    page_url = (f"{language_root(site_url, lang, default_language)}{institution_path(inst.id)}"
                if site_url else None)
    view = institution_view(inst, district, lang, tr, stale_months, page_url)
    body = _environment(lang, tr).get_template("institution.md.j2").render(inst=view)
    picture = {"guidebook_picture": inst.picture} if inst.picture else {}
    return _front_matter(title=view["name"], guidebook_page="institution",
                         description=institution_description(view, district.name[lang], lang),
                         **picture) + body


def render_directory(dataset: Dataset, lang: str, tr: NullTranslations) -> str:
    """The Markdown source of the directory page (see directory.py)."""
    ctx = directory_context(dataset, lang, tr, institution_view)
    body = _environment(lang, tr).get_template("directory.md.j2").render(**ctx)
    return _front_matter(title=ctx["title"], guidebook_page="directory",
                         description=directory_description(
                             ctx, dataset.district.name[lang], lang)) + body


def generated_pages(dataset: Dataset, tr_for: dict[str, NullTranslations],
                    stale_ids: frozenset[str] | set[str] = frozenset(),
                    max_age_months: int = 12, site_url: str | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path below the docs folder.

    Paths carry the i18n suffix (``institutions/<id>.<lang>.md``), so that the
    i18n plugin treats them as translations of one page.
    """
    pages = {}
    for lang, tr in tr_for.items():
        pages[f"{GENERATED_DIR}/index.{lang}.md"] = render_directory(dataset, lang, tr)
        for inst in dataset.institutions:
            stale = max_age_months if inst.id in stale_ids else None
            pages[f"{GENERATED_DIR}/{inst.id}.{lang}.md"] = render_institution(
                inst, dataset.district, lang, tr, stale, site_url, dataset.languages[0])
    return pages


# Any "<!-- guidebook:… -->" comment is an instruction to the build; only one
# kind exists, and a misspelt one is an error rather than a silent no-op.
PLACEHOLDER = re.compile(r"<!--\s*guidebook:(.*?)-->", re.S)
LIST_ARGS = re.compile(r"^institutions\s+services\s*=\s*([a-z_]+(?:\s*,\s*[a-z_]+)*)\s*$")
EXAMPLE = "<!-- guidebook:institutions services=halal_meals,prayer_room -->"


class PlaceholderError(ValueError):
    """A content page asks for a list by a service the vocabulary does not have."""


def expand_placeholders(markdown: str, dataset: Dataset, lang: str, tr: NullTranslations,
                        to_root: str = "") -> str:
    """Replace each ``<!-- guidebook:institutions services=a,b -->`` line by the
    list of institutions offering any of those services; links are relative to
    the language's root through ``to_root`` (``../`` for a page one level down)."""
    def listing(match: re.Match[str]) -> str:
        args = LIST_ARGS.match(match.group(1).strip())
        if not args:
            raise PlaceholderError(f"'{match.group(0)}' is not a guidebook list; write {EXAMPLE}")
        wanted = [w.strip() for w in args.group(1).split(",")]
        unknown = [w for w in wanted if w not in SERVICES]
        if unknown:
            raise PlaceholderError(f"unknown service(s) {', '.join(unknown)} in a "
                                   f"guidebook:institutions list; known: {', '.join(SERVICES)}")
        items = [dict(institution_view(i, dataset.district, lang, tr),
                      matching=[tr.pgettext(*SERVICES[w]) for w in wanted if w in i.services])
                 for i in dataset.institutions if set(wanted) & set(i.services)]
        return _environment(lang, tr).get_template("institution_list.md.j2").render(
            items=items, base=f"{to_root}{GENERATED_DIR}/")
    return PLACEHOLDER.sub(listing, markdown)


__all__ = ["generated_pages", "render_directory", "render_institution"]
