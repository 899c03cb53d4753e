"""Every file the build reads, checked at once, with one kind of message.

The data file and the forms have their own models (load.py, forms.py); this
module adds what editors and translators write elsewhere: the content pages
(file names, front matter, ``<!-- guidebook:… -->`` lists, names that would
replace a page the build makes), the print texts, and the gettext catalogs.
Each problem is a :class:`~guidebook.data.load.LoadError` (``FILE:LINE:COL: what:
message. Fix: …`` and the Korean line), so ``guidebook check``, the build and
the preview report all of them together, and nothing an editor or translator
can type reaches the build as a traceback.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from babel.messages.pofile import PoFileError, read_po
from pydantic import ConfigDict, Field

from guidebook.checks import content_safety
from guidebook.common.i18n import plural_problem
from guidebook.data.load import LoadError, Loaded, load_bytes, load_file
from guidebook.data.model import PLACE_KINDS, Strict, Text
from guidebook.web.render import (ESTIMATE_CARD, EXAMPLE, GENERATED_DIR, HELP_DESK_LISTS, LINES_ARGS,
                                  PLACEHOLDER, PLACES_ARGS, SYMPTOMS_LIST)
from guidebook.data.settings import Settings
from guidebook.data.vocabulary import SERVICES, korean_match

FORMS_FOLDER = "forms"  # formpages.FORMS_DIR (not imported: formpages pulls in the page templates)
PRINT_DIR = "_print"
# Folders and files the build writes into the site root: a content page by
# one of these names would replace them or be replaced.
BUILD_NAMES = (GENERATED_DIR, FORMS_FOLDER, "assets", "pagefind", "_server", "_headers",
               "_redirects", "sitemap.xml", "404.html")
PRINT_TEXTS = ("_print/offer", "help")  # read by the leaflet and the guidebook in every language


class FrontMatter(Strict):
    """What the front matter of a content page may hold (MkDocs and Material
    read more keys; these are the ones the guide uses)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: Annotated[Text, Field(max_length=200)] | None = None  # a line of the navigation
    description: Annotated[Text, Field(max_length=1000)] | None = None
    translation_review: Literal["source", "reviewed", "unreviewed"] | None = None
    guidebook_search: bool = False
    guidebook_not_found: bool = False
    hide: tuple[Literal["navigation", "toc", "footer", "path", "tags", "feedback"], ...] = ()


def _error(path: Path | str, line: int, col: int, what: str, en: str, ko: str, fix_en: str,
           fix_ko: str) -> LoadError:
    return LoadError(str(path), line, col, what, en, ko, fix_en, fix_ko)


def page_name(path: Path, docs_dir: Path, languages: Sequence[str]) -> tuple[str, str | None]:
    """A content file's page (``help``, ``_print/offer``) and language (None
    when its name has no site language).

    >>> page_name(Path("c/help.zh.md"), Path("c"), ("en", "zh"))
    ('help', 'zh')
    >>> page_name(Path("c/help.jp.md"), Path("c"), ("en", "zh"))
    ('help.jp', None)
    """
    rel = path.relative_to(docs_dir).with_suffix("")
    stem, _, lang = rel.name.rpartition(".")
    if stem and lang in languages:
        return (rel.parent / stem).as_posix(), lang
    return rel.as_posix(), None


def check_page(path: Path, display: str, docs_dir: Path, languages: Sequence[str]) -> list[LoadError]:
    """One content page: its name, text encoding, front matter and lists."""
    page, lang = page_name(path, docs_dir, languages)
    errors = []
    if lang is None:
        suffix = page.rpartition(".")[2] if "." in page else ""
        close = difflib.get_close_matches(suffix, languages, n=1) if suffix else []
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint_ko = f"'{close[0]}'을(를) 쓰려던 것인가요? " if close else ""
        errors.append(_error(display, 1, 1, "(file name)",
                             f"the file name does not end in a language of the guide "
                             f"(.{'.md, .'.join(languages)}.md)",
                             "파일 이름이 안내서의 언어(." + ".md, .".join(languages)
                             + ".md)로 끝나지 않습니다",
                             hint + f"rename it to <page>.<language>.md, e.g. help.{languages[0]}.md",
                             hint_ko + f"<페이지>.<언어>.md 형식으로 이름을 바꾸세요. 예: help.{languages[0]}.md"))
    top = page.split("/")[0]
    if top in BUILD_NAMES or (top in languages and top != page):
        errors.append(_error(display, 1, 1, "(file name)",
                             f"'{top}' is the name of a part of the site the build makes; this page "
                             "would replace it or be replaced",
                             f"'{top}'은(는) 빌드가 만드는 사이트의 일부 이름입니다. 이 페이지가 그것을 "
                             "덮어쓰거나 덮어써집니다",
                             "give the file another name", "파일 이름을 바꾸세요"))
    raw = path.read_bytes()
    if len(raw) > content_safety.MAX_PAGE_BYTES:  # before reading it: nothing else is worth saying
        return errors + content_safety.page_problems(raw.decode("utf-8", "replace"), display)
    try:
        text = page_text_as_mkdocs_reads_it(raw)
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return errors + [_error(display, line, 1, "(file)", "the file is not UTF-8 text",
                                "파일이 UTF-8 텍스트가 아닙니다", "save the file as UTF-8",
                                "파일을 UTF-8로 저장하세요")]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return errors + [_error(display, line, 1, "(file)", "the file has a NUL character: it is "
                                "not a text file, or was saved damaged", "파일에 NUL 문자가 있습니다. "
                                "텍스트 파일이 아니거나 손상되어 저장되었습니다",
                                "save the page again as UTF-8 text", "페이지를 UTF-8 텍스트로 다시 "
                                "저장하세요")]
    errors += check_front_matter(text, display)
    errors += check_placeholders(text, display)
    front = _FRONT.match(text) if text.startswith("---") else None
    errors += content_safety.page_problems(text, display, front.end() if front else 0)
    return errors


def page_text_as_mkdocs_reads_it(raw: bytes) -> str:
    r"""A page's bytes as MkDocs reads them: UTF-8 with or without a
    byte-order mark, universal newlines (a lone CR ends a line too), so that
    the check and the build see the same lines and the same front matter.

    >>> page_text_as_mkdocs_reads_it("\ufeff---\r\ntitle: x\r---\n".encode())
    '---\ntitle: x\n---\n'
    """
    text = raw.decode("utf-8").removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# MkDocs' front matter (mkdocs.utils.meta.YAML_RE): closed by --- or by ...;
# here also at the end of the file, so that an unclosed one is reported.
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(\n|\Z)", re.S)
# Without ---, MkDocs reads leading "key: value" lines as MultiMarkdown page
# settings and drops them from the page (mkdocs.utils.meta.META_RE).
_MULTIMARKDOWN_META = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)")


def check_front_matter(text: str, display: str) -> list[LoadError]:
    """The front matter between the first two ``---`` lines, read like the
    data file (lines counted from the top of the page)."""
    if not text.startswith("---"):
        meta = _MULTIMARKDOWN_META.match(text)
        if meta:
            return [_error(display, 1, 1, "(front matter)",
                           f"MkDocs reads the first line '{meta.group(1)}: …' as a page setting and "
                           "leaves it out of the page",
                           f"MkDocs는 첫 줄 '{meta.group(1)}: …'을(를) 페이지 설정으로 읽고 페이지에서 "
                           "빼 버립니다", "start the page with front matter between two '---' lines "
                           "(title: …), or with a heading '# …'", "페이지를 '---' 두 줄 사이의 "
                           "머리말(title: …)이나 제목 '# …'으로 시작하세요")]
        return []
    match = _FRONT.match(text)
    if match is None:
        return [_error(display, 1, 1, "(front matter)",
                       "the front matter starting with '---' on line 1 is never closed",
                       "1행의 '---'로 시작한 머리말이 닫히지 않았습니다",
                       "end it with a line of three hyphens '---'",
                       "하이픈 세 개 '---'만 있는 줄로 머리말을 닫으세요")]
    body = match.group(1) or ""
    if not body.strip():
        return []
    loaded = load_bytes(body.encode("utf-8"), display, model=FrontMatter, context={})
    errors = [LoadError(e.file, e.line + 1, e.column, e.path or "(front matter)", e.en, e.ko,
                        e.fix_en, e.fix_ko) for e in loaded.errors]
    if loaded.ok:
        for key in ("title", "description"):
            value = getattr(loaded.value, key)
            if value and content_safety.has_markup(value):
                line = next((n for n, row in enumerate(body.splitlines(), start=2)
                             if row.lstrip().startswith(f"{key}:")), 2)
                errors.append(_error(display, line, 1, key,
                                     f"the {key} has HTML in it; it is shown as plain text in the "
                                     "navigation and the search results",
                                     f"{key}에 HTML이 있습니다. 메뉴와 검색 결과에는 일반 글자로만 "
                                     "나옵니다", "write it as plain text, without <…> or &…;",
                                     "<…>나 &…; 없이 일반 글자로 쓰세요"))
    return errors


_LOOSE_LIST = re.compile(r"^institutions\s+services\s*=\s*(.+)$", re.S)


def check_placeholders(text: str, display: str) -> list[LoadError]:
    """Each ``<!-- guidebook:… -->`` list names services the vocabulary has."""
    errors = []
    for match in PLACEHOLDER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        instruction = match.group(1).strip()
        if (instruction in HELP_DESK_LISTS or instruction in (ESTIMATE_CARD, SYMPTOMS_LIST)
                or LINES_ARGS.match(instruction)):
            continue  # a line's id is checked against the data when the page is built
        if places := PLACES_ARGS.match(instruction):
            if places.group(1) not in PLACE_KINDS:
                close = difflib.get_close_matches(places.group(1), list(PLACE_KINDS), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                hint_ko = f"'{close[0]}'을(를) 쓰려던 것인가요? " if close else ""
                errors.append(_error(display, line, col, "guidebook list",
                                     f"'{places.group(1)}' is not a kind of place",
                                     f"'{places.group(1)}'은(는) 장소 종류가 아닙니다",
                                     hint + "kinds: " + ", ".join(PLACE_KINDS),
                                     hint_ko + "종류: " + ", ".join(PLACE_KINDS)))
            continue
        args = _LOOSE_LIST.match(instruction)  # then each word, to name the wrong one
        if not args:
            errors.append(_error(display, line, col, "guidebook list",
                                 f"'{match.group(0)}' is not a guidebook list",
                                 f"'{match.group(0)}'은(는) 올바른 guidebook 목록이 아닙니다",
                                 f"write {EXAMPLE}", f"{EXAMPLE} 형식으로 쓰세요"))
            continue
        for word in (w.strip() for w in args.group(1).split(",")):
            if word in SERVICES:
                continue
            korean = korean_match(word, list(SERVICES))
            close = difflib.get_close_matches(word, list(SERVICES), n=1)
            hint = (f"did you mean {korean[0]} ({korean[1]})?" if korean else
                    f"did you mean '{close[0]}'?" if close else "services: " + ", ".join(SERVICES))
            hint_ko = (f"{korean[0]} ({korean[1]})을(를) 쓰려던 것인가요?" if korean else
                       f"'{close[0]}'을(를) 쓰려던 것인가요?" if close else
                       "서비스 코드: " + ", ".join(SERVICES))
            errors.append(_error(display, line, col + match.group(0).find(word), "guidebook list",
                                 f"'{word}' is not a service code", f"'{word}'은(는) 서비스 코드가 아닙니다",
                                 hint, hint_ko))
    return errors


_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")


def check_content(docs_dir: Path, languages: Sequence[str], display: str | None = None,
                  print_texts: bool = True) -> list[LoadError]:
    """Every hand-written page and print text below ``docs_dir``."""
    folder = display or docs_dir.name
    if not docs_dir.is_dir():
        return [_error(folder, 1, 1, "docs_dir", "the content folder does not exist",
                       "내용 폴더가 없습니다", "check the folder name (docs_dir in mkdocs.yml, or --docs-dir)",
                       "폴더 이름을 확인하세요 (mkdocs.yml의 docs_dir 또는 --docs-dir)")]
    errors = []
    inside = docs_dir.resolve()
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir)
        if rel.parts[0] in (GENERATED_DIR, FORMS_FOLDER) and len(rel.parts) > 1:
            continue  # written by the build from the data and the forms
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # a link to nothing, or a loop of links
            errors.append(_error(f"{folder}/{rel.as_posix()}", 1, 1, "(file)",
                                 "the file is a link (symlink) to a file that does not exist",
                                 "없는 파일로 연결된 링크(symlink)입니다", "delete the link, or "
                                 "put the file itself here", "링크를 지우거나 파일 자체를 여기에 두세요"))
            continue
        if path.is_symlink() and target.is_dir():  # MkDocs follows it: a loop would never end
            errors.append(_error(f"{folder}/{rel.as_posix()}", 1, 1, "(file)",
                                 "the folder is a link (symlink) to another folder; MkDocs would "
                                 "publish that folder again (or forever, for a link to a parent)",
                                 "이 폴더는 다른 폴더로 연결된 링크(symlink)입니다. MkDocs가 그 폴더를 "
                                 "한 번 더 (상위 폴더라면 끝없이) 게시합니다",
                                 "replace the link by the folder itself, or delete it",
                                 "링크 대신 폴더 자체를 두거나 링크를 지우세요"))
            continue
        if not target.is_relative_to(inside):
            errors.append(_error(f"{folder}/{rel.as_posix()}", 1, 1, "(file)",
                                 "the file is a link to a file outside the content folder, which "
                                 "the build would publish",
                                 "내용 폴더 밖의 파일로 연결된 링크(symlink)입니다. 빌드가 그 파일을 "
                                 "게시하게 됩니다", "replace the link by a copy of the file, or "
                                 "delete it", "링크 대신 파일을 복사해 두거나 지우세요"))
            continue
        if any(part.startswith(".") for part in rel.parts):
            continue  # MkDocs leaves out dot files, as git does most of them
        if not _SAFE_NAME.fullmatch(rel.name):
            errors.append(_error(f"{folder}/{rel.as_posix()}", 1, 1, "(file name)",
                                 "the name has characters other than Latin letters, digits, '-', "
                                 "'_' and '.': it becomes part of the page's address",
                                 "이름에 영문자, 숫자, '-', '_', '.' 이외의 문자가 있습니다. 이름은 "
                                 "페이지 주소의 일부가 됩니다", "rename it, e.g. "
                                 "before-you-travel.en.md or images/map-1.png",
                                 "이름을 바꾸세요. 예: before-you-travel.en.md, images/map-1.png"))
            continue
        if not path.is_file():
            if not path.is_dir():  # a pipe, a socket, a device: reading it would never end
                errors.append(_error(f"{folder}/{rel.as_posix()}", 1, 1, "(file)",
                                     "this is not an ordinary file (a pipe, socket or device)",
                                     "일반 파일이 아닙니다 (파이프, 소켓, 장치 파일)",
                                     "delete it", "지우세요"))
            continue
        try:
            if path.suffix != ".md":
                errors += content_safety.file_problems(path, f"{folder}/{rel.as_posix()}")
            else:
                errors += check_page(path, f"{folder}/{rel.as_posix()}", docs_dir, languages)
        except OSError as exc:
            errors.append(_error(f"{folder}/{rel.as_posix()}", 1, 1, "(file)",
                                 f"the file cannot be read ({exc.strerror or exc})",
                                 "파일을 읽을 수 없습니다", "check the file's permissions",
                                 "파일 권한을 확인하세요"))
    if print_texts:
        for page in PRINT_TEXTS:
            for lang in languages:
                # A language's missing text is printed from the default
                # language's, marked with its language (print_html.page_html);
                # only a missing default text leaves nothing to print.
                fallback = lang != languages[0] and (docs_dir / f"{page}.{languages[0]}.md").exists()
                if not fallback and not (docs_dir / f"{page}.{lang}.md").exists():
                    errors.append(_error(f"{folder}/{page}.{lang}.md", 1, 1, "(file)",
                                         f"the print text {page}.{lang}.md is missing: the {lang} "
                                         "leaflet and guidebook print it",
                                         f"인쇄용 글 {page}.{lang}.md가 없습니다. {lang} 리플릿과 "
                                         "안내책자에 들어갑니다",
                                         f"translate {folder}/{page}.{languages[0]}.md into this file",
                                         f"{folder}/{page}.{languages[0]}.md를 번역해 이 파일을 만드세요"))
    return errors


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def check_catalogs(root: Path, languages: Sequence[str], display: str = "translations") -> list[LoadError]:
    """Each catalog reads as gettext reads it (UTF-8, a plural rule gettext
    accepts, no message twice, quotes closed), and no translation would break
    a page or the build: placeholders as in the English text (``%(date)s``
    written ``%(data)s`` would stop the build), no markup or stray quote.
    Every site language but the default must have one; any other catalog in
    the folder is checked too, as the build would compile it."""
    errors = []
    present = sorted(p.parent.parent.name for p in root.glob(f"*/LC_MESSAGES/messages.po"))
    for lang in [*languages[1:], *(code for code in present if code not in languages[1:])]:
        path = root / lang / "LC_MESSAGES" / "messages.po"
        shown = f"{display}/{lang}/LC_MESSAGES/messages.po"
        if not path.exists():
            errors.append(_error(shown, 1, 1, "(file)", f"the {lang} catalog is missing",
                                 f"{lang} 번역 카탈로그가 없습니다",
                                 "create it with pybabel init (docs/translators.en.md)",
                                 "pybabel init으로 만드세요 (docs/translators.ko.md)"))
            continue
        try:
            errors += _check_catalog(path, shown)
        except Exception:  # noqa: BLE001 - whatever the file holds, a message, not a traceback
            errors.append(_error(shown, 1, 1, "(file)", "the catalog cannot be read",
                                 "번역 카탈로그를 읽을 수 없습니다", "restore the file from git and "
                                 "translate again", "git에서 파일을 되돌린 뒤 다시 번역하세요"))
    return errors


def _check_catalog(path: Path, shown: str) -> list[LoadError]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [_error(shown, raw[:exc.start].count(b"\n") + 1, 1, "(file)",
                       "the catalog is not UTF-8 text", "번역 카탈로그가 UTF-8 텍스트가 아닙니다",
                       "save it as UTF-8 (Poedit: Catalog > Properties > UTF-8)",
                       "UTF-8로 저장하세요 (Poedit: 카탈로그 > 속성 > UTF-8)")]
    lines = text.splitlines()
    errors = _unclosed_quotes(lines, shown) + _header_problems(lines, shown) + _duplicates(lines, shown)
    if errors:
        return errors  # Babel would misread what follows
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except (PoFileError, ValueError, LookupError) as exc:
        return [_error(shown, getattr(exc, "lineno", 1) or 1, 1, "(file)",
                       "the catalog cannot be read", "번역 카탈로그를 읽을 수 없습니다",
                       "check the quotes of msgid and msgstr on this line, or restore "
                       "the file", "이 줄의 msgid, msgstr 따옴표를 확인하거나 파일을 되돌리세요")]
    for message in catalog:
        if not message.id or not message.string:
            continue
        plural = isinstance(message.id, tuple)
        ids = message.id if plural else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        known = {a or b for i in ids for a, b in _PLACEHOLDER.findall(i)}
        before = len(errors)
        for string in strings:
            for a, b in _PLACEHOLDER.findall(string or ""):
                name = a or b
                if name not in known:
                    errors.append(_error(
                        shown, message.lineno or 1, 1, "msgstr",
                        f"the translation names '{name}', which the English text does not have "
                        f"({', '.join(sorted(known)) or 'none'})",
                        f"번역문의 '{name}'은(는) 영어 원문에 없는 자리표시자입니다",
                        "copy the %(…)s placeholders from the msgid exactly",
                        "msgid의 %(…)s 자리표시자를 그대로 복사하세요"))
        if len(errors) > before:
            continue
        for form, string in enumerate(strings):
            english = ids[-1] if plural and form else ids[0]
            broken = content_safety.string_problem(english, string or "",
                                                   "python-format" in message.flags)
            if broken and not (plural and broken == content_safety.STRING_PROBLEMS["missing"]):
                errors.append(_error(shown, message.lineno or 1, 1, "msgstr", broken[0], broken[1],
                                     "copy the placeholders from the msgid exactly, write no HTML "
                                     "or \" the msgid does not have; until then the English text is "
                                     "shown", "msgid의 자리표시자를 그대로 옮기고, msgid에 없는 HTML이나 "
                                     "\"는 쓰지 마세요. 고칠 때까지는 영어 원문이 나갑니다"))
                break
    return errors


def _header_fields(lines: list[str]) -> list[tuple[int, str]]:
    """The header's fields (``Plural-Forms: …``), each with the line it starts
    on; a field may run over several quoted lines."""
    fields: list[tuple[int, str]] = []
    inside = field_open = False
    for number, line in enumerate(lines, start=1):
        if not inside:  # the header is the msgstr of the first msgid ""
            inside = bool(re.fullmatch(r'msgstr\s+""', line.strip()) and any(
                re.fullmatch(r'msgid\s+""', row.strip()) for row in lines[max(0, number - 3):number - 1]))
            continue
        more = _PO_CONTINUED.match(line)
        if not more:
            break
        for part in re.split(r"(?<!\\)(\\n)", more.group(1)):  # a field ends with \n
            if part == "\\n":
                field_open = False
            elif part and field_open:
                fields[-1] = (fields[-1][0], fields[-1][1] + part)
            elif part:
                fields.append((number, part))
                field_open = True
    return fields


def _header_problems(lines: list[str], shown: str) -> list[LoadError]:
    """The header's charset (UTF-8 only: the build reads every catalog so)
    and plural rule (gettext evaluates it: C arithmetic on n only)."""
    errors = []
    for number, field in _header_fields(lines):
        name, _, value = field.partition(":")
        charset = re.search(r"charset=([^\s;]+)", value)
        if name.strip().lower() == "content-type" and charset and charset.group(1).lower().replace(
                "_", "-") not in ("utf-8", "utf8"):
            errors.append(_error(shown, number, 1, "(header)",
                                 f"the catalog says its charset is '{charset.group(1)}'; the guide "
                                 "reads every catalog as UTF-8", f"카탈로그 머리글의 문자 집합이 "
                                 f"'{charset.group(1)}'입니다. 안내서는 모든 카탈로그를 UTF-8로 읽습니다",
                                 "write charset=UTF-8 and save the file as UTF-8",
                                 "charset=UTF-8로 쓰고 파일을 UTF-8로 저장하세요"))
        if name.strip().lower() == "plural-forms" and (problem := plural_problem(value)):
            errors.append(_error(shown, number, 1, "(header)",
                                 f"the Plural-Forms header cannot be used: {problem}",
                                 "Plural-Forms 머리글을 쓸 수 없습니다 (gettext 규칙이 아닙니다)",
                                 "copy the line from the catalog pybabel init made for this "
                                 "language (CLDR's rule)", "이 언어로 pybabel init이 만든 카탈로그의 "
                                 "줄을 그대로 복사하세요 (CLDR 규칙)"))
    return errors


_PO_KEYWORD = re.compile(r'^\s*(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$')
_PO_CONTINUED = re.compile(r'^\s*"(.*)"\s*$')


def _duplicates(lines: list[str], shown: str) -> list[LoadError]:
    """A message defined twice (msgfmt refuses the catalog; Babel keeps the
    last one without a word)."""
    errors, seen = [], {}
    context, msgid, start, field = None, None, 0, None

    def close() -> None:
        if msgid:  # the header (msgid "") may not repeat either, but gettext says so itself
            key = (context, msgid)
            if key in seen:
                errors.append(_error(shown, start, 1, "msgid",
                                     f"this message is already translated on line {seen[key]}",
                                     f"이 메시지는 이미 {seen[key]}행에서 번역되어 있습니다",
                                     "keep one of the two entries", "둘 중 하나만 남기세요"))
            else:
                seen[key] = start

    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("#~"):
            continue  # obsolete entries
        keyword = _PO_KEYWORD.match(line)
        if keyword:
            name, value = keyword.groups()
            if name == "msgctxt" or (name == "msgid" and field != "msgctxt"):
                close()
                context, msgid, start = (value, None, number) if name == "msgctxt" else (None, None, number)
            if name == "msgid":
                msgid = value
            field = name
        elif (more := _PO_CONTINUED.match(line)) and field in ("msgid", "msgctxt"):
            if field == "msgid":
                msgid = (msgid or "") + more.group(1)
            else:
                context = (context or "") + more.group(1)
    close()
    return errors


_PO_LINE = re.compile(r'^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(.*)$')
_PO_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')


def _unclosed_quotes(lines: list[str], shown: str) -> list[LoadError]:
    """Lines of a catalog whose quoted text is not closed (gettext's parser
    stops there; Babel's silently drops the last character)."""
    errors = []
    for number, line in enumerate(lines, start=1):
        match = _PO_LINE.match(line)
        if match and not line.lstrip().startswith("#") and not _PO_STRING.match('"' + match.group(1)):
            errors.append(_error(shown, number, 1, "(file)", "the quoted text on this line is not "
                                 "closed", "이 줄의 따옴표가 닫히지 않았습니다",
                                 'end the line with a closing " (write a " inside the text as \\")',
                                 '줄 끝에 닫는 "를 쓰세요 (글 안의 "는 \\"로 씁니다)'))
    return errors


@dataclass(frozen=True)
class Checked:
    """Everything ``guidebook check`` looks at: the data, the forms, the pages,
    the print texts and the catalogs; ``data`` is the loaded data file."""

    data: Loaded
    forms: tuple
    errors: tuple[LoadError, ...]


def shown(path: Path) -> Path:
    """A path as messages name it: relative to the working folder when below
    it (data/institutions.yaml), else absolute; it stays a path that opens."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def _config_lines(settings: Settings) -> tuple[str, list[str]]:
    config = settings.root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines() if config.is_file() else []
    return shown(config).as_posix(), lines


def _line_of(lines: list[str], pattern: str) -> int:
    return next((n for n, row in enumerate(lines, start=1) if re.match(pattern, row)), 1)


def check_paths(settings: Settings) -> list[LoadError]:
    """Every folder and file mkdocs.yml names for the build to read is inside
    the project (the folder of mkdocs.yml), links resolved: checked before any
    of them is read, so that nothing from elsewhere is read, let alone published."""
    display, lines = _config_lines(settings)
    root = settings.root.resolve()
    named = {"docs_dir": (r"docs_dir\s*:", settings.docs_dir),
             "extra.guidebook.data": (r"\s+data\s*:", settings.data_file),
             "extra.guidebook.forms": (r"\s+forms\s*:", settings.forms_dir),
             "extra.guidebook.search_words": (r"\s+search_words\s*:", settings.search_words_file),
             "extra.guidebook.print.output_icc": (r"\s+output_icc\s*:",
                                                  settings.root / settings.guidebook.print.output_icc
                                                  if settings.guidebook.print.output_icc else None)}
    if settings.forms_dir.is_dir():  # each form, in case one is a link to elsewhere
        named |= {f"extra.guidebook.forms ({form.name})": (r"\s+forms\s*:", form)
                  for form in sorted(settings.forms_dir.glob("*.yaml"))}
    errors = []
    for key, (pattern, path) in named.items():
        if path is not None and path.exists() and not (path.is_file() or path.is_dir()):
            errors.append(LoadError(display, _line_of(lines, pattern), 1, key,
                                    f"'{path}' is not an ordinary file (a pipe, socket or device)",
                                    f"'{path}'은(는) 일반 파일이 아닙니다 (파이프, 소켓, 장치 파일)",
                                    "name an ordinary file", "일반 파일을 쓰세요"))
        elif path is not None and not path.resolve().is_relative_to(root):
            errors.append(LoadError(display, _line_of(lines, pattern), 1, key,
                                    f"'{path}' is outside the project folder ({root})",
                                    f"'{path}'은(는) 프로젝트 폴더({root}) 밖에 있습니다",
                                    "name a path inside the project, relative to mkdocs.yml (a "
                                    "link to a folder elsewhere counts as elsewhere)",
                                    "프로젝트 안의 경로를 mkdocs.yml 기준으로 쓰세요 (다른 곳을 "
                                    "가리키는 링크도 프로젝트 밖입니다)"))
    return errors


def check_settings(settings: Settings, confine_paths: bool = True) -> list[LoadError]:
    """What mkdocs.yml names for the build (its site_url is checked by
    load_settings): paths inside the project (:func:`check_paths`); print
    pictures inside it too, PNG or SVG, without scripts or references (read
    before WeasyPrint ever sees them)."""
    display, lines = _config_lines(settings)
    errors = check_paths(settings) if confine_paths else []
    pictures = settings.guidebook.print
    for key in ("emblem", "cover_image"):
        for problem in content_safety.picture_problems(settings.root, getattr(pictures, key), key,
                                                       display):
            errors.append(LoadError(problem.file, _line_of(lines, rf"\s*{key}\s*:"), 1, problem.path,
                                    problem.en, problem.ko, problem.fix_en, problem.fix_ko))
    if settings.make_pdfs:  # the chapters are read when the booklet is printed
        errors += check_chapters(settings, display, lines)
    return errors


def check_chapters(settings: Settings, display: str, lines: list[str]) -> list[LoadError]:
    """The printed booklet's chapters are nav's pages less ``not_in_print``:
    each name there must be a page of nav, and each chapter must exist in the
    default language (the other languages fall back to it)."""
    errors = []
    for page in settings.guidebook.print.not_in_print:
        if page not in settings.nav:
            close = difflib.get_close_matches(page, settings.nav, n=1)
            errors.append(LoadError(
                display, _line_of(lines, r"\s+not_in_print\s*:"), 1, "extra.guidebook.print.not_in_print",
                f"'{page}' is not a page of nav, so it cannot be left out of print",
                f"'{page}'은(는) nav에 있는 페이지가 아니라서 인쇄에서 뺄 수 없습니다",
                (f"did you mean '{close[0]}'? " if close else "")
                + "write a page as nav names it, e.g. downloads.md",
                (f"'{close[0]}'을(를) 쓰려던 것인가요? " if close else "")
                + "nav에 적힌 그대로 쓰세요. 예: downloads.md"))
    for name in settings.chapters:
        source = settings.docs_dir / f"{name}.{settings.default_language}.md"
        if not source.is_file():
            page = f"{name}.md"
            errors.append(LoadError(
                display, _line_of(lines, rf"\s*-\s*(.*:\s*)?{re.escape(page)}\s*$"), 1, "nav",
                f"nav names {page}, but {shown(source).as_posix()} does not exist: the site and the "
                "printed booklet would miss the chapter",
                f"nav에 {page}이(가) 있지만 {shown(source).as_posix()} 파일이 없습니다. 사이트와 인쇄 "
                "안내서에서 그 장이 빠집니다",
                f"write the page in {shown(source).as_posix()}, or take its line out of nav",
                f"{shown(source).as_posix()}에 페이지를 쓰거나 nav에서 그 줄을 지우세요"))
    return errors


def check_all(settings: Settings, confine_paths: bool = True) -> Checked:
    """Every input of the build, every problem at once. ``confine_paths``
    false: the data file or pages were named on the command line, and may be
    anywhere."""
    from guidebook.forms.model import load_forms  # forms imports load; kept lazy for import order

    new = settings.guidebook.new_languages
    outside = check_paths(settings) if confine_paths else []
    if outside:  # nothing is read from outside the project
        return Checked(Loaded(None, tuple(outside)), (), tuple(outside))
    data = load_file(shown(settings.data_file), settings.languages, new)
    forms = load_forms(shown(settings.forms_dir), settings.languages, new)
    errors = [*data.errors, *forms.errors]
    errors += check_content(settings.docs_dir, settings.languages,
                            shown(settings.docs_dir).as_posix(), settings.make_pdfs)
    errors += check_catalogs(settings.translations_dir, settings.languages,
                             shown(settings.translations_dir).as_posix())
    errors += check_settings(settings, confine_paths)
    return Checked(data, forms.forms, tuple(errors))

