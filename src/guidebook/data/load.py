"""Read ``data/institutions.yaml`` into a :class:`~guidebook.data.model.Dataset`.

The YAML is composed into nodes first so that every value keeps its line and
column; the nodes become plain Python data, which pydantic validates. Every
problem found becomes one :class:`LoadError` naming file, line, column, field
path, what is wrong and how to fix it, in English and Korean. The result is a
dataset or the complete list of errors, never part of each.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from pydantic import BaseModel, ValidationError
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from guidebook.common.chars import describe, first_lookalike, is_lookalike
from guidebook.common.explain import GENERIC, MESSAGES, allowed_literals, fields_at
from guidebook.data.model import Dataset, validation_context
from guidebook.data.syntax import explain as explain_syntax
from guidebook.data.syntax import prescan
from guidebook.data.vocabulary import korean_match

MAX_FILE_BYTES = 5 * 1024 * 1024
FieldPath = tuple[str | int, ...]

# The only tags a data file needs; anything else (!!python/object, !!binary,
# custom tags) is refused before it is constructed.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


@dataclass(frozen=True)
class LoadError:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    path: str
    en: str
    ko: str
    fix_en: str = ""
    fix_ko: str = ""

    def format(self) -> str:
        """Two lines: English, then Korean, both naming the place.

        >>> print(LoadError("a.yaml", 3, 5, "institutions[0].id", "is empty", "비어 있습니다",
        ...                 "write an id", "id를 쓰세요").format())
        a.yaml:3:5: institutions[0].id: is empty. Fix: write an id.
          a.yaml:3:5: institutions[0].id: 비어 있습니다. 고치는 법: id를 쓰세요.
        """
        where = f"{self.file}:{self.line}:{self.column}: {self.path or '(file)'}: "
        en = where + _sentence(self.en) + (f" Fix: {_sentence(self.fix_en)}" if self.fix_en else "")
        ko = where + _sentence(self.ko) + (f" 고치는 법: {_sentence(self.fix_ko)}" if self.fix_ko else "")
        return shown_safely(en) + "\n  " + shown_safely(ko)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown_safely(text: str) -> str:
    """A message as a terminal or a log may print it: control characters
    (an escape sequence quoted from a hostile file could retitle the
    terminal or write to its clipboard; a newline would forge a line) are
    written as their code.

    >>> shown_safely("'\x1b]52;c;ZXZpbA==\x07' is not allowed")
    "'<U+001B>]52;c;ZXZpbA==<U+0007>' is not allowed"
    """
    return _CONTROL.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


@dataclass(frozen=True)
class Loaded:
    """A validated model (the dataset, a form, the settings), or every error
    that kept the file from being one."""

    value: Any
    errors: tuple[LoadError, ...]
    # Where each value of a valid file is (1-based line and column), by field
    # path: release checks name the line of the date or flag they refuse.
    marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return self.value is not None

    @property
    def dataset(self) -> Dataset | None:
        return self.value


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark, en: str, ko: str, fix_en: str, fix_ko: str):
        self.mark, self.en, self.ko, self.fix_en, self.fix_ko = mark, en, ko, fix_en, fix_ko


MAX_DEPTH = 40  # the data file needs 6 levels; deeper nesting is a mistake or an attack
# libyaml's C parser when PyYAML has it (6x faster on 500 records), else PyYAML's own.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_anchors_and_depth(text: str) -> None:
    """Refuse anchors and aliases (alias bombs, hidden sharing) and nesting
    deeper than MAX_DEPTH (stack exhaustion), from the event stream, before
    any node is composed."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, AliasEvent) or (
            isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor
        ):
            raise _Refused(event.start_mark, "anchors and aliases (& and *) are not allowed",
                           "앵커와 별칭(&, *)은 쓸 수 없습니다", "write the value out in full",
                           "값을 그대로 다시 쓰세요")
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(event.start_mark,
                               f"the file nests more than {MAX_DEPTH} levels deep",
                               f"중첩이 {MAX_DEPTH}단계보다 깊습니다",
                               "check the indentation and the brackets",
                               "들여쓰기와 괄호를 확인하세요")
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def load_file(path: str | Path, languages: Sequence[str], new_languages: Sequence[str] = ()) -> Loaded:
    """The data file at ``path``, validated for the site ``languages`` (texts
    in ``new_languages``, still being translated, may be missing)."""
    return load_model(path, Dataset, context=validation_context(languages, new_languages))


def load_model(path: str | Path, model: type[BaseModel], *, context: dict | None = None,
               subtree: tuple[str, ...] = ()) -> Loaded:
    """Any YAML file of the guide validated as ``model``; with ``subtree``, only
    the mapping at that path (``("extra", "guidebook")`` of mkdocs.yml)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Loaded(None, (LoadError(str(path), 1, 1, "", f"cannot read the file ({exc.strerror})",
                                       f"파일을 읽을 수 없습니다 ({exc.strerror})"),))
    return load_bytes(raw, str(path), model=model, context=context, subtree=subtree)


def load_bytes(raw: bytes, filename: str = "<data>", languages: Sequence[str] = (), *,
               model: type[BaseModel] = Dataset, context: dict | None = None,
               subtree: tuple[str, ...] = ()) -> Loaded:
    """Parse and validate a YAML file given as bytes (by default the data file,
    for ``languages``)."""
    if context is None and model is Dataset:
        context = validation_context(languages)

    def fail(line: int, col: int, en: str, ko: str, fix_en: str = "", fix_ko: str = "") -> Loaded:
        return Loaded(None, (LoadError(filename, line, col, "", en, ko, fix_en, fix_ko),))

    if len(raw) > MAX_FILE_BYTES:
        return fail(1, 1, f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB",
                    f"파일이 {MAX_FILE_BYTES // 1024 // 1024}MB보다 큽니다",
                    "check that the right file was saved", "올바른 파일을 저장했는지 확인하세요")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return fail(line, col, "the file is not UTF-8 text", "파일이 UTF-8 텍스트가 아닙니다",
                    "save the file as UTF-8", "파일을 UTF-8로 저장하세요")
    if not text.strip():
        return fail(1, 1, "the file is empty", "파일이 비어 있습니다",
                    "restore the file from the previous version", "이전 버전으로 파일을 되돌리세요")

    slip = prescan(text)
    if slip is not None:
        return fail(slip.line, slip.column, slip.en, slip.ko, slip.fix_en, slip.fix_ko)
    loader = None
    try:
        _refuse_anchors_and_depth(text)
        loader = _Loader(text)
        root = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes of the UTF-8 text, PyYAML's reader characters.
        offset = (len(raw[:exc.position].decode("utf-8", "ignore"))
                  if _Loader is not yaml.SafeLoader else exc.position)
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return fail(line, col, f"the control character U+{char:04X} is not allowed",
                    f"제어 문자 U+{char:04X}는 쓸 수 없습니다",
                    "delete it (it is invisible in most editors)",
                    "지우세요 (대부분의 편집기에서 보이지 않는 문자입니다)")
    except _Refused as exc:
        return fail(exc.mark.line + 1, exc.mark.column + 1, exc.en, exc.ko, exc.fix_en, exc.fix_ko)
    except yaml.MarkedYAMLError as exc:
        slip = explain_syntax(exc, text)
        return fail(slip.line, slip.column, f"YAML syntax error: {slip.en}",
                    f"YAML 문법 오류: {slip.ko}", slip.fix_en, slip.fix_ko)
    except yaml.YAMLError:
        return fail(1, 1, "YAML syntax error: the file cannot be read as YAML",
                    "YAML 문법 오류: 파일을 YAML로 읽을 수 없습니다",
                    "restore the file from the previous version", "이전 버전으로 파일을 되돌리세요")
    if root is None:  # only comments
        return fail(1, 1, "the file is empty", "파일이 비어 있습니다",
                    "restore the file from the previous version", "이전 버전으로 파일을 되돌리세요")

    assert loader is not None
    converter = _Converter(loader, filename, model, subtree)
    for key in subtree:  # a part of the file (mkdocs.yml's extra.guidebook)
        found = next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == key),
                     None) if isinstance(root, MappingNode) else None  # a list or a word: no such part
        if found is None:
            root = None
            break
        root = found
    data = {} if root is None else converter.to_python(root, ())
    errors = converter.errors + (_duplicate_ids(data, converter) if model is Dataset else [])
    value = None
    try:
        value = model.model_validate(data, context=context)
    except ValidationError as exc:
        # A value the converter already refused reaches pydantic as None: say
        # it once.
        fresh = [err for err in _most_specific(exc.errors())
                 if not converter.reported(tuple(err["loc"]))]
        errors += [converter.explain(err) for err in fresh]
    if errors:
        errors.sort(key=lambda e: (e.line, e.column))
        return Loaded(None, tuple(errors))
    return Loaded(value, (), {path: (mark.line + 1, mark.column + 1)
                              for path, mark in converter.value_marks.items()})


def _most_specific(errors: list[Any]) -> list[Any]:
    """Drop an error about a list or group when an error inside it says more
    (pydantic adds 'too short' to a list whose only item is invalid)."""
    locs = [tuple(e["loc"]) for e in errors]
    return [e for e, loc in zip(errors, locs)
            if not any(len(other) > len(loc) and other[:len(loc)] == loc for other in locs)]


class _Converter:
    """Turns YAML nodes into Python data and remembers where each value was."""

    def __init__(self, loader: yaml.SafeLoader, filename: str, model: type[BaseModel] = Dataset,
                 prefix: tuple[str, ...] = ()):
        self.loader = loader
        self.filename = filename
        self.model = model
        self.prefix = prefix  # where the validated part sits in the file, for messages
        self.value_marks: dict[FieldPath, yaml.Mark] = {}
        self.key_marks: dict[FieldPath, yaml.Mark] = {}
        self.errors: list[LoadError] = []
        self.refused: set[FieldPath] = set()

    def reported(self, loc: FieldPath) -> bool:
        return any(loc[:n] in self.refused for n in range(len(loc) + 1))

    def error_at(self, mark: yaml.Mark, path: FieldPath, en: str, ko: str,
                 fix_en: str = "", fix_ko: str = "") -> LoadError:
        self.refused.add(path)
        return LoadError(self.filename, mark.line + 1, mark.column + 1,
                         format_path(self.prefix + path), en, ko, fix_en, fix_ko)

    def to_python(self, node: Node, path: FieldPath) -> Any:
        self.value_marks[path] = node.start_mark
        if node.tag not in _PLAIN_TAGS:
            self.errors.append(self.error_at(
                node.start_mark, path, f"the tag {node.tag} is not allowed",
                f"태그 {node.tag}는 쓸 수 없습니다", "remove the tag (the word starting with !)",
                "!로 시작하는 태그를 지우세요"))
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.to_python(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            # Only a timestamp can fail here (2026-13-01); PyYAML raises a bare
            # ValueError for it.
            reason = getattr(exc, "problem", None) or str(exc)
            self.errors.append(self.error_at(
                node.start_mark, path, f"'{node.value}' is not a valid value ({reason})",
                f"'{node.value}'은(는) 올바른 값이 아닙니다 ({reason})",
                "write dates as YYYY-MM-DD with a real month and day",
                "날짜는 실제 있는 월과 일로 YYYY-MM-DD 형식으로 쓰세요"))
            return None

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self.errors.append(self.error_at(
                    key_node.start_mark, path, "a field name must be plain text",
                    "항목 이름은 일반 글자여야 합니다", "write the field name as in the guide",
                    "안내서에 있는 항목 이름을 쓰세요"))
                continue
            key = key_node.value
            if key in out:
                first = self.key_marks[path + (key,)]
                self.errors.append(self.error_at(
                    key_node.start_mark, path + (key,),
                    f"the field '{key}' appears twice (first on line {first.line + 1})",
                    f"'{key}' 항목이 두 번 있습니다 (처음은 {first.line + 1}행)",
                    "keep one of them", "하나만 남기세요"))
                continue
            self.key_marks[path + (key,)] = key_node.start_mark
            out[key] = self.to_python(value_node, path + (key,))
        return out

    def explain(self, err: dict[str, Any]) -> LoadError:
        """A bilingual LoadError for one pydantic error."""
        loc: FieldPath = tuple(err["loc"])
        kind = err["type"]
        ctx = err.get("ctx") or {}
        if kind == "extra_forbidden":
            mark = self.key_marks.get(loc) or self._nearest(loc)
            return self._unknown_field(mark, loc)
        if kind == "missing":
            mark = self._nearest(loc[:-1])
            return self.error_at(mark, loc, f"the required field '{loc[-1]}' is missing",
                                 f"필수 항목 '{loc[-1]}'이(가) 없습니다",
                                 f"add '{loc[-1]}:' with its value", f"'{loc[-1]}:' 항목과 값을 추가하세요")
        if kind == "guidebook":
            at = ctx.get("at")
            if at is not None:  # about a key inside the mapping: at the key when it is there
                loc = loc + (tuple(at) if isinstance(at, (tuple, list)) else (at,))
            mark = self.key_marks.get(loc) or self._nearest(loc)
            return self.error_at(mark, loc, ctx["en"], ctx["ko"], ctx["fix_en"], ctx["fix_ko"])
        mark = self._nearest(loc)
        value = err.get("input")
        if kind == "literal_error":
            allowed = allowed_literals(self.model, loc)
            korean = korean_match(str(value), allowed)
            if korean:  # 피부과 typed for the code: name the code, not a list of 25
                code, label = korean
                return self.error_at(mark, loc, f"'{value}' is Korean; this field takes a code",
                                     f"'{value}'은(는) 한국어입니다. 이 항목에는 코드를 씁니다",
                                     f"did you mean {code} ({label})?",
                                     f"{code} ({label})을(를) 쓰려던 것인가요?")
            ch = first_lookalike(str(value))
            if ch is not None:
                en, ko = describe(ch)
                plain = "".join(c for c in str(value) if not is_lookalike(c))
                return self.error_at(mark, loc, f"'{value}' contains {en}",
                                     f"'{value}'에 {ko}이(가) 들어 있습니다",
                                     f"write '{plain}' with straight characters only",
                                     f"반각 문자로만 '{plain}'을(를) 쓰세요")
            close = difflib.get_close_matches(str(value), allowed, n=1)
            hint_en = f"did you mean '{close[0]}'? " if close else ""
            hint_ko = f"'{close[0]}'을(를) 쓰려던 것인가요? " if close else ""
            return self.error_at(mark, loc, f"'{value}' is not an allowed value",
                                 f"'{value}'은(는) 허용된 값이 아닙니다",
                                 hint_en + "allowed: " + ", ".join(allowed),
                                 hint_ko + "허용된 값: " + ", ".join(allowed))
        if kind == "string_pattern_mismatch" and isinstance(value, str):
            bad = next((c for c in value if not (c.isascii() and (c.isalnum() or c in "-_"))), None)
            if bad is not None:
                en, ko = describe(bad)
                fix_en, fix_ko = MESSAGES[kind][2:]
                return self.error_at(mark, loc, f"'{value}' is not a valid id: it contains {en}",
                                     f"'{value}'은(는) 올바른 id가 아닙니다. {ko}이(가) 들어 있습니다",
                                     fix_en, fix_ko)
        en, ko, fix_en, fix_ko = MESSAGES.get(kind, GENERIC)
        return self.error_at(mark, loc, en.format(msg=err["msg"], value=value, **ctx),
                             ko.format(msg=err["msg"], value=value, **ctx), fix_en, fix_ko)

    def _unknown_field(self, mark: yaml.Mark, loc: FieldPath) -> LoadError:
        known = fields_at(self.model, loc[:-1])
        odd = next((c for c in str(loc[-1]) if is_lookalike(c) or c == "\t"), None)
        if odd is not None:
            en, ko = describe(odd)
            plain = "".join(c for c in str(loc[-1]) if not (is_lookalike(c) or c.isspace()))
            return self.error_at(mark, loc, f"the field name '{loc[-1]}' contains {en}",
                                 f"항목 이름 '{loc[-1]}'에 {ko}이(가) 들어 있습니다",
                                 f"write '{plain}' in English (half-width) mode",
                                 f"영문(반각) 모드로 '{plain}'을(를) 쓰세요")
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        fix_en = f"did you mean '{close[0]}'?" if close else "allowed fields: " + ", ".join(known)
        fix_ko = f"'{close[0]}'을(를) 쓰려던 것인가요?" if close else "허용된 항목: " + ", ".join(known)
        return self.error_at(mark, loc, f"unknown field '{loc[-1]}'",
                             f"알 수 없는 항목 '{loc[-1]}'입니다", fix_en, fix_ko)

    def _nearest(self, loc: FieldPath) -> yaml.Mark:
        for end in range(len(loc), -1, -1):
            mark = self.value_marks.get(loc[:end])
            if mark is not None:
                return mark
        return yaml.Mark(self.filename, 0, 0, 0, None, None)


def format_path(path: FieldPath) -> str:
    """A field path as editors read it.

    >>> format_path(("institutions", 3, "contact", "phone"))
    'institutions[3].contact.phone'
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _duplicate_ids(data: Any, conv: _Converter) -> list[LoadError]:
    if not isinstance(data, dict) or not isinstance(data.get("institutions"), list):
        return []
    first: dict[str, int] = {}
    errors = []
    for index, record in enumerate(data["institutions"]):
        ident = record.get("id") if isinstance(record, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in first:
            loc = ("institutions", index, "id")
            errors.append(conv.error_at(
                conv.value_marks[loc], loc,
                f"the id '{ident}' is already used by institutions[{first[ident]}]",
                f"id '{ident}'는 institutions[{first[ident]}]에서 이미 쓰고 있습니다",
                "give each institution its own id", "기관마다 다른 id를 쓰세요"))
        else:
            first[ident] = index
    return errors
