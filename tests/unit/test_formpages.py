"""The form pages as rendered HTML: labels in both languages, ARIA ties,
conditions as notes, no submission, the script's definition."""

from __future__ import annotations

import json
import re

import pytest

from guidebook.forms.pages import client_definition, form_pages, render_form_page, written_in
from guidebook.forms.model import load_forms
from guidebook.common.i18n import translations
from tests.conftest import LANGS, ROOT

FORMS = {f.id: f for f in load_forms(ROOT / "data" / "forms", LANGS).forms}


@pytest.fixture(scope="module")
def mn_registration() -> str:
    return render_form_page(FORMS["registration"], "mn", translations("mn"), "en")


def test_every_control_has_its_label_with_the_korean_beside_it(mn_registration: str) -> None:
    form = FORMS["registration"]
    for item in form.items:
        assert f'{item.label["mn"]} <span class="gb-ko" lang="ko">{item.label["ko"]}</span>' in (
            mn_registration.replace("&#39;", "'")), item.id
    inputs = re.findall(r'<input [^>]*id="([^"]+)"', mn_registration)
    labelled = set(re.findall(r'<label [^>]*for="([^"]+)"', mn_registration))
    assert set(inputs) <= labelled


def test_groups_are_fieldsets_with_legends_and_help_is_tied(mn_registration: str) -> None:
    form = FORMS["registration"]
    groups = [i for i in form.items if i.type in ("choice", "multi", "yesno", "scale")]
    assert mn_registration.count("<fieldset") == len(groups)
    assert mn_registration.count("<legend>") == len(groups)
    for item in form.items:
        if item.help:
            ident = f"registration-{item.id}".replace("_", "-")
            assert f'aria-describedby="{ident}-help"' in mn_registration
            assert f'id="{ident}-help"' in mn_registration


def test_a_condition_is_a_note_and_a_data_attribute(mn_registration: str) -> None:
    note = re.search(r'data-item="nationality_other"[^>]*>.*?<p class="gb-when">(.*?)</p>',
                     mn_registration, re.S)
    assert note and note.group(1).startswith("Зөвхөн “")
    assert 'data-when="registration-nationality" data-any-of="other"' in mn_registration


def test_nothing_is_submitted(mn_registration: str) -> None:
    form_tag = re.search(r"<form [^>]*>", mn_registration).group(0)
    assert "action=" not in form_tag and "method=" not in form_tag
    assert 'type="submit"' not in mn_registration


def test_definition_for_the_script() -> None:
    data = client_definition(FORMS["history"], "mn", translations("mn"))
    assert data["writtenKo"] == written_in("mn") == "환자가 몽골어로 작성 — 통역이 필요할 수 있습니다"
    sex = next(i for i in data["items"] if i["id"] == "sex")
    assert sex["options"] == [["female", "여성"], ["male", "남성"]] and sex["label"] == "Хүйс"
    page = render_form_page(FORMS["history"], "mn", translations("mn"), "en")
    embedded = re.search(r'<script type="application/json" id="gb-form-data">(.*?)</script>',
                         page, re.S).group(1)
    assert json.loads(embedded) == json.loads(json.dumps(data))
    assert "</" not in embedded


def test_pages_and_paths_per_language() -> None:
    pages = form_pages(list(FORMS.values()), {lang: translations(lang) for lang in LANGS}, "en")
    assert set(pages) == {f"forms/{name}.{lang}.md" for lang in LANGS
                          for name in ["index", *FORMS]}
    zh = pages["forms/history.zh.md"]
    assert 'src="../../../assets/vendor/qrcode-generator/qrcode.js"' in zh
    assert 'data-reader="../../../forms/read/"' in zh
    assert 'src="../../assets/forms.js"' in pages["forms/history.en.md"]
    assert "translation_review: unreviewed" in zh
