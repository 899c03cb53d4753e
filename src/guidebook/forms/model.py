"""Multilingual medical forms as data: ``data/forms/<id>.yaml``.

A form is sections of items; each item has an id, a type, whether it is
required, an optional condition on an earlier answer, and its label, help text
and options in Korean and every site language. The patient answers in their
language on the web page; the reception staff read every answer in Korean.
The files are read by the same loader as the data file (every problem at once,
with its line and the fix, in English and Korean).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field, ValidationInfo, model_validator

from guidebook.data.load import LoadError, load_model
from guidebook.data.model import SLUG, ByLanguage, KOREAN, Strict, Text, not_reserved, problem, validation_context

# Form ids that are the address of another page: /forms/read/ is the QR
# reading page, /forms/ (index) the list of forms.
RESERVED_IDS = ("read", "index")

ItemType = Literal["text", "date", "number", "choice", "multi", "yesno", "scale"]
Review = Literal["source", "reviewed", "unreviewed"]
REVIEWED = ("source", "reviewed")
CODE = r"^[a-z][a-z0-9_]*$"
# The answers of a yes/no item: codes, and their Korean for the reception staff
# (the patient's language comes from the gettext catalog).
YES_NO_CODES = ("yes", "no", "unsure")
YES_NO_KO = {"yes": "예", "no": "아니요", "unsure": "모름"}
# Text answers, in characters: a line (a name, a number) and a paragraph take
# these unless the item says otherwise; no item takes more than MAX_TEXT
# (what still fits the QR codes of a summary, see handover.py).
SHORT_TEXT, LONG_TEXT, MAX_TEXT = 100, 500, 1000


class Localized(ByLanguage[Text]):
    """A form text in Korean and in every site language (all required)."""

    KEYS_EXTRA = (KOREAN,)
    REQUIRED = "all"
    model_config = ConfigDict(frozen=True, json_schema_extra={"x-guidebook-languages": "ko+all"})


class ReviewStatus(ByLanguage[Review]):
    """Per language: has a qualified reviewer approved the medical wording?"""

    KEYS_EXTRA = (KOREAN,)
    REQUIRED = "all"
    model_config = ConfigDict(frozen=True, json_schema_extra={"x-guidebook-languages": "ko+all"})


class Option(Strict):
    code: str = Field(pattern=CODE, max_length=40)
    label: Localized


class Condition(Strict):
    """Show the item only when an earlier item has one of these answers."""

    item: str = Field(pattern=CODE)
    any_of: tuple[str, ...] = Field(min_length=1)


class Item(Strict):
    id: str = Field(pattern=CODE, max_length=40)
    type: ItemType
    required: bool = False
    label: Localized
    help: Localized | None = None
    options: tuple[Option, ...] = ()
    when: Condition | None = None
    min: float | None = None
    max: float | None = None
    unit: Localized | None = None
    low: Localized | None = None
    high: Localized | None = None
    # Text items: the longest answer (characters), whether it is a paragraph
    # (a text area) rather than a line, and whether it must be in Latin
    # letters (a name as in the passport).
    max_length: int | None = Field(default=None, ge=1, le=MAX_TEXT)
    long: bool = False
    latin: bool = False

    NEEDS_OPTIONS: ClassVar[tuple[str, ...]] = ("choice", "multi")

    @model_validator(mode="after")
    def _shape(self) -> Item:
        if self.type in self.NEEDS_OPTIONS and len(self.options) < 2:
            raise problem(f"a '{self.type}' item needs at least two options",
                          f"'{self.type}' 문항에는 선택지가 두 개 이상 있어야 합니다",
                          "add 'options:' with a code and a label for each",
                          "'options:' 아래에 선택지마다 code와 label을 쓰세요", at="options")
        if self.type not in self.NEEDS_OPTIONS and self.options:
            raise problem(f"a '{self.type}' item has no options",
                          f"'{self.type}' 문항에는 선택지를 쓰지 않습니다",
                          "delete 'options:' or change the type to choice or multi",
                          "'options:'를 지우거나 type을 choice 또는 multi로 바꾸세요", at="options")
        codes = [o.code for o in self.options]
        for code in codes:
            if codes.count(code) > 1:
                raise problem(f"the option code '{code}' appears twice",
                              f"선택지 코드 '{code}'가 두 번 있습니다",
                              "give each option its own code", "선택지마다 다른 코드를 쓰세요",
                              at="options")
        if self.type != "text" and (self.max_length is not None or self.long or self.latin):
            raise problem(f"max_length, long and latin are for text items, not '{self.type}'",
                          f"max_length, long, latin은 text 문항에만 씁니다('{self.type}' 문항)",
                          "delete them or change the type to text",
                          "지우거나 type을 text로 바꾸세요", at="type")
        if self.type == "scale" and (self.min is None or self.max is None):
            raise problem("a scale needs min and max", "척도 문항에는 min과 max가 필요합니다",
                          "add e.g. 'min: 0' and 'max: 10'", "예: 'min: 0', 'max: 10'을 추가하세요")
        if self.min is not None and self.max is not None and self.max <= self.min:
            raise problem("max is not larger than min", "max가 min보다 크지 않습니다",
                          "check the two numbers", "두 숫자를 확인하세요", at="max")
        return self

    @property
    def text_limit(self) -> int:
        """The longest answer a text item takes, in characters."""
        return self.max_length or (LONG_TEXT if self.long else SHORT_TEXT)

    def answer_codes(self) -> tuple[str, ...]:
        """The codes an answer to this item can have (choices and yes/no)."""
        if self.type == "yesno":
            return YES_NO_CODES
        return tuple(o.code for o in self.options)


class Section(Strict):
    id: str = Field(pattern=CODE, max_length=40)
    title: Localized
    items: tuple[Item, ...] = Field(min_length=1)


class Form(Strict):
    id: Annotated[str, Field(pattern=SLUG, max_length=40), not_reserved(RESERVED_IDS, "forms")]
    title: Localized
    intro: Localized | None = None
    review: ReviewStatus
    sections: tuple[Section, ...] = Field(min_length=1)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Form:
        seen: dict[str, Item] = {}
        for s, section in enumerate(self.sections):
            for i, item in enumerate(section.items):
                where = ("sections", s, "items", i)
                if item.id in seen:
                    raise _at(where + ("id",), f"the item id '{item.id}' is used twice",
                              f"문항 id '{item.id}'가 두 번 쓰였습니다", "give each item its own id",
                              "문항마다 다른 id를 쓰세요")
                if item.when is not None:
                    _check_condition(item, seen, where)
                seen[item.id] = item
        return self


def _at(loc: tuple, en: str, ko: str, fix_en: str, fix_ko: str):  # noqa: ANN202
    """A problem about a place deeper in the form than the validator's own."""
    return problem(en, ko, fix_en, fix_ko, at=loc)


def _check_condition(item: Item, earlier: dict[str, Item], where: tuple) -> None:
    assert item.when is not None
    target = earlier.get(item.when.item)
    if target is None:
        raise _at(where + ("when", "item"), f"'{item.when.item}' is not an earlier item",
                  f"'{item.when.item}'은(는) 앞에 있는 문항이 아닙니다",
                  "name an item that comes before this one in the form",
                  "이 문항보다 앞에 있는 문항의 id를 쓰세요")
    allowed = target.answer_codes()
    if not allowed:
        raise _at(where + ("when", "item"), f"'{target.id}' has no answers to choose from",
                  f"'{target.id}' 문항에는 고를 답이 없습니다",
                  "a condition needs a choice, multi or yes/no item",
                  "조건에는 choice, multi, yesno 문항을 쓰세요")
    for code in item.when.any_of:
        if code not in allowed:
            raise _at(where + ("when", "any_of"), f"'{code}' is not an answer of '{target.id}'",
                      f"'{code}'은(는) '{target.id}' 문항의 답이 아닙니다",
                      "allowed: " + ", ".join(allowed), "쓸 수 있는 값: " + ", ".join(allowed))


@dataclass(frozen=True)
class LoadedForms:
    forms: tuple[Form, ...]
    errors: tuple[LoadError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def load_forms(folder: Path, languages: Sequence[str],
               new_languages: Sequence[str] = ()) -> LoadedForms:
    """Every ``*.yaml`` form in ``folder``, sorted by file name, or every error."""
    forms, errors = [], []
    for path in sorted(folder.glob("*.yaml")):
        loaded = load_model(path, Form, context=validation_context(languages, new_languages))
        if loaded.ok:
            if loaded.value.id != path.stem:
                errors.append(LoadError(str(path), 1, 1, "id", f"the id '{loaded.value.id}' is not "
                                        f"the file's name '{path.stem}'",
                                        f"id '{loaded.value.id}'이(가) 파일 이름 '{path.stem}'과 다릅니다",
                                        f"rename the file to {loaded.value.id}.yaml or change the id",
                                        f"파일 이름을 {loaded.value.id}.yaml로 바꾸거나 id를 고치세요"))
            forms.append(loaded.value)
        errors.extend(loaded.errors)
    return LoadedForms(tuple(forms), tuple(errors))


def unreviewed(form: Form) -> list[str]:
    """The languages whose medical wording no reviewer has approved."""
    return [lang for lang, status in form.review.root.items() if status not in REVIEWED]
