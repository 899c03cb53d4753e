"""Patients' words: what patients type when they look for a specialty, a
service or a kind of place (``data/search-words.yaml``), per language.

An institution page carries the words of its specialties, services and
category in its own language as a block that Pagefind indexes but that
neither eyes nor screen readers get (``hidden``): "глаз" finds the eye
hospital although its page says "офтальмология". The official labels are on
the pages already; translators list other words.
"""

from __future__ import annotations

from pydantic import Field

from guidebook.data.model import ByLanguage, Category, Institution, Service, Specialty, Strict, Text


class Words(ByLanguage[tuple[Text, ...]]):
    """The words of one code, per site language (any of them)."""


class SearchWords(Strict):
    specialties: dict[Specialty, Words] = Field(default_factory=dict)  # type: ignore[valid-type]
    services: dict[Service, Words] = Field(default_factory=dict)  # type: ignore[valid-type]
    categories: dict[Category, Words] = Field(default_factory=dict)  # type: ignore[valid-type]


def words_for(words: SearchWords | None, inst: Institution, lang: str) -> list[str]:
    """The words that should find ``inst`` in ``lang``, each once, in the
    order of the data (specialties, services, category)."""
    if words is None:
        return []
    found: list[str] = []
    codes = ([(words.specialties, s) for s in inst.specialties]
             + [(words.services, s) for s in inst.services]
             + [(words.categories, inst.category)])
    for table, code in codes:
        entry = table.get(code)
        for word in (entry.get(lang) or ()) if entry is not None else ():
            if word not in found:
                found.append(word)
    return found
