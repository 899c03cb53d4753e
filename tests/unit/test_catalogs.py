"""The gettext catalogs are complete, current and consistent."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from guidebook.common.i18n import catalog_path, site_language
from tests.conftest import LANGS, ROOT

TRANSLATED = [code for code in LANGS if code != "en"]  # English msgids are the text


def read(path):
    with open(path, "rb") as f:
        return read_po(f)


def ids(catalog) -> set:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


@pytest.fixture(scope="module")
def template():
    return read(ROOT / "translations" / "messages.pot")


def test_template_is_up_to_date_with_the_sources(tmp_path, template, monkeypatch) -> None:
    out = tmp_path / "messages.pot"
    monkeypatch.chdir(ROOT)  # babel.cfg patterns are relative to the repository
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg",
                                "-k", "N_:1c,2", "-o", str(out), "."])
    extracted = ids(read(out))
    assert extracted, "extraction found nothing"
    assert extracted == ids(template), (
        "translations/messages.pot is stale: run the extract and update commands in README.md")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_is_complete_and_not_fuzzy(lang: str, template) -> None:
    catalog = read(catalog_path(lang))
    assert ids(catalog) == ids(template), "run pybabel update (README.md)"
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), f"{lang}: untranslated {message.id!r}"
        assert not message.fuzzy, f"{lang}: fuzzy {message.id!r}"
    assert not catalog.fuzzy


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_match(lang: str) -> None:
    catalog = read(catalog_path(lang))
    problems = [(m.id, [str(e) for e in errs]) for m, errs in catalog.check()]
    assert problems == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_forms_are_babels_for_the_locale(lang: str) -> None:
    text = catalog_path(lang).read_text(encoding="utf-8").replace('"\n"', "")
    expected = Catalog(locale=site_language(lang).cldr.split("_")[0]).plural_forms
    assert f"Plural-Forms: {expected}" in text
    catalog = read(catalog_path(lang))
    for message in catalog:
        if message.pluralizable:
            assert len(message.string) == catalog.num_plurals


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_placeholder_is_kept(lang: str) -> None:
    """Babel's check() accepts a translation that drops a placeholder: this doesn't."""
    import re

    names = re.compile(r"%\((\w+)\)[sd]")
    missing = []
    for message in read(catalog_path(lang)):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(names.findall(i) for i in ids))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if set(names.findall(string)) != wanted:
                missing.append((message.id, string))
    assert missing == []
