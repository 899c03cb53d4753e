"""Offline pages and "add to home screen": a service worker and a web app
manifest in each language's folder (``sw.js``, ``manifest.webmanifest``).

A patient opens the guide once with Wi-Fi; later, without data, the
emergency card, the help page, the forms and the pages they opened still
load. Each worker precaches its language's key pages and the files they load,
under a cache named by the build's version (a hash of those files, so the
same site gives the same bytes and a changed one replaces the old cache).
Every URL is relative to the worker's own folder: the site works from a
sub-path. No MkDocs imports: the hooks call :func:`write_offline_files`.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from guidebook import paths
from guidebook.common.i18n import site_language

# Pages every language's worker keeps, below the language's folder; the forms
# (forms/<id>/, when the site has them) are added as found. OFFLINE_PAGE is
# what a page neither kept nor reachable is answered with (templates/sw.js):
# the emergency number, the help desk and links to what is kept.
OFFLINE_PAGE = "offline/"
KEY_PAGES = ("", "emergency-card/", "help/", "institutions/", "costs/", "which-department/",
             OFFLINE_PAGE)
FORMS_DIR = "forms"
ICONS = (("assets/icons/icon-192.png", "192x192"), ("assets/icons/icon-512.png", "512x512"))
THEME_COLOR = "#00695c"  # overrides/assets/guidebook.css: --md-primary-fg-color
SW_TEMPLATE = paths.TEMPLATES / "sw.js"

_RESOURCE = re.compile(r'<(?:link|script)\b[^>]*?\s(?:href|src)="([^"#?]+)(?:[?#][^"]*)?"[^>]*>')


@dataclass(frozen=True)
class AppName:
    name: str  # the guide's title
    short_name: str  # under the home screen icon


def page_files(site_dir: Path, prefix: str) -> list[str]:
    """The key pages of the language in ``prefix`` that the site has, as
    folder URLs below the language's folder."""
    folder = site_dir / prefix
    pages = [p for p in KEY_PAGES if (folder / p / "index.html").exists()]
    forms = folder / FORMS_DIR
    if forms.is_dir():
        pages += sorted(f"{path.parent.relative_to(folder).as_posix()}/"
                        for path in forms.glob("**/index.html"))
    return pages


def resources(html: str, page_path: str) -> list[str]:
    """The files of this site a page loads (stylesheets, scripts, icons), as
    paths from the site root.

    >>> resources('<link rel="stylesheet" href="../../assets/a.css"><script src="../../assets/b.js">'
    ...           '</script><a href="../x/">x</a><link rel="alternate" href="https://e.org/">',
    ...           "zh/help/")
    ['assets/a.css', 'assets/b.js']
    """
    found = []
    for url in _RESOURCE.findall(html):
        if "://" in url or url.startswith(("//", "data:", "/")):
            continue
        path = posixpath.normpath(posixpath.join(page_path, url))
        if not path.startswith("..") and path not in found:
            found.append(path)
    return found


def precache(site_dir: Path, prefix: str) -> list[str]:
    """Everything a language's worker keeps, relative to the language's folder."""
    pages = page_files(site_dir, prefix)
    files: list[str] = []
    for page in pages:
        html = (site_dir / prefix / page / "index.html").read_text(encoding="utf-8")
        for path in resources(html, prefix + page):
            if path not in files and (site_dir / path).is_file():
                files.append(path)
    for icon, _ in ICONS:
        if icon not in files and (site_dir / icon).is_file():
            files.append(icon)
    up = "../" * prefix.count("/")
    return [f"./{p}" if p else "./" for p in pages] + [up + f for f in sorted(files)]


def version(site_dir: Path, prefix: str, urls: list[str]) -> str:
    """A hash of the files a worker keeps: the same site, the same version."""
    digest = hashlib.sha256()
    base = site_dir / prefix
    for url in urls:
        path = (base / url).resolve()
        if path.is_dir():
            path = path / "index.html"
        digest.update(url.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(SW_TEMPLATE.read_bytes())
    return digest.hexdigest()[:16]


def service_worker(version_id: str, urls: list[str], other_languages: list[str]) -> str:
    """The worker's JavaScript (templates/sw.js with the lists filled in)."""
    return (SW_TEMPLATE.read_text(encoding="utf-8")
            .replace("__VERSION__", version_id)
            .replace("__PRECACHE__", json.dumps(urls, ensure_ascii=False, indent=0).replace("\n", " "))
            .replace("__OTHER_LANGUAGES__", json.dumps(other_languages))
            .replace("__OFFLINE__", json.dumps(f"./{OFFLINE_PAGE}")))


def manifest(lang: str, prefix: str, name: AppName) -> dict[str, object]:
    """A language's web app manifest: its own name, language and direction,
    starting at the language's home page.

    >>> m = manifest("ar", "ar/", AppName("دليل", "يونغدونغبو"))
    >>> m["lang"], m["dir"], m["start_url"], m["icons"][0]["src"]
    ('ar', 'rtl', './', '../assets/icons/icon-192.png')
    """
    language = site_language(lang)
    up = "../" * prefix.count("/")
    return {
        "name": name.name,
        "short_name": name.short_name,
        "lang": language.html_lang,
        "dir": language.direction,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [{"src": up + icon, "sizes": sizes, "type": "image/png", "purpose": "any"}
                  for icon, sizes in ICONS],
    }


def write_offline_files(site_dir: Path, languages: tuple[str, ...],
                        names: dict[str, AppName]) -> list[Path]:
    """Each built language's ``manifest.webmanifest`` and ``sw.js``."""
    written = []
    prefixes = {lang: site_language(lang).url_prefix(languages[0]) for lang in languages}
    for lang, prefix in prefixes.items():
        folder = site_dir / prefix
        if not (folder / "index.html").exists():
            continue  # not built (GUIDEBOOK_ONLY_LANG)
        (folder / "manifest.webmanifest").write_text(
            json.dumps(manifest(lang, prefix, names[lang]), ensure_ascii=False, indent=2,
                       sort_keys=True) + "\n", encoding="utf-8")
        urls = precache(site_dir, prefix)
        others = sorted(p for other, p in prefixes.items() if other != lang and p.startswith(prefix) and p)
        (folder / "sw.js").write_text(service_worker(version(site_dir, prefix, urls), urls, others),
                                      encoding="utf-8")
        written += [folder / "manifest.webmanifest", folder / "sw.js"]
    return written
