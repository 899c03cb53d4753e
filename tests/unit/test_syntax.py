"""YAML syntax slips reported on the line where the editor made them, the
offending character named, the Korean line free of parser words."""

from __future__ import annotations

import re

import pytest

from tests.unit.test_load import HEAD, load

# Institutions start on line 9 of HEAD; each case's slip is on line 10.
CASES = [
    ("  - id: one\n    category clinic\n    name: x\n", 10, 5, "not followed by a colon ':'"),
    ("  - id: one\n    category： clinic\n    name: x\n", 10, 13,
     "followed by a full-width colon '：' (U+FF1A)"),
    ("  - id: one\n    name: x\n    category： clinic\n", 11, 13, "a full-width colon '：' (U+FF1A)"),
    ("  - id: one\n\tname: x\n", 10, 1, "indented with a tab (U+0009)"),
    ("  - id: one\n　  name: x\n", 10, 1, "indented with a full-width space (U+3000)"),
    ("  - id: one\n    name:　x\n", 10, 10, "followed by a full-width space (U+3000)"),
    ("  - id: one\n    summary: 'one\n    name: x\n", 10, 14, "a quote is opened here and never closed"),
    ("  - id: one\n    services: [a, b\n    name: x\n", 10, 15, "opened with '[' here is not closed"),
    ("  - id: one\n    source: Dr: Kim\n", 10, 15, "a colon ':' followed by a space is inside a value"),
    ("  - id: one\n   name: x\n", 10, 4, "not indented like"),
    ("  - id: one\n    summary: {en: “Kim's clinic”, zh: x\n    name: x\n", 10, 19,
     "a curly quote '“' (U+201C)"),
]


@pytest.mark.parametrize("text, line, column, message", CASES)
def test_a_syntax_slip_is_reported_where_it_was_made(text: str, line: int, column: int,
                                                     message: str) -> None:
    result = load(HEAD + text)
    assert not result.ok
    err = result.errors[0]
    assert (err.line, err.column) == (line, column), err.format()
    assert message in err.en
    parser_words = re.compile(r"scalar|token|simple key|mapping|block|flow|stream|expected|"
                              r"indicator", re.I)
    assert not parser_words.search(err.ko + err.fix_ko), err.ko
    assert not parser_words.search(err.en + err.fix_en), err.en
    assert re.search(r"[가-힣]", err.ko) and err.fix_en and err.fix_ko


def test_tabs_and_fullwidth_text_inside_values_are_left_alone() -> None:
    text = HEAD + ("  - id: one\n    category: clinic\n    name: {ko: 가, en: A, zh: 甲：乙, mn: А, "
                   "ru: А, ar: أ}\n    last_verified: 2026-01-01\n    summary:\n      en: |\n"
                   "        a\ttab　and a full-width space\n")
    assert load(text).ok, [e.format() for e in load(text).errors]


def test_a_fullwidth_character_in_a_field_name_is_named() -> None:
    result = load(HEAD + "  - id: one\n    category: clinic\n    ｎame: x\n")
    err = next(e for e in result.errors if "ｎame" in e.path)
    assert "the full-width character 'ｎ' (U+FF4E)" in err.en and err.line == 11
