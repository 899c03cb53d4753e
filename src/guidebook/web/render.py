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
from markupsafe import Markup, escape

from guidebook import paths
from guidebook.common.i18n import KOREAN, format_day, install_gettext, language_name, site_language
from guidebook.web.directory import directory_context
from guidebook.data.hours import format_rules
from guidebook.data.hours import parse as parse_hours
from guidebook.web.jsonld import institution_jsonld, script_tag
from guidebook.data.search_words import SearchWords, words_for
from guidebook.web.links import channel_links, map_links, phone_link
from guidebook.data.model import (MUST_REGISTER, PLACE_KINDS, Address, ByLanguage, Dataset, District, HelpLine, Institution, Messengers,
                    Names, Place)
from guidebook.web.share import directory_description, institution_description
from guidebook.data.vocabulary import (CATEGORIES, EMERGENCY_SIGNS, KOREAN_LABELS, SERVICES, SPECIALTIES,
                                      SYMPTOMS)

TEMPLATES = paths.TEMPLATES
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
# Korean for the estimate card the patient shows before treatment: the expected
# cost in writing, with what it includes (Medical Service Act art. 45 and its
# Enforcement Rule art. 42-2 ask institutions to post their non-covered fees
# and explain designated ones before treatment; content/costs.*.md).
ESTIMATE_REQUEST_KO = ("치료 전에 예상 진료비를 서면으로 알려 주세요. 검사, 약, 입원, 재진 비용이 "
                       "포함되는지도 적어 주세요.")

@dataclass(frozen=True)
class Span:
    """A piece of text with the language and direction it must be marked with.

    ``lang`` is None when the text is in the page's own language.
    """

    text: str
    lang: str | None = None
    dir: str | None = None

    def __str__(self) -> str:
        # A template that prints a Span as it is would drop its language tag
        # (and print "Span(...)"): the span macro, or ``.text``, says which.
        raise TypeError(f"a Span is printed with the span macro or its .text: {self.text!r}")


_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
_KOREAN_RUN = re.compile(f"[{_HANGUL}]+(?:[ ·][{_HANGUL}]+)*")


def mark_korean(text: str) -> Markup:
    """Korean words inside text of another language, marked ``lang="ko"`` and
    isolated: they keep whole words (``word-break: keep-all`` on ``:lang(ko)``)
    and cannot reorder an Arabic sentence around them.

    >>> str(mark_korean("Ask for the help desk (의료관광안내센터). <b>"))
    'Ask for the help desk (<bdi lang="ko">의료관광안내센터</bdi>). &lt;b&gt;'
    """
    out, last = [], 0
    for match in _KOREAN_RUN.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(Markup('<bdi lang="ko">%s</bdi>') % match.group(0))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def foreign(text: str, tag: str, page_lang: str) -> Span:
    """Text in language ``tag`` shown on a page in ``page_lang``."""
    if tag == site_language(page_lang).html_lang:
        return Span(text)
    rtl_page = site_language(page_lang).rtl
    return Span(text, tag, "ltr" if rtl_page else None)


def localized(texts: ByLanguage, lang: str) -> Span | None:
    """The text in ``lang``, or the default language's text marked as such, or None."""
    own = texts.get(lang)
    if own:
        return Span(own)
    default = texts.default_language
    if default and texts.get(default):
        return foreign(texts[default], site_language(default).html_lang, lang)
    return None


def named(names: Names, lang: str) -> Span:
    """A name in ``lang``; in a language still being translated (``new_languages``),
    the default language's name, marked with its language.

    >>> from guidebook.data.model import validation_context
    >>> names = Names.model_validate({"en": "Kim Eye Clinic", "ko": "김안과"},
    ...     context=validation_context(("en", "ko", "ja"), ("ja",)))
    >>> named(names, "ko"), named(names, "ja")
    (Span(text='김안과', lang=None, dir=None), Span(text='Kim Eye Clinic', lang='en', dir=None))

    A name written in a language exactly as in the default one is that name,
    marked as such (without the "not yet translated" notice of a missing one):

    >>> named(Names.model_validate({"en": "Fairmont", "ko": "페어몬트", "ja": "Fairmont"},
    ...     context=validation_context(("en", "ko", "ja"))), "ja")
    Span(text='Fairmont', lang='en', dir=None)
    """
    span = localized(names, lang)
    assert span is not None, "a name always has the default language's text (model.Names)"
    default = names.default_language
    if span.lang is None and default and lang != default and names.get(lang) == names.get(default):
        # The default language's very name, used as it is (a hotel's brand,
        # a romanized name): marked with that language like a fallback.
        return foreign(span.text, site_language(default).html_lang, lang)
    return span


def address_view(address: Address | None, lang: str) -> dict[str, Span | None]:
    """The Korean address and its English form, each marked with its language:
    two lines wherever they are shown (never "Korean (English)" on one line,
    which an Arabic paragraph reorders)."""
    return {
        "address_ko": foreign(address.ko, KOREAN, lang) if address else None,
        "address_en": foreign(address.en, "en", lang) if address and address.en else None,
    }


def line_view(district: District, line_id: str, lang: str,
              tr: NullTranslations | None = None) -> dict[str, object] | None:
    """A help line as a page offers it: its name, number, note, hours, and a
    statement of the languages it answers in (from the data) which, when the
    reader's is not among them, says so and gives the line that has it."""
    from guidebook.web.lines import lines, statement  # noqa: PLC0415 - lines builds on this module

    line = district.all_lines().get(line_id)
    if line is None:
        return None
    tr = tr or NullTranslations()
    return {
        "id": line_id,
        "name": named(line.name, lang),
        "phone": phone_link(line.phone),
        "phone_abroad": phone_link(line.phone_abroad) if line.phone_abroad else None,
        "note": localized(line.note, lang),
        "hours": hours_view(line.opening_hours, lang, tr) if line.opening_hours else [],
        "hours_note": localized(line.hours_note, lang),
        "statement": statement(lines(district, lang), line_id, lang, tr, always=True),
    }


def help_line_view(district: District, lang: str,
                   tr: NullTranslations | None = None) -> dict[str, object] | None:
    """The national line that always answers (1330), or None when the data
    has none; its statement names the line for a reader whose language it lacks."""
    if district.help_line is None:
        return None
    return line_view(district, district.help_line.id or "help-line", lang, tr)


def ask_line_view(district: District, lang: str,
                  tr: NullTranslations | None = None) -> dict[str, object] | None:
    """The line a page sends a reader to for a fact it lacks: 1330, or the
    first of its ``instead`` that answers in the reader's language."""
    from guidebook.web.lines import alternative, lines, serves  # noqa: PLC0415

    if district.help_line is None:
        return None
    known = lines(district, lang)
    own = known[district.help_line.id or "help-line"]
    chosen = own if serves(own.languages, lang) else (alternative(known, own, lang) or own)
    return line_view(district, chosen.id, lang, tr)


def trust_view(inst: Institution, district: District, lang: str,
               tr: NullTranslations) -> dict[str, object] | None:
    """What a patient needs to trust a medical institution or facilitator:
    its registration, its marks, where to check and where to complain; None
    for the other categories."""
    if inst.category not in MUST_REGISTER:
        return None
    registration = inst.trust.registration
    if registration is None or registration.status == "unknown":
        checked = format_day(registration.checked, lang) if registration else None
        status = tr.gettext(
            "We could not confirm whether this institution is registered to treat or bring "
            "foreign patients (checked %(date)s). Ask it for its registration certificate, shown "
            "below in Korean, or ask the Medical Korea Support Center below."
        ) % {"date": checked or "—"}
    elif registration.status == "registered":
        status = tr.gettext(
            "Registered to attract foreign patients (%(since)s). Registered hospitals must have "
            "malpractice insurance and must show you their patients' rights, including the "
            "expected cost of treatment.") % {
            "since": str(registration.year) if registration.year else (registration.number or "")}
    else:
        status = tr.gettext(
            "We found no registration of this institution to treat or bring foreign patients "
            "(checked %(date)s). Under Korean law only registered institutions and agencies may "
            "do so. Ask the Medical Korea Support Center below.") % {
            "date": format_day(registration.checked, lang)}
    names = {"kahf": tr.gettext("Korean certification for the care of foreign patients (KAHF)"),
             "koiha": tr.gettext("Korean hospital accreditation (KOIHA)"),
             "jci": tr.gettext("Joint Commission International (JCI)")}
    marks = []
    for mark in inst.trust.accreditations:
        if mark.status == "not_certified":
            text = tr.gettext("%(mark)s: not among the certified institutions (checked %(date)s).") % {
                "mark": names[mark.kind], "date": format_day(mark.checked, lang)}
        else:
            assert mark.valid_until is not None
            text = tr.gettext("%(mark)s: certified until %(date)s.") % {
                "mark": names[mark.kind], "date": format_day(mark.valid_until, lang)}
        marks.append({"text": text, "source": foreign(mark.source, "en", lang), "url": mark.source_url})
    meaning = tr.gettext(
        "What registration means for you: Korean law lets only registered hospitals, clinics and "
        "agencies take foreign patients. A registered hospital must have malpractice insurance and "
        "must show you your rights, including the expected cost of your treatment and how to "
        "settle a dispute. An unregistered agency that brings you to a hospital breaks the law.")
    return {"status": status, "meaning": meaning,
            "certificate_ko": foreign("외국인환자 유치기관 등록증", KOREAN, lang),
            "registration_url": registration.source_url if registration else None,
            # The sources are the editors' notes, in English: marked as such.
            "registration_source": foreign(registration.source, "en", lang) if registration else None,
            "marks": marks,
            "support_center": line_view(district, _line_id(district.support_center, "support-center"),
                                        lang, tr),
            "dispute_agency": line_view(district, _line_id(district.dispute_agency, "dispute-agency"),
                                        lang, tr),
            "help_desk": ask_view(district, lang, tr)}


def _line_id(line: HelpLine | None, default: str) -> str:
    return (line.id if line and line.id else default)


def help_desk_view(district: District, lang: str,
                   tr: NullTranslations | None = None) -> dict[str, object]:
    """The district help desk and the district's channels for readers of ``lang``."""
    desk = district.help_desk
    tr = tr or NullTranslations()
    return {
        "name": named(desk.name, lang),
        "name_ko": foreign(desk.name[KOREAN], KOREAN, lang),
        "phone": phone_link(desk.phone) if desk.phone else None,
        "phone_note": localized(desk.phone_note, lang),
        "email": desk.email,
        "website": desk.website,
        **address_view(desk.address, lang),
        "hours": hours_view(desk.opening_hours, lang, tr) if desk.opening_hours else [],
        "channels": channel_links(district.channels.get(lang, Messengers()), lang, tr,
                                  district.channel_order.get(lang, ())),
        "help_line": help_line_view(district, lang, tr),
    }


def ask_view(district: District, lang: str, tr: NullTranslations) -> dict[str, object] | None:
    """Whom a page sends the patient to for a fact it lacks, with the number
    to tap: the help desk when it has a phone, else the national help line.
    None only when the data has neither number."""
    if district.help_desk.phone:
        return {"whose": "help_desk", "name": named(district.help_desk.name, lang),
                "phone": phone_link(district.help_desk.phone),
                "note": localized(district.help_desk.phone_note, lang)}
    line = ask_line_view(district, lang, tr)
    if line:
        return {"whose": "help_line", "name": line["name"], "phone": line["phone"],
                "note": line["note"]}
    return None


def call_view(inst: Institution, district: District, lang: str,
              tr: NullTranslations) -> dict[str, object] | None:
    """The one number an institution's page offers to tap first, and whose it
    is: the institution's, else the help desk's, else the national help line's.
    ``intro`` says why the number is not the institution's own."""
    if inst.contact.phone:
        return {"whose": "institution", "label": Span(tr.gettext("Phone")), "intro": None,
                "name": named(inst.name, lang), "phone": phone_link(inst.contact.phone), "note": None}
    ask = ask_view(district, lang, tr)
    if ask is None:
        return None
    intro = (tr.gettext("No phone number for foreign patients has been verified yet. "
                        "The district's medical tourism help desk can put you in touch:")
             if ask["whose"] == "help_desk" else
             tr.gettext("No phone number for this institution has been verified yet. "
                        "Call the Korea Travel Helpline:"))
    return {**ask, "label": ask["name"], "intro": intro}


def place_view(place: Place, district: District, lang: str,
               tr: NullTranslations) -> dict[str, object]:
    """An embassy, mosque, prayer room or restaurant as a list entry; a place
    with neither address nor phone says whom to ask, with a number."""
    has_any = bool(place.address or place.phone or place.consular_phone or place.where.root)
    return {
        "id": place.id,
        "kind": place.kind,
        "name": named(place.name, lang),
        "name_ko": foreign(place.name[KOREAN], KOREAN, lang),
        **address_view(place.address, lang),
        "where": localized(place.where, lang),
        "phone": phone_link(place.phone) if place.phone else None,
        "consular_phone": phone_link(place.consular_phone) if place.consular_phone else None,
        "note": localized(place.note, lang),
        "maps": map_links(place.name[KOREAN], place.address.ko, None, None) if place.address else None,
        "missing": None if has_any else
        tr.gettext("Address and phone number not confirmed yet. Ask:"),
        "ask": ask_line_view(district, lang, tr),
    }


def symptoms_view(dataset: Dataset, lang: str, tr: NullTranslations) -> dict[str, object]:
    """Common complaints with their Korean and the department to ask for, in
    its words and Korean's, with how many partners list it (the directory
    link filters by it); and the signs that cannot wait, with 119."""
    rows = [{"id": key, "complaint": tr.pgettext(*words), "complaint_ko": foreign(korean, KOREAN, lang),
             "specialty": code, "department": tr.pgettext(*SPECIALTIES[code]),
             "department_ko": foreign(KOREAN_LABELS["specialty"][code], KOREAN, lang),
             "partners": sum(1 for i in dataset.institutions if code in i.specialties)}
            for key, (words, korean, code) in SYMPTOMS.items()]
    lines = dataset.district.all_lines()
    emergency = next((line_view(dataset.district, line_id, lang, tr) for line_id, line in lines.items()
                      if line.phone == "119"), None)
    return {"rows": rows, "emergency": emergency,
            "emergency_signs": tr.pgettext(*EMERGENCY_SIGNS[0]),
            "emergency_signs_ko": foreign(EMERGENCY_SIGNS[1], KOREAN, lang),
            "ask": ask_view(dataset.district, lang, tr)}


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
    ask = ask_view(district, lang, tr)
    by_desk = ask is None or ask["whose"] == "help_desk"
    return {
        "stale_notice": stale_notice,
        "id": inst.id,
        "name": named(inst.name, lang),
        "name_untranslated": inst.name.get(lang) is None,
        "name_ko": foreign(inst.name[KOREAN], KOREAN, lang),
        "category": tr.pgettext(*CATEGORIES[inst.category]),
        "summary": localized(inst.summary, lang),
        "specialties": specialties,
        "specialties_text": format_list(specialties, locale=site_language(lang).locale)
        if specialties else "",
        "languages": [language_name(code, lang) for code in inst.languages],
        "services": [tr.pgettext(*SERVICES[s]) for s in inst.services],
        "phone": phone_link(contact.phone) if contact.phone else None,
        "call": call_view(inst, district, lang, tr),
        "ask": ask,
        # What the page says where the data lacks a fact: whom to ask (the
        # number follows it), so that the text matches the number shown.
        "address_missing": tr.gettext(
            "The address has not been verified yet. Ask the district's medical tourism help desk.")
        if by_desk else tr.gettext("The address has not been verified yet. "
                                   "The Korea Travel Helpline can help:"),
        "languages_missing": tr.gettext(
            "Not yet confirmed. Ask the district's medical tourism help desk about interpretation.")
        if by_desk else tr.gettext("Not yet confirmed. The Korea Travel Helpline can help:"),
        "help_line": help_line_view(district, lang, tr),
        "email": contact.email,
        "website": contact.website,
        "channels": channels,
        "has_contact": bool(contact.phone or contact.email or contact.website or channels),
        **address_view(inst.address, lang),
        "opening_hours": hours_view(inst.opening_hours, lang, tr) if inst.opening_hours else [],
        "maps": map_links(inst.name[KOREAN], inst.address.ko if inst.address else None,
                          location.lat if location else None, location.lon if location else None),
        "jsonld": script_tag(institution_jsonld(inst, lang, page_url)) if page_url else None,
        "last_verified": format_day(inst.last_verified, lang),
        "partner_since": format_day(inst.partner.from_, lang) if inst.partner.from_ else None,
        "help_desk": help_desk_view(district, lang, tr),
        "trust": trust_view(inst, district, lang, tr),
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
    install_gettext(env, tr)  # newstyle, without "г.." after a Russian date
    env.filters["slugify"] = _slugify
    env.filters["mark_korean"] = mark_korean
    env.globals["driver_request_ko"] = DRIVER_REQUEST_KO
    env.globals["estimate_request_ko"] = ESTIMATE_REQUEST_KO
    return env


def render_institution(inst: Institution, district: District, lang: str,
                       tr: NullTranslations, stale_months: int | None = None,
                       site_url: str | None = None, default_language: str = "en",
                       words: SearchWords | None = None) -> str:
    """The Markdown source of one institution's page in one language; with
    ``stale_months``, a notice that its data is older than that; with
    ``site_url``, schema.org JSON-LD naming the page's absolute URL; with
    ``words``, the patients' words that should find it (search_words.py)."""
    page_url = (f"{language_root(site_url, lang, default_language)}{institution_path(inst.id)}"
                if site_url else None)
    view = institution_view(inst, district, lang, tr, stale_months, page_url)
    body = _environment(lang, tr).get_template("institution.md.j2").render(
        inst=view, search_words=words_for(words, inst, lang))
    picture = {"guidebook_picture": inst.picture} if inst.picture else {}
    return _front_matter(title=view["name"].text, guidebook_page="institution",
                         description=institution_description(view, district.name[lang], lang),
                         **picture) + body


def render_directory(dataset: Dataset, lang: str, tr: NullTranslations) -> str:
    """The Markdown source of the directory page (see directory.py)."""
    ctx = directory_context(dataset, lang, tr, institution_view)
    ctx["ask"] = ask_view(dataset.district, lang, tr)
    body = _environment(lang, tr).get_template("directory.md.j2").render(**ctx)
    return _front_matter(title=ctx["title"], guidebook_page="directory",
                         description=directory_description(
                             ctx, dataset.district.name[lang], lang)) + body


def generated_pages(dataset: Dataset, tr_for: dict[str, NullTranslations],
                    stale_ids: frozenset[str] | set[str] = frozenset(),
                    max_age_months: int = 12, site_url: str | None = None,
                    words: SearchWords | None = None) -> dict[str, str]:
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
                inst, dataset.district, lang, tr, stale, site_url, dataset.languages[0], words)
    return pages


# Any "<!-- guidebook:… -->" comment is an instruction to the build; a
# misspelt one is an error rather than a silent no-op. The kinds:
#   <!-- guidebook:institutions services=halal_meals,prayer_room -->  partners offering a service
#   <!-- guidebook:help-desk -->                                       the help desk and 1330
#   <!-- guidebook:help-desk phone -->                                 only its number
#   <!-- guidebook:places kind=embassy -->                             places of one kind
#   <!-- guidebook:help-lines [fire-ambulance,help-line,…] -->         help lines (all, or these ids)
#   <!-- guidebook:estimate-card -->                                   "the cost in writing, please", with its Korean
#   <!-- guidebook:symptoms -->                                        complaints -> departments, with their Korean
PLACEHOLDER = re.compile(r"<!--\s*guidebook:(.*?)-->", re.S)
LIST_ARGS = re.compile(r"^institutions\s+services\s*=\s*([a-z_]+(?:\s*,\s*[a-z_]+)*)\s*$")
PLACES_ARGS = re.compile(r"^places\s+kind\s*=\s*([a-z_]+)\s*$")
LINES_ARGS = re.compile(r"^help-lines(?:\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?\s*$")
HELP_DESK_LISTS = ("help-desk", "help-desk phone")
ESTIMATE_CARD = "estimate-card"
SYMPTOMS_LIST = "symptoms"
EXAMPLE = ("<!-- guidebook:institutions services=halal_meals,prayer_room -->, "
           "<!-- guidebook:help-desk [phone]-->, <!-- guidebook:help-lines [ids] -->, "
           "<!-- guidebook:estimate-card -->, <!-- guidebook:symptoms --> or "
           "<!-- guidebook:places kind=embassy -->")


class PlaceholderError(ValueError):
    """A content page asks for a list the build cannot make (an unknown
    service or kind of place, a misspelt instruction)."""


def expand_placeholders(markdown: str, dataset: Dataset, lang: str, tr: NullTranslations,
                        to_root: str = "") -> str:
    """Replace each ``<!-- guidebook:… -->`` line by what it asks for, from the
    data: so that a content page names the number or address itself instead of
    sending the reader elsewhere. Links are relative to the language's root
    through ``to_root`` (``../`` for a page one level down)."""
    env = _environment(lang, tr)

    def institutions(wanted: list[str]) -> str:
        unknown = [w for w in wanted if w not in SERVICES]
        if unknown:
            raise PlaceholderError(f"unknown service(s) {', '.join(unknown)} in a "
                                   f"guidebook:institutions list; known: {', '.join(SERVICES)}")
        items = [dict(institution_view(i, dataset.district, lang, tr),
                      matching=[tr.pgettext(*SERVICES[w]) for w in wanted if w in i.services])
                 for i in dataset.institutions if set(wanted) & set(i.services)]
        return env.get_template("institution_list.md.j2").render(
            items=items, base=f"{to_root}{GENERATED_DIR}/",
            ask=ask_view(dataset.district, lang, tr))

    def places(kind: str) -> str:
        if kind not in PLACE_KINDS:
            raise PlaceholderError(f"unknown kind of place '{kind}' in a guidebook:places list; "
                                   f"known: {', '.join(PLACE_KINDS)}")
        items = [place_view(p, dataset.district, lang, tr)
                 for p in dataset.places if p.kind == kind]
        return env.get_template("places.md.j2").render(items=items)

    def help_lines(wanted: list[str] | None) -> str:
        known = dataset.district.all_lines()
        unknown = [w for w in wanted or () if w not in known]
        if unknown:
            raise PlaceholderError(f"unknown line(s) {', '.join(unknown)} in a guidebook:help-lines "
                                   f"list; known: {', '.join(known)}")
        return env.get_template("help_lines.md.j2").render(
            items=[line_view(dataset.district, i, lang, tr) for i in wanted or known])

    def listing(match: re.Match[str]) -> str:
        instruction = match.group(1).strip()
        if instruction in HELP_DESK_LISTS:  # the whole desk, or its number
            return env.get_template("help_desk.md.j2").render(
                desk=help_desk_view(dataset.district, lang, tr),
                ask=ask_view(dataset.district, lang, tr), compact=instruction != "help-desk")
        if instruction == ESTIMATE_CARD:
            return env.get_template("estimate_card.md.j2").render()
        if instruction == SYMPTOMS_LIST:
            return env.get_template("symptoms.md.j2").render(
                **symptoms_view(dataset, lang, tr), base=f"{to_root}{GENERATED_DIR}/")
        if args := LIST_ARGS.match(instruction):
            return institutions([w.strip() for w in args.group(1).split(",")])
        if args := PLACES_ARGS.match(instruction):
            return places(args.group(1))
        if args := LINES_ARGS.match(instruction):
            return help_lines([w.strip() for w in args.group(1).split(",")] if args.group(1) else None)
        raise PlaceholderError(f"'{match.group(0)}' is not a guidebook list; write {EXAMPLE}")
    return PLACEHOLDER.sub(listing, markdown)


__all__ = ["generated_pages", "render_directory", "render_institution"]
