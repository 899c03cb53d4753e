"""What must be true before the guide is published, and how complete it is.

A preview build reports these problems as warnings and shows notices on the
affected pages; a release build (``GUIDEBOOK_RELEASE=1`` or ``guidebook build
--release``) refuses to publish while any is left. Dates are compared with the
reference date (``Settings.reference_date``: SOURCE_DATE_EPOCH's day, else today).
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

from .forms import Form, unreviewed
from .model import Dataset, Institution
from .render import GENERATED_DIR
from .settings import ReleaseSettings, Settings

REVIEW_KEY = "translation_review"
REVIEWED = {"source", "reviewed"}


# The release policy is ``extra.guidebook.release`` in mkdocs.yml.
Policy = ReleaseSettings


@dataclass(frozen=True)
class Problem:
    kind: str  # sample | stale | ended | unreviewed | untranslated | broken_link
    where: str
    en: str
    ko: str

    def format(self) -> str:
        return f"{self.where}: {self.en}\n  {self.where}: {self.ko}"


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


def data_problems(dataset: Dataset, ref: _dt.date, policy: Policy) -> list[Problem]:
    problems = []
    if dataset.sample:
        problems.append(Problem("sample", "data/institutions.yaml",
                                "the file holds sample data (sample: true)",
                                "샘플 데이터입니다 (sample: true)"))
    for inst in dataset.institutions:
        where = f"institution '{inst.id}'"
        if has_ended(inst, ref):
            problems.append(Problem("ended", where,
                                    f"the partner term ended on {inst.partner.to}; it is left out",
                                    f"협력 기간이 {inst.partner.to}에 끝나 제외되었습니다"))
        elif is_stale(inst, ref, policy):
            problems.append(Problem(
                "stale", where,
                f"last verified on {inst.last_verified}, more than {policy.max_age_months} months ago",
                f"마지막 확인일 {inst.last_verified}: {policy.max_age_months}개월이 넘었습니다"))
    return problems


def form_problems(forms: Sequence[Form], forms_dir: Path) -> list[Problem]:
    """Medical wording that no reviewer has approved: a release refuses it."""
    return [Problem("unreviewed", f"{forms_dir.name}/{form.id}.yaml",
                    f"the {lang} wording of the form is not reviewed (review.{lang}: "
                    f"{form.review[lang]})",
                    f"서식의 {lang} 문구가 검수되지 않았습니다 (review.{lang}: {form.review[lang]})")
            for form in forms for lang in unreviewed(form)]


def language_problems(settings: Settings) -> list[Problem]:
    """A language still being translated (``guidebook add-language``) is not released."""
    return [Problem("new_language", "mkdocs.yml extra.guidebook.new_languages",
                    f"the language '{code}' is still being translated (new_languages); when its "
                    f"names and pages are done, remove it from new_languages",
                    f"'{code}' 언어는 아직 번역 중입니다 (new_languages). 이름과 페이지 번역이 끝나면 "
                    f"new_languages에서 지우세요")
            for code in settings.guidebook.new_languages]


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    data = yaml.safe_load(match.group(1)) if match else None
    return data if isinstance(data, dict) else {}


def content_pages(docs_dir: Path, languages: Sequence[str]) -> dict[str, dict[str, Path]]:
    """Hand-written pages: ``{page: {lang: path}}`` (generated and print-only left out)."""
    pages: dict[str, dict[str, Path]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir)
        if rel.parts[0] in (GENERATED_DIR, "_print"):
            continue
        stem, _, lang = rel.with_suffix("").name.rpartition(".")
        if lang in languages:
            pages.setdefault(str(rel.parent / stem), {})[lang] = path
    return pages


def page_problems(docs_dir: Path, languages: Sequence[str]) -> list[Problem]:
    problems = []
    for page, files in content_pages(docs_dir, languages).items():
        for lang in languages:
            path = files.get(lang)
            if path is None:
                problems.append(Problem("untranslated", f"{page}.{lang}.md",
                                        "not translated: the English page is shown",
                                        "번역되지 않아 영어 페이지가 나갑니다"))
            elif not is_reviewed(front_matter(path), lang, languages[0]):
                problems.append(Problem("unreviewed", f"{page}.{lang}.md",
                                        f"the translation is not reviewed ({REVIEW_KEY}: "
                                        f"{front_matter(path).get(REVIEW_KEY, 'missing')})",
                                        "번역 검수가 끝나지 않았습니다"))
    return problems


def is_reviewed(meta: Mapping[str, object], lang: str, default_language: str) -> bool:
    """The default language's pages are the source; others need a reviewer's mark."""
    return lang == default_language or meta.get(REVIEW_KEY, "unreviewed") in REVIEWED


# The attributes that point at other files, as MkDocs and Material write them
# (double-quoted). A regular expression reads 2,500 pages in a fraction of the
# time an HTML parser takes.
_LINK = re.compile(r'<(?:a|link)\s[^>]*?\bhref="([^"]*)"|\ssrc="([^"]*)"')


def broken_links(site_dir: Path, base_path: str = "/") -> list[Problem]:
    """Links between the site's own pages and files that lead nowhere.

    ``base_path`` is the path of ``site_url`` (``/`` when the site is at the
    root of its host), for links written from the root (the 404 page's).
    """
    problems = []
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    for where in sorted(f for f in files if f.endswith(".html")):
        here = posixpath.dirname(where) or "."
        html = (site_dir / where).read_text(encoding="utf-8")
        for href, src in _LINK.findall(html):
            url = unescape(href or src)
            parts = urlparse(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = unquote(parts.path)
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
    return problems


SUMMARY = {
    "unreviewed": ("{n} page translations are not reviewed yet (guidebook coverage lists them)",
                   "검수되지 않은 페이지 번역 {n}개 (guidebook coverage로 목록 확인)"),
    "untranslated": ("{n} pages are not translated and show English (guidebook coverage lists them)",
                     "번역되지 않아 영어로 나가는 페이지 {n}개 (guidebook coverage로 목록 확인)"),
    "stale": ("{n} records were last verified too long ago (guidebook build --release lists them)",
              "확인한 지 오래된 기록 {n}개 (guidebook build --release로 목록 확인)"),
    "broken_link": ("{n} broken links (guidebook build --release lists them)",
                    "깨진 링크 {n}개 (guidebook build --release로 목록 확인)"),
}


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
