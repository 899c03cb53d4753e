"""Help lines as a page offers them: never a line in a language it does not
answer in without saying so and giving the one that does.

Every help line in the data (``district.help_line``, ``support_center``,
``dispute_agency``, ``lines`` and the help desk's phone) carries the
languages it answers in and, in ``instead``, the lines for a reader whose
language it lacks. :func:`statement` is what a page says beside such a
number; :func:`annotate` adds it after every ``tel:`` link of a finished page
(hand-written pages and generated ones alike) that does not say it already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.lists import format_list
from babel.support import NullTranslations
from markupsafe import Markup, escape

from guidebook.common.i18n import KOREAN, language_name, site_language
from guidebook.data.model import District
from guidebook.web.links import phone_link
from guidebook.web.render import Span, mark_korean, named

DESK = "help-desk"  # the id the help desk's phone goes by


@dataclass(frozen=True)
class Line:
    """What a page needs to know of one number."""

    id: str
    name: Span
    hrefs: tuple[str, ...]  # tel: links that dial it
    phone: dict[str, str]
    languages: tuple[str, ...]  # empty: not confirmed by any source
    instead: tuple[str, ...]


def lines(district: District, lang: str) -> dict[str, Line]:
    """Every number the data offers as a help line, by id (the desk as ``help-desk``)."""
    found: dict[str, Line] = {}
    for line_id, line in district.all_lines().items():
        numbers = [line.phone] + ([line.phone_abroad] if line.phone_abroad else [])
        found[line_id] = Line(line_id, named(line.name, lang),
                              tuple(phone_link(n)["href"] for n in numbers), phone_link(line.phone),
                              line.languages, line.instead)
    desk = district.help_desk
    if desk.phone:
        found[DESK] = Line(DESK, named(desk.name, lang), (phone_link(desk.phone)["href"],),
                           phone_link(desk.phone), desk.languages, desk.instead)
    return found


def serves(languages: tuple[str, ...], lang: str) -> bool:
    """Whether a line with these languages answers a reader of ``lang`` (a
    line whose languages no source gives does not, as far as anyone knows)."""
    base = lang.split("-")[0]
    return base in {code.split("-")[0] for code in languages}


def alternative(known: dict[str, Line], line: Line, lang: str) -> Line | None:
    """The first line of ``line.instead`` that answers in ``lang``."""
    return next((known[i] for i in line.instead if i in known and serves(known[i].languages, lang)),
                None)


def language_list(languages: tuple[str, ...], lang: str) -> str:
    return format_list([language_name(code, lang) for code in languages],
                       locale=site_language(lang).locale)


def _span(s: Span) -> Markup:
    if s.lang is None:
        return mark_korean(s.text)
    inner = escape(s.text) if s.lang == KOREAN else mark_korean(s.text)
    direction = Markup(' dir="{}"').format(s.dir) if s.dir else ""
    return Markup('<span lang="{}"{}>{}</span>').format(s.lang, direction, inner)


def _tel(phone: dict[str, str]) -> Markup:
    return Markup('<a class="gb-tel" href="{}"><bdi dir="ltr">{}</bdi></a>').format(
        phone["href"], phone["display"])


def statement(known: dict[str, Line], line_id: str, lang: str, tr: NullTranslations,
              always: bool = False) -> Markup:
    """What a page says beside the number of ``line_id`` for a reader of
    ``lang``: nothing when the line answers in it (unless ``always``: its
    languages then), else its languages (or that none are confirmed), that
    the reader's is not among them, and the line of ``instead`` that has it."""
    line = known[line_id]
    served = serves(line.languages, lang)
    if served and not always:
        return Markup("")
    reader = language_name(lang, lang)
    parts = [escape(tr.gettext("Languages: %(list)s.") % {"list": language_list(line.languages, lang)})
             if line.languages else escape(tr.gettext("Languages not confirmed."))]
    if not served:
        if line.languages:  # when none are confirmed, absence is not known either
            parts.append(Markup("<strong>{}</strong>").format(
                tr.gettext("%(language)s is not among them.") % {"language": reader}))
        other = alternative(known, line, lang)
        if other is not None:
            parts.append(Markup("{} <strong>{}</strong>: {}").format(
                tr.gettext("In %(language)s:") % {"language": reader}, _span(other.name),
                _tel(other.phone)))
    return Markup('<small class="gb-line-languages" data-line="{}">{}</small>').format(
        line_id, Markup(" ").join(parts))


_TEL = re.compile(r'<a\b[^>]*\bhref="(tel:[^"]+)"[^>]*>.*?</a>', re.S)
_BLOCK_END = re.compile(r"</(p|li|td|th|dd|h[1-6])>")
_NOTES = re.compile(r'(?:\s*<p class="gb-line-note">.*?</p>)*', re.S)


def annotate(html: str, district: District, lang: str, tr: NullTranslations) -> str:
    """``html`` with a :func:`statement` for each help-line number offered to
    a reader whose language the line lacks, at the end of the number's block
    (paragraph, list item, table cell), unless the block says it already. In
    a heading the statement follows the heading as a paragraph of its own."""
    known = lines(district, lang)
    by_href = {href: line.id for line in known.values() for href in line.hrefs}
    out: list[str] = []
    pending: dict[int, list[str]] = {}  # position of a heading's end -> paragraphs after it
    last = 0
    said: set[tuple[int, str]] = set()  # (block end, line): one statement a block
    for match in _TEL.finditer(html):
        line_id = by_href.get(match.group(1))
        if line_id is None or serves(known[line_id].languages, lang):
            continue
        end = _BLOCK_END.search(html, match.end())
        block_end = end.start() if end else len(html)
        start = max(html.rfind("<p", 0, match.start()), html.rfind("<li", 0, match.start()),
                    html.rfind("<td", 0, match.start()), html.rfind("<h", 0, match.start()))
        block = html[max(start, 0):block_end]
        if end and end.group(1).startswith("h"):  # a heading's notes follow it
            notes = _NOTES.match(html, end.end())
            block += notes.group(0) if notes else ""
        if f'data-line="{line_id}"' in block or (block_end, line_id) in said:
            continue  # the block says it already
        said.add((block_end, line_id))
        note = statement(known, line_id, lang, tr)
        if end and end.group(1).startswith("h"):
            pending.setdefault(end.end(), []).append(f'<p class="gb-line-note">{note}</p>')
            continue
        # at the end of the block, so that a sentence around the number stays whole
        out.append(html[last:block_end])
        out.append(f" {note}")
        last = block_end
    out.append(html[last:])
    text = "".join(out)
    if not pending:
        return text
    # headings' notes: re-find the positions in the annotated text by the original offsets
    return annotate_after_headings(html, text, pending)


def annotate_after_headings(original: str, annotated: str, pending: dict[int, list[str]]) -> str:
    """Insert the paragraphs of ``pending`` (keyed by offsets in ``original``)
    into ``annotated``, which differs from ``original`` only by insertions
    inside blocks that are not headings: a heading's closing tag is found by
    counting the headings' ends before it."""
    ends = [m.end() for m in re.finditer(r"</h[1-6]>", original)]
    wanted = {ends.index(offset): notes for offset, notes in pending.items()}
    out, last = [], 0
    for n, m in enumerate(re.finditer(r"</h[1-6]>", annotated)):
        if n in wanted:
            out.append(annotated[last:m.end()])
            out.append("\n" + "\n".join(wanted[n]))
            last = m.end()
    out.append(annotated[last:])
    return "".join(out)
