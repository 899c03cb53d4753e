"""The data model of ``data/institutions.yaml``: immutable pydantic models.

Validators raise :class:`Problem` with an English and a Korean message and a
fix, so that the loader can show editors a bilingual error that names the line.
The JSON Schema given to editors' YAML language servers is generated from these
classes (``guidebook schema``).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import unicodedata
from collections.abc import Sequence
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

import phonenumbers
from babel import Locale, UnknownLocaleError
from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, RootModel,
                      ValidationInfo, model_validator)
from pydantic_core import PydanticCustomError

from guidebook.common.chars import describe, first_lookalike
from guidebook.data.hours import HoursError
from guidebook.data.hours import parse as parse_hours
from guidebook.data.vocabulary import CATEGORIES, CHANNELS, SERVICES, SPECIALTIES

# Korea's mainland, Jeju and Ulleung/Dokdo, with a margin.
KOREA_LAT = (33.0, 38.7)
KOREA_LON = (124.5, 132.0)


def problem(en: str, ko: str, fix_en: str = "", fix_ko: str = "",
            at: str | tuple[str | int, ...] | None = None) -> PydanticCustomError:
    """A validation error carrying both languages; the loader formats it.
    ``at`` names the key (or the path of keys) inside the validated mapping
    that the error is about."""
    return PydanticCustomError(
        "guidebook", "{en}", {"en": en, "ko": ko, "fix_en": fix_en, "fix_ko": fix_ko, "at": at}
    )


# Characters that can reorder or hide text on screen: bidi embeddings,
# overrides and isolates, zero-width characters, other format controls.
_FORMAT_CATEGORIES = {"Cf", "Cc", "Co", "Cs"}


def _clean_text(value: str) -> str:
    for ch in value:
        if ch in "\n\t":
            continue
        if unicodedata.category(ch) in _FORMAT_CATEGORIES:
            raise problem(
                f"contains the invisible control character U+{ord(ch):04X} "
                f"({unicodedata.name(ch, 'unnamed')})",
                f"보이지 않는 제어 문자 U+{ord(ch):04X}가 들어 있습니다",
                "delete it: such characters can reorder a phone number or a link on screen",
                "삭제하세요. 이런 문자는 화면에서 전화번호나 링크의 순서를 바꿀 수 있습니다",
            )
    stripped = value.strip()
    if not stripped:
        raise problem("is empty", "비어 있습니다", "write the text or delete the field",
                      "내용을 쓰거나 항목을 지우세요")
    return stripped


Text = Annotated[str, Field(max_length=2000), AfterValidator(_clean_text)]


def _plain_name(value: str) -> str:
    if any(ch in value for ch in "<>[]{}`|*_\\"):
        raise problem(
            "contains markup characters (< > [ ] { } ` | * _ \\)",
            "서식 문자(< > [ ] { } ` | * _ \\)가 들어 있습니다",
            "write the name as plain text",
            "이름은 일반 글자로만 쓰세요",
        )
    return value


Name = Annotated[Text, Field(max_length=200), AfterValidator(_plain_name)]

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


# What a phone number may be written with: digits, a leading +, and the
# separators people use. Anything else is refused rather than repaired:
# libphonenumber reads letters as a keypad's digits (02-2639-765O becomes a
# different, live number) and drops "ext 2" or "~8" silently.
_PHONE_CHARS = set("0123456789+-. ()")
_PHONE_FIX = ("write the number with digits, spaces and hyphens only, e.g. 02-2670-3114 or "
              "+82 2 2670 3114; an extension or a second number goes in the summary",
              "숫자, 공백, 하이픈만으로 쓰세요. 예: 02-2670-3114 또는 +82 2 2670 3114. 내선 번호나 "
              "다른 번호는 소개(summary)에 쓰세요")


def _phone(value: str) -> str:
    value = value.strip()
    bad = next((ch for ch in value if ch not in _PHONE_CHARS), None)
    if bad is None and "+" in value[1:]:
        bad = "+"
    if bad is not None:
        en, ko = describe(bad)
        hint_en = hint_ko = ""
        if bad in "oO":
            hint_en, hint_ko = " (did you mean the digit 0?)", " (숫자 0을 쓰려던 것인가요?)"
        elif bad in "lI":
            hint_en, hint_ko = " (did you mean the digit 1?)", " (숫자 1을 쓰려던 것인가요?)"
        raise problem(
            f"'{value}' contains {en}{hint_en}: a phone number is digits only",
            f"'{value}'에 {ko}이(가) 들어 있습니다{hint_ko}. 전화번호는 숫자로만 씁니다",
            *_PHONE_FIX)
    try:
        number = phonenumbers.parse(value, "KR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise problem(
            f"'{value}' is not a valid phone number",
            f"'{value}'은(는) 올바른 전화번호가 아닙니다",
            "write it with the area code, e.g. 02-2670-3114 or +82 2 2670 3114",
            "지역번호를 포함해 쓰세요. 예: 02-2670-3114 또는 +82 2 2670 3114",
        )
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not same_digits(value, e164):  # never publish a number other than the one written
        raise problem(
            f"'{value}' would be published as {e164}, which is not the number written",
            f"'{value}'이(가) {e164}(으)로 바뀌어 게시됩니다. 쓴 번호와 다릅니다",
            *_PHONE_FIX)
    return e164


def same_digits(written: str, e164: str) -> bool:
    """Whether the E.164 form dials the digits the editor wrote: the written
    digits, without a leading +82 or trunk 0, are the national number.

    >>> same_digits("02-2670-3114", "+82226703114"), same_digits("+82 2 2670 3114", "+82226703114")
    (True, True)
    >>> same_digits("02-2639-7656", "+8222639765")
    False
    """
    digits = "".join(ch for ch in written if ch.isdigit())
    number = phonenumbers.parse(e164)
    national = str(number.national_number)
    code = str(number.country_code)
    if written.strip().startswith("+"):
        return digits == code + national
    return digits.lstrip("0") == national or digits == code + national


Phone = Annotated[str, Field(max_length=40), AfterValidator(_phone)]


def _is_short(digits: str) -> bool:
    from phonenumbers import shortnumberinfo

    return (digits.isdigit() and len(digits) <= 4
            and shortnumberinfo.is_valid_short_number(phonenumbers.parse(digits, "KR")))


def _phone_or_short(value: str) -> str:
    """A full number (as :func:`_phone`), a Korean short code such as 1330
    (kept as its digits), or a short code behind Seoul's area code as dialled
    from abroad (+82-2-1330, kept in E.164 form).

    >>> _phone_or_short("1330"), _phone_or_short("+82-2-1330"), _phone_or_short("02-2670-3114")
    ('1330', '+8221330', '+82226703114')
    """
    digits = "".join(ch for ch in value if ch.isdigit() or ch == "+")
    if _is_short(digits):
        return digits
    if digits.startswith("+822") and _is_short(digits[4:]):
        return digits
    return _phone(value)


HelpLinePhone = Annotated[str, Field(max_length=40), AfterValidator(_phone_or_short)]

_URL = re.compile(r"^(https?)://[^\s/?#<>\"']+[^\s<>\"']*$")


def _no_lookalikes(value: str, what_en: str, what_ko: str) -> None:
    """Refuse a curly quote, a full-width letter or an odd space in a value a
    machine reads (an address, a handle): it would make a link that leads
    nowhere (t.me/“@name”)."""
    ch = first_lookalike(value)
    if ch is not None:
        en, ko = describe(ch)
        raise problem(f"'{value}' contains {en}, which cannot be in {what_en}",
                      f"'{value}'에 {ko}이(가) 들어 있습니다. {what_ko}에는 쓸 수 없습니다",
                      "type it again with the keyboard in English (half-width) mode, with "
                      "straight quotes \" or ' only around the whole value",
                      "키보드를 영문(반각) 모드로 두고 다시 입력하세요. 따옴표는 값 전체를 감싸는 "
                      "곧은 따옴표(\" 또는 ')만 씁니다")


def _url(value: str) -> str:
    _no_lookalikes(value, "a web address", "웹 주소")
    if not _URL.match(value):
        raise problem(
            f"'{value}' is not an http(s) web address",
            f"'{value}'은(는) http(s) 웹 주소가 아닙니다",
            "write the full address starting with https://",
            "https://로 시작하는 전체 주소를 쓰세요",
        )
    return value


Url = Annotated[str, Field(max_length=2000), AfterValidator(_url)]

_EMAIL = re.compile(r"^[^@\s<>\"'(),;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def _email(value: str) -> str:
    _no_lookalikes(value, "an e-mail address", "이메일 주소")
    if not _EMAIL.match(value):
        raise problem(
            f"'{value}' is not an e-mail address",
            f"'{value}'은(는) 이메일 주소가 아닙니다",
            "write it as name@example.com",
            "name@example.com 형식으로 쓰세요",
        )
    return value


Email = Annotated[str, Field(max_length=254), AfterValidator(_email)]


def _language_tag(value: str) -> str:
    try:
        Locale.parse(value, sep="-")
    except (ValueError, UnknownLocaleError):
        raise problem(
            f"'{value}' is not a language code",
            f"'{value}'은(는) 언어 코드가 아닙니다",
            "use a BCP 47 code such as en, zh, mn, ru, ar, ja, vi",
            "en, zh, mn, ru, ar, ja, vi 같은 BCP 47 코드를 쓰세요",
        ) from None
    return value


LanguageTag = Annotated[str, Field(max_length=35), AfterValidator(_language_tag)]

_HANDLE = re.compile(r"^@?[A-Za-z0-9][A-Za-z0-9._-]*$")


def _handle(value: str) -> str:
    """A messenger ID (WeChat, LINE, Telegram's @name) or a web address."""
    value = value.strip()
    if value.startswith(("https://", "http://")):
        return _url(value)
    _no_lookalikes(value, "a messenger ID", "메신저 ID")
    if not _HANDLE.match(value):
        bad = next((ch for ch in value.lstrip("@") if not (ch.isascii() and (ch.isalnum() or ch in "._-"))),
                   value[:1])
        en, ko = describe(bad)
        raise problem(f"'{value}' contains {en}, which cannot be in a messenger ID",
                      f"'{value}'에 {ko}이(가) 들어 있습니다. 메신저 ID에는 쓸 수 없습니다",
                      "write the ID as the app shows it: Latin letters, digits, '.', '_' and '-' "
                      "(Telegram: \"@name\"), or the full https:// address",
                      "앱에 나오는 그대로 영문자, 숫자, '.', '_', '-'로 쓰세요 (텔레그램은 \"@이름\") "
                      "또는 https://로 시작하는 전체 주소를 쓰세요")
    return value


Handle = Annotated[str, Field(max_length=200), AfterValidator(_handle)]


def _opening_hours(value: str) -> str:
    try:
        parse_hours(value)
    except HoursError as exc:
        raise problem(
            f"'{exc}' is not in the opening-hours format",
            f"'{exc}'은(는) 영업시간 형식이 아닙니다",
            "write it like 'Mo-Fr 09:00-18:00; Sa 09:00-13:00; Su off; PH off' "
            "(days Mo Tu We Th Fr Sa Su, PH = public holidays, 24-hour times) or '24/7'",
            "'Mo-Fr 09:00-18:00; Sa 09:00-13:00; Su off; PH off'처럼 쓰세요 "
            "(요일 Mo Tu We Th Fr Sa Su, PH = 공휴일, 24시간제) 또는 '24/7'",
        ) from None
    return value


OpeningHours = Annotated[Text, AfterValidator(_opening_hours)]

# Dates that cannot be true for their field are typos (2062 for 2026, 0226
# for 2026): refused with the reason, not published.
EARLIEST_YEAR = 2000  # the district's partner programme and any check of a record are later


def _verified_on(value: _dt.date) -> _dt.date:
    if value > _dt.date.today():
        raise problem(f"{value} is in the future: a record cannot have been checked on that day",
                      f"{value}은(는) 미래 날짜입니다. 아직 오지 않은 날에 확인했을 수 없습니다",
                      "write the day the record was last checked (YYYY-MM-DD), today at the latest",
                      "마지막으로 확인한 날짜를 오늘 이전으로 쓰세요 (YYYY-MM-DD)")
    return _plausible(value)


def _plausible(value: _dt.date) -> _dt.date:
    if not EARLIEST_YEAR <= value.year <= 2100:
        raise problem(f"{value} cannot be right: the year {value.year} is outside "
                      f"{EARLIEST_YEAR}-2100", f"{value}은(는) 맞을 수 없는 날짜입니다 "
                      f"({value.year}년은 {EARLIEST_YEAR}-2100년 밖입니다)",
                      "check the year's digits", "연도의 숫자를 확인하세요")
    return value


VerifiedDate = Annotated[_dt.date, AfterValidator(_verified_on)]
TermDate = Annotated[_dt.date, AfterValidator(_plausible)]

Category = Literal[tuple(CATEGORIES)]  # type: ignore[valid-type]
Specialty = Literal[tuple(SPECIALTIES)]  # type: ignore[valid-type]
Service = Literal[tuple(SERVICES)]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


KOREAN = "ko"  # the hospitals' language: names and addresses are always given in it too
LANGUAGES_KEY = "languages"  # validation context: the site languages, from mkdocs.yml
NEW_KEY = "new_languages"  # validation context: languages being translated (optional texts)


def validation_context(languages: Sequence[str],
                       new_languages: Sequence[str] = ()) -> dict[str, tuple[str, ...]]:
    """What the models need to know to validate a file: the site languages
    (mkdocs.yml decides them; no model lists them), and those still being
    translated, whose texts may be missing."""
    if not languages:
        raise ValueError("validation needs the site languages (Settings.languages)")
    return {LANGUAGES_KEY: tuple(languages), NEW_KEY: tuple(new_languages)}


def _site_languages(info: ValidationInfo) -> tuple[str, ...]:
    languages = (info.context or {}).get(LANGUAGES_KEY)
    if not languages:
        raise ValueError("validated without the site languages: use load.load_file() or "
                         "model_validate(..., context=validation_context(languages))")
    return languages


T = TypeVar("T")


class ByLanguage(RootModel[dict[str, T]], Generic[T]):
    """A value per language code, keyed by the site languages from mkdocs.yml
    (and Korean where ``KEYS_EXTRA`` says so). ``REQUIRED`` says which must be
    there: ``"all"`` (every language but those still being translated),
    ``"default"`` (Korean, when in ``KEYS_EXTRA``, and the site's default
    language: the others fall back to the default language's text, marked as
    not yet translated, and a release refuses the gap: ``missing_translations``),
    or ``""``, none."""

    model_config = ConfigDict(frozen=True)
    KEYS_EXTRA: ClassVar[tuple[str, ...]] = ()
    REQUIRED: ClassVar[Literal["all", "default", ""]] = ""
    _default: str | None = PrivateAttr(None)  # the site's default language, set by validation

    @property
    def default_language(self) -> str | None:
        """The language whose text stands in for a missing one (the site's default)."""
        return self._default

    def __getitem__(self, lang: str) -> T:
        """The text in ``lang``; the default language's when it has none yet
        (a language being translated, or a record added in Korean and English)."""
        if lang not in self.root and self._default in self.root:
            return self.root[self._default]
        return self.root[lang]

    def get(self, lang: str, default: T | None = None) -> T | None:
        return self.root.get(lang, default)

    def __iter__(self):  # type: ignore[override]
        return iter(self.root)

    @model_validator(mode="after")
    def _keys(self, info: ValidationInfo) -> Any:
        allowed = (*self.KEYS_EXTRA, *_site_languages(info))
        unknown = [k for k in self.root if k not in allowed]
        if unknown:
            close = difflib.get_close_matches(unknown[0], allowed, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            hint_ko = f"'{close[0]}'을(를) 쓰려던 것인가요? " if close else ""
            raise problem(f"'{unknown[0]}' is not a language of this guide",
                          f"'{unknown[0]}'은(는) 이 안내서의 언어가 아닙니다",
                          hint + "languages: " + ", ".join(allowed),
                          hint_ko + "언어: " + ", ".join(allowed), at=unknown[0])
        default = _site_languages(info)[0]
        new = (info.context or {}).get(NEW_KEY, ())
        needed = {"all": [k for k in allowed if k not in new],
                  "default": list(dict.fromkeys((*self.KEYS_EXTRA, default))), "": []}[self.REQUIRED]
        missing = [k for k in needed if k not in self.root]
        if missing:  # every missing language at once
            keys = ", ".join(f"'{k}:'" for k in missing)
            later_en = " (the other languages may follow later)" if self.REQUIRED == "default" else ""
            later_ko = " (다른 언어는 나중에 번역해도 됩니다)" if self.REQUIRED == "default" else ""
            raise problem(f"the text in {', '.join(missing)} is missing: this needs "
                          + ", ".join(needed) + later_en,
                          f"{', '.join(missing)} 글이 없습니다. 이 항목에는 {', '.join(needed)}이(가) "
                          "꼭 있어야 합니다" + later_ko,
                          f"add {keys} with the text in that language",
                          f"{keys} 항목에 그 언어로 쓴 글을 추가하세요", at=missing[0])
        self._default = default
        return self

    def untranslated(self, languages: Sequence[str]) -> tuple[str, ...]:
        """The ``languages`` this value has no text of its own in (shown in
        the default language's meanwhile)."""
        return tuple(lang for lang in languages if lang not in self.root)


class Names(ByLanguage[Name]):
    """The name in Korean and in the site languages: Korean and the default
    language required, the others before a release."""

    KEYS_EXTRA = (KOREAN,)
    REQUIRED = "default"
    model_config = ConfigDict(frozen=True, json_schema_extra={"x-guidebook-languages": "ko+default"})


class Texts(ByLanguage[Text]):
    """Optional text per site language; the default language's is the fallback."""

    model_config = ConfigDict(frozen=True, json_schema_extra={"x-guidebook-languages": "some"})


class Address(Strict):
    ko: Text
    en: Text | None = None


class Location(Strict):
    lat: float
    lon: float

    @model_validator(mode="after")
    def _in_korea(self) -> Location:
        if not (KOREA_LAT[0] <= self.lat <= KOREA_LAT[1] and KOREA_LON[0] <= self.lon <= KOREA_LON[1]):
            raise problem(
                f"({self.lat}, {self.lon}) is outside Korea",
                f"({self.lat}, {self.lon})은(는) 한국 밖의 좌표입니다",
                "check that lat (33-38.7) and lon (124.5-132) are not swapped",
                "위도(lat, 33-38.7)와 경도(lon, 124.5-132)가 바뀌지 않았는지 확인하세요",
            )
        return self


class Messengers(Strict):
    """Messenger IDs or profile links, one per channel (see vocabulary.CHANNELS)."""

    wechat: Handle | None = None
    weibo: Url | None = None
    whatsapp: Phone | None = None
    telegram: Handle | None = None
    vk: Url | None = None
    facebook: Url | None = None
    messenger: Url | None = None
    instagram: Url | None = None
    kakaotalk: Url | None = None
    line: Handle | None = None


assert set(Messengers.model_fields) == set(CHANNELS)


class Contact(Strict):
    phone: Phone | None = None
    email: Email | None = None
    website: Url | None = None
    messengers: Messengers = Messengers()


class PartnerTerm(Strict):
    """The partner agreement's term; leave a date out when it is not known."""

    from_: TermDate | None = Field(default=None, alias="from")
    to: TermDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> PartnerTerm:
        if self.to is not None and self.from_ is not None and self.to < self.from_:
            raise problem(
                "the partner term ends before it starts",
                "협력 기간의 종료일이 시작일보다 빠릅니다",
                "check the 'from' and 'to' dates",
                "from과 to 날짜를 확인하세요",
            )
        return self


# Ids that are the address of another page: institutions/index/ is the
# directory (institutions/index.<lang>.md would replace it).
RESERVED_INSTITUTION_IDS = ("index",)


def not_reserved(reserved: tuple[str, ...], folder: str):  # noqa: ANN201
    """A validator refusing ids whose page would replace another page of ``folder``."""
    def check(value: str) -> str:
        if value in reserved:
            raise problem(f"the id '{value}' is taken: /{folder}/{value}/ is a page the build makes",
                          f"id '{value}'은(는) 쓸 수 없습니다. /{folder}/{value}/는 빌드가 만드는 페이지입니다",
                          f"choose another id, e.g. '{value}-1' or the institution's name",
                          f"다른 id를 쓰세요. 예: '{value}-1' 또는 기관 이름")
        return value
    return AfterValidator(check)


Sources = Annotated[dict[str, Text], Field(
    max_length=100, description="where each fact comes from: field name (e.g. address.ko, contact.phone, location) "
    "-> source; name only fields this record has")]


def _source_keys(model: type[BaseModel], prefix: str = "") -> tuple[str, ...]:
    """The field names a ``sources`` mapping may name: every field, and the
    fields of the address and the contact one level down."""
    keys: list[str] = []
    for name, field in model.model_fields.items():
        if name in ("id", "source", "sources", "last_verified"):
            continue
        key = prefix + (field.alias or name)
        keys.append(key)
        if isinstance(field.annotation, type) and issubclass(field.annotation, Strict) and not prefix:
            keys.extend(_source_keys(field.annotation, key + "."))
        for arg in getattr(field.annotation, "__args__", ()):
            if isinstance(arg, type) and issubclass(arg, Strict) and not prefix:
                keys.extend(_source_keys(arg, key + "."))
    return tuple(keys)


class Sourced(Strict):
    """A record whose facts may each name their source (``sources``)."""

    sources: Sources = {}

    def _value_at(self, key: str) -> object:
        value: object = self
        for part in key.split("."):
            value = getattr(value, "from_" if part == "from" else part, None)
        return value

    @model_validator(mode="after")
    def _sources_name_facts(self) -> Any:
        allowed = _source_keys(type(self))
        for key in self.sources:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                hint_ko = f"'{close[0]}'을(를) 쓰려던 것인가요? " if close else ""
                raise problem(f"'{key}' is not a field of this record",
                              f"'{key}'은(는) 이 기록의 항목이 아닙니다",
                              hint + "fields: " + ", ".join(allowed),
                              hint_ko + "항목: " + ", ".join(allowed), at=("sources", key))
            value = self._value_at(key)
            if value in (None, (), {}) or (isinstance(value, BaseModel) and not any(
                    v not in (None, (), {}) for v in value.model_dump().values())):
                raise problem(f"a source for '{key}', which this record does not have",
                              f"이 기록에 없는 '{key}'의 출처입니다",
                              f"add '{key}' or delete its source",
                              f"'{key}' 항목을 쓰거나 출처를 지우세요", at=("sources", key))
        return self


# Categories that must be registered to attract foreign patients (Act on
# Support for Overseas Expansion of Medical Services and Attraction of
# Foreign Patients, in force 2016-06-23: medical institutions and
# facilitators; registration renewed every 3 years).
MEDICAL_CATEGORIES = ("tertiary", "general", "hospital", "clinic", "dental", "korean_medicine")
MUST_REGISTER = (*MEDICAL_CATEGORIES, "facilitator")


class Registration(Strict):
    """Registration to attract foreign patients (외국인환자 유치기관 등록), as a
    public source shows it: ``registered`` (with the year or number where
    public), ``not_found`` (a complete public list was searched) or
    ``unknown`` (no source says either way)."""

    status: Literal["registered", "not_found", "unknown"]
    year: int | None = Field(None, ge=2009, le=2100)
    number: Annotated[str, Field(max_length=40)] | None = None
    checked: VerifiedDate = Field(description="when the source was read (not in the future)")
    source: Text = Field(description="where the status comes from (a page, a list, a release)")
    source_url: Url | None = Field(None, description="the address of that source, where it has one")

    @model_validator(mode="after")
    def _registered_details(self) -> Registration:
        if self.status != "registered" and (self.year or self.number):
            raise problem(f"a year or number for a registration whose status is '{self.status}'",
                          f"등록 상태가 '{self.status}'인데 연도나 번호가 있습니다",
                          "write status: registered, or delete year and number",
                          "status: registered로 쓰거나 year, number를 지우세요", at="status")
        if self.year is not None and self.year > self.checked.year:
            raise problem(f"registered in {self.year}, after the day it was checked ({self.checked})",
                          f"확인일({self.checked})보다 늦은 {self.year}년에 등록되었다고 되어 있습니다",
                          "check the year's digits", "연도의 숫자를 확인하세요", at="year")
        return self


# The longest validity of each mark, in years (KAHF: 4 years since the Act's
# amendment in force 2022-12-22, conditional 1 year; KOIHA 4 years; JCI 3).
MARK_YEARS = {"kahf": 4, "koiha": 4, "jci": 3}


class Accreditation(Strict):
    """A quality mark with its validity: KAHF (외국인환자 유치의료기관 평가인증,
    4 years, conditional 1 year), KOIHA (의료기관 인증, 4 years) or JCI (3 years)."""

    kind: Literal["kahf", "koiha", "jci"]
    status: Literal["certified", "conditional", "not_certified"]
    valid_from: TermDate | None = None
    valid_until: TermDate | None = None
    checked: VerifiedDate
    source: Text
    source_url: Url | None = None

    @model_validator(mode="after")
    def _validity(self) -> Accreditation:
        if self.status == "not_certified" and (self.valid_from or self.valid_until):
            raise problem(f"validity dates for a {self.kind} mark that is not held",
                          f"받지 않은 {self.kind} 인증에 유효기간이 있습니다",
                          "write status: certified (or conditional), or delete the dates",
                          "status: certified(또는 conditional)로 쓰거나 날짜를 지우세요", at="status")
        if self.status != "not_certified" and self.valid_until is None:
            raise problem(f"a '{self.status}' {self.kind} mark without its end date",
                          f"'{self.status}' {self.kind} 인증에 유효기간 종료일이 없습니다",
                          "write valid_until: YYYY-MM-DD from the certificate or the public list",
                          "인증서나 공개 목록의 종료일을 valid_until: YYYY-MM-DD로 쓰세요",
                          at="valid_until")
        if self.valid_from and self.valid_until:
            if self.valid_until <= self.valid_from:
                raise problem(f"the mark ends ({self.valid_until}) before it starts ({self.valid_from})",
                              f"인증 종료일({self.valid_until})이 시작일({self.valid_from})보다 빠릅니다",
                              "check the two dates on the certificate", "인증서의 두 날짜를 확인하세요",
                              at="valid_until")
            years = 1 if self.status == "conditional" else MARK_YEARS[self.kind]
            if (self.valid_until - self.valid_from).days > years * 366:
                raise problem(f"a {self.status} {self.kind} mark is valid for at most {years} "
                              f"year(s), not {self.valid_from} to {self.valid_until}",
                              f"{self.status} {self.kind} 인증의 유효기간은 최대 {years}년입니다 "
                              f"({self.valid_from}~{self.valid_until})",
                              "check the dates on the certificate", "인증서의 날짜를 확인하세요",
                              at="valid_until")
        return self


class MalpracticeInsurance(Strict):
    """Malpractice insurance (의료사고배상책임보험) or membership of the mutual-aid
    association, where the institution or a public source states it. The Act
    requires it of every registered medical institution: an annual limit of
    at least ₩100 million (clinics, hospitals) or ₩200 million (general
    hospitals)."""

    status: Literal["stated", "unknown"]
    insurer: Text | None = None
    annual_limit_krw: int | None = Field(None, ge=1_000_000, le=100_000_000_000)
    valid_until: TermDate | None = None
    checked: VerifiedDate
    source: Text
    source_url: Url | None = None

    @model_validator(mode="after")
    def _details(self) -> MalpracticeInsurance:
        if self.status == "unknown" and (self.insurer or self.annual_limit_krw or self.valid_until):
            raise problem("details of an insurance whose status is 'unknown'",
                          "상태가 'unknown'인 보험에 세부 정보가 있습니다",
                          "write status: stated, or delete the details",
                          "status: stated로 쓰거나 세부 정보를 지우세요", at="status")
        return self


class Trust(Strict):
    """The facts that protect a patient: may this institution treat or bring
    foreign patients, and what marks it holds. Nothing here without a source;
    an unknown fact is written as unknown and the page says so."""

    registration: Registration | None = None
    accreditations: tuple[Accreditation, ...] = Field((), max_length=10)
    insurance: MalpracticeInsurance | None = None


class Institution(Sourced):
    id: Annotated[str, Field(pattern=SLUG, max_length=60),
                  not_reserved(RESERVED_INSTITUTION_IDS, "institutions")]
    category: Category
    name: Names
    specialties: tuple[Specialty, ...] = Field((), max_length=40)
    languages: tuple[LanguageTag, ...] = Field((), max_length=40)
    services: tuple[Service, ...] = Field((), max_length=60)
    summary: Texts = Texts.model_construct({})
    address: Address | None = None
    location: Location | None = None
    contact: Contact = Contact()
    opening_hours: OpeningHours | None = None
    last_verified: VerifiedDate
    partner: PartnerTerm = PartnerTerm()
    trust: Trust = Trust()
    source: Text | None = Field(None, description="where the record as a whole comes from; "
                                "give each fact's own source in 'sources'")
    picture: Url | None = Field(
        None, description="a picture shown when the page is shared in a messenger (og:image; "
        "1200x630, 1.91:1); without it, the guide's share image in the page's language")


LineId = Annotated[str, Field(pattern=SLUG, max_length=40)]


class HelpDesk(Sourced):
    """Where a patient turns when a record lists no contact of its own."""

    name: Names
    address: Address | None = None
    phone: Phone | None = None
    phone_note: Texts = Field(Texts.model_construct({}),
                              description="whose number it is, what to ask for (per language)")
    email: Email | None = None
    website: Url | None = None
    opening_hours: OpeningHours | None = None
    languages: tuple[LanguageTag, ...] = Field(
        (), description="the languages its phone answers in, from a source; empty: not confirmed "
        "(pages then say so and offer a line of 'instead')")
    instead: tuple[LineId, ...] = Field(
        (), description="ids of the lines to offer a reader whose language the desk does not "
        "answer in (the first that answers in it)")


class HelpLine(Sourced):
    """A help line a page offers (1330, 119, the Medical Korea Support
    Center …), with the languages it answers in and its hours: a page that
    offers it to a reader whose language is not among them says so and gives
    the line of ``instead`` that has it."""

    id: LineId | None = Field(None, description="how 'instead' names it; the field's name "
                              "(help_line, support_center, dispute_agency) when left out")
    name: Names
    phone: HelpLinePhone
    phone_abroad: HelpLinePhone | None = Field(None, description="the number from a foreign phone")
    note: Texts = Texts.model_construct({})
    languages: tuple[LanguageTag, ...] = Field(
        (), max_length=40, description="the languages it answers in, from its source (Korean included)")
    opening_hours: OpeningHours | None = Field(None, description="when it answers ('24/7', "
                                               "'Mo-Fr 09:00-22:00'); left out when no source says")
    hours_note: Texts = Field(Texts.model_construct({}),
                              description="what the hours do not say (languages at other hours)")
    instead: tuple[LineId, ...] = Field(
        (), max_length=10, description="ids of the lines to offer a reader whose language this line lacks "
        "(the first that has it)")


PLACE_KINDS = ("embassy", "mosque", "prayer_room", "restaurant")


class Place(Sourced):
    """A place that is not a partner but that patients ask for: an embassy,
    a mosque, a prayer room, a restaurant. Leave out what no source gives."""

    id: str = Field(pattern=SLUG, max_length=60)
    kind: Literal[PLACE_KINDS]  # type: ignore[valid-type]
    name: Names
    address: Address | None = None
    where: Texts = Field(Texts.model_construct({}),
                         description="where it is inside a building or an airport")
    phone: Phone | None = None
    consular_phone: Phone | None = Field(None, description="a consular help line (embassies)")
    note: Texts = Texts.model_construct({})


class DistrictChannels(ByLanguage[Messengers]):
    """The district's own messenger and social channels for readers of each language."""

    model_config = ConfigDict(frozen=True, json_schema_extra={"x-guidebook-languages": "some"})


Channel = Literal[tuple(CHANNELS)]  # type: ignore[valid-type]


class ChannelOrder(ByLanguage[tuple[Channel, ...]]):
    """The messengers a reader of each language reaches for first (the others follow)."""

    model_config = ConfigDict(frozen=True, json_schema_extra={"x-guidebook-languages": "some"})


class District(Strict):
    """Settings of the whole guide, in one place: used by pages and by print."""

    name: Names
    site_name: Names = Field(description="the guide's title in each language")
    website: Url
    help_desk: HelpDesk
    help_line: HelpLine | None = Field(None, description="the national line that always answers (1330)")
    support_center: HelpLine | None = Field(
        None, description="where a patient checks a registration or reports an illegal broker or "
        "excessive fees (Medical Korea Support Center, 1577-7129)")
    dispute_agency: HelpLine | None = Field(
        None, description="where a patient takes a dispute about treatment (K-Medi, 1670-2545)")
    lines: tuple[HelpLine, ...] = Field(
        (), max_length=30, description="the other lines a patient may call (119, 112, 1345, "
        "interpreters), each with an id")
    channels: DistrictChannels = DistrictChannels.model_construct({})
    channel_order: ChannelOrder = Field(
        ChannelOrder.model_construct({}), description="per language, the channels its readers use first")

    def all_lines(self) -> dict[str, HelpLine]:
        """Every help line by its id, in the order a help page lists them:
        ``lines`` (emergencies and interpreters first, as the data orders
        them), then 1330, the support centre and the dispute agency (by their
        field's name with a hyphen unless they give their own id)."""
        named = {"help-line": self.help_line, "support-center": self.support_center,
                 "dispute-agency": self.dispute_agency}
        found = {line.id: line for line in self.lines if line.id}
        found.update({(line.id or field): line for field, line in named.items() if line is not None})
        return found

    @model_validator(mode="after")
    def _line_ids(self) -> District:
        ids = {"help-line", "support-center", "dispute-agency"}
        for index, line in enumerate(self.lines):
            if line.id is None:
                raise problem("a line in 'lines' without its id", "'lines'의 항목에 id가 없습니다",
                              "write id: a short name in lowercase letters and hyphens",
                              "id: 영문 소문자와 하이픈으로 된 짧은 이름을 쓰세요", at=("lines", index))
            if line.id in ids or line.id in (l.id for l in (self.help_line, self.support_center,
                                                            self.dispute_agency) if l):
                raise problem(f"the id '{line.id}' is used by two lines",
                              f"id '{line.id}'를 두 번호가 쓰고 있습니다",
                              "give each line its own id", "번호마다 다른 id를 쓰세요",
                              at=("lines", index, "id"))
            ids.add(line.id)
        known = set(self.all_lines())
        owners: list[tuple[tuple[str | int, ...], tuple[str, ...]]] = [
            (("help_desk", "instead"), self.help_desk.instead)]
        for field in ("help_line", "support_center", "dispute_agency"):
            if (line := getattr(self, field)) is not None:
                owners.append(((field, "instead"), line.instead))
        owners += [(("lines", n, "instead"), line.instead) for n, line in enumerate(self.lines)]
        for at, wanted in owners:
            for n, name in enumerate(wanted):
                if name not in known:
                    close = difflib.get_close_matches(name, known, n=1)
                    raise problem(f"'{name}' is not the id of a line",
                                  f"'{name}'은(는) 번호의 id가 아닙니다",
                                  (f"did you mean '{close[0]}'? " if close else "") + "ids: "
                                  + ", ".join(sorted(known)),
                                  (f"'{close[0]}'을(를) 쓰려던 것인가요? " if close else "") + "id: "
                                  + ", ".join(sorted(known)), at=(*at, n))
        return self


class Dataset(Strict):
    district: District
    sample: bool = Field(
        description="true while the file holds sample data that was not verified; "
        "every page then carries a 'sample' notice"
    )
    institutions: tuple[Institution, ...] = Field(min_length=1, max_length=5000)
    places: tuple[Place, ...] = Field((), max_length=2000,
                                      description="embassies, mosques, prayer rooms, restaurants")
    _languages: tuple[str, ...] = PrivateAttr(())

    @model_validator(mode="after")
    def _unique_place_ids(self) -> Dataset:
        seen: set[str] = set()
        for index, place in enumerate(self.places):
            if place.id in seen:
                raise problem(f"the id '{place.id}' is used by two places",
                              f"id '{place.id}'를 두 장소가 쓰고 있습니다",
                              "give each place its own id", "장소마다 다른 id를 쓰세요",
                              at=("places", index, "id"))
            seen.add(place.id)
        return self

    @model_validator(mode="after")
    def _remember_languages(self, info: ValidationInfo) -> Dataset:
        self._languages = _site_languages(info)
        return self

    @property
    def languages(self) -> tuple[str, ...]:
        """The site languages this dataset was validated for, the default first."""
        return self._languages


def missing_translations(value: object, languages: Sequence[str],
                         path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], tuple[str, ...]]]:
    """Every name (a required ``ByLanguage``) below ``value`` that lacks its
    own text in some of ``languages``: ``(path of keys, languages)``, the path
    as the data file spells it (``("institutions", 3, "name")``).

    >>> ctx = validation_context(("en", "zh", "ar"))
    >>> names = Names.model_validate({"ko": "김안과", "en": "Kim Eye"}, context=ctx)
    >>> missing_translations({"a": (names,)}, ctx["languages"])
    [(('a', 0), ('zh', 'ar'))]
    """
    if isinstance(value, ByLanguage):
        gaps = value.untranslated(languages) if value.REQUIRED else ()
        return [(path, gaps)] if gaps else []
    found: list[tuple[tuple[str | int, ...], tuple[str, ...]]] = []
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            found += missing_translations(getattr(value, name), languages,
                                          (*path, field.alias or name))
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            found += missing_translations(item, languages, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            found += missing_translations(item, languages, (*path, key))
    return found
