"""Link builders: click-to-call, messengers, and map links that work in Korea.

Google Maps gives no walking directions in Korea; Naver Map and Kakao Map do,
and their web links open without the app. Only https links are
built: an app scheme (nmap://, kakaomap://) fails on a phone without the app.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import phonenumbers
from babel.support import NullTranslations

from guidebook.data.model import Messengers
from guidebook.data.vocabulary import CHANNELS

def phone_link(e164: str) -> dict[str, str]:
    """A click-to-call link and the number as a foreign visitor dials it. A
    short code (1330) has no international form and is dialled as it is.

    >>> phone_link("+82226703114")
    {'href': 'tel:+82226703114', 'display': '+82 2-2670-3114'}
    >>> phone_link("1330"), phone_link("+8221330")["display"]
    ({'href': 'tel:1330', 'display': '1330'}, '+82 2-1330')
    """
    return {"href": f"tel:{e164}", "display": _international(e164)}


@lru_cache(maxsize=4096)
def _international(e164: str) -> str:
    """Parsed once per number, not once per page and language."""
    if not e164.startswith("+"):
        return e164  # a short code
    number = phonenumbers.parse(e164)
    if not phonenumbers.is_valid_number(number):  # a short code behind an area code: +82 2-1330
        national = str(number.national_number)
        return f"+{number.country_code} {national[:1]}-{national[1:]}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def channel_links(messengers: Messengers, lang: str, tr: NullTranslations,
                  first_choice: tuple[str, ...] = ()) -> list[dict[str, str | None]]:
    """Messenger channels, those the reader's market uses first (``first_choice``,
    the data file's ``district.channel_order`` for the language).

    WhatsApp numbers become wa.me links and Telegram names t.me links; a
    WeChat ID has no web link (the reader adds it in the app).
    """
    data = messengers.model_dump(exclude_none=True)
    first = [c for c in first_choice if c in data]
    rest = [c for c in CHANNELS if c in data and c not in first]
    links: list[dict[str, str | None]] = []
    for code in first + rest:
        value = data[code]
        href = value if value.startswith("https://") else None
        if code == "whatsapp":
            href = "https://wa.me/" + value.lstrip("+")
            value = phone_link(value)["display"]
        elif code == "telegram" and not href:
            href = "https://t.me/" + value.lstrip("@")
        links.append({"code": code, "label": tr.pgettext(*CHANNELS[code]), "value": value,
                      "href": href})
    return links


def map_links(name_ko: str, address_ko: str | None, lat: float | None,
              lon: float | None) -> dict[str, str | None]:
    """Kakao Map, Naver Map and Google Maps web links for a place; always at
    least Kakao and Naver, so that no page is a dead end.

    With coordinates Kakao and Google point at them; Naver searches the Korean
    address (or name), which its web map resolves to the place. With neither
    coordinates nor an address, Kakao and Naver search for the Korean name
    (``by`` says which: "coordinates", "address" or "name"); Google, which
    knows few Korean names, is left out then.

    >>> links = map_links("김안과병원", "서울특별시 영등포구 영신로 136", 37.5, 126.9)
    >>> links["kakao"]
    'https://map.kakao.com/link/map/%EA%B9%80%EC%95%88%EA%B3%BC%EB%B3%91%EC%9B%90,37.5,126.9'
    >>> links["google"]
    'https://www.google.com/maps/search/?api=1&query=37.5%2C126.9'
    >>> map_links("A, B", None, 37.5, 126.9)["kakao"]  # a comma in the name breaks Kakao's link
    'https://map.kakao.com/link/map/A%20B,37.5,126.9'
    >>> map_links("가", None, None, None)
    {'kakao': 'https://map.kakao.com/link/search/%EA%B0%80', 'naver': 'https://map.naver.com/p/search/%EA%B0%80', 'google': None, 'by': 'name'}
    """
    query = address_ko or name_ko
    links: dict[str, str | None] = {}
    if lat is None or lon is None:
        if not address_ko:
            return {"kakao": f"https://map.kakao.com/link/search/{quote(name_ko, safe='')}",
                    "naver": f"https://map.naver.com/p/search/{quote(name_ko, safe='')}",
                    "google": None, "by": "name"}
    if lat is not None and lon is not None:
        label = quote(name_ko.replace(",", " ").replace("  ", " "), safe="")
        links["kakao"] = f"https://map.kakao.com/link/map/{label},{lat},{lon}"
        links["naver"] = f"https://map.naver.com/p/search/{quote(query, safe='')}"
        links["google"] = f"https://www.google.com/maps/search/?api=1&query={quote(f'{lat},{lon}')}"
        links["by"] = "coordinates"
    elif address_ko:
        links["kakao"] = f"https://map.kakao.com/link/search/{quote(address_ko, safe='')}"
        links["naver"] = f"https://map.naver.com/p/search/{quote(address_ko, safe='')}"
        links["google"] = f"https://www.google.com/maps/search/?api=1&query={quote(address_ko, safe='')}"
        links["by"] = "address"
    return links
