"""YAML syntax errors in the words of the editor who made the slip.

libyaml notices a slip where it can no longer go on, which is often the line
after it (a missing colon is found at the next field) and says so in parser
terms ("could not find expected ':' while scanning a simple key"). This module
finds the line where the editor typed the slip, names the character when one
is the cause (a tab, a full-width colon or space, a curly quote), and says
what to do in English and in Korean without the parser's vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from guidebook.common.chars import CURLY_QUOTES, describe


@dataclass(frozen=True)
class Slip:
    line: int  # 1-based
    column: int  # 1-based
    en: str
    ko: str
    fix_en: str
    fix_ko: str


# A field name followed by a full-width colon: never a value (Chinese text
# such as 电话：02… has no Latin field name before it).
_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)\s*(\uff1a)")
_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*):(\u3000)")
# A field name, a colon and its value with no space between (not a URL's "://").
_GLUED = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):(?!//)(\S.*?)\s*$")


def prescan(text: str) -> Slip | None:
    """The first slip libyaml would misplace or miss: a tab or a full-width
    space in the indentation, a full-width colon or space after a field name.

    >>> prescan("a:\\n  b： 1\\n").column, prescan("a:\\n\\tb: 1\\n").en
    (4, 'the line is indented with a tab (U+0009)')
    """
    block_indent: int | None = None  # inside a | or > text, whose lines are content
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        lead = re.match(r"[ \t\u3000]*", line).group(0)
        for col, ch in enumerate(lead, 1):
            if ch in "\t\u3000":
                en, ko = describe(ch)
                return Slip(number, col, f"the line is indented with {en}",
                            f"줄이 {ko}(으)로 들여 쓰여 있습니다",
                            "indent with ordinary spaces only (the space bar, in English mode)",
                            "들여쓰기는 일반 공백(영문 모드의 스페이스바)으로만 하세요")
        if line.lstrip().startswith("#"):
            continue
        for pattern in (_FULLWIDTH_KEY, _KEY):
            match = pattern.match(line)
            if match:
                ch = match.group(3)
                en, ko = describe(ch)
                return Slip(number, match.start(3) + 1,
                            f"the field name '{match.group(2)}' is followed by {en}",
                            f"항목 이름 '{match.group(2)}' 뒤에 {ko}이(가) 있습니다",
                            "type the colon and the space after it in English (half-width) "
                            "mode: 'name: value'",
                            "콜론과 그 뒤의 공백을 영문(반각) 모드로 입력하세요: '이름: 값'")
        if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", line):
            block_indent = indent
    return None


# libyaml's problems, in editors' words: (English, Korean, fix, fix in Korean).
_PLAIN = {
    "could not find expected ':'": (
        "the field name is not followed by a colon ':'",
        "항목 이름 뒤에 콜론(:)이 없습니다",
        "write a colon and a space after the field name: 'name: value'",
        "항목 이름 뒤에 콜론과 공백을 쓰세요: '이름: 값'"),
    "mapping values are not allowed": (
        "a colon ':' followed by a space is inside a value",
        "값 안에 콜론(:)과 공백이 있습니다",
        "put the whole value in quotes (\"Dr: Kim\") or check the indentation",
        "값 전체를 따옴표로 감싸거나(\"Dr: Kim\") 들여쓰기를 확인하세요"),
    "found unexpected end of stream": (
        "a quote is opened here and never closed",
        "여기서 연 따옴표가 닫히지 않았습니다",
        "close the quote at the end of the value, with the same straight quote (\" or ')",
        "값 끝에 같은 곧은 따옴표(\" 또는 ')로 닫으세요"),
    "did not find expected ',' or ']'": (
        "the list opened with '[' here is not closed with ']'",
        "여기서 '['로 연 목록이 ']'로 닫히지 않았습니다",
        "close it with ']' on the same line, items separated by commas",
        "같은 줄에서 ']'로 닫고, 항목은 쉼표로 구분하세요"),
    "did not find expected ',' or '}'": (
        "the group opened with '{' here is not closed with '}'",
        "여기서 '{'로 연 묶음이 '}'로 닫히지 않았습니다",
        "close it with '}', fields separated by commas",
        "'}'로 닫고, 항목은 쉼표로 구분하세요"),
    "did not find expected '-' indicator": (
        "this line is not indented like the list items above it",
        "이 줄의 들여쓰기가 위의 목록 항목과 맞지 않습니다",
        "line the field up with the other fields of the same record",
        "같은 기관의 다른 항목과 들여쓰기를 맞추세요"),
    "did not find expected key": (
        "this line is not indented like the fields above it",
        "이 줄의 들여쓰기가 위의 항목들과 맞지 않습니다",
        "line it up with the fields of the same group; a new list item starts with '- ' "
        "(a hyphen and a space)",
        "같은 묶음의 항목과 들여쓰기를 맞추세요. 새 목록 항목은 '- '(하이픈과 공백)로 시작합니다"),
    "found character that cannot start any token": (
        "this character cannot start a value",
        "값을 이 문자로 시작할 수 없습니다",
        "put the value in quotes",
        "값을 따옴표로 감싸세요"),
    "found unknown escape character": (
        "a backslash '\\' inside double quotes starts an unknown escape",
        "큰따옴표 안의 역슬래시('\\')가 올바르지 않습니다",
        "use single quotes around the value, or write '\\\\' for a backslash",
        "값을 작은따옴표로 감싸거나 역슬래시를 '\\\\'로 쓰세요"),
}
_GENERIC = ("the file's structure is broken here", "이곳에서 파일 구조가 깨졌습니다",
            "check the indentation and the colon after each field name on this line and the one "
            "above", "이 줄과 윗줄의 들여쓰기와 항목 이름 뒤의 콜론(:)을 확인하세요")
# Where libyaml's context mark, not its problem mark, is the editor's line.
_AT_CONTEXT = ("could not find expected ':'", "found unexpected end of stream",
               "did not find expected ',' or ']'", "did not find expected ',' or '}'")


def explain(exc: yaml.MarkedYAMLError, text: str) -> Slip:
    """A libyaml syntax error as an editor's slip (run ``prescan`` first)."""
    problem = str(exc.problem or "")
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and problem.startswith(_AT_CONTEXT):
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    words = next((v for k, v in _PLAIN.items() if problem.startswith(k)), _GENERIC)
    en, ko, fix_en, fix_ko = words
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if problem.startswith(("could not find expected ':'", "mapping values are not allowed")):
        # 'phone:02-761-2875': without a space YAML reads one word, and the
        # error surfaces at that line or the next. Point at the colon.
        for number in (line - 1, line):
            glued = _GLUED.match(lines[number - 1]) if 0 < number <= len(lines) else None
            if glued:
                key = glued.group(2)
                return Slip(number, glued.end(2) + 1,
                            f"the field name '{key}' is followed by a colon without a space",
                            f"항목 이름 '{key}' 뒤의 콜론(:) 다음에 공백이 없습니다",
                            f"write a space after the colon: '{key}: {glued.group(3)}'",
                            f"콜론 뒤에 공백을 하나 쓰세요: '{key}: {glued.group(3)}'")
    quote = next((i for i, ch in enumerate(here) if ch in CURLY_QUOTES), None)
    if quote is not None:
        q_en, q_ko = describe(here[quote])
        return Slip(line, quote + 1, f"{en}; the line has {q_en}", f"{ko}. 이 줄에 {q_ko}이(가) 있습니다",
                    "use straight quotes (\" or ') typed in English mode",
                    "영문 모드에서 곧은 따옴표(\" 또는 ')를 쓰세요")
    return Slip(line, column, en, ko, fix_en, fix_ko)
