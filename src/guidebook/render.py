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

import phonenumbers
from babel.lists import format_list
import yaml
from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .i18n import DEFAULT_LANGUAGE, KOREAN, LANGUAGES, format_day, language_name
from .model import Dataset, District, Institution, Texts
from .vocabulary import (CATEGORIES, CATEGORY_GROUPS, CHANNELS, GROUP_OF_CATEGORY, SERVICES,
                         SPECIALTIES)

TEMPLATES = Path(__file__).parent / "templates"

# Channels in the order a reader of each language reaches for them first
# (DOMAIN.md §3): WeChat/Weibo in China, Facebook in Mongolia, WhatsApp,
# Telegram and VK in Russia, WhatsApp and Instagram in the Gulf.
CHANNEL_ORDER: dict[str, tuple[str, ...]] = {
    "zh": ("wechat", "weibo"),
    "mn": ("facebook", "messenger"),
    "ru": ("whatsapp", "telegram", "vk"),
    "ar": ("whatsapp", "instagram"),
    "en": ("whatsapp", "kakaotalk"),
}


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
    if tag == LANGUAGES[page_lang].html_lang:
        return Span(text)
    rtl_page = LANGUAGES[page_lang].rtl
    return Span(text, tag, "ltr" if rtl_page else None)


def localized(texts: Texts, lang: str) -> Span | None:
    """The text in ``lang``, or the English text marked as English, or None."""
    own = getattr(texts, lang)
    if own:
        return Span(own)
    if texts.en:
        return foreign(texts.en, "en", lang)
    return None


def phone_link(e164: str) -> dict[str, str]:
    """A click-to-call link and the number as a foreign visitor dials it.

    >>> phone_link("+82226703114")
    {'href': 'tel:+82226703114', 'display': '+82 2-2670-3114'}
    """
    number = phonenumbers.parse(e164)
    display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return {"href": f"tel:{e164}", "display": display}


def channel_links(inst: Institution, lang: str, tr: NullTranslations) -> list[dict[str, str]]:
    """The record's messenger channels, those the reader's market uses first."""
    data = inst.contact.messengers.model_dump(exclude_none=True)
    first = [c for c in CHANNEL_ORDER[lang] if c in data]
    rest = [c for c in CHANNELS if c in data and c not in first]
    links = []
    for code in first + rest:
        value = data[code]
        href = value if value.startswith("https://") else None
        if code == "whatsapp":
            href = "https://wa.me/" + value.lstrip("+")
            value = phone_link(value)["display"]
        elif code == "telegram" and not href:
            href = "https://t.me/" + value.lstrip("@")
        links.append({"label": tr.pgettext(*CHANNELS[code]), "value": value, "href": href})
    return links


def help_desk_view(district: District, lang: str) -> dict[str, object]:
    desk = district.help_desk
    return {
        "name": getattr(desk.name, lang),
        "name_ko": foreign(desk.name.ko, KOREAN, lang),
        "phone": phone_link(desk.phone) if desk.phone else None,
        "email": desk.email,
        "website": desk.website,
        "address_ko": foreign(desk.address.ko, KOREAN, lang) if desk.address else None,
        "address_en": foreign(desk.address.en, "en", lang) if desk.address and desk.address.en else None,
    }


def institution_view(inst: Institution, district: District, lang: str,
                     tr: NullTranslations, stale_months: int | None = None) -> dict[str, object]:
    contact = inst.contact
    channels = channel_links(inst, lang, tr)
    stale_notice = tr.ngettext(
        "This information was last verified more than %(num)d month ago and may be out of date.",
        "This information was last verified more than %(num)d months ago and may be out of date.",
        stale_months) % {"num": stale_months} if stale_months else None
    return {
        "stale_notice": stale_notice,
        "id": inst.id,
        "name": getattr(inst.name, lang),
        "name_ko": foreign(inst.name.ko, KOREAN, lang),
        "category": tr.pgettext(*CATEGORIES[inst.category]),
        "summary": localized(inst.summary, lang),
        "specialties": [tr.pgettext(*SPECIALTIES[s]) for s in inst.specialties],
        "specialties_text": format_list([tr.pgettext(*SPECIALTIES[s]) for s in inst.specialties],
                                        locale=LANGUAGES[lang].locale) if inst.specialties else "",
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
        "opening_hours": foreign(inst.opening_hours, "en", lang) if inst.opening_hours else None,
        "last_verified": format_day(inst.last_verified, lang),
        "last_verified_iso": inst.last_verified.isoformat(),
        "partner_since": format_day(inst.partner.from_, lang) if inst.partner.from_ else None,
        "help_desk": help_desk_view(district, lang),
    }


def _front_matter(**fields: object) -> str:
    # safe_dump quotes whatever YAML would misread (a name with ': ' or '#').
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=True) + "---\n\n"


@lru_cache(maxsize=None)
def _environment(lang: str, tr: NullTranslations) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(tr, newstyle=True)  # type: ignore[attr-defined]
    env.globals["page_lang"] = LANGUAGES[lang]
    return env


def render_institution(inst: Institution, district: District, lang: str,
                       tr: NullTranslations, stale_months: int | None = None) -> str:
    """The Markdown source of one institution's page in one language; with
    ``stale_months``, a notice that its data is older than that."""
    view = institution_view(inst, district, lang, tr, stale_months)
    body = _environment(lang, tr).get_template("institution.md.j2").render(inst=view)
    return _front_matter(title=view["name"], guidebook_page="institution") + body


def render_directory(dataset: Dataset, lang: str, tr: NullTranslations) -> str:
    """The Markdown source of the directory page: every institution by category group."""
    groups = []
    for group, label in CATEGORY_GROUPS.items():
        members = [i for i in dataset.institutions if GROUP_OF_CATEGORY[i.category] == group]
        if members:
            groups.append({
                "title": tr.pgettext(*label),
                "items": [institution_view(i, dataset.district, lang, tr) for i in members],
            })
    count = len(dataset.institutions)
    title = tr.gettext("Hospitals and partners")
    body = _environment(lang, tr).get_template("directory.md.j2").render(
        title=title, groups=groups,
        count_text=tr.ngettext("%(num)d partner institution", "%(num)d partner institutions",
                               count) % {"num": count},
    )
    return _front_matter(title=title, guidebook_page="directory") + body


def generated_pages(dataset: Dataset, tr_for: dict[str, NullTranslations],
                    stale_ids: frozenset[str] | set[str] = frozenset(),
                    max_age_months: int = 12) -> dict[str, str]:
    """Every generated page, keyed by its path below the docs folder.

    Paths carry the i18n suffix (``institutions/<id>.<lang>.md``), so that the
    i18n plugin treats them as translations of one page.
    """
    pages = {}
    for lang, tr in tr_for.items():
        pages[f"institutions/index.{lang}.md"] = render_directory(dataset, lang, tr)
        for inst in dataset.institutions:
            stale = max_age_months if inst.id in stale_ids else None
            pages[f"institutions/{inst.id}.{lang}.md"] = render_institution(
                inst, dataset.district, lang, tr, stale)
    return pages


PLACEHOLDER = re.compile(r"^<!-- guidebook:institutions services=([a-z_,]+) -->$", re.M)


class PlaceholderError(ValueError):
    """A content page asks for a list by a service the vocabulary does not have."""


def expand_placeholders(markdown: str, dataset: Dataset, lang: str, tr: NullTranslations,
                        to_root: str = "") -> str:
    """Replace each ``<!-- guidebook:institutions services=a,b -->`` line by the
    list of institutions offering any of those services; links are relative to
    the language's root through ``to_root`` (``../`` for a page one level down)."""
    def listing(match: re.Match[str]) -> str:
        wanted = match.group(1).split(",")
        unknown = [w for w in wanted if w not in SERVICES]
        if unknown:
            raise PlaceholderError(f"unknown service(s) {', '.join(unknown)} in a "
                                   f"guidebook:institutions list; known: {', '.join(SERVICES)}")
        items = [dict(institution_view(i, dataset.district, lang, tr),
                      matching=[tr.pgettext(*SERVICES[w]) for w in wanted if w in i.services])
                 for i in dataset.institutions if set(wanted) & set(i.services)]
        return _environment(lang, tr).get_template("institution_list.md.j2").render(
            items=items, base=f"{to_root}institutions/")
    return PLACEHOLDER.sub(listing, markdown)


__all__ = ["DEFAULT_LANGUAGE", "generated_pages", "render_directory", "render_institution"]
