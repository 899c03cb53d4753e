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

import segno
from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from guidebook import paths
from guidebook.printing import art as print_art
from guidebook.web.directory import directory_context
from guidebook.common.i18n import KOREAN, format_day, install_gettext, site_language
from guidebook.forms.model import Form
from guidebook.printing.chapters import DESK_MARK, FULLWIDTH_PUNCTUATION, page_source, print_markdown
from guidebook.printing.chapters import chapters as print_chapters
from guidebook.data.model import Dataset, Institution
from guidebook.web.render import (DRIVER_REQUEST_KO, help_desk_view, institution_path, institution_view,
                     language_root)

TEMPLATES = paths.TEMPLATES
LRI, PDI = "\u2066", "\u2069"
# The default output intent: FOGRA39 (ISO 12647-2 offset, coated paper), the
# printing condition Korean offset shops accept besides Japan Color 2001
# Coated. Debian ships no CMYK ICC profile for either (Ghostscript's
# default_cmyk.icc is a generic SWOP-like one); icc-profiles-free ships Fogra's
# FOGRA39L characterization data, from which icc/FOGRA39L.icc was built with
# Argyll (see icc/README.md).
CMYK_ICC = paths.ICC / "FOGRA39L.icc"


@dataclass(frozen=True)
class PrintProfile:
    """What the print shop asked for (``extra.guidebook.print`` in mkdocs.yml),
    paths resolved."""

    bleed_mm: float = 3.0
    crop_marks: bool = False
    cmyk: bool = False  # opt-in CMYK PDF/X-4
    leaflet_max_institutions: int = 18
    output_icc: Path = CMYK_ICC
    output_condition: str = "FOGRA39"
    output_condition_info: str = "Offset printing, ISO 12647-2, coated paper (FOGRA39)"
    emblem: Path | None = None
    cover_image: Path | None = None
    review_pngs: bool = True
    # The booklet's chapters in order (Settings.chapters: nav's pages, less not_in_print).
    chapters: tuple[str, ...] = ()

    @property
    def black(self) -> str:
        """The ink of text and QR codes: 100 % K, never four-colour black."""
        return "device-cmyk(0 0 0 1)" if self.cmyk else "#000"


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
    """The print stylesheet, then the font stack of each language and the
    QR codes' least sizes."""
    return Markup((TEMPLATES / "print.css").read_text(encoding="utf-8") + "\n"
                  + font_rules(languages) + "\n" + qr_rules() + "\n")


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


def qr_svg(url: str, ink: str = "#000") -> Markup:
    """A vector QR code for ``url`` (error correction M, 4-module quiet zone).

    The modules are stroked in ``ink`` given here, not ``currentColor``:
    WeasyPrint resolves ``currentColor`` in SVG to RGB, which a CMYK
    conversion turns into four-colour black; ``device-cmyk(0 0 0 1)`` stays
    100 % K. ``fill="none"``: an unfilled path sets no (RGB) fill colour.
    """
    svg = segno.make(url, error="m", micro=False).svg_inline(omitsize=True, border=4, dark="#000")
    svg = svg.replace('stroke="#000"', f'stroke="{ink}" fill="none"')
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(url)}" ', 1))


# The smallest module a phone camera reads reliably on paper; with it a code
# is at least 15 mm across whatever its version (#26).
QR_MODULE_MM = 0.5


def qr_version(url: str) -> int:
    """The QR version (size) a code for ``url`` takes at error correction M."""
    return segno.make(url, error="m", micro=False).version


# The QR boxes of templates/print.css, with the width each is drawn at there
# and whether it may grow. The leaflet's 15 entries must fit its inside, so
# their 20 mm boxes stay (codes of 16.1-16.4 mm, modules of 0.49 mm: #26 left
# open for them); the booklet's entries and every cover code grow.
QR_BOXES = {".entry .qr": (18, True), ".leaflet .entry .qr": (20, False), ".back-qr .qr": (26, True),
            ".front .qr": (28, True), ".cover .qr": (28, True), ".back-cover .qr": (28, True)}


def qr_rules() -> str:
    """Per QR version, a box too small for modules of ``QR_MODULE_MM`` (quiet
    zone included) drawn wider: a class, not a style attribute, as the
    leaflet is also a web page under the site's CSP.

    >>> qr_rules().splitlines()[0]
    '.entry .qr.qr-v3 { width: 18.5mm; }'
    """
    rules = []
    for v in range(1, 21):  # version 20 holds 666 bytes: longer than any address
        need = (17 + 4 * v + 8) * QR_MODULE_MM
        if need > min(drawn for drawn, _ in QR_BOXES.values()):  # then every box, in
            # QR_BOXES' order: the leaflet's entry rule, as specific as the booklet's, after it
            rules += [f"{box}.qr-v{v} {{ width: {max(need, drawn) if grows else drawn}mm; }}"
                      for box, (drawn, grows) in QR_BOXES.items()]
    return "\n".join(rules)


# A "## " section that holds a <!-- guidebook:… --> list: the leaflet shows
# the help desk itself, in its own layout (the guidebook's chapters expand
# the lists instead, see print_chapters).
_PLACEHOLDER_SECTION = re.compile(r"^## [^\n]*\n(?:(?!## )[^\n]*\n)*?[^\n]*<!--\s*guidebook:"
                                  r"[^\n]*(?:\n|$)", re.M)


def without_links(html: str) -> str:
    """The print HTML with no link: PDF/X forbids annotations, so the CMYK
    files get none (internal references keep their page numbers through
    ``data-ref``).

    >>> without_links('<a href="#x" data-ref="#x">x</a>')
    '<a data-href="#x" data-ref="#x">x</a>'
    """
    return re.sub(r'<a ([^>]*?)\bhref="', r'<a \1data-href="', html)


def markdown_html(text: str, site_root: str = "") -> Markup:
    """A Markdown content page as HTML for print, without its front matter and
    H1 and without the sections that hold a list from the data, links made
    readable on paper (see print_chapters), Korean words kept whole."""
    html = print_markdown(_PLACEHOLDER_SECTION.sub("", text), site_root)[1]
    html = re.sub(r'(<span lang="ko">)([^<]*)(</span>)',
                  lambda m: m.group(1) + korean_words(m.group(2)) + m.group(3), html)
    return Markup(html)  # noqa: S704 - editor-written Markdown from the repository


def page_html(folder: Path, stem: str, lang: str, default_language: str,
              site_root: str = "") -> Markup:
    """The page ``<stem>.<lang>.md`` of ``folder`` as print HTML; a page not yet
    translated is the default language's, marked with its language (as on the web)."""
    text, fallback = page_source(folder, stem, lang, default_language)
    html = markdown_html(text, site_root)
    if fallback is None:
        return html
    source = site_language(fallback)
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


# The label separator: Chinese text uses the full-width colon throughout
# (FULLWIDTH_PUNCTUATION, print_chapters).
def colon(lang: str) -> str:
    """ "Phone: …" in most languages, "电话：…" in Chinese.

    >>> colon("zh"), colon("ru")
    ('：', ': ')
    """
    return "：" if lang in FULLWIDTH_PUNCTUATION else ": "


def list_separator(lang: str) -> str:
    return "、" if lang in FULLWIDTH_PUNCTUATION else (
        "، " if site_language(lang).rtl else ", ")


def page_ref(tr: NullTranslations, lang: str = "en") -> tuple[str, str]:
    """The translated "p. %(page)s" split around the number, for CSS
    ``target-counter``: (" (p. ", ")"); full-width brackets in Chinese."""
    text = tr.gettext("p. %(page)s")
    before, _, after = text.partition("%(page)s")
    if lang in FULLWIDTH_PUNCTUATION:
        return (f"（{before}", f"{after}）")
    return (f" ({before}", f"{after})")


def _common(dataset: Dataset, lang: str, tr: NullTranslations, site_url: str,
            docs_dir: Path, profile: PrintProfile, created: _dt.date,
            preview: PreviewMarks | None = None) -> dict[str, object]:
    language = site_language(lang)
    root = language_root(site_url, lang, dataset.languages[0])
    return {
        "colon": colon(lang),
        "list_sep": list_separator(lang),
        "page_ref": page_ref(tr, lang),
        "emblem": print_art.emblem(profile.emblem, profile.cmyk, dataset.district.name[lang]),
        "cover_image": print_art.cover(profile.cover_image, profile.cmyk),
        "lang": lang,
        "html_lang": language.html_lang,
        "dir": language.direction,
        "korean": KOREAN,
        "driver_request_ko": DRIVER_REQUEST_KO,
        "sample": dataset.sample,
        "site_name": dataset.district.site_name[lang],
        "site_url": root,
        "site_qr": qr_svg(root, profile.black),
        "site_qr_version": qr_version(root),
        "district": dataset.district.name[lang],
        "help_desk": help_desk_view(dataset.district, lang, tr),
        "help_html": page_html(docs_dir, "help", lang, dataset.languages[0], root),
        "profile": profile,
        "preview": preview,
        "created": created.isoformat(),
        "created_text": format_day(created, lang),
        "css": print_css(dataset.languages),
    }


def _entry(inst: Institution, dataset: Dataset, lang: str, tr: NullTranslations,
           root: str, profile: PrintProfile) -> dict[str, object]:
    """An institution for print: the web page's own view (render.institution_view),
    plus its address and QR code."""
    view = institution_view(inst, dataset.district, lang, tr)
    url = root + institution_path(inst.id)
    return {**view, "url": url, "qr": qr_svg(url, profile.black), "qr_version": qr_version(url)}


def leaflet_html(dataset: Dataset, lang: str, tr: NullTranslations, *, site_url: str,
                 docs_dir: Path, profile: PrintProfile, created: _dt.date,
                 preview: PreviewMarks | None = None) -> str:
    """The A4 landscape tri-fold leaflet of one language (two pages: outside, inside)."""
    ctx = _common(dataset, lang, tr, site_url, docs_dir, profile, created, preview)
    listed = dataset.institutions[:profile.leaflet_max_institutions]
    ctx["institutions"] = [_entry(i, dataset, lang, tr, str(ctx["site_url"]), profile)
                           for i in listed]
    ctx["unlisted"] = len(dataset.institutions) - len(listed)
    ctx["offer_html"] = page_html(docs_dir / "_print", "offer", lang, dataset.languages[0],
                                  str(ctx["site_url"]))
    return _environment(tr).get_template("leaflet.html.j2").render(**ctx)


def guidebook_html(dataset: Dataset, lang: str, tr: NullTranslations, *, site_url: str,
                   docs_dir: Path, profile: PrintProfile, created: _dt.date,
                   preview: PreviewMarks | None = None) -> str:
    """The A5 guidebook of one language: cover, contents, the guide's chapters
    from the site's Markdown (their lists from the data filled in), the
    directory by category and a back cover (notes pages are added when the
    PDF is made, see ``notes_html``)."""
    ctx = _common(dataset, lang, tr, site_url, docs_dir, profile, created, preview)
    root = str(ctx["site_url"])
    ctx["chapters"] = print_chapters(dataset, lang, tr, docs_dir, root, profile.chapters)
    ctx["desk_mark"] = Markup(f"<p>{DESK_MARK}</p>")
    directory = directory_context(
        dataset, lang, tr, lambda inst, district, lang_, tr_: _entry(inst, dataset, lang_, tr_,
                                                                       root, profile))
    for number, group in enumerate(directory["groups"]):  # type: ignore[arg-type]
        group["id"] = f"group-{number + 1}"
    ctx["directory"] = directory
    return _environment(tr).get_template("guidebook.html.j2").render(**ctx)


def notes_html(dataset: Dataset, lang: str, tr: NullTranslations, *, site_url: str,
               docs_dir: Path, profile: PrintProfile, created: _dt.date,
               preview: PreviewMarks | None = None) -> str:
    """A notes page with labelled lines: what fills a booklet to a multiple of 4
    pages instead of blank pages (marked as the booklet is, in a preview)."""
    ctx = _common(dataset, lang, tr, site_url, docs_dir, profile, created, preview)
    ctx["notes_labels"] = [tr.gettext("My hospital"), tr.gettext("My doctor"),
                           tr.gettext("Appointments"), tr.gettext("Medicines"),
                           tr.gettext("Questions for the doctor")]
    return _environment(tr).get_template("guidebook_notes.html.j2").render(**ctx)


def forms_html(forms: Sequence[Form], lang: str, tr: NullTranslations, *, site_url: str,
               default_language: str, profile: PrintProfile, created: _dt.date,
               preview: PreviewMarks | None = None) -> str:
    """The blank bilingual forms of one language for the hospitals' desks (A4):
    the web form's own view (``formpages.form_view``), laid out for paper."""
    from guidebook.forms.pages import form_view  # the web form's view model: print cannot drift from it

    language = site_language(lang)
    views = [form_view(form, lang, tr, default_language) for form in forms]
    return _environment(tr).get_template("forms_print.html.j2").render(
        forms=views, lang=lang, html_lang=language.html_lang, dir=language.direction,
        title=" · ".join(str(v["title"]) for v in views), sample=None, profile=profile,
        preview=preview, colon=colon(lang), created=created.isoformat(),
        created_text=format_day(created, lang), site_url=language_root(site_url, lang, default_language),
        css=print_css((default_language, lang)))
