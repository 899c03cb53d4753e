"""What an editor or translator writes can never harm a patient's browser.

One policy for every content page in every language, applied to the HTML
the page renders to (Python-Markdown with the guide's extensions, as MkDocs
renders it), so raw HTML, Markdown links and ``attr_list`` attributes are
judged alike:

- an allow-list of elements and, per element, of attributes: no script,
  style, frame, object, form or SVG, no event handler (``on…=``), no
  ``style=`` (the site's CSP refuses it anyway);
- links (``href``) only to ``http:``, ``https:``, ``mailto:``, ``tel:`` or
  within the site; no ``javascript:``, ``data:``, ``vbscript:``, ``file:``;
- resources (``src``, ``srcset``, ``poster``) only from the site itself:
  nothing a page shows is loaded from another host (a patient in China, or
  on roaming data, would wait for it, and it would see who reads the guide).

The same checks keep SVG pictures named in the print settings free of
scripts and of references outside the file, and translated strings free of
markup their English text does not have. Every problem is a
:class:`~guidebook.data.load.LoadError` with the source file and line, in
English and Korean; ``guidebook check`` and the build report them alike.
The decision uses Python's own HTML tokenizer; ``nh3`` (ammonia) then
confirms that the allow-list's output of a page that passed changes nothing
of substance, as a second, independent opinion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import nh3

from guidebook.common.i18n import MARKUP, translation_problem
from guidebook.data.load import LoadError

# Elements a content page may use, and the attributes each may have beside
# the global ones.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "role", "translate", "hidden",
                               "tabindex"})
ELEMENTS: dict[str, frozenset[str]] = {tag: frozenset(attrs) for tag, attrs in {
    "a": {"href", "hreflang", "rel", "target", "download", "type"},
    "abbr": set(), "b": set(), "bdi": set(), "bdo": set(), "blockquote": {"cite"}, "br": set(),
    "caption": set(), "cite": set(), "code": set(), "col": {"span"}, "colgroup": {"span"},
    "dd": set(), "del": {"cite", "datetime"}, "details": {"open"}, "dfn": set(), "div": set(),
    "dl": set(), "dt": set(), "em": set(), "figcaption": set(), "figure": set(),
    "h1": set(), "h2": set(), "h3": set(), "h4": set(), "h5": set(), "h6": set(), "hr": set(),
    "i": set(), "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "ins": {"cite", "datetime"}, "kbd": set(), "li": {"value"}, "mark": set(),
    "ol": {"start", "reversed", "type"}, "p": set(), "picture": set(), "pre": set(),
    "q": {"cite"}, "s": set(), "samp": set(), "small": set(),
    "source": {"srcset", "sizes", "type", "media", "width", "height"}, "span": set(),
    "strong": set(), "sub": set(), "summary": set(), "sup": set(), "table": set(),
    "tbody": set(), "td": {"colspan", "rowspan", "headers"}, "tfoot": set(),
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"}, "thead": set(),
    "time": {"datetime"}, "tr": set(), "u": set(), "ul": set(), "var": set(), "wbr": set(),
}.items()}
LINK_ATTRIBUTES = frozenset({"href", "cite"})
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The extensions of mkdocs.yml's markdown_extensions that change what HTML a
# page makes (toc only adds ids and permalinks).
EXTENSIONS = ("attr_list", "md_in_html", "tables", "admonition")
MAX_PAGE_BYTES = 200_000

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Unsafe:
    """One thing a page may not contain: what, the text to find in the source,
    and the fix."""

    en: str
    ko: str
    needle: str | tuple[str, ...]  # the first of these found in the source is where it is
    fix_en: str
    fix_ko: str


def scheme(url: str) -> str | None:
    """The scheme of a URL as a browser reads it (invisible characters
    dropped, any case), or None for a URL within the site.

    >>> scheme(" JaVa\\tScript:alert(1)"), scheme("../help/"), scheme("//evil.example/x")
    ('javascript', None, '//')
    """
    compact = _INVISIBLE.sub("", url).lower()
    if compact.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"
    match = _SCHEME.match(compact)
    return match.group(1) if match else None


def _urls(attr: str, value: str) -> list[str]:
    if attr == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


class _Policy(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Unsafe] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend(tag_problems(tag, attrs))

    handle_startendtag = handle_starttag

    def handle_pi(self, data: str) -> None:
        self.found.append(Unsafe("a processing instruction is not allowed in a page",
                                 "페이지에는 처리 명령(<?…>)을 쓸 수 없습니다", "<?",
                                 "delete it", "지우세요"))

    def unknown_decl(self, data: str) -> None:
        self.found.append(Unsafe(f"'<![{data[:20]}' is not allowed in a page",
                                 f"페이지에는 '<![{data[:20]}'을(를) 쓸 수 없습니다", "<![",
                                 "delete it", "지우세요"))


def tag_problems(tag: str, attrs: list[tuple[str, str | None]]) -> Iterator[Unsafe]:
    """What is unsafe in one start tag."""
    allowed = ELEMENTS.get(tag)
    if allowed is None:
        yield Unsafe(f"the element <{tag}> is not allowed in a page",
                     f"페이지에는 <{tag}> 요소를 쓸 수 없습니다", f"<{tag}",
                     "delete it; a script, frame, form or style belongs to the site's code, not "
                     "to a page (write to the developers)",
                     "지우세요. 스크립트·프레임·입력 양식·스타일은 페이지가 아니라 사이트 코드에 "
                     "들어갑니다 (개발자에게 요청하세요)")
        return
    for name, value in attrs:
        value = value or ""
        if name.startswith("on"):
            yield Unsafe(f"the event handler '{name}' on <{tag}> would run a script",
                         f"<{tag}>의 '{name}' 속성은 스크립트를 실행합니다", name,
                         f"delete {name}=…", f"{name}=…을(를) 지우세요")
        elif name == "style":
            yield Unsafe(f"a style attribute on <{tag}> is refused by the site's security policy",
                         f"<{tag}>의 style 속성은 사이트 보안 정책이 막습니다", "style",
                         "delete style=…; use a class the site's stylesheet has",
                         "style=…을 지우고 사이트 스타일시트에 있는 class를 쓰세요")
        elif not (name in GLOBAL_ATTRIBUTES or name in allowed or name.startswith("aria-")
                  or (name.startswith("data-") and not name.startswith("data-md"))):
            yield Unsafe(f"the attribute '{name}' is not allowed on <{tag}>",
                         f"<{tag}>에는 '{name}' 속성을 쓸 수 없습니다", name,
                         f"delete {name}=…", f"{name}=…을(를) 지우세요")
        elif name in LINK_ATTRIBUTES:
            found = scheme(value)
            if found not in (None, "//") and found not in LINK_SCHEMES:
                yield Unsafe(f"a link to a '{found}:' address is not allowed",
                             f"'{found}:' 주소로 가는 링크는 쓸 수 없습니다",
                             (value.strip()[:40], f"{found}:", name, f"<{tag}"),
                             "link to an http(s) page, a mailto: or tel: address, or a page of "
                             "the guide", "http(s) 페이지, mailto:, tel: 주소나 안내서의 페이지로 "
                             "링크하세요")
        elif name in RESOURCE_ATTRIBUTES:
            for url in _urls(name, value):
                if scheme(url) is not None:
                    yield Unsafe(f"<{tag} {name}=\"{url[:60]}\"> loads a file from outside the "
                                 "site", f"<{tag} {name}=\"{url[:60]}\">은(는) 사이트 밖의 파일을 "
                                 "불러옵니다", (url.strip()[:40], name, f"<{tag}"),
                                 "put the file in the content folder and name it by its path "
                                 "(e.g. images/map.png); a patient's phone loads nothing from "
                                 "another host", "파일을 내용 폴더에 넣고 경로로 쓰세요 (예: "
                                 "images/map.png). 환자의 휴대전화는 다른 서버에서 아무것도 불러오지 "
                                 "않습니다")


def html_problems(html: str) -> list[Unsafe]:
    """Everything unsafe in a piece of HTML."""
    policy = _Policy()
    policy.feed(html)
    policy.close()
    return policy.found


def render(markdown_text: str) -> str:
    """A page's Markdown as MkDocs would render its content (without the
    links MkDocs rewrites)."""
    return python_markdown.markdown(markdown_text, extensions=list(EXTENSIONS))


def second_opinion(html: str) -> bool:
    """ammonia's verdict on HTML that passed :func:`html_problems`: True when
    its allow-list (the same) keeps every element and every attribute."""
    attributes = {tag: set(GLOBAL_ATTRIBUTES | allowed) for tag, allowed in ELEMENTS.items()}
    cleaned = nh3.clean(html, tags=set(ELEMENTS), attributes=attributes,
                        generic_attribute_prefixes={"aria-", "data-"}, url_schemes=set(LINK_SCHEMES),
                        link_rel=None, strip_comments=False)
    def tags(text: str) -> list[str]:
        return re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", text)
    return tags(cleaned) == tags(html)


def _blank_code(text: str) -> str:
    """The Markdown with code spans blanked (same length and lines), so that a
    line is found only where it is real HTML or a link. (The guide's
    extensions have no fenced code blocks: ``` is not code there.)"""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))
    return re.sub(r"(`+)[^`\n]+?\1", blank, text)


def _position(text: str, needle: str | tuple[str, ...]) -> tuple[int, int]:
    haystack = _blank_code(text).lower()
    at = -1
    for candidate in (needle,) if isinstance(needle, str) else needle:
        at = haystack.find(candidate.lower()) if candidate else -1
        if at >= 0:
            break
    if at < 0:
        return 1, 1
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def page_problems(text: str, display: str, body_start: int = 0) -> list[LoadError]:
    """Every unsafe thing of a content page, at its line. ``text`` is the
    whole file; ``body_start`` where the Markdown begins (after the front
    matter)."""
    if len(text.encode("utf-8")) > MAX_PAGE_BYTES:
        return [LoadError(display, 1, 1, "(file)",
                          f"the page is larger than {MAX_PAGE_BYTES // 1000} KB: a patient on "
                          "roaming data would wait for it",
                          f"페이지가 {MAX_PAGE_BYTES // 1000} KB보다 큽니다. 로밍 데이터로 보는 환자가 "
                          "오래 기다립니다", "split it into several pages, or move long lists into "
                          "the data file", "여러 페이지로 나누거나 긴 목록은 데이터 파일로 옮기세요")]
    body = "\n" * text.count("\n", 0, body_start) + text[body_start:]
    html = render(body)
    found = html_problems(html)
    if not found and not second_opinion(html):
        found = [Unsafe("the page has HTML the sanitizer removes", "페이지에 정화기가 지우는 HTML이 "
                        "있습니다", "<", "keep to Markdown and the HTML elements listed in "
                        "docs/editors.en.md", "Markdown과 docs/editors.ko.md에 적힌 HTML 요소만 "
                        "쓰세요")]
    errors = []
    seen = set()
    for unsafe in found:
        line, col = _position(text, unsafe.needle)
        key = (line, col, unsafe.en)
        if key in seen:
            continue
        seen.add(key)
        errors.append(LoadError(display, line, col, "(page)", unsafe.en, unsafe.ko,
                                unsafe.fix_en, unsafe.fix_ko))
    return errors


# ---- text that must be plain: titles, translated strings --------------------

def has_markup(text: str) -> bool:
    """Whether a text meant to be plain has HTML in it.

    >>> has_markup("Help & emergencies"), has_markup("<b>Help</b>"), has_markup("a &lt; b")
    (False, True, True)
    """
    return bool(MARKUP.search(text))


STRING_PROBLEMS = {
    "markup": ("the translation has HTML markup the English text does not have",
               "번역문에 영어 원문에 없는 HTML 태그가 있습니다"),
    "format": ("the translation's % placeholders do not match the English text (write a lone % "
               "as %%)", "번역문의 % 자리표시자가 영어 원문과 맞지 않습니다 (% 기호 하나는 %%로 "
               "쓰세요)"),
}


def string_problem(msgid: str, msgstr: str, python_format: bool) -> tuple[str, str] | None:
    """Why a translation would break the page or the build (English, Korean), or None."""
    kind = translation_problem(msgid, msgstr, python_format)
    return STRING_PROBLEMS[kind] if kind else None


# ---- the print pictures ------------------------------------------------------

_SVG_FORBIDDEN = re.compile(r"<\s*(script|foreignobject|iframe|object|embed)\b|\son\w+\s*=|"
                            r"javascript:", re.I)
_SVG_REFERENCE = re.compile(r"""(?:href|src)\s*=\s*["']\s*([^"'#\s][^"']*)["']|url\(\s*["']?\s*"""
                            r"""([^"')#\s][^"')]*)""", re.I)


def picture_problems(root: Path, value: str, key: str, config_file: str) -> list[LoadError]:
    """A print picture setting: inside the project, PNG or SVG, and an SVG
    without scripts or references to other files or hosts."""
    def error(en: str, ko: str, fix_en: str, fix_ko: str) -> LoadError:
        return LoadError(config_file, 1, 1, f"extra.guidebook.print.{key}", en, ko, fix_en, fix_ko)

    if not value:
        return []
    path = (root / value).resolve()
    if not path.is_relative_to(root.resolve()):
        return [error(f"'{value}' is outside the project folder", f"'{value}'은(는) 프로젝트 폴더 "
                      "밖에 있습니다", "copy the picture into the project (e.g. print/emblem.svg) "
                      "and name that", "그림을 프로젝트 안(예: print/emblem.svg)에 복사해 그 경로를 "
                      "쓰세요")]
    if path.suffix.lower() not in (".png", ".svg"):
        return [error(f"'{value}' is not a PNG or SVG picture", f"'{value}'은(는) PNG나 SVG 그림이 "
                      "아닙니다", "save the picture as PNG or SVG", "그림을 PNG나 SVG로 저장하세요")]
    if not path.is_file():
        return [error(f"'{value}' does not exist", f"'{value}' 파일이 없습니다",
                      "check the path (relative to mkdocs.yml)", "경로를 확인하세요 (mkdocs.yml 기준)")]
    data = path.read_bytes()
    if path.suffix.lower() == ".png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            return [error(f"'{value}' is not a PNG file", f"'{value}'은(는) PNG 파일이 아닙니다",
                          "save the picture as PNG", "그림을 PNG로 저장하세요")]
        return []
    text = data.decode("utf-8", errors="replace")
    if _SVG_FORBIDDEN.search(text) or re.search(r"<!ENTITY|<!DOCTYPE[^>]*\[", text, re.I):
        return [error(f"the SVG '{value}' has a script, an event handler or an entity",
                      f"SVG '{value}'에 스크립트, 이벤트 속성 또는 엔티티가 있습니다",
                      "export the picture again as plain SVG (e.g. Inkscape: Save as Plain SVG)",
                      "그림을 일반 SVG로 다시 내보내세요 (예: Inkscape의 Plain SVG로 저장)")]
    for match in _SVG_REFERENCE.finditer(text):
        reference = (match.group(1) or match.group(2) or "").strip()
        if reference and not reference.startswith("data:"):
            return [error(f"the SVG '{value}' refers to '{reference[:60]}' outside itself",
                          f"SVG '{value}'이(가) 파일 밖의 '{reference[:60]}'을(를) 참조합니다",
                          "embed the picture it refers to, or delete the reference: a print "
                          "file is made from the project alone", "참조하는 그림을 SVG 안에 넣거나 "
                          "참조를 지우세요. 인쇄 파일은 프로젝트 파일만으로 만듭니다")]
    return []
