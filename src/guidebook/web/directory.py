"""The directory page: every institution by category group, with filters.

The filters (category, specialty, language, service) work on the static site
with a small script (``overrides/assets/filter.js``) that hides what does not
match, updates the count and keeps the choice in the URL. Without JavaScript
the form stays hidden and the whole list is readable.

The language filter offers the languages institutions have confirmed, no
other: an empty list for a language nobody has reported is no answer. Under
the filters the page says how many institutions have not told which
languages they speak, and whom to ask, with the number to tap, so a
patient whose language is not offered (or who finds few) knows the list is
incomplete rather than that nobody speaks it.
"""

from __future__ import annotations

from babel.support import NullTranslations

from guidebook.common.i18n import language_name
from guidebook.data.model import Dataset
from guidebook.data.vocabulary import CATEGORIES, CATEGORY_GROUPS, GROUP_OF_CATEGORY, SERVICES, SPECIALTIES


def filter_options(dataset: Dataset, lang: str, tr: NullTranslations) -> list[dict[str, object]]:
    """The filters, each with the values that occur in the data, sorted by label."""
    insts = dataset.institutions
    used = {
        "category": {i.category for i in insts},
        "specialty": {s for i in insts for s in i.specialties},
        "language": {code for i in insts for code in i.languages},
        "service": {s for i in insts for s in i.services},
    }
    labels = {
        "category": lambda code: tr.pgettext(*CATEGORIES[code]),
        "specialty": lambda code: tr.pgettext(*SPECIALTIES[code]),
        "language": lambda code: language_name(code, lang),
        "service": lambda code: tr.pgettext(*SERVICES[code]),
    }
    titles = {"category": tr.gettext("Type"), "specialty": tr.gettext("Specialty"),
              "language": tr.gettext("Language spoken"), "service": tr.gettext("Service")}
    return [{"key": key, "title": titles[key],
             "options": sorted(((code, labels[key](code)) for code in codes), key=lambda o: o[1])}
            for key, codes in used.items() if codes]


def item_codes(inst) -> dict[str, str]:  # noqa: ANN001 - an Institution
    """The codes a filter compares, as space-separated attribute values."""
    return {"category": inst.category, "specialty": " ".join(inst.specialties),
            "language": " ".join(inst.languages), "service": " ".join(inst.services)}


def directory_context(dataset: Dataset, lang: str, tr: NullTranslations,
                      view) -> dict[str, object]:  # noqa: ANN001 - render.institution_view
    groups = []
    for group, label in CATEGORY_GROUPS.items():
        members = [i for i in dataset.institutions if GROUP_OF_CATEGORY[i.category] == group]
        if members:
            groups.append({"title": tr.pgettext(*label),
                           "items": [dict(view(i, dataset.district, lang, tr), codes=item_codes(i))
                                     for i in members]})
    count = len(dataset.institutions)
    unknown = sum(1 for i in dataset.institutions if not i.languages)
    return {
        # Worded without a plural: "N of M" agrees with neither number alone.
        "unknown_languages": tr.gettext(
            "Languages spoken not yet confirmed: %(num)d of %(total)d institutions.")
        % {"num": unknown, "total": count} if unknown else None,
        "ask_languages": tr.gettext("To find one that speaks your language, ask:") if unknown else None,
        "title": tr.gettext("Hospitals and partners"),
        "groups": groups,
        "filters": filter_options(dataset, lang, tr),
        "count_text": tr.ngettext("%(num)d partner institution", "%(num)d partner institutions",
                                  count) % {"num": count},
        # Filled in by filter.js; no plural needed: "Showing 3 of 15".
        "shown_template": tr.gettext("Showing %(shown)s of %(total)s") % {
            "shown": "{shown}", "total": count},
        "any_label": tr.gettext("Any"),
        "no_match": tr.gettext("No institution matches all these filters."),
        "show_all": tr.gettext("Show all institutions"),
        "filter_title": tr.gettext("Filter"),
    }
