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

from .hours import HoursError
from .hours import parse as parse_hours
from .vocabulary import CATEGORIES, CHANNELS, SERVICES, SPECIALTIES

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


def _phone(value: str) -> str:
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
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


Phone = Annotated[str, AfterValidator(_phone)]

_URL = re.compile(r"^(https?)://[^\s/?#<>\"']+[^\s<>\"']*$")


def _url(value: str) -> str:
    if not _URL.match(value):
        raise problem(
            f"'{value}' is not an http(s) web address",
            f"'{value}'은(는) http(s) 웹 주소가 아닙니다",
            "write the full address starting with https://",
            "https://로 시작하는 전체 주소를 쓰세요",
        )
    return value


Url = Annotated[str, AfterValidator(_url)]

_EMAIL = re.compile(r"^[^@\s<>\"'(),;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise problem(
            f"'{value}' is not an e-mail address",
            f"'{value}'은(는) 이메일 주소가 아닙니다",
            "write it as name@example.com",
            "name@example.com 형식으로 쓰세요",
        )
    return value


Email = Annotated[str, AfterValidator(_email)]


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


LanguageTag = Annotated[str, AfterValidator(_language_tag)]


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

Category = Literal[tuple(CATEGORIES)]  # type: ignore[valid-type]
Specialty = Literal[tuple(SPECIALTIES)]  # type: ignore[valid-type]
Service = Literal[tuple(SERVICES)]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


KOREAN = "ko"  # the hospitals' language: names and addresses are always given in it too
LANGUAGES_KEY = "languages"  # validation context: the site languages, from mkdocs.yml


def validation_context(languages: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """What the models need to know to validate a file: the site languages
    (mkdocs.yml decides them; no model lists them)."""
    if not languages:
        raise ValueError("validation needs the site languages (Settings.languages)")
    return {LANGUAGES_KEY: tuple(languages)}


def _site_languages(info: ValidationInfo) -> tuple[str, ...]:
    languages = (info.context or {}).get(LANGUAGES_KEY)
    if not languages:
        raise ValueError("validated without the site languages: use load.load_file() or "
                         "model_validate(..., context=validation_context(languages))")
    return languages


T = TypeVar("T")


class ByLanguage(RootModel[dict[str, T]], Generic[T]):
    """A value per language code, keyed by the site languages from mkdocs.yml
    (and Korean where ``KEYS_EXTRA`` says so). ``REQUIRED`` names which must be
    there: ``"all"`` of them, or none."""

    model_config = ConfigDict(frozen=True)
    KEYS_EXTRA: ClassVar[tuple[str, ...]] = ()
    REQUIRED: ClassVar[bool] = False
    _default: str | None = PrivateAttr(None)  # the site's default language, set by validation

    @property
    def default_language(self) -> str | None:
        """The language whose text stands in for a missing one (the site's default)."""
        return self._default

    def __getitem__(self, lang: str) -> T:
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
        missing = [k for k in allowed if k not in self.root] if self.REQUIRED else []
        if missing:
            raise problem(f"the required field '{missing[0]}' is missing (the text in that language)",
                          f"필수 항목 '{missing[0]}'(그 언어로 쓴 글)이(가) 없습니다",
                          f"add '{missing[0]}:' with the text in that language",
                          f"'{missing[0]}:' 항목에 그 언어로 쓴 글을 추가하세요", at=missing[0])
        self._default = _site_languages(info)[0]
        return self


class Names(ByLanguage[Name]):
    """The name in Korean and in every site language (all required)."""

    KEYS_EXTRA = (KOREAN,)
    REQUIRED = True
    model_config = ConfigDict(frozen=True, json_schema_extra={"x-guidebook-languages": "ko+all"})


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

    wechat: Text | None = None
    weibo: Url | None = None
    whatsapp: Phone | None = None
    telegram: Text | None = None
    vk: Url | None = None
    facebook: Url | None = None
    messenger: Url | None = None
    instagram: Url | None = None
    kakaotalk: Url | None = None
    line: Text | None = None


assert set(Messengers.model_fields) == set(CHANNELS)


class Contact(Strict):
    phone: Phone | None = None
    email: Email | None = None
    website: Url | None = None
    messengers: Messengers = Messengers()


class PartnerTerm(Strict):
    """The partner agreement's term; leave a date out when it is not known."""

    from_: _dt.date | None = Field(default=None, alias="from")
    to: _dt.date | None = None

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


class Institution(Strict):
    id: str = Field(pattern=SLUG, max_length=60)
    category: Category
    name: Names
    specialties: tuple[Specialty, ...] = ()
    languages: tuple[LanguageTag, ...] = ()
    services: tuple[Service, ...] = ()
    summary: Texts = Texts.model_construct({})
    address: Address | None = None
    location: Location | None = None
    contact: Contact = Contact()
    opening_hours: OpeningHours | None = None
    last_verified: _dt.date
    partner: PartnerTerm = PartnerTerm()
    source: Text | None = None
    picture: Url | None = Field(
        None, description="a picture shown when the page is shared in a messenger (og:image; "
        "1200x630, 1.91:1); without it, the guide's share image in the page's language")


class HelpDesk(Strict):
    """Where a patient turns when a record lists no contact of its own."""

    name: Names
    address: Address | None = None
    phone: Phone | None = None
    email: Email | None = None
    website: Url | None = None
    opening_hours: OpeningHours | None = None


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
    channels: DistrictChannels = DistrictChannels.model_construct({})
    channel_order: ChannelOrder = Field(
        ChannelOrder.model_construct({}), description="per language, the channels its readers use first")


class Dataset(Strict):
    district: District
    sample: bool = Field(
        description="true while the file holds sample data that was not verified; "
        "every page then carries a 'sample' notice"
    )
    institutions: tuple[Institution, ...] = Field(min_length=1)
    _languages: tuple[str, ...] = PrivateAttr(())

    @model_validator(mode="after")
    def _remember_languages(self, info: ValidationInfo) -> Dataset:
        self._languages = _site_languages(info)
        return self

    @property
    def languages(self) -> tuple[str, ...]:
        """The site languages this dataset was validated for, the default first."""
        return self._languages
