"""Another district, another language set, no change to src/ or hooks/.

The project's own mkdocs.yml with its i18n languages cut to en and ar and
ja, vi, kk added with ``guidebook add-language``, a small data file of an
invented district (names in those languages), and only the English content
pages: the build must give five sites with the right <html lang>, direction,
switcher, sitemap and PDFs, and mark every page not yet translated.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.print import pdftools

LANGUAGES = ("en", "ja", "vi", "kk", "ar")
TAGS = {"en": "en", "ja": "ja", "vi": "vi", "kk": "kk-Cyrl", "ar": "ar"}


def other_district(dest: Path) -> Path:
    """The repository's sources for a second guide: only mkdocs.yml's language
    list, the data file and the content pages differ."""
    for name in ("overrides", "hooks", "src", "node_modules"):
        (dest / name).symlink_to(ROOT / name)
    (dest / "translations").mkdir()  # the template and the Arabic catalog; the others are added
    shutil.copy2(ROOT / "translations" / "messages.pot", dest / "translations")
    shutil.copytree(ROOT / "translations" / "ar", dest / "translations" / "ar",
                    ignore=shutil.ignore_patterns("*.mo"))
    (dest / "content" / "_print").mkdir(parents=True)
    for page in (ROOT / "content").glob("*.en.md"):
        (dest / "content" / page.name).write_bytes(page.read_bytes())
    offer = ROOT / "content" / "_print" / "offer.en.md"
    (dest / "content" / "_print" / offer.name).write_bytes(offer.read_bytes())
    (dest / "data").mkdir()
    (dest / "data" / "institutions.yaml").write_bytes((FIXTURES / "other-district.yaml").read_bytes())
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"(      languages:\n)((?:        .*\n)+)", config)
    assert block, "mkdocs.yml: the i18n plugin's languages"
    # The plugin wants a name; the hooks replace it with the language's own (CLDR).
    entries = "".join(f"        - locale: {code}\n          name: {code}\n"
                      + ("          default: true\n" if code == "en" else "") for code in ("en", "ar"))
    (dest / "mkdocs.yml").write_text(config.replace(block.group(0), block.group(1) + entries),
                                     encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = other_district(tmp_path_factory.mktemp("other-district"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "GUIDEBOOK_PRECOMPRESS": "0"}
    for code in ("ja", "vi", "kk"):
        added = subprocess.run([sys.executable, "-m", "guidebook.cli", "add-language", code],
                               cwd=project, env=env, capture_output=True, text=True, timeout=120)
        assert added.returncode == 0, added.stderr
    done = subprocess.run([sys.executable, "-m", "guidebook.cli", "build", "-d", "site"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    return project / "site"


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def test_every_language_has_its_site_with_lang_and_direction(other_site: Path) -> None:
    for lang in LANGUAGES:
        html = (other_site / prefix(lang) / "institutions" / "sample-eye-clinic" / "index.html"
                ).read_text(encoding="utf-8")
        assert f'<html lang="{TAGS[lang]}"' in html
        assert ('<body dir="rtl"' in html) == (lang == "ar")
        switcher = re.findall(r'hreflang="([^"]+)"[^>]*class="md-select__link"', html)
        assert sorted(switcher) == sorted(TAGS.values()), switcher
    assert not (other_site / "zh").exists() and not (other_site / "mn").exists()


def test_names_from_the_data_and_untranslated_pages_marked(other_site: Path) -> None:
    ja = (other_site / "ja" / "institutions" / "sample-eye-clinic" / "index.html").read_text("utf-8")
    assert "サンプル眼科医院" in ja and "테스트" not in ja
    help_ja = (other_site / "ja" / "help" / "index.html").read_text(encoding="utf-8")
    assert 'class="gb-notice"' in help_ja and '<div dir="ltr" lang="en">' in help_ja


def test_sitemap_names_the_new_languages(other_site: Path) -> None:
    sitemap = (other_site / "sitemap.xml").read_text(encoding="utf-8")
    for tag in TAGS.values():
        assert f'hreflang="{tag}"' in sitemap
    assert 'hreflang="zh-Hans"' not in sitemap


def test_pdfs_per_language_with_the_scripts_own_fonts(other_site: Path) -> None:
    for lang in LANGUAGES:
        for kind in ("leaflet", "guidebook"):
            assert (other_site / prefix(lang) / "downloads" / f"{kind}-{lang}.pdf").exists()
    fonts = {f["name"].split("+")[-1] for f in pdftools.fonts(other_site / "ja" / "downloads" /
                                                                "guidebook-ja.pdf")}
    assert any("CJK-JP" in name for name in fonts), fonts  # Japanese faces, not Korean ones
    assert pdftools.missing_glyphs(other_site / "kk" / "downloads" / "guidebook-kk.pdf") == {}
