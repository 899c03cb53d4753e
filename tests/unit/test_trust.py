"""Trust facts in the data: their shape, and what a release refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from guidebook.checks import quality
from guidebook.data.model import Accreditation, Institution, Registration, validation_context
from tests.conftest import LANGS

NAME = {"ko": "가", **{lang: "A" for lang in LANGS}}
TODAY = dt.date(2026, 12, 3)


def institution(category: str = "hospital", **trust) -> Institution:
    return Institution.model_validate({"id": "h", "category": category, "name": NAME,
                                       "last_verified": "2026-11-01", "trust": trust},
                                      context=validation_context(LANGS))


def test_registration_and_marks_are_validated() -> None:
    with pytest.raises(ValueError, match="year or number"):
        Registration(status="unknown", year=2020, checked="2026-12-01", source="x")
    with pytest.raises(ValueError, match="end date"):
        Accreditation(kind="kahf", status="certified", checked="2026-12-01", source="x")
    Accreditation(kind="kahf", status="certified", valid_until="2027-08-16", checked="2026-12-01",
                  source="x")


def refusals(inst: Institution) -> list[str]:
    return [p.en for p in quality.trust_problems(inst, 0, TODAY, "data/institutions.yaml",
                                                 lambda *path: (1, 1))]


@pytest.mark.parametrize("category", ["hospital", "clinic", "facilitator"])
def test_a_release_refuses_an_unknown_registration(category: str) -> None:
    assert refusals(institution(category)) != []
    unknown = {"status": "unknown", "checked": "2026-12-01", "source": "x"}
    assert refusals(institution(category, registration=unknown))
    known = {"status": "registered", "year": 2021, "checked": "2026-12-01", "source": "list"}
    assert refusals(institution(category, registration=known)) == []


def test_a_lodging_needs_no_registration() -> None:
    assert refusals(institution("lodging")) == []


def test_a_release_refuses_an_expired_mark() -> None:
    known = {"status": "registered", "year": 2021, "checked": "2026-12-01", "source": "list"}
    expired = {"kind": "kahf", "status": "certified", "valid_until": "2026-11-30",
               "checked": "2026-12-01", "source": "list"}
    valid = {**expired, "valid_until": "2027-01-31"}
    assert [e for e in refusals(institution(registration=known, accreditations=[expired]))
            if "expired" in e]
    assert refusals(institution(registration=known, accreditations=[valid])) == []
