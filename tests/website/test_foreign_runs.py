"""#22 item 7: no English or Korean inside a translated page's text unless it
is marked with its language (names and addresses for the driver are, by
their markup). Over every page of the Chinese, Mongolian, Russian and Arabic
sites built from the sample data: a run of Hangul outside a ``lang="ko"``
element, or of two Latin words or more outside ``lang="en"`` (a sentence
left in English), fails, but for the proper names of services a patient
finds under that name (Kakao Map, BBB Korea …)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Services known by their Latin name in every language (their own apps,
# signs and phone menus use it); one Latin word (JCI, WeChat, KTX) is a name too.
PROPER_NAMES = {"Kakao Map", "Naver Map", "Google Maps", "BBB Korea", "Medical Korea",
                "Korea Travel Helpline", "Facebook Messenger", "FHIR Questionnaire"}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "base", "col",
        "embed", "param", "track"}
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]+")
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \u00a0]+[A-Za-z][A-Za-z'’-]*)+")


class Runs(HTMLParser):
    """Untagged Hangul and Latin runs in a page's main content."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None, bool]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in VOID:
            return
        values = dict(attrs)
        main = tag == "article" or bool(self.stack and self.stack[-1][2])
        self.stack.append((tag, values.get("lang"), main))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.stack or not self.stack[-1][2]:
            return
        if any(tag in ("script", "style", "code", "pre", "svg") for tag, _, _ in self.stack):
            return
        lang = next((lang for _, lang, _ in reversed(self.stack) if lang), "")
        if not lang.startswith("ko"):
            self.found += [f"Hangul '{m}'" for m in HANGUL.findall(data)]
        if not lang.startswith(("en", "ko")):
            self.found += [f"English '{m}'" for m in LATIN_RUN.findall(data)
                           if not any(name in m for name in PROPER_NAMES)]


@pytest.mark.parametrize("lang", ["zh", "mn", "ru", "ar"])
def test_no_untagged_english_or_korean_in_translated_pages(sample_site: Path, lang: str) -> None:
    problems = {}
    for page in sorted((sample_site / lang).rglob("index.html")):
        runs = Runs()
        runs.feed(page.read_text(encoding="utf-8"))
        if runs.found:
            problems[page.relative_to(sample_site).as_posix()] = sorted(set(runs.found))[:5]
    assert not problems, problems


def test_the_check_finds_what_it_looks_for() -> None:
    runs = Runs()
    runs.feed('<article><p>Адрес: 서울 <span lang="ko">서울특별시</span>, ask the staff. '
              '<span lang="en">Kim Eye Hospital</span> Kakao Map</p></article><p>출구 Exit here</p>')
    assert runs.found == ["Hangul '서울'", "English 'ask the staff'"]
