"""The medical forms in Debian's Chromium: filled in every language, the Korean
summary, conditions, no request while typing, the QR code read back by
zbarimg and opened, the FHIR file, storage only when asked, axe, and the page
without JavaScript."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from guidebook.forms.model import YES_NO_KO, Form, load_forms
from guidebook.forms.pages import QR_MAX_BYTES, dom_id, written_in
from tests.conftest import LANGS, ROOT

pytestmark = pytest.mark.browser

FORMS = {f.id: f for f in load_forms(ROOT / "data" / "forms", LANGS).forms}
# Free text as a patient would type it (short: names, a phone number).
TEXT = {"en": "Jane Smith", "zh": "王小明", "mn": "Бат-Эрдэнэ", "ru": "Анна Иванова", "ar": "فاطمة علي"}
DATE, DATE_KO = "2026-03-09", "2026년 3월 9일"
PHONE = {"width": 390, "height": 844}


def url(server: str, lang: str, path: str) -> str:
    return f"{server}/{'' if lang == 'en' else lang + '/'}{path}"


def _enabling(form: Form) -> dict[str, list[str]]:
    """Per item, the answers that make some later item appear (to exercise conditions)."""
    wanted: dict[str, list[str]] = {}
    for item in form.items:
        if item.when:
            wanted.setdefault(item.when.item, []).extend(item.when.any_of)
    return wanted


def fill(page, form: Form, lang: str) -> dict[str, str]:
    """Answer every visible item (re-checking visibility as conditions open);
    returns the expected Korean answer of each item answered."""
    expected, enabling = {}, _enabling(form)
    for item in form.items:
        ident = dom_id(form, item)
        node = page.locator(f'.gb-item[data-item="{item.id}"]')
        if node.is_hidden():
            continue
        if item.type == "text":
            value = TEXT[lang] if "phone" not in item.id else "+976 9911 2233"
            page.fill(f"#{ident}", value)
            expected[item.id] = value
        elif item.type == "date":
            page.fill(f"#{ident}", DATE)
            expected[item.id] = DATE_KO
        elif item.type == "number":
            value = int(((item.min or 0) + (item.max or 100)) / 2)
            page.fill(f"#{ident}", str(value))
            expected[item.id] = f"{value} {item.unit['ko']}" if item.unit else str(value)
        elif item.type == "scale":
            page.check(f'input[name="{ident}"][value="{int(item.max)}"]')
            expected[item.id] = f"{int(item.max)} / {int(item.max)}"
        elif item.type == "yesno":
            code = (enabling.get(item.id) or ["yes"])[0]
            page.check(f'input[name="{ident}"][value="{code}"]')
            expected[item.id] = YES_NO_KO[code]
        elif item.type == "choice":
            codes = [o.code for o in item.options]
            code = next((c for c in enabling.get(item.id, []) if c in codes), codes[0])
            page.check(f'input[name="{ident}"][value="{code}"]')
            expected[item.id] = item.options[codes.index(code)].label["ko"]
        elif item.type == "multi":
            chosen = item.options[:2]
            for option in chosen:
                page.check(f'input[name="{ident}"][value="{option.code}"]')
            expected[item.id] = ", ".join(o.label["ko"] for o in chosen)
    return expected


def summary_rows(page) -> dict[str, tuple[str, str]]:
    """The summary's (or reading page's) rows: item id -> (label text, answer text)."""
    rows = {}
    for dt in page.locator("#gb-answers dt").all():
        ident = dt.get_attribute("data-item")
        rows[ident] = (dt.inner_text(), page.locator(f'#gb-answers dd[data-item="{ident}"]').inner_text())
    return rows


def read_qr(page, path: Path) -> str:
    page.locator("#gb-qr svg").screenshot(path=str(path))
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, f"zbarimg read no QR code in {path}: {out.stderr}"
    return out.stdout.strip()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_fill_in_summary_qr_and_reading_page(browser, server: str, output_dir: Path,
                                            lang: str, form_id: str) -> None:
    form = FORMS[form_id]
    page = browser.new_page(viewport=PHONE)
    page.goto(url(server, lang, f"forms/{form_id}/"))
    page.wait_for_load_state("networkidle")  # the page and its favicon are in
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    expected = fill(page, form, lang)
    page.click("#gb-show-summary")
    page.wait_for_selector("#gb-summary:not([hidden])")
    assert requests == [], "a request was made between the first keystroke and the summary"
    assert "?" not in page.url and page.url.endswith(f"forms/{form_id}/")

    rows = summary_rows(page)
    for item in form.items:
        if item.id not in expected:
            continue
        label, answer = rows[item.id]
        assert label.startswith(item.label["ko"]), (item.id, label)
        assert item.label[lang] in label, (item.id, label)  # the patient's label beside it
        assert expected[item.id] in answer, (item.id, answer)
        typed = page.locator(f'#gb-answers dd[data-item="{item.id}"] .gb-typed')
        if item.type == "text" and "phone" not in item.id:
            assert written_in(lang) in answer
            assert typed.get_attribute("lang") == {"zh": "zh-Hans"}.get(lang, lang)
        elif item.type == "text":  # digits only: nothing to interpret
            assert written_in(lang) not in answer and typed.get_attribute("lang") is None
    assert page.locator("#gb-answers").get_attribute("lang") == "ko"
    if lang in ("ar", "mn"):
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(500)  # the header's title fades back
        page.screenshot(path=str(output_dir / f"form-summary-{form_id}-{lang}-390.png"), full_page=True)

    link = read_qr(page, output_dir / f"form-qr-{form_id}-{lang}.png")
    assert len(link.encode()) <= QR_MAX_BYTES
    assert link.startswith(f"{server}/forms/read/#1/{form_id}/{lang}/")
    reader = browser.new_page(viewport=PHONE)
    reader.goto(link)
    reader.wait_for_selector("#gb-answers dd")
    assert reader.locator("html").get_attribute("lang") == "ko"
    read = summary_rows(reader)
    assert set(read) == set(rows)
    for ident, (label, answer) in rows.items():
        assert read[ident][1] == answer, ident  # the same Korean answers
        assert label.startswith(read[ident][0])  # the Korean label (without the patient's)
    reader.close()
    page.close()


def test_conditional_items_appear_and_disappear(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(url(server, "mn", "forms/registration/"))
    other = page.locator('.gb-item[data-item="nationality_other"]')
    field = page.locator("#registration-nationality-other")
    assert other.is_hidden() and field.is_disabled()
    page.check('input[name="registration-nationality"][value="other"]')
    assert other.is_visible() and field.is_enabled()
    field.fill("Казахстан")
    page.check('input[name="registration-nationality"][value="mongolia"]')
    assert other.is_hidden() and field.is_disabled()
    # A hidden item's answer is not in the summary.
    page.click("#gb-show-summary")
    assert "nationality_other" not in summary_rows(page)
    page.close()


def test_required_answers_are_asked_for_in_the_patients_language(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(url(server, "ar", "forms/registration/"))
    page.click("#gb-show-summary")
    assert page.locator("#gb-summary").is_hidden()
    name = page.locator("#registration-family-name")
    error = page.locator("#registration-family-name-error")
    assert error.is_visible() and error.inner_text() == "يرجى الإجابة عن هذا السؤال."
    assert name.get_attribute("aria-invalid") == "true"
    assert "registration-family-name-error" in name.get_attribute("aria-describedby")
    assert page.evaluate("document.activeElement.id") == "registration-family-name"
    name.fill("فاطمة")
    page.fill("#registration-birth-date", DATE)
    page.click("#gb-show-summary")
    assert name.get_attribute("aria-invalid") is None and error.is_hidden()
    # A group of choices: the fieldset is described by its help and its error.
    page.goto(url(server, "ar", "forms/history/"))
    page.click("#gb-show-summary")
    sex = page.locator("#history-sex")
    assert sex.get_attribute("aria-describedby").split() == ["history-sex-help", "history-sex-error"]
    assert page.locator("#history-sex-0").get_attribute("aria-invalid") == "true"
    assert page.locator("#gb-form-status").inner_text() == "بعض الإجابات تحتاج إلى مراجعتك: 1."
    page.close()


def test_nothing_is_stored_unless_asked_and_delete_clears_it(browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(url(server, "ru", "forms/history/"))
    page.fill("#history-height", "170")
    page.check('input[name="history-sex"][value="female"]')
    assert page.evaluate("localStorage.length") == 0
    assert page.locator("#gb-delete").is_hidden()
    page.check("#gb-keep")
    stored = json.loads(page.evaluate("localStorage.getItem('guidebook-form:history')"))
    assert stored == {"sex": "female", "height": "170"}
    page.reload()
    assert page.input_value("#history-height") == "170" and page.is_checked("#gb-keep")
    page.click("#gb-delete")
    assert page.evaluate("localStorage.length") == 0
    assert page.input_value("#history-height") == "" and page.locator("#gb-delete").is_hidden()
    assert page.locator("#gb-form-status").inner_text() == "Ваши ответы удалены с этого телефона."
    context.close()


def test_fhir_questionnaire_response_download(browser, server: str, tmp_path: Path) -> None:
    form = FORMS["history"]
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.goto(url(server, "zh", "forms/history/"))
    fill(page, form, "zh")
    page.click("#gb-show-summary")
    with page.expect_download() as info:
        page.click("#gb-fhir")
    download = info.value
    assert download.suggested_filename == "history-zh.questionnaire-response.json"
    response = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert response["resourceType"] == "QuestionnaireResponse"
    assert response["questionnaire"] == f"{server}/forms/history.questionnaire.json"
    assert response["language"] == "zh-Hans"
    questionnaire = json.loads(page.evaluate(
        "fetch('../../../forms/history.questionnaire.json').then(r => r.text())"))
    by_link = {i["linkId"]: i for s in questionnaire["item"] for i in s["item"]}
    sections = {s["linkId"] for s in questionnaire["item"]}
    answered = 0
    for group in response["item"]:
        assert group["linkId"] in sections
        for item in group["item"]:
            question = by_link[item["linkId"]]
            for answer in item["answer"]:
                answered += 1
                if question["type"] == "choice":
                    codes = {o["valueCoding"]["code"] for o in question["answerOption"]}
                    assert answer["valueCoding"]["code"] in codes
                else:
                    value = {"string": "valueString", "date": "valueDate",
                             "decimal": "valueDecimal", "integer": "valueInteger"}[question["type"]]
                    assert value in answer, (item["linkId"], answer)
    assert answered >= len(form.items) // 2
    context.close()


def test_without_javascript_a_printable_blank_bilingual_form(browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(url(server, "mn", "forms/registration/"))
    form = FORMS["registration"]
    assert page.locator(".gb-item").count() == len(form.items)
    assert all(not i.is_hidden() for i in page.locator(".gb-item").all())
    note = page.locator('.gb-item[data-item="nationality_other"] .gb-when')
    assert note.is_visible() and note.inner_text().startswith("Зөвхөн")
    assert page.locator("#gb-form").get_attribute("action") is None
    assert page.locator("#gb-show-summary").is_hidden()  # the summary needs the script
    label = page.locator('label[for="registration-family-name"]')
    assert label.locator('span[lang="ko"]').inner_text() == form.items[0].label["ko"]
    context.close()


@pytest.mark.parametrize("lang", ["ar", "mn"])
def test_form_on_a_phone_screenshot(browser, server: str, output_dir: Path, lang: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(url(server, lang, "forms/history/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate("document.body.dir") == ("rtl" if lang == "ar" else "ltr")
    page.screenshot(path=str(output_dir / f"form-history-{lang}-390.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violation_on_form_summary_and_reader(browser, server: str,
                                                                       lang: str,
                                                                       tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe, problems = Axe(), []
    page = browser.new_page(viewport=PHONE)

    def run(where: str) -> None:
        page.wait_for_timeout(600)  # Material's header fades its title in after a scroll
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"{where}: {violation['id']} ({violation['impact']}) {targets}")

    page.goto(url(server, lang, "forms/"))
    run("forms index")
    page.goto(url(server, lang, "forms/registration/"))
    run("form")
    page.click("#gb-show-summary")  # the errors shown
    run("form with errors")
    fill(page, FORMS["registration"], lang)
    page.click("#gb-show-summary")
    run("summary")
    link = page.evaluate("location.origin") + "/forms/read/#" + re.sub(
        r"^.*#", "", read_qr(page, tmp_path / "qr.png"))
    page.goto(link)
    page.wait_for_selector("#gb-answers dd")
    run("reading page")
    page.close()
    assert problems == []
