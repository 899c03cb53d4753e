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

from . import print_art
from .directory import directory_context
from .i18n import KOREAN, format_day, site_language
from .forms import Form
from .print_chapters import chapters as print_chapters
from .model import Dataset, Institution
from .render import (DRIVER_REQUEST_KO, help_desk_view, institution_path, institution_view,
                     language_root)

TEMPLATES = Path(__file__).parent / "templates"
LRI, PDI = "\u2066", "\u2069"
# The default output intent: FOGRA39 (ISO 12647-2 offset, coated paper), the
# printing condition Korean offset shops accept besides Japan Color 2001
# Coated. Debian ships no CMYK ICC profile for either (Ghostscript's
# default_cmyk.icc is a generic SWOP-like one); icc-profiles-free ships Fogra's
# FOGRA39L characterization data, from which icc/FOGRA39L.icc was built with
# Argyll (see icc/README.md).
CMYK_ICC = Path(__file__).parent / "icc" / "FOGRA39L.icc"


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

    @property
    def black(self) -> str:
        """The ink of text and QR codes: 100 % K, never four-colour black."""
        return "device-cmyk(0 0 0 1)" if self.cmyk else "#000"


def isolate(text: str) -> str:
    """Left-to-right text (a phone number, a URL) isolated for any paragraph direction.

    >>> isolate("+82 2-2670-3114") == "\\u2066+82 2-2670-3114\\u2069"
    True
    """
    return f"{LRI}{text}{PDI}"


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


def without_links(html: str) -> str:
    """The print HTML with no link: PDF/X forbids annotations, so the CMYK
    files get none (internal references keep their page numbers through
    ``data-ref``).

    >>> without_links('<a href="#x" data-ref="#x">x</a>')
    '<a data-href="#x" data-ref="#x">x</a>'
    """
    return re.sub(r'<a ([^>]*?)\bhref="', r'<a \1data-href="', html)


def markdown_html(path: Path, site_root: str = "") -> Markup:
    """A Markdown content page as HTML for print, without its front matter and
    H1, links made readable on paper (see print_chapters)."""
    from .print_chapters import print_markdown

    return Markup(print_markdown(path.read_text(encoding="utf-8"), site_root)[1])  # noqa: S704


@lru_cache(maxsize=None)
def _environment(tr: NullTranslations) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, auto_reload=False, extensions=["jinja2.ext.i18n"],
                      trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(tr, newstyle=True)  # type: ignore[attr-defined]
    env.filters["isolate"] = isolate
    return env


# The label separator: Chinese text uses the full-width colon throughout.
FULLWIDTH_PUNCTUATION = {"zh"}


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
            docs_dir: Path, profile: PrintProfile, created: _dt.date) -> dict[str, object]:
    language = site_language(lang)
    root = language_root(site_url, lang, dataset.languages[0])
    site_name = dataset.district.site_name[lang]
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
        "district": dataset.district.name[lang],
        "help_desk": help_desk_view(dataset.district, lang, tr),
        "help_html": markdown_html(docs_dir / f"help.{lang}.md", root),
        "profile": profile,
        "created": created.isoformat(),
        "created_text": format_day(created, lang),
        "css": Markup((TEMPLATES / "print.css").read_text(encoding="utf-8")),
    }


def _entry(inst: Institution, dataset: Dataset, lang: str, tr: NullTranslations,
           root: str, profile: PrintProfile) -> dict[str, object]:
    """An institution for print: the web page's own view (render.institution_view),
    plus its address and QR code."""
    view = institution_view(inst, dataset.district, lang, tr)
    url = root + institution_path(inst.id)
    return {**view, "url": url, "qr": qr_svg(url, profile.black)}


def leaflet_html(dataset: Dataset, lang: str, tr: NullTranslations, *, site_url: str,
                 docs_dir: Path, profile: PrintProfile, created: _dt.date) -> str:
    """The A4 landscape tri-fold leaflet of one language (two pages: outside, inside)."""
    ctx = _common(dataset, lang, tr, site_url, docs_dir, profile, created)
    listed = dataset.institutions[:profile.leaflet_max_institutions]
    ctx["institutions"] = [_entry(i, dataset, lang, tr, str(ctx["site_url"]), profile)
                           for i in listed]
    ctx["unlisted"] = len(dataset.institutions) - len(listed)
    ctx["offer_html"] = markdown_html(docs_dir / "_print" / f"offer.{lang}.md", str(ctx["site_url"]))
    return _environment(tr).get_template("leaflet.html.j2").render(**ctx)


def guidebook_html(dataset: Dataset, lang: str, tr: NullTranslations, *, site_url: str,
                   docs_dir: Path, profile: PrintProfile, created: _dt.date) -> str:
    """The A5 guidebook of one language: cover, contents, the guide's chapters
    from the site's Markdown, the directory by category and a back cover
    (notes pages are added when the PDF is made, see ``notes_html``)."""
    ctx = _common(dataset, lang, tr, site_url, docs_dir, profile, created)
    root = str(ctx["site_url"])
    ctx["chapters"] = print_chapters(dataset, lang, tr, docs_dir, root)
    directory = directory_context(
        dataset, lang, tr, lambda inst, district, lang_, tr_: _entry(inst, dataset, lang_, tr_,
                                                                       root, profile))
    for number, group in enumerate(directory["groups"]):  # type: ignore[arg-type]
        group["id"] = f"group-{number + 1}"
    ctx["directory"] = directory
    return _environment(tr).get_template("guidebook.html.j2").render(**ctx)


def notes_html(dataset: Dataset, lang: str, tr: NullTranslations, *, site_url: str,
               docs_dir: Path, profile: PrintProfile, created: _dt.date) -> str:
    """A notes page with labelled lines: what fills a booklet to a multiple of 4
    pages instead of blank pages."""
    ctx = _common(dataset, lang, tr, site_url, docs_dir, profile, created)
    ctx["notes_labels"] = [tr.gettext("My hospital"), tr.gettext("My doctor"),
                           tr.gettext("Appointments"), tr.gettext("Medicines"),
                           tr.gettext("Questions for the doctor")]
    return _environment(tr).get_template("guidebook_notes.html.j2").render(**ctx)


def forms_html(forms: Sequence[Form], lang: str, tr: NullTranslations, *, site_url: str,
               default_language: str, profile: PrintProfile, created: _dt.date) -> str:
    """The blank bilingual forms of one language for the hospitals' desks (A4):
    the web form's own view (``formpages.form_view``), laid out for paper."""
    from .formpages import form_view  # the web form's view model: print cannot drift from it

    language = site_language(lang)
    views = [form_view(form, lang, tr, default_language) for form in forms]
    return _environment(tr).get_template("forms_print.html.j2").render(
        forms=views, lang=lang, html_lang=language.html_lang, dir=language.direction,
        title=" · ".join(str(v["title"]) for v in views), sample=None, profile=profile,
        colon=colon(lang), created=created.isoformat(),
        created_text=format_day(created, lang), site_url=language_root(site_url, lang, default_language),
        css=Markup((TEMPLATES / "print.css").read_text(encoding="utf-8")))
