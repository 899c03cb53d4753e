"""Link previews on the built fixture site: every page describes itself in its
own language, with Open Graph data and a share image in its script."""

from __future__ import annotations

import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.website.test_site import LANGS, READER

SITE_URL = "https://guide.example.org/"
LOCALES = {"en": "en_US", "zh": "zh_CN", "mn": "mn_MN", "ru": "ru_RU", "ar": "ar_SA"}
# The script a page's own text must be in (Unicode character names start with it).
SCRIPTS = {"en": "LATIN", "zh": "CJK UNIFIED IDEOGRAPH", "mn": "CYRILLIC", "ru": "CYRILLIC",
           "ar": "ARABIC"}
OWN_TEXT = ("description", "og:title", "og:description", "og:site_name", "og:image:alt",
            "twitter:title", "twitter:description")


class Head(HTMLParser):
    """The ``<meta>`` tags (name or property -> contents) and the canonical link."""

    def __init__(self, text: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.setdefault(a.get("name") or a["property"], []).append(a.get("content") or "")
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]


def letters_in(text: str, script: str) -> int:
    return sum(1 for c in text if c.isalpha() and unicodedata.name(c, "").startswith(script))


def pages_of(site: Path, lang: str) -> list[Path]:
    """A language's pages: its index.html files and its 404 page (not the
    forms' Korean reading page, nor another language's folder)."""
    root = site / LANGS[lang]
    pages = [p for p in root.glob("**/index.html") if p != site / READER
             and (lang != "en" or p.relative_to(site).parts[0] not in LANGS)]
    return sorted(pages) + [root / "404.html"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_describes_itself_in_its_language(fixture_site: Path, lang: str) -> None:
    pages = pages_of(fixture_site, lang)
    assert len(pages) > 15
    for path in pages:
        head = Head(path.read_text(encoding="utf-8"))
        where = path.relative_to(fixture_site)
        for key in OWN_TEXT:
            value = head.one(key)
            assert value.strip(), (where, key)
            # mostly in the page's script: a Korean or English name may appear
            letters = sum(1 for c in value if c.isalpha())
            assert letters_in(value, SCRIPTS[lang]) >= letters * 0.6, (where, key, value)
        assert head.one("description") == head.one("og:description")
        assert head.one("og:url") == head.canonical and head.canonical.startswith(SITE_URL), where
        assert head.one("og:locale") == LOCALES[lang]
        assert sorted(head.meta["og:locale:alternate"]) == sorted(
            v for k, v in LOCALES.items() if k != lang)
        assert head.one("og:image") == f"{SITE_URL}assets/share/{lang}.png"
        assert head.one("twitter:image") == head.one("og:image")
        assert head.one("twitter:card") == "summary_large_image"
        assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")


def test_an_institution_is_described_by_category_specialty_and_summary(fixture_site: Path) -> None:
    def head(rel: str) -> Head:
        return Head((fixture_site / rel).read_text(encoding="utf-8"))

    ru = head("ru/institutions/test-eye-hospital/index.html")
    assert ru.one("description") == ("Больница · Офтальмология и Пластическая хирургия · "
                                     "Тестовый район. Глазная больница для тестов.")
    # no Chinese summary: the English one is not put in a Chinese preview
    zh = head("zh/institutions/test-eye-hospital/index.html")
    assert zh.one("description") == "医院 · 眼科和整形外科 · 测试区"
    assert zh.one("og:title") == "测试眼科医院"
    directory = head("ru/institutions/index.html")
    assert directory.one("description").startswith("3 учреждения-партнёра · ")


def ink_columns(image, colour: tuple[int, int, int], top: int, bottom: int) -> list[int]:
    """The x of every column with a pixel of ``colour`` between ``top`` and ``bottom``."""
    pixels = image.load()
    return [x for x in range(image.width)
            if any(pixels[x, y] == colour for y in range(top, bottom, 2))]


@pytest.mark.parametrize("lang", LANGS)
def test_share_image_is_the_title_in_the_pages_script(fixture_site: Path, output_dir: Path,
                                                      lang: str) -> None:
    from fontTools.ttLib import TTFont
    from PIL import Image

    from guidebook.web.share_image import FAMILIES, font_file, script_of

    path = fixture_site / f"assets/share/{lang}.png"
    shutil.copy(path, output_dir / f"share-{lang}.png")  # to look at
    image = Image.open(path)
    assert image.format == "PNG" and image.size == (1200, 630)
    title = image.text["Title"]  # the text drawn, kept in the file
    assert letters_in(title, SCRIPTS[lang]) == sum(1 for c in title if c.isalpha()), title
    # the font it was drawn with has every character (no missing-glyph boxes)
    file, index = font_file(FAMILIES[script_of(lang)])
    cmap = TTFont(file, fontNumber=index, lazy=True).getBestCmap()
    assert not [c for c in title if not c.isspace() and ord(c) not in cmap]
    # white text, aligned to the start of the line in the page's direction
    ink = ink_columns(image.convert("RGB"), (255, 255, 255), 60, 480)
    assert len(ink) > 150, "no title drawn"
    if lang == "ar":
        assert ink[-1] > 1100 and ink[0] > 120
    else:
        assert ink[0] < 100 and ink[-1] < 1120


def test_share_images_differ_per_language(fixture_site: Path) -> None:
    images = {(fixture_site / f"assets/share/{lang}.png").read_bytes() for lang in LANGS}
    assert len(images) == len(LANGS)
