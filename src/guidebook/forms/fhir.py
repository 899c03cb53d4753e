"""Each medical form as a FHIR R4 ``Questionnaire`` (``/forms/<id>.questionnaire.json``).

A hospital system that speaks FHIR can import the form and read the
``QuestionnaireResponse`` file the summary page offers (built in the browser
by ``forms.js`` from the same link ids and codes). The Questionnaire's own
language is Korean, the staff's; the patient's languages ride along as the
standard ``translation`` extension on each text (``_text``, ``_title``,
``_display``), tagged with the site's BCP 47 tags.

Type mapping: text -> string, date -> date, number -> decimal, scale ->
integer (with minValue/maxValue), choice and multi -> choice (multi repeats),
yes/no -> choice with the codes yes/no/unsure (``boolean`` has no "not
sure"). A condition becomes one ``enableWhen`` per accepted code with
``enableBehavior: any``. Help text is a ``display`` child with the "help"
item control. Codes are the form's own, without a code system.
"""

from __future__ import annotations

from collections.abc import Sequence

from guidebook.forms.model import YES_NO_KO, Form, Item, Localized, unreviewed
from guidebook.common.i18n import KOREAN, html_lang

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
TYPES = {"text": "string", "date": "date", "number": "decimal", "scale": "integer",
         "choice": "choice", "multi": "choice", "yesno": "choice"}
# The types R4 allows for Questionnaire.item.type.
R4_ITEM_TYPES = frozenset({"group", "display", "boolean", "decimal", "integer", "date", "dateTime",
                           "time", "string", "text", "url", "choice", "open-choice",
                           "attachment", "reference", "quantity"})


def translations(text: Localized, languages: Sequence[str]) -> dict[str, list[dict]]:
    """The ``_text``-style element carrying ``text`` in each site language."""
    return {"extension": [
        {"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": html_lang(lang)},
                                           {"url": "content", "valueString": text[lang]}]}
        for lang in languages]}


def _options(item: Item, languages: Sequence[str]) -> list[dict]:
    if item.type == "yesno":
        from guidebook.forms.pages import yes_no_words  # noqa: PLC0415 - the patient's words come from gettext
        from guidebook.common.i18n import translations as catalog  # noqa: PLC0415

        words = {lang: yes_no_words(catalog(lang)) for lang in languages}
        return [{"valueCoding": {"code": code, "display": YES_NO_KO[code],
                                 "_display": {"extension": [
                                     {"url": TRANSLATION, "extension": [
                                         {"url": "lang", "valueCode": html_lang(lang)},
                                         {"url": "content", "valueString": words[lang][code]}]}
                                     for lang in languages]}}}
                for code in YES_NO_KO]
    return [{"valueCoding": {"code": o.code, "display": o.label[KOREAN],
                             "_display": translations(o.label, languages)}} for o in item.options]


def _item(item: Item, languages: Sequence[str]) -> dict:
    entry: dict = {"linkId": item.id, "text": item.label[KOREAN],
                   "_text": translations(item.label, languages),
                   "type": "text" if item.long else TYPES[item.type]}
    if item.type == "text":
        entry["maxLength"] = item.text_limit
    if item.required:
        entry["required"] = True
    if item.type == "multi":
        entry["repeats"] = True
    if item.when is not None:
        entry["enableWhen"] = [{"question": item.when.item, "operator": "=",
                                "answerCoding": {"code": code}} for code in item.when.any_of]
        entry["enableBehavior"] = "any"
    if item.type in ("choice", "multi", "yesno"):
        entry["answerOption"] = _options(item, languages)
    value = "valueInteger" if item.type == "scale" else "valueDecimal"
    limits = [{"url": url, value: int(limit) if item.type == "scale" else limit}
              for url, limit in ((MIN_VALUE, item.min), (MAX_VALUE, item.max)) if limit is not None]
    if limits:
        entry["extension"] = limits
    if item.help is not None:
        entry["item"] = [{
            "linkId": f"{item.id}.help", "type": "display", "text": item.help[KOREAN],
            "_text": translations(item.help, languages),
            "extension": [{"url": ITEM_CONTROL, "valueCodeableConcept": {"coding": [
                {"system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help"}]}}],
        }]
    return entry


def questionnaire(form: Form, languages: Sequence[str], site_url: str | None = None) -> dict:
    """The form as a FHIR R4 Questionnaire (a JSON-ready dict); ``url`` is its
    address on the site when ``site_url`` is known."""
    from guidebook.forms.pages import questionnaire_path  # noqa: PLC0415

    resource: dict = {"resourceType": "Questionnaire", "id": form.id, "language": KOREAN}
    if site_url:
        resource["url"] = site_url.rstrip("/") + "/" + questionnaire_path(form.id)
    resource.update({
        "name": form.id.replace("-", "_"),
        "title": form.title[KOREAN], "_title": translations(form.title, languages),
        # Medical wording a reviewer has not approved in every language is a draft.
        "status": "draft" if unreviewed(form) else "active",
        "item": [{"linkId": s.id, "type": "group", "text": s.title[KOREAN],
                  "_text": translations(s.title, languages),
                  "item": [_item(i, languages) for i in s.items]} for s in form.sections],
    })
    if form.intro is not None:
        resource["description"] = form.intro[KOREAN]
    return resource


def link_ids(resource: dict) -> list[str]:
    """Every linkId of a Questionnaire, in document order."""
    found = []

    def walk(items: list[dict]) -> None:
        for item in items:
            found.append(item["linkId"])
            walk(item.get("item", []))
    walk(resource.get("item", []))
    return found
