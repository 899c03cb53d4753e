"""Plain words for pydantic's validation errors, in English and Korean.

The loader finds where an error is; this module says what is wrong and how to
fix it, looking up the model to list allowed fields and values.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

FieldPath = tuple[str | int, ...]

GENERIC = ("invalid value: {msg}", "값이 올바르지 않습니다: {msg}", "", "")
MESSAGES = {
    "string_type": ("must be text, found {value!r}", "글자여야 합니다 (지금 값: {value!r})",
                    "put the value in quotes", "값을 따옴표로 감싸세요"),
    "bool_type": ("must be true or false", "true 또는 false여야 합니다", "write true or false",
                  "true 또는 false를 쓰세요"),
    "string_too_long": ("is longer than {max_length} characters", "{max_length}자보다 깁니다",
                        "shorten it", "줄여 쓰세요"),
    "string_pattern_mismatch": (
        "'{value}' is not a valid id", "'{value}'은(는) 올바른 id가 아닙니다",
        "use lower-case Latin letters, digits and hyphens, e.g. kim-eye-hospital",
        "영문 소문자, 숫자, 하이픈만 쓰세요. 예: kim-eye-hospital"),
    "date_type": ("must be a date, found {value!r}", "날짜여야 합니다 (지금 값: {value!r})",
                  "write it as YYYY-MM-DD, e.g. 2026-11-23", "YYYY-MM-DD 형식으로 쓰세요. 예: 2026-11-23"),
    "date_from_datetime_parsing": (
        "'{value}' is not a date", "'{value}'은(는) 날짜가 아닙니다",
        "write it as YYYY-MM-DD, e.g. 2026-11-23", "YYYY-MM-DD 형식으로 쓰세요. 예: 2026-11-23"),
    "float_type": ("must be a number", "숫자여야 합니다", "write a decimal number such as 37.5165",
                   "37.5165 같은 숫자를 쓰세요"),
    "float_parsing": ("must be a number", "숫자여야 합니다", "write a decimal number such as 37.5165",
                      "37.5165 같은 숫자를 쓰세요"),
    "greater_than_equal": ("must be at least {ge}", "{ge} 이상이어야 합니다", "", ""),
    "less_than_equal": ("must be at most {le}", "{le} 이하여야 합니다", "", ""),
    "tuple_type": ("must be a list", "목록이어야 합니다", "write one '- value' line per item",
                   "항목마다 '- 값' 줄을 쓰세요"),
    "model_type": ("must be a group of fields", "하위 항목의 묶음이어야 합니다",
                   "indent the fields under this name", "이 이름 아래에 항목들을 들여 쓰세요"),
    "too_short": ("must not be empty", "비어 있으면 안 됩니다", "add at least one item",
                  "항목을 하나 이상 추가하세요"),
}


def _model_at(root: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The pydantic model class that validates the mapping at ``loc`` of ``root``."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = _field_by_name(model, part)
        if field is None:
            return None
        model = _inner_model(field.annotation)
        if model is None:
            return None
    return model


def _field_by_name(model: type[BaseModel], name: str | int) -> Any:
    for field_name, field in model.model_fields.items():
        if (field.alias or field_name) == name:
            return field
    return None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def fields_at(root: type[BaseModel], loc: FieldPath) -> list[str]:
    model = _model_at(root, loc)
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def allowed_literals(root: type[BaseModel], loc: FieldPath) -> list[str]:
    names = [p for p in loc if not isinstance(p, int)]
    model = _model_at(root, tuple(names[:-1]))
    field = _field_by_name(model, names[-1]) if model else None
    return sorted(_literal_values(field.annotation)) if field else []


def _literal_values(annotation: Any) -> set[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    values: set[str] = set()
    for arg in typing.get_args(annotation):
        values |= _literal_values(arg)
    return values


