"""The share image of each language: the guide's title in its script on the district's colours.

A messenger's link preview shows ``og:image`` large (Facebook, Telegram,
WhatsApp) or as a thumbnail (WeChat). One 1200×630 PNG per language
(``assets/share/<lang>.png``) shows the guide's title in that language, so a
Mongolian reader sees Mongolian, an Arabic reader Arabic, with the district's
name in Korean as a patient will see it on signs. Rendered at build time, on
this machine: no image service, no request.

Drawn with Pillow and the Noto fonts the print files use (the families of
``templates/print.css``, found by their names among the installed fonts);
Arabic needs shaping and bidi, which Pillow does through libraqm (HarfBuzz
and FriBiDi): without it the build stops rather than draw unjoined letters.
The text drawn is kept in the PNG's ``Title`` chunk, so a test can check it
is in the page's script and that the font has every character. The same
inputs give the same bytes: no date or software version goes into the file,
and the font files are those of the system.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from guidebook.common.i18n import KOREAN, site_language
from guidebook.web.share import IMAGE_SIZE, image_path

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# The print files' font families by script (templates/print.css), bold.
FAMILIES = {
    "Latn": "Noto Sans", "Cyrl": "Noto Sans", "Grek": "Noto Sans",
    "Hans": "Noto Sans CJK SC", "Hant": "Noto Sans CJK TC", "Jpan": "Noto Sans CJK JP",
    "Kore": "Noto Sans CJK KR", "Arab": "Noto Naskh Arabic",
}
STYLE = "Bold"
MARGIN = 80
TITLE_SIZES = (84, 76, 68, 60, 54, 48)  # the largest that fits in three lines
BAND_HEIGHT = 130


class ShareImageError(Exception):
    """A share image cannot be drawn (a font or libraqm is missing)."""


def script_of(lang: str) -> str:
    """The script a site language is written in, from CLDR's likely subtags.

    >>> [script_of(c) for c in ("en", "zh", "mn", "ru", "ar", "ko")]
    ['Latn', 'Hans', 'Cyrl', 'Cyrl', 'Arab', 'Kore']
    """
    from babel.core import get_global

    likely = get_global("likely_subtags").get(lang, lang).split("_")
    return next((p for p in likely[1:] if len(p) == 4), "Latn")


def _font_files(family: str) -> Iterator[Path]:
    """Files that may hold ``family``: Noto's file names are the family's
    name without spaces, up to a dash (NotoSansCJK-Bold.ttc holds Noto Sans
    CJK SC); opening all of Debian's Noto files would take seconds."""
    squeezed = family.replace(" ", "")
    for folder in FONT_DIRS:
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("Noto*")
                              if p.suffix.lower() in (".ttf", ".otf", ".ttc")
                              and squeezed.startswith(p.stem.split("-")[0]))


@cache
def font_file(family: str, style: str = STYLE) -> tuple[Path, int]:
    """The installed file (and index in a collection) of a font family and style."""
    from PIL import ImageFont

    for path in _font_files(family):
        for index in range(16 if path.suffix.lower() == ".ttc" else 1):
            try:
                name = ImageFont.truetype(str(path), 10, index=index).getname()
            except OSError:
                break
            if name == (family, style):
                return path, index
    raise ShareImageError(f"the font '{family} {style}' is not installed (Debian: fonts-noto-core, "
                          f"fonts-noto-cjk); the share images need it")


def _font(script: str, size: int):  # noqa: ANN202 - a Pillow FreeTypeFont
    from PIL import ImageFont, features

    if not features.check("raqm"):
        raise ShareImageError("Pillow has no libraqm (text shaping): Arabic would be drawn "
                              "unjoined. Install libfribidi0 (Debian) and reinstall Pillow's wheel")
    path, index = font_file(FAMILIES.get(script, FAMILIES["Latn"]))
    return ImageFont.truetype(str(path), size, index=index, layout_engine=ImageFont.Layout.RAQM)


def check(languages: Iterable[str]) -> None:
    """Raise ShareImageError now, before the languages are built, when a
    language's font (or libraqm) is missing."""
    for script in {script_of(lang) for lang in (*languages, KOREAN)}:
        _font(script, 12)


@dataclass(frozen=True)
class Card:
    """What one language's image says."""

    lang: str
    title: str  # the guide's title in the language
    district_ko: str  # the district's Korean name
    background: str = "#00695c"
    band: str = "#004d40"
    foreground: str = "#ffffff"


def _words(text: str, script: str) -> list[str]:
    """Units a line may break between: words, or characters in Chinese and Japanese."""
    if script in ("Hans", "Hant", "Jpan"):
        return list(text)
    return text.split()


def wrap(text: str, script: str, fits) -> list[str]:  # noqa: ANN001 - a width test
    """``text`` in as few lines as ``fits(line)`` allows, greedily."""
    joiner = "" if script in ("Hans", "Hant", "Jpan") else " "
    lines: list[str] = []
    for word in _words(text, script):
        if lines and fits(lines[-1] + joiner + word):
            lines[-1] += joiner + word
        else:
            lines.append(word)
    return lines


def render(card: Card) -> bytes:
    """The PNG of one language's share image."""
    from PIL import Image, ImageDraw, PngImagePlugin

    width, height = IMAGE_SIZE
    language = site_language(card.lang)
    script, rtl = script_of(card.lang), language.rtl
    direction = "rtl" if rtl else "ltr"
    bcp47 = language.html_lang
    image = Image.new("RGB", IMAGE_SIZE, card.background)
    draw = ImageDraw.Draw(image)
    room = width - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font(script, size)

        def fits(line: str, font=font) -> bool:
            return font.getlength(line, direction=direction, language=bcp47) <= room

        lines = wrap(card.title, script, fits)
        if len(lines) <= 3 and all(fits(line) for line in lines):
            break
    line_height = round(size * 1.35)
    top = (height - BAND_HEIGHT - line_height * len(lines)) // 2
    anchor, x = ("ra", width - MARGIN) if rtl else ("la", MARGIN)
    for n, line in enumerate(lines):
        draw.text((x, top + n * line_height), line, font=font, fill=card.foreground,
                  anchor=anchor, direction=direction, language=bcp47)
    # The band: the district's Korean name, as on signs and at the reception.
    draw.rectangle((0, height - BAND_HEIGHT, width, height), fill=card.band)
    korean = _font(script_of(KOREAN), 52)
    draw.text((x, height - BAND_HEIGHT // 2), card.district_ko, font=korean, fill=card.foreground,
              anchor="rm" if rtl else "lm", language=KOREAN)
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Title", card.title, lang=bcp47)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, optimize=True)
    return out.getvalue()


def write_images(site_dir: Path, cards: Iterable[Card]) -> list[Path]:
    """Each card's PNG at ``assets/share/<lang>.png`` in the site; a file is
    rewritten only when its bytes change."""
    written = []
    for card in cards:
        path = site_dir / image_path(card.lang)
        data = render(card)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written
