"""The medical forms as web pages: ``forms/<id>.<lang>.md`` and ``forms/index.<lang>.md``.

A patient fills in a form on their phone in their own language; one button
turns the answers into a summary in Korean for the reception staff, a QR code
that opens the same answers on the staff's device (``/forms/read/``, a Korean
page), and a FHIR QuestionnaireResponse file. Everything after the page has
loaded happens in the browser (``overrides/assets/forms.js``): nothing typed is
sent anywhere.

This module makes the decisions that need the data and the catalogs: each
control's labels in the patient's language and in Korean, the "only if …"
notes of conditional items (the page without JavaScript is a printable blank
bilingual form), and the definition the script reads, with every Korean text
(option labels, the Korean name of the patient's language) computed here, at
build time. The pages are finished HTML handed to MkDocs like the institution
pages (``guidebook_page`` in the front matter).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from babel.lists import format_list
from babel.support import NullTranslations
from markupsafe import Markup

from guidebook.forms.handover import reading_table
from guidebook.forms.handover import version as handover_version
from guidebook.forms.model import RESERVED_IDS, YES_NO_CODES, YES_NO_KO, Form, Item, unreviewed
from guidebook.common.i18n import KOREAN, language_name, site_language
from guidebook.web.render import _environment, _front_matter

# The folder (below the docs folder, and in each language's site) of the form pages.
FORMS_DIR = "forms"
# The Korean reading page of a QR code, once for the whole site: /forms/read/.
READER_DIR = f"{FORMS_DIR}/read"
# The browser files, all in the site root's assets/ (the languages share it):
# the site's own (overrides/assets/) and the QR library (copied at post-build).
SCRIPT = "assets/forms.js"
HANDOVER = "assets/handover.js"
STYLE = "assets/forms.css"
QR_LIBRARY = "assets/vendor/qrcode-generator/qrcode.js"
# A QR code denser than version 27 (125 modules a side) is hard to scan from a
# phone screen: about 2.8 px per module in a 350 px wide code on a 390 px wide
# screen (8 device pixels at the usual 3x), what a camera at arm's length still
# resolves. At error correction level M (15 % of a code may be unreadable:
# glare, a fold in a printout), version 27 holds about 1,500 characters of the
# hand-over's alphanumeric text (1,100 bytes in byte mode). A summary that
# needs more is cut into several codes, at most QR_MAX_CODES (forms.js reads both
# from the page's definition); the browser suite measures that a full history with 300
# characters in each free-text field needs at most two in every language.
QR_MAX_VERSION = 27
QR_MAX_CODES = 4


def korean_language_name(lang: str) -> str:
    """The Korean name of a site language, from CLDR.

    >>> korean_language_name("mn"), korean_language_name("zh")
    ('몽골어', '중국어')
    """
    return language_name(lang, KOREAN)


def _with_ro(word: str) -> str:
    """A Korean word with the particle 로/으로 its last syllable takes.

    >>> _with_ro("몽골어"), _with_ro("독일"), _with_ro("한국")
    ('몽골어로', '독일로', '한국으로')
    """
    last = ord(word[-1]) - 0xAC00
    final = last % 28 if 0 <= last < 11172 else 0
    return word + ("로" if final in (0, 8) else "으로")


def written_in(lang: str) -> str:
    """The flag beside free text for the staff: the patient wrote it in ``lang``.

    >>> written_in("mn")
    '환자가 몽골어로 작성 — 통역이 필요할 수 있습니다'
    """
    return f"환자가 {_with_ro(korean_language_name(lang))} 작성 — 통역이 필요할 수 있습니다"


def dom_id(form: Form, item: Item) -> str:
    return f"{form.id}-{item.id}".replace("_", "-")


def yes_no_words(tr: NullTranslations) -> dict[str, str]:
    """The answers of a yes/no item in the patient's language (the Korean ones
    are ``forms.YES_NO_KO``)."""
    words = {"yes": tr.gettext("Yes"), "no": tr.gettext("No"), "unsure": tr.gettext("Not sure")}
    assert tuple(words) == YES_NO_CODES
    return words


def _answer_labels(item: Item, lang: str, tr: NullTranslations) -> dict[str, tuple[str, str]]:
    """Each answer code of a choice, multi or yes/no item: (patient's label, Korean)."""
    if item.type == "yesno":
        words = yes_no_words(tr)
        return {code: (words[code], YES_NO_KO[code]) for code in YES_NO_CODES}
    return {o.code: (o.label[lang], o.label[KOREAN]) for o in item.options}


def _condition_note(item: Item, by_id: Mapping[str, Item], lang: str,
                    tr: NullTranslations) -> str | None:
    """"Only if …" for a conditional item, in the patient's language: what the
    page without JavaScript (or printed) says instead of hiding the item."""
    if item.when is None:
        return None
    target = by_id[item.when.item]
    labels = _answer_labels(target, lang, tr)
    answers = format_list([f"“{labels[c][0]}”" for c in item.when.any_of], style="or",
                          locale=site_language(lang).locale)
    return tr.gettext("Only if the answer to “%(question)s” is %(answers)s.") % {
        "question": target.label[lang], "answers": answers}


def _item_view(form: Form, item: Item, index: int, by_id: Mapping[str, Item], lang: str,
               tr: NullTranslations) -> dict[str, object]:
    ident = dom_id(form, item)
    if item.type == "scale":
        assert item.min is not None and item.max is not None
        options = [{"code": str(n), "label": str(n), "label_ko": None, "id": f"{ident}-{n}"}
                   for n in range(int(item.min), int(item.max) + 1)]
    else:
        options = [{"code": code, "label": label, "label_ko": ko, "id": f"{ident}-{n}"}
                   for n, (code, (label, ko)) in enumerate(_answer_labels(item, lang, tr).items())]
    return {
        "id": item.id, "index": index, "dom_id": ident, "type": item.type,
        "group": item.type in ("choice", "multi", "yesno", "scale"),
        "input": "checkbox" if item.type == "multi" else "radio",
        "label": item.label[lang], "label_ko": item.label[KOREAN],
        "help": item.help[lang] if item.help else None,
        "required": item.required,
        "max_length": item.text_limit if item.type == "text" else None,
        "long": item.long, "latin": item.latin,
        "note": _condition_note(item, by_id, lang, tr),
        "when_item": dom_id(form, by_id[item.when.item]) if item.when else None,
        "when_codes": " ".join(item.when.any_of) if item.when else None,
        "options": options,
        "min": _number(item.min), "max": _number(item.max),
        "unit": item.unit[lang] if item.unit else None,
        "low": item.low[lang] if item.low else None,
        "high": item.high[lang] if item.high else None,
    }


def _number(value: float | None) -> str | None:
    """A limit as the page writes it (``30``, not ``30.0``)."""
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def client_definition(form: Form, lang: str, tr: NullTranslations) -> dict[str, object]:
    """What ``forms.js`` needs on a form page: the form's reading table
    (``handover.reading_table``: Korean labels, types, codes, conditions,
    limits) with the patient's labels, text limits and messages."""
    data = reading_table(form)
    by_id = {item.id: item for item in form.items}
    for entry in data["items"]:  # type: ignore[union-attr]
        item = by_id[entry["id"]]
        entry["label"] = item.label[lang]
        if item.type == "text":
            entry["maxLength"] = item.text_limit
            if item.latin:
                entry["latin"] = True
    data.update(lang=lang, tag=site_language(lang).html_lang, title=form.title[lang],
                writtenKo=written_in(lang), messages=_messages(tr),
                qr={"maxVersion": QR_MAX_VERSION, "maxCodes": QR_MAX_CODES})
    return data


def reader_data(forms: Sequence[Form], languages: Sequence[str],
                versions: Mapping[str, Mapping[str, object]]) -> dict[str, object]:
    """What the reading page needs: every readable version of every form
    (``versions``: form id -> version -> reading table) and, per site
    language, its tag and the Korean words about it."""
    return {"forms": {f.id: dict(versions.get(f.id) or {handover_version(f): reading_table(f)})
                      for f in forms},
            "tags": {code: site_language(code).html_lang for code in languages},
            "writtenKo": {code: written_in(code) for code in languages},
            "languagesKo": {code: korean_language_name(code) for code in languages}}


def _messages(tr: NullTranslations) -> dict[str, str]:
    """The script's texts in the patient's language (placeholders: {min}, {max}, {count})."""
    return {
        "required": tr.gettext("Please answer this question."),
        "number": tr.gettext("Please write a number."),
        "range": tr.gettext("Please write a number from %(min)s to %(max)s.") % {
            "min": "{min}", "max": "{max}"},
        "date": tr.gettext("Please choose a date."),
        "invalid": tr.gettext("Some answers need your attention: %(count)s.") % {
            "count": "{count}"},
        "saved": tr.gettext("Your answers are kept on this phone."),
        "deleted": tr.gettext("Your answers were deleted from this phone."),
        "qrTooLong": tr.gettext("There are too many answers for one QR code. Show this screen "
                                "to the staff or print it."),
        "qrLabel": tr.gettext("QR code: the staff scan it to read your answers in Korean."),
        "qrPart": tr.gettext("QR code %(k)s of %(n)s") % {"k": "{k}", "n": "{n}"},
        "qrParts": tr.gettext("The staff scan every code, in any order; the last one opens your "
                              "answers in Korean."),
        "roomCodes": tr.gettext("Your answers now need %(n)s QR codes.") % {"n": "{n}"},
        "roomFull": tr.gettext("Your answers are now too long for the QR codes: shorten the "
                               "longest text, or show your screen to the staff."),
        "latin": tr.gettext("Please write this in Latin letters (A–Z), as in your passport."),
        "sendShared": tr.gettext("Sent. Thank you."),
        "sendCopied": tr.gettext("Copied. Paste it into your message to the hospital."),
        "sendSaved": tr.gettext("Saved as a file. Attach it to your message to the hospital."),
    }


def script_json(data: object) -> Markup:
    """``data`` as JSON safe inside ``<script type="application/json">``.

    >>> str(script_json({"a": "</script>&"}))
    '{"a":"\\\\u003c/script\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def to_site_root(lang: str, default_language: str, depth: int) -> str:
    """From a page ``depth`` folders below its language's root up to the site root.

    >>> to_site_root("zh", "en", 2), to_site_root("en", "en", 2)
    ('../../../', '../../')
    """
    return "../" * (depth + (0 if lang == default_language else 1))


def form_view(form: Form, lang: str, tr: NullTranslations,
              default_language: str) -> dict[str, object]:
    by_id = {item.id: item for item in form.items}
    items = {item.id: n for n, item in enumerate(form.items)}
    root = to_site_root(lang, default_language, 2)
    return {
        "id": form.id, "lang": lang, "tag": site_language(lang).html_lang,
        "title": form.title[lang], "title_ko": form.title[KOREAN],
        "intro": form.intro[lang] if form.intro else None,
        "unreviewed": lang in unreviewed(form),
        "sections": [{"id": f"{form.id}-{s.id}".replace("_", "-"), "title": s.title[lang],
                      "title_ko": s.title[KOREAN],
                      "items": [_item_view(form, i, items[i.id], by_id, lang, tr) for i in s.items]}
                     for s in form.sections],
        "data": script_json(client_definition(form, lang, tr)),
        "script": root + SCRIPT,
        "handover": root + HANDOVER,
        "style": root + STYLE,
        "qr_library": root + QR_LIBRARY,
        "reader": root + READER_DIR + "/",
        "questionnaire": root + questionnaire_path(form.id),
        "response_file": f"{form.id}-{lang}.questionnaire-response.json",
        "text_file": f"{form.id}-{lang}.ko.txt",
        # The bilingual blank forms (downloads.py), from /<lang>/forms/<id>/.
        "print_pdf": f"../../downloads/forms-{lang}.pdf",
    }


def questionnaire_path(form_id: str) -> str:
    """Where a form's FHIR Questionnaire is published, below the site root."""
    return f"{FORMS_DIR}/{form_id}.questionnaire.json"


def render_form_page(form: Form, lang: str, tr: NullTranslations, default_language: str) -> str:
    view = form_view(form, lang, tr, default_language)
    body = _environment(lang, tr).get_template("form.md.j2").render(f=view)
    # The release check reads a page's review mark: a form page's is the form's.
    return _front_matter(title=view["title"], guidebook_page="form",
                         translation_review=form.review[lang]) + body


def render_forms_index(forms: Sequence[Form], lang: str, tr: NullTranslations,
                       default_language: str) -> str:
    root = to_site_root(lang, default_language, 1)
    entries = [{"id": f.id, "title": f.title[lang], "title_ko": f.title[KOREAN],
                "intro": f.intro[lang] if f.intro else None,
                "questionnaire": root + questionnaire_path(f.id)} for f in forms]
    title = tr.gettext("Fill in the forms before your visit")
    body = _environment(lang, tr).get_template("forms_index.md.j2").render(
        title=title, forms=entries, style=root + STYLE)
    # Its texts are the forms' titles and intros: reviewed when all of them are.
    review = "unreviewed" if any(lang in unreviewed(f) for f in forms) else "reviewed"
    return _front_matter(title=title, guidebook_page="forms", translation_review=review) + body


def form_pages(forms: Sequence[Form], tr_for: Mapping[str, NullTranslations],
               default_language: str) -> dict[str, str]:
    """Every form page of every language, keyed by its path below the docs folder."""
    pages = {}
    for lang, tr in tr_for.items():
        pages[f"{FORMS_DIR}/index.{lang}.md"] = render_forms_index(forms, lang, tr, default_language)
        for form in forms:
            if form.id in RESERVED_IDS:
                raise ValueError(f"a form cannot be called '{form.id}': /{FORMS_DIR}/{form.id}/ "
                                 f"is another page")
            pages[f"{FORMS_DIR}/{form.id}.{lang}.md"] = render_form_page(form, lang, tr,
                                                                         default_language)
    return pages


@lru_cache(maxsize=1)
def _reader_template():  # noqa: ANN202
    return _environment(KOREAN, NullTranslations()).get_template("form_reader.html.j2")


def reader_page(forms: Sequence[Form], languages: Sequence[str],
                versions: Mapping[str, Mapping[str, object]] | None = None) -> str:
    """The Korean page a QR code opens: ``/forms/read/#<answers>``, for any
    form and any readable version of it."""
    data = reader_data(forms, languages, versions or {})
    return _reader_template().render(data=script_json(data), script="../../" + SCRIPT,
                                     handover="../../" + HANDOVER)


def write_site_files(site_dir: Path, forms: Sequence[Form], languages: Sequence[str],
                     qr_library: Path, site_url: str | None,
                     versions: Mapping[str, Mapping[str, object]] | None = None) -> list[Path]:
    """What the form pages need once per site: the reading page, the QR library
    with its licence, and each form's FHIR Questionnaire."""
    from guidebook.forms.fhir import questionnaire  # noqa: PLC0415 - only the post-build needs it
    from guidebook.forms.vendor import copy_qr_library  # noqa: PLC0415

    written = copy_qr_library(qr_library, site_dir / QR_LIBRARY)
    reader = site_dir / READER_DIR / "index.html"
    reader.parent.mkdir(parents=True, exist_ok=True)
    reader.write_text(reader_page(forms, languages, versions), encoding="utf-8")
    written.append(reader)
    for form in forms:
        path = site_dir / questionnaire_path(form.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(questionnaire(form, languages, site_url), ensure_ascii=False,
                                   indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written
