"""The forms as FHIR R4 Questionnaires: structure a FHIR server would accept."""

from __future__ import annotations

import pytest

from guidebook.forms.fhir import R4_ITEM_TYPES, TRANSLATION, link_ids, questionnaire
from guidebook.forms.model import load_forms
from tests.conftest import LANGS, ROOT

FORMS = load_forms(ROOT / "data" / "forms", LANGS).forms


def items(resource: dict):
    def walk(entries):
        for entry in entries:
            yield entry
            yield from walk(entry.get("item", []))
    yield from walk(resource["item"])


@pytest.fixture(params=[f.id for f in FORMS])
def resource(request) -> dict:
    form = next(f for f in FORMS if f.id == request.param)
    return questionnaire(form, LANGS, "https://guide.example.org/")


def test_forms_were_found() -> None:
    assert {f.id for f in FORMS} == {"history", "registration"}


def test_header(resource: dict) -> None:
    assert resource["resourceType"] == "Questionnaire"
    assert resource["url"] == f"https://guide.example.org/forms/{resource['id']}.questionnaire.json"
    assert resource["language"] == "ko" and resource["status"] in ("draft", "active")


def test_link_ids_are_unique_and_types_valid(resource: dict) -> None:
    ids = link_ids(resource)
    assert len(ids) == len(set(ids))
    for item in items(resource):
        assert item["type"] in R4_ITEM_TYPES, item["linkId"]
        assert item["text"].strip()
        if item["type"] == "group":
            assert item["item"]


def test_every_answer_option_has_code_and_display(resource: dict) -> None:
    choices = [i for i in items(resource) if i["type"] == "choice"]
    assert choices
    for item in choices:
        codes = [o["valueCoding"]["code"] for o in item["answerOption"]]
        assert len(codes) == len(set(codes)) >= 2
        for option in item["answerOption"]:
            assert option["valueCoding"]["code"] and option["valueCoding"]["display"]


def test_enable_when_refers_to_an_earlier_item_and_one_of_its_codes(resource: dict) -> None:
    seen: dict[str, dict] = {}
    conditional = 0
    for item in items(resource):
        for rule in item.get("enableWhen", []):
            conditional += 1
            target = seen[rule["question"]]  # earlier, and it exists
            assert rule["operator"] == "="
            codes = {o["valueCoding"]["code"] for o in target["answerOption"]}
            assert rule["answerCoding"]["code"] in codes
            assert item["enableBehavior"] == "any"
        seen[item["linkId"]] = item
    assert conditional


def test_multi_repeats_and_yes_no_has_three_codes(resource: dict) -> None:
    for item in items(resource):
        codes = [o["valueCoding"]["code"] for o in item.get("answerOption", [])]
        if codes == ["yes", "no", "unsure"]:
            assert [o["valueCoding"]["display"] for o in item["answerOption"]] == ["예", "아니요", "모름"]
    form = next(f for f in FORMS if f.id == resource["id"])
    multi = {i.id for i in form.items if i.type == "multi"}
    assert {i["linkId"] for i in items(resource) if i.get("repeats")} == multi


def test_every_text_carries_the_site_languages(resource: dict) -> None:
    expected = {"en", "zh-Hans", "mn", "ru", "ar"}
    for item in items(resource):
        tags = {next(e["valueCode"] for e in ext["extension"] if e["url"] == "lang")
                for ext in item["_text"]["extension"] if ext["url"] == TRANSLATION}
        assert tags == expected, item["linkId"]
    arabic = next(i for i in items(resource) if i["type"] != "group")["_text"]["extension"][-1]
    assert arabic["extension"][0]["valueCode"] == "ar" and arabic["extension"][1]["valueString"]
