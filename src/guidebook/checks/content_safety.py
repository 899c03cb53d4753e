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

import contextlib
import re
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import nh3
import tinyhtml5

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
# Ids the theme's and the guide's scripts look up (document.getElementById):
# an element of a page by such an id would be found first (DOM clobbering).
RESERVED_IDS = ("__", "gb-", "md-")
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
        elif name == "id" and value.strip().lower().startswith(RESERVED_IDS):
            yield Unsafe(f"the id '{value.strip()[:40]}' is of the kind the site's scripts look up "
                         f"(ids starting with {', '.join(RESERVED_IDS)} are the site's)",
                         f"id '{value.strip()[:40]}'은(는) 사이트 스크립트가 찾는 이름입니다 "
                         f"({', '.join(RESERVED_IDS)}로 시작하는 id는 사이트가 씁니다)",
                         (value.strip()[:40], "id"), "give the element another id (for a "
                         "heading: another title, or an id of its own with { #… })",
                         "다른 id를 쓰세요 (제목이면 제목을 바꾸거나 { #… }로 id를 따로 주세요)")
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


_NAMESPACES = {"http://www.w3.org/1999/xhtml": "", "http://www.w3.org/2000/svg": "svg:",
               "http://www.w3.org/1998/Math/MathML": "math:", "http://www.w3.org/1999/xlink": "xlink:",
               "http://www.w3.org/XML/1998/namespace": "xml:", "http://www.w3.org/2000/xmlns/": "xmlns:"}
_IMPLIED = ("html", "head", "body")  # the elements a parser adds around every fragment


def _local(name: str) -> str:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return _NAMESPACES.get(namespace, "?:") + local
    return name


def browser_problems(html: str) -> list[Unsafe]:
    """What is unsafe in HTML as a browser reads it: the HTML5 parsing
    algorithm (tinyhtml5, WeasyPrint's parser) sees attributes that Python's
    tokenizer may not (``<img src=x/onerror=…>``), and SVG or MathML for what
    they are."""
    found: list[Unsafe] = []
    for element in tinyhtml5.parse(html).iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = _local(element.tag)
        attrs = [(_local(name), value) for name, value in element.attrib.items()]
        if tag in _IMPLIED:
            if attrs:  # <body onload=…> lends its attributes to the page's body
                found.extend(tag_problems(tag, attrs))
            continue
        if ":" in tag:  # SVG or MathML: refused as a whole, at its root element
            if tag in ("svg:svg", "math:math"):
                found.extend(tag_problems(tag.partition(":")[2], attrs))
            continue
        found.extend(tag_problems(tag, attrs))
    return found


def html_problems(html: str) -> list[Unsafe]:
    """Everything unsafe in a piece of HTML, read by Python's tokenizer and
    by a browser's parsing algorithm (each problem once)."""
    policy = _Policy()
    policy.feed(html)
    policy.close()
    found = list(policy.found)
    seen = {unsafe.en for unsafe in found}
    for unsafe in browser_problems(html):
        if unsafe.en not in seen:
            seen.add(unsafe.en)
            found.append(unsafe)
    return found


def render(markdown_text: str) -> str:
    """A page's Markdown as MkDocs would render its content (without the
    links MkDocs rewrites)."""
    return python_markdown.markdown(markdown_text, extensions=list(EXTENSIONS))


def second_opinion(html: str) -> bool:
    """ammonia's verdict on HTML that passed :func:`html_problems`: True when
    its allow-list (the same) keeps every element, every attribute and every
    value (a URL it finds unsafe is dropped, which shows here)."""
    attributes = {tag: set(GLOBAL_ATTRIBUTES | allowed) for tag, allowed in ELEMENTS.items()}
    cleaned = nh3.clean(html, tags=set(ELEMENTS), attributes=attributes,
                        generic_attribute_prefixes={"aria-", "data-"}, url_schemes=set(LINK_SCHEMES),
                        link_rel=None, strip_comments=False)
    def shape(text: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
        """Every element with its attributes and their values, as a browser reads them."""
        return [(element.tag, tuple(sorted(element.attrib.items())))
                for element in tinyhtml5.parse(text).iter() if isinstance(element.tag, str)]
    return shape(cleaned) == shape(html)


def _blank_code(text: str) -> str:
    """The Markdown with code spans blanked (same length and lines), so that a
    line is found only where it is real HTML or a link. (The guide's
    extensions have no fenced code blocks: ``` is not code there.)"""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))
    return re.sub(r"(`+)[^`\n]+?\1", blank, text)


def _position(text: str, needle: str | tuple[str, ...], start: int = 0) -> tuple[int, int]:
    """Where the first of the needles is, outside code spans first (after
    ``start``, the end of the front matter), else anywhere."""
    at = -1
    for haystack in (_blank_code(text).lower(), text.lower()):
        for candidate in (needle,) if isinstance(needle, str) else needle:
            at = haystack.find(candidate.lower(), start) if candidate else -1
            if at >= 0:
                break
        if at >= 0:
            break
    if at < 0:
        return text.count("\n", 0, start) + 1, 1
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


RENDER_SECONDS = 10  # a page of 200 KB renders in well under a second


class RenderTimeout(Exception):
    """A page took longer than RENDER_SECONDS to render."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in the block after ``seconds`` (in the main thread,
    where a timer signal can interrupt it; elsewhere without a limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _deepest_line(body: str) -> int:
    """The line that is indented or quoted the deepest."""
    def depth(row: str) -> int:
        quotes = len(row) - len(row.lstrip("> \t"))
        return quotes + row.count("<div")
    rows = body.split("\n")
    return max(range(len(rows)), key=lambda n: depth(rows[n])) + 1 if rows else 1


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
    try:
        with _deadline(RENDER_SECONDS):
            html = render(body)
    except (RecursionError, RenderTimeout) as exc:
        line = _deepest_line(body) if isinstance(exc, RecursionError) else text.count("\n", 0, body_start) + 1
        return [LoadError(display, line, 1, "(page)", *(
            ("the page nests lists, quotes or HTML blocks too deeply to be rendered",
             "페이지의 목록, 인용, HTML 블록이 너무 깊게 겹쳐 있어 만들 수 없습니다",
             "keep nesting to a few levels (check the indentation)",
             "겹침은 몇 단계까지만 쓰세요 (들여쓰기를 확인하세요)")
            if isinstance(exc, RecursionError) else
            (f"the page takes more than {RENDER_SECONDS} seconds to render (thousands of unclosed "
             "[ or < make Markdown slow): it would hold up every build",
             f"페이지를 만드는 데 {RENDER_SECONDS}초 넘게 걸립니다 (닫히지 않은 [ 나 < 가 수천 개 "
             "있으면 Markdown이 느려집니다). 모든 빌드가 그만큼 늦어집니다",
             "close each [ with ] and each < with >, or write them as \\[ and &lt;",
             "[는 ]로, <는 >로 닫거나 \\[ 와 &lt; 로 쓰세요")))]
    found = html_problems(html)
    if not found and not second_opinion(html):
        found = [Unsafe("the page has HTML the sanitizer removes", "페이지에 정화기가 지우는 HTML이 "
                        "있습니다", "<", "keep to Markdown and the HTML elements listed in "
                        "docs/editors.en.md", "Markdown과 docs/editors.ko.md에 적힌 HTML 요소만 "
                        "쓰세요")]
    errors = []
    seen = set()
    for unsafe in found:
        line, col = _position(text, unsafe.needle, body_start)
        key = (line, col, unsafe.en)
        if key in seen:
            continue
        seen.add(key)
        errors.append(LoadError(display, line, col, "(page)", unsafe.en, unsafe.ko,
                                unsafe.fix_en, unsafe.fix_ko))
    return errors


def rendered_problems(html: str, source: Path, display: str) -> list[LoadError]:
    """The second lock, for the build: what is unsafe in the HTML MkDocs
    actually rendered from a hand-written page (after the hooks added its
    lists and notices), each placed at its line of the source file. The
    check before the build (:func:`page_problems`) should have refused it
    already; this catches anything rendered differently from that check."""
    found = html_problems(html)
    if not found:
        return []
    try:
        text = source.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
    except OSError:
        text = ""
    return [LoadError(display, *_position(text, unsafe.needle), "(page)", unsafe.en, unsafe.ko,
                      unsafe.fix_en, unsafe.fix_ko) for unsafe in found]


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
    "quote": ('the translation has a straight double quote " the English text does not have: the '
              "site prints this text inside HTML attributes, where it would end the attribute",
              '번역문에 영어 원문에 없는 곧은 큰따옴표(")가 있습니다. 사이트는 이 글을 HTML 속성 '
              "안에 넣으므로 속성이 그 자리에서 끝나 버립니다 (“ ”나 « »를 쓰세요)"),
    "missing": ("the translation leaves out a placeholder of the English text, so the page would "
                "lose what it stands for (a date, a number)", "번역문에 영어 원문의 자리표시자가 "
                "빠졌습니다. 페이지에서 그 값(날짜, 숫자 등)이 사라집니다"),
}


def string_problem(msgid: str, msgstr: str, python_format: bool) -> tuple[str, str] | None:
    """Why a translation would break the page or the build (English, Korean), or None."""
    kind = translation_problem(msgid, msgstr, python_format)
    return STRING_PROBLEMS[kind] if kind else None


# ---- pictures: the print settings' and the content folder's -----------------

_SVG_FORBIDDEN = re.compile(r"<\s*(script|foreignobject|iframe|object|embed)\b|\son\w+\s*=|"
                            r"javascript:", re.I)
_SVG_REFERENCE = re.compile(r"""(?:href|src)\s*=\s*["']\s*([^"'#\s][^"']*)["']|url\(\s*["']?\s*"""
                            r"""([^"')#\s][^"')]*)""", re.I)
_SVG_ACTIVE = frozenset({"script", "foreignobject", "iframe", "object", "embed", "handler",
                         "listener", "audio", "video", "animation", "discard"})
_CSS_URL = re.compile(r"url\(\s*[\"']?\s*([^\"')\s]*)|@import", re.I)
SVG_FIX = ("export the picture again as plain SVG (e.g. Inkscape: Save as Plain SVG)",
           "그림을 일반 SVG로 다시 내보내세요 (예: Inkscape의 Plain SVG로 저장)")


def _svg_reference(reference: str) -> bool:
    """Whether a reference in an SVG points outside the file (``#id`` and
    embedded ``data:`` pictures stay inside)."""
    reference = _INVISIBLE.sub("", reference)
    return bool(reference) and not reference.startswith("#") and not (
        reference.lower().startswith("data:image/") and "svg" not in reference[:20].lower())


def svg_problem(data: bytes, name: str) -> tuple[str, str, str, str] | None:
    """Why an SVG picture is unsafe (English, Korean, fix, Korean fix), or
    None: no script, event handler, entity, foreign content, or reference to
    anything outside the file (another file, another host, a ``url()``). Read
    as text first, then as XML, so an entity-encoded ``javascript:`` or an
    attribute in another namespace is seen as a browser or WeasyPrint sees it."""
    import xml.etree.ElementTree as ET  # the standard parser; entities are refused before it

    text = data.decode("utf-8", errors="replace")
    if _SVG_FORBIDDEN.search(text) or re.search(r"<!ENTITY|<!DOCTYPE[^>]*\[", text, re.I):
        return (f"the SVG '{name}' has a script, an event handler or an entity",
                f"SVG '{name}'에 스크립트, 이벤트 속성 또는 엔티티가 있습니다", *SVG_FIX)
    for match in _SVG_REFERENCE.finditer(text):
        reference = (match.group(1) or match.group(2) or "").strip()
        if _svg_reference(reference):
            return _svg_outside(name, reference)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return (f"the SVG '{name}' is not well-formed XML (line {exc.position[0]})",
                f"SVG '{name}'이(가) 올바른 XML이 아닙니다 ({exc.position[0]}행)", *SVG_FIX)
    if _local(str(root.tag)) not in ("svg:svg", "svg"):
        return (f"'{name}' is not an SVG picture", f"'{name}'은(는) SVG 그림이 아닙니다", *SVG_FIX)
    for element in root.iter():
        tag = _local(str(element.tag)).rpartition(":")[2].lower()
        if tag in _SVG_ACTIVE:
            return (f"the SVG '{name}' has a <{tag}> element", f"SVG '{name}'에 <{tag}> 요소가 "
                    "있습니다", *SVG_FIX)
        for attr, value in element.attrib.items():
            local = _local(attr).rpartition(":")[2].lower()
            if local.startswith("on"):
                return (f"the SVG '{name}' has the event handler '{local}'",
                        f"SVG '{name}'에 이벤트 속성 '{local}'이(가) 있습니다", *SVG_FIX)
            if local == "attributename" and (value.strip().lower().startswith("on") or
                                             value.strip().lower().rpartition(":")[2] == "href"):
                return (f"the SVG '{name}' animates the attribute '{value.strip()}'",
                        f"SVG '{name}'이(가) '{value.strip()}' 속성을 애니메이션으로 바꿉니다", *SVG_FIX)
            if local in ("href", "src") and _svg_reference(value):
                return _svg_outside(name, value)
            if scheme(value) in ("javascript", "vbscript"):
                return (f"the SVG '{name}' has a {scheme(value)}: address",
                        f"SVG '{name}'에 {scheme(value)}: 주소가 있습니다", *SVG_FIX)
            for css in _CSS_URL.finditer(value):
                if css.group(0).lower() == "@import" or _svg_reference(css.group(1) or ""):
                    return _svg_outside(name, css.group(1) or "@import")
        if tag == "style":
            for css in _CSS_URL.finditer("".join(element.itertext())):
                if css.group(0).lower() == "@import" or _svg_reference(css.group(1) or ""):
                    return _svg_outside(name, css.group(1) or "@import")
    return None


def _svg_outside(name: str, reference: str) -> tuple[str, str, str, str]:
    return (f"the SVG '{name}' refers to '{reference[:60]}' outside itself",
            f"SVG '{name}'이(가) 파일 밖의 '{reference[:60]}'을(를) 참조합니다",
            "embed the picture it refers to, or delete the reference: the guide is made from "
            "the project alone", "참조하는 그림을 SVG 안에 넣거나 참조를 지우세요. 안내서는 "
            "프로젝트 파일만으로 만듭니다")


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
    if path.stat().st_size > MAX_PICTURE_BYTES:
        return [error(f"'{value}' is larger than {MAX_PICTURE_BYTES // 1_000_000} MB",
                      f"'{value}'이(가) {MAX_PICTURE_BYTES // 1_000_000} MB보다 큽니다",
                      "save it smaller (print needs 300 dpi at its printed size, no more)",
                      "더 작게 저장하세요 (인쇄 크기에서 300 dpi면 충분합니다)")]
    data = path.read_bytes()
    if path.suffix.lower() == ".png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            return [error(f"'{value}' is not a PNG file", f"'{value}'은(는) PNG 파일이 아닙니다",
                          "save the picture as PNG", "그림을 PNG로 저장하세요")]
        problem = raster_problem(path)  # a decompression bomb would stop the print build
        return [error(*problem)] if problem else []
    problem = svg_problem(data, value)
    return [error(*problem)] if problem else []


MAX_PICTURE_BYTES = 20_000_000
# Files of the content folder the build publishes as they are: pictures and
# PDFs. An HTML, JavaScript or CSS file there would be a page or a script of
# the guide's own address, outside every check of this module.
PUBLISHED_FILES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".pdf"})
_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
               ".gif": (b"GIF87a", b"GIF89a"), ".pdf": (b"%PDF-",)}


def file_problems(path: Path, display: str) -> list[LoadError]:
    """A file of the content folder that is not a page: a picture or a PDF,
    what its name says it is; an SVG without scripts or references."""
    def error(en: str, ko: str, fix_en: str, fix_ko: str) -> LoadError:
        return LoadError(display, 1, 1, "(file)", en, ko, fix_en, fix_ko)

    suffix = path.suffix.lower()
    if suffix not in PUBLISHED_FILES:
        return [error(f"the build would publish this '{suffix or path.name}' file as it is, "
                      "unchecked: only pages (.md), pictures (PNG, JPEG, GIF, WebP, AVIF, SVG) and "
                      "PDF files may be in the content folder",
                      f"빌드가 이 '{suffix or path.name}' 파일을 검사 없이 그대로 게시합니다. 내용 "
                      "폴더에는 페이지(.md), 그림(PNG, JPEG, GIF, WebP, AVIF, SVG), PDF 파일만 둘 수 "
                      "있습니다", "delete it, or ask the developers to add what it does to the site",
                      "지우거나, 필요한 기능은 개발자에게 사이트에 넣어 달라고 요청하세요")]
    if path.stat().st_size > MAX_PICTURE_BYTES:
        return [error(f"the file is larger than {MAX_PICTURE_BYTES // 1_000_000} MB: a patient on "
                      "roaming data would wait for it", f"파일이 {MAX_PICTURE_BYTES // 1_000_000} MB"
                      "보다 큽니다. 로밍 데이터로 보는 환자가 오래 기다립니다",
                      "save it smaller", "더 작게 저장하세요")]
    data = path.read_bytes()
    signatures = _SIGNATURES.get(suffix)
    if signatures and not data.startswith(signatures):
        return [error(f"the file is not the {suffix[1:].upper()} file its name says",
                      f"파일 내용이 이름과 달리 {suffix[1:].upper()} 파일이 아닙니다",
                      f"save it again as {suffix[1:].upper()}, or name it by what it is",
                      f"{suffix[1:].upper()}로 다시 저장하거나 실제 형식에 맞게 이름을 바꾸세요")]
    if suffix == ".svg":
        problem = svg_problem(data, path.name)
        if problem:
            return [error(*problem)]
    elif suffix == ".pdf":
        problem = pdf_problem(path)
        if problem:
            return [error(*problem)]
    else:
        problem = raster_problem(path)
        if problem:
            return [error(*problem)]
    return []


MAX_PIXELS = 40_000_000  # 8,000 x 5,000: more than any screen or print needs
MAX_SIDE = 10_000


def raster_problem(path: Path) -> tuple[str, str, str, str] | None:
    """A PNG, JPEG, GIF, WebP or AVIF picture: readable as one, and not so
    large when decoded that a phone (or the print build) runs out of memory
    (a "decompression bomb" is a few KB on disk)."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                width, height = picture.size
                kind = picture.format or "?"
    except Exception:  # noqa: BLE001 - whatever the file is, the answer is the same
        return (f"'{path.name}' cannot be read as a picture", f"'{path.name}'을(를) 그림으로 읽을 수 "
                "없습니다", "save it again as PNG or JPEG", "PNG나 JPEG로 다시 저장하세요")
    suffix = path.suffix.lower().lstrip(".").replace("jpg", "jpeg")
    if kind.lower() != suffix:
        return (f"'{path.name}' is a {kind} picture, not what its name says",
                f"'{path.name}'은(는) 이름과 달리 {kind} 그림입니다",
                f"name it .{kind.lower().replace('jpeg', 'jpg')}, or save it as its name says",
                f"이름을 .{kind.lower().replace('jpeg', 'jpg')}로 바꾸거나 이름에 맞는 형식으로 저장하세요")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        return (f"'{path.name}' is {width} x {height} pixels: a phone would need gigabytes to show it",
                f"'{path.name}'은(는) {width} x {height} 픽셀입니다. 휴대전화가 보여 주려면 메모리가 "
                "너무 많이 듭니다", "save it at most 4,000 pixels wide", "가로 4,000픽셀 이하로 "
                "저장하세요")
    return None


_PDF_ACTIVE = ("/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia",
               "/XFA", "/SubmitForm", "/ImportData", "/GoToR")


def pdf_problem(path: Path) -> tuple[str, str, str, str] | None:
    """A PDF for download: readable, and without scripts, launch actions,
    embedded files or forms that send data (a viewer may run or open them)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                    keys = set(obj.keys())
                    values = {str(obj.get("/S", "")), str(obj.get("/Type", ""))}
                    active = next((k for k in _PDF_ACTIVE if k in keys or k in values), None)
                    if active:
                        return (f"the PDF '{path.name}' has {active[1:]} content (a script, an "
                                "action or an embedded file a viewer may run)",
                                f"PDF '{path.name}'에 {active[1:]} 요소가 있습니다 (뷰어가 실행할 "
                                "수 있는 스크립트, 동작, 첨부 파일)", "export it again as plain "
                                "PDF (print to PDF, or PDF/A)", "일반 PDF로 다시 내보내세요 (PDF로 "
                                "인쇄 또는 PDF/A)")
    except Exception:  # noqa: BLE001 - a damaged or encrypted file: the same answer
        return (f"'{path.name}' cannot be read as a PDF (damaged or encrypted)",
                f"'{path.name}'을(를) PDF로 읽을 수 없습니다 (손상되었거나 암호가 걸려 있음)",
                "export it again as plain PDF", "일반 PDF로 다시 내보내세요")
    return None
