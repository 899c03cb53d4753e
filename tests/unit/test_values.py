"""Values that cannot be right are refused, not repaired: phone numbers with
letters, look-alike characters, impossible dates, Korean where a code goes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from guidebook.common.i18n import translations
from guidebook.data.load import load_file
from guidebook.web.render import render_institution
from guidebook.data.vocabulary import KOREAN_LABELS
from tests.conftest import FIXTURES, LANGS, ROOT
from tests.unit.test_load import HEAD, only_error, record


@pytest.mark.parametrize("phone, named", [
    ("02-2639-765O", "the letter 'O' (U+004F) (did you mean the digit 0?)"),
    ("02-26A9-7657", "the letter 'A' (U+0041)"),
    ("1577-OOOO", "the letter 'O' (U+004F)"),
    ("010-1234-567B", "the letter 'B' (U+0042)"),
    ("02-2670-3114 ext 2", "the letter 'e' (U+0065)"),
    ("02-2670-3114~8", "the character '~' (U+007E)"),
    ("02–2670–3114", "a dash '–' (U+2013), not a hyphen '-'"),
    ("０２-2670-3114", "the full-width character '０' (U+FF10)"),
    ("02-2670-3114, 02-2670-3115", "the character ',' (U+002C)"),
])
def test_a_phone_number_with_anything_but_digits_is_refused(phone: str, named: str) -> None:
    err = only_error(HEAD + record(contact=f"{{phone: '{phone}'}}"))
    assert (err.line, err.column, err.path) == (13, 15, "institutions[0].contact.phone")
    assert f"contains {named}" in err.en
    assert "전화번호는 숫자로만" in err.ko and "내선" in err.fix_ko


def test_a_whatsapp_number_with_a_letter_is_refused_too() -> None:
    err = only_error(HEAD + record(contact="{messengers: {whatsapp: '+82 10-1234-567B'}}"))
    assert err.path == "institutions[0].contact.messengers.whatsapp" and "'B'" in err.en


@pytest.mark.parametrize("field, value, named", [
    ("telegram", "“@smile_dental”", "a curly quote '“' (U+201C)"),
    ("wechat", "smile dental", "a space (U+0020)"),
    ("line", "＠smile", "the full-width character '＠' (U+FF20)"),
    ("instagram", "https://www.instagram.com/smile”", "a curly quote '”' (U+201D)"),
])
def test_lookalike_characters_in_handles_and_addresses_are_named(field: str, value: str,
                                                                 named: str) -> None:
    err = only_error(HEAD + record(contact=f"{{messengers: {{{field}: '{value}'}}}}"))
    assert err.path == f"institutions[0].contact.messengers.{field}"
    assert named in err.en, err.en
    assert err.line == 13


@pytest.mark.parametrize("contact, named", [
    ("{website: 'https://smile.example.org/”'}", "a curly quote '”' (U+201D)"),
    ("{email: 'info＠smile.example.org'}", "the full-width character '＠' (U+FF20)"),
])
def test_lookalikes_in_web_and_mail_addresses_are_named(contact: str, named: str) -> None:
    assert named in only_error(HEAD + record(contact=contact)).en


def test_a_curly_quote_in_an_id_is_named() -> None:
    err = only_error(HEAD + record(id="“smile-dental”"))
    assert err.path == "institutions[0].id"
    assert "it contains a curly quote '“' (U+201C)" in err.en and "둥근 따옴표" in err.ko


def test_a_valid_telegram_name_and_link_still_pass() -> None:
    assert only_error is not None
    from tests.unit.test_load import load
    result = load(HEAD + record(contact="{messengers: {telegram: '@smile_dental', wechat: smile-1, "
                                        "line: 'https://line.me/R/ti/p/@smile'}}"))
    assert result.ok, [e.format() for e in result.errors]


@pytest.mark.parametrize("field, typed, code, label", [
    ("specialties", "[피부과]", "dermatology", "피부과"),
    ("specialties", "[정형외과]", "orthopedics", "정형외과"),
    ("category", "치과", "dental", "치과"),
    ("category", "한의원", "korean_medicine", "한의원"),
    ("services", "[통역]", "interpreter", "통역"),
])
def test_korean_for_a_code_gets_the_code(field: str, typed: str, code: str, label: str) -> None:
    err = only_error(HEAD + record(**{field: typed}))
    assert err.fix_en == f"did you mean {code} ({label})?"
    assert err.fix_ko == f"{code} ({label})을(를) 쓰려던 것인가요?"
    assert "," not in err.fix_en  # not the list of every code


def test_the_korean_labels_are_the_editors_guide_tables() -> None:
    guide = (ROOT / "docs" / "editors.ko.md").read_text(encoding="utf-8")
    for vocabulary, table in KOREAN_LABELS.items():
        for code, label in table.items():
            assert re.search(rf"^\| `{code}` \| [^|]+ \| {re.escape(label)} \|$", guide, re.M), \
                (vocabulary, code, label)


@pytest.mark.parametrize("field, value, message", [
    ("last_verified", "2062-11-20", "is in the future"),
    ("last_verified", "0226-11-20", "the year 226 is outside 2000-2100"),
    ("partner", "{from: 1026-01-01}", "the year 1026 is outside"),
])
def test_dates_that_cannot_be_true_are_refused(field: str, value: str, message: str) -> None:
    err = only_error(HEAD + record(**{field: value}))
    assert message in err.en and err.line in (12, 13)


# --- digits in, digits out ---------------------------------------------------

PHONE_KEYS = {"phone", "whatsapp"}


def _written_phones(node, path=()):  # noqa: ANN001, ANN202
    if isinstance(node, dict):
        for key, value in node.items():
            if key in PHONE_KEYS and isinstance(value, str):
                yield path + (key,), value
            else:
                yield from _written_phones(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _written_phones(value, path + (index,))


def _national_digits(written: str) -> str:
    digits = "".join(ch for ch in written if ch.isdigit())
    return digits[2:] if written.strip().startswith("+82") else digits.lstrip("0")


def _data_files(tmp_path: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import write_dataset
    finally:
        sys.path.pop(0)
    return [ROOT / "data" / "institutions.yaml", FIXTURES / "institutions.yaml",
            write_dataset(tmp_path / "synthetic.yaml", 40, seed=7)]


def test_every_phone_number_is_published_with_the_digits_written(tmp_path: Path) -> None:
    """What the editor typed is what a patient dials: for every number of the
    sample, fixture and synthetic data, each language's page shows and links
    the written digits (after +82, without the trunk 0) and nothing else."""
    checked = 0
    for path in _data_files(tmp_path):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        dataset = load_file(path, LANGS).dataset
        assert dataset is not None
        for index, inst in enumerate(dataset.institutions):
            written = dict(_written_phones(raw["institutions"][index]))
            if not written:
                continue
            pages = {lang: render_institution(inst, dataset.district, lang, translations(lang))
                     for lang in LANGS}
            for where, number in written.items():
                want = "82" + _national_digits(number)
                for lang, page in pages.items():
                    links = re.findall(r'href="(?:tel:\+|https://wa\.me/)(\d+)"', page)
                    assert want in links, (path.name, where, number, lang)
                    shown = re.findall(r"\+82[\d\s\u00a0-]+\d", page)
                    assert any(re.sub(r"\D", "", s) == want for s in shown), (path.name, number, lang)
                checked += 1
        for where, number in _written_phones(raw["district"]):
            assert _national_digits(number)  # the help desk goes through the same validator
    assert checked >= 20
