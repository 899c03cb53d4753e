"""Print HTML for the leaflet and the guidebook: ``(dataset, language) -> HTML``.

The same pages serve a browser (the leaflet is on the site, printable with
``@page`` CSS) and WeasyPrint (the PDFs for the print shop). Text in another
direction than the page's (phone numbers, addresses, URLs in Arabic) is wrapped
in the Unicode isolates LRI...PDI rather than in ``<bdi>``: WeasyPrint breaks an
RTL line badly when an inline element starts it (it leaves a one-word first line).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown
import segno
from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .i18n import KOREAN, format_day, install_gettext, site_language
from .forms import Form
from .model import Dataset, Institution
from .render import (DRIVER_REQUEST_KO, help_desk_view, institution_path, institution_view,
                     language_root, place_view)

TEMPLATES = Path(__file__).parent / "templates"
LRI, PDI = "\u2066", "\u2069"
# Ghostscript's own CMYK profile (Debian package libgs-common, installed with
# ghostscript): the output intent of the CMYK PDF/X-4 files.
CMYK_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


@dataclass(frozen=True)
class PrintProfile:
    """What the print shop asked for (``extra.guidebook.print`` in mkdocs.yml)."""

    bleed_mm: float = 3.0
    crop_marks: bool = False
    cmyk: bool = False  # opt-in CMYK PDF/X-4 (converted with Ghostscript)
    leaflet_max_institutions: int = 18


# The Noto faces Debian ships (fonts-noto-core, fonts-noto-cjk) for each script;
# CJK scripts need their own face (Han unification), Arabic a face with Arabic
# shaping followed by Noto Sans for what it lacks (it has no "+").
SCRIPT_FONTS = {
    "Hans": ('"Noto Sans CJK SC"',), "Hant": ('"Noto Sans CJK TC"',),
    "Jpan": ('"Noto Sans CJK JP"',), "Kore": ('"Noto Sans CJK KR"',),
    "Arab": ('"Noto Naskh Arabic"', '"Noto Sans"'), "Hebr": ('"Noto Sans Hebrew"',),
    "Thai": ('"Noto Sans Thai"',), "Deva": ('"Noto Sans Devanagari"',),
}


def font_rules(languages: Sequence[str]) -> str:
    """Print font stacks for Korean and each site language, from the script
    CLDR gives the language: a new language gets the right face without a
    change to the stylesheet.

    >>> print(font_rules(["ja"]).splitlines()[-1])
    :lang(ja) { font-family: "Noto Sans CJK JP", "Noto Sans", sans-serif; }
    """
    rules = []
    for code in ("ko", *languages):
        language = site_language(code)
        faces = SCRIPT_FONTS.get(language.script, ())
        stack = ", ".join(dict.fromkeys((*faces, '"Noto Sans"', "sans-serif")))
        rules.append(f":lang({language.html_lang}) {{ font-family: {stack}; }}")
    return "\n".join(rules)


def print_css(languages: Sequence[str]) -> Markup:
    """The print stylesheet, then the font stack of each language."""
    return Markup((TEMPLATES / "print.css").read_text(encoding="utf-8") + "\n"
                  + font_rules(languages) + "\n")


def isolate(text: str) -> str:
    """Left-to-right text (a phone number, a URL) isolated for any paragraph direction.

    >>> isolate("+82 2-2670-3114") == "\\u2066+82 2-2670-3114\\u2069"
    True
    """
    return f"{LRI}{text}{PDI}"


_KOREAN_RUN = re.compile("[\uac00-\ud7a3]+")


def korean_words(text: str) -> Markup:
    """Each Korean word kept whole on a line: WeasyPrint has no ``word-break:
    keep-all`` (it broke 의료관광안내센터 after 의) and breaks Hangul anywhere,
    so each word is a ``nowrap`` span (print.css ``.kw``), marked Korean.

    >>> str(korean_words("ask for (의료관광안내센터) <b>"))
    'ask for (<span lang="ko" class="kw">의료관광안내센터</span>) &lt;b&gt;'
    """
    escaped = str(Markup.escape(text))
    return Markup(_KOREAN_RUN.sub(lambda m: f'<span lang="ko" class="kw">{m.group(0)}</span>',
                                  escaped))


def qr_svg(url: str) -> Markup:
    """A vector QR code for ``url`` (error correction M, 4-module quiet zone).

    The SVG draws in ``currentColor`` so that print CSS decides the ink (pure
    K in the CMYK profile).
    """
    svg = segno.make(url, error="m", micro=False).svg_inline(omitsize=True, border=4, dark="#000")
    svg = svg.replace('stroke="#000"', 'stroke="currentColor"')
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(url)}" ', 1))


# A "## " section that holds a <!-- guidebook:… --> list: print shows the
# help desk and the places itself (the desk after the help text, the
# embassies in the guidebook), in its own layout.
_PLACEHOLDER_SECTION = re.compile(r"^## [^\n]*\n(?:(?!## )[^\n]*\n)*?[^\n]*<!--\s*guidebook:"
                                  r"[^\n]*\n(?:(?!## )[^\n]*\n?)*", re.M)


def markdown_html(path: Path) -> Markup:
    r"""A Markdown content page as HTML for print, without its front matter and
    H1, and without the sections that hold a list from the data.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".md") as f:
    ...     _ = f.write("# T\n\nA\n\n## Desk\n\nAsk:\n\n<!-- guidebook:help-desk -->\n\n## B\n\nb\n")
    ...     _ = f.flush()
    ...     str(markdown_html(Path(f.name))).strip()
    '<p>A</p>\n<h2>B</h2>\n<p>b</p>'
    """
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = _PLACEHOLDER_SECTION.sub("", text)
    html = markdown.markdown(text, extensions=["attr_list", "tables"])
    html = re.sub(r"<h1>.*?</h1>", "", html, count=1, flags=re.S)
    html = re.sub(r'(<span lang="ko">)([^<]*)(</span>)',
                  lambda m: m.group(1) + korean_words(m.group(2)) + m.group(3), html)
    # Phone numbers written as links: isolate their text for RTL pages.
    html = re.sub(r'(<a [^>]*href="tel:[^"]*"[^>]*>)([^<]*)(</a>)',
                  lambda m: m.group(1) + isolate(m.group(2)) + m.group(3), html)
    return Markup(html)  # noqa: S704 - editor-written Markdown from the repository


def page_html(folder: Path, stem: str, lang: str, default_language: str) -> Markup:
    """The page ``<stem>.<lang>.md`` of ``folder`` as print HTML; a page not yet
    translated is the default language's, marked with its language (as on the web)."""
    path = folder / f"{stem}.{lang}.md"
    if path.exists() or lang == default_language:
        return markdown_html(path)
    source = site_language(default_language)
    html = markdown_html(folder / f"{stem}.{default_language}.md")
    return Markup(f'<div lang="{source.html_lang}" dir="{source.direction}">{html}</div>')


# What a preview's print files say on every page and in their metadata, in
# English and Korean (for the district and the print shop, whatever the
# file's language). Reasons: (English, Korean).
SAMPLE_DATA = ("sample data", "샘플 데이터")
UNREVIEWED = ("translation not reviewed", "번역 미검수")
PREVIEW_BUILD = ("preview build", "미리보기 빌드")


@dataclass(frozen=True)
class PreviewMarks:
    """Why a print file is a preview; a release build makes none."""

    reasons: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        """
        >>> PreviewMarks((SAMPLE_DATA,)).text
        'PREVIEW — not for printing (sample data) · 미리보기 — 인쇄용 아님 (샘플 데이터)'
        """
        en = ", ".join(r[0] for r in self.reasons)
        ko = ", ".join(r[1] for r in self.reasons)
        return f"PREVIEW — not for printing ({en}) · 미리보기 — 인쇄용 아님 ({ko})"

    @property
    def css_text(self) -> str:
        """The text as a CSS string's content (no quote or backslash to end it)."""
        return self.text.replace("\\", "").replace('"', "")

    @property
    def title_prefix(self) -> str:
        return "PREVIEW — "


def preview_marks(release: bool, *, sample: bool, unreviewed: bool) -> PreviewMarks | None:
    """The marks of a print file: none in a release, else the reasons.

    >>> preview_marks(True, sample=False, unreviewed=False) is None
    True
    >>> [r[0] for r in preview_marks(False, sample=True, unreviewed=True).reasons]
    ['sample data', 'translation not reviewed']
    """
    if release:
        return None
    reasons = ((SAMPLE_DATA,) if sample else ()) + ((UNREVIEWED,) if unreviewed else ())
    return PreviewMarks(reasons or (PREVIEW_BUILD,))


@lru_cache(maxsize=None)
def _environment(tr: NullTranslations) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, auto_reload=False, extensions=["jinja2.ext.i18n"],
                      trim_blocks=True, lstrip_blocks=True)
    install_gettext(env, tr)  # newstyle, without "г.." after a Russian date
    env.filters["isolate"] = isolate
    env.filters["korean_words"] = korean_words
    return env


def _common(dataset: Dataset, lang: str, tr: NullTranslations, site_url: str,
            docs_dir: Path, profile: PrintProfile, created: _dt.date,
            preview: PreviewMarks | None = None) -> dict[str, object]:
    language = site_language(lang)
    root = language_root(site_url, lang, dataset.languages[0])
    return {
        "lang": lang,
        "html_lang": language.html_lang,
        "dir": language.direction,
        "korean": KOREAN,
        "driver_request_ko": DRIVER_REQUEST_KO,
        "sample": dataset.sample,
        "site_name": dataset.district.site_name[lang],
        "site_url": root,
        "site_qr": qr_svg(root),
        "district": dataset.district.name[lang],
        "help_desk": help_desk_view(dataset.district, lang, tr),
        "help_html": page_html(docs_dir, "help", lang, dataset.languages[0]),
        "profile": profile,
        "preview": preview,
        "cmyk_icc": CMYK_ICC.as_uri(),
        "created": created.isoformat(),
        "created_text": format_day(created, lang),
        "css": print_css(dataset.languages),
    }


def _entry(inst: Institution, dataset: Dataset, lang: str, tr: NullTranslations,
           root: str) -> dict[str, object]:
    view = institution_view(inst, dataset.district, lang, tr)
    url = root + institution_path(inst.id)
    return {**view, "url": url, "qr": qr_svg(url)}


def leaflet_html(dataset: Dataset, lang: str, tr: NullTranslations, *, site_url: str,
                 docs_dir: Path, profile: PrintProfile, created: _dt.date,
                 preview: PreviewMarks | None = None) -> str:
    """The A4 landscape tri-fold leaflet of one language (two pages: outside, inside)."""
    ctx = _common(dataset, lang, tr, site_url, docs_dir, profile, created, preview)
    listed = dataset.institutions[:profile.leaflet_max_institutions]
    ctx["institutions"] = [_entry(i, dataset, lang, tr, str(ctx["site_url"])) for i in listed]
    ctx["unlisted"] = len(dataset.institutions) - len(listed)
    ctx["offer_html"] = page_html(docs_dir / "_print", "offer", lang, dataset.languages[0])
    return _environment(tr).get_template("leaflet.html.j2").render(**ctx)


def guidebook_html(dataset: Dataset, lang: str, tr: NullTranslations, *, site_url: str,
                   docs_dir: Path, profile: PrintProfile, created: _dt.date,
                   preview: PreviewMarks | None = None) -> str:
    """The A5 guidebook of one language: cover, contents, a page per institution,
    help pages and a back cover (blank pages are added when the PDF is made)."""
    ctx = _common(dataset, lang, tr, site_url, docs_dir, profile, created, preview)
    ctx["institutions"] = [_entry(i, dataset, lang, tr, str(ctx["site_url"]))
                           for i in dataset.institutions]
    ctx["embassies"] = [place_view(p, dataset.district, lang, tr)
                        for p in dataset.places if p.kind == "embassy"]
    return _environment(tr).get_template("guidebook.html.j2").render(**ctx)


def forms_html(forms: Sequence[Form], lang: str, tr: NullTranslations, *, site_url: str,
               default_language: str, profile: PrintProfile, created: _dt.date,
               preview: PreviewMarks | None = None) -> str:
    """The blank bilingual forms of one language for the hospitals' desks (A4):
    the web form's own view (``formpages.form_view``), laid out for paper."""
    from .formpages import form_view  # the web form's view model: print cannot drift from it

    language = site_language(lang)
    views = [form_view(form, lang, tr, default_language) for form in forms]
    return _environment(tr).get_template("forms_print.html.j2").render(
        forms=views, lang=lang, html_lang=language.html_lang, dir=language.direction,
        title=" · ".join(str(v["title"]) for v in views), sample=None, profile=profile, preview=preview,
        cmyk_icc=CMYK_ICC.as_uri(), created=created.isoformat(),
        created_text=format_day(created, lang), site_url=language_root(site_url, lang, default_language),
        css=print_css((default_language, lang)))
