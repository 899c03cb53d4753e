"""Dates and numbers inside sentences, in every language: no double full stop
("проверены 23 ноября 2026 г.."), no stop doubled with a Chinese one, no
placeholder or Python value leaking into a page. Checked over every page the
build generates from the sample data (stale notices and partner dates
included), the form pages and the print HTML."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from guidebook.forms.pages import form_pages
from guidebook.forms.model import load_forms
from guidebook.common.i18n import translations
from guidebook.data.load import load_file
from guidebook.printing.html import PrintProfile, guidebook_html, leaflet_html
from guidebook.web.render import generated_pages
from tests.conftest import CHAPTERS, LANGS, ROOT

SLIPS = {
    "double full stop": re.compile(r"(?<![.\u2026])\.\s?\.(?!\.)"),
    "Chinese and Latin stop together": re.compile(r"[。．]\.|\.[。．]|。。"),
    "comma before a stop": re.compile(r"[,،，]\s?[.。]"),
    "stop after a colon": re.compile(r":\s?\.(?!\.)"),
    "space before a stop or comma": re.compile(r"[^\s\d]\s[.,،。，](?=\s|<|$)"),
    "placeholder left in": re.compile(r"%\(\w+\)[sd]|\{\{|\}\}"),
    "Python value in the text": re.compile(r"\bnan\b|\bNaN\b|Undefined"),
}


def visible_text(html: str) -> str:
    """What a reader sees: no tags, attributes, scripts, styles or link targets."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"^---\n.*?\n---\n", "", html, flags=re.S)  # front matter
    # Inline tags join their text to what follows (a phone number's span before
    # its full stop); block tags separate it.
    html = re.sub(r"</?(?:span|a|bdi|b|strong|em|small|mark|code)\b[^>]*>", "", html)
    html = re.sub(r"<[^>]+>", " ", html)
    html = re.sub(r"\]\([^)]*\)|\{[:#.][^}]*\}", " ", html)  # Markdown link targets, attr lists
    return html


def pages() -> dict[str, str]:
    dataset = load_file(ROOT / "data" / "institutions.yaml", LANGS).dataset
    tr_for = {lang: translations(lang) for lang in LANGS}
    everything = generated_pages(dataset, tr_for, stale_ids={i.id for i in dataset.institutions})
    forms = load_forms(ROOT / "data" / "forms", LANGS).forms
    everything.update(form_pages(forms, tr_for, LANGS[0]))
    args = dict(site_url="https://guide.example.org/", docs_dir=ROOT / "content",
                profile=PrintProfile(chapters=CHAPTERS), created=dt.date(2026, 11, 23))
    for lang in LANGS:
        everything[f"leaflet.{lang}.html"] = leaflet_html(dataset, lang, tr_for[lang], **args)
        everything[f"guidebook.{lang}.html"] = guidebook_html(dataset, lang, tr_for[lang], **args)
    return everything


PAGES = pages()


@pytest.mark.parametrize("lang", LANGS)
def test_no_punctuation_slip_around_dates_and_numbers(lang: str) -> None:
    found = []
    for name, html in PAGES.items():
        if not (name.endswith(f".{lang}.md") or name.endswith(f".{lang}.html")):
            continue
        text = visible_text(html)
        for slip, pattern in SLIPS.items():
            for match in pattern.finditer(text):
                found.append(f"{name}: {slip}: …{text[max(0, match.start() - 40):match.end() + 10]}…")
    assert found == []


def test_the_russian_verification_date_ends_with_one_full_stop() -> None:
    page = PAGES[next(n for n in PAGES if n.startswith("institutions/") and n.endswith(".ru.md")
                      and "index" not in n)]
    verified = re.search(r'class="gb-verified"[^>]*>([^<]*)', page)
    assert verified, "no verification line"
    text = verified.group(1)
    assert "г.." not in text and re.search(r"\d{4}\s*г\.(\s|$)", text), text
