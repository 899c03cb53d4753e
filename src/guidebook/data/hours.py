"""Opening hours: a small, strict subset of OpenStreetMap's ``opening_hours``.

Editors write ``Mo-Fr 09:00-18:00; Sa 09:00-13:00; Su off`` (the syntax OSM
and many tools use); the page shows it with the reader's day names from CLDR.
Anything outside the subset is refused at load time with an example, rather
than shown to a patient half-understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale
from babel.dates import get_day_names

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_RANGE = r"(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?"
_TIME = r"([01]\d|2[0-4]):([0-5]\d)"
_SPAN = rf"{_TIME}-{_TIME}"
_RULE = re.compile(rf"^(?P<days>{_DAY_RANGE}(?:,{_DAY_RANGE})*|PH)\s+(?P<times>off|{_SPAN}(?:,{_SPAN})*)$")


@dataclass(frozen=True)
class Rule:
    days: tuple[int, ...]  # 0 = Monday; empty for public holidays
    spans: tuple[tuple[str, str], ...]  # () = closed
    holidays: bool = False


class HoursError(ValueError):
    """The text is not in the supported opening-hours syntax."""


def parse(text: str) -> tuple[Rule, ...]:
    """Rules from ``text``; ``24/7`` is one rule for every day.

    >>> parse("Mo-Fr 09:00-18:00; Su off")[0].days
    (0, 1, 2, 3, 4)
    >>> parse("Sa 09:00-12:30,13:30-17:00")[0].spans
    (('09:00', '12:30'), ('13:30', '17:00'))
    """
    if text.strip() == "24/7":
        return (Rule(tuple(range(7)), (("00:00", "24:00"),)),)
    rules = []
    for part in (p.strip() for p in text.split(";")):
        match = _RULE.match(part)
        if not match:
            raise HoursError(part)
        days_text, times = match.group("days"), match.group("times")
        spans = () if times == "off" else tuple(tuple(s.split("-")) for s in times.split(","))
        if days_text == "PH":
            rules.append(Rule((), spans, holidays=True))
            continue
        days: list[int] = []
        for item in days_text.split(","):
            first, _, last = item.partition("-")
            start, end = DAYS.index(first), DAYS.index(last or first)
            if end < start:
                raise HoursError(part)
            days.extend(range(start, end + 1))
        rules.append(Rule(tuple(days), spans))  # type: ignore[arg-type]
    return tuple(rules)


def _day_groups(days: tuple[int, ...]) -> list[tuple[int, int]]:
    groups: list[tuple[int, int]] = []
    for day in days:
        if groups and groups[-1][1] == day - 1:
            groups[-1] = (groups[-1][0], day)
        else:
            groups.append((day, day))
    return groups


def format_rules(rules: tuple[Rule, ...], locale: Locale, closed: str,
                 holidays: str) -> list[tuple[str, str]]:
    """(days, times) lines in the reader's language; times stay 24-hour.

    >>> from babel import Locale
    >>> format_rules(parse("Mo-Fr 09:00-18:00; Su off"), Locale.parse("ru"), "закрыто", "праздники")
    [('пн–пт', '09:00–18:00'), ('вс', 'закрыто')]
    """
    names = get_day_names("abbreviated", locale=locale)
    lines = []
    for rule in rules:
        if rule.holidays:
            days = holidays
        else:
            days = ", ".join(names[a] if a == b else f"{names[a]}–{names[b]}"
                             for a, b in _day_groups(rule.days))
        times = ", ".join(f"{a}–{b}" for a, b in rule.spans) if rule.spans else closed
        lines.append((days, times))
    return lines
