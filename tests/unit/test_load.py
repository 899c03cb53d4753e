"""YAML text in -> dataset or errors out: every kind of editor mistake, with its line."""

from __future__ import annotations

import textwrap

import pytest

from guidebook.data.load import load_bytes, load_file
from tests.conftest import LANGS, FIXTURES, ROOT

NAMES = "{ko: 가, en: A, zh: 甲, mn: А, ru: А, ar: أ}"
HEAD = f"""\
sample: true
district:
  name: {NAMES}
  site_name: {NAMES}
  website: https://district.example.org
  help_desk:
    name: {NAMES}
institutions:
"""  # institutions start on line 9


def record(**overrides: str) -> str:
    fields = {"id": "one", "category": "clinic", "name": NAMES, "last_verified": "2026-01-01"}
    fields.update(overrides)
    return "  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items()) + "\n"


def load(text: str):
    return load_bytes(text.encode("utf-8"), "data.yaml", LANGS)


def only_error(text: str):
    result = load(text)
    assert not result.ok
    assert len(result.errors) == 1, [e.format() for e in result.errors]
    return result.errors[0]


def test_sample_and_fixture_files_load() -> None:
    for path in (ROOT / "data" / "institutions.yaml", FIXTURES / "institutions.yaml"):
        result = load_file(path, LANGS)
        assert result.ok, [e.format() for e in result.errors]
    sample = load_file(ROOT / "data" / "institutions.yaml", LANGS).dataset
    assert sample.sample is True
    categories = {i.category for i in sample.institutions}
    assert {"lodging", "restaurant", "facilitator"} <= categories


def test_valid_record_becomes_an_immutable_model() -> None:
    result = load(HEAD + record(contact="{phone: 02-2670-3114}"))
    assert result.ok and result.errors == ()
    inst = result.dataset.institutions[0]
    assert inst.contact.phone == "+82226703114"  # normalised to E.164
    with pytest.raises(Exception):
        inst.id = "other"  # frozen


def test_unknown_field_names_line_and_suggests_the_right_one() -> None:
    err = only_error(HEAD + record(specialtys="[ophthalmology]"))
    assert (err.line, err.path) == (13, "institutions[0].specialtys")
    text = err.format()
    assert text.startswith("data.yaml:13:5: institutions[0].specialtys: unknown field 'specialtys'.")
    assert "did you mean 'specialties'?" in text
    assert "알 수 없는 항목" in text  # Korean line for editors


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    text = HEAD + record(category="clinc") + record(id="one", last_verified="yesterday") + \
        record(id="two", contact="{phone: '123', website: 'javascript:alert(1)'}")
    result = load(text)
    assert not result.ok and result.dataset is None
    paths = [e.path for e in result.errors]
    assert paths == [
        "institutions[0].category",
        "institutions[1].id",
        "institutions[1].last_verified",
        "institutions[2].contact.phone",
        "institutions[2].contact.website",
    ]
    assert [e.line for e in result.errors] == sorted(e.line for e in result.errors)
    assert "did you mean 'clinic'?" in result.errors[0].format()
    assert "already used by institutions[0]" in result.errors[1].en


@pytest.mark.parametrize("url", ["ftp://x.example", "javascript:alert(1)", "www.example.org",
                                 "data:text/html,<b>", "https://exa mple.org"])
def test_only_http_urls_are_accepted_for_websites(url: str) -> None:
    err = only_error(HEAD + record(contact=f"{{website: '{url}'}}"))
    assert err.path == "institutions[0].contact.website"
    assert "https://" in err.fix_en


@pytest.mark.parametrize("phone", ["02-123", "123456789012345", "+1 555"])
def test_invalid_phone_numbers_are_errors(phone: str) -> None:
    err = only_error(HEAD + record(contact=f"{{phone: '{phone}'}}"))
    assert err.path == "institutions[0].contact.phone"
    assert "not a valid phone number" in err.en


def test_coordinates_outside_korea_are_errors() -> None:
    err = only_error(HEAD + record(location="{lat: 126.9, lon: 37.5}"))  # swapped
    assert err.path == "institutions[0].location"
    assert "outside Korea" in err.en and "swapped" in err.fix_en
    assert load(HEAD + record(location="{lat: 37.5, lon: 126.9}")).ok


def test_duplicate_keys_name_both_lines() -> None:
    text = HEAD + record() + "    category: hospital\n"
    err = only_error(text)
    assert err.line == 13 and "appears twice (first on line 10)" in err.en


def test_a_name_in_korean_and_english_is_enough_to_load() -> None:
    result = load(HEAD + record(name="{ko: 김안과, en: Kim Eye}"))
    assert result.ok, [e.format() for e in result.errors]
    name = result.dataset.institutions[0].name
    assert name["zh"] == "Kim Eye" and name.untranslated(LANGS) == ("zh", "mn", "ru", "ar")


def test_a_name_without_korean_or_english_names_both_at_once() -> None:
    err = only_error(HEAD + record(name="{zh: 甲, mn: А}"))
    assert err.path.startswith("institutions[0].name")
    assert "ko, en is missing" in err.en and "'ko:', 'en:'" in err.fix_en
    assert "ko, en 글이 없습니다" in err.ko


def test_wrong_type_gets_a_plain_message() -> None:
    err = only_error(HEAD + record(specialties="ophthalmology"))
    assert err.path == "institutions[0].specialties" and err.en == "must be a list"


def test_bad_date_is_one_error_not_two() -> None:
    err = only_error(HEAD + record(last_verified="2026-13-01"))
    assert err.path == "institutions[0].last_verified" and err.line == 12


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u0007"])
def test_invisible_and_bidi_control_characters_are_errors(char: str) -> None:
    err = only_error(HEAD + record(summary=f"{{en: 'Call +82{char}2 1234'}}"))
    assert err.line == 13
    assert f"U+{ord(char):04X}" in err.en
    if char != "\u0007":  # the YAML reader itself refuses C0 controls, before any field
        assert err.path == "institutions[0].summary.en"


def test_markup_in_names_is_refused() -> None:
    err = only_error(HEAD + record(name="{ko: 가, en: '<script>x</script>', zh: 甲, mn: А, ru: А, ar: أ}"))
    assert err.path == "institutions[0].name.en"


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty"),
    ("   \n# only a comment\n", "the file is empty"),
    ("a: &x [1]\nb: *x\n", "anchors and aliases"),
    ("a: !!python/object/apply:os.system ['true']\n", "tag"),
    ("a: [1, 2\n", "YAML syntax error"),
])
def test_hostile_or_broken_files_get_one_clear_error(text: str, message: str) -> None:
    result = load(text)
    assert not result.ok
    assert any(message in e.en for e in result.errors), [e.format() for e in result.errors]


def test_non_utf8_bytes_name_the_line() -> None:
    raw = HEAD.encode() + b"  - id: caf\xe9\n"
    result = load_bytes(raw, "data.yaml", LANGS)
    assert [(e.line, e.en) for e in result.errors] == [(9, "the file is not UTF-8 text")]


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n' * 1
    err = load(bomb).errors[0]
    assert err.line == 1 and "anchors" in err.en


def test_error_text_is_formatted_for_editors() -> None:
    err = only_error(HEAD + record(category="clinc"))
    lines = err.format().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("data.yaml:10:15: institutions[0].category: 'clinc' is not an allowed value.")
    assert lines[1].startswith("  data.yaml:10:15: institutions[0].category: 'clinc'은(는) 허용된 값이 아닙니다.")


def test_real_file_errors_name_the_file(tmp_path) -> None:
    path = tmp_path / "institutions.yaml"
    path.write_text(textwrap.dedent(HEAD) + record(id="Bad Id"), encoding="utf-8")
    err = load_file(path, LANGS).errors[0]
    assert err.file == str(path) and err.path == "institutions[0].id"
    assert "kim-eye-hospital" in err.fix_en


@pytest.mark.parametrize("after", ["", "    website: https://x.org\n"])
def test_a_colon_without_a_space_is_pointed_at_on_its_own_line(after: str) -> None:
    err = only_error(HEAD + record() + "    phone:02-761-2875\n" + after)
    assert (err.line, err.column) == (13, 10), err.format()
    assert "'phone' is followed by a colon without a space" in err.en
    assert err.fix_en == "write a space after the colon: 'phone: 02-761-2875'" and "공백" in err.ko


@pytest.mark.parametrize(("typed", "code"), [("치과", "dentistry"), ("한의원", "korean_medicine"),
                                             ("피부과", "dermatology")])
def test_a_korean_clinic_word_in_specialties_gets_its_code(typed: str, code: str) -> None:
    err = only_error(HEAD + record(specialties=f"[{typed}]"))
    assert f"did you mean {code} (" in err.fix_en, err.format()
