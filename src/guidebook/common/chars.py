"""Names for the characters an editor cannot tell apart on screen.

A Korean keyboard in full-width mode types ``：`` for ``:`` and an ideographic
space for a space; word processors turn ``"`` into ``“``; a letter O sits next
to the digit 0. Each is invisible in a message that only quotes the value, so
every message about such a character names it, in English and in Korean, with
its code point.
"""

from __future__ import annotations

import unicodedata

CURLY_QUOTES = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300d"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d"


def describe(ch: str) -> tuple[str, str]:
    """How to name ``ch`` to an editor: (English, Korean).

    >>> describe("\\uff1a")
    ("a full-width colon '：' (U+FF1A)", "전각 콜론 '：' (U+FF1A)")
    >>> describe("\\t")
    ('a tab (U+0009)', '탭 문자 (U+0009)')
    >>> describe("\\u201c")[0]
    "a curly quote '“' (U+201C)"
    >>> describe("O")
    ("the letter 'O' (U+004F)", "영문자 'O' (U+004F)")
    """
    code = f"U+{ord(ch):04X}"
    if ch == "\t":
        return f"a tab ({code})", f"탭 문자 ({code})"
    if ch == " ":
        return f"a space ({code})", f"공백 ({code})"
    if ch == "\u3000":
        return f"a full-width space ({code})", f"전각 공백 ({code})"
    if ch == "\u00a0":
        return f"a non-breaking space ({code})", f"줄바꿈 없는 공백 ({code})"
    if ch in CURLY_QUOTES:
        return f"a curly quote '{ch}' ({code})", f"둥근 따옴표 '{ch}' ({code})"
    if ch in DASHES:
        return f"a dash '{ch}' ({code}), not a hyphen '-'", f"하이픈 '-'이 아닌 대시 '{ch}' ({code})"
    if "\uff01" <= ch <= "\uff5e":
        ascii_name = unicodedata.name(chr(ord(ch) - 0xFEE0), "").lower()
        word = {"colon": "colon", "comma": "comma", "full stop": "full stop"}.get(ascii_name, "")
        ko = {"colon": "콜론", "comma": "쉼표", "full stop": "마침표"}.get(ascii_name, "문자")
        if word:
            return f"a full-width {word} '{ch}' ({code})", f"전각 {ko} '{ch}' ({code})"
        return f"the full-width character '{ch}' ({code})", f"전각 문자 '{ch}' ({code})"
    if ch.isascii() and ch.isalpha():
        return f"the letter '{ch}' ({code})", f"영문자 '{ch}' ({code})"
    if unicodedata.category(ch)[0] in "CZ":
        name = unicodedata.name(ch, "unnamed").lower()
        return f"the invisible character {code} ({name})", f"보이지 않는 문자 {code}"
    return f"the character '{ch}' ({code})", f"문자 '{ch}' ({code})"


def is_lookalike(ch: str) -> bool:
    """A character that looks like a plain ASCII one but is not: curly quotes,
    dashes, full-width forms, unusual spaces.

    >>> [is_lookalike(c) for c in "“－：a\\u3000"]
    [True, True, True, False, True]
    """
    return (ch in CURLY_QUOTES or ch in DASHES or "\uff01" <= ch <= "\uff5e"
            or ch in "\u3000\u00a0\u2007\u202f\u2032\u2033")


def first_lookalike(value: str) -> str | None:
    """The first look-alike character of ``value``, if any."""
    return next((ch for ch in value if is_lookalike(ch)), None)
