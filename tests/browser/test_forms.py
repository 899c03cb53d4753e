"""The medical forms in Debian's Chromium: filled in every language, the Korean
summary, conditions, no request while typing, the QR code read back by
zbarimg and opened, the FHIR file, storage only when asked, axe, and the page
without JavaScript."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest

from guidebook.forms.handover import version
from guidebook.forms.model import YES_NO_KO, Form, Item, load_forms
from guidebook.forms.pages import QR_MAX_CODES, QR_MAX_VERSION, dom_id, written_in
from tests.conftest import LANGS, ROOT
from tests.texts import prose

pytestmark = pytest.mark.browser

FORMS = {f.id: f for f in load_forms(ROOT / "data" / "forms", LANGS).forms}
DATE, DATE_KO = "2026-03-09", "2026년 3월 9일"
PHONE = {"width": 390, "height": 844}
LATIN_NAME = "BATBAYAR GANBOLD ERDENE OYUNCHIMEG TSETSEGMAA "
FREE_TEXT = 300  # characters typed into each free-text field (or its limit, if lower)


def typed_text(item: Item, lang: str, offset: int) -> str:
    """What a patient with a lot to say types into a text item."""
    n = min(FREE_TEXT, item.text_limit)
    if item.latin:
        return (LATIN_NAME * 10)[:n].strip() if "name" in item.id else "E1234567"
    if "phone" in item.id:
        return "+976 9911 2233"
    if item.id == "alien_registration_number":
        return "900101-5234567"
    return prose(lang)[offset:offset + n].strip()


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
    expected, enabling, offset = {}, _enabling(form), 2000
    for item in form.items:
        ident = dom_id(form, item)
        node = page.locator(f'.gb-item[data-item="{item.id}"]')
        if node.is_hidden():
            continue
        if item.type == "text":
            value = typed_text(item, lang, offset)
            offset += len(value) + 100
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


def read_qr(page, path: Path) -> list[str]:
    """Every QR code of the summary, each from its own screenshot of the
    390 px page, read by zbarimg; in the order shown."""
    links = []
    for n, code in enumerate(page.locator("#gb-qr svg").all()):
        shot = path.with_name(f"{path.stem}-{n + 1}{path.suffix}")
        code.screenshot(path=str(shot))
        out = subprocess.run(["zbarimg", "--quiet", "--raw", str(shot)], capture_output=True, text=True)
        assert out.returncode == 0, f"zbarimg read no QR code in {shot}: {out.stderr}"
        links.append(out.stdout.strip())
    assert links, "no QR code on the summary"
    return links


def qr_version(page, n: int) -> int:
    modules = page.evaluate(f"document.querySelectorAll('#gb-qr svg')[{n}].viewBox.baseVal.width") - 8
    return int((modules - 17) // 4)


def open_links(context, links: list[str]):
    """The staff's device opens each code's link in its own tab, last first
    (any order must do); returns the tab that shows the answers."""
    tabs = []
    for link in reversed(links):
        tab = context.new_page()
        tab.goto(link)
        tabs.append(tab)
    return tabs


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
    # Only the QR library is fetched, once answering starts (not on first view):
    # a static file, nothing of the answers in its address.
    assert requests == [f"{server}/assets/vendor/qrcode-generator/qrcode.js"], requests
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
        foreign = lang != "en" and not item.latin and re.search(r"[^\W\d_a-zA-Z]", expected[item.id])
        if item.type == "text" and foreign:  # letters of a script the desk may not read
            assert written_in(lang) in answer
            assert typed.get_attribute("lang") == {"zh": "zh-Hans"}.get(lang, lang)
        elif item.type == "text":  # digits, Latin names: nothing to interpret
            assert written_in(lang) not in answer and typed.get_attribute("lang") is None
    assert page.locator("#gb-answers").get_attribute("lang") == "ko"
    page.wait_for_selector("#gb-qr svg")
    if lang in ("ar", "mn"):
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(500)  # the header's title fades back
        page.screenshot(path=str(output_dir / f"form-summary-{form_id}-{lang}-390.png"), full_page=True)

    links = read_qr(page, output_dir / f"form-qr-{form_id}-{lang}.png")
    assert 1 <= len(links) <= 2, f"{len(links)} codes for a full {form_id} in {lang}: {[len(x) for x in links]}"
    for n, link in enumerate(links):
        assert qr_version(page, n) <= QR_MAX_VERSION
        head = f"{server}/forms/read/#2/{form_id.upper()}/{version(form)}/{lang.upper()}/"
        assert link.startswith(head) and f"/{n + 1}.{len(links)}/" in link, link[:120]
    context = browser.new_context(viewport=PHONE)
    tabs = open_links(context, links)
    reader = tabs[-1]
    reader.wait_for_selector("#gb-answers dd")
    assert reader.locator("html").get_attribute("lang") == "ko"
    if len(links) > 1:  # the first tab said what it still needs
        assert f"QR 코드 {len(links)}개 중 1개를 읽었습니다" in tabs[0].inner_text("#gb-reader-status")
    meta = reader.inner_text("#gb-reader-meta")
    assert "작성:" in meta and f"환자의 언어: {korean(lang)}" in meta
    read = summary_rows(reader)
    assert set(read) == set(rows)
    for ident, (label, answer) in rows.items():
        assert read[ident][1] == answer, ident  # the same Korean answers
        assert label.startswith(read[ident][0])  # the Korean label (without the patient's)
    context.close()
    page.close()


def korean(lang: str) -> str:
    from guidebook.forms.pages import korean_language_name
    return korean_language_name(lang)


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
    name.fill("فاطمة")  # Arabic letters where the passport's Latin ones are asked
    page.fill("#registration-birth-date", DATE)
    page.click("#gb-show-summary")
    assert error.inner_text() == "يُرجى الكتابة بالحروف اللاتينية (A–Z) كما في جواز سفرك."
    name.fill("ALI")
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
                    value = {"string": "valueString", "text": "valueString", "date": "valueDate",
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
    note = page.locator(".gb-no-js")  # says so, and links the bilingual blank form
    assert note.is_visible() and "JavaScript" in note.inner_text()
    pdf = note.locator("a").get_attribute("href")
    assert pdf == "../../downloads/forms-mn.pdf"
    with urllib.request.urlopen(f"{server}/mn/downloads/forms-mn.pdf") as response:
        assert response.read(5) == b"%PDF-"
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
    page.wait_for_selector("#gb-qr svg")
    for link in read_qr(page, tmp_path / "qr.png"):  # one tab reads the codes one after another
        page.goto(page.evaluate("location.origin") + "/forms/read/#" + re.sub(r"^.*#", "", link))
    page.wait_for_selector("#gb-answers dd")
    run("reading page")
    page.close()
    assert problems == []


def test_reading_page_clears_a_record_when_the_next_link_is_invalid(browser, server: str) -> None:
    from guidebook.forms.handover import Record, encode

    form = FORMS["history"]
    answers = {"sex": "female", "allergies": ["drug"], "drug_allergy_kinds": ["penicillin"],
               "pregnant": "yes"}
    [good] = encode(Record("history", version(form), "ru", 1_765_000_000, answers))
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/forms/read/#{good}")  # a code Python made reads in the browser
    page.wait_for_selector("#gb-answers dd")
    rows = summary_rows(page)
    assert rows["drug_allergy_kinds"][1] == "페니실린" and rows["pregnant"][1] == "예"
    assert "환자의 언어: 러시아어" in page.inner_text("#gb-reader-meta")
    made = page.get_attribute("#gb-reader-meta [data-made]", "data-made")
    assert made == "1765000000"
    for bad in ("#garbage", "#2/", good[:-5], good.replace(version(form), "00000000"),
                "#1/history/ru/0:0", good.replace("/RU/", "/XX/")):
        page.goto(f"{server}/forms/read/#{good}")
        page.wait_for_selector("#gb-answers dd")
        page.evaluate(f"location.hash = {json.dumps(bad)}")
        page.wait_for_function("document.querySelectorAll('#gb-answers dd').length === 0")
        status = page.inner_text("#gb-reader-status")
        assert "지웠습니다" in status, (bad, status)
        assert page.locator("#gb-reader-meta").is_hidden()
        assert page.inner_text("#gb-summary-title") == "문진표 답변"
        assert "페니실린" not in page.inner_text("body")
    page.close()


def test_interpreter_flag_by_script_and_latin_only_fields(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(url(server, "mn", "forms/registration/"))
    page.fill("#registration-family-name", "Батбаяр")  # Cyrillic where Latin letters are asked
    page.fill("#registration-given-names", "GANBOLD")
    page.fill("#registration-birth-date", DATE)
    page.fill("#registration-phone", "+976 9911 2233")
    page.check('input[name="registration-consent-share"][value="yes"]')
    page.click("#gb-show-summary")
    assert page.locator("#gb-summary").is_hidden()
    error = page.locator("#registration-family-name-error")
    assert error.inner_text() == "Паспорт дээрхтэй адил латин үсгээр (A–Z) бичнэ үү."
    page.fill("#registration-family-name", "BATBAYAR")
    page.check('input[name="registration-messenger"][value="wechat"]')
    page.fill("#registration-messenger-id", "bat_2026")
    page.fill("#registration-native-name", "Батбаяр Ганболд")
    page.click("#gb-show-summary")
    page.wait_for_selector("#gb-summary:not([hidden])")
    flagged = {row: written_in("mn") in answer for row, (_, answer) in summary_rows(page).items()
               if row in ("family_name", "given_names", "messenger_id", "phone", "native_name")}
    assert flagged == {"family_name": False, "given_names": False, "messenger_id": False,
                       "phone": False, "native_name": True}
    page.close()


def _summary(context, lang: str = "zh"):
    page = context.new_page()
    page.goto(url(context.server, lang, "forms/history/"))
    page.check('input[name="history-sex"][value="male"]')
    page.fill("#history-complaint-words", "三天前开始右下腹疼痛，伴有恶心。")
    page.click("#gb-show-summary")
    page.wait_for_selector("#gb-qr svg")
    return page


def test_send_ahead_share_sheet_clipboard_or_file(browser, server: str, tmp_path: Path) -> None:
    # 1. The share sheet (a phone): what would be shared is the Korean summary and the links.
    context = browser.new_context(viewport=PHONE)
    context.server = server
    context.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
    page = _summary(context)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.click("#gb-send")
    shared = page.wait_for_function("window.__shared").json_value()
    assert shared["text"].startswith("[접수용 요약: 초진 문진표]")
    assert "주 증상 (환자 진술): 三天前开始右下腹疼痛，伴有恶心。" in shared["text"]
    assert "성별: 남성" in shared["text"]
    assert f"{server}/forms/read/#2/HISTORY/" in shared["text"]
    assert page.inner_text("#gb-send-status") == "已发送，谢谢。"
    assert requests == [], "sending made a request of its own"
    context.close()

    # 2. No share sheet (a desktop): the clipboard.
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    context.server = server
    context.add_init_script("delete Navigator.prototype.share;")
    page = _summary(context)
    page.click("#gb-send")
    page.wait_for_function("document.getElementById('gb-send-status').textContent")
    assert page.inner_text("#gb-send-status") == "已复制。请粘贴到您发给医院的消息中。"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "주 증상 (환자 진술): 三天前开始右下腹疼痛" in copied and "/forms/read/#2/" in copied
    context.close()

    # 3. Neither: a text file to attach.
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    context.server = server
    context.add_init_script("delete Navigator.prototype.share;"
                            "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});")
    page = _summary(context)
    with page.expect_download() as info:
        page.click("#gb-send")
    assert info.value.suggested_filename == "history-zh.ko.txt"
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "주 증상 (환자 진술): 三天前开始右下腹疼痛" in text
    assert page.inner_text("#gb-send-status") == "已保存为文件。请将其附在您发给医院的消息中。"
    context.close()


def test_a_live_count_of_the_codes_while_typing(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(url(server, "ru", "forms/history/"))
    room = page.locator("#gb-form-room")
    page.fill("#history-complaint-words", "Болит живот.")
    page.wait_for_function("document.getElementById('gb-form-room').dataset.codes === '1'")
    assert room.inner_text() == ""
    page.fill("#history-complaint-words", prose("ru")[5000:5500])
    page.check('input[name="history-medicines-now"][value="yes"]')
    page.fill("#history-medicines-names", prose("ru")[7000:7500])
    page.check('input[name="history-operations"][value="yes"]')
    page.fill("#history-operations-which", prose("ru")[9000:9500])
    page.wait_for_function("+document.getElementById('gb-form-room').dataset.codes > 1")
    assert room.inner_text().startswith("Сейчас для ваших ответов нужно QR-кодов:")
    page.close()
