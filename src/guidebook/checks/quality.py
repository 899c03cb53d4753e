"""What must be true before the guide is published, and how complete it is.

A preview build reports these problems as warnings and shows notices on the
affected pages; a release build (``GUIDEBOOK_RELEASE=1`` or ``guidebook build
--release``) refuses to publish while any is left. Dates are compared with the
reference date (``Settings.reference_date``: SOURCE_DATE_EPOCH's day, else today).
"""

from __future__ import annotations

import datetime as _dt
import functools
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlparse, urlsplit

import yaml

from guidebook.forms.model import Form, unreviewed
from guidebook.data.load import LoadError, format_path
from guidebook.data.model import Dataset, Institution
from guidebook.web.render import GENERATED_DIR
from guidebook.data.settings import ReleaseSettings, Settings

REVIEW_KEY = "translation_review"
REVIEWED = {"source", "reviewed"}


# The release policy is ``extra.guidebook.release`` in mkdocs.yml.
Policy = ReleaseSettings


@dataclass(frozen=True)
class Problem:
    """Something a release refuses, with the file and line to change and how."""

    kind: str  # sample | stale | ended | unreviewed | untranslated | untranslated_name | broken_link | site_url | unrecorded | trust
    where: str  # the field path, page or file the problem is about
    en: str
    ko: str
    file: str = ""  # the file to edit; empty for a problem of the built site
    line: int = 1
    column: int = 1
    fix_en: str = ""
    fix_ko: str = ""

    def format(self) -> str:
        if not self.file:
            return f"{self.where}: {self.en}\n  {self.where}: {self.ko}"
        return LoadError(self.file, self.line, self.column, self.where, self.en, self.ko,
                         self.fix_en, self.fix_ko).format()


Marks = Mapping[tuple[str | int, ...], tuple[int, int]]


def line_of(path: Path, pattern: str, after: str | None = None) -> int:
    """The 1-based number of the first line of ``path`` matching ``pattern``
    (below the first line matching ``after``, when given); 1 if none does."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    start = 0
    if after is not None:
        start = next((n + 1 for n, text in enumerate(lines) if re.match(after, text)), 0)
    return next((n + 1 for n, text in enumerate(lines[start:], start) if re.match(pattern, text)), 1)


def months_before(day: _dt.date, months: int) -> _dt.date:
    """The same day ``months`` earlier (the month's last day when it has fewer days).

    >>> months_before(_dt.date(2026, 3, 31), 1)
    datetime.date(2026, 2, 28)
    """
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return _dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_stale(inst: Institution, ref: _dt.date, policy: Policy) -> bool:
    return inst.last_verified < months_before(ref, policy.max_age_months)


def has_ended(inst: Institution, ref: _dt.date) -> bool:
    return inst.partner.to is not None and inst.partner.to < ref


def publishable(dataset: Dataset, ref: _dt.date) -> Dataset:
    """The dataset without partners whose term has ended."""
    kept = tuple(i for i in dataset.institutions if not has_ended(i, ref))
    if len(kept) == len(dataset.institutions):
        return dataset
    return dataset.model_copy(update={"institutions": kept})


def data_problems(dataset: Dataset, ref: _dt.date, policy: Policy, marks: Marks | None = None,
                  file: str = "data/institutions.yaml") -> list[Problem]:
    """The data file's release problems, at the lines ``marks`` (the loader's)
    give for the fields concerned."""
    marks = marks or {}

    def at(*path: str | int) -> tuple[int, int]:
        return marks.get(path, (1, 1))

    problems = []
    if dataset.sample:
        problems.append(Problem("sample", "sample", "the file holds sample data (sample: true)",
                                "샘플 데이터입니다 (sample: true)", file, *at("sample"),
                                "verify every record with its institution, then write "
                                "'sample: false'",
                                "모든 기관 정보를 기관에 확인한 뒤 'sample: false'로 바꾸세요"))
    for index, inst in enumerate(dataset.institutions):
        if has_ended(inst, ref):
            problems.append(Problem(
                "ended", f"institutions[{index}].partner.to",
                f"the partner term of '{inst.id}' ended on {inst.partner.to}; it is left out",
                f"'{inst.id}'의 협력 기간이 {inst.partner.to}에 끝나 제외되었습니다",
                file, *at("institutions", index, "partner", "to"),
                "delete the record, or write the end of the renewed term in partner.to",
                "기록을 지우거나, 협력이 연장되었으면 partner.to에 새 종료일을 쓰세요"))
        elif is_stale(inst, ref, policy):
            problems.append(Problem(
                "stale", f"institutions[{index}].last_verified",
                f"'{inst.id}' was last verified on {inst.last_verified}, more than "
                f"{policy.max_age_months} months ago",
                f"'{inst.id}'의 마지막 확인일 {inst.last_verified}: {policy.max_age_months}개월이 "
                f"넘었습니다", file, *at("institutions", index, "last_verified"),
                "check the record with the institution, then write that day in last_verified",
                "기관에 정보를 확인한 뒤 그 날짜를 last_verified에 쓰세요"))
        if not has_ended(inst, ref):  # an ended partner is left out: nothing to refuse
            problems += trust_problems(inst, index, ref, file, at)
    return problems



def _record_id(dataset: Dataset, path: tuple[str | int, ...]) -> str:
    """The record a path is in, by its id (``'kim-eye'``), or the path itself."""
    if len(path) >= 2 and isinstance(path[1], int):
        record = getattr(dataset, str(path[0]), ())[path[1]]
        if getattr(record, "id", None):
            return f"'{record.id}'"
    return f"the name at {format_path(path)}"


def name_problems(dataset: Dataset, marks: Marks | None = None, file: str = "data/institutions.yaml",
                  skip: Sequence[str] = ()) -> list[Problem]:
    """Names with no text of their own in a site language: the preview shows
    the default language's, marked as not yet translated; a release refuses
    them, every language of every record in one list. Languages in ``skip``
    (still being translated: ``language_problems`` refuses them as a whole)
    are left out."""
    from guidebook.data.model import missing_translations  # noqa: PLC0415

    marks = marks or {}
    languages = [lang for lang in dataset.languages if lang not in skip]
    problems = []
    for path, gaps in missing_translations(dataset, languages):
        what = _record_id(dataset, path)
        listed = ", ".join(gaps)
        keys = ", ".join(f"'{lang}:'" for lang in gaps)
        problems.append(Problem(
            "untranslated_name", format_path(path),
            f"{what} has no name in {listed}: those sites show the {dataset.languages[0]} name, "
            "marked as not yet translated",
            f"{what}의 이름이 {listed}(으)로 번역되지 않아 그 언어 사이트에 {dataset.languages[0]} "
            "이름이 '번역 전' 표시와 함께 나갑니다", file, *marks.get(path, (1, 1)),
            f"add {keys} under the name with the name in that language (the translators' guide: "
            "docs/translators.en.md)",
            f"이름 아래에 {keys} 항목으로 그 언어의 이름을 추가하세요 (번역자 안내: docs/translators.ko.md)"))
    return problems

# Registration is renewed every 3 years (the Act, since 2016): a status read
# longer ago than that may no longer hold.
REGISTRATION_RECHECK_MONTHS = 36


def trust_problems(inst, index: int, ref: _dt.date, file: str, at) -> list[Problem]:  # noqa: ANN001
    """A release refuses a medical institution or facilitator whose registration
    to attract foreign patients is unknown, was not found, or was checked
    longer ago than a registration lasts, and an accreditation or insurance
    that has expired: the page would tell patients less than they need, or
    something no longer true."""
    from guidebook.data.model import MUST_REGISTER  # noqa: PLC0415

    problems = []
    registration = inst.trust.registration
    field = f"institutions[{index}].trust.registration"
    why_en = ("Korean law lets only registered institutions and facilitators attract foreign "
              "patients, and a foreign-language guide is attraction")
    why_ko = ("의료해외진출법상 등록한 의료기관과 유치업자만 외국인환자를 유치할 수 있고, 외국어 안내서 "
              "게재도 유치에 해당합니다")
    if inst.category in MUST_REGISTER:
        if registration is None:
            problems.append(Problem(
                "trust", field,
                f"'{inst.id}' is a {inst.category} listed without a registration status: {why_en}, "
                "so patients must be told whether it is registered",
                f"'{inst.id}'({inst.category})에 외국인환자 유치기관 등록 상태가 없습니다. {why_ko}. "
                "환자에게 등록 여부를 알려야 합니다", file, *at("institutions", index, "id"),
                "add trust.registration with status (registered, not_found or unknown), checked "
                "and source; ask the partner for its registration certificate (외국인환자 유치기관 등록증)",
                "trust.registration에 status(registered, not_found, unknown), checked, source를 "
                "쓰세요. 협력기관에 외국인환자 유치기관 등록증을 요청하세요"))
        elif registration.status == "unknown":
            problems.append(Problem(
                "trust", field,
                f"'{inst.id}' has no known registration to attract foreign patients: {why_en}",
                f"'{inst.id}'의 외국인환자 유치기관 등록 여부를 알 수 없습니다. {why_ko}", file,
                *at("institutions", index, "trust", "registration", "status"),
                "ask the partner for its registration certificate (외국인환자 유치기관 등록증), then "
                "write status: registered, the year or number, the date and the source",
                "협력기관에 외국인환자 유치기관 등록증을 받아 status: registered, 연도나 번호, 확인일, "
                "출처를 쓰세요"))
        elif registration.status == "not_found":
            problems.append(Problem(
                "trust", field,
                f"'{inst.id}' was not found among the registered institutions: {why_en}, so the "
                "guide must not list an unregistered one",
                f"'{inst.id}'이(가) 등록 기관 목록에 없습니다. {why_ko}. 등록하지 않은 기관은 안내서에 "
                "실을 수 없습니다", file,
                *at("institutions", index, "trust", "registration", "status"),
                "remove the record, or get the partner's registration certificate and write "
                "status: registered", "기록을 지우거나, 등록증을 받아 status: registered로 쓰세요"))
        elif registration.checked < months_before(ref, REGISTRATION_RECHECK_MONTHS):
            problems.append(Problem(
                "trust", field,
                f"the registration of '{inst.id}' was checked on {registration.checked}, more than "
                "3 years ago: a registration must be renewed every 3 years",
                f"'{inst.id}'의 등록을 {registration.checked}에 확인했습니다. 등록은 3년마다 갱신해야 "
                "하므로 3년이 지난 확인은 유효하지 않습니다", file,
                *at("institutions", index, "trust", "registration", "checked"),
                "check the renewed certificate and write the day in checked",
                "갱신된 등록증을 확인하고 그 날짜를 checked에 쓰세요"))
    for n, mark in enumerate(inst.trust.accreditations):
        if mark.valid_until is not None and mark.valid_until < ref:
            problems.append(Problem(
                "trust", f"institutions[{index}].trust.accreditations[{n}].valid_until",
                f"the {mark.kind.upper()} mark of '{inst.id}' expired on {mark.valid_until}: the "
                "page would show patients a mark the institution no longer holds",
                f"'{inst.id}'의 {mark.kind.upper()} 인증이 {mark.valid_until}에 만료되었습니다. 더 이상 "
                "없는 인증을 환자에게 보여 주게 됩니다", file,
                *at("institutions", index, "trust", "accreditations", n, "valid_until"),
                "check the renewal in the public list and write the new valid_until, or delete "
                "the mark", "공개 목록에서 갱신 여부를 확인해 새 valid_until을 쓰거나 인증을 지우세요"))
    insurance = inst.trust.insurance
    if insurance is not None and insurance.valid_until is not None and insurance.valid_until < ref:
        problems.append(Problem(
            "trust", f"institutions[{index}].trust.insurance.valid_until",
            f"the malpractice insurance of '{inst.id}' ended on {insurance.valid_until}",
            f"'{inst.id}'의 의료사고배상책임보험이 {insurance.valid_until}에 끝났습니다", file,
            *at("institutions", index, "trust", "insurance", "valid_until"),
            "ask for the renewed policy and write its end, or write status: unknown",
            "갱신된 보험 증권을 받아 종료일을 쓰거나 status: unknown으로 쓰세요"))
    return problems


PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example\.(org|com|net)|example|test|invalid|localhost)$")


def site_url_problems(site_url: str | None, config_file: Path, display: str = "mkdocs.yml") -> list[Problem]:
    """A release needs the guide's real address: the QR codes, sitemap and
    links to each page are built from it."""
    host = urlparse(site_url or "").hostname or ""
    if host and not PLACEHOLDER_HOSTS.search(host):
        return []
    what = (f"site_url is the placeholder '{site_url}'" if site_url else "site_url is not set")
    what_ko = (f"site_url이 임시 주소 '{site_url}'입니다" if site_url else "site_url이 없습니다")
    return [Problem("site_url", "site_url", what + "; printed QR codes would lead there",
                    what_ko + ". 인쇄물의 QR 코드가 그 주소로 연결됩니다", display,
                    line_of(config_file, r"site_url\s*:"), 1,
                    "write the guide's published address, e.g. site_url: "
                    "https://www.ydp.go.kr/medical-guide/",
                    "안내서가 게시될 실제 주소를 쓰세요. 예: site_url: https://www.ydp.go.kr/medical-guide/")]


def form_problems(forms: Sequence[Form], forms_dir: Path, display: str | None = None) -> list[Problem]:
    """Medical wording that no reviewer has approved: a release refuses it."""
    folder = display or forms_dir.name
    return [Problem("unreviewed", f"review.{lang}",
                    f"the {lang} wording of the form is not reviewed (review.{lang}: "
                    f"{form.review[lang]})",
                    f"서식의 {lang} 문구가 검수되지 않았습니다 (review.{lang}: {form.review[lang]})",
                    f"{folder}/{form.id}.yaml",
                    line_of(forms_dir / f"{form.id}.yaml", rf"\s+{lang}\s*:", after=r"review\s*:"), 1,
                    f"after a qualified reviewer has approved the {lang} wording, write "
                    f"'{lang}: reviewed' under review",
                    f"자격 있는 검수자가 {lang} 문구를 승인한 뒤 review 아래에 '{lang}: reviewed'라고 쓰세요")
            for form in forms for lang in unreviewed(form)] + version_problems(forms, forms_dir, folder)


def version_problems(forms: Sequence[Form], forms_dir: Path, folder: str) -> list[Problem]:
    """A form whose current version is not recorded: the codes its summaries
    make would not be readable after its next edit. A release refuses it."""
    from guidebook.forms import handover  # noqa: PLC0415 - forms.handover imports the model only

    return [Problem("unrecorded", "version",
                    f"the version {handover.version(form)} of the form is not recorded in "
                    f"{folder}/{handover.VERSIONS_DIR}/{form.id}.json, so the QR codes made with it "
                    "could not be read after the next change of the form",
                    f"서식의 버전 {handover.version(form)}이(가) {folder}/{handover.VERSIONS_DIR}/"
                    f"{form.id}.json에 기록되지 않아, 이 버전으로 만든 QR 코드를 다음 서식 수정 뒤에는 "
                    "읽을 수 없습니다",
                    f"{folder}/{form.id}.yaml", 1, 1,
                    f"run 'guidebook forms-record' and commit {folder}/{handover.VERSIONS_DIR}/{form.id}.json",
                    f"'guidebook forms-record'를 실행하고 {folder}/{handover.VERSIONS_DIR}/{form.id}.json을 "
                    "커밋하세요")
            for form, _ in handover.unrecorded(forms_dir, forms)]


def language_problems(settings: Settings) -> list[Problem]:
    """A language still being translated (``guidebook add-language``) is not released."""
    config = settings.root / "mkdocs.yml"
    return [Problem("new_language", "extra.guidebook.new_languages",
                    f"the language '{code}' is still being translated",
                    f"'{code}' 언어는 아직 번역 중입니다", "mkdocs.yml",
                    line_of(config, r"new_languages\s*:"), 1,
                    f"translate its names and pages (guidebook coverage lists them), then remove "
                    f"'{code}' from new_languages",
                    f"이름과 페이지를 번역한 뒤(guidebook coverage로 확인) new_languages에서 "
                    f"'{code}'을(를) 지우세요")
            for code in settings.guidebook.new_languages]


def front_matter(path: Path) -> dict:
    """A page's front matter; empty when it cannot be read (guidebook/inputs.py
    reports why, with the line, before anything relies on it)."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # universal newlines, as MkDocs reads it
        match = re.match(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", text, re.S)
        data = yaml.safe_load(match.group(1)) if match else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def content_pages(docs_dir: Path, languages: Sequence[str]) -> dict[str, dict[str, Path]]:
    """Hand-written pages: ``{page: {lang: path}}`` (generated and print-only left out)."""
    pages: dict[str, dict[str, Path]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir)
        if rel.parts[0] in (GENERATED_DIR, "_print", "forms") or not path.is_file():
            continue  # generated from the data and data/forms/ (their problems point there)
        stem, _, lang = rel.with_suffix("").name.rpartition(".")
        if lang in languages:
            pages.setdefault(str(rel.parent / stem), {})[lang] = path
    return pages


def page_problems(docs_dir: Path, languages: Sequence[str], display: str | None = None) -> list[Problem]:
    """Pages missing in a language or not reviewed, at the file (and the
    front matter line) to change; ``display`` is the docs folder as editors
    name it (``content``)."""
    folder = display or docs_dir.name
    problems = []
    for page, files in content_pages(docs_dir, languages).items():
        source = files.get(languages[0]) or next(iter(files.values()))
        for lang in languages:
            path = files.get(lang)
            if path is None:
                problems.append(Problem(
                    "untranslated", f"{page}.{lang}.md",
                    f"there is no {lang} translation: the English page is shown",
                    f"{lang} 번역이 없어 영어 페이지가 나갑니다",
                    f"{folder}/{source.relative_to(docs_dir).as_posix()}", 1, 1,
                    f"translate this page into {page}.{lang}.md (docs/translators.en.md)",
                    f"이 페이지를 {page}.{lang}.md로 번역하세요 (docs/translators.ko.md)"))
            elif not is_reviewed(front_matter(path), lang, languages[0]):
                problems.append(Problem(
                    "unreviewed", REVIEW_KEY,
                    f"the translation is not reviewed ({REVIEW_KEY}: "
                    f"{front_matter(path).get(REVIEW_KEY, 'missing')})",
                    "번역 검수가 끝나지 않았습니다",
                    f"{folder}/{path.relative_to(docs_dir).as_posix()}",
                    line_of(path, rf"{REVIEW_KEY}\s*:"), 1,
                    f"after a reviewer has checked the translation, write '{REVIEW_KEY}: reviewed' "
                    "in the front matter",
                    f"검수자가 번역을 확인한 뒤 머리말에 '{REVIEW_KEY}: reviewed'라고 쓰세요"))
    return problems


def is_reviewed(meta: Mapping[str, object], lang: str, default_language: str) -> bool:
    """The default language's pages are the source; others need a reviewer's mark."""
    return lang == default_language or meta.get(REVIEW_KEY, "unreviewed") in REVIEWED


# The attributes that point at other files, as MkDocs and Material write them
# (double-quoted). A regular expression reads 2,500 pages in a fraction of the
# time an HTML parser takes.
_LINK = re.compile(r'<(?:a|link)\s[^>]*?\bhref="([^"]*)"|\ssrc="([^"]*)"')


_ID = re.compile(r'\sid="([^"]+)"')
_ID_AFTER_SPACE = re.compile(r' id="([^"]+)"')  # a literal start: six times faster


def page_ids(html: str) -> set[str]:
    """The ids a link can point to (``#id``).

    >>> sorted(page_ids('<h2 id="a">A</h2><p\\nid="b" data-id="c">'))
    ['a', 'b']
    """
    # Nearly every id follows a space: the fast pattern finds them all unless
    # some other ' id="' (after a newline, a tab, or a "data-") is in the page.
    if html.count('id="') == html.count(' id="'):
        return set(_ID_AFTER_SPACE.findall(html))
    return set(_ID.findall(html))


@functools.lru_cache(maxsize=1 << 16)
def _split_link(raw: str) -> tuple[str, bool, str, str]:
    """An href or src as written in HTML: (the URL, whether it leaves the site,
    its path, its fragment). Cached: a site repeats its navigation links on
    every page.

    >>> _split_link("../a%20b/#x&amp;y"), _split_link("https://x.org/")[1]
    (('../a%20b/#x&y', False, '../a b/', 'x&y'), True)
    """
    url = unescape(raw)
    parts = urlsplit(url)
    return url, bool(parts.scheme or parts.netloc), unquote(parts.path), unquote(parts.fragment)


def broken_links(site_dir: Path, base_path: str = "/",
                 visit: Callable[[str, str], None] | None = None) -> list[Problem]:
    """Links between the site's own pages and files that lead nowhere, and
    links to a place in a page (``#anchor``) that the page does not have.

    ``base_path`` is the path of ``site_url`` (``/`` when the site is at the
    root of its host), for links written from the root (the 404 page's).
    Each page is read once; ``visit(path, html)``, when given, sees every page
    too, so that another check of the finished pages need not read them again.
    """
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    # Every page is read before any link is followed: a link's target page
    # must have its ids, whichever page comes first.
    links: dict[str, list[tuple[str, str]]] = {}  # (href, "") or ("", src), as written
    ids: dict[str, set[str]] = {}
    for where in sorted(f for f in files if f.endswith(".html")):
        html = (site_dir / where).read_text(encoding="utf-8")
        links[where], ids[where] = _LINK.findall(html), page_ids(html)
        if visit is not None:
            visit(where, html)
    problems = []
    for where, found in links.items():
        here = posixpath.dirname(where) or "."
        for href, src in found:
            url, external, path, fragment = _split_link(href or src)
            if external:
                continue
            if not path:  # a place in this page
                # "#top" is the top of any page (HTML's own rule); "#__…" are the theme's.
                if (href and fragment and fragment != "top" and not fragment.startswith("__")
                        and fragment not in ids[where]):
                    problems.append(Problem("broken_link", where, f"link to a missing anchor '{url}'",
                                            f"'{url}' 링크의 위치(앵커)가 페이지에 없습니다"))
                continue
            if path.startswith("/"):
                if not path.startswith(base_path):
                    continue  # another site on the same host
                target = posixpath.normpath(path[len(base_path):] or ".")
            else:
                target = posixpath.normpath(posixpath.join(here, path))
            index = "index.html" if target == "." else f"{target}/index.html"
            if target not in files and index not in files:
                problems.append(Problem("broken_link", where, f"broken link to '{url}'",
                                        f"'{url}' 링크가 깨졌습니다"))
                continue
            page = target if target in files else index
            if (href and fragment and page in ids and not fragment.startswith("__")
                    and fragment not in ids[page]):
                problems.append(Problem("broken_link", where, f"link to a missing anchor '{url}'",
                                        f"'{url}' 링크의 위치(앵커)가 대상 페이지에 없습니다"))
    return problems


SUMMARY = {
    "trust": ("{n} records lack a known registration or have an expired mark (guidebook check "
              "--release lists them)", "등록 여부를 알 수 없거나 인증이 만료된 기록 {n}개 (guidebook check "
              "--release로 목록 확인)"),
    "unreviewed": ("{n} page translations are not reviewed yet (guidebook coverage lists them)",
                   "검수되지 않은 페이지 번역 {n}개 (guidebook coverage로 목록 확인)"),
    "untranslated_name": ("{n} names are not translated and show English (guidebook check "
                          "--release lists them)", "번역되지 않아 영어로 나가는 이름 {n}개 (guidebook "
                          "check --release로 목록 확인)"),
    "untranslated": ("{n} pages are not translated and show English (guidebook coverage lists them)",
                     "번역되지 않아 영어로 나가는 페이지 {n}개 (guidebook coverage로 목록 확인)"),
    "stale": ("{n} records were last verified too long ago (guidebook build --release lists them)",
              "확인한 지 오래된 기록 {n}개 (guidebook build --release로 목록 확인)"),
    "broken_link": ("{n} broken links (guidebook build --release lists them)",
                    "깨진 링크 {n}개 (guidebook build --release로 목록 확인)"),
}


# Who acts on each kind of release problem, and in which order they are listed.
ROLES = {
    "editor": ("For the editor (data, settings)", "편집자가 고칠 것 (데이터, 설정)"),
    "translator": ("For the translators", "번역자가 할 것"),
    "reviewer": ("For the reviewers (medical wording and translations)", "검수자가 할 것 (의학 용어와 번역)"),
    "developer": ("For the developers (links between built pages)", "개발자가 고칠 것 (페이지 사이 링크)"),
}
ROLE_OF = {"sample": "editor", "stale": "editor", "ended": "editor", "site_url": "editor",
           "trust": "editor", "unrecorded": "editor", "untranslated": "translator",
           "untranslated_name": "translator",
           "new_language": "translator", "unreviewed": "reviewer", "broken_link": "developer"}


def by_role(problems: Sequence[Problem]) -> str:
    """The release verdict grouped by who must act, each group counted, each
    line at the file that person edits."""
    blocks = []
    for role, (en, ko) in ROLES.items():
        mine = [p for p in problems if ROLE_OF.get(p.kind, "developer") == role]
        if mine:
            blocks.append(f"== {en}: {len(mine)} / {ko}: {len(mine)}개 ==\n"
                          + "\n".join(p.format() for p in mine))
    return "\n\n".join(blocks)


def summarized(problems: list[Problem], limit: int = 3) -> list[str]:
    """Problems as a preview build prints them: each on its own while a kind has
    few, one counted line when it has more than ``limit``."""
    lines = []
    for kind in dict.fromkeys(p.kind for p in problems):
        same = [p for p in problems if p.kind == kind]
        if len(same) > limit and kind in SUMMARY:
            en, ko = SUMMARY[kind]
            lines.append(f"{en.format(n=len(same))}\n  {ko.format(n=len(same))}")
        else:
            lines.extend(p.format() for p in same)
    return lines
