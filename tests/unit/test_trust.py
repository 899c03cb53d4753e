"""Trust facts in the data: their shape, and what a release refuses."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from guidebook.checks import quality
from guidebook.data.load import load_bytes, load_file
from guidebook.data.model import (MUST_REGISTER, Accreditation, Institution, MalpracticeInsurance,
                                  Registration, validation_context)
from tests.conftest import LANGS, ROOT

NAME = {"ko": "가", **{lang: "A" for lang in LANGS}}
TODAY = dt.date(2026, 12, 3)
KNOWN = {"status": "registered", "year": 2021, "checked": "2026-12-01", "source": "list"}
HANGUL = re.compile("[가-힣]")


def institution(category: str = "hospital", **trust) -> Institution:
    return Institution.model_validate({"id": "h", "category": category, "name": NAME,
                                       "last_verified": "2026-11-01", "trust": trust},
                                      context=validation_context(LANGS))


def test_registration_and_marks_are_validated() -> None:
    with pytest.raises(ValueError, match="year or number"):
        Registration(status="unknown", year=2020, checked="2026-12-01", source="x")
    with pytest.raises(ValueError, match="end date"):
        Accreditation(kind="kahf", status="certified", checked="2026-12-01", source="x")
    mark = Accreditation(kind="kahf", status="certified", valid_from="2023-08-17",
                         valid_until="2027-08-16", checked="2026-12-01", source="x",
                         source_url="https://example.org/list")
    assert mark.valid_until == dt.date(2027, 8, 16) and mark.source_url == "https://example.org/list"


@pytest.mark.parametrize(("fields", "message"), [
    ({"checked": "2026-13-01"}, "month"),  # not a date at all
    ({"checked": (dt.date.today() + dt.timedelta(days=2)).isoformat()}, "future"),
    ({"checked": "1999-05-01"}, "cannot be right"),
    ({"year": 2027, "checked": "2026-12-01"}, "after the day it was checked"),
    ({"source_url": "ftp://example.org"}, "http"),
])
def test_a_malformed_registration_date_or_address_is_refused(fields: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Registration.model_validate({**KNOWN, **fields})


@pytest.mark.parametrize(("fields", "message"), [
    ({"valid_from": "2024-01-01", "valid_until": "2023-12-31"}, "before it starts"),
    ({"valid_from": "2023-01-01", "valid_until": "2028-06-01"}, "at most 4 year"),  # KAHF: 4 years
    ({"status": "conditional", "valid_from": "2025-01-01", "valid_until": "2026-06-01"},
     "at most 1 year"),
    ({"status": "not_certified", "valid_until": "2027-01-01"}, "not held"),
    ({"valid_until": "2027-02-30"}, "day"),
])
def test_impossible_validity_dates_are_refused(fields: dict, message: str) -> None:
    base = {"kind": "kahf", "status": "certified", "valid_until": "2027-01-01",
            "checked": "2026-12-01", "source": "x"}
    with pytest.raises(ValueError, match=message):
        Accreditation.model_validate({**base, **fields})


def test_insurance_is_stated_or_unknown_never_half_known() -> None:
    MalpracticeInsurance(status="stated", annual_limit_krw=100_000_000, checked="2026-12-01",
                         source="the hospital's rights notice")
    with pytest.raises(ValueError, match="unknown"):
        MalpracticeInsurance(status="unknown", insurer="X", checked="2026-12-01", source="x")


def test_the_loader_reports_a_bad_trust_date_at_its_line_in_english_and_korean() -> None:
    text = (ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8")
    broken = text.replace("        checked: 2026-12-03\n", "        checked: 2026-12-33\n", 1)
    errors = load_bytes(broken.encode(), "data/institutions.yaml", LANGS).errors
    assert len(errors) == 1, errors
    line = broken.splitlines().index("        checked: 2026-12-33") + 1
    error = errors[0]
    assert error.line == line and "trust.registration.checked" in error.path
    assert HANGUL.search(error.ko), error.format()


def refusals(inst: Institution, ref: dt.date = TODAY) -> list[quality.Problem]:
    return quality.trust_problems(inst, 0, ref, "data/institutions.yaml", lambda *path: (1, 1))


@pytest.mark.parametrize("category", ["hospital", "clinic", "general", "facilitator"])
def test_a_release_refuses_a_missing_unknown_or_unfound_registration(category: str) -> None:
    missing = refusals(institution(category))
    assert [p.kind for p in missing] == ["trust"]
    assert "without a registration status" in missing[0].en and "law" in missing[0].en
    assert "등록 상태가 없습니다" in missing[0].ko and "의료해외진출법" in missing[0].ko
    assert missing[0].fix_en and HANGUL.search(missing[0].fix_ko)
    unknown = refusals(institution(category, registration={**KNOWN, "status": "unknown", "year": None}))
    assert len(unknown) == 1 and "no known registration" in unknown[0].en
    not_found = refusals(institution(category, registration={**KNOWN, "status": "not_found",
                                                             "year": None}))
    assert len(not_found) == 1 and "must not list" in not_found[0].en
    assert refusals(institution(category, registration=KNOWN)) == []


def test_a_registration_checked_more_than_three_years_ago_is_refused() -> None:
    old = institution(registration={**KNOWN, "year": 2019, "checked": "2023-11-30"})
    assert [p.where for p in refusals(old)] == ["institutions[0].trust.registration"]
    assert "renewed every 3 years" in refusals(old)[0].en
    assert refusals(old, dt.date(2026, 11, 29)) == []


@pytest.mark.parametrize("category", ["lodging", "restaurant", "wellness"])
def test_a_non_medical_record_needs_no_registration(category: str) -> None:
    assert category not in MUST_REGISTER
    assert refusals(institution(category)) == []


def test_a_release_refuses_an_expired_mark_against_the_reference_date() -> None:
    expired = {"kind": "kahf", "status": "certified", "valid_until": "2026-11-30",
               "checked": "2026-11-01", "source": "list"}
    inst = institution(registration=KNOWN, accreditations=[expired])
    problems = refusals(inst)
    assert [p.where for p in problems] == ["institutions[0].trust.accreditations[0].valid_until"]
    assert "expired on 2026-11-30" in problems[0].en and "만료" in problems[0].ko
    assert refusals(inst, dt.date(2026, 11, 30)) == []  # its last day is still valid
    valid = {**expired, "valid_until": "2027-01-31"}
    assert refusals(institution(registration=KNOWN, accreditations=[valid])) == []


def test_a_release_refuses_an_ended_insurance() -> None:
    insurance = {"status": "stated", "valid_until": "2026-06-30", "checked": "2026-06-01",
                 "source": "certificate"}
    assert [p.where for p in refusals(institution(registration=KNOWN, insurance=insurance))] == [
        "institutions[0].trust.insurance.valid_until"]


def test_the_sample_data_records_every_registration_honestly() -> None:
    loaded = load_file(ROOT / "data" / "institutions.yaml", LANGS)
    assert not loaded.errors
    medical = [i for i in loaded.dataset.institutions if i.category in MUST_REGISTER]
    assert len(medical) == 13
    for inst in medical:
        registration = inst.trust.registration
        assert registration is not None, inst.id
        # no public register names any of them: nothing is claimed
        assert registration.status == "unknown" and registration.year is None, inst.id
        assert registration.source and registration.source_url, inst.id
        assert all(m.status == "not_certified" and m.source_url for m in inst.trust.accreditations)
    problems = [p for p in quality.data_problems(loaded.dataset, TODAY, quality.Policy(),
                                                 loaded.marks) if p.kind == "trust"]
    assert len(problems) == 13
    lines = (ROOT / "data" / "institutions.yaml").read_text(encoding="utf-8").splitlines()
    for problem in problems:  # each at the status line of its record
        assert lines[problem.line - 1].strip() == "status: unknown", problem.format()
